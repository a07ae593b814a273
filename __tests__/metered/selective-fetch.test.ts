// Selective fetch against the real registry and the fixture full image: index every layer
// (cold: one stream per layer, the kept folder written from that same stream), then, warm,
// extract /opt/tritonserver/backends/onnxruntime by ranges from the final view, compare it
// with a plain full-stream extraction, and count the bytes in the registry's access log.
import { lstat, mkdtemp, readFile, readdir, readlink, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { createGunzip } from 'node:zlib';
import { extract } from 'tar-stream';
import { AccessLog, findRegistryLog, summarizeTraffic, totalBytes } from '../../scripts/lib/access-log.js';
import { planColdSink } from '../../src/layer/cold-extract.js';
import { FolderWriter } from '../../src/layer/folder-writer.js';
import { fetchEntries } from '../../src/layer/fetch-entries.js';
import { buildLayerIndex, readCachedIndex, writeCachedIndex } from '../../src/layer/layer-index.js';
import { RegistryClient } from '../../src/registry/client.js';
import { normalizeTarPath } from '../../src/layer/tar-parse.js';
import { isUnder, planFinalView } from '../../src/layer/view.js';
import { type ResolvedImage } from '../../src/oci/types.js';
import { type LayerIndex } from '../../src/layer/index-format.js';

// The metered profile's copy of 24.01 (npm run fixtures): no test running beside this one reads it.
const REF = { registry: '127.0.0.1:5000', repository: 'tritonserver', tag: '24.01-py3-metered' };
const KEEP = '/opt/tritonserver/backends/onnxruntime';
const SPACING = 1024 * 1024;
const client = new RegistryClient();
let image: ResolvedImage;
let work: string;
let indexes: LayerIndex[];
const timings: string[] = [];

beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'selective-'));
  image = await client.resolve(REF, { os: 'linux', architecture: 'amd64' });
});
afterAll(async () => {
  await rm(work, { recursive: true, force: true });
  console.log(timings.join('\n'));
});

/** The kept folder as a plain full-stream read (gunzip + tar-stream) writes it. */
async function referenceTree(digest: string): Promise<Map<string, { type: string; data?: Buffer; target?: string; mode?: number }>> {
  const out = new Map<string, { type: string; data?: Buffer; target?: string; mode?: number }>();
  const ex = extract();
  const reading = pipeline(await client.blobStream(REF, digest), createGunzip(), ex);
  for await (const entry of ex) {
    const path = normalizeTarPath(entry.header.name);
    const chunks: Buffer[] = [];
    for await (const c of entry) chunks.push(c as Buffer);
    if (isUnder(path, KEEP))
      out.set(path, {
        type: entry.header.type ?? 'file',
        data: Buffer.concat(chunks),
        target: entry.header.linkname ?? undefined,
        mode: entry.header.mode,
      });
  }
  await reading;
  return out;
}

async function expectTreeMatches(
  dest: string,
  ref: Map<string, { type: string; data?: Buffer; target?: string; mode?: number }>,
): Promise<void> {
  const seen: string[] = [];
  const walk = async (dir: string): Promise<void> => {
    for (const name of await readdir(join(dest, dir))) {
      const rel = `${dir}/${name}`;
      seen.push(rel);
      if ((await lstat(join(dest, rel))).isDirectory()) await walk(rel);
    }
  };
  await walk(KEEP);
  expect(seen.sort()).toEqual([...ref.keys()].filter((p) => p !== KEEP).sort());
  for (const [path, r] of ref) {
    const st = await lstat(join(dest, path));
    if (r.type === 'file') expect((await readFile(join(dest, path))).equals(r.data as Buffer)).toBe(true);
    if (r.type === 'symlink') expect(await readlink(join(dest, path))).toBe(r.target);
    if (r.type !== 'symlink') expect(st.mode & 0o7777).toBe(r.mode);
  }
}

