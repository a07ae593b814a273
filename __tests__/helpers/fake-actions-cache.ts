// An Actions cache in memory for unit tests: what of @actions/cache the stores use.
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { LayerCacheIO } from '../../src/cache/actions-layer-store.js';

/**
 * An Actions cache in memory, with what of @actions/cache matters here: an entry is versioned
 * by its path list, save archives the paths that exist (none: an error), restore writes back
 * what was archived, keys are written once, and a restore key matches by prefix.
 */
export class FakeCache implements LayerCacheIO {
  entries = new Map<string, { version: string; files: Map<string, Buffer> }>();
  calls: string[] = [];
  inFlight = 0;
  maxInFlight = 0;
  available = true;

  isFeatureAvailable() {
    return this.available;
  }

  private async busy<T>(work: () => Promise<T>): Promise<T> {
    this.inFlight++;
    this.maxInFlight = Math.max(this.maxInFlight, this.inFlight);
    try {
      await new Promise((resolve) => setTimeout(resolve, 2));
      return await work();
    } finally {
      this.inFlight--;
    }
  }

  restoreCache(paths: string[], key: string, restoreKeys: string[], opts: { lookupOnly?: boolean } = {}) {
    this.calls.push(`${opts.lookupOnly ? 'look up' : 'restore'} ${key}`);
    return this.busy(async () => {
      const version = paths.join('|');
      for (const k of [key, ...restoreKeys]) {
        const hit = [...this.entries].find(([name, e]) => e.version === version && (name === k || name.startsWith(k)));
        if (!hit) continue;
        if (opts.lookupOnly) return hit[0];
        for (const [p, data] of hit[1].files) {
          await mkdir(dirname(p), { recursive: true });
          await writeFile(p, data);
        }
        return hit[0];
      }
      return undefined;
    });
  }

  saveCache(paths: string[], key: string) {
    this.calls.push(`save ${key}`);
    return this.busy(async () => {
      const stored = new Map<string, Buffer>();
      for (const p of paths) {
        const data = await readFile(p).catch(() => undefined);
        if (data) stored.set(p, data);
      }
      if (stored.size === 0) throw new Error('Path Validation Error: Path(s) specified in the action for caching do(es) not exist');
      if (this.entries.has(key)) return -1;
      this.entries.set(key, { version: paths.join('|'), files: stored });
      return this.entries.size;
    });
  }
}
