// The action's two Actions-cache hooks into the pipeline: before a selective read, restore the
// layer indexes one entry per layer digest; before a build-cache actions build, restore the
// BuildKit cache folder. Each leaves in the step state what the post step must save.
import { join } from 'node:path';
import {
  LAYER_STATE,
  type LayerCacheIO,
  actionsCache,
  describeRestore,
  formatPending,
  restoreLayerCaches,
} from '../cache/actions-layer-store.js';
import { ActionsPieceStore } from '../cache/actions-piece-store.js';
import { STATE, planCacheKeys, restoreBuildCache } from '../cache/build-cache-store.js';
import type { ComposeOptions } from '../compose/compose.js';
import type { Spec } from '../spec/types.js';
import { message } from '../util/errors.js';
import type { Logger } from '../util/log.js';
import type { ActionCore } from './core.js';

/** The Actions cache calls the hooks make: @actions/cache by default. */
export interface RestoreStores {
  restoreLayerCaches: typeof restoreLayerCaches;
  restoreBuildCache: typeof restoreBuildCache;
  /** The Actions cache calls of piece records; default @actions/cache. */
  pieceCache?: LayerCacheIO;
}

export const ACTIONS_RESTORE: RestoreStores = { restoreLayerCaches, restoreBuildCache };

export interface CacheWiring {
  spec: Spec;
  core: ActionCore;
  log: Logger;
  env: NodeJS.ProcessEnv;
  /** The tool cache folder of triton-compose (toc/, config/, buildkit/ inside). */
  cacheRoot: string;
  stores?: RestoreStores;
}

/** What keys the build cache besides the release and platforms: the kept parts and options. Pure. */
export function planBuildCacheParts(spec: Spec): string[] {
  return [
    spec.gpu ? 'gpu' : 'cpu',
    spec.runtimeDeps,
    ...spec.backends,
    ...spec.repoagents.map((r) => `agent:${r}`),
    ...spec.caches.map((c) => `cache:${c}`),
    ...(spec.user ? [`user:${spec.user}`] : []),
  ];
}

export function actionsCacheHooks(w: CacheWiring): Pick<ComposeOptions, 'restoreLayerCache' | 'restoreLocalCache' | 'pieces'> {
  const { core, log } = w;
  const stores = w.stores ?? ACTIONS_RESTORE;
  return {
    // direct assembly: a part layer's record, kept as soon as the layer is in the registry.
    pieces: new ActionsPieceStore(stores.pieceCache ?? actionsCache, core),
    // source selective: the post step saves the layers this run had to index itself.
    restoreLayerCache: async (digests, dir) => {
      core.startGroup('Restoring layer indexes from the Actions cache');
      let restored;
      try {
        restored = await stores.restoreLayerCaches(digests, dir, log).finally(() => core.endGroup());
      } catch (err) {
        core.warning(`layer-cache: could not restore the layer indexes: ${message(err)}`);
        return;
      }
      if (!restored.available) return;
      core.info(describeRestore(restored));
      if (restored.pending.length === 0) return;
      core.saveState(LAYER_STATE.dir, dir);
      core.saveState(LAYER_STATE.pending, formatPending(restored.pending));
    },
    // build-cache actions: the post step saves the folder under this run's key, after the
    // build has promoted it.
    restoreLocalCache: async (dir, about) => {
      const keys = planCacheKeys({
        release: about.series,
        parts: planBuildCacheParts(w.spec),
        platform: about.platforms,
        runId: w.env.GITHUB_RUN_ID || String(Date.now()),
        runAttempt: w.env.GITHUB_RUN_ATTEMPT || '1',
      });
      const alongside = [join(w.cacheRoot, 'toc'), join(w.cacheRoot, 'config')];
      const restored = await stores.restoreBuildCache(dir, keys, log, alongside);
      core.saveState(STATE.dir, dir);
      core.saveState(STATE.alongside, alongside.join('\n'));
      core.saveState(STATE.key, keys.key);
      if (restored.key) core.saveState(STATE.restored, restored.key);
    },
  };
}
