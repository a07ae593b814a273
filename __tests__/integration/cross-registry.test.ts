// A compose whose sources and result live in different registries, as a user composing from
// nvcr.io into their own registry has it: full and min behind the Bearer token flow (a front
// on the test bed's registry), the result in a second registry process with its own storage
// (anonymous; also behind a proxy that slows the link). Min's layers cannot be mounted across
// registries: they stream from one to the other, and must not land on disk.
import { execFileSync, spawn } from 'node:child_process';
import { mkdtemp, readdir, lstat, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readDockerCredentials } from '../../src/registry/credentials.js';
import { RegistryClient } from '../../src/registry/client.js';
import { requireReference } from '../../src/oci/reference.js';
import type { Report } from '../../src/report/types.js';
import { type Running, type User, startHtpasswdRegistry, startTokenRegistry, writeDockerConfig } from '../helpers/auth-registry.js';
import { type FaultProxy, startFaultProxy } from '../helpers/fault-proxy.js';

const R = '127.0.0.1:5000';
const root = process.cwd();
const amd64 = { os: 'linux', architecture: 'amd64' };
const SOURCE_USER: User = { username: 'ngc-reader', password: `src-${Math.random().toString(36).slice(2)}` };
/** The slow link: min's ~60 MB take over ten seconds through it. */
const RATE = 5 << 20;

let open: Running;
let link: FaultProxy;
let source: Running & { forwarded: () => { method: string; path: string }[] };
let shortLived: Running & { tokensIssued: () => number };
let dockerConfig: string;
let minLayers: { digest: string; size: number }[];
const folders: string[] = [];

