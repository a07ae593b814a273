// The direct assembly end to end against the fake registry: tiny min and full images pushed
// into it, read the way the compose stages read them (resolve, selective views, plan), then
// written to a target repository; the result is read back and checked blob by blob.
import { createHash } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { type DirectInput, assembleDirect } from '../../../src/direct/assemble.js';
import { COMPOSE_KEY, planComposeKey, planKeyAnnotations } from '../../../src/compose/key.js';
import { planSourceDateEpoch } from '../../../src/compose/source-date-epoch.js';
import { planCompose } from '../../../src/plan/plan.js';
import { planColdKeep } from '../../../src/plan/pieces.js';
import { resolveSourceImages } from '../../../src/plan/resolve.js';
import { RegistryClient, type RegistryOptions } from '../../../src/registry/client.js';
import { readSelectiveViews } from '../../../src/selective/views.js';
import { parseSpec } from '../../../src/spec/spec.js';
import { MEDIA, type ImageConfig, type Index, type Manifest } from '../../../src/oci/types.js';
import { requireReference } from '../../../src/oci/reference.js';
import { type FakeRegistry, type FakeRegistryOptions, startFakeRegistry } from '../../helpers/fake-registry.js';
import { readTarReference } from '../../helpers/layer-tar.js';
import { type PushedImage, pushTinyPair } from '../../helpers/tiny-images.js';

const PLATFORMS = ['linux/amd64'];
const sha = (b: Buffer) => `sha256:${createHash('sha256').update(b).digest('hex')}`;

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

interface Run {
  input: DirectInput;
  lines: { info: string[]; warning: string[] };
}

/**
 * The input of a direct assembly as the compose stages make it: sources resolved, full's
 * layers indexed (cold the first time, from cacheDir after), the plan, the key's label and
 * annotations. `warm` reads the views a second time, so the parts are fetched by ranges.
 */
async function prepare(
  opts: { dir?: string; tags?: string; labels?: string; warm?: boolean; platforms?: string[]; client?: RegistryOptions } = {},
): Promise<Run> {
  const platforms = opts.platforms ?? PLATFORMS;
  const spec = parseSpec({
    'full-image': `${fake.host}/full:1`,
    'min-image': `${fake.host}/min:1`,
    gpu: 'false',
    backends: 'python,onnxruntime',
    tags: opts.tags ?? `${fake.host}/out:v1`,
    labels: opts.labels ?? '',
    push: 'true',
  });
  const client = new RegistryClient({ retries: 2, timeoutMs: 5_000, ...opts.client });
  const images = await resolveSourceImages(client, spec, platforms);
  const cacheDir = join(work, opts.dir ?? 'a', 'cache');
  const stageDir = join(work, opts.dir ?? 'a', 'stage');
  const read = () => readSelectiveViews(client, spec, images, platforms, { cacheDir, stageDir, coldKeep: planColdKeep(spec) });
  let views = await read();
  if (opts.warm) {
    await rm(stageDir, { recursive: true, force: true });
    views = await read();
  }
  const epoch = planSourceDateEpoch(images.full.platforms[platforms[0]].config.created);
  const key = planComposeKey(spec, {
    version: '0.0.0-test',
    sources: { full: images.full.digest, min: images.min.digest },
    platforms: platforms,
    sourceDateEpoch: epoch,
  });
  const lines = { info: [] as string[], warning: [] as string[] };
  const input: DirectInput = {
    client,
    plan: planCompose(spec, views.sources, platforms),
    views,
    sources: views.sources,
    full: spec.images.full,
    min: spec.images.min,
    tags: spec.tags.map((t) => requireReference(t)),
    epoch,
    labels: [...spec.labels, `${COMPOSE_KEY}=${key}`],
    annotations: [...spec.annotations, ...planKeyAnnotations(key, platforms)],
    tool: 'triton-compose 0.0.0-test',
    stageDir,
    cacheDir,
    log: { info: (m) => void lines.info.push(m), warning: (m) => void lines.warning.push(m) },
  };
  return { input, lines };
}

