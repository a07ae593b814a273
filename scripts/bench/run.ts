// Runs one scenario once and measures it: wall time, bytes the registry sent (from its access
// log, attributed by digest and repository), peak extra disk, and the result's sizes.
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { readLayerToc } from '../../src/layer/contents.js';
import { type ImageRef, requireReference } from '../../src/oci/reference.js';
import type { RegistryClient } from '../../src/registry/client.js';
import { type AccessLog, type Attribution, attributeTraffic } from '../lib/access-log.js';
import { planBaselineDockerfile } from './baseline.js';
import { bytesOfFiles, DiskSampler, peakGrowth } from './disk.js';
import { mustRun, resetEngine } from './docker.js';
import { type Profile, type Scenario, planCache } from './scenarios.js';
import type { RunMeasure } from './stats.js';

export interface BenchContext {
  registry: string; // host:port of the test bed's registry
  profile: Profile;
  /** unique per `npm run bench`: results and caches go to bench/<runId>/… */
  runId: string;
  /** our temporary folder: the CLI's TMPDIR, tool caches, local build caches (all sampled) */
  tmp: string;
  /** folders whose growth is the peak extra disk: the engine's and `tmp` */
  diskFolders: string[];
  accessLog: AccessLog;
  client: RegistryClient;
  attribution: Attribution;
  cli: string; // dist/cli/index.js
  /** tables of contents of result layers, for their uncompressed sizes (outside the windows) */
  sizeCacheDir: string;
  /** local images made or pulled by the benchmark, removed before each scenario */
  created: Set<string>;
  log: (message: string) => void;
}

export const repoPrefix = (ctx: Pick<BenchContext, 'registry' | 'runId'>) => `bench/${ctx.runId}`;
const image = (ctx: BenchContext, name: string) => `${ctx.registry}/${name}`;

function ref(text: string): ImageRef {
  return requireReference(text);
}

/** What the action would build for a part set, turned into compose.py's Dockerfile (cached). */
async function baselineBuild(ctx: BenchContext, parts: string[]): Promise<{ dockerfile: string; context: string }> {
  const dir = join(ctx.tmp, 'baseline', parts.join('-'));
  const dockerfile = join(dir, 'Dockerfile');
  const context = join(dir, 'context');
  const have = await readFile(dockerfile, 'utf8').then(
    () => true,
    () => false,
  );
  if (have) return { dockerfile, context };
  const env = { TMPDIR: join(ctx.tmp, 'prep'), XDG_CACHE_HOME: join(ctx.tmp, 'prep-cache') };
  await mkdir(env.TMPDIR, { recursive: true });
  const full = image(ctx, ctx.profile.full);
  const min = image(ctx, ctx.profile.min);
  // The buildkit source's Dockerfile: the one with `FROM full` and the COPY --from lines that
  // compose.py's Dockerfile has too.
  const r = await mustRun(
    'node',
    [ctx.cli, '--full-image', full, '--min-image', min, '--backends', parts.join(','), '--source', 'buildkit', '--dry-run', '-q', '--json'],
    { env },
  );
  const report = JSON.parse(r.stdout) as { dockerfile: string; dockerfilePath: string };
  await mkdir(dir, { recursive: true });
  // The action writes its build context beside its Dockerfile; the baseline builds from a copy.
  await mustRun('cp', ['-a', '--', join(dirname(report.dockerfilePath), 'context'), context]);
  await writeFile(dockerfile, planBaselineDockerfile(report.dockerfile, { full, min }));
  return { dockerfile, context };
}

/** Sizes of a pushed result: compressed layers, and their tars (read after the measured window). */
async function resultSizes(ctx: BenchContext, tag: string): Promise<{ size: number; uncompressedSize: number }> {
  const r = ref(tag);
  const resolved = await ctx.client.resolve(r, { os: 'linux', architecture: 'amd64' });
  let uncompressedSize = 0;
  for (const l of resolved.manifest.layers) uncompressedSize += (await readLayerToc(ctx.client, r, l.digest, ctx.sizeCacheDir)).tarSize;
  return { size: resolved.manifest.layers.reduce((n, l) => n + l.size, 0), uncompressedSize };
}

interface Step {
  tag: string;
  run: () => Promise<unknown>;
}

