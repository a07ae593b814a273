// Input list rules as docker/build-push-action has them: a List is one item per line, and a
// List/CSV also splits each line on commas, with CSV quoting ("a,b" stays one item).
// csv-parse does the quoting, as in build-push-action's Util.getInputList.
import { parse } from 'csv-parse/sync';

export class InputError extends Error {
  constructor(
    readonly input: string,
    message: string,
  ) {
    super(`${input}: ${message}`);
    this.name = 'InputError';
  }
}

export function parseList(text: string, opts: { csv: boolean }): string[] {
  const out: string[] = [];
  for (const line of text.split(/\r?\n/)) {
    if (line.trim() === '') continue;
    if (!opts.csv) {
      out.push(line.trim());
      continue;
    }
    const records = parse(line, {
      columns: false,
      relaxQuotes: true,
      relaxColumnCount: true,
      skipEmptyLines: true,
      trim: true,
    }) as string[][];
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
