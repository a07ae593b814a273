// `npm run bench`: this action against the compose.py way on the test bed, side by side. Every
// round runs each scenario once, one after the other, so a baseline and the runs compared with
// it share the machine's mood; figures are medians over rounds, ratios are medians of per-round
// ratios. Writes <out>/bench-<profile>.{json,md,svg} and prints the table.
//
// Every scenario runs through a link of a chosen shape (scripts/lib/link.ts; by default a
// hosted runner's), and beside its time stands its floor on this machine and link.
//
//   npm run bench [-- --profile default|scale|busybox|large] [--repeat N] [--scenarios a,b] [--link SHAPE] [--out DIR] [--smoke]
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { cpus, hostname, totalmem } from 'node:os';
import { constants, createGunzip } from 'node:zlib';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type ImageRef, requireReference } from '../src/oci/reference.js';
import { RegistryClient } from '../src/registry/client.js';
import { AccessLog, findRegistryLog } from './lib/access-log.js';
import { type LinkProxy, startLinkProxy } from './lib/link.js';
import { BENCH_HELP, parseBenchArgs, roundFits } from './bench/args.js';
import { engineFolders, mustRun, removeStaleImages, resetEngine, runCommand, toolVersions } from './bench/docker.js';
import { renderChart, renderTable, type Skipped } from './bench/render.js';
import { type BenchContext, type Route, repoPrefix, runScenario } from './bench/run.js';
import { measureZlibRates } from './bench/zlib-rates.js';
import { PROFILES, SCENARIOS, SMOKE, fixturesCommand, selectScenarios, skipReason } from './bench/scenarios.js';
import { type RunMeasure, summarize } from './bench/stats.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const REGISTRY = process.env.FIXTURE_REGISTRY ?? '127.0.0.1:5000';
const AMD64 = { os: 'linux', architecture: 'amd64' };

function ref(text: string): ImageRef {
  return requireReference(text);
}

/** Layer and config digests of an image: what the access log's blob GETs are matched with. */
async function blobDigests(client: RegistryClient, name: string): Promise<Set<string>> {
  const r = await client.resolve(ref(`${REGISTRY}/${name}`), AMD64);
  return new Set([r.manifest.config.digest, ...r.manifest.layers.map((l) => l.digest)]);
}

/**
 * What the CPU floor's rates are measured on: up to 16 MB of the tar of the full image's largest
 * own layer (the bytes a compose inflates and deflates most), read straight from the registry.
 */
async function zlibSample(client: RegistryClient, full: string, min: string): Promise<Buffer> {
  const minLayers = new Set((await client.resolve(ref(`${REGISTRY}/${min}`), AMD64)).manifest.layers.map((l) => l.digest));
  const own = (await client.resolve(ref(`${REGISTRY}/${full}`), AMD64)).manifest.layers.filter((l) => !minLayers.has(l.digest));
  if (!own.length) throw new Error(`${full}: no layer of its own to measure zlib on`);
  const largest = own.reduce((a, b) => (b.size > a.size ? b : a));
  const body = await client.blobStream(ref(`${REGISTRY}/${full}`), largest.digest, { start: 0, end: Math.min(largest.size, 24e6) - 1 });
  const gunzip = createGunzip({ finishFlush: constants.Z_SYNC_FLUSH });
  body.pipe(gunzip);
  const chunks: Buffer[] = [];
  let n = 0;
  for await (const chunk of gunzip as AsyncIterable<Buffer>) {
    chunks.push(chunk);
    n += chunk.length;
    if (n >= 16e6) break;
  }
  body.destroy();
  return Buffer.concat(chunks).subarray(0, 16e6);
}

