// The per-layer cache files (a layer's table of contents, and for the full image's own layers
// its index) kept in the GitHub Actions cache, one entry per layer digest, so a fresh runner
// reads none of the layers it has indexed before. Why the keys name what an entry holds
// (`…-index`, `…-toc`) and in which order they are asked: docs/seekable-index.md.
import { mkdir } from 'node:fs/promises';
import * as cache from '@actions/cache';
import { message } from '../util/errors.js';
import { runPool } from '../util/pool.js';
import { ANY_DIGEST } from '../oci/digest.js';
import { LAYER_FILES_FORMAT, type LocalFiles, layerCacheFiles, readLocalFiles } from '../layer/cache-files.js';
import {
  type Held,
  type LayerFileStore,
  type LayerRestoreCounts,
  type LayerSaveResult,
  type StoreLog,
  planAsk,
  planSaveKind,
  planStoreDigests,
} from './layer-file-store.js';

export type { LayerSaveResult } from './layer-file-store.js';
export type CacheLog = StoreLog;

/** What the main step tells the post step (core.saveState names). */
export const LAYER_STATE = { dir: 'layer-cache-dir', pending: 'layer-cache-pending' } as const;

export const LAYER_KEY_PREFIX = 'triton-compose-layer';
// v<scheme>.<table of contents format>.<index format>: files of another format are rebuilt on
// read, and an immutable entry of them would be restored, rebuilt and never replaced, so a
// format change starts new keys.
const KEY_VERSION = `v1.${LAYER_FILES_FORMAT}`;
/** Restores (and saves) at once; each is a service call, a download and a tar process. */
export const LAYER_CACHE_CONCURRENCY = 4;

/** The digests layer-index.ts accepts; anything else has no cache files and no key. */
const MAX_KEY = 512; // @actions/cache's checkKey (also: no commas, which a digest has none of)

export interface LayerKeys {
  /** The entry holding the table of contents and the index. */
  index: string;
  /** The entry holding the table of contents alone (a layer read as min's). */
  toc: string;
}

/** The two keys of a layer's entry, or undefined for what is not a digest. Pure. */
export function planLayerKeys(digest: string): LayerKeys | undefined {
  if (!ANY_DIGEST.test(digest)) return undefined;
  const base = `${LAYER_KEY_PREFIX}-${KEY_VERSION}-${digest.replace(':', '-')}`;
  const keys = { index: `${base}-index`, toc: `${base}-toc` };
  return keys.index.length <= MAX_KEY ? keys : undefined;
}

export interface RestoreRequest {
  key: string;
  restoreKeys: string[];
}

/**
 * What to ask the Actions cache for a layer, or undefined when both files are here already.
 * A table of contents without an index is asked for too: the layer may be full's own this time
 * (and the index cached), or min's (and nothing more to get); nothing on disk tells which. Pure.
 */
export function planLayerRestore(keys: LayerKeys, local: LocalFiles): RestoreRequest | undefined {
  return planAsk(local) ? { key: keys.index, restoreKeys: [keys.toc] } : undefined;
}

/** What the Actions cache holds for a layer, as the key a restore matched tells. Pure. */
export function heldBy(keys: LayerKeys, matched: string | undefined): Held {
  if (matched === keys.index) return 'index';
  if (matched === keys.toc) return 'toc';
  return 'none';
}

/** A layer the Actions cache may lack something of: the post step looks at it again. */
export interface PendingLayer {
  digest: string;
  held: Exclude<Held, 'index'>;
}

/**
 * The entry to write for a pending layer, from what is on disk after the run, or undefined
 * when the cache holds all of it already or there is nothing to save. Pure.
 */
export function planLayerSave(keys: LayerKeys, held: Held, local: LocalFiles): string | undefined {
  const kind = planSaveKind(held, local);
  return kind && keys[kind];
}

/** The pending layers as a state value (one `<digest> <held>` per line). Pure. */
export function formatPending(pending: readonly PendingLayer[]): string {
  return pending.map((p) => `${p.digest} ${p.held}`).join('\n');
}

