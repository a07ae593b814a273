// Extracting while indexing: the entries a cold pass selects are written from the one stream
// that builds the layer's index, hardlinks to a file written are made as links, and those whose
// target was not written are left for a range fetch.
import { lstat, mkdtemp, readFile, readlink, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { planColdSink } from '../../../src/layer/cold-extract.js';
import { FolderWriter } from '../../../src/layer/folder-writer.js';
import { buildLayerIndex } from '../../../src/layer/layer-index.js';
import { type TarItem, makeLayer, noise, prose } from '../../helpers/layer-tar.js';

const mtime = new Date('2024-01-02T03:04:05Z');
const dir = (name: string): TarItem => ({ header: { name: `${name}/`, type: 'directory', mode: 0o750, mtime } });
const file = (name: string, data: Buffer): TarItem => ({ header: { name, type: 'file', mode: 0o640, mtime, size: data.length }, data });

let root: string;
beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), 'cold-extract-'));
});
afterEach(async () => {
  await rm(root, { recursive: true, force: true });
});

test('a cold pass writes the selected entries from the indexing stream and leaves hardlinks to unwritten files pending', async () => {
  const big = noise(200_000, 3); // several chunks of the stream
  const other = prose(5_000, 4);
  const layer = await makeLayer([
    dir('opt'),
    dir('opt/keep'),
    file('opt/keep/big.bin', big),
    file('opt/keep/empty', Buffer.alloc(0)),
    { header: { name: 'opt/keep/big.link', type: 'symlink', linkname: 'big.bin', mtime } },
    { header: { name: 'opt/keep/big.hard', type: 'link', linkname: 'opt/keep/big.bin', mtime } },
    dir('opt/other'),
    file('opt/other/other.txt', other),
    { header: { name: 'opt/keep/other.hard', type: 'link', linkname: 'opt/other/other.txt', mtime } },
    { header: { name: 'opt/keep/pipe', type: 'fifo', mode: 0o644, mtime } },
  ]);
  const dest = join(root, 'stage');
  const sink = planColdSink(new FolderWriter(dest), (e) => e.path.startsWith('/opt/keep'));
  const index = await buildLayerIndex(Readable.from([layer.gz]), { digest: layer.digest, onEntry: sink.onEntry, spacing: 64 * 1024 });

  expect(index.entries.map((e) => e.path)).toEqual([
    '/opt',
    '/opt/keep',
    '/opt/keep/big.bin',
    '/opt/keep/empty',
    '/opt/keep/big.link',
    '/opt/keep/big.hard',
    '/opt/other',
    '/opt/other/other.txt',
    '/opt/keep/other.hard',
    '/opt/keep/pipe',
  ]);
  // written: the selected folder, files (an empty one too), symlink and hardlink; not the rest, nor the fifo
  expect((await readdir(join(dest, 'opt/keep'))).sort()).toEqual(['big.bin', 'big.hard', 'big.link', 'empty']);
  expect(await readdir(join(dest, 'opt'))).toEqual(['keep']);
  expect((await readFile(join(dest, 'opt/keep/big.bin'))).equals(big)).toBe(true);
  expect(await readFile(join(dest, 'opt/keep/empty'))).toHaveLength(0);
  expect(await readlink(join(dest, 'opt/keep/big.link'))).toBe('big.bin');
  const [a, b] = await Promise.all([lstat(join(dest, 'opt/keep/big.bin')), lstat(join(dest, 'opt/keep/big.hard'))]);
  expect(b.ino).toBe(a.ino);
  expect(a.mode & 0o7777).toBe(0o640);
  // the hardlink whose target was not written is left for a fetch by range with the finished index
  expect(sink.pending.map((e) => [e.path, e.target])).toEqual([['/opt/keep/other.hard', '/opt/other/other.txt']]);
});

test('nothing is written when nothing is selected, and the index is the same', async () => {
  const layer = await makeLayer([dir('opt'), file('opt/a', prose(3_000, 1))]);
  const dest = join(root, 'none');
  const sink = planColdSink(new FolderWriter(dest), () => false);
  const index = await buildLayerIndex(Readable.from([layer.gz]), { digest: layer.digest, onEntry: sink.onEntry, spacing: 64 * 1024 });
  const plain = await buildLayerIndex(Readable.from([layer.gz]), { digest: layer.digest, spacing: 64 * 1024 });
  expect(index).toEqual(plain);
  expect(sink.pending).toEqual([]);
  await expect(lstat(dest)).rejects.toThrow(/ENOENT/);
});
