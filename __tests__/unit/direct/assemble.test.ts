// The direct assembly end to end against the fake registry: tiny min and full images pushed
// into it, read the way the compose stages read them (resolve, selective views, plan), then
// written to a target repository; the result is read back and checked blob by blob.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { assembleDirect } from '../../../src/direct/assemble.js';
import { copyAdded, stageAdded } from '../../../src/selective/added.js';
import { parseAdd } from '../../../src/spec/add-spec.js';
import { COMPOSE_KEY } from '../../../src/compose/key.js';
import { MEDIA, type Index } from '../../../src/oci/types.js';
import { type FakeRegistry, type FakeRegistryOptions, startFakeRegistry } from '../../helpers/fake-registry.js';
import { type PrepareOptions, PARTS, prepareDirect, readBack as readBackFrom, sha } from '../../helpers/direct-run.js';
import { noise, readTarReference } from '../../helpers/layer-tar.js';
import { type PushedImage, pushTinyModels, pushTinyPair, pushTinyVendor } from '../../helpers/tiny-images.js';

let work: string;
let fake: FakeRegistry;
let pair: { min: PushedImage; full: PushedImage };
beforeEach(async () => {
  work = await mkdtemp(join(tmpdir(), 'direct-'));
});
afterEach(async () => {
  await fake?.close();
  await rm(work, { recursive: true, force: true });
});

async function start(options: FakeRegistryOptions = {}, architectures?: string[]): Promise<void> {
  fake = await startFakeRegistry(options);
  pair = await pushTinyPair(fake, architectures);
}
const prepare = (opts: PrepareOptions = {}) => prepareDirect(fake, work, opts);
const readBack = (repository: string, tag: string) => readBackFrom(fake, repository, tag);

const names = async (tar: Buffer) => (await readTarReference(tar)).map((e) => `${e.type} ${e.name}`);
const since = (mark: number) => fake.log.slice(mark);
const sizes = (out: { platforms: Array<{ parts: Array<{ size: number }> }> }) => out.platforms[0].parts.map((p) => p.size);
const T = 'opt/tritonserver';
const dirs = (...paths: string[]) => paths.map((p) => `directory ${p}/`);

