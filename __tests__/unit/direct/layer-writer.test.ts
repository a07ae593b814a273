import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { extract, type Header } from 'tar-stream';
import { writeLayer } from '../../../src/direct/layer-writer.js';
import { type PackEntry, readPackedDataSize } from '../../../src/selective/pack.js';
import type { PieceJob } from '../../../src/selective/entries.js';
import type { LayerRead } from '../../../src/selective/views.js';
import { planPieceKey, readPieceRecord, writePieceRecord } from '../../../src/direct/piece-records.js';

const sha = (b: Buffer) => `sha256:${createHash('sha256').update(b).digest('hex')}`;
let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'layer-writer-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function staged(name: string, data: Buffer): Promise<string> {
  const file = join(dir, 'stage', name);
  await mkdir(join(dir, 'stage'), { recursive: true });
  await writeFile(file, data);
  return file;
}

async function entriesOf(
  data: Buffer,
): Promise<{ name: string; type: Header['type']; mode?: number; uid?: number; mtime?: number; linkname?: string | null; body: string }[]> {
  const out: { name: string; type: Header['type']; mode?: number; uid?: number; mtime?: number; linkname?: string | null; body: string }[] =
    [];
  const x = extract();
  x.on('entry', (h, stream, next) => {
    const chunks: Buffer[] = [];
    stream.on('data', (c: unknown) => chunks.push(c as Buffer));
    stream.on('end', () => {
      out.push({
        name: h.name,
        type: h.type,
        mode: h.mode,
        uid: h.uid,
        mtime: h.mtime ? h.mtime.getTime() / 1000 : undefined,
        linkname: h.linkname,
        body: Buffer.concat(chunks).toString(),
      });
      next();
    });
  });
  await new Promise<void>((resolve, reject) => {
    x.on('finish', resolve);
    x.on('error', reject);
    x.end(data);
  });
  return out;
}

async function layerOf(entries: PackEntry[], keepStaged = false) {
  const chunks: Buffer[] = [];
  const bytes = await writeLayer(
    entries,
    async (it) => {
      for await (const c of it) chunks.push(c);
    },
    { keepStaged },
  );
  return { bytes, gz: Buffer.concat(chunks) };
}

test('a gzip tar layer whose digests and sizes are those of its bytes, with the entries in path order', async () => {
  const lib = await staged('lib', Buffer.from('the library'));
  const entries: PackEntry[] = [
    { path: '/opt/t/lib/libx.so', type: 'file', mode: 0o755, uid: 0, gid: 0, mtime: 1_700_000_000, size: 11, stage: lib },
    { path: '/opt/t', type: 'dir', mode: 0o755, uid: 0, gid: 0, mtime: 1_700_000_000, size: 0 },
    { path: '/opt/t/lib', type: 'dir', mode: 0o750, uid: 1000, gid: 1000, mtime: 1_600_000_000, size: 0 },
    { path: '/opt/t/lib/libx.so.1', type: 'symlink', mode: 0o777, uid: 0, gid: 0, mtime: 1_700_000_000, size: 0, target: 'libx.so' },
    { path: '/opt/t/lib/copy.so', type: 'link', mode: 0o755, uid: 0, gid: 0, mtime: 1_700_000_000, size: 0, target: '/opt/t/lib/libx.so' },
  ];
  const { bytes, gz } = await layerOf(entries);
  const tar = gunzipSync(gz);
  expect(bytes).toEqual({ digest: sha(gz), diffId: sha(tar), size: gz.length, tarSize: tar.length });
  expect(gz[9]).toBe(0xff); // OS "unknown", whatever zlib was built for
  expect(await entriesOf(tar)).toEqual([
    { name: 'opt/t/', type: 'directory', mode: 0o755, uid: 0, mtime: 1_700_000_000, linkname: null, body: '' },
    { name: 'opt/t/lib/', type: 'directory', mode: 0o750, uid: 1000, mtime: 1_600_000_000, linkname: null, body: '' },
    { name: 'opt/t/lib/libx.so', type: 'file', mode: 0o755, uid: 0, mtime: 1_700_000_000, linkname: null, body: 'the library' },
    { name: 'opt/t/lib/libx.so.1', type: 'symlink', mode: 0o777, uid: 0, mtime: 1_700_000_000, linkname: 'libx.so', body: '' },
    { name: 'opt/t/lib/copy.so', type: 'link', mode: 0o755, uid: 0, mtime: 1_700_000_000, linkname: 'opt/t/lib/libx.so', body: '' },
  ]);
  expect(existsSync(lib)).toBe(false); // packed, then removed
});

test('the same entries give the same bytes; keepStaged leaves the data for a second try', async () => {
  const data = Buffer.alloc(300_000);
  for (let i = 0; i < data.length; i++) data[i] = (i * 7919) % 251;
  const file = await staged('big', data);
  const entries: PackEntry[] = [{ path: '/big', type: 'file', mode: 0o644, uid: 0, gid: 0, mtime: 1, size: data.length, stage: file }];
  const a = await layerOf(entries, true);
  expect(existsSync(file)).toBe(true);
  const b = await layerOf(entries, true);
  expect(b.bytes).toEqual(a.bytes);
  expect(b.gz.equals(a.gz)).toBe(true);
});

