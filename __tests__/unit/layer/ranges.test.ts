import { lstat, mkdtemp, readFile, readdir, readlink, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { inflateRawSync } from 'node:zlib';
import { planPrimeBytes } from '../../../src/layer/deflate-prime.js';
import { type DataJob, ExtractError, planRanges } from '../../../src/layer/ranges.js';
import { fetchEntries, planLayerWork } from '../../../src/layer/fetch-entries.js';
import { buildLayerIndex } from '../../../src/layer/layer-index.js';
import { type TarEntry, normalizeTarPath } from '../../../src/layer/tar-parse.js';
import { type RefEntry, makeLayer, memoryClient, readTarReference, sampleItems } from '../../helpers/layer-tar.js';
import { type LayerIndex } from '../../../src/layer/index-format.js';
import { MemoryStage } from '../../../src/layer/memory-stage.js';
import { RegistryClient } from '../../../src/registry/client.js';
import { sha256 } from '../../../src/oci/digest.js';
import { renderBytes } from '../../../src/util/progress.js';
import { startFakeRegistry } from '../../helpers/fake-registry.js';
import { recordProgress } from '../../helpers/progress.js';

const REF = { registry: 'memory', repository: 'layer' };
let layer: Awaited<ReturnType<typeof makeLayer>>;
let index: LayerIndex;
let reference: RefEntry[];
let dest: string;
beforeAll(async () => {
  layer = await makeLayer(sampleItems());
  index = await buildLayerIndex(Readable.from([layer.gz]), { digest: layer.digest, spacing: 64 * 1024 });
  reference = await readTarReference(layer.tar);
});
beforeEach(async () => {
  dest = await mkdtemp(join(tmpdir(), 'extract-'));
});
afterEach(async () => {
  await rm(dest, { recursive: true, force: true });
});

const files = () => reference.filter((r) => r.type === 'file' && !r.name.includes('.wh.'));

/** Every regular file of the reference, compared byte for byte with what was extracted. */
async function expectFilesMatch(names: string[]): Promise<void> {
  for (const r of files().filter((f) => names.includes(normalizeTarPath(f.name)))) {
    const got = await readFile(join(dest, normalizeTarPath(r.name)));
    expect(got.equals(r.data)).toBe(true);
    const st = await lstat(join(dest, normalizeTarPath(r.name)));
    expect(st.mode & 0o7777).toBe(r.header.mode);
    expect(st.mtimeMs).toBe((r.header.mtime as Date).getTime());
  }
}

test.each([
  ['touching ranges only merged (gap 0)', 0],
  ['nearby ranges merged', 512 * 1024],
  ['everything in one range', 1e9],
])('extracting every entry by ranges gives the tar bytes: %s', async (_name, gap) => {
  const { client, log } = memoryClient(layer.gz);
  const wanted = index.entries.filter((e) => !e.path.includes('.wh.'));
  const report = await fetchEntries(client, REF, [{ index, entries: wanted }], dest, { gap, owners: false });
  await expectFilesMatch(wanted.map((e) => e.path));
  expect(report.bytesFetched).toBe(log.reduce((n, r) => n + r.end - r.start + 1, 0));
  expect(report.ranges).toBe(log.length);
  if (gap === 1e9) expect(log.length).toBe(1);
  expect(await readlink(join(dest, 'opt/tritonserver/backends/onnxruntime/libonnxruntime.so.1'))).toBe('libonnxruntime.so.1.16.3');
  const so = await lstat(join(dest, 'opt/tritonserver/backends/onnxruntime/libonnxruntime.so.1.16.3'));
  expect((await lstat(join(dest, 'opt/tritonserver/backends/onnxruntime/libonnxruntime.so'))).ino).toBe(so.ino);
});

test('each file alone, whatever checkpoint (bit offset) it starts after, and only its ranges are read', async () => {
  const starts = new Set<number>();
  for (const e of index.entries.filter((x) => x.type === 'file' && x.size > 0 && !x.path.includes('.wh.'))) {
    const { client, log } = memoryClient(layer.gz);
    await fetchEntries(client, REF, [{ index, entries: [e] }], dest, { owners: false });
    await expectFilesMatch([e.path]);
    const [plan] = planRanges(index, [{ source: e, meta: e }]);
    starts.add(plan.checkpoint.bits);
    expect(log).toEqual([{ start: plan.start, end: plan.end }]);
    expect(log[0].end - log[0].start).toBeLessThan(e.size + 3 * 64 * 1024);
  }
  expect([...starts].some((b) => b !== 0)).toBe(true);
});

test('distant files with gap 0 are read by one range each', async () => {
  const { client, log } = memoryClient(layer.gz);
  const far = index.entries.filter((e) => /libonnxruntime.so.1.16.3|model.py|big.txt/.test(e.path));
  await fetchEntries(client, REF, [{ index, entries: far }], dest, { gap: 0, owners: false });
  await expectFilesMatch(far.map((e) => e.path));
  expect(log.length).toBe(3);
});

test('a hardlink whose target is not extracted is written as a copy of the target', async () => {
  const link = index.entries.find((e) => e.path.endsWith('/copy-of-readme')) as TarEntry;
  const { client } = memoryClient(layer.gz);
  const report = await fetchEntries(client, REF, [{ index, entries: [link] }], dest, { owners: false });
  const readme = reference.find((r) => r.name.endsWith('onnxruntime/README.md')) as RefEntry;
  expect((await readFile(join(dest, link.path))).equals(readme.data)).toBe(true);
  expect([report.files, report.hardlinks]).toEqual([1, 0]);
  await expect(readdir(join(dest, 'opt/tritonserver/backends/onnxruntime'))).rejects.toThrow('ENOENT');
});

test.each([
  ['a small file, gathered and written whole', '/README.md'],
  ['a file over 1 MiB, streamed to its file', '/libonnxruntime.so.1.16.3'],
])('a flipped byte in a range is caught by the sha256 or by inflate, and the file is not kept: %s', async (_name, name) => {
  const big = index.entries.find((e) => e.path.endsWith(name)) as TarEntry;
  expect(big.size > 1 << 20).toBe(name.includes('.so'));
  const [plan] = planRanges(index, [{ source: big, meta: big }]);
  for (const at of [0.3, 0.5, 0.8]) {
    const flipAt = Math.floor(plan.start + (plan.end - plan.start) * at);
    const { client } = memoryClient(layer.gz, (chunk, start) => {
      const copy = Buffer.from(chunk);
      copy[flipAt - start] ^= 0x10;
      return copy;
    });
    const run = fetchEntries(client, REF, [{ index, entries: [big] }], dest, { owners: false });
    await expect(run).rejects.toBeInstanceOf(ExtractError);
    await expect(run).rejects.toThrow(/damaged in transit or the index is stale/);
    expect(await readdir(join(dest, 'opt/tritonserver/backends/onnxruntime')).catch(() => [])).toEqual([]);
  }
});

test.each([
  ['the layer as made', 0],
  ['the layer followed by zero padding', 20_000],
])("a range to the layer's end whose last bytes arrive one network read at a time: %s", async (_name, padding) => {
  const gz = Buffer.concat([layer.gz, Buffer.alloc(padding)]);
  const padded = await buildLayerIndex(Readable.from([gz]), { digest: layer.digest, spacing: 64 * 1024 });
  const wanted = padded.entries.filter((e) => e.type === 'file' && !e.path.includes('.wh.'));
  const last = wanted.reduce((a, b) => (b.offset > a.offset ? b : a));
  const [plan] = planRanges(padded, [{ source: last, meta: last }]);
  expect(plan.end).toBe(gz.length - 1);
  // The deflate end, the trailer and the padding each come in pieces of a few bytes.
  const { client } = memoryClient(gz, undefined, (_start, length) => [length - 40_000, ...Array<number>(40_000 / 5).fill(5)]);
  await fetchEntries(client, REF, [{ index: padded, entries: wanted }], dest, { gap: 0, owners: false });
  await expectFilesMatch(wanted.map((e) => e.path));
});

test('through HTTP: a range to the end of a padded layer whose tail comes in a hundred reads', async () => {
  const gz = Buffer.concat([layer.gz, Buffer.alloc(20_000)]);
  const padded = await buildLayerIndex(Readable.from([gz]), { digest: sha256(gz), spacing: 64 * 1024 });
  const registry = await startFakeRegistry({
    rules: [{ path: /\/blobs\//, times: 9, fault: { kind: 'slow-tail', bytes: 20_100, pieces: 100 } }],
  });
  try {
    registry.putBlob('layer', gz);
    const client = new RegistryClient({ retries: 0, timeoutMs: 5_000 });
    const ref = { registry: registry.host, repository: 'layer' };
    const wanted = padded.entries.filter((e) => e.type === 'file' && !e.path.includes('.wh.'));
    await fetchEntries(client, ref, [{ index: padded, entries: wanted }], dest, { gap: 0, owners: false });
    await expectFilesMatch(wanted.map((e) => e.path));
    expect(registry.log.some((r) => r.fault === 'slow-tail' && r.range?.endsWith(`-${gz.length - 1}`))).toBe(true);
  } finally {
    await registry.close();
  }
});

test('paths that leave the folder or write through a symlink are refused', async () => {
  const { client } = memoryClient(layer.gz);
  const evil = { ...(index.entries.find((e) => e.type === 'dir') as TarEntry), path: '/opt/../../etc' };
  await expect(fetchEntries(client, REF, [{ index, entries: [evil] }], dest, { owners: false })).rejects.toThrow(
    'not a plain absolute path',
  );
  const deep = { ...evil, path: '/opt' + '/d'.repeat(10_000) };
  await expect(fetchEntries(client, REF, [{ index, entries: [deep] }], dest, { owners: false })).rejects.toThrow(
    `refusing to extract "${deep.path.slice(0, 120)}…": the path is 20004 bytes long, too long to write (at most 3072)`,
  );
  const link = { ...(index.entries.find((e) => e.type === 'symlink') as TarEntry), path: '/escape', target: '/tmp' };
  await fetchEntries(client, REF, [{ index, entries: [link] }], dest, { owners: false });
  const through = { ...(index.entries.find((e) => e.path.endsWith('/empty')) as TarEntry), path: '/escape/x' };
  await expect(fetchEntries(client, REF, [{ index, entries: [through] }], dest, { owners: false })).rejects.toThrow('is not a folder');
});

const cp = (out: number, inp: number, bits = 0) => ({ out, in: inp, bits, window: new Uint8Array(0) });
const job = (offset: number, size: number): DataJob => {
  const e: TarEntry = { path: `/f${offset}`, type: 'file', mode: 0o644, uid: 0, gid: 0, mtime: 0, size, offset };
  return { source: e, meta: e };
};
const fakeIndex: LayerIndex = {
  digest: 'sha256:x',
  compressedSize: 5000,
  uncompressedSize: 10_000,
  spacing: 1000,
  entries: [],
  checkpoints: [cp(0, 10), cp(1000, 500, 3), cp(2000, 1000), cp(3000, 1500, 5), cp(4000, 2000)],
};

test.each([
  ['a file inside one interval: from the checkpoint before to the one after', [job(1100, 100)], 0, [[499, 1000, 1000]]],
  ['a file at a checkpoint starts there (byte aligned)', [job(2000, 10)], 0, [[1000, 1500, 2000]]],
  ['a file after the last checkpoint reads to the end', [job(4500, 100)], 0, [[2000, 4999, 4000]]],
  [
    'two far files, gap 0: two ranges',
    [job(100, 10), job(3100, 10)],
    0,
    [
      [10, 500, 0],
      [1499, 2000, 3000],
    ],
  ],
  ['two far files, a wide gap: one range', [job(3100, 10), job(100, 10)], 2000, [[10, 2000, 0]]],
  ['empty files need no range', [job(100, 0)], 0, []],
])('planRanges: %s', (_name, jobs, gap, want) => {
  expect(planRanges(fakeIndex, jobs, gap).map((p) => [p.start, p.end, p.checkpoint.out])).toEqual(want);
});

test('planLayerWork links to an extracted target, copies from one that is not, skips devices', () => {
  const e = (path: string, type: TarEntry['type'], offset: number, target?: string): TarEntry => ({
    path,
    type,
    mode: 0o644,
    uid: 0,
    gid: 0,
    mtime: 0,
    size: type === 'file' ? 10 : 0,
    offset,
    ...(target ? { target } : {}),
  });
  const idx: LayerIndex = {
    ...fakeIndex,
    entries: [e('/a', 'file', 512), e('/b', 'link', 1536, '/a'), e('/c', 'link', 2048, '/b'), e('/d', 'char', 2560)],
  };
  const both = planLayerWork(idx, idx.entries);
  expect(both.links).toEqual([
    { entry: idx.entries[1], existing: '/a' },
    { entry: idx.entries[2], existing: '/a' },
  ]);
  expect(both.skipped.map((x) => x.path)).toEqual(['/d']);
  const onlyLink = planLayerWork(idx, [idx.entries[1]]);
  expect(onlyLink.data.map((j) => [j.source.path, j.meta.path])).toEqual([['/a', '/b']]);
  expect(() => planLayerWork(idx, [e('/x', 'link', 100, '/a')])).toThrow('does not hold before it');
});

// A block that starts at bit 8 - bits of its first byte: `bits` low bits of garbage (the end
// of an earlier block), then a final fixed-Huffman block holding "A" (RFC 1951 §3.2.6).
function streamStartingMidByte(bits: number): Buffer {
  const out: number[] = [];
  let acc = 0;
  let n = 0;
  const put = (b: number) => {
    acc |= b << n;
    if (++n === 8) {
      out.push(acc);
      acc = 0;
      n = 0;
    }
  };
  for (let i = 0; i < 8 - bits; i++) put(1); // garbage
  put(1); // BFINAL
  put(1);
  put(0); // BTYPE 01
  for (const b of '01110001') put(Number(b)); // literal 'A' (0x41): 0x30 + 0x41 = 0x71, 8 bits
  for (let i = 0; i < 7; i++) put(0); // end of block
  while (n !== 0) put(0);
  return Buffer.from(out);
}

test.each([1, 2, 3, 4, 5, 6, 7])('planPrimeBytes lets zlib enter a block %i bits into a byte', (bits) => {
  const stream = streamStartingMidByte(bits);
  const primed = Buffer.concat([planPrimeBytes(bits, stream[0]), stream.subarray(1)]);
  expect(inflateRawSync(primed).toString()).toBe('A');
});

test('a range fetch from a registry reports one transfer per layer: the bytes fetched, then its end', async () => {
  const registry = await startFakeRegistry();
  try {
    registry.putBlob('layer', layer.gz);
    const { progress, transfers } = recordProgress();
    const client = new RegistryClient({ retries: 0, timeoutMs: 5_000 });
    const ref = { registry: registry.host, repository: 'layer' };
    const far = index.entries.filter((e) => /libonnxruntime.so.1.16.3|model.py|big.txt/.test(e.path));
    const report = await fetchEntries(client, ref, [{ index, entries: far }], dest, { gap: 0, owners: false, concurrency: 2, progress });
    const fetched = registry.log
      .filter((r) => r.range)
      .reduce((n, r) => {
        const [a, b] = (r.range as string).replace('bytes=', '').split('-').map(Number);
        return n + b - a + 1;
      }, 0);
    expect(report.ranges).toBe(3);
    expect(transfers.map((t) => t.name)).toEqual([`ranges ${layer.digest.slice(0, 19)}… ${renderBytes(fetched)}`]);
    expect(transfers[0]).toMatchObject({ total: fetched, done: fetched, ended: true });
    expect(report.bytesFetched).toBe(fetched);
    expect(transfers[0].events.at(-1)).toBe('end');
    expect(transfers[0].events.filter((e) => e === 'end')).toHaveLength(1);
  } finally {
    await registry.close();
  }
});

test('staging with a memory stage: a file over 1 MiB is gathered into it whole and nothing is written; a flipped byte gives its room back', async () => {
  const big = index.entries.find((e) => e.path.endsWith('/libonnxruntime.so.1.16.3')) as TarEntry;
  expect(big.size).toBeGreaterThan(1 << 20);
  const memory = new MemoryStage(4 << 20);
  const { client } = memoryClient(layer.gz);
  await fetchEntries(client, REF, [{ index, entries: [big] }], dest, { dataOnly: true, memory });
  const want = files().find((r) => normalizeTarPath(r.name) === big.path)?.data as Buffer;
  expect(memory.get(join(dest, big.path))?.equals(want)).toBe(true);
  expect(memory.bytes).toBe(big.size);
  expect(await readdir(join(dest, 'opt/tritonserver/backends/onnxruntime')).catch(() => [])).toEqual([]);

  const again = new MemoryStage(4 << 20);
  const [plan] = planRanges(index, [{ source: big, meta: big }]);
  const flipAt = Math.floor((plan.start + plan.end) / 2);
  const { client: damaged } = memoryClient(layer.gz, (chunk, start) => {
    const copy = Buffer.from(chunk);
    if (flipAt >= start && flipAt < start + copy.length) copy[flipAt - start] ^= 0x10;
    return copy;
  });
  await expect(fetchEntries(damaged, REF, [{ index, entries: [big] }], dest, { dataOnly: true, memory: again })).rejects.toBeInstanceOf(
    ExtractError,
  );
  expect([again.bytes, again.has(join(dest, big.path))]).toEqual([0, false]);
});