test("a cold assembly: min's layers mounted, one layer per part in order, diff_ids of their tars, every tag on the manifest", async () => {
  await start();
  const { input, lines } = await prepare({ tags: `${fake.host}/out:v1,${fake.host}/out:latest,${fake.host}/mirror:v1` });
  const mark = fake.log.length;
  const out = await assembleDirect(input);

  const got = readBack('out', 'v1');
  expect(out).toMatchObject({ digest: got.digest, mediaType: MEDIA.ociManifest, written: 5, reused: 0 });
  expect(out.size).toBe(fake.manifest('out', 'v1')?.body.length);
  expect(got.mediaType).toBe(MEDIA.ociManifest);
  for (const [repo, tag] of [
    ['out', 'latest'],
    ['mirror', 'v1'],
  ])
    expect(readBack(repo, tag).digest).toBe(got.digest);
  // min's layers first, as min has them, then the parts in the Dockerfile's order
  const minLayers = pair.min.layers.map((l) => ({ mediaType: MEDIA.ociLayerGzip, digest: l.digest, size: l.size }));
  expect(got.manifest.layers.slice(0, 2)).toEqual(minLayers);
  expect(got.manifest.layers).toHaveLength(7);
  expect(out.platforms[0].parts.map((p) => p.name)).toEqual(PARTS);
  expect(out.platforms[0].parts.flatMap((p) => p.digests)).toEqual(got.manifest.layers.map((l) => l.digest));
  expect(sizes(out)).toEqual([minLayers[0].size + minLayers[1].size, ...got.manifest.layers.slice(2).map((l) => l.size)]);
  expect(got.config.rootfs.diff_ids).toEqual(got.tars.map(sha));
  expect(got.config.rootfs.diff_ids.slice(0, 2)).toEqual(pair.min.layers.map((l) => l.diffId));
  expect(got.config.created).toBe('2024-01-20T00:00:00Z');
  expect(got.manifest.annotations?.[COMPOSE_KEY]).toMatch(/^sha256:[0-9a-f]{64}$/);

  expect(await Promise.all(got.tars.slice(2).map(names))).toEqual([
    [
      ...dirs('etc'),
      'file etc/group',
      'file etc/passwd',
      ...dirs('usr', 'usr/lib', 'usr/lib/x86_64-linux-gnu'),
      'symlink usr/lib/x86_64-linux-gnu/libb64.so.0d',
      'file usr/lib/x86_64-linux-gnu/libb64.so.0d.0.0',
      'file usr/lib/x86_64-linux-gnu/libgomp.so.1',
    ],
    [
      ...dirs('opt', T),
      `file ${T}/LICENSE`,
      `file ${T}/TRITON_VERSION`,
      ...dirs(`${T}/bin`),
      `file ${T}/bin/tritonserver`,
      ...dirs(`${T}/lib`),
      `file ${T}/lib/libtritonserver.so`,
    ],
    [
      ...dirs('opt', T, `${T}/backends`, `${T}/backends/onnxruntime`),
      `symlink ${T}/backends/onnxruntime/libonnxruntime.so`,
      `file ${T}/backends/onnxruntime/libonnxruntime.so.1.16.3`,
      `file ${T}/backends/onnxruntime/libtriton_onnxruntime.so`,
      `link ${T}/backends/onnxruntime/libonnxruntime.so.1`,
    ],
    // the later layer's file, and the whiteout honoured
    [
      ...dirs('opt', T, `${T}/backends`, `${T}/backends/python`),
      `file ${T}/backends/python/libtriton_python.so`,
      `file ${T}/backends/python/triton_python_backend_stub`,
      `file ${T}/backends/python/triton_python_backend_utils.py`,
    ],
    [...dirs('usr', 'usr/bin'), 'file usr/bin/serve'],
  ]);

  // min's layers were mounted into both repositories: none of its blobs was read or sent
  const after = since(mark);
  expect(after.filter((e) => e.method === 'GET' && e.path.startsWith('/v2/min/'))).toEqual([]);
  expect(after.filter((e) => e.method === 'POST' && e.status === 201).map((e) => e.path)).toEqual([
    '/v2/out/blobs/uploads/',
    '/v2/out/blobs/uploads/',
    ...Array<string>(8).fill('/v2/mirror/blobs/uploads/'),
  ]);
  expect(out.uploaded).toBe(
    sizes(out)
      .slice(1)
      .reduce((a, b) => a + b, 0) + got.manifest.config.size,
  );
  // a cold pass staged every part as it indexed full: nothing fetched by ranges
  expect(out.fetch).toEqual({ ranges: 0, bytesFetched: 0, files: 0, skipped: [] });
  expect(lines.warning).toEqual([]);
  expect(lines.info).toHaveLength(5);
});

test("a registry that refuses mounts gets min's layers copied byte for byte", async () => {
  await start({ refuseMounts: true });
  const { input, lines } = await prepare();
  const mark = fake.log.length;
  const out = await assembleDirect(input);
  const got = readBack('out', 'v1');
  for (const l of pair.min.layers) expect(sha(fake.blob('out', l.digest) ?? Buffer.alloc(0))).toBe(l.digest);
  const reads = since(mark).filter((e) => e.method === 'GET' && e.path.startsWith('/v2/min/blobs/'));
  expect(reads.map((e) => e.path).sort()).toEqual(pair.min.layers.map((l) => `/v2/min/blobs/${l.digest}`).sort());
  expect(out.uploaded).toBe(sizes(out).reduce((a, b) => a + b, 0) + got.manifest.config.size);
  expect(got.config.rootfs.diff_ids).toEqual(got.tars.map(sha));
  expect(lines.info.filter((l) => l.includes('could not be mounted'))).toEqual([
    expect.stringMatching(
      new RegExp(`^2 layers \\(sha256:\\w+, sha256:\\w+\\) could not be mounted from ${fake.host}/min into ${fake.host}/out \\(`),
    ),
  ]);
});

test("min's layers copied across go beside the parts, not before them", async () => {
  await start({ refuseMounts: true });
  const { input } = await prepare();
  // Each copy of a min layer takes 200 ms at least (its last 2 KB in 100 pieces, 2 ms apart).
  fake.rules.push({ method: 'GET', path: /^\/v2\/min\/blobs\/sha256:/, times: 2, fault: { kind: 'slow-tail', bytes: 2048, pieces: 100 } });
  const mark = fake.log.length;
  let partsWhileCopying = 0;
  const watch = setInterval(() => {
    const log = since(mark);
    const copying = log.some((e) => e.method === 'PUT' && e.path.startsWith('/v2/out/blobs/uploads/') && e.status === 0);
    if (copying) partsWhileCopying = log.filter((e) => e.method === 'PATCH' && e.path.startsWith('/v2/out/')).length;
  }, 2);
  await assembleDirect(input).finally(() => clearInterval(watch));
  expect(partsWhileCopying).toBeGreaterThan(0);
  for (const l of pair.min.layers) expect(sha(fake.blob('out', l.digest) ?? Buffer.alloc(0))).toBe(l.digest);
  expect(
    readBack('out', 'v1')
      .manifest.layers.slice(0, 2)
      .map((l) => l.digest),
  ).toEqual(pair.min.layers.map((l) => l.digest));
});

