// The folder writer against layers that try to reach outside the staging folder: through a
// symlinked parent (hardlink sources and targets), a symlink replacing a folder whose metadata
// is still due, and a symlink planted on a temporary file's name. Nothing outside may change.
import { mkdtemp, readFile, readdir, lstat, rm, stat, writeFile, mkdir, chmod } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createHash } from 'node:crypto';
import { ExtractError, FolderWriter, type EntryMeta } from '../../../src/layer/folder-writer.js';
import { MemoryStage } from '../../../src/layer/memory-stage.js';

const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex');
const meta = (path: string, mode = 0o644): EntryMeta => ({ path, mode, uid: 0, gid: 0, mtime: 1_700_000_000 });

let root: string;
let dest: string;
let outside: string;
let secret: string;

beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), 'folder-writer-'));
  dest = join(root, 'staging');
  outside = join(root, 'host');
  await mkdir(outside);
  secret = join(outside, 'x');
  await writeFile(secret, 'host secret');
  await chmod(outside, 0o755);
});
afterEach(async () => {
  await rm(root, { recursive: true, force: true });
});

async function writeFileEntry(w: FolderWriter, path: string, body: string): Promise<void> {
  const f = await w.openFile(meta(path), undefined);
  await f.write(Buffer.from(body));
  await f.close();
}

/** Every inode under the staging folder (lstat: symlinks are not followed). */
async function stagedInodes(dir: string): Promise<number[]> {
  const out: number[] = [];
  for (const name of await readdir(dir)) {
    const st = await lstat(join(dir, name));
    out.push(st.ino);
    if (st.isDirectory()) out.push(...(await stagedInodes(join(dir, name))));
  }
  return out;
}

async function expectOutsideUntouched(): Promise<void> {
  expect(await readFile(secret, 'utf8')).toBe('host secret');
  expect((await stat(outside)).mode & 0o7777).toBe(0o755);
  expect(await stagedInodes(dest)).not.toContain((await stat(secret)).ino);
}

describe('FolderWriter never leaves the staging folder', () => {
  it('refuses a hardlink whose source lies behind a symlinked parent', async () => {
    const w = new FolderWriter(dest, { owners: false });
    await w.dir(meta('/a', 0o755));
    await writeFileEntry(w, '/a/x', 'layer file');
    await w.symlink(meta('/a'), outside);
    const linked = w.hardlink(meta('/b'), '/a/x');
    await expect(linked).rejects.toThrow(ExtractError);
    await expect(linked).rejects.toThrow('cannot link "/b" to "/a/x": /a is not a folder');
    await w.finish();
    await expectOutsideUntouched();
  });

  it('refuses a hardlink whose target lies behind a symlinked parent', async () => {
    const w = new FolderWriter(dest, { owners: false });
    await writeFileEntry(w, '/y', 'layer file');
    await w.symlink(meta('/c'), outside);
    await expect(w.hardlink(meta('/c/z'), '/y')).rejects.toThrow('refusing to extract "/c/z": /c is not a folder');
    expect(await readdir(outside)).toEqual(['x']);
    await expectOutsideUntouched();
  });

  it('refuses a hardlink to a source that is a symlink to a host file', async () => {
    const w = new FolderWriter(dest, { owners: false });
    await w.symlink(meta('/s'), secret);
    await expect(w.hardlink(meta('/b'), '/s')).rejects.toThrow('cannot link "/b" to "/s": it was not extracted as a file');
    await expectOutsideUntouched();
  });

  it('forgets the metadata of a folder a symlink replaced', async () => {
    const w = new FolderWriter(dest, { owners: false });
    await w.dir(meta('/d', 0o700));
    await w.dir(meta('/d/e', 0o700));
    await w.symlink(meta('/d'), outside);
    await w.finish();
    await expectOutsideUntouched();
    expect((await lstat(join(dest, 'd'))).isSymbolicLink()).toBe(true);
  });

  it('does not write through a symlink planted on the temporary name', async () => {
    const w = new FolderWriter(dest, { owners: false });
    await w.symlink(meta(`/.f.partial-${process.pid}`), secret);
    await writeFileEntry(w, '/f', 'staged');
    expect(await readFile(join(dest, 'f'), 'utf8')).toBe('staged');
    await expectOutsideUntouched();
  });

  it('still links a file inside the folder', async () => {
    const w = new FolderWriter(dest, { owners: false });
    await w.dir(meta('/a', 0o755));
    await writeFileEntry(w, '/a/x', 'layer file');
    await w.hardlink(meta('/b'), '/a/x');
    expect((await stat(join(dest, 'b'))).ino).toBe((await stat(join(dest, 'a/x'))).ino);
    await w.finish();
  });
});