beforeAll(async () => {
  open = await startHtpasswdRegistry([]);
  link = await startFaultProxy(`http://${open.host}`, [
    { path: /^\/v2\//, times: Infinity, fault: { kind: 'throttle', bytesPerSecond: RATE } },
  ]);
  source = await startTokenRegistry(`http://${R}`, [SOURCE_USER]);
  shortLived = await startTokenRegistry(`http://${R}`, [SOURCE_USER], { ttlMs: 2_000 });
  dockerConfig = await writeDockerConfig({
    [source.host]: SOURCE_USER,
    [shortLived.host]: SOURCE_USER,
  });
  folders.push(dockerConfig);
  const min = await new RegistryClient().resolve(requireReference(`${R}/tritonserver:24.01-py3-min`), amd64);
  minLayers = min.manifest.layers.map((l) => ({ digest: l.digest, size: l.size }));
});

afterAll(async () => {
  await Promise.all([link].map((p) => p?.close()));
  await Promise.all([open, source, shortLived].map((s) => s?.close()));
  await Promise.all(folders.map((f) => rm(f, { recursive: true, force: true })));
});

/** Bytes of the files under `dir` now (files may come and go while it walks), and the largest. */
async function folderSize(dir: string): Promise<{ total: number; largest: number; name: string }> {
  const out = { total: 0, largest: 0, name: '' };
  const names = await readdir(dir, { recursive: true }).catch(() => [] as string[]);
  for (const n of names) {
    const st = await lstat(join(dir, n)).catch(() => undefined);
    if (!st?.isFile()) continue;
    out.total += st.size;
    if (st.size > out.largest) [out.largest, out.name] = [st.size, n];
  }
  return out;
}

interface Run {
  code: number;
  stdout: string;
  stderr: string;
  ms: number;
  /** Largest size the temp and the cache folders reached while the CLI ran, and their largest file. */
  peakTemp: number;
  peakCache: number;
  largestFile: { size: number; name: string };
}

/** The shipped CLI with its own temp and cache folders, watched for size while it runs. */
async function runCli(args: string[], node = process.execPath): Promise<Run> {
  const temp = await mkdtemp(join(tmpdir(), 'cross-tmp-'));
  const cache = await mkdtemp(join(tmpdir(), 'cross-cache-'));
  folders.push(temp, cache);
  const env = {
    PATH: process.env.PATH ?? '',
    HOME: process.env.HOME ?? '/root',
    TMPDIR: temp,
    XDG_CACHE_HOME: cache,
    DOCKER_CONFIG: dockerConfig,
  };
  const started = Date.now();
  const child = spawn(node, [join(root, 'dist', 'cli', 'index.js'), ...args], { env });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
  child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
  const exited = new Promise<number>((r) => child.on('close', (code) => r(code ?? 1)));
  let done = false;
  let peakTemp = 0;
  let peakCache = 0;
  const largestFile = { size: 0, name: '' };
  void exited.then(() => (done = true));
  while (!done) {
    const [t, c] = await Promise.all([folderSize(temp), folderSize(cache)]);
    peakTemp = Math.max(peakTemp, t.total);
    peakCache = Math.max(peakCache, c.total);
    for (const f of [t, c]) if (f.largest > largestFile.size) Object.assign(largestFile, { size: f.largest, name: f.name });
    await Promise.race([exited, new Promise((r) => setTimeout(r, 100))]);
  }
  return { code: await exited, stdout, stderr, ms: Date.now() - started, peakTemp, peakCache, largestFile };
}

function composeArgs(from: string, tag: string): string[] {
  return [
    '--full-image',
    `${from}/tritonserver:24.01-py3`,
    '--min-image',
    `${from}/tritonserver:24.01-py3-min`,
    '--backends',
    'onnxruntime',
    '--tags',
    tag,
    '--push',
    '--json',
  ];
}

/** The result as the target registry holds it. */
async function resultLayers(tag: string): Promise<string[]> {
  const client = new RegistryClient({ credentials: readDockerCredentials({ DOCKER_CONFIG: dockerConfig }) });
  const image = await client.resolve(requireReference(tag), amd64);
  return image.manifest.layers.map((l) => l.digest);
}

/** Checks shared by every run: success, min's layers first in the result, none of min on disk. */
async function expectStreamedCopy(run: Run, tag: string): Promise<void> {
  if (run.code !== 0) throw new Error(`compose failed (${run.code}):\n${run.stderr}`);
  const report = JSON.parse(run.stdout) as Report;
  expect([report.ok, report.pushed]).toEqual([true, true]);
  const layers = await resultLayers(tag);
  expect(layers.slice(0, minLayers.length)).toEqual(minLayers.map((l) => l.digest));
  // The staging folder holds the files of the parts read from full (onnxruntime's ~44 MB) and
  // the layers written of them, the cache only layer indexes: beyond those, nothing near the
  // size of a min layer (~58 MB).
  const biggest = Math.max(...minLayers.map((l) => l.size));
  const ours = report.platforms[0].parts.filter((p) => p.kind !== 'base');
  const staged = ours.reduce((n, p) => n + p.uncompressedSize + p.size, 0);
  expect(run.peakTemp - staged).toBeLessThan(biggest / 8);
  expect(run.peakCache).toBeLessThan(biggest / 8);
  expect(run.largestFile.size).toBeLessThan(biggest / 4);
  expect(run.largestFile.name).not.toMatch(new RegExp(minLayers.map((l) => l.digest.slice(7)).join('|')));
}

/** Every min layer went over the link, each in one upload. */
function expectUploadedOnce(): void {
  const uploads = link.log.filter((e) => e.method === 'PUT' && /\/blobs\/uploads\//.test(e.path));
  for (const l of minLayers) expect(uploads.filter((e) => e.path.includes(encodeURIComponent(l.digest)))).toHaveLength(1);
}

/** A cold compose from the token registry into the open one: min's layers fetched once each, copied from the streams that listed them. */
async function expectCopiedFromListing(node?: string): Promise<void> {
  const tag = `${open.host}/cross/plain-${node ? 'node24' : 'node'}:1`;
  const before = source.forwarded().length;
  const run = await runCli(composeArgs(source.host, tag), node);
  await expectStreamedCopy(run, tag);
  // A cold compose lists min's layers and copies them from the same streams: each fetched once.
  const gets = source
    .forwarded()
    .slice(before)
    .filter((r) => r.method === 'GET');
  for (const l of minLayers) expect(gets.filter((r) => r.path.endsWith(`/blobs/${l.digest}`))).toHaveLength(1);
  expect(run.stderr).toMatch(/Copied [\d.]+ MB of min's layers to 127\.0\.0\.1:\d+\/cross\/plain-\w+ from the streams that listed them/);
  const report = JSON.parse(run.stdout) as Report;
  expect(report.uploaded).toBeGreaterThan(minLayers.reduce((n, l) => n + l.size, 0));
}

test('full and min behind a token, the result in another registry: min streams across once, nothing of it on disk', async () => {
  await expectCopiedFromListing();
});

// GitHub's runners run the action on node24, whose fetch (undici 7) sends the streamed upload
// bodies the copy tees from each listing: the same compose on it (scripts/node24.sh).
test('on node24, the same: each min layer fetched once and copied from its listing', async () => {
  const node24 = execFileSync('bash', [join(root, 'scripts', 'node24.sh')], { encoding: 'utf8' }).trim();
  await expectCopiedFromListing(node24);
});

test('over a throttled link (5 MB/s both ways) the copy takes its time and still completes', async () => {
  link.log.length = 0;
  const tag = `${link.host}/cross/throttled:1`;
  const run = await runCli(composeArgs(source.host, tag));
  await expectStreamedCopy(run, tag);
  expectUploadedOnce();
  const minBytes = minLayers.reduce((n, l) => n + l.size, 0);
  expect(run.ms).toBeGreaterThan((minBytes / RATE) * 1000 * 0.9);
});

// The source's tokens live two seconds, far less than the throttled copy: the 401 each expired
// one draws is answered with a new token, never taken as access denied.
test('a token that expires during a throttled copy is renewed, and the copy completes', async () => {
  link.log.length = 0;
  const tag = `${link.host}/cross/expiring:1`;
  const before = shortLived.tokensIssued();
  const run = await runCli(composeArgs(shortLived.host, tag));
  expect(run.stderr).not.toMatch(/access denied/);
  await expectStreamedCopy(run, tag);
  expectUploadedOnce();
  expect(shortLived.tokensIssued() - before).toBeGreaterThan(1); // renewed at least once
});
