// The selective compose when the full image's registry misbehaves or wants credentials. The
// full image is read through a fault proxy (resets mid-stream and mid-range, 500s, a flipped
// byte), through a Bearer token registry and from an htpasswd registry; min stays on the
// test bed's registry, where BuildKit reads it. A compose either recovers to the same image
// a direct compose gives, or fails with a clear error and pushes nothing.
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type ComposeResult, runCompose } from '../../src/compose.js';
import { readDockerCredentials } from '../../src/credentials.js';
import { RegistryClient } from '../../src/registry.js';
import { requireReference } from '../../src/reference.js';
import { parseSpec } from '../../src/spec.js';
import { type Running, type User, startHtpasswdRegistry, startTokenRegistry, writeDockerConfig } from '../helpers/auth-registry.js';
import { type FaultProxy, startFaultProxy } from '../helpers/fault-proxy.js';

const R = '127.0.0.1:5000';
const V = '24.01';
const AMD64 = { os: 'linux', architecture: 'amd64' };
const quiet = { info: () => undefined, warning: () => undefined, startGroup: () => undefined, endGroup: () => undefined };
const direct = new RegistryClient();
const USER: User = { username: 'ci-bot', password: `pw-${Math.random().toString(36).slice(2)}-secret` };
let work: string;
let proxy: FaultProxy;
let reference: string; // digest of the direct compose
let ownLayers: { digest: string; size: number }[];
const closers: Running[] = [];

function specFor(fullRegistry: string, tag: string) {
  return parseSpec({
    'container-version': V,
    'full-image': `${fullRegistry}/tritonserver:${V}-py3`,
    'min-image': `${R}/tritonserver:${V}-py3-min`,
    backends: 'onnxruntime,python',
    tags: `${R}/selective-faults:${tag}`,
    push: 'true',
    force: 'true',
  });
}

async function compose(fullRegistry: string, tag: string, cacheDir: string, client = new RegistryClient({ retries: 3, timeoutMs: 10_000 })): Promise<{ result?: ComposeResult; failure?: unknown }> {
  return runCompose(specFor(fullRegistry, tag), { version: 'test', tempRoot: work, cacheDir, buildCacheDir: join(work, 'bk'), log: quiet, registry: client });
}

const blobPath = (digest: string) => new RegExp(`/blobs/${digest}$`);

beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'selective-faults-'));
  proxy = await startFaultProxy(`http://${R}`);
  const [full, min] = await Promise.all([direct.resolve(requireReference(`${R}/tritonserver:${V}-py3`), AMD64), direct.resolve(requireReference(`${R}/tritonserver:${V}-py3-min`), AMD64)]);
  ownLayers = full.manifest.layers.filter((l) => !min.manifest.layers.some((m) => m.digest === l.digest));
  const { result, failure } = await compose(R, 'direct', join(work, 'cache-direct'));
  if (failure) throw failure;
  reference = result?.report.digest ?? '';
  expect(reference).toMatch(/^sha256:/);
});
afterAll(async () => {
  await proxy?.close();
  await Promise.all(closers.map((c) => c.close()));
  await rm(work, { recursive: true, force: true });
});
beforeEach(() => {
  proxy.rules = [];
  proxy.log.length = 0;
});

test('cold: a 500 and resets in the middle of the layer streams recover to the same image', async () => {
  const big = [...ownLayers].sort((a, b) => b.size - a.size)[0];
  proxy.rules = [
    { method: 'GET', path: blobPath(big.digest), ranged: false, fault: { kind: 'status', status: 500 } },
    { method: 'GET', path: blobPath(big.digest), ranged: false, fault: { kind: 'reset', afterBytes: Math.floor(big.size / 3) } },
    { method: 'GET', path: blobPath(big.digest), fault: { kind: 'reset', afterBytes: 1_000_000 } },
  ];
  const { result, failure } = await compose(proxy.host, 'cold-faults', join(work, 'cache-cold'));
  expect(failure).toBeUndefined();
  expect(result?.report.digest).toBe(reference);
  expect(result?.report.selective?.coldLayers.map((l) => l.digest).sort()).toEqual(ownLayers.map((l) => l.digest).sort());
  expect(proxy.log.filter((e) => e.fault).map((e) => e.fault)).toEqual(['status', 'reset', 'reset']);
});

