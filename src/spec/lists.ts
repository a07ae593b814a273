// Input list rules as docker/build-push-action has them: a List is one item per line, and a
// List/CSV also splits each line on commas, with CSV quoting ("a,b" stays one item).
// csv-parse does the quoting, as in build-push-action's Util.getInputList.
import { parse } from 'csv-parse/sync';

// eslint-disable-next-line no-control-regex
const CONTROLS = /[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g;
const ESCAPES: Record<string, string> = { '\n': '\\n', '\r': '\\r', '\t': '\\t' };

/**
 * The text with control and bidi characters written as escapes: an input may carry a newline
 * or an ANSI sequence, and its error must stay one plain line in a log or a terminal.
 */
export function escapeControls(text: string): string {
  return text.replace(CONTROLS, (c) => ESCAPES[c] ?? `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

export class InputError extends Error {
  constructor(
    readonly input: string,
    message: string,
  ) {
    super(`${input}: ${escapeControls(message)}`);
    this.name = 'InputError';
  }
}

/** An input's List (or List/CSV) items; a CSV line csv-parse cannot read is the input's error. */
export function parseList(input: string, text: string, opts: { csv: boolean }): string[] {
  const out: string[] = [];
  for (const line of text.split(/\r?\n/)) {
    if (line.trim() === '') continue;
    if (!opts.csv) {
      out.push(line.trim());
      continue;
    }
    let records: string[][];
    try {
      records = parse(line, { columns: false, relaxQuotes: true, relaxColumnCount: true, skipEmptyLines: true, trim: true }) as string[][];
    } catch (err) {
      const why = err instanceof Error ? err.message.split(':')[0] : 'unreadable';
      throw new InputError(input, `"${line.trim()}" is not a comma-separated line (${why}): close each quote on its line`);
    }
    for (const record of records) for (const item of record) if (item !== '') out.push(item);
  }
  return out;
}

/** YAML 1.2 core booleans, as @actions/core's getBooleanInput accepts them. */
export function parseBool(input: string, text: string, fallback: boolean): boolean {
  const t = text.trim();
  if (t === '') return fallback;
  if (['true', 'True', 'TRUE'].includes(t)) return true;
  if (['false', 'False', 'FALSE'].includes(t)) return false;
  throw new InputError(input, `"${t}" is not a boolean: use true or false`);
}

export function oneOf<T extends string>(input: string, text: string, allowed: readonly T[], fallback: T): T {
  const t = text.trim();
  if (t === '') return fallback;
  if ((allowed as readonly string[]).includes(t)) return t as T;
  throw new InputError(input, `"${t}" is not one of: ${allowed.join(', ')}`);
}
