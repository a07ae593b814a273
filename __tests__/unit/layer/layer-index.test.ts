import { createHash } from 'node:crypto';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { gzipSync } from 'node:zlib';
import { GzipIndexError } from '../../../src/layer/gzip-index.js';
import { INDEX_FORMAT_VERSION, IndexFormatError, parseIndex, serializeIndex, type LayerIndex } from '../../../src/layer/index-format.js';
import { buildLayerIndex, readCachedIndex, writeCachedIndex } from '../../../src/layer/layer-index.js';
import { TarFormatError, normalizeTarPath } from '../../../src/layer/tar-parse.js';
import { makeLayer, makeRawTar, noise, rawHeader, readTarReference, sampleItems } from '../../helpers/layer-tar.js';

const chunks = (buf: Buffer, size = 10_000) =>
  Readable.from(Array.from({ length: Math.ceil(buf.length / size) }, (_, i) => buf.subarray(i * size, (i + 1) * size)));
const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');

let layer: Awaited<ReturnType<typeof makeLayer>>;
let index: LayerIndex;
beforeAll(async () => {
  layer = await makeLayer(sampleItems());
  index = await buildLayerIndex(chunks(layer.gz), { digest: layer.digest, spacing: 64 * 1024 });
});

test('the table of contents matches what tar-stream reads, with data offsets and sha256', async () => {
  const ref = await readTarReference(layer.tar);
  expect(index.entries.map((e) => e.path)).toEqual(ref.map((r) => normalizeTarPath(r.name)));
  const types: Record<string, string> = { file: 'file', directory: 'dir', symlink: 'symlink', link: 'link' };
  index.entries.forEach((e, i) => {
    const r = ref[i];
    expect([e.type, e.mode, e.mtime]).toEqual([types[r.type], r.header.mode, (r.header.mtime as Date).getTime() / 1000]);
    if (!e.path.endsWith('pax-owned.bin')) expect([e.uid, e.gid]).toEqual([r.header.uid, r.header.gid]); // tar-stream ignores PAX ids
    if (e.type === 'file') {
      expect(e.size).toBe(r.data.length);
      expect(layer.tar.subarray(e.offset, e.offset + e.size).equals(r.data)).toBe(true);
      expect(e.sha256).toBe(sha(r.data));
    }
    if (e.type === 'symlink') expect(e.target).toBe(r.header.linkname);
    if (e.type === 'link') expect(e.target).toBe(normalizeTarPath(r.header.linkname ?? ''));
  });
  expect(index.uncompressedSize).toBe(layer.tar.length);
  expect(index.compressedSize).toBe(layer.gz.length);
});

test('long names from PAX and GNU headers, and big ids from PAX', () => {
  const paths = index.entries.map((e) => e.path);
  expect(paths).toContain('/opt/tritonserver/backends/python/' + 'very-long-folder-name-'.repeat(6) + '/model.py');
  expect(paths).toContain('/opt/tritonserver/backends/python/' + 'gnu-long-name-'.repeat(9) + '.py');
  expect(paths).not.toContain('/placeholder');
  const owned = index.entries.find((e) => e.path.endsWith('pax-owned.bin'));
  expect([owned?.uid, owned?.gid]).toEqual([3_000_000, 4_000_000]);
});

test('checkpoints: one at the start, then every spacing bytes, some at bit offsets other than 0', () => {
  const cps = index.checkpoints;
  expect(cps[0]).toMatchObject({ out: 0, bits: 0 });
  expect(cps[0].window.length).toBe(0);
  for (let i = 1; i < cps.length; i++) {
    expect(cps[i].out - cps[i - 1].out).toBeGreaterThanOrEqual(64 * 1024);
    expect(cps[i].in).toBeGreaterThan(cps[i - 1].in);
    expect(Buffer.from(cps[i].window).equals(layer.tar.subarray(cps[i].out - cps[i].window.length, cps[i].out))).toBe(true);
  }
  expect(cps.filter((c) => c.bits !== 0).length).toBeGreaterThan(5);
  expect(cps.filter((c) => c.bits === 0).length).toBeGreaterThan(5);
});

/** Windows compared as bytes: a deep equality over typed arrays is slow. */
function expectSameIndex(got: LayerIndex | undefined, want: LayerIndex): void {
  const strip = (i: LayerIndex) => ({
    ...i,
    checkpoints: i.checkpoints.map((c) => ({ ...c, window: Buffer.from(c.window).toString('base64') })),
  });
  expect(got && strip(got)).toEqual(strip(want));
}

test('serialization round-trips and is much smaller than the windows it holds', () => {
  const bytes = serializeIndex(index);
  expectSameIndex(parseIndex(bytes), index);
  expect(bytes.length).toBeLessThan(index.checkpoints.length * 32 * 1024);
});

