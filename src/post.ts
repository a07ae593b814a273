// The action's post step: with build-cache actions, save the BuildKit cache folder the main
// step restored, built into and promoted, under this run's key. Every problem is a warning:
// a cache only ever speeds a later build up.
import * as core from '@actions/core';
import { STATE, saveBuildCache } from './build-cache-store.js';

export async function post(): Promise<void> {
  const dir = core.getState(STATE.dir);
  const key = core.getState(STATE.key);
  if (!dir || !key) return; // not the actions mode, or the main step stopped before the build
  const restoredKey = core.getState(STATE.restored);
  const alongside = (core.getState(STATE.alongside) || '').split('\n').filter(Boolean);
  try {
    await saveBuildCache(dir, key, { info: core.info, warning: core.warning }, { alongside, ...(restoredKey ? { restoredKey } : {}) });
  } catch (err) {
    core.warning(`build-cache: could not save the build cache: ${err instanceof Error ? err.message : String(err)}`);
  }
}

await post();
