// Caching and reproducibility against the real engine and registry, counting what each run
// fetched from the registry's access log: warm rebuilds that never touch the full image,
// part layers shared across a matrix, the same digest on a fresh builder, and the skipped path.
import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { RegistryClient } from '../../src/registry/client.js';
import { type ImageRef, requireReference } from '../../src/oci/reference.js';
import type { Report } from '../../src/report/types.js';
import { AccessLog, findRegistryLog, type AccessEntry } from '../../scripts/lib/access-log.js';

const R = '127.0.0.1:5000';
const root = process.cwd();
const log = new AccessLog(findRegistryLog(root));
const client = new RegistryClient();
const amd64 = { os: 'linux', architecture: 'amd64' };
// The metered profile's copy of 24.01 (npm run fixtures): no test running beside this one reads it.
const FULL = `${R}/tritonserver:24.01-py3-metered`;
const MIN = `${R}/tritonserver:24.01-py3-min-metered`;
const run = `${process.pid}-${Date.now().toString(36)}`;
const cacheHome = mkdtempSync(join(tmpdir(), 'tc-cache-home-'));

async function listTags(repository: string): Promise<string[]> {
  const res = await fetch(`http://${R}/v2/${repository}/tags/list`);
  return ((await res.json()) as { tags: string[] }).tags;
}

function ref(text: string): ImageRef {
  return requireReference(text);
}

function docker(args: string[]) {
  return spawnSync('docker', args, { encoding: 'utf8', timeout: 300_000 });
}

/** A builder with no state and no local image holding the fixture's layers: a fresh runner. */
function freshBuilder(): void {
  const images = docker(['image', 'ls', '--format', '{{.Repository}}:{{.Tag}}']).stdout.split('\n');
  const ours = images.filter((i) => i === FULL || i === MIN || i.startsWith(`${R}/cache-test/`));
  if (ours.length) docker(['image', 'rm', '-f', ...ours]);
  const prune = docker(['builder', 'prune', '-af']);
  if (prune.status !== 0) throw new Error(prune.stderr);
}

function compose(tag: string, backends: string, extra: string[] = []): { report: Report; stderr: string } {
  const args = [
    join(root, 'dist', 'cli', 'index.js'),
    '--full-image',
    FULL,
    '--min-image',
    MIN,
    '--backends',
    backends,
    '--tags',
    tag,
    '--push',
    '--json',
    // gzip level 1 (2.5 times faster than the default on ELF files in zlib, faster in BuildKit):
    // what is measured here is bytes fetched and digests, the same at any level
    '--compression-level',
    '1',
    ...extra,
  ];
  const res = spawnSync('node', args, { encoding: 'utf8', timeout: 300_000, env: { ...process.env, XDG_CACHE_HOME: cacheHome } });
  if (res.status !== 0) throw new Error(`compose failed (${res.status}):\n${res.stderr.slice(-3000)}`);
  return { report: JSON.parse(res.stdout) as Report, stderr: res.stderr };
}

async function composeCounted(tag: string, backends: string, extra: string[] = []) {
  const mark = await log.mark();
  const out = compose(tag, backends, extra);
  return { ...out, traffic: await log.since(mark) };
}

let fullOnly: Set<string>; // the full image's blobs that min does not have
let fullLayers: { digest: string; size: number }[];
let fullConfigSize: number;
/** The source images' tags, manifest digests and blobs: what of repository tritonserver is this test's. */
let sourceRefs: Set<string>;

beforeAll(async () => {
  const [full, min] = await Promise.all([client.resolve(ref(FULL), amd64), client.resolve(ref(MIN), amd64)]);
  const manifests = await Promise.all([FULL, MIN].map((r) => client.headManifest(ref(r))));
  sourceRefs = new Set(
    [FULL, MIN]
      .map((r) => r.slice(r.lastIndexOf(':') + 1))
      .concat(
        manifests.filter((d): d is string => !!d),
        [full, min].flatMap((i) => [i.manifest.config.digest, ...i.manifest.layers.map((l) => l.digest)]),
      ),
  );
  const minBlobs = new Set(min.manifest.layers.map((l) => l.digest));
  fullLayers = full.manifest.layers.filter((l) => !minBlobs.has(l.digest));
  fullOnly = new Set([full.manifest.config.digest, ...fullLayers.map((l) => l.digest)]);
  fullConfigSize = full.manifest.config.size;
});

