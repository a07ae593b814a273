// Peak extra disk during a run: the space in use on the file systems that hold the engine's
// data folder and our temporary folders, sampled while the run goes, minus the first sample.
// statfs(2) reads a file system's counters without walking it, so sampling costs nothing the
// run would feel; `du` over the engine's folder took 0.28 s of CPU per sample on the test bed,
// half a core at two samples a second, and slowed every scenario it measured. A file system is
// counted once however many of the folders it holds, so is a file linked from two of them.
import { readdir, stat, statfs } from 'node:fs/promises';
import { join } from 'node:path';

/** The largest growth over the first sample (never below 0); 0 for fewer than two samples. */
export function peakGrowth(samples: number[]): number {
  if (samples.length < 2) return 0;
  return Math.max(0, ...samples.slice(1).map((s) => s - samples[0]));
}

/** Bytes in use on the file systems holding `folders`, each once; undefined when none can be read. */
export async function measureFolders(folders: string[]): Promise<number | undefined> {
  const devices = new Set<number>();
  let used: number | undefined;
  for (const folder of folders) {
    const st = await stat(folder).catch(() => undefined);
    if (!st || devices.has(st.dev)) continue;
    devices.add(st.dev);
    const fs = await statfs(folder).catch(() => undefined);
    if (fs) used = (used ?? 0) + (fs.blocks - fs.bfree) * fs.bsize;
  }
  return used;
}

/** Samples the folders back to back, at most every `intervalMs`, until stopped. */
export class DiskSampler {
  private samples: number[] = [];
  private running = false;
  private loop: Promise<void> = Promise.resolve();

  constructor(
    readonly folders: string[],
    readonly intervalMs = 200,
  ) {}

  /** Takes the first sample (the reference) before returning. */
  async start(): Promise<void> {
    this.samples = [];
    const first = await measureFolders(this.folders);
    if (first !== undefined) this.samples.push(first);
    this.running = true;
    this.loop = (async () => {
      while (this.running) {
        const t = Date.now();
        const v = await measureFolders(this.folders);
        if (v !== undefined && this.running) this.samples.push(v);
        await new Promise((r) => setTimeout(r, Math.max(0, this.intervalMs - (Date.now() - t))));
      }
    })();
  }

  /** Takes a last sample and returns all of them. */
  async stop(): Promise<number[]> {
    this.running = false;
    await this.loop;
    const last = await measureFolders(this.folders);
    if (last !== undefined) this.samples.push(last);
    return this.samples;
  }
}

/** Bytes of the files in `dir` (not below it) whose names end in `suffix`; 0 when it is missing. */
export async function bytesOfFiles(dir: string, suffix: string): Promise<number> {
  const names = await readdir(dir).catch(() => [] as string[]);
  let total = 0;
  for (const name of names) {
    if (!name.endsWith(suffix)) continue;
    const s = await stat(join(dir, name)).catch(() => undefined);
    if (s?.isFile()) total += s.size;
  }
  return total;
}
