// Writing layer entries into a folder as tar would: modes, owners (when root), mtimes,
// symlinks, hardlinks. Never through a symlink or above the folder (a layer is not trusted
// to stay inside it): every parent is checked with lstat, hardlink sources included, files and
// folders get their metadata through a descriptor opened with O_NOFOLLOW, each file is checked
// against its sha256 before it takes its name, and folders' modes and mtimes are set last.
import { createHash, type Hash } from 'node:crypto';
import { constants } from 'node:fs';
import { lchown, link, lstat, lutimes, mkdir, open, rename, rm, symlink, unlink } from 'node:fs/promises';
import type { FileHandle } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { GrowingFile, type MemoryStage } from './memory-stage.js';
import type { TarEntry } from './tar-parse.js';

export class ExtractError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ExtractError';
  }
}

/** Metadata an entry is written with (a hardlink copied as a file takes its target's). */
export type EntryMeta = Pick<TarEntry, 'path' | 'mode' | 'uid' | 'gid' | 'mtime'>;

export interface OpenFile {
  write(chunk: Uint8Array): Promise<void>;
  /** Checks the sha256 and gives the file its name and metadata; removes it on a mismatch. */
  close(): Promise<void>;
  abort(): Promise<void>;
}

/** Bytes a path may have: Linux's PATH_MAX less room for the folder it is written under. */
export const MAX_PATH_BYTES = 3072;

/** Rejects paths that would leave the folder (`..`), are not normalised, or are too long to write. */
export function parseSafePath(path: string): string[] {
  const bytes = Buffer.byteLength(path);
  if (bytes > MAX_PATH_BYTES)
    throw new ExtractError(
      `refusing to extract "${path.slice(0, 120)}…": the path is ${bytes} bytes long, too long to write (at most ${MAX_PATH_BYTES})`,
    );
  const parts = path.split('/').filter((p) => p !== '');
  if (!path.startsWith('/') || parts.some((p) => p === '..' || p === '.'))
    throw new ExtractError(`refusing to extract "${path}": it is not a plain absolute path`);
  return parts;
}

/** A file whose data is not what the index says. */
function wrongContent(path: string, got: string, want: string): ExtractError {
  return new ExtractError(
    `"${path}" has the wrong content (sha256 ${got}, the index says ${want}): the data was damaged in transit or the index is stale; the file was not kept`,
  );
}

const { O_CREAT, O_DIRECTORY, O_EXCL, O_NOFOLLOW, O_RDONLY, O_WRONLY } = constants;

export class FolderWriter {
  private readonly safeDirs = new Set<string>();
  private readonly dirMeta = new Map<string, EntryMeta>();
  readonly owners: boolean;
  /**
   * Staging: only the data matters (a tar takes owners, modes and times from the layer index),
   * so none are applied, which saves three calls per file.
   */
  readonly dataOnly: boolean;
  /** Staging: where a whole small file is held instead of written, while it has room. */
  private readonly memory: MemoryStage | undefined;
  /** Told the path of each file, symlink and hardlink once it is in place (held or written). */
  private readonly onStaged: (target: string) => void;
  bytesWritten = 0;

  constructor(
    readonly dest: string,
    opts: { owners?: boolean; dataOnly?: boolean; memory?: MemoryStage; onStaged?: (target: string) => void } = {},
  ) {
    this.dataOnly = opts.dataOnly ?? false;
    this.onStaged = opts.onStaged ?? (() => undefined);
    this.memory = this.dataOnly ? opts.memory : undefined;
    this.owners = !this.dataOnly && (opts.owners ?? process.getuid?.() === 0);
  }

  /**
   * The path in the folder, its parents walked with lstat: each must be a real folder (never a
   * symlink). `create` makes missing parents (for a target); without it (for a hardlink's
   * source) a missing one is refused. `what` names the entry in the error.
   */
  private async place(path: string, create = true, what = `refusing to extract "${path}"`): Promise<string> {
    const parts = parseSafePath(path);
    if (!this.safeDirs.has(this.dest)) {
      await mkdir(this.dest, { recursive: true });
      this.safeDirs.add(this.dest);
    }
    let at = this.dest;
    for (const part of parts.slice(0, -1)) {
      at = join(at, part);
      if (this.safeDirs.has(at)) continue;
      const st = await lstat(at).catch(() => undefined);
      if (!st && !create) throw new ExtractError(`${what}: ${at.slice(this.dest.length)} was not extracted`);
      if (!st)
        await mkdir(at, { mode: 0o755 }).catch((err: NodeJS.ErrnoException) => {
          if (err.code !== 'EEXIST') throw err;
        });
      else if (st.isSymbolicLink() || !st.isDirectory()) throw new ExtractError(`${what}: ${at.slice(this.dest.length)} is not a folder`);
      this.safeDirs.add(at);
    }
    return parts.length ? join(this.dest, ...parts) : this.dest;
  }

