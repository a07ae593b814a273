// The action's main step: read inputs → parse the spec → mask secrets → compose → set outputs
// → job summary → fail. Outputs and the summary come before failing, so a failed build still
// reports what it can.
import { homedir, tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCompose } from '../compose/compose.js';
import { parseSourceDateEpoch } from '../compose/source-date-epoch.js';
import { readDockerCredentials } from '../registry/credentials.js';
import { RegistryClient, type RegistryOptions } from '../registry/client.js';
import { renderSummary } from '../report/summary.js';
import type { Report } from '../report/types.js';
import { cacheSecrets } from '../spec/cache-spec.js';
import { parseSpec } from '../spec/spec.js';
import { INPUT_NAMES, type RawInputs, type Spec } from '../spec/types.js';
import { message } from '../util/errors.js';
import type { Logger } from '../util/log.js';
import { VERSION } from '../util/version.js';
import { createProgress } from '../util/progress.js';
import { ACTIONS_RESTORE, type RestoreStores, actionsCacheHooks } from './cache-wiring.js';
import { type ActionCore, realCore } from './core.js';
import { planOutputs } from './outputs.js';

/** What the main step reaches outside itself; the defaults are the runner's. */
export interface ActionDeps {
  core: ActionCore;
  env: NodeJS.ProcessEnv;
  runCompose: typeof runCompose;
  createRegistry: (options: RegistryOptions) => RegistryClient;
  restore: RestoreStores;
}

const defaults = (): ActionDeps => ({
  core: realCore,
  env: process.env,
  runCompose,
  createRegistry: (options) => new RegistryClient(options),
  restore: ACTIONS_RESTORE,
});

function readInputs(core: Pick<ActionCore, 'getInput'>): RawInputs {
  const raw: RawInputs = {};
  for (const name of INPUT_NAMES) raw[name] = core.getInput(name);
  return raw;
}

async function writeSummary(core: ActionCore, report: Report): Promise<void> {
  try {
    await core.summary.addRaw(renderSummary(report)).write();
  } catch (err) {
    core.warning(`could not write the job summary: ${message(err)}`);
  }
}

function composeInAction(spec: Spec, sourceDateEpoch: number | undefined, d: ActionDeps): ReturnType<typeof runCompose> {
  const { core, env } = d;
  const cacheRoot = join(env.RUNNER_TOOL_CACHE || join(homedir(), '.cache'), 'triton-compose');
  const log: Logger = {
    info: (m) => core.info(m),
    warning: (m) => core.warning(m),
    startGroup: (n) => core.startGroup(n),
    endGroup: () => core.endGroup(),
  };
  const registry = d.createRegistry({
    credentials: readDockerCredentials(env),
    onSecret: (s) => core.setSecret(s),
    configCacheDir: join(cacheRoot, 'config'),
    userAgent: `triton-compose/${VERSION}`,
  });
  return d.runCompose(spec, {
    version: VERSION,
    tempRoot: env.RUNNER_TEMP || tmpdir(),
    cacheDir: join(cacheRoot, 'toc'),
    buildCacheDir: join(cacheRoot, 'buildkit'),
    log,
    // A paced line every 10 s or 10 %: a runner's log is no terminal. The stages open the
    // groups the lines land in.
    progress: createProgress({ write: (t) => core.info(t.replace(/\n$/, '')), now: Date.now, live: false }),
    registry,
    ...(sourceDateEpoch !== undefined ? { sourceDateEpoch } : {}),
    ...actionsCacheHooks({ spec, core, log, env, cacheRoot, stores: d.restore }),
  });
}

export async function run(overrides: Partial<ActionDeps> = {}): Promise<void> {
  const d = { ...defaults(), ...overrides };
  const { core } = d;
  let spec: Spec;
  let sourceDateEpoch: number | undefined;
  try {
    spec = parseSpec(readInputs(core));
    sourceDateEpoch = parseSourceDateEpoch(d.env.SOURCE_DATE_EPOCH);
  } catch (err) {
    core.setFailed(message(err));
    return;
  }
  for (const secret of cacheSecrets(spec)) core.setSecret(secret);
  const { result, failure } = await composeInAction(spec, sourceDateEpoch, d);
  if (result) {
    for (const [k, v] of Object.entries(planOutputs(result))) core.setOutput(k, v);
    if (spec.summary) await writeSummary(core, result.report);
  }
  if (failure !== undefined) core.setFailed(message(failure));
}