/** The pending layers from a state value; lines that do not parse are left out. Pure. */
export function parsePending(text: string): PendingLayer[] {
  const out: PendingLayer[] = [];
  for (const line of text.split('\n')) {
    const [digest, held, ...rest] = line.trim().split(' ');
    if (rest.length === 0 && digest && ANY_DIGEST.test(digest) && (held === 'toc' || held === 'none')) out.push({ digest, held });
  }
  return out;
}

/** The part of @actions/cache this module uses. */
export interface LayerCacheIO {
  isFeatureAvailable(): boolean;
  /** With `lookupOnly`, the key an entry would be restored by, and nothing written. */
  restoreCache(paths: string[], key: string, restoreKeys: string[], opts?: { lookupOnly?: boolean }): Promise<string | undefined>;
  saveCache(paths: string[], key: string): Promise<number>;
}

export const actionsCache: LayerCacheIO = {
  isFeatureAvailable: () => cache.isFeatureAvailable(),
  restoreCache: (paths, key, restoreKeys, opts) => cache.restoreCache(paths, key, restoreKeys, opts),
  saveCache: (paths, key) => cache.saveCache(paths, key),
};

export interface LayerRestoreResult extends LayerRestoreCounts {
  /** False when there is no Actions cache service here: nothing was tried. */
  available: boolean;
  /** For the post step: every layer the Actions cache did not hold with its index. */
  pending: PendingLayer[];
}

// Like the build cache, this only ever speeds a run up: every service problem is a warning
// and the layer is read from the registry. @actions/cache logs its own service errors (as
// warnings) and returns undefined; the catch is for what it rethrows (key validation).
/** The Actions cache as a LayerFileStore: one entry per layer digest, its key naming what it holds. */
export class ActionsLayerStore implements LayerFileStore {
  /** What the Actions cache holds of a layer, as a restore (or the main step's state) told. */
  private readonly known = new Map<string, Held>();

  constructor(
    private readonly cacheDir: string,
    private readonly log: CacheLog,
    private readonly io: LayerCacheIO = actionsCache,
    known: readonly PendingLayer[] = [],
  ) {
    for (const p of known) this.known.set(p.digest, p.held);
  }

  /** The entry a restore of the layer would match, without restoring it (a lookup for what no restore told). */
  private async lookUp(digest: string, lookupOnly: boolean): Promise<Held> {
    const keys = planLayerKeys(digest) as LayerKeys;
    let matched: string | undefined;
    try {
      const paths = layerCacheFiles(this.cacheDir, digest);
      matched = await this.io.restoreCache(paths, keys.index, [keys.toc], ...(lookupOnly ? [{ lookupOnly }] : []));
    } catch (err) {
      this.log.warning(`layer-cache: could not ${lookupOnly ? 'look up' : 'restore'} ${digest}: ${message(err)}`);
    }
    const held = heldBy(keys, matched);
    this.known.set(digest, held);
    return held;
  }

  async holds(digests: readonly string[]): Promise<Map<string, Held>> {
    const layers = planStoreDigests(digests, planLayerKeys);
    const unknown = layers.filter((d) => !this.known.has(d));
    if (unknown.length && this.io.isFeatureAvailable())
      await runPool(unknown, LAYER_CACHE_CONCURRENCY, async (d) => {
        await this.lookUp(d, true);
      });
    return new Map(layers.filter((d) => this.known.has(d)).map((d) => [d, this.known.get(d) as Held]));
  }

  /** Restores the cache files of `digests` that are not on disk. */
  async restore(digests: readonly string[]): Promise<LayerRestoreResult> {
    const layers = planStoreDigests(digests, planLayerKeys);
    const result: LayerRestoreResult = {
      available: true,
      layers: layers.length,
      present: 0,
      restoredIndex: 0,
      restoredToc: 0,
      pending: [],
    };
    if (!this.io.isFeatureAvailable()) {
      this.log.info(
        'layer-cache: the GitHub Actions cache service is not available here; layers without cached indexes are read from the registry',
      );
      return { ...result, available: false };
    }
    const held = new Map<string, PendingLayer['held']>();
    // The folder first: GNU tar processes extracting at once into a folder that does not exist
    // yet race to create it, and one of them fails ("Cannot open: No such file or directory").
    await mkdir(this.cacheDir, { recursive: true });
    await runPool(layers, LAYER_CACHE_CONCURRENCY, async (digest) => {
      if (!planAsk(await readLocalFiles(this.cacheDir, digest))) {
        result.present++;
        return;
      }
      const h = await this.lookUp(digest, false);
      if (h === 'index') result.restoredIndex++;
      else {
        if (h === 'toc') result.restoredToc++;
        held.set(digest, h);
      }
    });
    // In the order asked, so the state (and the post step's log) reads like the image.
    result.pending = layers.filter((d) => held.has(d)).map((digest) => ({ digest, held: held.get(digest) as PendingLayer['held'] }));
    return result;
  }

