// Packing one part into a tar (a build-context file the Dockerfile ADDs, or the layer the
// direct assembly writes): metadata from the layer index, file data from staging, each staged
// file removed once packed, so staging and tar never both hold a part whole. Staged data is
// opened without following a symlink: a layer's symlink never makes a host file part of a tar.
import { constants, createWriteStream } from 'node:fs';
import { lstat, open, readlink, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { pack } from 'tar-stream';
import type { Header } from 'tar-stream';
import { parseSafePath } from '../layer/folder-writer.js';
import { type GrowingFile, type MemoryStage, WHOLE_FILE } from '../layer/memory-stage.js';
import type { PlainEntryType, TarEntry } from '../layer/tar-parse.js';

/** One entry of a part's tar. `stage` is where a regular file's verified data lies. */
export type PackEntry = Pick<TarEntry, 'path' | 'mode' | 'uid' | 'gid' | 'mtime' | 'size' | 'target'> & {
  type: PlainEntryType;
  stage?: string;
};

export interface PackResult {
  entries: number;
  /** Bytes of the tar. */
  bytes: number;
}

const tarName = (path: string) => parseSafePath(path).join('/');

/** An entry's tar header: metadata from the layer index, nothing of the host. Pure. */
function header(e: PackEntry, type: Header['type'], extra: { size?: number; linkname?: string } = {}): Header {
  return {
    name: tarName(e.path) + (type === 'directory' ? '/' : ''),
    type,
    mode: e.mode & 0o7777,
    uid: e.uid,
    gid: e.gid,
    uname: '',
    gname: '',
    mtime: new Date(Math.round(e.mtime * 1000)),
    size: 0,
    linkname: '',
    devmajor: 0,
    devminor: 0,
    pax: null,
    ...extra,
  };
}

export interface PackOptions {
  /** Keep each staged file once packed (default: remove it). */
  keepStaged?: boolean;
  /** Counts the file data packed. */
  onData?: (bytes: number) => void;
  /** Where staged files may be held instead of written. */
  memory?: MemoryStage;
  /** Waits until a staged path's data is in place (a packer beside the staging of its part); default: it is. */
  ready?: (stage: string) => Promise<void>;
}

/**
 * Writes `entries` as a tar to `out`: folders, files and symlinks in path order, then
 * hardlinks (as links when their target is in this tar, else as copies of their data). Each
 * staged file is removed once packed, unless `keepStaged`. The same entries give the same bytes. Resolves once
 * `out` has taken the whole tar (for a file: once it is closed).
 */
export async function packTo(entries: readonly PackEntry[], out: NodeJS.WritableStream, opts: PackOptions = {}): Promise<PackResult> {
  const { memory } = opts;
  const ready = opts.ready ?? (() => Promise.resolve());
  const done = async (stage: string) => {
    if (!opts.keepStaged) await unstage(stage, memory);
  };
  const tar = pack();
  /**
   * One entry of the tar. When the tar is torn down mid-entry (the upload it feeds failed), each
   * open or waiting entry is destroyed with that error, which the tar's own pipeline reports:
   * an entry's copy of it must not go unheard, or it is thrown as an unhandled 'error' event.
   */
  const entry = (h: Header, data?: Buffer, done?: (err?: Error | null) => void) =>
    (data ? tar.entry(h, data, done) : tar.entry(h)).on('error', () => undefined);
  let bytes = 0;
  tar.on('data', (c: unknown) => (bytes += (c as Buffer).length));
  const writing = pipeline(tar, out);
  /** A regular file's data from the staging folder; `size` from the descriptor when not given (a hardlink's copy). */
  const addFile = (e: PackEntry, source: string, size?: number) =>
    packStagedFile(e, source, size, (n) => entry(header(e, 'file', { size: n })) as unknown as NodeJS.WritableStream, opts.onData);
  /** A regular file whose whole data is at hand. */
  const addData = async (e: PackEntry, data: Buffer): Promise<void> => {
    opts.onData?.(data.length);
    await new Promise<void>((resolve, reject) =>
      entry(header(e, 'file', { size: data.length }), data, (err) => (err ? reject(err) : resolve())),
    );
  };
  /**
   * A regular file's staged data: held whole or arriving in the memory stage, else in the staging
   * folder. Its size is `e.size`, checked; a hardlink's copy (`copy`) takes its data's.
   */
  const addStaged = async (e: PackEntry, stage: string, copy = false): Promise<void> => {
    const whole = memory?.get(stage);
    const growing = whole ? undefined : memory?.growing(stage);
    const f: PackEntry = { ...e, type: 'file', size: (copy ? (whole?.length ?? growing?.data.length) : undefined) ?? e.size };
    if (whole) await addData(f, held(f, memory) as Buffer);
    else if (growing)
      await pipeline(arriving(f, growing, opts.onData), entry(header(f, 'file', { size: f.size })) as unknown as NodeJS.WritableStream);
    else await addFile(f, stage, copy ? undefined : e.size);
  };
  const packedFiles = new Set<string>();
  const links: PackEntry[] = [];
  const sorted = [...entries].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  // Small files are read ahead, several at once and in order, so the tar does not wait on one
  // open and read after another; a large one is streamed when its turn comes.
  const ahead = new ReadAhead(sorted, async (e) => {
    if (e.stage) await ready(e.stage);
    return readSmall(e, memory);
  });
  const produce = async () => {
    for (const [i, e] of sorted.entries()) {
      if (e.type === 'link') links.push(e);
      else if (e.type === 'dir') entry(header(e, 'directory'));
      else if (e.type === 'symlink') entry(header(e, 'symlink', { linkname: e.target ?? '' }));
      else {
        if (!e.stage) throw new Error(`no data staged for "${e.path}"`);
        await ready(e.stage);
        // a small file comes from the read-ahead; a large one from the memory stage (whole or
        // still arriving) or the staging folder
        const data = await ahead.take(i);
        if (data) await addData(e, data);
        else await addStaged(e, e.stage);
        await done(e.stage);
        packedFiles.add(e.path);
      }
    }
    for (const e of links) {
      if (e.target && packedFiles.has(e.target)) {
        entry(header(e, 'link', { linkname: tarName(e.target) }));
        continue;
      }
      if (!e.stage) throw new Error(`no data staged for the hardlink "${e.path}"`);
      await ready(e.stage);
      const inMemory = memory?.has(e.stage) || memory?.growing(e.stage);
      if (!inMemory && (await lstat(e.stage).catch(() => undefined))?.isSymbolicLink()) {
        // A hardlink to a symlink is staged as that symlink: packed as one, never followed.
        entry(header({ ...e, mode: 0o777 }, 'symlink', { linkname: await readlink(e.stage) }));
      } else {
        await addStaged(e, e.stage, true);
        await done(e.stage);
      }
    }
    tar.finalize();
  };
  try {
    await Promise.all([produce(), writing]);
  } catch (err) {
    tar.destroy();
    throw err;
  }
  return { entries: entries.length, bytes };
}

/**
 * The file data packTo will read for `entries` (regular files, and hardlinks copied because
 * their target is not in the tar), so its progress has a total; a copy's size comes from
 * `copySize` (a piece's index), else from what is staged.
 */
export async function readPackedDataSize(
  entries: readonly PackEntry[],
  memory?: MemoryStage,
  copySize?: (e: PackEntry) => number,
): Promise<number> {
  const files = new Set(entries.filter((e) => e.type === 'file').map((e) => e.path));
  let total = 0;
  for (const e of entries) {
    if (e.type === 'file') total += e.size;
    else if (e.type === 'link' && !(e.target && files.has(e.target)) && e.stage)
      total += copySize?.(e) ?? (await readStagedSize(e.stage, memory));
  }
  return total;
}

/** A hardlink copy's staged size: held, or a file on disk (never followed: one staged as a symlink has no data). */
async function readStagedSize(stage: string, memory?: MemoryStage): Promise<number> {
  const held = memory?.get(stage);
  if (held) return held.length;
  const st = await lstat(stage);
  return st.isFile() ? st.size : 0;
}

/** Files read ahead at once, and the bytes they may hold in all. */
const AHEAD_FILES = 16;
const AHEAD_BYTES = 16 << 20;

/** A regular file's data from the staging folder into the entry `open` makes for its size (the descriptor's, when not given). */
async function packStagedFile(
  e: PackEntry,
  source: string,
  size: number | undefined,
  open: (size: number) => NodeJS.WritableStream,
  onData?: (bytes: number) => void,
): Promise<void> {
  const fh = await openStaged(source, e.path);
  try {
    const sink = open(size ?? (await fh.stat()).size);
    const data = fh.createReadStream({ autoClose: false });
    if (onData) data.on('data', (c) => onData(c.length));
    await pipeline(data, sink);
  } finally {
    await fh.close();
  }
}

/**
 * A large file still arriving into the memory stage: its bytes as they come, and the end only
 * once the file is complete and checked (a failed check fails the read, and so the tar).
 */
function arriving(e: PackEntry, file: GrowingFile, onData?: (bytes: number) => void): Readable {
  if (file.data.length !== e.size) throw new Error(`the staged data of "${e.path}" is ${file.data.length} bytes, not ${e.size}`);
  async function* pieces(): AsyncGenerator<Buffer> {
    for (let sent = 0; sent < e.size;) {
      await file.more(sent);
      const piece = file.data.subarray(sent, file.filled);
      sent = file.filled;
      onData?.(piece.length);
      yield piece;
    }
    await file.done();
  }
  return Readable.from(pieces(), { objectMode: false });
}

/** A file's data as the memory stage holds it, its size checked; undefined when it holds none. */
function held(e: PackEntry, memory: MemoryStage | undefined): Buffer | undefined {
  const data = e.stage ? memory?.get(e.stage) : undefined;
  if (data && data.length !== e.size) throw new Error(`the staged data of "${e.path}" is ${data.length} bytes, not ${e.size}`);
  return data;
}

/** A small regular file's staged data (held in memory, or read), its size checked; undefined for what is streamed instead. */
async function readSmall(e: PackEntry, memory?: MemoryStage): Promise<Buffer | undefined> {
  if (!e.stage) return undefined;
  const data = held(e, memory);
  if (data) return data;
  const fh = await openStaged(e.stage, e.path);
  try {
    const data = await fh.readFile();
    if (data.length !== e.size) throw new Error(`the staged data of "${e.path}" is ${data.length} bytes, not ${e.size}`);
    return data;
  } finally {
    await fh.close();
  }
}

/**
 * Reads small files' data ahead of their turn, in order: at most AHEAD_FILES reads and
 * AHEAD_BYTES at once. `take(i)` waits for entry i's data: undefined for an entry that is not
 * a small file (streamed instead, or no data).
 */
class ReadAhead {
  private readonly reads = new Map<number, Promise<Buffer | undefined>>();
  private next = 0;
  private bytes = 0;
  constructor(
    private readonly entries: readonly PackEntry[],
    private readonly read: (e: PackEntry) => Promise<Buffer | undefined>,
  ) {}

  private small(i: number): boolean {
    const e = this.entries[i];
    return e.type === 'file' && e.stage !== undefined && e.size <= WHOLE_FILE;
  }

  private fill(from: number): void {
    this.next = Math.max(this.next, from);
    while (this.next < this.entries.length && this.reads.size < AHEAD_FILES) {
      const i = this.next;
      if (this.small(i)) {
        const size = this.entries[i].size;
        if (this.reads.size > 0 && this.bytes + size > AHEAD_BYTES) break;
        this.bytes += size;
        const read = this.read(this.entries[i]);
        read.catch(() => undefined); // taken in order; not unhandled meanwhile
        this.reads.set(i, read);
      }
      this.next++;
    }
  }

  async take(i: number): Promise<Buffer | undefined> {
    this.fill(i);
    const read = this.reads.get(i);
    if (!read) return undefined;
    this.reads.delete(i);
    try {
      return await read;
    } finally {
      this.bytes -= this.entries[i].size;
      this.fill(i + 1);
    }
  }
}

/** Lets go of a packed file's staged data: held in memory, or on disk (a hardlink staged to it keeps the data). */
export async function unstage(stage: string, memory: MemoryStage | undefined): Promise<void> {
  if (memory?.has(stage)) memory.delete(stage);
  else await rm(stage, { force: true });
}

/** Opens a staged regular file for reading, refusing a symlink or anything but a file. */
async function openStaged(source: string, path: string) {
  const fh = await open(source, constants.O_RDONLY | constants.O_NOFOLLOW).catch((err: NodeJS.ErrnoException) => {
    throw new Error(`the staged data of "${path}" cannot be read (${err.code === 'ELOOP' ? 'it is a symlink' : `${err.code}: ${source}`})`);
  });
  if (!(await fh.stat()).isFile()) {
    await fh.close();
    throw new Error(`the staged data of "${path}" is not a regular file`);
  }
  return fh;
}

/** packTo a tar file `dest` (removed when packing fails). */
export async function packEntries(entries: readonly PackEntry[], dest: string): Promise<PackResult> {
  try {
    return await packTo(entries, createWriteStream(dest));
  } catch (err) {
    await rm(dest, { force: true });
    throw err;
  }
}

/** Where an entry of a layer is staged: `<stage>/<layer digest hex>/<path>`. */
export function stagePath(stageRoot: string, digest: string, path: string): string {
  return join(stageRoot, digest.replace(/^[a-z0-9]+:/, ''), ...parseSafePath(path));
}
