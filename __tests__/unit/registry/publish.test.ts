// Pushing the OCI layout tar a build streams out, and copying blobs between repositories and
// registries: layers go up as they stream by and are sent again from their spool file when
// the upload fails; copies are mounted when they can be and streamed again when they fail.
import { randomBytes } from 'node:crypto';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { gzipSync } from 'node:zlib';
import * as tar from 'tar-stream';
import { RegistryClient } from '../../../src/registry/client.js';
import { MountFallbacks, copyBlob, distinctRepositories } from '../../../src/registry/copy.js';
import { publishOciStream } from '../../../src/registry/publish.js';
import { sha256 } from '../../../src/oci/digest.js';
import { MEDIA } from '../../../src/oci/types.js';
import { type FakeRegistry, startFakeRegistry } from '../../helpers/fake-registry.js';
import { recordProgress } from '../../helpers/progress.js';

const running: FakeRegistry[] = [];
let spoolDir: string;
beforeEach(async () => {
  spoolDir = await mkdtemp(join(tmpdir(), 'spool-'));
});
afterEach(async () => {
  await Promise.all(running.splice(0).map((r) => r.close()));
  await rm(spoolDir, { recursive: true, force: true });
});
async function registry(options: Parameters<typeof startFakeRegistry>[0] = {}): Promise<FakeRegistry> {
  const r = await startFakeRegistry(options);
  running.push(r);
  return r;
}
const client = () => new RegistryClient({ retries: 1, timeoutMs: 2_000 });

/** An OCI layout tar with one image: a 1.5 MB gzip layer (streamed), a small one, a config. */
async function ociLayout(): Promise<{ tar: Buffer; big: { digest: string; size: number; tar: number }; top: string; small: string }> {
  const bigTar = randomBytes(1_500_000);
  const bigGz = gzipSync(bigTar, { level: 1 });
  const smallGz = gzipSync(Buffer.from('small layer'));
  const config = Buffer.from(JSON.stringify({ architecture: 'amd64', os: 'linux', rootfs: { type: 'layers', diff_ids: [] } }));
  const manifest = Buffer.from(
    JSON.stringify({
      schemaVersion: 2,
      mediaType: MEDIA.ociManifest,
      config: { mediaType: MEDIA.ociConfig, digest: sha256(config), size: config.length },
      layers: [
        { mediaType: MEDIA.ociLayerGzip, digest: sha256(bigGz), size: bigGz.length },
        { mediaType: MEDIA.ociLayerGzip, digest: sha256(smallGz), size: smallGz.length },
      ],
    }),
  );
  const index = { schemaVersion: 2, manifests: [{ mediaType: MEDIA.ociManifest, digest: sha256(manifest), size: manifest.length }] };
  const pack = tar.pack();
  pack.entry({ name: 'oci-layout' }, '{"imageLayoutVersion":"1.0.0"}');
  for (const blob of [bigGz, smallGz, config, manifest]) pack.entry({ name: `blobs/sha256/${sha256(blob).slice(7)}` }, blob);
  pack.entry({ name: 'index.json' }, JSON.stringify(index));
  pack.finalize();
  const parts: Buffer[] = [];
  for await (const c of pack) parts.push(c as Buffer);
  return {
    tar: Buffer.concat(parts),
    big: { digest: sha256(bigGz), size: bigGz.length, tar: bigTar.length },
    top: sha256(manifest),
    small: sha256(smallGz),
  };
}

test('an OCI layout is pushed to every tag; its sizes are counted on the way', async () => {
  const r = await registry();
  const layout = await ociLayout();
  const tags = [
    { registry: r.host, repository: 'out/app', tag: 'v1' },
    { registry: r.host, repository: 'out/app', tag: 'latest' },
    { registry: r.host, repository: 'mirror/app', tag: 'v1' },
  ];
  const published = await publishOciStream(Readable.from([layout.tar]), client(), tags, { spoolDir });
  expect(published.digest).toBe(layout.top);
  expect(published.tarSizes.get(layout.big.digest)).toBe(layout.big.tar);
  expect(published.tarSizes.get(layout.small)).toBe('small layer'.length);
  expect(r.manifest('out/app', 'latest')).toBeDefined();
  expect(r.blob('mirror/app', layout.big.digest)?.length).toBe(layout.big.size);
  expect(r.log.some((e) => e.method === 'POST' && e.status === 201)).toBe(true); // mounted, not sent twice
  expect(await readdir(spoolDir)).toEqual([]);

  const again = await publishOciStream(Readable.from([layout.tar]), client(), tags, { spoolDir });
  expect(again.uploaded).toBe(0);
  const readOnly = await publishOciStream(Readable.from([layout.tar]), client(), []);
  expect([readOnly.manifests.length, readOnly.uploaded]).toEqual([1, 0]);
});

