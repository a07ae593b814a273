// Measures what native zlib does on every core of this machine, for the CPU floor: one worker
// thread per core deflates a sample at the compose's level for a while, then all inflate it.
import { cpus } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { ZlibRates } from './floors.js';

// Plain CommonJS, run with eval: no loader needed in the worker.
const WORKER = `
const { parentPort, workerData } = require('node:worker_threads');
const zlib = require('node:zlib');
const { sample, level, mode, ms } = workerData;
const input = Buffer.from(sample);
const packed = mode === 'inflate' ? zlib.gzipSync(input, { level }) : undefined;
let bytes = 0;
const t0 = performance.now();
while (performance.now() - t0 < ms) {
  if (mode === 'deflate') { zlib.gzipSync(input, { level }); bytes += input.length; }
  else { zlib.gunzipSync(packed); bytes += packed.length; }
}
parentPort.postMessage({ bytes, seconds: (performance.now() - t0) / 1000 });
`;

async function allCores(sample: Buffer, level: number, mode: 'deflate' | 'inflate', cores: number, ms: number): Promise<number> {
  const results = await Promise.all(
    Array.from(
      { length: cores },
      () =>
        new Promise<{ bytes: number; seconds: number }>((resolve, reject) => {
          const w = new Worker(WORKER, { eval: true, workerData: { sample, level, mode, ms } });
          w.once('message', resolve);
          w.once('error', reject);
        }),
    ),
  );
  return results.reduce((sum, r) => sum + r.bytes / r.seconds, 0);
}

/** Rates on `cores` workers (default: every core), each phase about `ms` long. */
export async function measureZlibRates(sample: Buffer, level: number, cores = cpus().length, ms = 1500): Promise<ZlibRates> {
  if (!sample.length) throw new Error('zlib rates: the sample is empty');
  const deflate = await allCores(sample, level, 'deflate', cores, ms);
  const inflate = await allCores(sample, level, 'inflate', cores, ms);
  return { level, cores, deflate: Math.round(deflate), inflate: Math.round(inflate) };
}