  /**
   * Saves the cache files the run left on disk of the layers the Actions cache lacks, one entry
   * per layer, as planLayerSave says. Layers with no files (never read: the run stopped early)
   * are left out.
   */
  async save(digests: readonly string[]): Promise<LayerSaveResult> {
    const result: LayerSaveResult = { saved: [], failed: [] };
    const jobs: Array<{ digest: string; key: string }> = [];
    for (const [digest, held] of await this.holds(digests)) {
      const key = planLayerSave(planLayerKeys(digest) as LayerKeys, held, await readLocalFiles(this.cacheDir, digest));
      if (key) jobs.push({ digest, key });
    }
    if (jobs.length === 0) return result;
    if (!this.io.isFeatureAvailable()) {
      this.log.info('layer-cache: the GitHub Actions cache service is not available here; layer indexes not saved');
      return { saved: [], failed: jobs.map((j) => j.key) };
    }
    await runPool(jobs, LAYER_CACHE_CONCURRENCY, async ({ digest, key }) => {
      if (await this.saveOne(digest, key)) result.saved.push(key);
      else result.failed.push(key);
    });
    return result;
  }

  private async saveOne(digest: string, key: string): Promise<boolean> {
    let id: number;
    try {
      id = await this.io.saveCache(layerCacheFiles(this.cacheDir, digest), key);
    } catch (err) {
      this.log.warning(`layer-cache: could not save ${key}: ${message(err)}`);
      return false;
    }
    // -1: refused or failed, and @actions/cache said why just above. The common refusal is
    // another job of the same workflow (a matrix over part sets) saving the same layer at the
    // same time, which is no problem: an info line, not a warning per layer. @actions/cache 6
    // reports a reservation it could not make at all (service unreachable) with the same info
    // line as a refused one, so that case is not told apart here either; an upload that fails
    // after the reservation it warns about itself.
    if (id === -1) {
      this.log.info(`layer-cache: the cache service did not take ${key} (another job may have saved it; see above)`);
      return false;
    }
    return true;
  }
}

/** Restores the cache files of `digests` into `cacheDir` that are not on disk (the main step). */
export async function restoreLayerCaches(
  digests: readonly string[],
  cacheDir: string,
  log: CacheLog,
  io: LayerCacheIO = actionsCache,
): Promise<LayerRestoreResult> {
  return new ActionsLayerStore(cacheDir, log, io).restore(digests);
}

/** Saves the pending layers' cache files that the run left on disk (the post step, with the main step's state). */
export async function saveLayerCaches(
  pending: readonly PendingLayer[],
  cacheDir: string,
  log: CacheLog,
  io: LayerCacheIO = actionsCache,
): Promise<LayerSaveResult> {
  return new ActionsLayerStore(cacheDir, log, io, pending).save(pending.map((p) => p.digest));
}

/** One line for the log. Pure. */
export function describeRestore(r: LayerRestoreCounts): string {
  const missing = r.layers - r.present - r.restoredIndex - r.restoredToc;
  return `layer-cache: ${r.layers} layers: ${r.present} on disk already, ${r.restoredIndex} restored with their index, ${r.restoredToc} with their table of contents alone, ${missing} not in the Actions cache`;
}

/** One line for the log. Pure. */
export function describeSave(r: LayerSaveResult): string {
  return `layer-cache: saved ${r.saved.length} of ${r.saved.length + r.failed.length} layer entries`;
}
