// Staged files as they arrive, for a packer that runs beside the staging of its part: it waits
// for each file's data before it reads it, so packing, compressing and sending start with the
// first file instead of after the last. A path's wait ends when its data is staged (a large file
// gathered in memory: when it starts arriving, as the packer can follow it there), or when the
// staging ends (every path it stages is there then); when the staging fails, every wait still
// open, and every later one for a path that has not arrived, fails with StagingFailed.

/** The staging a packer waited on failed; `cause` is its error, which the caller reports. */
export class StagingFailed extends Error {
  constructor(cause: unknown) {
    super(`staging failed: ${cause instanceof Error ? cause.message : String(cause)}`, { cause });
    this.name = 'StagingFailed';
  }
}

interface Waiter {
  resolve: () => void;
  reject: (err: StagingFailed) => void;
}

export class Arrivals {
  private readonly arrived = new Set<string>();
  private readonly waiting = new Map<string, Waiter[]>();
  private outcome: { err?: unknown } | undefined;

  /** The data staged at `path` is in place. */
  arrive(path: string): void {
    this.arrived.add(path);
    const waiters = this.waiting.get(path);
    if (!waiters) return;
    this.waiting.delete(path);
    for (const w of waiters) w.resolve();
  }

  /** The staging is over: with `err` when it failed. Later calls change nothing. */
  end(err?: unknown): void {
    if (this.outcome) return;
    this.outcome = err === undefined ? {} : { err };
    for (const waiters of this.waiting.values()) for (const w of waiters) this.settle(w);
    this.waiting.clear();
  }

  /** Resolves once `path`'s data is staged, or the staging is over. */
  wait(path: string): Promise<void> {
    if (this.arrived.has(path)) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const w = { resolve, reject };
      if (this.outcome) return this.settle(w);
      const waiters = this.waiting.get(path);
      if (waiters) waiters.push(w);
      else this.waiting.set(path, [w]);
    });
  }

  private settle(w: Waiter): void {
    const outcome = this.outcome as { err?: unknown };
    if ('err' in outcome) w.reject(new StagingFailed(outcome.err));
    else w.resolve();
  }
}
