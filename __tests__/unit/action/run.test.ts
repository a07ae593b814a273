// The main step with a recording @actions/core and a stand-in compose: what it sets, saves,
// masks, logs and fails with, and in which order. No runner, no Docker, no registry.
import type { ActionDeps } from '../../../src/action/run.js';
import { run } from '../../../src/action/run.js';
import { post } from '../../../src/action/post.js';
import type { RestoreStores } from '../../../src/action/cache-wiring.js';
import type { ComposeOptions, ComposeResult } from '../../../src/compose/compose.js';
import { RegistryClient, type RegistryOptions } from '../../../src/registry/client.js';
import { renderSummary } from '../../../src/report/summary.js';
import type { Report } from '../../../src/report/types.js';
import type { Spec } from '../../../src/spec/types.js';
import { type CoreCall, type FakeCore, fakeCore } from '../../helpers/fake-core.js';
import { digest, onePart } from '../../helpers/reports.js';

type Opts = Omit<ComposeOptions, 'workDir' | 'resultsDir'> & { tempRoot: string };
type Outcome = { result?: ComposeResult; failure?: unknown };

const BASE = { 'container-version': '24.01' };
const ENV = { RUNNER_TOOL_CACHE: '/runner/tool-cache', RUNNER_TEMP: '/runner/temp', GITHUB_RUN_ID: '4242', GITHUB_RUN_ATTEMPT: '2' };

const failed: Report = {
  ok: false,
  tags: ['r.io/a:1'],
  gpu: true,
  pushed: false,
  dryRun: false,
  composeKey: 'sha256:k',
  platforms: [],
  sources: [{ role: 'full', ref: 'f@sha256:1', size: 9 }],
  durations: {},
  dockerfile: '',
  error: 'buildx exited with 1',
};

interface Harness {
  core: FakeCore;
  composed: { spec: Spec; opts: Opts }[];
  registries: RegistryOptions[];
}

/** Runs the main step; `during` plays the compose (it may call the hooks), then `outcome` is its answer. */
async function runWith(
  inputs: Record<string, string>,
  outcome: Outcome,
  during: (opts: Opts) => Promise<void> = async () => undefined,
  extra: Partial<ActionDeps> & { summaryFails?: boolean } = {},
): Promise<Harness> {
  const core = fakeCore(inputs, {}, extra.summaryFails);
  const h: Harness = { core, composed: [], registries: [] };
  await run({
    core,
    env: ENV,
    runCompose: async (spec, opts) => {
      h.composed.push({ spec, opts });
      await during(opts);
      return outcome;
    },
    createRegistry: (options) => {
      h.registries.push(options);
      return new RegistryClient(options);
    },
    ...extra,
  });
  return h;
}

const index = (calls: CoreCall[], pick: (c: CoreCall) => boolean) => calls.findIndex(pick);
const lastIndex = (calls: CoreCall[], pick: (c: CoreCall) => boolean) => calls.findLastIndex(pick);