test('a second assembly with piece records reuses every part layer and uploads only the config', async () => {
  await start();
  const first = await assembleDirect((await prepare()).input);
  const again = await prepare({ labels: 'build=2' });
  const mark = fake.log.length;
  const out = await assembleDirect(again.input);
  const got = readBack('out', 'v1');
  expect(out).toMatchObject({ written: 0, reused: 5, uploaded: got.manifest.config.size });
  expect(out.fetch).toEqual({ ranges: 0, bytesFetched: 0, files: 0, skipped: [] });
  expect(out.digest).not.toBe(first.digest);
  expect(out.platforms[0].parts).toEqual(first.platforms[0].parts);
  expect(got.config.config?.Labels?.build).toBe('2');
  const after = since(mark);
  expect(after.filter((e) => e.method === 'PATCH' || e.path.startsWith('/v2/full/'))).toEqual([]);
  expect(after.filter((e) => e.method === 'PUT' && e.path.includes('/blobs/uploads/'))).toHaveLength(1);
  // two parts at a time: the lines come in the order the parts finish
  expect([...again.lines.info].sort()).toEqual(
    PARTS.slice(1)
      .map((p, i) => `linux/amd64 ${p}: ${first.platforms[0].parts[i + 1].digests[0]} is in out already; nothing fetched`)
      .sort(),
  );
});

test('a direct assembly needs a tag', async () => {
  await start();
  const { input } = await prepare();
  await expect(assembleDirect({ ...input, tags: [] })).rejects.toThrow('a direct assembly needs a tag to push to');
});

test('two platforms: each manifest put by digest in every repository, the tags on an index over them, shared parts reused', async () => {
  await start({}, ['amd64', 'arm64']);
  const platforms = ['linux/amd64', 'linux/arm64'];
  const { input } = await prepare({ platforms, tags: `${fake.host}/out:v1,${fake.host}/mirror:v1` });
  const out = await assembleDirect(input);
  const top = fake.manifest('out', 'v1');
  expect(top?.mediaType).toBe(MEDIA.ociIndex);
  expect(sha(top?.body ?? Buffer.alloc(0))).toBe(out.digest);
  expect(out.mediaType).toBe(MEDIA.ociIndex);
  expect(out.size).toBe(top?.body.length);
  expect(fake.manifest('mirror', 'v1')?.body.equals(top?.body ?? Buffer.alloc(0))).toBe(true);
  const index = JSON.parse(top?.body.toString('utf8') ?? '{}') as Index;
  expect(index.manifests.map((d) => [d.mediaType, d.platform])).toEqual([
    [MEDIA.ociManifest, { os: 'linux', architecture: 'amd64' }],
    [MEDIA.ociManifest, { os: 'linux', architecture: 'arm64' }],
  ]);
  expect(index.annotations?.[COMPOSE_KEY]).toMatch(/^sha256:/);
  for (const [i, d] of index.manifests.entries()) {
    for (const repo of ['out', 'mirror']) {
      const got = readBack(repo, d.digest);
      expect(got.config.architecture).toBe(['amd64', 'arm64'][i]);
      expect(got.manifest.layers.slice(0, 2).map((l) => l.digest)).toEqual(pair.min.layers.map((l) => l.digest));
      expect(got.config.rootfs.diff_ids).toEqual(got.tars.map(sha));
    }
  }
  // arm64 has no package lists of its own architecture: its runtime-deps differ, the other parts are amd64's
  expect(out).toMatchObject({ written: 6, reused: 4 });
  const [amd, arm] = out.platforms.map((p) => p.parts.map((x) => x.digests[0]));
  expect(arm.slice(2)).toEqual(amd.slice(2));
  expect(arm[1]).not.toBe(amd[1]);
});

