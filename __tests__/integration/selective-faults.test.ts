// The selective compose when a registry misbehaves or wants credentials. The full image is
// read through a fault proxy (resets mid-stream and mid-range, 500s, a flipped byte), through
// a Bearer token registry and from an htpasswd registry; and the result is written through the
// proxy (uploads cut off, 500s). A compose either recovers to the same image a compose without
// faults gives, or fails with a clear error and pushes nothing.
import { existsSync } from 'node:fs';
import { cp, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type ComposeResult, runCompose } from '../../src/compose/compose.js';
import { readDockerCredentials } from '../../src/registry/credentials.js';
import { RegistryClient } from '../../src/registry/client.js';
import { requireReference } from '../../src/oci/reference.js';
import { parseSpec } from '../../src/spec/spec.js';
import { type Running, type User, startHtpasswdRegistry, startTokenRegistry, writeDockerConfig } from '../helpers/auth-registry.js';
import { type FaultProxy, startFaultProxy } from '../helpers/fault-proxy.js';

const R = '127.0.0.1:5000';
const V = '24.01';
const AMD64 = { os: 'linux', architecture: 'amd64' };
const quiet = { info: () => undefined, warning: () => undefined, startGroup: () => undefined, endGroup: () => undefined };
const plain = new RegistryClient(); // straight to the test bed's registry
const USER: User = { username: 'ci-bot', password: `pw-${Math.random().toString(36).slice(2)}-secret` };
let work: string;
let proxy: FaultProxy;
let reference: string; // digest of the compose without faults
let ownLayers: { digest: string; size: number }[];
const closers: Running[] = [];

function specFor(fullRegistry: string, tag: string, resultRegistry = R) {
  return parseSpec({
    'container-version': V,
    'full-image': `${fullRegistry}/tritonserver:${V}-py3`,
    'min-image': `${resultRegistry}/tritonserver:${V}-py3-min`,
    backends: 'onnxruntime,python',
    tags: `${resultRegistry}/selective-faults:${tag}`,
    push: 'true',
    force: 'true',
  });
}

async function compose(
  fullRegistry: string,
  tag: string,
  cacheDir: string,
  client = new RegistryClient({ retries: 3, timeoutMs: 10_000 }),
  resultRegistry = R,
): Promise<{ result?: ComposeResult; failure?: unknown }> {
  return runCompose(specFor(fullRegistry, tag, resultRegistry), {
    version: 'test',
    tempRoot: work,
    cacheDir,
    buildCacheDir: join(work, 'bk'),
    log: quiet,
    registry: client,
  });
}

const blobPath = (digest: string) => new RegExp(`/blobs/${digest}$`);

beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'selective-faults-'));
  proxy = await startFaultProxy(`http://${R}`);
  const [full, min] = await Promise.all([
    plain.resolve(requireReference(`${R}/tritonserver:${V}-py3`), AMD64),
    plain.resolve(requireReference(`${R}/tritonserver:${V}-py3-min`), AMD64),
  ]);
  ownLayers = full.manifest.layers.filter((l) => !min.manifest.layers.some((m) => m.digest === l.digest));
  const { result, failure } = await compose(R, 'plain', join(work, 'cache-plain'));
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

/**
 * The indexes of the compose without faults, without its piece records: every part layer is
 * then written again from ranges (a record would let it be reused from the repository).
 */
async function warmIndexes(name: string): Promise<string> {
  const dir = join(work, name);
  await cp(join(work, 'cache-plain'), dir, { recursive: true });
  await rm(join(dir, 'pieces'), { recursive: true, force: true });
  return dir;
}

const FAILED = /^(selective fetch|writing the image) from .* failed: /;

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
  const cache = await warmIndexes('cache-warm-faults');
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
  const { result, failure } = await compose(proxy.host, tag, await warmIndexes('cache-flip-warm'));
  expect(failure).toBeInstanceOf(Error);
  expect(result?.report.ok).toBe(false);
  expect(result?.report.error).toMatch(FAILED);
  expect(result?.report.error).toMatch(/wrong content|damaged|invalid|incorrect/);
  expect(await plain.headManifest(requireReference(`${R}/selective-faults:${tag}`))).toBeUndefined();
});

