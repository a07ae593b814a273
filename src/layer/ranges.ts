// Extracting chosen entries of a layer by HTTP Range requests, with its index: each file's
// data is read from the checkpoint before it to the one after it, nearby reads merged into
// one, inflated by Node's zlib primed with the checkpoint's 32 KiB window, and every file
// checked against the sha256 the index recorded. The rest of the layer is never fetched.
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { constants, createInflateRaw } from 'node:zlib';
import { planPrimeBytes } from './deflate-prime.js';
import { ExtractError, type EntryMeta, FolderWriter, type OpenFile } from './folder-writer.js';
import { type Checkpoint, MAX_PADDING } from './gzip-index.js';
import { WHOLE_FILE } from './memory-stage.js';
import type { TarEntry } from './tar-parse.js';
import type { ImageRef } from '../oci/reference.js';
import type { RegistryClient } from '../registry/client.js';
import { type LayerIndex } from './index-format.js';
import type { Transfer } from '../util/progress.js';

export { ExtractError } from './folder-writer.js';

/** Whole files (WHOLE_FILE) written at once: 16 MiB at most. */
const SMALL_WRITES = 16;
/** Inflated bytes per chunk: a large file is written in 256 KiB calls instead of zlib's 16 KiB. */
const INFLATE_CHUNK = 256 * 1024;

/** A file to write: data from `source` (a regular file of the layer), metadata of `meta`. */
export interface DataJob {
  source: TarEntry;
  meta: EntryMeta;
}

export interface RangePlan {
  /** Compressed bytes to fetch, inclusive. */
  start: number;
  end: number;
  checkpoint: Checkpoint;
  jobs: DataJob[];
}

/** The last checkpoint at or before uncompressed offset `out`. */
function checkpointBefore(cps: Checkpoint[], out: number): Checkpoint {
  let lo = 0;
  let hi = cps.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (cps[mid].out <= out) lo = mid;
    else hi = mid - 1;
  }
  return cps[lo];
}

/** The last compressed byte needed to inflate up to uncompressed offset `out`. */
function compressedEnd(index: LayerIndex, out: number): number {
  const after = index.checkpoints.find((c) => c.out >= out);
  // The checkpoint's block starts in byte in-1 (bits > 0) or at byte in: one byte beyond.
  return after ? Math.min(after.in, index.compressedSize - 1) : index.compressedSize - 1;
}

/** Ranges to fetch for the jobs, those at most `gap` compressed bytes apart merged. Pure. */
export function planRanges(index: LayerIndex, jobs: DataJob[], gap = 512 * 1024): RangePlan[] {
  if (index.checkpoints.length === 0) throw new ExtractError(`the index of ${index.digest} has no checkpoints`);
  const sorted = jobs.filter((j) => j.source.size > 0).sort((a, b) => a.source.offset - b.source.offset);
  const plans: RangePlan[] = [];
  for (const job of sorted) {
    const cp = checkpointBefore(index.checkpoints, job.source.offset);
    const start = cp.in - (cp.bits > 0 ? 1 : 0);
    const end = compressedEnd(index, job.source.offset + job.source.size);
    const last = plans[plans.length - 1];
    if (last && start <= last.end + gap) {
      last.end = Math.max(last.end, end);
      last.jobs.push(job);
    } else plans.push({ start, end, checkpoint: cp, jobs: [job] });
  }
  return plans;
}

/** Replaces the first byte of a range that starts mid-byte by bytes that prime the inflater. */
async function* primed(body: AsyncIterable<Buffer>, cp: Checkpoint): AsyncGenerator<Buffer> {
  let first = cp.bits > 0;
  for await (const chunk of body) {
    if (first && chunk.length > 0) {
      first = false;
      yield Buffer.from(planPrimeBytes(cp.bits, chunk[0]));
      if (chunk.length > 1) yield chunk.subarray(1);
    } else yield chunk;
  }
}

/**
 * Bytes at the end of a layer written to the inflater in one piece. Node's inflater ends its
 * output at the end of the deflate stream and fails on any write after that, so everything
 * from the end of the deflate stream on (the gzip trailer and up to MAX_PADDING zeros) must come
 * in the same write; the deflate stream ends within the last 8 + MAX_PADDING bytes.
 */
const TAIL_BYTES = MAX_PADDING + 32 * 1024;

/** The body as it comes, but its last TAIL_BYTES joined into one piece. */
async function* joinedTail(body: AsyncIterable<Buffer>): AsyncGenerator<Buffer> {
  const held: Buffer[] = [];
  let heldBytes = 0;
  for await (const chunk of body) {
    held.push(chunk);
    heldBytes += chunk.length;
    while (held.length > 1 && heldBytes - held[0].length >= TAIL_BYTES) {
      const first = held.shift() as Buffer;
      heldBytes -= first.length;
      yield first;
    }
  }
  if (held.length) yield held.length === 1 ? held[0] : Buffer.concat(held);
}

