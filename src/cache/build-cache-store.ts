// Storage of the `build-cache: actions` mode: a BuildKit local cache folder kept in the
// GitHub Actions cache between runs. Key planning is pure; restore and save are the thin I/O
// around @actions/cache (the folders on disk: local-cache.ts).
import { createHash } from 'node:crypto';
import * as cache from '@actions/cache';
import { readEntries } from '../build/local-cache.js';
import { message } from '../util/errors.js';
import { type Logger } from '../util/log.js';

export type CacheLog = Pick<Logger, 'info' | 'warning'>;

/** What the main step tells the post step (core.saveState names). */
export const STATE = {
  dir: 'build-cache-dir',
  alongside: 'build-cache-alongside',
  key: 'build-cache-key',
  restored: 'build-cache-restored',
} as const;

export interface CacheKeyInput {
  release: string;
  /** Backends, repository agents and caches kept; order and duplicates do not matter. */
  parts: readonly string[];
  /** One platform (`linux/amd64`) or the list of a multi-platform build. */
  platform: string | readonly string[];
  runId: string;
  runAttempt: string;
  prefix?: string;
}

export interface CacheKeys {
  key: string;
  /** Tried in order; the service answers each with its newest entry of that prefix. */
  restoreKeys: string[];
}

export const DEFAULT_KEY_PREFIX = 'triton-compose-buildkit';
const MAX_SEGMENT = 48;

const shortHash = (text: string) => createHash('sha256').update(text).digest('hex').slice(0, 12);

// @actions/cache rejects commas and keys over 512 characters (checkKey in its cache.ts); we
// also keep to a plain alphabet so keys read well in the cache list of the repository
// settings. A segment that had to be shortened ends in a hash of the original so two long
// values do not end up with one key.
export function sanitizeKeySegment(value: string): string {
  const clean = value
    .trim()
    .replace(/\//g, '-')
    .replace(/[^A-Za-z0-9._+-]+/g, '_')
    .replace(/^[-_]+|[-_]+$/g, '');
  if (clean.length <= MAX_SEGMENT) return clean || '_';
  return `${clean.slice(0, MAX_SEGMENT - 13)}~${shortHash(value)}`;
}

export function planCacheKeys(input: CacheKeyInput): CacheKeys {
  const platforms = typeof input.platform === 'string' ? [input.platform] : [...input.platform];
  const platform = sanitizeKeySegment([...new Set(platforms.map((p) => p.trim()))].sort().join('+'));
  // The part set is hashed, not spelled out: a long backend list would make keys unbounded.
  const parts = shortHash([...new Set(input.parts.map((p) => p.trim()).filter(Boolean))].sort().join('\n'));
  const prefix = sanitizeKeySegment(input.prefix ?? DEFAULT_KEY_PREFIX);
  // Platform stays in the release-wide restore key: another platform's blobs are never hit.
  const perRelease = `${prefix}-${sanitizeKeySegment(input.release)}-${platform}-`;
  const perPartSet = `${perRelease}${parts}-`;
  // Keys are immutable in the cache service, so each run (and attempt) writes its own entry
  // and the restore keys pick the newest of the same part set, else of the same release.
  const key = `${perPartSet}${sanitizeKeySegment(input.runId)}-${sanitizeKeySegment(input.runAttempt)}`;
  return { key, restoreKeys: [perPartSet, perRelease] };
}

export interface RestoreResult {
  hit: 'exact' | 'prefix' | 'none';
  key?: string;
}

// Caching only ever speeds a build up, so like actions/cache every service problem is a
// warning and the build goes on cold. @actions/cache logs its own service errors as
// warnings and returns undefined; the catch is for what it rethrows (key validation).
/**
 * Restores the cache folder `dir`, and with it any `alongside` folders (the layer listings and
 * image configs a run reads before it builds, so a fresh runner needs none of them again).
 * Save must name the same folders: @actions/cache versions an entry by its paths.
 */
export async function restoreBuildCache(dir: string, keys: CacheKeys, log: CacheLog, alongside: string[] = []): Promise<RestoreResult> {
  if (!cache.isFeatureAvailable()) {
    log.warning('build-cache: the GitHub Actions cache service is not available here; building without a restored cache');
    return { hit: 'none' };
  }
  let matched: string | undefined;
  try {
    matched = await cache.restoreCache([dir, ...alongside], keys.key, keys.restoreKeys);
  } catch (err) {
    log.warning(`build-cache: could not restore the build cache: ${message(err)}`);
    return { hit: 'none' };
  }
  if (!matched) {
    log.info(`build-cache: no cache entry for ${keys.key} or its restore keys`);
    return { hit: 'none' };
  }
  log.info(`build-cache: restored ${matched} into ${dir}`);
  return { hit: matched === keys.key ? 'exact' : 'prefix', key: matched };
}

export type SaveResult = { saved: true; key: string; cacheId: number } | { saved: false; reason: string };

export interface SaveOptions {
  /** The key restored in the main step: an exact hit holds this key's content already. */
  restoredKey?: string;
  /** Folders saved with `dir`, as restoreBuildCache got them. */
  alongside?: string[];
}

export async function saveBuildCache(dir: string, key: string, log: CacheLog, opts: SaveOptions = {}): Promise<SaveResult> {
  const skip = (reason: string, warn = false): SaveResult => {
    if (warn) log.warning(`build-cache: not saved: ${reason}`);
    else log.info(`build-cache: not saved: ${reason}`);
    return { saved: false, reason };
  };
  if (opts.restoredKey === key) return skip(`${key} was restored as an exact hit`);
  if ((await readEntries(dir)).length === 0) return skip(`${dir} is missing or empty`);
  if (!cache.isFeatureAvailable()) return skip('the GitHub Actions cache service is not available here', true);
  let cacheId: number;
  try {
    cacheId = await cache.saveCache([dir, ...(opts.alongside ?? [])], key);
  } catch (err) {
    // saveCache keeps ReserveCacheError to itself in @actions/cache 6, but older lines threw
    // it, and a validation error is thrown still.
    const exists = err instanceof Error && err.name === cache.ReserveCacheError.name;
    return skip(exists ? `an entry for ${key} already exists` : message(err), true);
  }
  // -1: the service refused the reservation (an entry with this key exists, or another job
  // is writing it) or the upload failed; @actions/cache logged which just above.
  if (cacheId === -1) return skip(`the cache service did not take ${key} (an entry may already exist; see above)`, true);
  log.info(`build-cache: saved ${dir} as ${key}`);
  return { saved: true, key, cacheId };
}
