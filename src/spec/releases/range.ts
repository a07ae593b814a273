// A fact that holds over a run of releases, and the lookup of the run a release falls in.
// Releases are `YY.MM` strings, which compare in release order as plain strings.

/** `value` holds for releases `from` … `to` (both included); no `to`: up to the newest row. */
export interface Range<T> {
  from: string;
  to?: string;
  value: T;
}

export function inRange(version: string, r: { from: string; to?: string }): boolean {
  return version >= r.from && (r.to === undefined || version <= r.to);
}

/** The value of the range `version` falls in; a family without one for it is a bug in the table. */
export function valueAt<T>(ranges: readonly Range<T>[], version: string): T {
  const hit = ranges.find((r) => inRange(version, r));
  if (!hit) throw new Error(`the release table has no fact for ${version}`);
  return hit.value;
}

/** Every value whose range holds `version`, in table order (for facts that add up). */
export function valuesAt<T>(ranges: readonly Range<T>[], version: string): T[] {
  return ranges.filter((r) => inRange(version, r)).map((r) => r.value);
}