describe('run', () => {
  test('a failing compose: outputs and the summary first, then one failure with its message', async () => {
    const { core } = await runWith(BASE, { result: { report: failed }, failure: new Error('buildx exited with 1') });
    expect(core.of('setOutput')).toEqual([
      { kind: 'setOutput', name: 'full-size', value: '9' },
      { kind: 'setOutput', name: 'compose-key', value: 'sha256:k' },
    ]);
    expect(core.of('setFailed')).toEqual([{ kind: 'setFailed', text: 'buildx exited with 1' }]);
    const failedAt = index(core.calls, (c) => c.kind === 'setFailed');
    expect(lastIndex(core.calls, (c) => c.kind === 'setOutput')).toBeLessThan(failedAt);
    expect(index(core.calls, (c) => c.kind === 'summary')).toBeLessThan(failedAt);
  });

  test('a compose that worked: the outputs of its result, the summary, no failure', async () => {
    const { core, composed } = await runWith(BASE, { result: { report: onePart } });
    expect(Object.fromEntries(core.of('setOutput').map((c) => ('name' in c ? [c.name, c.value] : [])))).toEqual({
      imageid: digest('7d'),
      size: '58213304',
      'uncompressed-size': '155847680',
      parts: JSON.stringify([
        {
          name: 'base',
          kind: 'base',
          digest: digest('24'),
          digests: [digest('04'), digest('14'), digest('24')],
          size: 58213304,
          uncompressedSize: 155847680,
        },
      ]),
      skipped: 'false',
    });
    expect(core.of('summary')).toEqual([{ kind: 'summary', text: renderSummary(onePart) }]);
    expect(core.of('setFailed')).toEqual([]);
    expect(composed[0].opts).toMatchObject({ tempRoot: '/runner/temp', cacheDir: '/runner/tool-cache/triton-compose/toc' });
  });

  test('summary: false writes none; a summary that cannot be written is a warning, not a failure', async () => {
    const off = await runWith({ ...BASE, summary: 'false' }, { result: { report: onePart } });
    expect(off.core.of('summary')).toEqual([]);
    const broken = await runWith(BASE, { result: { report: onePart } }, undefined, { summaryFails: true });
    expect(broken.core.of('warning')).toEqual([
      { kind: 'warning', text: 'could not write the job summary: GITHUB_STEP_SUMMARY is not set' },
    ]);
    expect(broken.core.of('setFailed')).toEqual([]);
    expect(broken.core.of('setOutput').length).toBeGreaterThan(0);
  });

  test('secrets: cache tokens and registry credentials are masked before any line can hold them', async () => {
    const inputs = { ...BASE, 'cache-from': 'type=gha,token=ghs_from', 'cache-to': 'type=gha,token=ghs_to,ghtoken=ghp_to' };
    let onSecret: ((s: string) => void) | undefined;
    const { core } = await runWith(
      inputs,
      { result: { report: failed }, failure: new Error('buildx: cache export with token ghs_to refused') },
      async (opts) => {
        onSecret?.('registry-password');
        opts.log.info('pushed with registry-password');
      },
      {
        createRegistry: (options) => {
          onSecret = options.onSecret;
          return new RegistryClient(options);
        },
      },
    );
    const secrets = ['ghs_from', 'ghs_to', 'ghp_to', 'registry-password'];
    expect(core.of('setSecret').map((c) => 'text' in c && c.text)).toEqual(secrets);
    // The runner masks a secret in every line written after its setSecret.
    core.calls.forEach((c, at) => {
      if (c.kind === 'setSecret' || !('text' in c)) return;
      for (const s of secrets.filter((x) => c.text.includes(x))) {
        expect(index(core.calls, (d) => d.kind === 'setSecret' && d.text === s)).toBeLessThan(at);
      }
    });
    // The step itself never writes one: only what compose said carries them.
    const own = core.lines().filter((l) => l !== 'pushed with registry-password' && !l.startsWith('buildx: cache export'));
    for (const s of secrets) expect(own.join('\n')).not.toContain(s);
  });

  test.each([
    ['an input', { ...BASE, gpu: 'maybe' }, {}, 'gpu: "maybe" is not a boolean: use true or false'],
    [
      'SOURCE_DATE_EPOCH',
      BASE,
      { SOURCE_DATE_EPOCH: 'yesterday' },
      'SOURCE_DATE_EPOCH: "yesterday" is not a number of seconds since 1970 (e.g. 1700000000)',
    ],
  ])('a bad %s fails with one line naming it, before anything runs', async (_name, inputs, env, line) => {
    const { core, composed, registries } = await runWith(inputs, { result: { report: onePart } }, undefined, { env: { ...ENV, ...env } });
    expect(core.calls).toEqual([{ kind: 'setFailed', text: line }]);
    expect(composed).toEqual([]);
    expect(registries).toEqual([]);
  });

  test('the cache hooks leave the post step its state, and the post step saves what they left', async () => {
    const layer = (seed: string) => digest(seed);
    const restore: RestoreStores = {
      restoreBuildCache: async () => ({ hit: 'prefix', key: 'triton-compose-buildkit-old' }),
      restoreLayerCaches: async (digests) => ({
        available: true,
        layers: digests.length,
        present: 0,
        restoredIndex: 1,
        restoredToc: 0,
        pending: [{ digest: digests[1], held: 'none' }],
      }),
    };
    const { core } = await runWith(
      { ...BASE, 'build-cache': 'actions' },
      { result: { report: onePart } },
      async (opts) => {
        await opts.restoreLocalCache?.('/runner/tool-cache/triton-compose/buildkit/x', {
          series: '24.01-abc',
          partSet: 'p',
          platforms: ['linux/amd64'],
        });
        await opts.restoreLayerCache?.([layer('a1'), layer('b2')], '/runner/tool-cache/triton-compose/toc');
      },
      { restore },
    );
    const state = Object.fromEntries(core.of('saveState').map((c) => ('name' in c ? [c.name, c.value] : [])));
    expect(state).toEqual({
      'build-cache-dir': '/runner/tool-cache/triton-compose/buildkit/x',
      'build-cache-alongside': '/runner/tool-cache/triton-compose/toc\n/runner/tool-cache/triton-compose/config',
      'build-cache-key': expect.stringMatching(/^triton-compose-buildkit-.*-4242-2$/),
      'build-cache-restored': 'triton-compose-buildkit-old',
      'layer-cache-dir': '/runner/tool-cache/triton-compose/toc',
      'layer-cache-pending': `${layer('b2')} none`,
    });
    expect(core.of('info')).toEqual([
      {
        kind: 'info',
        text: 'layer-cache: 2 layers: 0 on disk already, 1 restored with their index, 0 with their table of contents alone, 1 not in the Actions cache',
      },
    ]);

    const saves: unknown[][] = [];
    const postCore = fakeCore({}, state);
    await post({
      core: postCore,
      save: {
        saveBuildCache: async (dir, key, _log, options) => {
          saves.push(['build', dir, key, options]);
          return { saved: true, key, cacheId: 1 };
        },
        saveLayerCaches: async (pending, dir) => {
          saves.push(['layers', pending, dir]);
          return { saved: ['k'], failed: [] };
        },
      },
    });
    expect(saves).toEqual([
      [
        'build',
        state['build-cache-dir'],
        state['build-cache-key'],
        {
          alongside: ['/runner/tool-cache/triton-compose/toc', '/runner/tool-cache/triton-compose/config'],
          restoredKey: 'triton-compose-buildkit-old',
        },
      ],
      ['layers', [{ digest: layer('b2'), held: 'none' }], '/runner/tool-cache/triton-compose/toc'],
    ]);
    expect(postCore.of('setFailed')).toEqual([]);
  });
});

describe('post', () => {
  test('with no state (not the actions mode, or main stopped early) it does nothing', async () => {
    const core = fakeCore();
    const never = async (): Promise<never> => {
      throw new Error('no save expected');
    };
    await post({ core, save: { saveBuildCache: never, saveLayerCaches: never } });
    expect(core.calls).toEqual([]);
  });

  test('a save that throws is a warning', async () => {
    const core = fakeCore({}, { 'build-cache-dir': '/d', 'build-cache-key': 'k' });
    await post({
      core,
      save: {
        saveBuildCache: async () => {
          throw new Error('service unavailable');
        },
        saveLayerCaches: async () => ({ saved: [], failed: [] }),
      },
    });
    expect(core.calls).toEqual([{ kind: 'warning', text: 'build-cache: could not save the build cache: service unavailable' }]);
  });
});
