// A cold listing of one of min's layers that also copies it into the result's registry from the
// same stream: the layer is fetched once; a copy that fails never fails the listing (the
// assembly's own copy sends it later); a listing that fails never lets the copy commit.
import { fetchLayerToc } from '../../../src/layer/contents.js';
import { requireReference } from '../../../src/oci/reference.js';
import { MEDIA } from '../../../src/oci/types.js';
import { RegistryClient } from '../../../src/registry/client.js';
import { copyBlob, startBlobCopy } from '../../../src/registry/copy.js';
import { planMinCopy, planMinIndex } from '../../../src/compose/stages/views.js';
import { parseSpec } from '../../../src/spec/spec.js';
import { type FakeRegistry, startFakeRegistry } from '../../helpers/fake-registry.js';
import { makeLayer, noise } from '../../helpers/layer-tar.js';

const running: FakeRegistry[] = [];
afterEach(async () => {
  await Promise.all(running.splice(0).map((r) => r.close()));
});
async function registry(options: Parameters<typeof startFakeRegistry>[0] = {}): Promise<FakeRegistry> {
  const r = await startFakeRegistry(options);
  running.push(r);
  return r;
}
const client = () => new RegistryClient({ retries: 0, timeoutMs: 2_000 });

/** A min-like layer (a 3 MB library among small files) in `source`, and where it would be copied in `target`. */
async function minLayer(source: FakeRegistry, target: FakeRegistry) {
  const file = (name: string, data: Buffer) => ({ header: { name, type: 'file' as const, size: data.length }, data });
  const { gz } = await makeLayer([
    file('etc/os-release', Buffer.from('ID=debian\n')),
    file('usr/lib/libbig.so', noise(3_000_000)),
    file('var/lib/dpkg/status', Buffer.from('Package: base-files\nStatus: install ok installed\n\n')),
  ]);
  const digest = source.putBlob('nvidia/min', gz);
  const d = { mediaType: MEDIA.ociLayerGzip, digest, size: gz.length };
  const from = { registry: source.host, repository: 'nvidia/min' };
  const to = { registry: target.host, repository: 'me/triton' };
  return { gz, d, from, to };
}
const blobGets = (r: FakeRegistry, digest: string) => r.log.filter((e) => e.method === 'GET' && e.path.endsWith(`/blobs/${digest}`));
const uploadPuts = (r: FakeRegistry) => r.log.filter((e) => e.method === 'PUT' && /\/blobs\/uploads\//.test(e.path));
const paths = (entries: { path: string }[]) => entries.map((e) => e.path);
const LISTED = ['/etc/os-release', '/usr/lib/libbig.so', '/var/lib/dpkg/status'];

test('a cold listing copies the layer into another registry from the same stream: fetched once', async () => {
  const [source, target] = [await registry(), await registry()];
  const { gz, d, from, to } = await minLayer(source, target);
  const c = client();
  const toc = await fetchLayerToc(c, from, d.digest, undefined, () => startBlobCopy(c, to, d));
  expect(paths(toc.entries)).toEqual(LISTED);
  expect(toc.captured['/etc/os-release']).toBe('ID=debian\n');
  expect(target.blob('me/triton', d.digest)?.equals(gz)).toBe(true);
  expect(blobGets(source, d.digest)).toHaveLength(1);
  expect(uploadPuts(target)).toHaveLength(1);
  // The assembly's copy then finds it there and sends nothing.
  expect(await copyBlob(c, from, to, d)).toBe(0);
  expect(blobGets(source, d.digest)).toHaveLength(1);
});

test('a target that holds the layer already gets no upload', async () => {
  const [source, target] = [await registry(), await registry()];
  const { gz, d, to } = await minLayer(source, target);
  target.putBlob('me/triton', gz);
  expect(await startBlobCopy(client(), to, d)).toBeUndefined();
  expect(target.log.filter((e) => e.method !== 'HEAD')).toEqual([]);
});

test.each([
  ['refuses the upload', { kind: 'status', status: 500 } as const],
  ['drops the connection mid-body', { kind: 'drop', afterBytes: 200_000 } as const],
])('a target that %s: the listing completes, the copy ends false, and the assembly sends the layer itself', async (_what, fault) => {
  const [source, target] = [await registry(), await registry()];
  const { gz, d, from, to } = await minLayer(source, target);
  target.rules.push({ method: 'PUT', path: /\/blobs\/uploads\//, times: 1, fault });
  const c = client();
  const failures: unknown[] = [];
  let ended: boolean | undefined;
  const tee = async () => {
    const copy = await startBlobCopy(c, to, d, (err) => failures.push(err));
    return copy && { ...copy, end: () => copy.end().then((ok) => ((ended = ok), ok)) };
  };
  const toc = await fetchLayerToc(c, from, d.digest, undefined, tee);
  expect(paths(toc.entries)).toEqual(LISTED);
  expect([ended, failures.length]).toEqual([false, 1]);
  expect(target.blob('me/triton', d.digest)).toBeUndefined();
  expect(await copyBlob(c, from, to, d)).toBe(gz.length);
  expect(target.blob('me/triton', d.digest)?.equals(gz)).toBe(true);
});

test('a listing whose stream breaks off fails, and the copy riding on it is never committed', async () => {
  const [source, target] = [await registry(), await registry()];
  const { d, from, to } = await minLayer(source, target);
  source.rules.push({ method: 'GET', path: /\/blobs\/sha256:/, times: 5, fault: { kind: 'drop', afterBytes: 1_000_000 } });
  const c = client();
  await expect(fetchLayerToc(c, from, d.digest, undefined, () => startBlobCopy(c, to, d))).rejects.toThrow();
  // The upload saw its body fail: the registry has no such blob, and the session was not closed with a digest.
  await new Promise((r) => setTimeout(r, 50));
  expect(target.blob('me/triton', d.digest)).toBeUndefined();
  expect(uploadPuts(target).filter((e) => e.status === 201)).toEqual([]);
});

test('a source that serves other bytes under the layer digest: the listing fails, and the target never holds them', async () => {
  const [source, target] = [await registry(), await registry()];
  const { d, from, to } = await minLayer(source, target);
  const stored = source.blob('nvidia/min', d.digest) as Buffer;
  stored[stored.length - 20] ^= 0xff; // the gzip trailer's CRC: the tar still parses, the digest no longer matches
  const c = client();
  await expect(fetchLayerToc(c, from, d.digest, undefined, () => startBlobCopy(c, to, d))).rejects.toThrow();
  await new Promise((r) => setTimeout(r, 50));
  expect(target.blob('me/triton', d.digest)).toBeUndefined();
});

describe('planMinCopy', () => {
  const raw = { 'container-version': '24.01', tags: 'ghcr.io/me/triton:1,ghcr.io/me/other:1', push: 'true', backends: 'onnxruntime' };
  const tags = (s: { tags: string[] }) => s.tags.map((t) => requireReference(t));
  const plan = (extra: Record<string, string>) => {
    const spec = parseSpec({ ...raw, ...extra });
    return planMinCopy(spec, tags(spec));
  };

  test("NGC's min into another registry: the first tag's repository", () => {
    expect(plan({})).toEqual({ to: { registry: 'ghcr.io', repository: 'me/triton' } });
    expect(plan({ 'max-layer-size': '2GB' })).toEqual({ to: { registry: 'ghcr.io', repository: 'me/triton' }, upTo: 2e9 });
  });

  test('nothing when min is in the same registry, a trim may rewrite its layers, nothing is pushed, or Buildx writes the image', () => {
    expect(plan({ tags: 'nvcr.io/me/triton:1' })).toBeUndefined();
    expect(plan({ trim: 'safe' })).toBeUndefined();
    expect(plan({ 'dry-run': 'true' })).toBeUndefined();
    expect(plan({ assembly: 'buildx' })).toBeUndefined();
    expect(plan({ source: 'buildkit' })).toBeUndefined();
  });
});

describe('planMinIndex', () => {
  const raw = { 'container-version': '24.01', tags: 'ghcr.io/me/triton:1', push: 'true', backends: 'onnxruntime' };
  const plan = (extra: Record<string, string>) => planMinIndex(parseSpec({ ...raw, ...extra }));

  test("a trim written directly indexes min's layers as it lists them; nothing else does", () => {
    expect([plan({ trim: 'safe' }), plan({ trim: 'needed' })]).toEqual([{ stage: expect.any(Function) }, { stage: expect.any(Function) }]);
    expect(plan({})).toBeUndefined();
    expect(plan({ 'max-layer-size': '2GB' })).toBeUndefined(); // a layer cut by size keeps all of it: one stream either way
    expect(plan({ trim: 'safe', 'dry-run': 'true' })).toBeUndefined();
    expect(plan({ trim: 'safe', assembly: 'buildx' })).toBeUndefined();
    expect(plan({ trim: 'safe', source: 'buildkit' })).toBeUndefined();
  });

  test("that stream stages what safe's rules and the patterns keep, and every whiteout", () => {
    const paths = [
      '/usr/lib/x86_64-linux-gnu/libc.so.6',
      '/usr/local/cuda/lib64/libcudart_static.a',
      '/usr/local/cuda/include/cuda.h',
      '/usr/share/doc/cuda/README',
      '/usr/share/doc/cuda/copyright',
      '/usr/share/doc/.wh.old',
      '/opt/big/data.bin',
      '/opt/big/keep.h',
    ];
    const staged = (extra: Record<string, string>) => {
      const stage = plan(extra)?.stage;
      return paths.filter((p) => stage?.(p));
    };
    expect(staged({ trim: 'needed' })).toEqual([
      '/usr/lib/x86_64-linux-gnu/libc.so.6',
      '/usr/share/doc/cuda/copyright',
      '/usr/share/doc/.wh.old',
      '/opt/big/data.bin',
      '/opt/big/keep.h',
    ]);
    expect(staged({ trim: 'safe', keep: '/usr/local/cuda/include/**', drop: '/opt/big/**' })).toEqual([
      '/usr/lib/x86_64-linux-gnu/libc.so.6',
      '/usr/local/cuda/include/cuda.h',
      '/usr/share/doc/cuda/copyright',
      '/usr/share/doc/.wh.old',
    ]);
  });
});