test('warm: a 500 and a reset in the middle of a range recover to the same image', async () => {
  const cache = join(work, 'cache-direct'); // indexes of the direct compose
  proxy.rules = [
    { method: 'GET', path: /\/blobs\//, ranged: true, fault: { kind: 'status', status: 500 } },
    { method: 'GET', path: /\/blobs\//, ranged: true, fault: { kind: 'reset', afterBytes: 300_000 } },
  ];
  const { result, failure } = await compose(proxy.host, 'warm-faults', cache);
  expect(failure).toBeUndefined();
  expect(result?.report.selective?.coldLayers).toEqual([]);
  expect(result?.report.digest).toBe(reference);
  expect(proxy.log.filter((e) => e.fault).map((e) => e.fault)).toEqual(['status', 'reset']);
  const layerReads = proxy.log.filter((e) => ownLayers.some((l) => e.path.endsWith(`/blobs/${l.digest}`)));
  expect(layerReads.length).toBeGreaterThan(0);
  expect(layerReads.filter((e) => e.range === undefined)).toEqual([]); // ranges only
  expect(result?.report.selective?.rangeBytes).toBeGreaterThan(0);
});

test('warm: a wrong byte in a range is caught by the sha256 check; nothing is pushed', async () => {
  proxy.rules = [{ method: 'GET', path: /\/blobs\//, ranged: true, times: 100, fault: { kind: 'flip', atByte: 200_000 } }];
  const tag = `flip-${process.pid}`;
  const { result, failure } = await compose(proxy.host, tag, join(work, 'cache-direct'));
  expect(failure).toBeInstanceOf(Error);
  expect(result?.report.ok).toBe(false);
  expect(result?.report.error).toMatch(/^selective fetch from .* failed: .*(wrong content|damaged|invalid|incorrect)/);
  expect(await direct.headManifest(requireReference(`${R}/selective-faults:${tag}`))).toBeUndefined();
});

test('cold: a wrong byte in a layer stream fails on the layer digest, and no index is kept', async () => {
  const big = [...ownLayers].sort((a, b) => b.size - a.size)[0];
  proxy.rules = [{ method: 'GET', path: blobPath(big.digest), times: 100, fault: { kind: 'flip', atByte: Math.floor(big.size / 2) } }];
  const cache = join(work, 'cache-flip');
  const tag = `flip-cold-${process.pid}`;
  const { result, failure } = await compose(proxy.host, tag, cache);
  expect(failure).toBeInstanceOf(Error);
  // the gzip CRC or the layer digest, whichever sees it first
  expect(result?.report.error).toMatch(/^reading the layers of .* failed: .*(incorrect data check|digest)/);
  expect(existsSync(join(cache, `${big.digest.replace(':', '-')}.layer-index`))).toBe(false);
  expect(await direct.headManifest(requireReference(`${R}/selective-faults:${tag}`))).toBeUndefined();
});

test('Bearer token flow: the full image behind a token server, credentials from a Docker config', async () => {
  const registry = await startTokenRegistry(`http://${R}`, [USER]);
  closers.push(registry);
  const config = await writeDockerConfig({ [registry.host]: USER });
  const client = new RegistryClient({ credentials: readDockerCredentials({ DOCKER_CONFIG: config }), retries: 1, timeoutMs: 10_000 });
  const { result, failure } = await compose(registry.host, 'bearer', join(work, 'cache-bearer'), client);
  expect(failure).toBeUndefined();
  expect(result?.report.digest).toBe(reference);
  expect(registry.tokensIssued()).toBeGreaterThan(0);
  await rm(config, { recursive: true, force: true });
});

test('htpasswd registry: the full image copied there, read with Basic credentials; wrong ones fail clearly', async () => {
  const registry = await startHtpasswdRegistry([USER]);
  closers.push(registry);
  const config = await writeDockerConfig({ [registry.host]: USER });
  const client = new RegistryClient({ credentials: readDockerCredentials({ DOCKER_CONFIG: config }), retries: 1, timeoutMs: 10_000 });
  const src = requireReference(`${R}/tritonserver:${V}-py3`);
  const dst = requireReference(`${registry.host}/tritonserver:${V}-py3`);
  const full = await direct.resolve(src, AMD64);
  for (const blob of [full.manifest.config, ...full.manifest.layers]) await client.pushBlobStream(dst, blob.digest, blob.size, await direct.blobStream(src, blob.digest));
  // The platform manifest by digest, then what the tag points at (an index, for the fixtures),
  // so the copy has the same digests as the original.
  const manifest = await direct.getManifest(src, full.manifestDigest);
  await client.putManifest(dst, full.manifestDigest, manifest.body, manifest.mediaType);
  const top = await direct.getManifest(src);
  await client.putManifest(dst, `${V}-py3`, top.body, top.mediaType);

  const { result, failure } = await compose(registry.host, 'htpasswd', join(work, 'cache-htpasswd'), client);
  expect(failure).toBeUndefined();
  expect(result?.report.digest).toBe(reference);

  const wrongConfig = await writeDockerConfig({ [registry.host]: { username: USER.username, password: 'wrong' } });
  const wrong = new RegistryClient({ credentials: readDockerCredentials({ DOCKER_CONFIG: wrongConfig }), retries: 1, timeoutMs: 10_000 });
  const denied = await compose(registry.host, 'htpasswd-denied', join(work, 'cache-denied'), wrong);
  expect(denied.failure).toBeInstanceOf(Error);
  expect(String((denied.failure as Error).message)).toMatch(/access denied|credentials/);
  expect(String((denied.failure as Error).message)).not.toContain(USER.password);
  await rm(config, { recursive: true, force: true });
  await rm(wrongConfig, { recursive: true, force: true });
});
