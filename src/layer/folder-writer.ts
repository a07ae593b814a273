// Writing layer entries into a folder as tar would: modes, owners (when root), mtimes,
// symlinks, hardlinks. Never through a symlink or above the folder (a layer is not trusted
// to stay inside it), each file checked against its sha256 before it takes its name, and
// folders' modes and mtimes set last, deepest first, as writing into them changes both.
import { createHash, type Hash } from 'node:crypto';
import { chmod, chown, lchown, link, lstat, lutimes, mkdir, open, rename, rm, symlink, unlink, utimes } from 'node:fs/promises';
import type { FileHandle } from 'node:fs/promises';
import { dirname, join } from 'node:path';
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

/** Rejects paths that would leave the folder (`..`) or are not normalised. */
export function parseSafePath(path: string): string[] {
  const parts = path.split('/').filter((p) => p !== '');
  if (!path.startsWith('/') || parts.some((p) => p === '..' || p === '.'))
    throw new ExtractError(`refusing to extract "${path}": it is not a plain absolute path`);
  return parts;
}

export class FolderWriter {
  private readonly safeDirs = new Set<string>();
  private readonly dirMeta = new Map<string, EntryMeta>();
  readonly owners: boolean;
  bytesWritten = 0;

  constructor(
    readonly dest: string,
    opts: { owners?: boolean } = {},
  ) {
    this.owners = opts.owners ?? process.getuid?.() === 0;
  }

  /** The path in the folder, after making its parents (never following a symlink). */
  private async place(path: string): Promise<string> {
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
      if (!st)
        await mkdir(at, { mode: 0o755 }).catch((err: NodeJS.ErrnoException) => {
          if (err.code !== 'EEXIST') throw err;
        });
      else if (st.isSymbolicLink() || !st.isDirectory())
        throw new ExtractError(`refusing to extract "${path}": ${at.slice(this.dest.length)} is not a folder`);
      this.safeDirs.add(at);
    }
    return parts.length ? join(this.dest, ...parts) : this.dest;
  }

  private async clear(target: string, keepDir: boolean): Promise<void> {
    const st = await lstat(target).catch(() => undefined);
    if (!st || (keepDir && st.isDirectory())) return;
    if (st.isDirectory()) await rm(target, { recursive: true });
    else await unlink(target);
  }

  private async apply(target: string, meta: EntryMeta, kind: 'file' | 'dir' | 'symlink'): Promise<void> {
    if (this.owners) await (kind === 'symlink' ? lchown : chown)(target, meta.uid, meta.gid);
    if (kind !== 'symlink') await chmod(target, meta.mode & 0o7777); // after chown, which clears setuid
    const t = new Date(meta.mtime * 1000);
    await (kind === 'symlink' ? lutimes : utimes)(target, t, t);
  }

  async dir(meta: EntryMeta): Promise<void> {
    const target = await this.place(meta.path);
    if (target === this.dest) return;
    await this.clear(target, true);
    await mkdir(target, { recursive: true, mode: 0o755 });
    this.safeDirs.add(target);
    this.dirMeta.set(target, meta);
  }

  async symlink(meta: EntryMeta, linkTarget: string): Promise<void> {
    const target = await this.place(meta.path);
    await this.clear(target, false);
    this.safeDirs.delete(target);
    await symlink(linkTarget, target);
    await this.apply(target, meta, 'symlink');
  }

  /** A hardlink to an entry already written in this folder. */
  async hardlink(meta: EntryMeta, existing: string): Promise<void> {
    const target = await this.place(meta.path);
    const from = join(this.dest, ...parseSafePath(existing));
    const st = await lstat(from).catch(() => undefined);
    if (!st?.isFile()) throw new ExtractError(`cannot link "${meta.path}" to "${existing}": it was not extracted`);
    await this.clear(target, false);
    await link(from, target);
  }

  /** Opens a file to be written under a temporary name; `sha256` is the hex it must have. */
  async openFile(meta: EntryMeta, sha256: string | undefined): Promise<OpenFile> {
    const target = await this.place(meta.path);
    const tmp = join(dirname(target), `.${target.slice(dirname(target).length + 1)}.partial-${process.pid}`);
    const fh: FileHandle = await open(tmp, 'w', 0o600);
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
          throw new ExtractError(
            `"${meta.path}" has the wrong content (sha256 ${got}, the index says ${sha256}): the data was damaged in transit or the index is stale; the file was not kept`,
          );
        }
        done = true;
        await fh.close();
        await this.clear(target, false);
        await this.apply(tmp, meta, 'file');
        await rename(tmp, target);
      },
      abort,
    };
  }

  /** Gives folders their modes and mtimes, deepest first. */
  async finish(): Promise<void> {
    const dirs = [...this.dirMeta.entries()].sort((a, b) => b[0].length - a[0].length);
    for (const [target, meta] of dirs) await this.apply(target, meta, 'dir');
    this.dirMeta.clear();
  }
}
