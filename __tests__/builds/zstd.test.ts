// layer-compression: zstd on the real-binary fixtures. The direct assembly needs zlib's zstd,
// which Node 20 lacks, so the CLI runs here on node24, the Node GitHub's runners run the action
// on (scripts/node24.sh fetches it from the npm registry once). Its layers are zstd, min's stay
// gzip; they hold the very tars a gzip compose writes (the same diff IDs, which Docker checks as
// it unpacks), the same bytes on a rerun with nothing cached, and the engine pulls the image and
// its server loads every model. Buildx writes zstd through BuildKit's exporter (the action on
// node24 counting each layer's tar as it streams); on Node 20 the direct assembly refuses zstd
// before anything runs, saying what to do.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { requireReference } from '../../src/oci/reference.js';
import { MEDIA } from '../../src/oci/types.js';
import type { Report } from '../../src/report/types.js';
import { runAction, runCli } from '../helpers/action-run.js';
import { R, client, realInputs, serveRepository } from '../helpers/real-compose.js';
import { writeModelRepository } from '../../scripts/real-fixtures/models.js';

const V = '25.01';
const AMD64 = { os: 'linux', architecture: 'amd64' };
const ZSTD_MAGIC = Buffer.from([0x28, 0xb5, 0x2f, 0xfd]);
let node24: string;
let work: string;
let models: string;

beforeAll(() => {
  node24 = execFileSync('bash', [join(import.meta.dirname, '..', '..', 'scripts', 'node24.sh')], { encoding: 'utf8' }).trim();
  work = mkdtempSync(join(tmpdir(), 'zstd-'));
  models = writeModelRepository(join(work, 'models'), ['onnxruntime', 'python']);
});
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** The CLI on node24 (or `node`), with a tool cache of its own (`cache`), as a fresh runner has. */
function compose(tag: string, more: Record<string, string>, opts: { cache: string; node?: string }) {
  const inputs = { ...realInputs('zstd', V, 'onnxruntime,python', tag), 'compression-level': '', ...more };
  const args = Object.entries(inputs)
    .filter(([, v]) => v !== '')
    .flatMap(([k, v]) => [`--${k}`, v]);
  return runCli([...args, '--json'], { node: opts.node ?? node24, env: { ...process.env, XDG_CACHE_HOME: join(work, opts.cache) } });
}

const resolve = (tag: string) => client.resolve(requireReference(`${R}/zstd:${tag}`), AMD64);

test('the direct assembly on node24: zstd part layers, the same tars as gzip, the same bytes again, and the server runs', async () => {
  const z = compose('direct', { 'layer-compression': 'zstd' }, { cache: 'a' });
  expect(z.stderr).not.toMatch(/error/i);
  expect(z.status).toBe(0);
  expect((JSON.parse(z.stdout) as Report).assembly?.mode).toBe('direct');
  const g = compose('gzip', {}, { cache: 'a' });
  expect(g.status).toBe(0);
  const [zi, gi, min] = await Promise.all([
    resolve('direct'),
    resolve('gzip'),
    client.resolve(requireReference(`${R}/real/tritonserver:${V}-py3-min`), AMD64),
  ]);
  const base = min.manifest.layers.length;
  // min's layers as they are; every layer the compose wrote is zstd, and is a zstd stream
  expect(zi.manifest.layers.slice(0, base).map((l) => l.digest)).toEqual(min.manifest.layers.map((l) => l.digest));
  const written = zi.manifest.layers.slice(base);
  expect(written.length).toBeGreaterThan(3);
  expect(new Set(written.map((l) => l.mediaType))).toEqual(new Set([MEDIA.ociLayerZstd]));
  for (const l of written) {
    const head = await client.blobStream(zi.ref, l.digest, { start: 0, end: 3 });
    const chunks: Buffer[] = [];
    for await (const c of head) chunks.push(c as Buffer);
    expect(Buffer.concat(chunks)).toEqual(ZSTD_MAGIC);
  }
  expect(new Set(gi.manifest.layers.slice(base).map((l) => l.mediaType))).toEqual(new Set([MEDIA.ociLayerGzip]));
  // the same tars as the gzip compose: the config's diff IDs match, and differ from nothing else
  expect(zi.config.rootfs.diff_ids).toEqual(gi.config.rootfs.diff_ids);
  expect(written.map((l) => l.digest)).not.toEqual(gi.manifest.layers.slice(base).map((l) => l.digest));
  // a fresh runner (nothing cached) writes the very same bytes
  const again = compose('again', { 'layer-compression': 'zstd' }, { cache: 'b' });
  expect(again.status).toBe(0);
  expect((await resolve('again')).manifestDigest).toBe(zi.manifestDigest);
  // the engine pulls it, checks each layer's tar against its diff ID, and the server runs
  const s = serveRepository(`${R}/zstd:direct`, models, { pull: true });
  expect(s.ready).toEqual(['m_onnxruntime', 'm_python']);
  expect(s.status).toBe(0);
});

test('Buildx writes zstd through BuildKit; its server runs', async () => {
  const a = runAction({
    ...realInputs('zstd', V, 'onnxruntime,python', 'buildx'),
    'compression-level': '',
    'layer-compression': 'zstd',
    assembly: 'buildx',
  });
  expect(a.status).toBe(0);
  const img = await resolve('buildx');
  const min = await client.resolve(requireReference(`${R}/real/tritonserver:${V}-py3-min`), AMD64);
  const written = img.manifest.layers.filter((l) => !min.manifest.layers.some((m) => m.digest === l.digest));
  expect(written.length).toBeGreaterThan(0);
  expect(new Set(written.map((l) => l.mediaType))).toEqual(new Set([MEDIA.ociLayerZstd]));
  const s = serveRepository(`${R}/zstd:buildx`, models, { pull: true });
  expect(s.ready).toEqual(['m_onnxruntime', 'm_python']);
});

test('the action on node24 with the buildkit source: the zstd layers of BuildKit are counted as they stream, so the report knows each tar', () => {
  const inputs = { ...realInputs('zstd', V, 'onnxruntime,python', 'buildkit'), 'compression-level': '', 'layer-compression': 'zstd' };
  const a = runAction({ ...inputs, source: 'buildkit' }, { node: node24 });
  expect(a.status).toBe(0);
  const parts = JSON.parse(a.outputs.parts) as { name: string; uncompressedSize: number }[];
  expect(parts.map((p) => p.name)).toEqual(['base', 'runtime-deps', 'core', 'onnxruntime', 'python', 'workdir']);
  expect(parts.filter((p) => !(p.uncompressedSize > 0))).toEqual([]);
});

test('on Node 20 the direct assembly refuses zstd before anything runs, naming the input and what to do', () => {
  const r = compose('node20', { 'layer-compression': 'zstd', 'dry-run': 'true' }, { cache: 'c', node: 'node' });
  expect(r.status).not.toBe(0);
  expect(r.stderr).toContain(
    `layer-compression: zstd written by the direct assembly needs Node.js 22.15 or later (zlib's zstd), and this is Node.js ${process.versions.node}`,
  );
});