test('a piece record that cannot be kept is warned about; the image is written all the same', async () => {
  await start();
  const { input, lines } = await prepare();
  const blocked = join(work, 'not-a-folder');
  await writeFile(blocked, '');
  const out = await assembleDirect({ ...input, cacheDir: blocked, concurrency: 1 });
  expect(out).toMatchObject({ written: 5, reused: 0 });
  expect(readBack('out', 'v1').digest).toBe(out.digest);
  // one warning per part written
  const warned = lines.warning.map((l) => /^could not keep the record of linux\/amd64 (\S+)'s layer: /.exec(l)?.[1]);
  expect([...warned].sort()).toEqual(PARTS.slice(1).sort());
});

/** add entries staged from a workspace of `files` (name → content), each its own layer. */
async function addedTrees(entries: string[], files: Record<string, string>) {
  const ws = await mkdtemp(join(work, 'ws-'));
  for (const [name, content] of Object.entries(files)) await writeFile(join(ws, name), content);
  const trees = await stageAdded(
    entries.flatMap((e) => parseAdd(e)),
    { workspace: ws, stageDir: join(work, 'added') },
  );
  await copyAdded(trees);
  return trees;
}

test('an add layer is the same on every platform: packed and sent once, named by both manifests', async () => {
  await start({}, ['amd64', 'arm64']);
  const { input } = await prepare({ platforms: ['linux/amd64', 'linux/arm64'] });
  const added = await addedTrees(['model.txt:/models/m/1/model.txt'], { 'model.txt': 'weights' });
  const mark = fake.log.length;
  const out = await assembleDirect({ ...input, added });
  const index = JSON.parse(fake.manifest('out', 'v1')?.body.toString('utf8') ?? '{}') as Index;
  const last = index.manifests.map((d) => readBack('out', d.digest).manifest.layers.at(-1)?.digest);
  expect(last[0]).toBe(last[1]);
  expect(out.platforms.map((p) => p.parts.at(-1)?.name)).toEqual(['add /models/m/1/model.txt', 'add /models/m/1/model.txt']);
  // upload sessions: the six part layers the two platforms do not share, the add layer once, two configs
  const sessions = since(mark).filter((e) => e.method === 'POST' && e.status === 202).length;
  expect(out.written).toBe(7);
  expect(sessions).toBe(9);
});

test('more layers than the engine stacks fails before a byte is sent, naming the count', async () => {
  await start();
  const { input } = await prepare();
  const added = await addedTrees(
    Array.from({ length: 120 }, (_, i) => `f.txt:/extra/${i}.txt`),
    { 'f.txt': 'x' },
  );
  const mark = fake.log.length;
  await expect(assembleDirect({ ...input, added })).rejects.toThrow(
    "linux/amd64: the image would have at least 127 layers, more than the 125 Docker's engine stacks",
  );
  expect(since(mark).filter((e) => e.method !== 'GET' && e.method !== 'HEAD')).toEqual([]);
});

test("a part from another source: read by ranges of that image, its layer after full's parts in order, named with its source", async () => {
  await start();
  const vendor = await pushTinyVendor(fake);
  const { input } = await prepare({
    inputs: { sources: `vendor=${fake.host}/vendor:1`, backends: 'python,onnxruntime,custom@vendor' },
  });
  const mark = fake.log.length;
  const out = await assembleDirect(input);
  const got = readBack('out', 'v1');
  const parts = out.platforms[0].parts;
  expect(parts.map((p) => [p.name, p.source])).toEqual([
    ['base', undefined],
    ['runtime-deps', undefined],
    ['core', undefined],
    ['custom', 'vendor'],
    ['onnxruntime', undefined],
    ['python', undefined],
    ['serve', undefined],
  ]);
  const custom = got.tars[got.manifest.layers.findIndex((l) => l.digest === parts[3].digests[0])];
  expect(await names(custom)).toEqual([
    ...dirs('opt', 'opt/tritonserver', `${T}/backends`, `${T}/backends/custom`),
    `file ${T}/backends/custom/custom.conf`,
    `file ${T}/backends/custom/libtriton_custom.so`,
  ]);
  // python is full's, not the vendor's folder of the same name
  const python = got.tars[got.manifest.layers.findIndex((l) => l.digest === parts[5].digests[0])];
  const lib = (tar: Buffer, end: string) => readTarReference(tar).then((es) => es.find((e) => e.name.endsWith(end))?.data);
  expect((await lib(custom, 'libtriton_custom.so'))?.equals(noise(4_000, 11))).toBe(true);
  const fullPython = await lib(python, 'libtriton_python.so');
  expect(fullPython?.length).toBeGreaterThan(0);
  expect(fullPython?.equals(noise(2_000, 12))).toBe(false);
  // the vendor's own layer was read (its index was built in prepare); min's layers never
  const vendorOwn = vendor.layers.at(-1)?.digest ?? '';
  expect(since(mark).filter((e) => e.method === 'GET' && e.path.startsWith('/v2/vendor/blobs/') && !e.path.endsWith(vendorOwn))).toEqual(
    [],
  );
});

test('a source that lacks a target platform fails naming the source image and the platform, before anything is written', async () => {
  await start({}, ['amd64', 'arm64']);
  await pushTinyVendor(fake);
  const mark = fake.log.length;
  await expect(
    prepare({
      platforms: ['linux/amd64', 'linux/arm64'],
      inputs: { sources: `vendor=${fake.host}/vendor:1`, backends: 'python,custom@vendor' },
    }),
  ).rejects.toThrow(/\/vendor:1@sha256:[0-9a-f]{64} is linux\/amd64, not linux\/arm64$/);
  expect(since(mark).filter((e) => e.method !== 'GET' && e.method !== 'HEAD')).toEqual([]);
});

test('add from an image: read by ranges of that image alone, its entries under the destination with the owner and the time of the compose', async () => {
  await start();
  const models = await pushTinyModels(fake);
  const add = `src=image:${fake.host}/models:1:/srv/models/resnet,dest=/models/resnet,chown=1000:1000`;
  // warm: the layer's index is cached, so its entries are fetched by ranges, not staged by a cold pass
  const { input } = await prepare({ inputs: { add }, warm: true });
  const mark = fake.log.length;
  const out = await assembleDirect(input);

  const got = readBack('out', 'v1');
  const part = out.platforms[0].parts.at(-1);
  expect(part).toMatchObject({
    name: 'add /models/resnet',
    kind: 'add',
    from: `${fake.host}/models@${models.manifestDigest}:/srv/models/resnet`,
  });
  expect(part?.digests).toEqual([got.manifest.layers.at(-1)?.digest]);
  const tar = await readTarReference(got.tars.at(-1) ?? Buffer.alloc(0));
  const epoch = Date.parse('2024-01-20T00:00:00Z'); // full's creation time: the compose's SOURCE_DATE_EPOCH
  expect(tar.map((e) => [e.type, e.name, e.header.uid, e.header.gid, (e.header.mode ?? 0) & 0o7777, e.header.mtime?.getTime()])).toEqual([
    ['directory', 'models/', 0, 0, 0o755, epoch],
    ['directory', 'models/resnet/', 1000, 1000, 0o755, epoch],
    ['directory', 'models/resnet/1/', 1000, 1000, 0o755, epoch],
    ['file', 'models/resnet/1/model.onnx', 1000, 1000, 0o755, epoch], // the setuid bit dropped
    ['file', 'models/resnet/config.pbtxt', 1000, 1000, 0o644, epoch],
    ['symlink', 'models/resnet/latest', 1000, 1000, 0o777, epoch],
    ['link', 'models/resnet/1/same.onnx', 1000, 1000, 0o644, epoch], // a link to the file's copy
  ]);
  expect(tar.find((e) => e.name === 'models/resnet/1/same.onnx')?.header.linkname).toBe('models/resnet/1/model.onnx');
  const [layer] = models.layers;
  const inModels = (name: string) => layer.tar.subarray(layer.tar.indexOf(name));
  expect(
    tar
      .find((e) => e.name === 'models/resnet/1/model.onnx')
      ?.data.equals(inModels('srv/models/resnet/1/model.onnx').subarray(512, 512 + 20_000)),
  ).toBe(true);

  // only byte ranges of the models image's layer were read, far fewer than its archive holds
  const reads = since(mark).filter((e) => e.method === 'GET' && e.path.startsWith('/v2/models/'));
  expect(reads.length).toBeGreaterThan(0);
  expect(reads.every((e) => e.path === `/v2/models/blobs/${layer.digest}` && e.range)).toBe(true);
  const bytes = reads
    .map((e) => /^bytes=(\d+)-(\d+)$/.exec(e.range ?? ''))
    .reduce((n, m) => n + (m ? Number(m[2]) - Number(m[1]) + 1 : Infinity), 0);
  expect(bytes).toBeGreaterThan(20_000);
  expect(bytes).toBeLessThan(layer.size / 4);
});