test('direct assembly: uploads cut off mid-layer and 500s are sent again, to the same layers', async () => {
  const warnings: string[] = [];
  proxy.rules = [
    { method: 'PATCH', path: /\/selective-faults\/blobs\/uploads\//, fault: { kind: 'cut', afterBytes: 1_500_000 } },
    { method: 'PATCH', path: /\/selective-faults\/blobs\/uploads\//, fault: { kind: 'status', status: 500 } },
    { method: 'PUT', path: /\/selective-faults\/blobs\/uploads\//, fault: { kind: 'status', status: 503 } },
  ];
  // The result and min behind the proxy (so min's layers are mounted there), full read plainly.
  const { result, failure } = await runCompose(specFor(R, 'upload-faults', proxy.host), {
    version: 'test',
    tempRoot: work,
    cacheDir: await warmIndexes('cache-upload-faults'),
    buildCacheDir: join(work, 'bk'),
    log: { ...quiet, warning: (m: string) => void warnings.push(m) },
    registry: new RegistryClient({ retries: 3, timeoutMs: 10_000 }),
  });
  expect(failure).toBeUndefined();
  expect(result?.report.assembly?.mode).toBe('direct');
  expect(proxy.log.filter((e) => e.fault).map((e) => `${e.method} ${e.fault}`)).toEqual(['PATCH cut', 'PATCH status', 'PUT status']);
  // The cut upload is sent again from a new session; the 500 too, unless its body was not read
  // yet (then the PATCH is retried in place); the bodiless PUT is always retried in place.
  const resent = warnings.filter((w) => /sending its layer failed/.test(w)).length;
  expect(resent).toBeGreaterThanOrEqual(1);
  expect(resent).toBeLessThanOrEqual(2);
  // The same part layers as the compose without faults, and the image is whole at its tag.
  const ours = await plain.resolve(requireReference(`${R}/selective-faults:upload-faults`), AMD64);
  const theirs = await plain.resolve(requireReference(`${R}/selective-faults:plain`), AMD64);
  expect(ours.manifest.layers.map((l) => l.digest)).toEqual(theirs.manifest.layers.map((l) => l.digest));
  for (const l of ours.manifest.layers) expect(await plain.hasBlob(requireReference(`${R}/selective-faults:x`), l.digest)).toBe(true);
  // min's layers were mounted, never read
  const minLayers = (await plain.resolve(requireReference(`${R}/tritonserver:${V}-py3-min`), AMD64)).manifest.layers.map((l) => l.digest);
  expect(proxy.log.filter((e) => e.method === 'GET' && minLayers.some((d) => e.path.endsWith(d)))).toEqual([]);
});

test('direct assembly: an upload that keeps failing fails the compose clearly; no tag is written', async () => {
  proxy.rules = [{ method: 'PATCH', path: /\/selective-faults\/blobs\/uploads\//, times: 1000, fault: { kind: 'status', status: 500 } }];
  const tag = `upload-down-${process.pid}`;
  const { result, failure } = await compose(
    R,
    tag,
    await warmIndexes('cache-upload-down'),
    new RegistryClient({ retries: 1, timeoutMs: 10_000 }),
    proxy.host,
  );
  expect(failure).toBeInstanceOf(Error);
  expect(result?.report.error).toMatch(FAILED);
  expect(result?.report.error).toMatch(/PATCH .* answered HTTP 500/);
  expect(await plain.headManifest(requireReference(`${R}/selective-faults:${tag}`))).toBeUndefined();
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
  expect(await plain.headManifest(requireReference(`${R}/selective-faults:${tag}`))).toBeUndefined();
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
  const full = await plain.resolve(src, AMD64);
  for (const blob of [full.manifest.config, ...full.manifest.layers])
    await client.pushBlobStream(dst, blob.digest, blob.size, await plain.blobStream(src, blob.digest));
  // The platform manifest by digest, then what the tag points at (an index, for the fixtures),
  // so the copy has the same digests as the original.
  const manifest = await plain.getManifest(src, full.manifestDigest);
  await client.putManifest(dst, full.manifestDigest, manifest.body, manifest.mediaType);
  const top = await plain.getManifest(src);
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
