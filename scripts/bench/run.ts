// Runs one scenario once and measures it: wall time, bytes the registry sent (from its access
// log, attributed by digest and repository), peak extra disk, the result's sizes, and the
// floors: what crossed the link, and what had to be inflated and deflated on the way.
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { readLayerToc } from '../../src/layer/contents.js';
import { type ImageRef, requireReference } from '../../src/oci/reference.js';
import type { RegistryClient } from '../../src/registry/client.js';
import { type AccessEntry, type AccessLog, type Attribution, attributeTraffic, uploadedBlobs } from '../lib/access-log.js';
import { LOOPBACK, type LinkProxy } from '../lib/link.js';
import { type OtherRegistry, linkCounters, startOtherRegistry } from './other-registry.js';
import { planBaselineDockerfile } from './baseline.js';
import { readBusySeconds } from './cpu.js';
import { bytesOfFiles, DiskSampler, peakGrowth } from './disk.js';
import { mustRun, resetEngine } from './docker.js';
import { type Work, type ZlibRates, floorsOf } from './floors.js';
import { type Profile, type Scenario, planCache } from './scenarios.js';
import { type RunMeasure, metric } from './stats.js';

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
  /** native zlib on all cores, for the CPU floor */
  rates: ZlibRates;
  log: (message: string) => void;
}

/** Where a run's commands reach the registry: through a link, or straight (loopback). */
export interface Route {
  /** host:port the CLI and docker are given */
  host: string;
  link?: LinkProxy;
}

export const repoPrefix = (ctx: Pick<BenchContext, 'registry' | 'runId'>) => `bench/${ctx.runId}`;
const image = (route: Route, name: string) => `${route.host}/${name}`;

function ref(text: string): ImageRef {
  return requireReference(text);
}

