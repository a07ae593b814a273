// cache-from / cache-to entries in Buildx's syntax (`type=registry,ref=…,mode=max`), checked
// before anything runs: an unknown type or key, or a bad value, is an error naming the input
// and what is accepted. Pure. Buildx's own rules (docs: /build/cache/backends/):
// a bare reference means type=registry,ref=<it>; `inline` is export-only; `src` and `digest`
// belong to a local import, `dest` to a local export.
import { parse } from 'csv-parse/sync';
import { InputError } from './lists.js';
import { parseReference } from '../oci/reference.js';
import { DIGEST } from '../oci/digest.js';

export type CacheDirection = 'cache-from' | 'cache-to';
export const CACHE_TYPES = ['registry', 'local', 'gha', 'inline'] as const;
export type CacheType = (typeof CACHE_TYPES)[number];

export interface CacheEntry {
  type: CacheType;
  attrs: Record<string, string>;
  /** The entry as Buildx gets it (the user's text, or the expanded bare reference). */
  text: string;
}

const BOOL = ['true', 'false'];
const MODES = ['min', 'max'];
const COMPRESSIONS = ['gzip', 'estargz', 'zstd', 'uncompressed'];

type Check = (value: string) => string | undefined; // an error, or nothing when fine
const oneOf =
  (allowed: string[]): Check =>
  (v) =>
    allowed.includes(v) ? undefined : `use ${allowed.join(' or ')}`;
const nonEmpty: Check = (v) => (v.trim() === '' ? 'give a value' : undefined);
const integer =
  (lo: number, hi: number): Check =>
  (v) =>
    /^\d+$/.test(v) && +v >= lo && +v <= hi ? undefined : `use a whole number from ${lo} to ${hi}`;
const reference: Check = (v) => {
  const r = parseReference(v);
  return typeof r === 'string' ? `"${v}" is not an image reference: ${r}` : undefined;
};

const exportTuning: Record<string, Check> = {
  mode: oneOf(MODES),
  'ignore-error': oneOf(BOOL),
  compression: oneOf(COMPRESSIONS),
  'compression-level': integer(0, 22),
  'force-compression': oneOf(BOOL),
  'oci-mediatypes': oneOf(BOOL),
  'image-manifest': oneOf(BOOL),
};

/** Keys each type accepts, per direction. */
const KEYS: Record<CacheType, Record<CacheDirection, Record<string, Check>>> = {
  registry: {
    'cache-from': { ref: reference },
    'cache-to': { ref: reference, ...exportTuning },
  },
  local: {
    'cache-from': { src: nonEmpty, digest: (v) => (DIGEST.test(v) ? undefined : 'use sha256:<64 hex digits>'), tag: nonEmpty },
    'cache-to': { dest: nonEmpty, tag: nonEmpty, ...exportTuning },
  },
  gha: {
    'cache-from': { scope: nonEmpty, url: nonEmpty, url_v2: nonEmpty, token: nonEmpty, timeout: nonEmpty, version: oneOf(['1', '2']) },
    'cache-to': {
      scope: nonEmpty,
      url: nonEmpty,
      url_v2: nonEmpty,
      token: nonEmpty,
      timeout: nonEmpty,
      version: oneOf(['1', '2']),
      mode: oneOf(MODES),
      'ignore-error': oneOf(BOOL),
      repository: nonEmpty,
      ghtoken: nonEmpty,
    },
  },
  inline: { 'cache-from': {}, 'cache-to': {} },
};

/** Keys a type needs, per direction. */
const REQUIRED: Partial<Record<CacheType, Partial<Record<CacheDirection, string[]>>>> = {
  registry: { 'cache-from': ['ref'], 'cache-to': ['ref'] },
  local: { 'cache-from': ['src'], 'cache-to': ['dest'] },
};

/** Attribute values that are credentials: masked in logs. */
export const SECRET_KEYS = ['token', 'ghtoken'];

export function parseCacheEntry(input: CacheDirection, text: string): CacheEntry {
  const t = text.trim();
  if (/[\r\n\0]/.test(t)) throw new InputError(input, 'an entry must be one line');
  if (!t.includes('=')) {
    const err = reference(t);
    if (err) throw new InputError(input, `${err} (a bare value is a registry reference; otherwise use type=…,key=value)`);
    return { type: 'registry', attrs: { ref: t }, text: `type=registry,ref=${t}` };
  }
  let fields: string[];
  try {
    fields = (parse(t, { relaxQuotes: false, trim: true }) as string[][])[0] ?? [];
  } catch {
    throw new InputError(input, `"${t}" is not a comma-separated list of key=value (check the quotes)`);
  }
  const attrs: Record<string, string> = {};
  for (const f of fields) {
    const eq = f.indexOf('=');
    if (eq <= 0) throw new InputError(input, `"${f}" in "${t}" is not key=value`);
    const key = f.slice(0, eq).trim().toLowerCase();
    if (key in attrs) throw new InputError(input, `"${key}" is given twice in "${t}"`);
    attrs[key] = f.slice(eq + 1);
  }
  const type = attrs.type;
  if (type === undefined) throw new InputError(input, `"${t}" has no type: start with type=${CACHE_TYPES.join('|')}`);
  if (!(CACHE_TYPES as readonly string[]).includes(type)) {
    throw new InputError(input, `type "${type}" is not supported; use one of: ${CACHE_TYPES.join(', ')}`);
  }
  const cacheType = type as CacheType;
  if (cacheType === 'inline' && input === 'cache-from') {
    throw new InputError(
      input,
      'type=inline is for cache-to; to read an inline cache, give the image reference (type=registry,ref=<image>)',
    );
  }
  const allowed = KEYS[cacheType][input];
  for (const [key, value] of Object.entries(attrs)) {
    if (key === 'type') continue;
    const check = allowed[key];
    if (!check) {
      const keys = Object.keys(allowed);
      throw new InputError(
        input,
        `type=${cacheType} does not take "${key}" here; ${keys.length ? `accepted: ${keys.join(', ')}` : 'it takes no other keys'}`,
      );
    }
    const err = check(value);
    if (err) throw new InputError(input, `${key}=${value}: ${err}`);
  }
  for (const key of REQUIRED[cacheType]?.[input] ?? []) {
    if (!(key in attrs)) throw new InputError(input, `type=${cacheType} needs ${key}=… in "${t}"`);
  }
  delete attrs.type;
  return { type: cacheType, attrs, text: t };
}

export function parseCacheEntries(input: CacheDirection, items: string[]): CacheEntry[] {
  return items.map((i) => parseCacheEntry(input, i));
}

/** Credential values inside a spec's cache entries (gha token=…), to mask. */
export function cacheSecrets(spec: { cacheFrom: CacheEntry[]; cacheTo: CacheEntry[] }): string[] {
  return [...spec.cacheFrom, ...spec.cacheTo].flatMap((e) => SECRET_KEYS.map((k) => e.attrs[k]).filter((v): v is string => !!v));
}