const fullGets = (entries: AccessEntry[], what: Set<string>) =>
  entries.filter((e) => e.kind === 'blob' && e.method === 'GET' && e.repository === 'tritonserver' && what.has(e.reference ?? ''));
const fullBytes = (entries: AccessEntry[]) => fullGets(entries, fullOnly).reduce((n, e) => n + e.bytes, 0);
const fullLayerBytes = (entries: AccessEntry[]) =>
  fullGets(entries, new Set(fullLayers.map((l) => l.digest))).reduce((n, e) => n + e.bytes, 0);
/** Whether BuildKit answered the COPY of `path` from its cache (plain progress: "#N CACHED"). */
function cachedStep(buildLog: string, path: string): boolean {
  const step = new RegExp(`^#(\\d+) \\[[^\\]]*\\] COPY --link --from=full /opt/tritonserver/${path} `, 'm').exec(buildLog)?.[1];
  if (!step) throw new Error(`no COPY of ${path} in the build log`);
  return new RegExp(`^#${step} CACHED$`, 'm').test(buildLog);
}
const partDigests = (r: Report) => Object.fromEntries(r.platforms[0].parts.map((p) => [p.name, p.digests[p.digests.length - 1]]));

describe('registry build cache', () => {
  const repo = `${R}/cache-test/warm-${run}`;

  test('a warm rebuild on a fresh builder fetches no blob of the full image and gives the same digest', async () => {
    freshBuilder();
    const cold = await composeCounted(`${repo}:a`, 'onnxruntime,python', ['--build-cache', 'registry', '--source', 'buildkit']);
    // The control: a cold build on this fresh builder did fetch the full image's layers.
    expect(fullBytes(cold.traffic)).toBeGreaterThan(fullLayers[fullLayers.length - 1].size);
    // BuildKit exported the part set's cache once; the release's tag names the same manifest.
    const cacheTags = (await listTags(`cache-test/warm-${run}`)).filter((t) => t.startsWith('buildcache-')).sort();
    // the release's (a custom series here: no container-version) and the part set's
    expect(cacheTags).toEqual([
      expect.stringMatching(/^buildcache-custom-[0-9a-f]{12}-amd64$/),
      expect.stringMatching(/^buildcache-custom-[0-9a-f]{12}-amd64-[0-9a-f]{10}$/),
    ]);
    const [shared, own] = await Promise.all(cacheTags.map((t) => client.headManifest(ref(`${repo}:${t}`))));
    expect(shared).toBe(own);
    const exports = cold.traffic.filter(
      (e) =>
        e.kind === 'manifest' && e.method === 'PUT' && e.repository === `cache-test/warm-${run}` && e.reference?.startsWith('buildcache-'),
    );
    expect(exports.map((e) => e.reference).sort()).toEqual(cacheTags);

    freshBuilder();
    const warm = await composeCounted(`${repo}:a`, 'onnxruntime,python', ['--build-cache', 'registry', '--force', '--source', 'buildkit']);
    // Not one byte of the full image's layers; BuildKit still reads its config (2 kB) for FROM.
    expect(fullLayerBytes(warm.traffic)).toBe(0);
    expect(fullBytes(warm.traffic)).toBeLessThanOrEqual(fullConfigSize);
    expect(warm.report.digest).toBe(cold.report.digest);
    for (const part of ['onnxruntime', 'python']) expect(cachedStep(warm.stderr, `backends/${part}`)).toBe(true);
    // What it fetched instead: the cache's layers, from the result's own repository.
    const cacheGets = warm.traffic.filter((e) => e.kind === 'blob' && e.method === 'GET' && e.repository === `cache-test/warm-${run}`);
    expect(cacheGets.length).toBeGreaterThan(0);
  });

  test('selective source: a warm rebuild on a fresh builder reads only the kept ranges of full, and its ADD steps come from the cache', async () => {
    const sel = `${repo}-selective`;
    freshBuilder();
    const cold = await composeCounted(`${sel}:a`, 'onnxruntime,python', ['--build-cache', 'registry']);
    freshBuilder();
    const warm = await composeCounted(`${sel}:a`, 'onnxruntime,python', ['--build-cache', 'registry', '--force']);
    expect(warm.report.digest).toBe(cold.report.digest);
    // The parts are read again to make the build context (that is what BuildKit's cache key
    // is computed from), by ranges only: no whole layer, and never by BuildKit.
    expect(warm.report.selective?.coldLayers).toEqual([]);
    expect(fullLayerBytes(warm.traffic)).toBe(warm.report.selective?.rangeBytes);
    expect(fullGets(warm.traffic, fullOnly).every((e) => e.userAgent?.startsWith('node') || e.status === 206)).toBe(true);
    for (const part of ['onnxruntime', 'python']) {
      const step = new RegExp(`^#(\\d+) \\[[^\\]]*\\] ADD --link parts/\\S+/backend-${part}\\.tar `, 'm').exec(warm.stderr)?.[1];
      expect(step).toBeDefined();
      expect(new RegExp(`^#${step} CACHED$`, 'm').test(warm.stderr)).toBe(true);
    }
  });
});

