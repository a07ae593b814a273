// Peak extra disk during a run: the total size of the engine's data folder and our temporary
// folders, sampled while the run goes, minus the first sample. `du -sbxc` is spawned with an
// argument array: -x stays on one file system (a running container's rootfs is mounted under
// the engine's folder and would be counted twice), -c prints one total, so a file
// hard-linked from two of the folders counts once.
import { spawn } from 'node:child_process';
import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';

/** The total line of `du -sbxc DIR…` ("12345\ttotal"); undefined when there is none. */
export function parseDuTotal(stdout: string): number | undefined {
  const lines = stdout.trim().split('\n').reverse();
  for (const l of lines) {
    const m = /^(\d+)\s+total$/.exec(l.trim());
    if (m) return Number(m[1]);
  }
  return undefined;
}

/** The largest growth over the first sample (never below 0); 0 for fewer than two samples. */
export function peakGrowth(samples: number[]): number {
  if (samples.length < 2) return 0;
  return Math.max(0, ...samples.slice(1).map((s) => s - samples[0]));
}

/** One `du` measurement of all folders; undefined when du printed no total. */
export function measureFolders(folders: string[]): Promise<number | undefined> {
  return new Promise((resolve) => {
    // Files vanish under a running build: du then exits 1 but still prints the total.
    const child = spawn('du', ['-sbxc', '--', ...folders], { stdio: ['ignore', 'pipe', 'ignore'] });
    let out = '';
    child.stdout.on('data', (c: Buffer) => (out += c.toString('utf8')));
    child.on('error', () => resolve(undefined));
    child.on('close', () => resolve(parseDuTotal(out)));
  });
}

/** Samples the folders back to back, at most every `intervalMs`, until stopped. */
export class DiskSampler {
  private samples: number[] = [];
  private running = false;
  private loop: Promise<void> = Promise.resolve();

  constructor(
    readonly folders: string[],
    readonly intervalMs = 500,
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
