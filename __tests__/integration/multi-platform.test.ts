// Several platforms written directly, against the test bed's registry. The fixture images are
// copied as two-platform indexes: their amd64 manifests, and arm64 ones whose configs say arm64
// over the same layers (a direct assembly runs nothing, so the bytes need not be arm64's). The
// result must be an index by the tag with one manifest per platform, each on its own min, with
// the compose key on the index, and a second run must find it up to date (and still report its
// sources, sizes and saving).
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type ComposeResult, runCompose } from '../../src/compose/compose.js';
import { COMPOSE_KEY } from '../../src/compose/key.js';
import { copyBlob } from '../../src/registry/copy.js';
import { type ImageRef, requireReference } from '../../src/oci/reference.js';
import { RegistryClient } from '../../src/registry/client.js';
import { parseSpec } from '../../src/spec/spec.js';
import { type Index, MEDIA, type Manifest } from '../../src/oci/types.js';
import { sha256 } from '../../src/oci/digest.js';

const R = '127.0.0.1:5000';
const client = new RegistryClient();
const quiet = { info: () => undefined, warning: () => undefined, startGroup: () => undefined, endGroup: () => undefined };
let work: string;

/** `src` (amd64) as a linux/amd64 + linux/arm64 index at `dst`. */
async function twoPlatforms(src: string, dst: string): Promise<void> {
  const from = requireReference(src);
  const to = requireReference(dst);
  const amd = await client.resolve(from, { os: 'linux', architecture: 'amd64' });
  for (const d of [amd.manifest.config, ...amd.manifest.layers]) await copyBlob(client, from, to, d);
  const config = Buffer.from(JSON.stringify({ ...amd.config, architecture: 'arm64' }));
  await client.pushBlob(to, sha256(config), config);
  const amdBody = (await client.getManifest(from, amd.manifestDigest)).body;
  const armBody = Buffer.from(
    JSON.stringify({ ...amd.manifest, config: { ...amd.manifest.config, digest: sha256(config), size: config.length } }),
  );
  const index: Index = { schemaVersion: 2, mediaType: MEDIA.ociIndex, manifests: [] };
  for (const [body, architecture] of [
    [amdBody, 'amd64'],
    [armBody, 'arm64'],
  ] as const) {
    const mediaType = (JSON.parse(body.toString('utf8')) as Manifest).mediaType ?? MEDIA.ociManifest;
    await client.putManifest(to, sha256(body), body, mediaType);
    index.manifests.push({ mediaType, digest: sha256(body), size: body.length, platform: { os: 'linux', architecture } });
  }
  await client.putManifest(to, to.tag ?? 'latest', Buffer.from(JSON.stringify(index)), MEDIA.ociIndex);
}

async function compose(extra: Record<string, string> = {}): Promise<ComposeResult> {
  const spec = parseSpec({
    'container-version': '24.01',
    'full-image': `${R}/multiarch/tritonserver:24.01-py3`,
    'min-image': `${R}/multiarch/tritonserver:24.01-py3-min`,
    backends: 'onnxruntime,python',
    platforms: 'linux/amd64,linux/arm64',
    tags: `${R}/multiarch-out:two`,
    push: 'true',
    ...extra,
  });
  const { result, failure } = await runCompose(spec, {
    version: 'test',
    tempRoot: work,
    cacheDir: join(work, 'cache'),
    buildCacheDir: join(work, 'bk'),
    log: quiet,
    registry: client,
  });
  if (failure) throw failure;
  if (!result) throw new Error('no result');
  return result;
}

beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'multi-platform-'));
  await twoPlatforms(`${R}/tritonserver:24.01-py3`, `${R}/multiarch/tritonserver:24.01-py3`);
  await twoPlatforms(`${R}/tritonserver:24.01-py3-min`, `${R}/multiarch/tritonserver:24.01-py3-min`);
});
afterAll(async () => {
  await rm(work, { recursive: true, force: true });
});

test('two platforms: an index with a manifest each on its own min, the key on the index; a rerun is up to date', async () => {
  const r = await compose({ force: 'true' });
  expect(r.report.assembly?.mode).toBe('direct');
  expect(r.report.platforms.map((p) => p.platform)).toEqual(['linux/amd64', 'linux/arm64']);
  const tag: ImageRef = requireReference(`${R}/multiarch-out:two`);
  const top = await client.getManifest(tag);
  expect(top.digest).toBe(r.report.digest);
  const index = JSON.parse(top.body.toString('utf8')) as Index;
  expect(index.mediaType).toBe(MEDIA.ociIndex);
  expect(index.annotations?.[COMPOSE_KEY]).toBe(r.report.composeKey);
  expect(index.manifests.map((m) => m.platform?.architecture)).toEqual(['amd64', 'arm64']);
  const layersOf: Record<string, string[]> = {};
  for (const [i, arch] of (['amd64', 'arm64'] as const).entries()) {
    const image = await client.resolve(tag, { os: 'linux', architecture: arch });
    expect(image.manifestDigest).toBe(index.manifests[i].digest);
    expect(image.config.architecture).toBe(arch);
    expect(image.manifest.annotations?.[COMPOSE_KEY]).toBe(r.report.composeKey);
    const min = await client.resolve(requireReference(`${R}/multiarch/tritonserver:24.01-py3-min`), { os: 'linux', architecture: arch });
    expect(image.config.rootfs.diff_ids.slice(0, min.config.rootfs.diff_ids.length)).toEqual(min.config.rootfs.diff_ids);
    layersOf[arch] = image.manifest.layers.map((l) => l.digest);
    expect(r.report.platforms[i].parts.slice(1).map((p) => p.digests[0])).toEqual(layersOf[arch].slice(min.manifest.layers.length));
  }
  // the same files give the same layer, whatever platform it is written for
  const core = (arch: string) =>
    r.report.platforms.find((p) => p.platform === `linux/${arch}`)?.parts.find((p) => p.name === 'core')?.digests[0];
  expect(core('arm64')).toBe(core('amd64'));

  const again = await compose();
  expect(again.report.skipped).toBe(true);
  expect(again.report.digest).toBe(r.report.digest);
  // Skipped, it still names its sources with their sizes, and the saving, as the run that built it did.
  const named = (report: ComposeResult['report']) => report.sources.map(({ role, ref, size }) => ({ role, ref, size }));
  expect(named(again.report)).toEqual(named(r.report));
  expect(named(again.report).map((s) => s.role)).toEqual(['full', 'min']);
  expect(again.report.saving).toBe(r.report.saving);
  expect(again.report.saving).toBeGreaterThan(0);
});
