// The action's post step: with build-cache actions, save the BuildKit cache folder the main
// step restored, built into and promoted, under this run's key; with source selective, save
// the layer indexes the main step did not find in the Actions cache. Every problem is a
// warning: a cache only ever speeds a later build up.
import { LAYER_STATE, describeSave, parsePending, saveLayerCaches } from '../cache/actions-layer-store.js';
import { STATE, saveBuildCache } from '../cache/build-cache-store.js';
import { message } from '../util/errors.js';
import { type ActionCore, realCore } from './core.js';

/** The Actions cache calls the post step makes: @actions/cache by default. */
export interface SaveStores {
  saveBuildCache: typeof saveBuildCache;
  saveLayerCaches: typeof saveLayerCaches;
}

export interface PostDeps {
  core: ActionCore;
  save: SaveStores;
}

async function postBuildCache({ core, save }: PostDeps): Promise<void> {
  const dir = core.getState(STATE.dir);
  const key = core.getState(STATE.key);
  if (!dir || !key) return; // not build-cache actions, or the main step stopped before the build
  const restoredKey = core.getState(STATE.restored);
  const alongside = core.getState(STATE.alongside).split('\n').filter(Boolean);
  const log = { info: (m: string) => core.info(m), warning: (m: string) => core.warning(m) };
  try {
    await save.saveBuildCache(dir, key, log, { alongside, ...(restoredKey ? { restoredKey } : {}) });
  } catch (err) {
    core.warning(`build-cache: could not save the build cache: ${message(err)}`);
  }
}

async function postLayerCache({ core, save }: PostDeps): Promise<void> {
  const dir = core.getState(LAYER_STATE.dir);
  const pending = parsePending(core.getState(LAYER_STATE.pending));
  if (!dir || pending.length === 0) return; // not selective, or every layer came from the cache
  const log = { info: (m: string) => core.info(m), warning: (m: string) => core.warning(m) };
  core.startGroup('Saving layer indexes to the Actions cache');
  try {
    const saved = await save.saveLayerCaches(pending, dir, log).finally(() => core.endGroup());
    if (saved.saved.length + saved.failed.length > 0) core.info(describeSave(saved));
  } catch (err) {
    core.warning(`layer-cache: could not save the layer indexes: ${message(err)}`);
  }
}

export async function post(overrides: Partial<PostDeps> = {}): Promise<void> {
  const d: PostDeps = { core: realCore, save: { saveBuildCache, saveLayerCaches }, ...overrides };
  await postBuildCache(d);
  await postLayerCache(d);
}
