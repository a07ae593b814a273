// One interface for the stores that keep a layer's cache files (its table of contents, and for
// the full image's own layers its index: cache-files.ts) outside the cache folder: the GitHub
// Actions cache (actions-layer-store.ts) and a repository of the user's registry
// (index-repository.ts). Both ask for a layer whose files are not all on disk, and both save
// what the store lacks by the same rule (planSaveKind).
import { type LocalFiles } from '../layer/cache-files.js';
import { type Logger } from '../util/log.js';

export type StoreLog = Pick<Logger, 'info' | 'warning'>;

/** What a store holds of a layer: both files (`index`), the table of contents alone (`toc`), or nothing. */
export type Held = 'index' | 'toc' | 'none';

export interface LayerRestoreCounts {
  /** Layers (distinct digests) asked about; what is not a digest is left out. */
  layers: number;
  /** Layers whose files were all on disk already. */
  present: number;
  /** Layers restored with their index / with their table of contents alone. */
  restoredIndex: number;
  restoredToc: number;
}

export interface LayerSaveResult {
  /** Names written (an Actions cache key, a tag). */
  saved: string[];
  /** Names the store did not take or that could not be written (already warned or logged). */
  failed: string[];
}

/** Where a layer's cache files are kept besides the cache folder. Nothing of it fails a compose. */
export interface LayerFileStore {
  /** What the store holds of each of these layers (what is not a digest is left out). */
  holds(digests: readonly string[]): Promise<Map<string, Held>>;
  /** Brings into the cache folder the files of these layers that are not all on disk. */
  restore(digests: readonly string[]): Promise<LayerRestoreCounts>;
  /** Saves the files on disk of these layers that the store lacks (planSaveKind). */
  save(digests: readonly string[]): Promise<LayerSaveResult>;
}

/** Whether to ask a store for a layer: a table of contents alone is asked for too, the layer may be full's own this time. Pure. */
export function planAsk(local: LocalFiles): boolean {
  return !(local.toc && local.index);
}

/**
 * What to save of a layer, from what the store holds and what is on disk after the run: both
 * files when the store lacks the index, the table of contents alone when it holds nothing, else
 * nothing. The index alone is never saved: it is never read without its table of contents. Pure.
 */
export function planSaveKind(held: Held, local: LocalFiles): 'index' | 'toc' | undefined {
  if (!local.toc) return undefined;
  if (local.index) return held === 'index' ? undefined : 'index';
  return held === 'none' ? 'toc' : undefined;
}

/** The distinct digests a store has a name for, in the order asked. */
export function planStoreDigests(digests: readonly string[], named: (digest: string) => unknown): string[] {
  return [...new Set(digests)].filter((d) => named(d) !== undefined);
}