async function main(): Promise<number> {
  if (process.argv.includes('--help') || process.argv.includes('-h')) {
    process.stdout.write(BENCH_HELP);
    return 0;
  }
  const opts = parseBenchArgs(process.argv.slice(2));
  const profile = PROFILES[opts.profile];
  const log = (m: string) => process.stderr.write(`bench: ${m}\n`);
  const cli = join(root, 'dist', 'cli', 'index.js');
  const started = new Date();

  await mustRun('bash', [join(root, 'scripts', 'testbed.sh'), 'up']);
  log(`fixtures: profile ${profile.fixtures}`);
  const [script, ...args] = fixturesCommand(profile);
  await mustRun('npx', ['tsx', join(root, script), ...args], { timeoutMs: 1_800_000 });

  const help = (await runCommand('node', [cli, '--help'])).stdout;
  const chosen = selectScenarios(opts.smoke ? SMOKE : SCENARIOS, opts.smoke ? undefined : opts.scenarios);
  const skipped: Skipped[] = [];
  const scenarios = chosen.filter((s) => {
    const reason = skipReason(s, help);
    if (reason) skipped.push({ scenario: s.id, reason });
    return !reason;
  });
  for (const k of skipped) log(`skipping ${k.scenario}: ${k.reason}`);

  const client = new RegistryClient();
  const rates = await measureZlibRates(await zlibSample(client, profile.full, profile.min), 6);
  log(
    `native zlib on ${rates.cores} cores, level ${rates.level}: deflate ${(rates.deflate / 1e6).toFixed(0)} MB/s, inflate ${(rates.inflate / 1e6).toFixed(0)} MB/s`,
  );
  const runId = `${started.toISOString().replace(/[-:]/g, '').replace(/\..*/, '').toLowerCase()}-${process.pid}`;
  const tmpRoot = await mkdtemp(join(process.env.BENCH_TMPDIR ?? '/tmp', 'triton-bench-'));
  const tmp = join(tmpRoot, 'work');
  await mkdir(tmp, { recursive: true });
  const ctx: BenchContext = {
    registry: REGISTRY,
    profile,
    runId,
    tmp,
    diskFolders: [...(await engineFolders()), tmp],
    accessLog: new AccessLog(findRegistryLog(root)),
    client,
    attribution: {
      // min first: the layers full shares with min count as "min"; "full" is what only full has.
      images: [
        { role: 'min', digests: await blobDigests(client, profile.min) },
        { role: 'full', digests: await blobDigests(client, profile.full) },
      ],
      // build caches and index repositories are "cache"; the rest of the run's repositories hold results
      repository: (name) => {
        const prefix = repoPrefix({ registry: REGISTRY, runId });
        if (name === `${prefix}/cache` || name.startsWith(`${prefix}/index-store-`)) return 'cache';
        return name.startsWith(`${prefix}/`) ? 'result' : undefined;
      },
    },
    cli,
    sizeCacheDir: join(tmpRoot, 'toc'),
    created: new Set(),
    rates,
    log,
  };
  const fixtureIds = new Set<string>();
  // an image's ID is its config's digest (the classic store) or the digest its tag names (containerd's)
  for (const name of [profile.full, profile.min]) {
    const r = await client.resolve(ref(`${REGISTRY}/${name}`), AMD64);
    fixtureIds.add(r.manifest.config.digest).add(r.digest);
  }
  for (const gone of await removeStaleImages(fixtureIds)) log(`removed ${gone}, a local copy of a fixture left by an earlier run`);
  const proxies: LinkProxy[] = [];
  const routes: Route[] = [];
  for (const shape of opts.links) {
    if (!shape.down) {
      routes.push({ host: REGISTRY });
      continue;
    }
    const link = await startLinkProxy(`http://${REGISTRY}`, shape);
    proxies.push(link);
    routes.push({ host: link.host, link });
  }

  const runs: RunMeasure[] = [];
  const roundSeconds: number[] = [];
  const t0 = Date.now();
  let stoppedEarly: string | undefined;
  try {
    for (let round = 1; round <= opts.repeat; round++) {
      const elapsed = (Date.now() - t0) / 1000;
      if (!roundFits(elapsed, roundSeconds, opts.budgetSeconds)) {
        stoppedEarly = `stopped after ${round - 1} of ${opts.repeat} rounds: another would pass the ${opts.budgetSeconds} s budget`;
        log(stoppedEarly);
        break;
      }
      const tr = Date.now();
      for (const route of routes)
        for (const s of scenarios) {
          log(`round ${round}/${opts.repeat}, ${route.link?.shape.name ?? 'loopback'}: ${s.id} (${s.title})`);
          const m = await runScenario(ctx, s, round, route);
          const mb = (Object.values(m.bytes).reduce((a, b) => a + b, 0) / 1e6).toFixed(1);
          const floor = m.floors ? `, floor ${m.floors.floor} s (wire ${m.floors.wire}, CPU ${m.floors.cpu})` : '';
          log(
            m.ok
              ? `  ${m.seconds} s${floor}, ${mb} MB fetched (all repositories), peak disk +${(m.peakDisk / 1e6).toFixed(0)} MB`
              : `  failed: ${m.error}`,
          );
          runs.push(m);
        }
      roundSeconds.push((Date.now() - tr) / 1000);
    }
  } finally {
    await resetEngine(ctx.created).catch((err: unknown) => log(`cleanup: ${String(err)}`));
    await Promise.all(proxies.map((p) => p.close()));
    await rm(tmpRoot, { recursive: true, force: true });
  }

  const summaries = summarize(runs, scenarios);
  const name = opts.smoke ? 'bench-smoke' : `bench-${profile.name}`;
  const title = `triton-compose bench, ${profile.name} profile, ${started.toISOString().slice(0, 10)}, ${cpus().length} cores`;
  const table = renderTable(summaries, skipped);
  const out = resolve(opts.out);
  await mkdir(out, { recursive: true });
  const notes = [
    'bytes: blob bodies the registry sent (GET 200/206), from its access log; layers full shares with min count as "min", "full" is what only the full image holds',
    'ratios: this/baseline per round, then the median; < 1 means less than the compose.py way',
    'peak disk: largest growth of the space in use on the file systems holding the engine data folder and the benchmark temporary folder, read with statfs every 200 ms (the registry storage counts too where it shares them)',
    'image MB: the last result of the scenario, compressed layers / layer tars, read from the registry',
    'source: cold, warm-registry, warm-local and matrix run the action with --source buildkit (COPY --from the full image); selective-* with --source selective (byte ranges of the full image, by a per-layer index), written directly to the registry but for selective-buildx (--assembly buildx)',
    "warm runs (warm-registry, warm-local, selective-warm, selective-rerun) keep the action's tool cache (layer tables of contents and indexes) from their seeding run; selective-warm drops the piece records, selective-rerun keeps them, selective-fresh-runner empties the tool cache and finds indexes and records in an index repository (--index-repository); cold runs start without one; selective-matrix starts without one and keeps it across its four composes",
    `link: the path between the commands and the registry, a proxy on loopback that paces bodies per direction (shared by all connections) and delays each request by the round trip, a new connection by one more; "loopback": straight to the registry`,
    "-cross: the result goes to a second registry of the run's own, started empty, behind a link of the same shape with pacers of its own (the sources stay on the test bed's); its traffic is in the floors and the link's counts but not in the bytes columns, which come from the test bed registry's log, and its storage counts in peak disk; selective-warm-cross seeds its index into the test bed's registry, so min's layers still go across",
    `floor s: wire = bytes that crossed the link over its bandwidth (the larger direction); CPU = blob bytes fetched (inflated) and tars of the result layers uploaded (deflated), at native zlib's rates on all ${rates.cores} cores measured in this run (level ${rates.level}: deflate ${(rates.deflate / 1e6).toFixed(0)} MB/s, inflate ${(rates.inflate / 1e6).toFixed(0)} MB/s); × floor = wall time over the larger floor`,
    `CPU s: the CPU time of the action's CLI runs (user and system, all threads), and the busy time of all ${cpus().length} cores of the machine over the run, from /proc/stat (the compose and everything beside it: the registry, the link proxy, the engine and the bench); the machine offers ${cpus().length} × wall s`,
    'index MB: bytes of the layer indexes (*.layer-index) in the tool cache after a selective run; a dash for scenarios that do not use them',
    'the engine and registry are shared with other tests: their traffic in the same repositories and their disk use add noise',
    ...(stoppedEarly ? [stoppedEarly] : []),
  ];
  const json = {
    date: started.toISOString(),
    machine: {
      hostname: hostname(),
      cpus: cpus().length,
      cpuModel: cpus()[0]?.model ?? '',
      memoryBytes: totalmem(),
      ...(await toolVersions()),
    },
    profile,
    registry: REGISTRY,
    runId,
    options: opts,
    zlibRates: rates,
    scenarios,
    skipped,
    notes,
    runs,
    summaries,
    wallSeconds: Math.round((Date.now() - t0) / 1000),
  };
  await writeFile(join(out, `${name}.json`), JSON.stringify(json, null, 2) + '\n');
  await writeFile(join(out, `${name}.md`), `# ${title}\n\n${table}\n${notes.map((n) => `- ${n}`).join('\n')}\n`);
  await writeFile(join(out, `${name}.svg`), renderChart(summaries, title));
  process.stdout.write(`${title}\n\n${table}\nwrote ${join(out, `${name}.json`)}, ${name}.md and ${name}.svg\n`);
  return runs.some((r) => !r.ok) ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    process.stderr.write(`bench: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exit(1);
  },
);