  /** Forgets `target` and everything under it: it is gone, or no longer a folder. */
  private forget(target: string): void {
    const under = target + '/';
    for (const d of [...this.safeDirs]) if (d === target || d.startsWith(under)) this.safeDirs.delete(d);
    for (const d of [...this.dirMeta.keys()]) if (d === target || d.startsWith(under)) this.dirMeta.delete(d);
  }

  private async clear(target: string, keepDir: boolean): Promise<void> {
    const st = await lstat(target).catch(() => undefined);
    if (!st || (keepDir && st.isDirectory())) return;
    this.forget(target);
    if (st.isDirectory()) await rm(target, { recursive: true });
    else await unlink(target);
  }

  /** Owner, mode and mtime through an open descriptor: nothing is resolved by path again. */
  private async applyTo(fh: FileHandle, meta: EntryMeta): Promise<void> {
    if (this.dataOnly) return;
    if (this.owners) await fh.chown(meta.uid, meta.gid);
    await fh.chmod(meta.mode & 0o7777); // after chown, which clears setuid
    const t = new Date(meta.mtime * 1000);
    await fh.utimes(t, t);
  }

  async dir(meta: EntryMeta): Promise<void> {
    const target = await this.place(meta.path);
    if (target === this.dest) return;
    await this.clear(target, true);
    await mkdir(target, { recursive: true, mode: 0o755 });
    this.safeDirs.add(target);
    if (!this.dataOnly) this.dirMeta.set(target, meta);
  }

  async symlink(meta: EntryMeta, linkTarget: string): Promise<void> {
    const target = await this.place(meta.path);
    await this.clear(target, false);
    this.forget(target);
    await symlink(linkTarget, target);
    if (!this.dataOnly) {
      if (this.owners) await lchown(target, meta.uid, meta.gid);
      const t = new Date(meta.mtime * 1000);
      await lutimes(target, t, t);
    }
    this.onStaged(target);
  }

  /** A hardlink to a file already written in this folder, reached through real folders only. */
  async hardlink(meta: EntryMeta, existing: string): Promise<void> {
    const what = `cannot link "${meta.path}" to "${existing}"`;
    const from = await this.place(existing, false, what);
    const st = await lstat(from).catch(() => undefined);
    if (!st?.isFile()) throw new ExtractError(`${what}: it was not extracted as a file`);
    const target = await this.place(meta.path);
    await this.clear(target, false);
    await link(from, target); // link(2) does not follow a symlink in its last component either
    this.onStaged(target);
  }

  /** Creates the temporary file, never through a symlink; an occupant of the name is removed. */
  private async createTemp(tmp: string, path: string): Promise<FileHandle> {
    const flags = O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW;
    try {
      return await open(tmp, flags, 0o600);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    }
    await this.clear(tmp, false);
    return await open(tmp, flags, 0o600).catch((err: NodeJS.ErrnoException) => {
      throw new ExtractError(`cannot write "${path}": its temporary file ${tmp.slice(this.dest.length)} is taken (${err.code})`);
    });
  }