test('the file data counted as it is packed is the data the entries hold, hardlinks copied included', async () => {
  const big = await staged('big', Buffer.alloc(300_000, 3));
  const copied = await staged('copied', Buffer.alloc(70_000, 4));
  const entries: PackEntry[] = [
    { path: '/big', type: 'file', mode: 0o644, uid: 0, gid: 0, mtime: 1, size: 300_000, stage: big },
    // a link to a file in the tar is a link; one to a file outside it is packed as a copy
    { path: '/again', type: 'link', mode: 0o644, uid: 0, gid: 0, mtime: 1, size: 0, target: '/big' },
    { path: '/copy', type: 'link', mode: 0o644, uid: 0, gid: 0, mtime: 1, size: 0, target: '/elsewhere', stage: copied },
  ];
  expect(await readPackedDataSize(entries)).toBe(370_000);
  let counted = 0;
  await writeLayer(
    entries,
    async (it) => {
      for await (const c of it) void c;
    },
    { onData: (n) => (counted += n) },
  );
  expect(counted).toBe(370_000);
});

test('a sink that fails fails the layer, and nothing is left waiting', async () => {
  const file = await staged('f', Buffer.alloc(2_000_000, 1));
  const entries: PackEntry[] = [{ path: '/f', type: 'file', mode: 0o644, uid: 0, gid: 0, mtime: 1, size: 2_000_000, stage: file }];
  await expect(
    writeLayer(
      entries,
      async (it) => {
        for await (const c of it) {
          void c;
          throw new Error('registry went away');
        }
      },
      { keepStaged: true },
    ),
  ).rejects.toThrow('registry went away');
  expect(existsSync(file)).toBe(true);
});

test('a missing staged file fails the layer with its name', async () => {
  const entries: PackEntry[] = [{ path: '/gone', type: 'file', mode: 0o644, uid: 0, gid: 0, mtime: 1, size: 3, stage: join(dir, 'nope') }];
  await expect(layerOf(entries)).rejects.toThrow(/nope/);
});

describe('piece records', () => {
  const layers: LayerRead[] = [
    { digest: 'sha256:aaa', how: 'warm', size: 1 },
    { digest: 'sha256:bbb', how: 'warm', size: 1 },
  ];
  const job: PieceJob = {
    piece: { name: 'python', kind: 'backend', file: 'backend-python.tar', keep: ['/opt/t/backends/python'] },
    entries: [
      { path: '/opt/t/backends/python/x.so', type: 'file', mode: 0o644, uid: 0, gid: 0, mtime: 5, size: 9, offset: 1024, layer: 1 },
    ],
  };
  const packed: PackEntry[] = [
    { path: '/opt/t/backends/python/x.so', type: 'file', mode: 0o644, uid: 0, gid: 0, mtime: 5, size: 9, stage: '/somewhere' },
  ];

  const GZ6 = { kind: 'gzip', level: 6 } as const;

  test('the key changes with what decides the bytes, and not with where data is staged', () => {
    const key = planPieceKey(job, layers, packed, GZ6);
    expect(key).toMatch(/^[a-f0-9]{64}$/);
    expect(planPieceKey(job, layers, [{ ...packed[0], stage: '/elsewhere' }], GZ6)).toBe(key);
    expect(planPieceKey(job, layers, [{ ...packed[0], mode: 0o755 }], GZ6)).not.toBe(key);
    expect(planPieceKey(job, layers, [{ ...packed[0], mtime: 6 }], GZ6)).not.toBe(key);
    expect(planPieceKey({ ...job, entries: [{ ...job.entries[0], offset: 2048 }] }, layers, packed, GZ6)).not.toBe(key);
    expect(planPieceKey(job, [layers[0], { ...layers[1], digest: 'sha256:ccc' }], packed, GZ6)).not.toBe(key);
    expect(planPieceKey(job, layers, packed, { kind: 'gzip', level: 1 })).not.toBe(key);
    expect(planPieceKey(job, layers, packed, { kind: 'zstd', level: 6 })).not.toBe(key);
  });

  test('a record is read back whole; a damaged or partial one is not trusted', async () => {
    const rec = { digest: `sha256:${'a'.repeat(64)}`, diffId: `sha256:${'b'.repeat(64)}`, size: 10, tarSize: 20 };
    expect(await readPieceRecord(dir, 'k')).toBeUndefined();
    await writePieceRecord(dir, 'k', rec);
    expect(await readPieceRecord(dir, 'k')).toEqual(rec);
    await writeFile(join(dir, 'pieces', 'k.json'), '{"digest":"sha256:aa"');
    expect(await readPieceRecord(dir, 'k')).toBeUndefined();
    await writeFile(join(dir, 'pieces', 'k.json'), JSON.stringify({ ...rec, size: 0 }));
    expect(await readPieceRecord(dir, 'k')).toBeUndefined();
    await writeFile(join(dir, 'pieces', 'k.json'), JSON.stringify({ ...rec, diffId: 'md5:x' }));
    expect(await readPieceRecord(dir, 'k')).toBeUndefined();
  });
});
