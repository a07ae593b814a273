// The registry client and range extraction against a proxy that breaks answers on purpose:
// resets mid-body, 500s, stalls and slow headers must recover to the exact bytes; a flipped
// byte must fail clearly (digest for whole blobs, sha256 for ranges) and keep nothing.
import { createHash } from 'node:crypto';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ExtractError } from '../../src/layer/ranges.js';
import { fetchEntries } from '../../src/layer/fetch-entries.js';
import { buildLayerIndex } from '../../src/layer/layer-index.js';
import { RegistryClient, RegistryError } from '../../src/registry/client.js';
import { planFinalView } from '../../src/layer/view.js';
import { type FaultProxy, startFaultProxy } from '../helpers/fault-proxy.js';
import { type LayerIndex } from '../../src/layer/index-format.js';

const UPSTREAM = 'http://127.0.0.1:5000';
const KEEP = '/opt/tritonserver/backends/onnxruntime';
const PLATFORM = { os: 'linux', architecture: 'amd64' };
let proxy: FaultProxy;
let index: LayerIndex;
let small: { digest: string; size: number };
let dest: string;
const refVia = (host: string) => ({ registry: host, repository: 'tritonserver', tag: '24.01-py3' });

beforeAll(async () => {
  proxy = await startFaultProxy(UPSTREAM);
  const direct = new RegistryClient();
  const image = await direct.resolve(refVia('127.0.0.1:5000'), PLATFORM);
  const layers = image.manifest.layers;
  const last = layers[layers.length - 1];
  index = await buildLayerIndex(await direct.blobStream(refVia('127.0.0.1:5000'), last.digest), {
    digest: last.digest,
    spacing: 1024 * 1024,
  });
  small = [...layers].sort((a, b) => a.size - b.size).find((l) => l.size > 4 * 1024 * 1024) ?? last;
}, 60_000);
afterAll(async () => proxy.close());
beforeEach(async () => {
  dest = await mkdtemp(join(tmpdir(), 'faults-'));
  proxy.log.length = 0;
});
afterEach(async () => rm(dest, { recursive: true, force: true }));

const kept = () => planFinalView([index.entries], { keep: [KEEP] });
const fastClient = (extra: Partial<ConstructorParameters<typeof RegistryClient>[0]> = {}) =>
  new RegistryClient({ retries: 4, timeoutMs: 5_000, ...extra });

async function expectKeptFilesIntact(): Promise<void> {
  for (const e of kept().filter((x) => x.type === 'file')) {
    const data = await readFile(join(dest, e.path));
    expect(createHash('sha256').update(data).digest('hex')).toBe(e.sha256);
  }
}

test('a 500 and a reset in the middle of a range recover, the range resumed where it broke', async () => {
  const blob = /\/blobs\/sha256:/;
  proxy.rules = [
    { path: blob, ranged: true, fault: { kind: 'status', status: 500 } },
    { path: blob, ranged: true, fault: { kind: 'reset', afterBytes: 1_000_000 } },
  ];
  const report = await fetchEntries(fastClient(), refVia(proxy.host), [{ index, entries: kept() }], dest, { owners: false });
  await expectKeptFilesIntact();
  const ranged = proxy.log.filter((r) => r.range);
  expect(ranged.filter((r) => r.fault).map((r) => r.fault)).toEqual(['status', 'reset']);
  const start = (r: { range?: string }) => Number(/bytes=(\d+)-/.exec(r.range ?? '')?.[1]);
  const reset = ranged.find((r) => r.fault === 'reset') as (typeof ranged)[number];
  // Resumed after what the reader got: at most the 1 MB sent (bytes in flight are lost).
  const resumed = ranged.find((r) => !r.fault && start(r) > start(reset) && start(r) <= start(reset) + 1_000_000);
  expect(resumed?.range?.split('-')[1]).toBe(reset.range?.split('-')[1]);
  expect(report.bytesFetched).toBeLessThanOrEqual(ranged.filter((r) => r.fault !== 'status').reduce((n, r) => n + r.bytes, 0));
});