describe('a matrix sharing one registry cache', () => {
  const repo = `${R}/cache-test/matrix-${run}`;
  const sets = ['onnxruntime', 'onnxruntime,python', 'python,pytorch'];

  test("each part's layer has one digest in every image, and is uploaded once for all of them", async () => {
    freshBuilder();
    const runs = [];
    for (const [i, set] of sets.entries()) {
      if (i > 0) freshBuilder(); // each matrix entry on its own runner
      runs.push(await composeCounted(`${repo}:${set.replace(/,/g, '-')}`, set, ['--build-cache', 'registry', '--source', 'buildkit']));
    }
    const parts = runs.map((r) => partDigests(r.report));
    expect(parts[1].onnxruntime).toBe(parts[0].onnxruntime);
    expect(parts[2].python).toBe(parts[1].python);
    for (const shared of ['core', 'serve', 'workdir']) expect(new Set(parts.map((p) => p[shared])).size).toBe(1);
    expect(new Set(parts.map((p) => p.base)).size).toBe(1);
    expect(parts[2]['runtime-deps']).toBe(parts[1]['runtime-deps']);
    // A new part needs the full image's backends layer (it holds every backend).
    const fetched = fullGets(runs[2].traffic, new Set(fullLayers.map((l) => l.digest))).map((e) => e.reference);
    expect(fetched).toContain(fullLayers[fullLayers.length - 1].digest);
    // With mode=min a new part set re-runs its COPY steps (the records of another set's final
    // stage sit on another base), and gets the same layers because they are reproducible; the
    // registry then already has them, so the push uploads none of the shared parts again.
    expect(runs[2].report.uploaded ?? 0).toBeLessThan(
      runs[2].report.platforms[0].parts.find((p) => p.name === 'pytorch')!.size + 1_000_000,
    );
  });
});

describe('reproducible digests', () => {
  test('two builds on separate builder states, without any cache, give the same image', async () => {
    const repo = `${R}/cache-test/repro-${run}`;
    freshBuilder();
    const a = compose(`${repo}:a`, 'onnxruntime');
    freshBuilder();
    const b = compose(`${repo}:b`, 'onnxruntime', ['--no-cache']);
    expect(b.report.digest).toBe(a.report.digest);
    expect(partDigests(b.report)).toEqual(partDigests(a.report));
  });
});

describe('skip when up to date', () => {
  test('a second identical run pushes nothing and fetches only manifests', async () => {
    const tag = `${R}/cache-test/skip-${run}:1`;
    const first = compose(tag, 'python');
    expect(first.report.skipped).toBeFalsy();
    const second = await composeCounted(tag, 'python');
    expect(second.report).toMatchObject({ ok: true, skipped: true, digest: first.report.digest, composeKey: first.report.composeKey });
    expect(second.report.platforms[0].size).toBe(first.report.platforms[0].size);
    const mine = second.traffic.filter(
      (e) =>
        e.repository === `cache-test/skip-${run}` ||
        (e.repository === 'tritonserver' && e.userAgent?.startsWith('node') && sourceRefs.has(e.reference ?? '')),
    );
    expect(mine.filter((e) => e.kind !== 'manifest')).toEqual([]);
    expect(mine.filter((e) => e.method !== 'GET' && e.method !== 'HEAD')).toEqual([]);
    // The key is on the manifest itself, where the check reads it.
    const m = JSON.parse((await client.getManifest(ref(tag))).body.toString('utf8')) as { annotations?: Record<string, string> };
    expect(m.annotations?.['io.github.triton-compose.key']).toBe(first.report.composeKey);

    const forced = compose(tag, 'python', ['--force']);
    expect(forced.report.skipped).toBeFalsy();
    expect(forced.report.digest).toBe(first.report.digest);
  });
});
