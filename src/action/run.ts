// The action's front door: read inputs, run the shared pipeline, set outputs and the job
// summary (before failing, so a failed build still reports what it can).
import { homedir, tmpdir } from 'node:os';
import { join } from 'node:path';
import * as core from '@actions/core';
import { STATE, planCacheKeys, restoreBuildCache } from '../cache/build-cache-store.js';
import { cacheSecrets } from '../spec/cache-spec.js';
import { runCompose } from '../compose/compose.js';
import { parseSourceDateEpoch } from '../compose/source-date-epoch.js';
import { readDockerCredentials } from '../registry/credentials.js';
import { LAYER_STATE, describeRestore, formatPending, restoreLayerCaches } from '../cache/actions-layer-store.js';
import { planOutputs } from './outputs.js';
import { RegistryClient } from '../registry/client.js';
import { parseSpec } from '../spec/spec.js';
import { renderSummary } from '../report/summary.js';
import { VERSION } from '../util/version.js';
import { message } from '../util/errors.js';
import { INPUT_NAMES, type RawInputs, type Spec } from '../spec/types.js';

export function readInputs(): RawInputs {
  const raw: RawInputs = {};
  for (const name of INPUT_NAMES) raw[name] = core.getInput(name);
  return raw;
}

export async function run(): Promise<void> {
  let spec: Spec;
  let sourceDateEpoch: number | undefined;
  try {
    spec = parseSpec(readInputs());
    sourceDateEpoch = parseSourceDateEpoch(process.env.SOURCE_DATE_EPOCH);
  } catch (err) {
    core.setFailed(message(err));
    return;
  }
  for (const secret of cacheSecrets(spec)) core.setSecret(secret);
  const cacheRoot = join(process.env.RUNNER_TOOL_CACHE || join(homedir(), '.cache'), 'triton-compose');
  const registry = new RegistryClient({
    credentials: readDockerCredentials(),
    onSecret: (s) => core.setSecret(s),
    configCacheDir: join(cacheRoot, 'config'),
    userAgent: `triton-compose/${VERSION}`,
  });
  const log = { info: core.info, warning: core.warning, startGroup: core.startGroup, endGroup: core.endGroup };
  const { result, failure } = await runCompose(spec, {
    version: VERSION,
    tempRoot: process.env.RUNNER_TEMP || tmpdir(),
    cacheDir: join(cacheRoot, 'toc'),
    buildCacheDir: join(cacheRoot, 'buildkit'),
    log,
    registry,
    ...(sourceDateEpoch !== undefined ? { sourceDateEpoch } : {}),
    // source selective: the layer indexes and tables of contents come from the Actions cache,
    // one entry per layer digest; the post step saves those this run had to build.
    restoreLayerCache: async (digests, dir) => {
      core.startGroup('Restoring layer indexes from the Actions cache');
      let restored;
      try {
        restored = await restoreLayerCaches(digests, dir, log).finally(() => core.endGroup());
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
    // build-cache actions: the BuildKit cache folder comes from the Actions cache; the post
    // step saves it under this run's key (state below), after the build has promoted it.
    restoreLocalCache: async (dir, about) => {
      const keys = planCacheKeys({
        release: about.series,
        parts: [
          spec.gpu ? 'gpu' : 'cpu',
          spec.runtimeDeps,
          ...spec.backends,
          ...spec.repoagents.map((r) => `agent:${r}`),
          ...spec.caches.map((c) => `cache:${c}`),
          ...(spec.user ? [`user:${spec.user}`] : []),
        ],
        platform: about.platforms,
        runId: process.env.GITHUB_RUN_ID || String(Date.now()),
        runAttempt: process.env.GITHUB_RUN_ATTEMPT || '1',
      });
      const alongside = [join(cacheRoot, 'toc'), join(cacheRoot, 'config')];
      const restored = await restoreBuildCache(dir, keys, log, alongside);
      core.saveState(STATE.dir, dir);
      core.saveState(STATE.alongside, alongside.join('\n'));
      core.saveState(STATE.key, keys.key);
      if (restored.key) core.saveState(STATE.restored, restored.key);
    },
  });
  if (result) {
    for (const [k, v] of Object.entries(planOutputs(result))) core.setOutput(k, v);
    if (spec.summary) {
      try {
        await core.summary.addRaw(renderSummary(result.report)).write();
      } catch (err) {
        core.warning(`could not write the job summary: ${message(err)}`);
      }
    }
  }
  if (failure !== undefined) core.setFailed(message(failure));
}