test('a whole blob resumes after a reset and is checked against its digest', async () => {
  proxy.rules = [{ path: new RegExp(small.digest), fault: { kind: 'reset', afterBytes: 3_000_000 } }];
  const body = await fastClient().blobStream(refVia(proxy.host), small.digest);
  const hash = createHash('sha256');
  let n = 0;
  for await (const c of body) {
    hash.update(c as Buffer);
    n += (c as Buffer).length;
  }
  expect([`sha256:${hash.digest('hex')}`, n]).toEqual([small.digest, small.size]);
  expect(proxy.log.map((r) => r.range ?? 'whole')).toEqual(['whole', 'bytes=3000000-']);
});

test('a flipped byte in a whole blob fails at the end with a digest error', async () => {
  proxy.rules = [{ path: new RegExp(small.digest), fault: { kind: 'flip', atByte: 1_234_567 } }];
  const body = await fastClient().blobStream(refVia(proxy.host), small.digest);
  const drain = async () => {
    for await (const c of body) void c;
  };
  await expect(drain()).rejects.toThrow(/do not match the digest/);
});

test('a flipped byte in a range is caught (sha256 or inflate) and no damaged file is kept', async () => {
  const so = kept().find((e) => e.path.endsWith('.so.1.16.3'));
  expect(so).toBeDefined();
  proxy.rules = [{ path: /\/blobs\//, ranged: true, fault: { kind: 'flip', atByte: 2_000_000 } }];
  const run = fetchEntries(fastClient(), refVia(proxy.host), [{ index, entries: [so as NonNullable<typeof so>] }], dest, { owners: false });
  await expect(run).rejects.toBeInstanceOf(ExtractError);
  await expect(run).rejects.toThrow(/libonnxruntime.so.1.16.3|could not be read/);
  const left = await readdir(join(dest, KEEP)).catch(() => []);
  expect(left).toEqual([]);
  // Given up, the read asks for nothing more (no resume of a range nobody reads).
  await new Promise((resolve) => setTimeout(resolve, 500));
  expect(proxy.log.map((r) => r.fault)).toEqual(['flip']);
});

test('a stalled body is given up after the idle timeout and resumed', async () => {
  proxy.rules = [{ path: /\/blobs\//, ranged: true, fault: { kind: 'stall', afterBytes: 500_000, ms: 20_000 } }];
  const started = Date.now();
  // The idle timeout is well above what a busy machine pauses between chunks, far below the stall.
  await fetchEntries(fastClient({ idleTimeoutMs: 1_500 }), refVia(proxy.host), [{ index, entries: kept() }], dest, { owners: false });
  await expectKeptFilesIntact();
  expect(Date.now() - started).toBeLessThan(10_000);
  const [stalled, resumed, ...more] = proxy.log.filter((r) => r.range);
  expect([stalled.fault, stalled.bytes]).toEqual(['stall', 500_000]);
  // Resumed where the stalled answer stopped, to the same end, in one request.
  const [from, to] = (stalled.range ?? '').replace('bytes=', '').split('-').map(Number);
  expect([resumed.fault, resumed.range]).toEqual([undefined, `bytes=${from + 500_000}-${to}`]);
  expect(more).toEqual([]);
});

test('slow headers time out and the request is tried again', async () => {
  proxy.rules = [{ path: /\/manifests\//, fault: { kind: 'delay', ms: 1_500 } }];
  const image = await fastClient({ timeoutMs: 300 }).resolve(refVia(proxy.host), PLATFORM);
  expect(image.manifest.layers.length).toBeGreaterThan(0);
  expect(proxy.log.filter((r) => r.path.includes('/manifests/')).length).toBeGreaterThanOrEqual(3);
});

test('a registry that keeps failing gives a clear error after the retries', async () => {
  proxy.rules = [{ path: /\/blobs\//, times: 10, fault: { kind: 'status', status: 503 } }];
  const run = fastClient({ retries: 2 }).blobStream(refVia(proxy.host), small.digest, { start: 0, end: 99 });
  await expect(run).rejects.toBeInstanceOf(RegistryError);
  await expect(fastClient({ retries: 1 }).blobStream(refVia(proxy.host), small.digest, { start: 0, end: 99 })).rejects.toThrow(
    /answered HTTP 503/,
  );
});
