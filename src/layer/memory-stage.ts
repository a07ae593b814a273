// Files' checked data held in memory instead of the staging folder, up to a byte budget: a part
// of thousands of small files (a runtime dependency set) is then packed without a create,
// write, close and rename per file on the way in and an open, read, close and remove on the way
// out, each of which waits on libuv's thread pool; a large file (a backend's library) is then
// not written out in pieces and read back in pieces. Keyed by the path the file would have in
// the staging folder, so a packer asks for it as it would open it.

/**
 * Files up to this size are handled whole: a range gathers one and writes (or holds) it at once,
 * and a packer reads one ahead of its turn. A larger one is written, or gathered into room
 * reserve() sets aside, piece by piece as its range inflates.
 */
export const WHOLE_FILE = 1 << 20;

/**
 * A large file still arriving into room the stage set aside: its bytes so far, which a packer
 * may send on while the rest comes, and whether it is complete (checked) or failed.
 */
export class GrowingFile {
  filled = 0;
  private complete = false;
  private failure: Error | undefined;
  private waiters: Array<() => void> = [];

  constructor(readonly data: Buffer) {}

  /** Appends `chunk` (the caller keeps within the file's size). */
  grow(chunk: Uint8Array): void {
    this.data.set(chunk, this.filled);
    this.filled += chunk.length;
    this.wake();
  }

  /** All of it is in and checked. */
  finish(): void {
    this.complete = true;
    this.wake();
  }

  /** It will not be complete: every wait for it fails with `err`. */
  fail(err: Error): void {
    this.failure ??= err;
    this.wake();
  }

  /** Resolves once more than `from` bytes are in, or the file is complete; rejects once it failed. */
  more(from: number): Promise<void> {
    return this.until(() => this.filled > from);
  }

  /** Resolves once the file is complete and checked; rejects once it failed. */
  done(): Promise<void> {
    return this.until(() => false);
  }

  /** Waits until `ready()` or the file is complete; rejects once it failed. */
  private async until(ready: () => boolean): Promise<void> {
    while (!ready() && !this.complete && !this.failure) await new Promise<void>((r) => this.waiters.push(r));
    if (this.failure) throw this.failure;
  }

  private wake(): void {
    const waiters = this.waiters;
    this.waiters = [];
    for (const w of waiters) w();
  }
}

export class MemoryStage {
  private readonly files = new Map<string, Buffer>();
  private readonly arriving = new Map<string, GrowingFile>();
  private held = 0;

  /** `budget`: the most bytes held at once; a file that does not fit goes to disk instead. */
  constructor(readonly budget: number) {}

  /** Bytes held now. */
  get bytes(): number {
    return this.held;
  }

  /** Holds `data` as the file at `path` (replacing one held there); false when it does not fit. */
  put(path: string, data: Buffer): boolean {
    const before = this.files.get(path)?.length ?? 0;
    if (this.held - before + data.length > this.budget) return false;
    this.files.set(path, data);
    this.held += data.length - before;
    return true;
  }

  /** Sets room aside for a file that arrives in pieces; false when it does not fit. */
  reserve(bytes: number): boolean {
    if (this.held + bytes > this.budget) return false;
    this.held += bytes;
    return true;
  }

  /** Gives back room reserve() set aside, for a file that will not be held. */
  release(bytes: number): void {
    this.held -= bytes;
  }

  /** Holds `data` as the file at `path` in the room reserve() set aside for it (replacing one held there). */
  putReserved(path: string, data: Buffer): void {
    const before = this.files.get(path)?.length ?? 0;
    this.files.set(path, data);
    this.held -= before;
    this.arriving.delete(path);
  }

  /** Shows `file`, gathered into room reserve() set aside, as arriving at `path` until putReserved() or forget(). */
  arrive(path: string, file: GrowingFile): void {
    this.arriving.set(path, file);
  }

  /** The file arriving at `path`, until it is held whole or given up. */
  growing(path: string): GrowingFile | undefined {
    return this.arriving.get(path);
  }

  /** No longer shows the file arriving at `path` (it was given up). */
  forget(path: string, file: GrowingFile): void {
    if (this.arriving.get(path) === file) this.arriving.delete(path);
  }

  get(path: string): Buffer | undefined {
    return this.files.get(path);
  }

  has(path: string): boolean {
    return this.files.has(path);
  }

  /** Lets go of the file at `path`, if held. */
  delete(path: string): void {
    const data = this.files.get(path);
    if (!data) return;
    this.files.delete(path);
    this.held -= data.length;
  }
}