function actionStep(
  ctx: BenchContext,
  parts: string[],
  tag: string,
  env: NodeJS.ProcessEnv,
  s: Scenario,
  cache?: { from: string[]; to: string[] },
): Step {
  const args = [
    ctx.cli,
    '--full-image',
    image(ctx, ctx.profile.full),
    '--min-image',
    image(ctx, ctx.profile.min),
    '--backends',
    parts.join(','),
    '--tags',
    tag,
    '--push',
    '-q',
    '--json',
  ];
  if (s.source) args.push('--source', s.source);
  if (s.assembly) args.push('--assembly', s.assembly);
  for (const c of cache?.from ?? []) args.push('--cache-from', c);
  for (const c of cache?.to ?? []) args.push('--cache-to', c);
  return { tag, run: () => mustRun('node', args, { env }) };
}

async function baselineStep(ctx: BenchContext, parts: string[], tag: string): Promise<Step> {
  const { dockerfile, context } = await baselineBuild(ctx, parts);
  const full = image(ctx, ctx.profile.full);
  const min = image(ctx, ctx.profile.min);
  return {
    tag,
    run: async () => {
      // compose.py: docker pull both images, then a plain docker build; then the push a
      // workflow needs, as the action does with --push.
      ctx.created.add(full).add(min).add(tag);
      await mustRun('docker', ['pull', '-q', full]);
      await mustRun('docker', ['pull', '-q', min]);
      await mustRun('docker', ['build', '-q', '-f', dockerfile, '-t', tag, context]);
      await mustRun('docker', ['push', '-q', tag]);
    },
  };
}

export async function runScenario(ctx: BenchContext, s: Scenario, round: number): Promise<RunMeasure> {
  const measure: RunMeasure = {
    scenario: s.id,
    round,
    ok: false,
    seconds: 0,
    bytes: {},
    clients: {},
    manifestBytes: 0,
    peakDisk: 0,
    composes: s.partSets.length,
  };
  const repo = `${ctx.registry}/${repoPrefix(ctx)}/${s.id}-r${round}`;
  const work = join(ctx.tmp, `${s.id}-r${round}`);
  // A fresh tool cache (the action's tables of contents and layer indexes) for a cold run; a
  // warm run keeps the one its seeding compose filled, as a runner that keeps its tool cache
  // would.
  const env = { TMPDIR: join(work, 'tmp'), XDG_CACHE_HOME: join(work, 'tool-cache') };
  // Where the CLI keeps them (src/cli.ts: $XDG_CACHE_HOME/triton-compose/toc).
  const indexDir = join(env.XDG_CACHE_HOME, 'triton-compose', 'toc');
  await mkdir(env.TMPDIR, { recursive: true });
  const where = { registryRef: `${ctx.registry}/${repoPrefix(ctx)}/cache:${s.id}-r${round}`, localDir: join(work, 'build-cache') };
  try {
    const steps: Step[] = [];
    for (const [k, parts] of s.partSets.entries()) {
      const tag = `${repo}:p${k}`;
      steps.push(
        s.tool === 'baseline'
          ? await baselineStep(ctx, parts, tag)
          : actionStep(ctx, parts, tag, env, s, s.cache ? planCache(s.cache, where, 'measure') : undefined),
      );
    }
    await resetEngine(ctx.created);
    if (s.cache || s.warmIndex) {
      ctx.log(`  ${s.id} r${round}: seeding the ${s.cache ? `${s.cache} cache` : 'layer index'} (not measured)`);
      await actionStep(ctx, s.partSets[0], `${repo}:seed`, env, s, s.cache ? planCache(s.cache, where, 'seed') : undefined).run();
      // The records would let the measured compose reuse every part layer the seed pushed.
      if (s.warmIndex && !s.records) await rm(join(indexDir, 'pieces'), { recursive: true, force: true });
      await resetEngine(ctx.created);
    }
    const sampler = new DiskSampler(ctx.diskFolders);
    const mark = await ctx.accessLog.mark();
    await sampler.start();
    const t0 = performance.now();
    try {
      for (const step of steps) await step.run();
    } finally {
      measure.seconds = Math.round((performance.now() - t0) / 100) / 10;
      measure.peakDisk = peakGrowth(await sampler.stop());
      const traffic = attributeTraffic(await ctx.accessLog.since(mark), ctx.attribution);
      measure.bytes = traffic.bytes;
      measure.clients = traffic.clients;
      measure.manifestBytes = traffic.manifestBytes;
    }
    Object.assign(measure, await resultSizes(ctx, steps[steps.length - 1].tag));
    if (s.source === 'selective') measure.indexBytes = await bytesOfFiles(indexDir, '.layer-index');
    measure.ok = true;
  } catch (err) {
    measure.error = (err instanceof Error ? err.message : String(err)).slice(0, 2000);
  } finally {
    await rm(work, { recursive: true, force: true });
  }
  return measure;
}