test('dataOnly (staging): the data is written, no owner, mode or time is applied, the same guards hold', async () => {
  const w = new FolderWriter(dest, { dataOnly: true, owners: true });
  expect(w.owners).toBe(false);
  await w.dir(meta('/d', 0o700));
  const f = await w.openFile({ ...meta('/d/f', 0o4755), uid: 123, gid: 456 }, undefined);
  await f.write(Buffer.from('data'));
  await f.close();
  await w.symlink(meta('/d/s'), 'f');
  await w.finish();
  const st = await stat(join(dest, 'd', 'f'));
  expect([await readFile(join(dest, 'd', 'f'), 'utf8'), st.mode & 0o7777, st.uid === 123, st.mtimeMs === 1_700_000_000_000]).toEqual([
    'data',
    0o600,
    false,
    false,
  ]);
  expect((await stat(join(dest, 'd'))).mode & 0o777).toBe(0o755);
  expect((await lstat(join(dest, 'd', 's'))).isSymbolicLink()).toBe(true);
  // still no way out through a symlinked folder
  await w.symlink(meta('/out'), outside);
  await expect(writeFileEntry(w, '/out/x', 'overwritten')).rejects.toThrow(ExtractError);
  expect(await readFile(secret, 'utf8')).toBe('host secret');
});

test('staging with a memory stage: a whole file is checked and held under its staging path, not written, while it fits', async () => {
  const memory = new MemoryStage(10);
  const w = new FolderWriter(dest, { dataOnly: true, memory });
  const body = Buffer.from('0123456789');
  await w.writeFile(meta('/opt/a/lib.so'), sha256(body), body);
  expect(memory.get(join(dest, 'opt', 'a', 'lib.so'))).toEqual(body);
  expect(w.bytesWritten).toBe(10);
  await expect(lstat(join(dest, 'opt', 'a', 'lib.so'))).rejects.toMatchObject({ code: 'ENOENT' });
  // no room left: the next one goes to the folder, checked there
  await w.writeFile(meta('/opt/a/b'), sha256(Buffer.from('b')), Buffer.from('b'));
  expect(await readFile(join(dest, 'opt', 'a', 'b'), 'utf8')).toBe('b');
  expect(memory.has(join(dest, 'opt', 'a', 'b'))).toBe(false);
  // damaged data is refused before it is held, with the error the folder gives
  memory.delete(join(dest, 'opt', 'a', 'lib.so'));
  await expect(w.writeFile(meta('/opt/a/c'), sha256(Buffer.from('right')), Buffer.from('wrong'))).rejects.toThrow(
    /"\/opt\/a\/c" has the wrong content \(sha256 [0-9a-f]{64}, the index says [0-9a-f]{64}\)/,
  );
  expect(memory.bytes).toBe(0);
  // a path that leaves the folder is refused before anything is held
  await expect(w.writeFile(meta('/opt/../etc/passwd'), undefined, Buffer.from('x'))).rejects.toThrow(ExtractError);
  expect(memory.bytes).toBe(0);
});

