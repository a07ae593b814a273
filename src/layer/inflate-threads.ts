// Runs the index pass's inflate on a worker thread, so inflating one layer and parsing its tar
// (or inflating another layer) use two cores instead of one. The worker is the bundled
// dist/worker/index.js; run from the sources, where there is none, the inflate stays on the
// calling thread, as it does for small layers (a worker costs a few milliseconds to start).
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { type InflateResult, inflateWithCheckpoints } from './gzip-index.js';
import { type Endpoint, type FromInflater, type ToInflater, inflateAcross } from './inflate-port.js';

/** The bundled worker beside this bundle (dist/index.js) or one folder up (dist/cli/index.js). */
function workerFile(): string | undefined {
  const here = dirname(fileURLToPath(import.meta.url));
  return [join(here, 'worker', 'index.js'), join(here, '..', 'worker', 'index.js')].find((f) => existsSync(f));
}

/** Looked for once per process. */
let bundled: { file?: string } | undefined;

/** inflateWithCheckpoints on a worker thread running `file` (or here, when there is no bundled worker). */
export async function inflateOffThread(
  source: AsyncIterable<Uint8Array>,
  spacing: number,
  onOutput: (data: Uint8Array, offset: number) => void | Promise<void>,
  file = (bundled ??= { file: workerFile() }).file,
): Promise<InflateResult> {
  if (!file) return inflateWithCheckpoints(source, spacing, onOutput);
  const worker = new Worker(file);
  const lost = new Promise<never>((_, reject) => {
    worker.once('error', reject);
    worker.once('exit', (code) => reject(new Error(`the inflate worker exited (code ${code})`)));
  });
  try {
    return await inflateAcross(worker as Endpoint<FromInflater, ToInflater>, spacing, source, onOutput, lost);
  } finally {
    await worker.terminate();
  }
}
