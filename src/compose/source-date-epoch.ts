// SOURCE_DATE_EPOCH, the one timestamp of every file and of the config: as the caller's
// environment gives it, or else the full image's creation time (the same for every run of a
// release, so the compose key and the image stay reproducible).
import { InputError } from '../spec/lists.js';

/** SOURCE_DATE_EPOCH as the environment gives it (reproducible-builds.org: a decimal count of seconds). */
export function parseSourceDateEpoch(text: string | undefined): number | undefined {
  const t = (text ?? '').trim();
  if (t === '') return undefined;
  if (!/^\d{1,12}$/.test(t)) throw new InputError('SOURCE_DATE_EPOCH', `"${t}" is not a number of seconds since 1970 (e.g. 1700000000)`);
  return Number(t);
}

/** SOURCE_DATE_EPOCH from the full image's creation time (the same for every run of a release). */
export function planSourceDateEpoch(created: string | undefined): number {
  const ms = created ? Date.parse(created) : NaN;
  return Number.isFinite(ms) ? Math.floor(ms / 1000) : 0;
}
