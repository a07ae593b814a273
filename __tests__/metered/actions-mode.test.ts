// build-cache: actions for real: the action (dist/index.js) restores its BuildKit cache folder
// with @actions/cache from a local stand-in of the Actions cache service, builds, and its post
// step (dist/index.js again, started with the state isPost the main step left) saves the
// folder; a second run on a fresh runner restores it and never touches the full image's layers.
import { execFile, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { RegistryClient } from '../../src/registry/client.js';
import { type ImageRef, requireReference } from '../../src/oci/reference.js';
import { AccessLog, findRegistryLog } from '../../scripts/lib/access-log.js';
import { type CacheService, startCacheService } from '../helpers/cache-service.js';

const R = '127.0.0.1:5000';
const root = process.cwd();
const log = new AccessLog(findRegistryLog(root));
// The metered profile's copy of 25.01 (npm run fixtures): no test running beside this one reads it.
const FULL = `${R}/tritonserver:25.01-py3-metered`;
const MIN = `${R}/tritonserver:25.01-py3-min-metered`;
const hostEnv = Object.fromEntries(
  Object.entries(process.env).filter(([k]) => !/^(ACTIONS_|GITHUB_|RUNNER_|STATE_|INPUT_)/.test(k) && k !== 'NODE_OPTIONS'),
);

function ref(text: string): ImageRef {
  return requireReference(text);
}

/** name<<delimiter … delimiter records, as GITHUB_OUTPUT and GITHUB_STATE hold them. */
function parseRecords(file: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const m of readFileSync(file, 'utf8').matchAll(/^([^\n<]+)<<(\S+)\n([\s\S]*?)\n\2$/gm)) out[m[1]] = m[3];
  return out;
}

function node(script: string, env: Record<string, string>): Promise<{ code: number; log: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [script], { env: { ...hostEnv, ...env }, maxBuffer: 64 << 20, timeout: 300_000 }, (err, stdout, stderr) => {
      resolve({ code: err ? ((err as { code?: number }).code ?? 1) : 0, log: stdout + stderr });
    });
  });
}

/** One job: main step then post step, as the runner does, on a runner whose tool cache is `toolCache`. */
async function job(service: CacheService, toolCache: string, runId: string, inputs: Record<string, string>) {
  const dir = mkdtempSync(join(tmpdir(), 'tc-job-'));
  const files = { GITHUB_OUTPUT: join(dir, 'output'), GITHUB_STATE: join(dir, 'state'), GITHUB_STEP_SUMMARY: join(dir, 'summary.md') };
  for (const f of Object.values(files)) writeFileSync(f, '');
  const env: Record<string, string> = {
    ...service.env,
    ...files,
    RUNNER_TOOL_CACHE: toolCache,
    RUNNER_TEMP: dir,
    GITHUB_RUN_ID: runId,
    GITHUB_RUN_ATTEMPT: '1',
    XDG_CACHE_HOME: join(dir, 'xdg'),
  };
  // gzip level 1, faster: what is measured here is what the caches hold and fetch, at any level
  for (const [k, v] of Object.entries({ 'compression-level': '1', ...inputs })) env[`INPUT_${k.toUpperCase()}`] = v;
  const main = await node(join(root, 'dist', 'index.js'), env);
  const state = parseRecords(files.GITHUB_STATE);
  const stateEnv = Object.fromEntries(Object.entries(state).map(([k, v]) => [`STATE_${k}`, v]));
  expect(state.isPost).toBe('true');
  const post = await node(join(root, 'dist', 'index.js'), { ...env, ...stateEnv });
  return { main, post, state, outputs: parseRecords(files.GITHUB_OUTPUT) };
}

function freshEngine(): void {
  const images = spawnSync('docker', ['image', 'ls', '--format', '{{.Repository}}:{{.Tag}}'], { encoding: 'utf8' }).stdout.split('\n');
  const ours = images.filter((i) => i === FULL || i === MIN);
  if (ours.length) spawnSync('docker', ['image', 'rm', '-f', ...ours]);
  spawnSync('docker', ['builder', 'prune', '-af']);
}

let service: CacheService;
beforeAll(async () => {
  service = await startCacheService();
});
afterAll(async () => {
  await service?.stop();
});

test('buildkit source: the cache folder is restored, built into and saved; a fresh runner rebuilds from it without the full image', async () => {
  const toolCache = mkdtempSync(join(tmpdir(), 'tc-toolcache-'));
  const tag = `${R}/cache-test/actions-${process.pid}:1`;
  const inputs = {
    'full-image': FULL,
    'min-image': MIN,
    backends: 'onnxruntime',
    tags: tag,
    push: 'true',
    'build-cache': 'actions',
    source: 'buildkit',
  };
  const [full, min] = await Promise.all([
    new RegistryClient().resolve(ref(FULL), { os: 'linux', architecture: 'amd64' }),
    new RegistryClient().resolve(ref(MIN), { os: 'linux', architecture: 'amd64' }),
  ]);
  const minLayers = new Set(min.manifest.layers.map((l) => l.digest));
  const fullLayers = new Set(full.manifest.layers.map((l) => l.digest).filter((d) => !minLayers.has(d)));

  freshEngine();
  const first = await job(service, toolCache, '1001', inputs);
  expect(first.main.code).toBe(0);
  expect(first.main.log).toMatch(/build-cache: no cache entry for triton-compose-buildkit-/);
  expect(first.post.code).toBe(0);
  expect(first.post.log).toMatch(/build-cache: saved .* as triton-compose-buildkit-.*-1001-1/);
  expect(
    service
      .entries()
      .filter((e) => e.finalized)
      .map((e) => e.key),
  ).toEqual([first.state['build-cache-key']]);

  // A fresh runner: no builder state, no images, an empty tool cache at the same path.
  freshEngine();
  rmSync(toolCache, { recursive: true, force: true });
  const mark = await log.mark();
  const second = await job(service, toolCache, '1002', { ...inputs, force: 'true' });
  const traffic = await log.since(mark);
  expect(second.main.code).toBe(0);
  expect(second.main.log).toContain(`build-cache: restored ${first.state['build-cache-key']}`);
  expect(second.outputs.digest).toBe(first.outputs.digest);
  const fullFetched = traffic.filter((e) => e.kind === 'blob' && e.method === 'GET' && fullLayers.has(e.reference ?? ''));
  expect(fullFetched).toEqual([]);
  expect(second.post.log).toMatch(/build-cache: saved .* as triton-compose-buildkit-.*-1002-1/);
  expect(service.entries().filter((e) => e.finalized)).toHaveLength(2);
});

