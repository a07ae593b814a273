// trim, keep, drop and max-layer-size: what of min the base keeps, and how large a layer the
// compose may write. Both rewrite layers, which only the direct assembly does. Pure.
import { planBuildxNeed } from './assembly.js';
import { InputError, oneOf, parseList } from './lists.js';
import { type Spec, TRIM_LEVELS } from './types.js';

/** A keep or drop pattern: an absolute glob, one per line, with no `..` to step out of what it names. */
function parsePatterns(input: 'keep' | 'drop', text: string): string[] {
  const out = parseList(input, text, { csv: false });
  for (const p of out) {
    if (!p.startsWith('/'))
      throw new InputError(input, `"${p}" is not an absolute path pattern: start it with /, e.g. /usr/local/cuda/include/**`);
    if (p.split('/').some((c) => c === '..' || c === '.'))
      throw new InputError(input, `"${p}" has a "." or ".." component: write the path as the image names it`);
    if (p.includes('\0')) throw new InputError(input, `"${p}" holds a NUL character`);
  }
  return out;
}

/** trim, keep and drop: what of min the base keeps; a trim rewrites min's layers, which the direct assembly does. */
export function parseTrim(get: (n: 'trim' | 'keep' | 'drop') => string): Spec['trim'] {
  const level = oneOf('trim', get('trim'), TRIM_LEVELS, 'none');
  const keep = parsePatterns('keep', get('keep'));
  const drop = parsePatterns('drop', get('drop'));
  if (level === 'none' && (keep.length || drop.length))
    throw new InputError(keep.length ? 'keep' : 'drop', 'keep and drop refine a trim: set trim: safe or needed as well');
  return { level, keep, drop };
}

const SIZE_UNITS: Record<string, number> = {
  b: 1,
  kb: 1e3,
  mb: 1e6,
  gb: 1e9,
  tb: 1e12,
  kib: 2 ** 10,
  mib: 2 ** 20,
  gib: 2 ** 30,
  tib: 2 ** 40,
};
/** The smallest cap: below it a layer holds too little for its headers to be worth a layer of its own. */
const MIN_LAYER_SIZE = 16e6;

/** max-layer-size: bytes, with an SI or IEC unit (`2GB`, `1.5GiB`, `500MB`). */
export function parseLayerSize(text: string): number | undefined {
  const t = text.trim();
  if (t === '') return undefined;
  const m = /^([0-9]+(?:\.[0-9]+)?)\s*([a-zA-Z]*)$/.exec(t);
  const unit = m ? SIZE_UNITS[(m[2] || 'b').toLowerCase()] : undefined;
  if (!m || unit === undefined)
    throw new InputError('max-layer-size', `"${t}" is not a size: give bytes with a unit, e.g. 2GB (10^9 bytes) or 1.5GiB (2^30)`);
  const bytes = Math.floor(Number(m[1]) * unit);
  if (!Number.isSafeInteger(bytes) || bytes < MIN_LAYER_SIZE)
    throw new InputError(
      'max-layer-size',
      `"${t}" is ${Number.isSafeInteger(bytes) ? `${bytes} bytes` : 'too large'}: give at least 16MB and at most 9PB`,
    );
  return bytes;
}

/**
 * max-layer-size cuts the layers the direct assembly writes: Buildx writes its own (a dry run
 * only plans them, so it may leave push off). A trim is either's: Buildx builds the trimmed
 * base in a stage of its own.
 */
export function checkTrim(spec: Spec): void {
  if (spec.maxLayerSize === undefined) return;
  const need = planBuildxNeed({ ...spec, push: spec.push || spec.dryRun });
  if (spec.assembly === 'buildx' || need)
    throw new InputError(
      'max-layer-size',
      `layers are cut by the direct assembly, and ${need ?? 'assembly: buildx was asked'}; leave max-layer-size empty, or compose with source: selective, push: true and no Buildx-only input`,
    );
}