/** What the registry holds under a tag: the manifest, its config, and each layer's tar. */
function readBack(repository: string, tag: string) {
  const m = fake.manifest(repository, tag);
  if (!m) throw new Error(`no ${repository}:${tag}`);
  const manifest = JSON.parse(m.body.toString('utf8')) as Manifest;
  const blob = (d: string) => fake.blob(repository, d) ?? Buffer.alloc(0);
  return {
    digest: sha(m.body),
    mediaType: m.mediaType,
    manifest,
    config: JSON.parse(blob(manifest.config.digest).toString('utf8')) as ImageConfig,
    tars: manifest.layers.map((l) => gunzipSync(blob(l.digest))),
  };
}

const names = async (tar: Buffer) => (await readTarReference(tar)).map((e) => `${e.type} ${e.name}`);
const since = (mark: number) => fake.log.slice(mark);
const sizes = (out: { platforms: Array<{ parts: Array<{ size: number }> }> }) => out.platforms[0].parts.map((p) => p.size);
const PARTS = ['base', 'runtime-deps', 'core', 'onnxruntime', 'python', 'serve'];
const T = 'opt/tritonserver';
const dirs = (...paths: string[]) => paths.map((p) => `directory ${p}/`);

test("a cold assembly: min's layers mounted, one layer per part in order, diff_ids of their tars, every tag on the manifest", async () => {
  await start();
  const { input, lines } = await prepare({ tags: `${fake.host}/out:v1,${fake.host}/out:latest,${fake.host}/mirror:v1` });
  const mark = fake.log.length;
  const out = await assembleDirect(input);

  const got = readBack('out', 'v1');
  expect(out).toMatchObject({ digest: got.digest, mediaType: MEDIA.ociManifest, written: 5, reused: 0 });
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

test('a warm assembly fetches the parts by ranges, resumes short answers, and writes the same image as a cold one', async () => {
  await start();
  const cold = await assembleDirect((await prepare({ dir: 'cold' })).input);
  const { input } = await prepare({ dir: 'warm', warm: true, tags: `${fake.host}/warm:v1` });
  fake.rules.push({ method: 'GET', path: /^\/v2\/full\/blobs\//, times: 2, fault: { kind: 'short', bytes: 2_000 } });
  const mark = fake.log.length;
  const out = await assembleDirect(input);
  expect(out).toMatchObject({ digest: cold.digest, written: 5, reused: 0 });
  expect(out.fetch.files).toBe(14);
  expect(out.fetch.ranges).toBeGreaterThanOrEqual(2);
  const reads = since(mark).filter((e) => e.method === 'GET' && e.path.startsWith('/v2/full/blobs/'));
  expect(reads.every((e) => e.range !== undefined)).toBe(true);
  expect(reads.filter((e) => e.fault === 'short')).toHaveLength(2);
  expect(readBack('warm', 'v1').tars.map(sha)).toEqual(readBack('out', 'v1').tars.map(sha));
});

test('an upload dropped mid-body is sent again and gives the same image; one dropped every try fails', async () => {
  await start();
  const { input, lines } = await prepare();
  const clean = await assembleDirect(input);
  // The same views again, without the piece records: the parts are fetched by ranges and sent again.
  const again = (repository: string, records: string): DirectInput => ({
    ...input,
    tags: [{ registry: fake.host, repository, tag: 'v1' }],
    cacheDir: join(work, records),
    concurrency: 1,
  });
  fake.rules.push({ method: 'PATCH', path: /^\/v2\/again\/blobs\/uploads\//, fault: { kind: 'drop', afterBytes: 5_000 } });
  const out = await assembleDirect(again('again', 'records-again'));
  expect(out).toMatchObject({ digest: clean.digest, written: 5, uploaded: clean.uploaded });
  expect(fake.log.filter((e) => e.fault === 'drop').map((e) => e.method)).toEqual(['PATCH']);
  expect(lines.warning).toEqual([
    expect.stringMatching(/^linux\/amd64 runtime-deps: sending its layer failed \(.+\); sending it again \(try 2 of 3\)$/),
  ]);
  expect(readBack('again', 'v1').tars.map(sha)).toEqual(readBack('out', 'v1').tars.map(sha));

  lines.warning.length = 0;
  fake.rules.push({ method: 'PATCH', path: /^\/v2\/broken\/blobs\/uploads\//, times: 3, fault: { kind: 'drop', afterBytes: 1 } });
  await expect(assembleDirect(again('broken', 'records-broken'))).rejects.toThrow(/PATCH http:\/\/.+\/v2\/broken\/blobs\/uploads\//);
  expect(lines.warning).toHaveLength(2);
  expect(fake.manifest('broken', 'v1')).toBeUndefined();
});

test('a part whose source layer answers another range fails, naming the layer', async () => {
  await start();
  const { input } = await prepare({ warm: true });
  fake.rules.push({ method: 'GET', path: /^\/v2\/full\/blobs\//, times: 100, fault: { kind: 'wrong-range', by: 512 } });
  const prepareLayer = pair.full.layers[2].digest; // runtime-deps comes first, from full's first own layer
  await expect(assembleDirect({ ...input, concurrency: 1 })).rejects.toThrow(
    new RegExp(`blob ${prepareLayer} of ${fake.host}/full:1: the registry answered another range than bytes \\d+-\\d+`),
  );
  expect(fake.manifest('out', 'v1')).toBeUndefined();
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

test('a registry that drops its tokens unannounced and asks to come back later gets the same image', async () => {
  await start({ auth: { scheme: 'bearer', users: [{ username: 'ci', password: 'pw' }], tokenRequests: 5 } });
  const { input, lines } = await prepare({ client: { credentials: () => ({ username: 'ci', password: 'pw' }) } });
  const clean = await assembleDirect(input);
  const issued = fake.tokensIssued();
  fake.rules.push(
    { method: 'POST', path: /^\/v2\/later\/blobs\/uploads\/$/, fault: { kind: 'status', status: 500 } },
    { method: 'HEAD', path: /^\/v2\/later\/blobs\//, fault: { kind: 'status', status: 429, retryAfter: '0' } },
    { method: 'PUT', path: /^\/v2\/later\/blobs\/uploads\//, fault: { kind: 'status', status: 503, retryAfter: '0' } },
    { method: 'PUT', path: /^\/v2\/later\/manifests\//, fault: { kind: 'status', status: 503, retryAfter: '0' } },
  );
  const tags = [{ registry: fake.host, repository: 'later', tag: 'v1' }];
  const out = await assembleDirect({ ...input, tags, cacheDir: join(work, 'records-later') });
  expect(out).toMatchObject({ digest: clean.digest, written: 5, uploaded: clean.uploaded });
  expect(fake.rules.map((r) => r.times)).toEqual([0, 0, 0, 0]);
  expect(fake.tokensIssued()).toBeGreaterThan(issued + 1); // renewed as they ran out, mid-assembly
  expect(readBack('later', 'v1').tars.map(sha)).toEqual(readBack('out', 'v1').tars.map(sha));
  // A token dropped between an upload's POST and its streamed PATCH costs that layer a resend, not the compose.
  for (const w of lines.warning)
    expect(w).toMatch(/^linux\/amd64 [a-z-]+: sending its layer failed \(PATCH .+ answered HTTP 401\); sending it again/);
});

test('a piece record that cannot be kept is warned about; the image is written all the same', async () => {
  await start();
  const { input, lines } = await prepare();
  const blocked = join(work, 'not-a-folder');
  await writeFile(blocked, '');
  const out = await assembleDirect({ ...input, cacheDir: blocked, concurrency: 1 });
  expect(out).toMatchObject({ written: 5, reused: 0 });
  expect(readBack('out', 'v1').digest).toBe(out.digest);
  expect(lines.warning).toEqual(
    PARTS.slice(1).map((p) => expect.stringMatching(new RegExp(`^could not keep the record of ${p}'s layer: `))),
  );
});