test('staging with a memory stage: a file opened with its size is gathered into room set aside for it, checked, and held; else written', async () => {
  const memory = new MemoryStage(10);
  const w = new FolderWriter(dest, { dataOnly: true, memory });
  const body = Buffer.from('0123456789');
  const f = await w.openFile(meta('/opt/big/lib.so'), sha256(body), 10);
  expect(memory.bytes).toBe(10); // set aside before a byte arrives
  await f.write(body.subarray(0, 4));
  await f.write(body.subarray(4));
  await f.close();
  expect([memory.get(join(dest, 'opt', 'big', 'lib.so')), memory.bytes, w.bytesWritten]).toEqual([body, 10, 10]);
  await expect(lstat(join(dest, 'opt', 'big'))).rejects.toMatchObject({ code: 'ENOENT' });
  // no room left: written to the folder
  const g = await w.openFile(meta('/opt/big/two'), sha256(Buffer.from('ab')), 2);
  await g.write(Buffer.from('ab'));
  await g.close();
  expect(await readFile(join(dest, 'opt', 'big', 'two'), 'utf8')).toBe('ab');
  memory.delete(join(dest, 'opt', 'big', 'lib.so'));
  // damaged, short or long data is refused and its room given back
  const h = await w.openFile(meta('/opt/c'), sha256(Buffer.from('right')), 5);
  await h.write(Buffer.from('wrong'));
  await expect(h.close()).rejects.toThrow(/"\/opt\/c" has the wrong content/);
  const short = await w.openFile(meta('/opt/d'), undefined, 4);
  await short.write(Buffer.from('ab'));
  await expect(short.close()).rejects.toThrow('"/opt/d" has 2 bytes of data, not the 4 the index says; the file was not kept');
  const long = await w.openFile(meta('/opt/e'), undefined, 2);
  await expect(long.write(Buffer.from('abc'))).rejects.toThrow('"/opt/e" has more data than the 2 bytes the index says');
  await long.abort();
  const given = await w.openFile(meta('/opt/f'), undefined, 4);
  await given.abort();
  expect(memory.bytes).toBe(0);
  expect(memory.has(join(dest, 'opt', 'c'))).toBe(false);
  // a path that leaves the folder is refused before room is set aside
  await expect(w.openFile(meta('/opt/../x'), undefined, 1)).rejects.toThrow(ExtractError);
  expect(memory.bytes).toBe(0);
});

test('staging with a memory stage: a file gathered in memory is shown arriving, and told staged, from its open; a damaged one fails its readers', async () => {
  const memory = new MemoryStage(20);
  const told: string[] = [];
  const w = new FolderWriter(dest, { dataOnly: true, memory, onStaged: (p) => told.push(p) });
  const body = Buffer.from('0123456789');
  const at = join(dest, 'opt', 'big', 'lib.so');
  const f = await w.openFile(meta('/opt/big/lib.so'), sha256(body), 10);
  expect(told).toEqual([at]); // before a byte arrives
  const growing = memory.growing(at);
  await f.write(body.subarray(0, 4));
  expect(growing?.data.subarray(0, growing.filled).toString()).toBe('0123');
  expect(memory.get(at)).toBeUndefined(); // not held whole until checked
  await f.write(body.subarray(4));
  await f.close();
  await growing?.done();
  expect([memory.growing(at), memory.get(at)]).toEqual([undefined, body]);

  const bad = join(dest, 'opt', 'big', 'bad');
  const h = await w.openFile(meta('/opt/big/bad'), sha256(Buffer.from('right')), 5);
  const reader = memory.growing(bad)?.done();
  await h.write(Buffer.from('wrong'));
  await expect(h.close()).rejects.toThrow(/"\/opt\/big\/bad" has the wrong content/);
  await expect(reader).rejects.toThrow(/"\/opt\/big\/bad" has the wrong content/);
  const given = await w.openFile(meta('/opt/big/given'), undefined, 2);
  const left = memory.growing(join(dest, 'opt', 'big', 'given'))?.more(0);
  await given.abort();
  await expect(left).rejects.toThrow('"/opt/big/given" was given up before all of its data came');
  expect([memory.growing(bad), memory.bytes]).toEqual([undefined, 10]);
  // a file written to the folder is told once it has its name
  const small = Buffer.from('x');
  await new FolderWriter(dest, { dataOnly: true, onStaged: (p) => told.push(p) }).writeFile(meta('/opt/small'), sha256(small), small);
  expect(told.slice(-1)).toEqual([join(dest, 'opt', 'small')]);
});

test('without dataOnly a memory stage is not used: an extracted file is a file', async () => {
  const memory = new MemoryStage(1 << 20);
  const w = new FolderWriter(dest, { memory, owners: false });
  await w.writeFile(meta('/f'), undefined, Buffer.from('data'));
  expect(await readFile(join(dest, 'f'), 'utf8')).toBe('data');
  expect(memory.bytes).toBe(0);
});
