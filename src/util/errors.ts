// The text of anything thrown: an Error's message, else the value as a string. One definition
// for every catch that reports a failure in words.
export function message(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