test('selective source: layer indexes saved per layer digest; a fresh runner reads full only by ranges', async () => {
  const toolCache = mkdtempSync(join(tmpdir(), 'tc-toolcache-'));
  const tag = `${R}/cache-test/actions-selective-${process.pid}:1`;
  const inputs = { 'full-image': FULL, 'min-image': MIN, backends: 'onnxruntime', tags: tag, push: 'true', 'build-cache': 'actions' };
  const [full, min] = await Promise.all([
    new RegistryClient().resolve(ref(FULL), { os: 'linux', architecture: 'amd64' }),
    new RegistryClient().resolve(ref(MIN), { os: 'linux', architecture: 'amd64' }),
  ]);
  const minLayers = new Set(min.manifest.layers.map((l) => l.digest));
  const fullLayers = new Set(full.manifest.layers.map((l) => l.digest).filter((d) => !minLayers.has(d)));
  const before = new Set(service.entries().map((e) => e.key));

  freshEngine();
  const first = await job(service, toolCache, '2001', inputs);
  expect(first.main.code).toBe(0);
  expect(first.post.code).toBe(0);
  const saved = service
    .entries()
    .filter((e) => e.finalized && !before.has(e.key))
    .map((e) => e.key);
  for (const d of fullLayers) expect(saved.some((k) => k.includes(d.replace(':', '-')) && k.endsWith('-index'))).toBe(true);

  // A fresh runner: no builder state, no images, an empty tool cache.
  freshEngine();
  rmSync(toolCache, { recursive: true, force: true });
  const mark = await log.mark();
  const second = await job(service, toolCache, '2002', { ...inputs, force: 'true' });
  const traffic = await log.since(mark);
  expect(second.main.code).toBe(0);
  expect(second.main.log).not.toContain('no cached index');
  expect(second.outputs.digest).toBe(first.outputs.digest);
  const fullFetched = traffic.filter((e) => e.kind === 'blob' && e.method === 'GET' && fullLayers.has(e.reference ?? ''));
  expect(fullFetched.length).toBeGreaterThan(0);
  expect(fullFetched.filter((e) => e.status !== 206)).toEqual([]); // ranges only, never a whole layer
  const fullSize = full.manifest.layers.filter((l) => fullLayers.has(l.digest)).reduce((n, l) => n + l.size, 0);
  expect(fullFetched.reduce((n, e) => n + e.bytes, 0)).toBeLessThan(fullSize / 2);
});

test('direct assembly: piece records saved as the parts are written; a fresh runner into the same repository reads nothing of full and writes no part', async () => {
  const toolCache = mkdtempSync(join(tmpdir(), 'tc-toolcache-'));
  const tag = `${R}/cache-test/actions-pieces-${process.pid}:1`;
  const inputs = { 'full-image': FULL, 'min-image': MIN, backends: 'onnxruntime', tags: tag, push: 'true', assembly: 'direct' };
  const full = await new RegistryClient().resolve(ref(FULL), { os: 'linux', architecture: 'amd64' });
  const before = new Set(service.entries().map((e) => e.key));

  const first = await job(service, toolCache, '3001', inputs);
  expect(first.main.code).toBe(0);
  expect(first.main.log).toMatch(/\d+ layers written, 0 already in the repository/);
  const saved = service
    .entries()
    .filter((e) => e.finalized && !before.has(e.key))
    .map((e) => e.key);
  // a record per part layer written (core, onnxruntime, serve)
  const written = Number(/(\d+) layers written/.exec(first.main.log)?.[1]);
  expect(written).toBeGreaterThanOrEqual(3);
  expect(saved.filter((k) => /^triton-compose-piece-v1-[a-f0-9]{64}$/.test(k))).toHaveLength(written);

  // A fresh runner: an empty tool cache; the same compose into the same repository.
  rmSync(toolCache, { recursive: true, force: true });
  const mark = await log.mark();
  const second = await job(service, toolCache, '3002', { ...inputs, force: 'true' });
  const traffic = await log.since(mark);
  expect(second.main.code).toBe(0);
  expect(second.outputs.digest).toBe(first.outputs.digest);
  expect(second.main.log).toContain(`0 layers written, ${written} already in the repository`);
  // no layer of full (min's included) is read at all: neither whole nor by ranges
  const fullLayers = new Set(full.manifest.layers.map((l) => l.digest));
  expect(traffic.filter((e) => e.kind === 'blob' && e.method === 'GET' && fullLayers.has(e.reference ?? ''))).toEqual([]);
});