test.each([
  ['another format version', (b: Buffer) => (b.writeUInt16BE(INDEX_FORMAT_VERSION + 1, 6), b), 'version'],
  ['a flipped byte', (b: Buffer) => ((b[b.length >> 1] ^= 0x55), b), 'corrupt'],
  ['a truncated file', (b: Buffer) => b.subarray(0, b.length - 100), 'corrupt'],
  ['not an index', () => Buffer.from('{"digest":"x"}'), 'corrupt'],
  ['a valid gzip of a wrong table', (b: Buffer) => Buffer.concat([b.subarray(0, 8), gzipSync(Buffer.from('\0\0\0\x02{}'))]), 'corrupt'],
])('parseIndex rejects %s with a typed error', (_name, damage, reason) => {
  const bytes = damage(Buffer.from(serializeIndex(index)));
  let err: unknown;
  try {
    parseIndex(bytes);
  } catch (e) {
    err = e;
  }
  expect(err).toBeInstanceOf(IndexFormatError);
  expect((err as IndexFormatError).reason).toBe(reason);
});

test('the cache is keyed by digest; a damaged or foreign entry reads as missing', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'layer-index-'));
  try {
    expect(await readCachedIndex(dir, layer.digest)).toBeUndefined();
    const file = await writeCachedIndex(dir, index);
    expectSameIndex(await readCachedIndex(dir, layer.digest), index);
    const other = `sha256:${'0'.repeat(64)}`;
    await writeFile(join(dir, `${other.replace(':', '-')}.layer-index`), await readFile(file));
    expect(await readCachedIndex(dir, other)).toBeUndefined();
    await writeFile(file, (await readFile(file)).subarray(0, 50));
    expect(await readCachedIndex(dir, layer.digest)).toBeUndefined();
    await expect(readCachedIndex(dir, '../etc/passwd')).rejects.toThrow('is not a digest');
  } finally {
    await rm(dir, { recursive: true });
  }
});

test('the pass hands files to a receiver, in order, with their sha256 at the end', async () => {
  const got = new Map<string, Buffer[]>();
  const ended: string[] = [];
  await buildLayerIndex(chunks(layer.gz, 777), {
    digest: layer.digest,
    onEntry: (e) =>
      e.path.includes('/python/')
        ? {
            write: async (c) => void got.set(e.path, [...(got.get(e.path) ?? []), c]),
            end: (entry) => void ended.push(`${entry.type}:${entry.sha256 ?? ''}`),
          }
        : undefined,
  });
  for (const e of index.entries.filter((x) => x.path.includes('/python/') && x.type === 'file')) {
    expect(sha(Buffer.concat(got.get(e.path) ?? []))).toBe(e.sha256);
    expect(ended).toContain(`file:${e.sha256}`);
  }
  expect(ended).toContain('link:');
});

test.each([
  ['a truncated gzip stream', (gz: Buffer) => gz.subarray(0, gz.length - 5000), GzipIndexError, 'truncated'],
  ['not gzip at all', () => noise(4096), GzipIndexError, 'not a valid gzip stream'],
  ['a second gzip member', (gz: Buffer) => Buffer.concat([gz, gzipSync(Buffer.from('x'))]), GzipIndexError, 'multi-member'],
  [
    'more zero padding after the gzip stream than range reads allow',
    (gz: Buffer) => Buffer.concat([gz, Buffer.alloc(32 * 1024 + 1)]),
    GzipIndexError,
    '32769 bytes of padding after the gzip stream (at most 32768 are accepted)',
  ],
  [
    'a tar cut mid-entry',
    () => gzipSync(Buffer.concat([Buffer.alloc(0), layer.tar.subarray(0, 5 * 512 + 100)])),
    TarFormatError,
    'middle of an entry',
  ],
  ['garbage instead of a tar header', () => gzipSync(noise(2048)), TarFormatError, 'checksum'],
  [
    'a gzip bomb: 64 MiB of zeros past the end of the tar',
    () => gzipSync(Buffer.concat([layer.tar, Buffer.alloc(64 * 1024 * 1024)])),
    TarFormatError,
    'past the end of its tar',
  ],
  [
    'a PAX header bomb: a 64 MiB header',
    () => gzipSync(Buffer.concat([rawHeader({ name: 'PaxHeader', type: 'x', size: 64 * 1024 * 1024 }), Buffer.alloc(64 * 1024 * 1024)])),
    TarFormatError,
    'a PAX header of 67108864 bytes at offset 0: more than 1048576 bytes',
  ],
  [
    'a size smaller than the data',
    () => gzipSync(makeRawTar([{ name: 'a/long', type: '0', data: Buffer.alloc(3000, 'x'), size: 10 }])),
    TarFormatError,
    'bad tar header checksum at offset 1024 (after "/a/long")',
  ],
  [
    'a PAX size that is not a number',
    () => gzipSync(makeRawTar([{ name: 'a/nan', type: '0', data: Buffer.from('nan'), pax: { size: 'many' } }])),
    TarFormatError,
    'the PAX size of "/a/nan" is "many", not a number',
  ],
])('%s fails with a clear error', async (_name, make, type, message) => {
  const run = buildLayerIndex(chunks(make(layer.gz)), { digest: layer.digest });
  await expect(run).rejects.toBeInstanceOf(type);
  await expect(buildLayerIndex(chunks(make(layer.gz)), { digest: layer.digest })).rejects.toThrow(message);
});