export interface ExtractStats {
  ranges: number;
  /** Compressed bytes received from the registry. */
  bytesFetched: number;
  /** Uncompressed bytes of file data written. */
  bytesWritten: number;
  files: number;
}

/** Writes running beside a stream, at most `limit` at once; the first failure is thrown by add or done. */
function boundedWrites(limit: number) {
  const running = new Set<Promise<void>>();
  let failed: { err: unknown } | undefined;
  const settled = () => Promise.all(running).then(() => undefined);
  return {
    async add(write: Promise<void>): Promise<void> {
      const w: Promise<void> = write.then(
        () => undefined,
        (err: unknown) => void (failed ??= { err }),
      );
      running.add(w);
      void w.finally(() => running.delete(w));
      if (running.size >= limit) await Promise.race(running);
      if (failed) throw failed.err;
    },
    async done(): Promise<void> {
      await settled();
      if (failed) throw failed.err;
    },
    settled,
  };
}

/** Fetches one planned range and writes the files whose data it holds; its bytes are counted into `transfer` too. */
export async function fetchRange(
  client: RegistryClient,
  ref: ImageRef,
  index: LayerIndex,
  plan: RangePlan,
  writer: FolderWriter,
  stats: ExtractStats,
  transfer?: Transfer,
): Promise<void> {
  const body = await client.blobStream(ref, index.digest, { start: plan.start, end: plan.end });
  const counted = async function* () {
    for await (const chunk of body as AsyncIterable<Buffer>) {
      stats.bytesFetched += chunk.length;
      transfer?.add(chunk.length);
      yield chunk;
    }
  };
  const reachesEnd = plan.end >= index.compressedSize - 1;
  const window = plan.checkpoint.window;
  const inflater = createInflateRaw({
    finishFlush: constants.Z_SYNC_FLUSH,
    chunkSize: INFLATE_CHUNK,
    ...(window.length ? { dictionary: window } : {}),
  });
  const jobs = [...plan.jobs];
  // A large file is streamed to its open file; a small one is gathered and written whole beside
  // the stream, several at a time, so thousands of small files do not wait on each other's
  // open, write, close and rename.
  const open: Array<{ job: DataJob; end: number } & ({ file: OpenFile } | { whole: Buffer })> = [];
  const writes = boundedWrites(SMALL_WRITES);
  const writeWhole = (job: DataJob, data: Buffer) =>
    writes.add(writer.writeFile(job.meta, job.source.sha256, data).then(() => void stats.files++));
  let next = 0;
  let pos = plan.checkpoint.out;
  const what = `bytes ${plan.start}-${plan.end} of layer ${index.digest}`;
  try {
    await pipeline(
      Readable.from(primed(reachesEnd ? joinedTail(counted()) : counted(), plan.checkpoint), { objectMode: false }),
      inflater,
      async (out: AsyncIterable<Buffer>) => {
        for await (const chunk of out) {
          const chunkEnd = pos + chunk.length;
          while (next < jobs.length && jobs[next].source.offset < chunkEnd) {
            const job = jobs[next++];
            const end = job.source.offset + job.source.size;
            // a small file's data is copied once, into a buffer of its size
            if (job.source.size <= WHOLE_FILE) open.push({ job, end, whole: Buffer.allocUnsafe(job.source.size) });
            else open.push({ job, end, file: await writer.openFile(job.meta, job.source.sha256, job.source.size) });
          }
          for (let i = 0; i < open.length; i++) {
            const o = open[i];
            const from = Math.max(pos, o.job.source.offset);
            const to = Math.min(chunkEnd, o.end);
            if (to > from) {
              if ('file' in o) await o.file.write(chunk.subarray(from - pos, to - pos));
              else o.whole.set(chunk.subarray(from - pos, to - pos), from - o.job.source.offset);
            }
            if (o.end <= chunkEnd) {
              open.splice(i--, 1);
              if ('file' in o) {
                await o.file.close();
                stats.files++;
              } else await writeWhole(o.job, o.whole);
            }
          }
          pos = chunkEnd;
        }
      },
    );
    await writes.done();
  } catch (err) {
    await Promise.all([...open.map((o) => ('file' in o ? o.file.abort() : undefined)), writes.settled()]);
    if (err instanceof ExtractError) throw err;
    const why = err instanceof Error ? err.message : String(err);
    throw new ExtractError(`${what} could not be read (${why}): the data was damaged in transit or the index is stale`);
  }
  if (open.length || next < jobs.length) {
    await Promise.all(open.map((o) => ('file' in o ? o.file.abort() : undefined)));
    throw new ExtractError(`${what} ended before ${(open[0]?.job ?? jobs[next]).meta.path} was complete`);
  }
}