test('cold: one stream per layer gives its index and, from the last layer, the kept folder', async () => {
  const cold = join(work, 'cold');
  const writer = new FolderWriter(cold);
  indexes = [];
  for (const layer of image.manifest.layers) {
    const sink = planColdSink(writer, (e) => isUnder(e.path, KEEP));
    const started = Date.now();
    const index = await buildLayerIndex(await client.blobStream(REF, layer.digest), {
      digest: layer.digest,
      spacing: SPACING,
      onEntry: sink.onEntry,
    });
    const secs = (Date.now() - started) / 1000;
    expect(sink.pending).toEqual([]);
    const { size: indexBytes } = await lstat(await writeCachedIndex(join(work, 'cache'), index));
    indexes.push(index);
    if (layer.size > 10_000_000)
      timings.push(
        `index pass: ${(layer.size / 1e6).toFixed(1)} MB in ${secs.toFixed(2)} s (${(layer.size / 1e6 / secs).toFixed(0)} MB/s), ${index.entries.length} entries, ${index.checkpoints.length} checkpoints, index ${(indexBytes / 1e6).toFixed(2)} MB`,
      );
  }
  await writer.finish();
  const last = image.manifest.layers[image.manifest.layers.length - 1].digest;
  await expectTreeMatches(cold, await referenceTree(last));
});

test('warm: the kept folder by ranges from the cached indexes, at about the bytes it spans', async () => {
  const cached = await Promise.all(image.manifest.layers.map((l) => readCachedIndex(join(work, 'cache'), l.digest)));
  expect(cached.every((c) => c !== undefined)).toBe(true);
  const layers = cached as LayerIndex[];
  const view = planFinalView(
    layers.map((l) => l.entries),
    { keep: [KEEP] },
  );
  expect(view.length).toBeGreaterThan(2);
  const selections = layers.map((index, i) => ({ index, entries: view.filter((e) => e.layer === i) })).filter((s) => s.entries.length > 0);

  const log = new AccessLog(findRegistryLog(process.cwd()));
  const mark = await log.mark();
  const dest = join(work, 'warm');
  const started = Date.now();
  const report = await fetchEntries(client, REF, selections, dest);
  const ms = Date.now() - started;
  const traffic = summarizeTraffic(await log.since(mark), { digests: new Set(image.manifest.layers.map((l) => l.digest)) });
  const fetched = totalBytes(traffic.blobBytes);
  expect(fetched).toBe(report.bytesFetched);

  // What the kept files span in the compressed blob, by interpolating between checkpoints.
  const files = selections.flatMap((s) => s.entries.filter((e) => e.type === 'file' && e.size > 0).map((e) => ({ index: s.index, e })));
  const at = (index: LayerIndex, out: number) => {
    const cps = index.checkpoints;
    let i = cps.length - 1;
    while (i > 0 && cps[i].out > out) i--;
    const next = cps[i + 1] ?? { out: index.uncompressedSize, in: index.compressedSize };
    return cps[i].in + ((out - cps[i].out) / Math.max(1, next.out - cps[i].out)) * (next.in - cps[i].in);
  };
  const span = files.reduce((n, { index, e }) => n + at(index, e.offset + e.size) - at(index, e.offset), 0);
  const slack = 2 * SPACING + 64 * 1024;
  expect(fetched).toBeLessThanOrEqual(1.2 * span + slack);
  const blob = image.manifest.layers.reduce((n, l) => n + l.size, 0);
  timings.push(
    `warm extract: ${report.files} files, ${(report.bytesWritten / 1e6).toFixed(1)} MB written, ${(fetched / 1e6).toFixed(2)} MB fetched in ${report.ranges} range(s) for a ${(span / 1e6).toFixed(2)} MB compressed span (image ${(blob / 1e6).toFixed(0)} MB) in ${ms} ms`,
  );
  const sizes = indexes.map((i) => i.checkpoints.length);
  timings.push(`checkpoints per layer at ${SPACING / 1048576} MiB: ${sizes.join(', ')}`);
  await expectTreeMatches(dest, await referenceTree(image.manifest.layers[image.manifest.layers.length - 1].digest));
});