  /**
   * Opens a file to be written under a temporary name; `sha256` is the hex it must have. Staging
   * with a memory stage that has room for `size` bytes, it is gathered there instead.
   */
  async openFile(meta: EntryMeta, sha256: string | undefined, size?: number): Promise<OpenFile> {
    if (this.memory && size !== undefined) {
      const held = join(this.dest, ...parseSafePath(meta.path));
      if (this.memory.reserve(size)) return this.heldFile(this.memory, held, meta, sha256, size);
    }
    const target = await this.place(meta.path);
    const tmp = join(dirname(target), `.${target.slice(dirname(target).length + 1)}.partial-${process.pid}`);
    const fh: FileHandle = await this.createTemp(tmp, meta.path);
    const hash: Hash = createHash('sha256');
    let done = false;
    const abort = async () => {
      if (done) return;
      done = true;
      await fh.close().catch(() => undefined);
      await rm(tmp, { force: true });
    };
    return {
      write: async (chunk) => {
        hash.update(chunk);
        await fh.write(chunk);
        this.bytesWritten += chunk.length;
      },
      close: async () => {
        const got = hash.digest('hex');
        if (sha256 !== undefined && got !== sha256) {
          await abort();
          throw wrongContent(meta.path, got, sha256);
        }
        done = true;
        try {
          await this.applyTo(fh, meta);
        } finally {
          await fh.close();
        }
        await this.clear(target, false);
        await rename(tmp, target); // rename(2) replaces a symlink, never writes through it
        this.onStaged(target);
      },
      abort,
    };
  }

  /**
   * A file gathered into room set aside in `memory`, checked like one on disk, then held as
   * `target`, the path it would have. While it arrives, the stage shows it as growing and the
   * staging is told its path at once: a packer may send its bytes on as they come, and ends the
   * file only once it is checked (a failed check fails the packer too).
   */
  private heldFile(memory: MemoryStage, target: string, meta: EntryMeta, sha256: string | undefined, size: number): OpenFile {
    const file = new GrowingFile(Buffer.allocUnsafe(size));
    const hash: Hash = createHash('sha256');
    let done = false;
    const abort = async (why?: Error) => {
      if (done) return;
      done = true;
      file.fail(why ?? new ExtractError(`"${meta.path}" was given up before all of its data came`));
      memory.forget(target, file);
      memory.release(size);
    };
    memory.arrive(target, file);
    this.onStaged(target);
    return {
      write: async (chunk) => {
        if (file.filled + chunk.length > size) {
          const err = new ExtractError(`"${meta.path}" has more data than the ${size} bytes the index says; the file was not kept`);
          await abort(err);
          throw err;
        }
        hash.update(chunk);
        file.grow(chunk);
        this.bytesWritten += chunk.length;
      },
      close: async () => {
        if (done) throw new ExtractError(`"${meta.path}" was closed after it was given up`);
        const got = hash.digest('hex');
        const wrong =
          file.filled !== size
            ? new ExtractError(`"${meta.path}" has ${file.filled} bytes of data, not the ${size} the index says; the file was not kept`)
            : sha256 !== undefined && got !== sha256
              ? wrongContent(meta.path, got, sha256)
              : undefined;
        if (wrong) {
          await abort(wrong);
          throw wrong;
        }
        done = true;
        memory.putReserved(target, file.data);
        file.finish();
      },
      abort,
    };
  }

  /**
   * A whole file at once: written under a temporary name, checked against `sha256`, renamed; or,
   * staging with a memory stage that has room, checked and held there under the path it would have.
   */
  async writeFile(meta: EntryMeta, sha256: string | undefined, data: Buffer): Promise<void> {
    if (this.memory) {
      const got = createHash('sha256').update(data).digest('hex');
      if (sha256 !== undefined && got !== sha256) throw wrongContent(meta.path, got, sha256);
      const target = join(this.dest, ...parseSafePath(meta.path));
      if (this.memory.put(target, data)) {
        this.bytesWritten += data.length;
        this.onStaged(target);
        return;
      }
    }
    const f = await this.openFile(meta, sha256);
    try {
      await f.write(data);
    } catch (err) {
      await f.abort();
      throw err;
    }
    await f.close();
  }

  /** Gives folders their modes and mtimes, deepest first. */
  async finish(): Promise<void> {
    const dirs = [...this.dirMeta.entries()].sort((a, b) => b[0].length - a[0].length);
    for (const [target, meta] of dirs) {
      const fh = await open(target, O_RDONLY | O_DIRECTORY | O_NOFOLLOW).catch((err: NodeJS.ErrnoException) => {
        throw new ExtractError(`cannot set the metadata of folder "${meta.path}": it is no longer a folder (${err.code})`);
      });
      try {
        await this.applyTo(fh, meta);
      } finally {
        await fh.close();
      }
    }
    this.dirMeta.clear();
  }
}