/** What the action would build for a part set, turned into compose.py's Dockerfile (cached). */
async function baselineBuild(ctx: BenchContext, route: Route, parts: string[]): Promise<{ dockerfile: string; context: string }> {
  const dir = join(ctx.tmp, 'baseline', route.host.replace(/[^\w.-]/g, '_'), parts.join('-'));
  const dockerfile = join(dir, 'Dockerfile');
  const context = join(dir, 'context');
  const have = await readFile(dockerfile, 'utf8').then(
    () => true,
    () => false,
  );
  if (have) return { dockerfile, context };
  const env = { TMPDIR: join(ctx.tmp, 'prep'), XDG_CACHE_HOME: join(ctx.tmp, 'prep-cache') };
  await mkdir(env.TMPDIR, { recursive: true });
  const full = image(route, ctx.profile.full);
  const min = image(route, ctx.profile.min);
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

interface ResultLayer {
  image: ImageRef;
  size: number;
  tarSize: number;
}

/** The layers of pushed results, read straight from the registry after the measured window. */
async function resultLayers(ctx: BenchContext, tags: string[]): Promise<{ last: ResultLayer[]; all: Map<string, ResultLayer> }> {
  const all = new Map<string, ResultLayer>();
  let last: ResultLayer[] = [];
  for (const tag of tags) {
    const r = ref(tag);
    const resolved = await ctx.client.resolve(r, { os: 'linux', architecture: 'amd64' });
    last = [];
    for (const l of resolved.manifest.layers) {
      const layer = { image: r, size: l.size, tarSize: (await readLayerToc(ctx.client, r, l.digest, ctx.sizeCacheDir)).tarSize };
      last.push(layer);
      if (!all.has(l.digest)) all.set(l.digest, layer);
    }
  }
  return { last, all };
}

/**
 * The floors' inputs. Inflated: every blob body the run fetched. Deflated: the tars of the
 * result layers the registry accepted an upload of (a layer found already there cost no
 * compression a perfect tool would do). Over a link, what crossed it as it counted; straight
 * to the registry, the same estimated from the log and the uploaded layers' sizes.
 */
function workOf(
  m: RunMeasure,
  uploaded: ReadonlySet<string>,
  layers: Map<string, ResultLayer>,
  crossed?: { down: number; up: number },
): Work {
  let deflated = 0;
  let upLayers = 0;
  for (const [digest, l] of layers)
    if (uploaded.has(digest)) {
      deflated += l.tarSize;
      upLayers += l.size;
    }
  const inflated = metric(m, 'fetched') ?? 0;
  return { down: crossed?.down ?? inflated + m.manifestBytes, up: crossed?.up ?? upLayers, inflated, deflated };
}

interface Step {
  tag: string;
  run: () => Promise<unknown>;
}

/**
 * A module node loads before the CLI (`--import`) that appends a line to `file` when it exits:
 * the process's peak resident set in bytes and the CPU time it used (user and system, all its
 * threads) in microseconds. The CLI's own, worker threads included (not the engine's or
 * BuildKit's, which live in the daemon). Pure.
 */
export function planUsageHook(file: string): string {
  const code = `import{appendFileSync}from'node:fs';process.on('exit',()=>{const u=process.resourceUsage();appendFileSync(${JSON.stringify(file)},u.maxRSS*1024+' '+(u.userCPUTime+u.systemCPUTime)+'\\n')});`;
  return `--import=data:text/javascript,${encodeURIComponent(code)}`;
}

function actionStep(
  ctx: BenchContext,
  route: Route,
  parts: string[],
  tag: string,
  env: NodeJS.ProcessEnv,
  s: Scenario,
  extra: { cache?: { from: string[]; to: string[] }; rssFile?: string; indexRepository?: string } = {},
): Step {
  const { cache, rssFile, indexRepository } = extra;
  const args = [
    ...(rssFile ? [planUsageHook(rssFile)] : []),
    ctx.cli,
    '--full-image',
    image(route, ctx.profile.full),
    '--min-image',
    image(route, ctx.profile.min),
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
  if (s.trim) args.push('--trim', s.trim);
  if (indexRepository) args.push('--index-repository', indexRepository);
  for (const c of cache?.from ?? []) args.push('--cache-from', c);
  for (const c of cache?.to ?? []) args.push('--cache-to', c);
  return { tag, run: () => mustRun('node', args, { env }) };
}

async function baselineStep(ctx: BenchContext, route: Route, parts: string[], tag: string): Promise<Step> {
  const { dockerfile, context } = await baselineBuild(ctx, route, parts);
  const full = image(route, ctx.profile.full);
  const min = image(route, ctx.profile.min);
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

/** From the hook's lines, one per CLI run: the largest peak resident set (bytes) and the CPU seconds of all runs. Pure. */
export function parseUsage(text: string): { peakRss?: number; cpu?: number } {
  const lines = text
    .split('\n')
    .map((l) => /^(\d+) (\d+)$/.exec(l))
    .filter((m): m is RegExpExecArray => m !== null);
  if (!lines.length) return {};
  return { peakRss: Math.max(...lines.map((m) => Number(m[1]))), cpu: lines.reduce((n, m) => n + Number(m[2]), 0) / 1e6 };
}

export async function runScenario(ctx: BenchContext, s: Scenario, round: number, route: Route): Promise<RunMeasure> {
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
    link: route.link?.shape.name ?? LOOPBACK.name,
  };
  // Over a link: its own repositories, so the same scenario over two links shares nothing.
  const name = `${s.id}-r${round}${route.link ? '-link' : ''}`;
  const repoPath = `${repoPrefix(ctx)}/${name}`;
  const work = join(ctx.tmp, name);
  let other: OtherRegistry | undefined;
  try {
    if (s.otherRegistry) other = await startOtherRegistry(route.link?.shape, join(work, 'other-registry'));
  } catch (err) {
    return { ...measure, error: `starting the second registry: ${err instanceof Error ? err.message : String(err)}` };
  }
  const repo = `${other?.host ?? route.host}/${repoPath}`;
  // A fresh tool cache (the action's tables of contents and layer indexes) for a cold run; a
  // warm run keeps the one its seeding compose filled, as a runner that keeps its tool cache
  // would.
  const env = { TMPDIR: join(work, 'tmp'), XDG_CACHE_HOME: join(work, 'tool-cache') };
  // Where the CLI keeps them (src/cli.ts: $XDG_CACHE_HOME/triton-compose/toc).
  const indexDir = join(env.XDG_CACHE_HOME, 'triton-compose', 'toc');
  await mkdir(env.TMPDIR, { recursive: true });
  const rssFile = join(work, 'peak-rss');
  const where = { registryRef: `${route.host}/${repoPrefix(ctx)}/cache:${name}`, localDir: join(work, 'build-cache') };
  // A fresh runner keeps indexes and records in a repository of its own (attributed as "cache").
  const indexRepository = s.freshRunner ? `${route.host}/${repoPrefix(ctx)}/index-store-${name}` : undefined;
  const extra = (phase: 'seed' | 'measure') => ({
    ...(s.cache ? { cache: planCache(s.cache, where, phase) } : {}),
    ...(phase === 'measure' ? { rssFile } : {}),
    ...(indexRepository ? { indexRepository } : {}),
  });
  try {
    const steps: Step[] = [];
    for (const [k, parts] of s.partSets.entries()) {
      const tag = `${repo}:p${k}`;
      steps.push(
        s.tool === 'baseline' ? await baselineStep(ctx, route, parts, tag) : actionStep(ctx, route, parts, tag, env, s, extra('measure')),
      );
    }
    await resetEngine(ctx.created);
    if (s.cache || s.warmIndex) {
      ctx.log(`  ${s.id} r${round}: seeding the ${s.cache ? `${s.cache} cache` : 'layer index'} (not measured)`);
      // Into the test bed's registry: a second registry must still lack min's layers.
      await actionStep(ctx, route, s.partSets[0], `${route.host}/${repoPath}:seed`, env, s, extra('seed')).run();
      // The records would let the measured compose reuse every part layer the seed pushed.
      if (s.warmIndex && !s.records) await rm(join(indexDir, 'pieces'), { recursive: true, force: true });
      // A fresh runner: nothing but what the index repository holds.
      if (s.freshRunner) await rm(env.XDG_CACHE_HOME, { recursive: true, force: true });
      await resetEngine(ctx.created);
    }
    const sampler = new DiskSampler(ctx.diskFolders);
    const mark = await ctx.accessLog.mark();
    const before = linkCounters(route.link, other?.link);
    let entries: AccessEntry[] = [];
    let crossed: { down: number; up: number } | undefined;
    await sampler.start();
    const busy0 = await readBusySeconds();
    const t0 = performance.now();
    try {
      for (const step of steps) await step.run();
    } finally {
      measure.seconds = Math.round((performance.now() - t0) / 100) / 10;
      const busy1 = await readBusySeconds();
      if (busy0 !== undefined && busy1 !== undefined) measure.machineCpu = busy1 - busy0;
      measure.peakDisk = peakGrowth(await sampler.stop());
      const after = linkCounters(route.link, other?.link);
      if (before && after) crossed = { down: after.down - before.down, up: after.up - before.up };
      entries = await ctx.accessLog.since(mark);
      const traffic = attributeTraffic(entries, ctx.attribution);
      measure.bytes = traffic.bytes;
      measure.clients = traffic.clients;
      measure.manifestBytes = traffic.manifestBytes;
    }
    // Sizes straight from the registry, not through the link: outside the window anyway.
    const direct = steps.map((_, k) => `${other?.direct ?? ctx.registry}/${repoPath}:p${k}`);
    const layers = await resultLayers(ctx, direct);
    measure.size = layers.last.reduce((n, l) => n + l.size, 0);
    measure.uncompressedSize = layers.last.reduce((n, l) => n + l.tarSize, 0);
    // The second registry keeps no access log; it starts empty, so every result layer went up,
    // and those that are not min's were compressed on the way.
    const min = ctx.attribution.images.find((i) => i.role === 'min')?.digests ?? new Set<string>();
    const uploaded = other
      ? new Set([...layers.all.keys()].filter((d) => !min.has(d)))
      : new Set(uploadedBlobs(entries).map((b) => b.digest));
    measure.work = workOf(measure, uploaded, layers.all, crossed);
    measure.floors = floorsOf(measure.work, route.link?.shape ?? LOOPBACK, ctx.rates);
    if (s.tool === 'action') Object.assign(measure, parseUsage(await readFile(rssFile, 'utf8')));
    if (s.source === 'selective') measure.indexBytes = await bytesOfFiles(indexDir, '.layer-index');
    measure.ok = true;
  } catch (err) {
    measure.error = (err instanceof Error ? err.message : String(err)).slice(0, 2000);
  } finally {
    await other?.close();
    await rm(work, { recursive: true, force: true });
  }
  return measure;
}
