// Piece records in the GitHub Actions cache, one small entry per piece key
// (`triton-compose-piece-v1-<key>`), so a job on a fresh hosted runner that composes a part set
// whose layers its target repository already holds reads and compresses none of them again.
// A record is saved as soon as its layer is in the registry (a later failure of the compose
// does not make it wrong) and never replaced (a key decides its layer). Nothing here fails a
// compose: a refusal is a warning.
import { PIECE_KEY, pieceRecordFile } from '../layer/cache-files.js';
import { message } from '../util/errors.js';
import type { LayerCacheIO } from './actions-layer-store.js';

export const PIECE_KEY_PREFIX = 'triton-compose-piece-v1';

/** The Actions cache key of a piece key's record, or undefined for what is not a key. Pure. */
export function planPieceCacheKey(key: string): string | undefined {
  return PIECE_KEY.test(key) ? `${PIECE_KEY_PREFIX}-${key}` : undefined;
}

/** The direct assembly's PieceStore (direct/piece-repository.ts), on the Actions cache. */
export class ActionsPieceStore {
  private usable: boolean | undefined;
  constructor(
    private readonly io: LayerCacheIO,
    private readonly log: { warning(message: string): void },
  ) {}

  /** Whether there is a cache service here; asked once, and a failure to ask is a no. */
  private available(): boolean {
    if (this.usable === undefined) {
      try {
        this.usable = this.io.isFeatureAvailable();
      } catch (err) {
        this.log.warning(`actions cache: piece records not kept: ${message(err)}`);
        this.usable = false;
      }
    }
    return this.usable;
  }

  private warn(what: string, key: string, err: unknown): void {
    this.log.warning(`actions cache: could not ${what} the piece record ${key}: ${message(err)}`);
  }

  async restore(key: string, cacheDir: string): Promise<boolean> {
    const entry = planPieceCacheKey(key);
    if (!entry || !this.available()) return false;
    try {
      return (await this.io.restoreCache([pieceRecordFile(cacheDir, key)], entry, [])) === entry;
    } catch (err) {
      this.warn('restore', key, err);
      return false;
    }
  }

  async save(key: string, cacheDir: string): Promise<void> {
    const entry = planPieceCacheKey(key);
    if (!entry || !this.available()) return;
    const file = pieceRecordFile(cacheDir, key);
    try {
      // An entry is never replaced: saving a key the cache has fails, so ask first.
      if ((await this.io.restoreCache([file], entry, [], { lookupOnly: true })) === entry) return;
      await this.io.saveCache([file], entry);
    } catch (err) {
      this.warn('save', key, err);
    }
  }
}