test('a layer whose streamed upload fails is sent again from its spool file', async () => {
  const r = await registry();
  const layout = await ociLayout();
  r.rules.push({ method: 'PUT', path: /\/blobs\/uploads\//, fault: { kind: 'status', status: 500 } });
  const published = await publishOciStream(
    Readable.from([layout.tar]),
    client(),
    [{ registry: r.host, repository: 'out/app', tag: 'v1' }],
    {
      spoolDir,
    },
  );
  expect(published.uploaded).toBeGreaterThanOrEqual(layout.big.size);
  expect(r.blob('out/app', layout.big.digest)?.length).toBe(layout.big.size);
  expect(r.log.filter((e) => e.method === 'PUT' && e.path.includes('/uploads/')).map((e) => e.status)).toEqual([500, 201, 201, 201]);
  expect(await readdir(spoolDir)).toEqual([]);
});

test('a layer that keeps failing fails the push with a registry error, and nothing is left behind', async () => {
  const r = await registry();
  const layout = await ociLayout();
  r.rules.push({ method: 'PUT', path: /\/blobs\/uploads\//, times: 10, fault: { kind: 'status', status: 500 } });
  await expect(
    publishOciStream(Readable.from([layout.tar]), client(), [{ registry: r.host, repository: 'out/app', tag: 'v1' }], { spoolDir }),
  ).rejects.toThrow(/answered HTTP 500/);
  expect(r.log.filter((e) => e.method === 'PUT').length).toBe(3); // streamed once, then twice from the spool file
  expect(await readdir(spoolDir)).toEqual([]);
});

test('a spool file that cannot be written is given up: the streamed upload still pushes the layer', async () => {
  const r = await registry();
  const layout = await ociLayout();
  const gone = join(spoolDir, 'removed'); // no such folder: opening the spool file fails
  const published = await publishOciStream(
    Readable.from([layout.tar]),
    client(),
    [{ registry: r.host, repository: 'out/app', tag: 'v1' }],
    {
      spoolDir: gone,
    },
  );
  expect(published.digest).toBe(layout.top);
  expect(r.blob('out/app', layout.big.digest)?.length).toBe(layout.big.size);
});

test('a layer whose upload fails with no spool file to send again fails the push, saying both why', async () => {
  const r = await registry();
  const layout = await ociLayout();
  r.rules.push({ method: 'PUT', path: /\/blobs\/uploads\//, fault: { kind: 'status', status: 500 } });
  const gone = join(spoolDir, 'removed');
  await expect(
    publishOciStream(Readable.from([layout.tar]), client(), [{ registry: r.host, repository: 'out/app', tag: 'v1' }], { spoolDir: gone }),
  ).rejects.toThrow(
    /answered HTTP 500; it cannot be sent again, as its spool file .*\/removed\/oci-layer-.* could not be written: .*ENOENT/,
  );
  expect(r.log.filter((e) => e.method === 'PUT').length).toBe(1);
});

test('a cross-registry copy is streamed across, again after a failed upload', async () => {
  const source = await registry();
  const target = await registry({ refuseMounts: true });
  const data = randomBytes(300_000);
  const digest = source.putBlob('src/app', data);
  const d = { mediaType: MEDIA.ociLayerGzip, digest, size: data.length };
  target.rules.push({ method: 'PUT', path: /\/blobs\/uploads\//, times: 2, fault: { kind: 'status', status: 503 } });
  const from = { registry: source.host, repository: 'src/app' };
  const to = { registry: target.host, repository: 'dst/app' };
  const c = new RegistryClient({ retries: 0, timeoutMs: 2_000 });
  expect(await copyBlob(c, from, to, d)).toBe(data.length);
  expect(target.blob('dst/app', digest)?.equals(data)).toBe(true);
  expect(await copyBlob(c, from, to, d)).toBe(0);
  target.rules.push({ method: 'PUT', path: /\/blobs\/uploads\//, times: 10, fault: { kind: 'status', status: 503 } });
  await expect(copyBlob(c, from, { ...to, repository: 'dst/other' }, d, { attempts: 2 })).rejects.toThrow(/answered HTTP 503/);
  // The same registry, mounts refused: streamed within it.
  target.rules.length = 0;
  expect(await copyBlob(c, to, { ...to, repository: 'dst/third' }, d)).toBe(data.length);
});

test('refused mounts are told once per repository: which blobs, from where, and the bytes streamed instead', async () => {
  const r = await registry({ refuseMounts: true });
  const blobs = [randomBytes(1_000_000), randomBytes(500_000), randomBytes(250_000), randomBytes(250_000)].map((data) => ({
    mediaType: MEDIA.ociLayerGzip,
    digest: r.putBlob('src/min', data),
    size: data.length,
  }));
  const from = { registry: r.host, repository: 'src/min' };
  const to = { registry: r.host, repository: 'out/app' };
  const fallbacks = new MountFallbacks();
  for (const d of blobs) expect(await copyBlob(client(), from, to, d, { fallbacks })).toBe(d.size);
  expect(await copyBlob(client(), from, { ...to, repository: 'out/one' }, blobs[0], { fallbacks })).toBe(1_000_000);
  // Present already: no mount asked, nothing told.
  expect(await copyBlob(client(), from, to, blobs[0], { fallbacks })).toBe(0);
  const [a, b, c] = blobs.map((d) => d.digest);
  expect(fallbacks.render()).toEqual([
    `4 layers (${a}, ${b}, ${c}, …) could not be mounted from ${r.host}/src/min into ${r.host}/out/app (the registry answered with an upload session instead); streamed them through (2.0 MB)`,
    `1 layer (${a}) could not be mounted from ${r.host}/src/min into ${r.host}/out/one (the registry answered with an upload session instead); streamed it through (1.0 MB)`,
  ]);
  expect(new MountFallbacks().render()).toEqual([]);
});

test('progress: each layer pushed and each blob copied across is a transfer of exactly its bytes, ended', async () => {
  const r = await registry();
  const other = await registry({ refuseMounts: true });
  const layout = await ociLayout();
  const { progress, transfers } = recordProgress();
  const tags = [
    { registry: r.host, repository: 'out/app', tag: 'v1' },
    { registry: other.host, repository: 'out/app', tag: 'v1' },
  ];
  await publishOciStream(Readable.from([layout.tar]), client(), tags, { spoolDir, progress });
  const push = transfers.find((t) => t.name.startsWith('push '));
  expect(push).toMatchObject({ name: `push ${layout.big.digest.slice(0, 19)}… 1.5 MB`, total: layout.big.size, done: layout.big.size });
  expect(push?.events.at(-1)).toBe('end');
  // The other registry gets the config and both layers, streamed across.
  const copies = transfers.filter((t) => t.name.startsWith('copy '));
  expect(copies.map((t) => t.done).sort((a, b) => a - b)).toEqual(copies.map((t) => t.total).sort((a, b) => a - b));
  expect(copies.map((t) => t.total)).toContain(layout.big.size);
  expect(copies).toHaveLength(3);
  for (const t of [push, ...copies]) expect(t?.events.at(-1)).toBe('end');
  expect(other.blob('out/app', layout.big.digest)?.length).toBe(layout.big.size);
});

test('distinctRepositories keeps each repository once, in order', () => {
  const ref = (registry: string, repository: string, tag: string) => ({ registry, repository, tag });
  expect(distinctRepositories([ref('a', 'x', '1'), ref('a', 'x', '2'), ref('b', 'x', '1'), ref('a', 'y', '1')])).toEqual([
    { registry: 'a', repository: 'x' },
    { registry: 'b', repository: 'x' },
    { registry: 'a', repository: 'y' },
  ]);
});
