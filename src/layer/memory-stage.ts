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

export class MemoryStage {
  private readonly files = new Map<string, Buffer>();
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
