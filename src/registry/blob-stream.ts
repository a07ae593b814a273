// Reading a blob body that survives dropped connections: when the body stops early (reset,
// stall, truncation), it is asked again with a Range that starts at the first byte not yet
// received, so nothing is read twice and the reader sees one continuous stream. A whole blob
// is hashed on the way and fails at its end when the bytes do not match the digest.
import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';
import type { ReadableStream as WebReadableStream } from 'node:stream/web';
import { describeNetworkError } from './network-error.js';
import { backoffMs } from './retry.js';
import { sleep } from '../util/timing.js';

export interface BodyAnswer {
  res: Response;
  /** Aborts the request, so a stalled body errors instead of hanging. */
  abort: (reason: Error) => void;
}

export interface ResumableRead {
  /** First byte wanted. */
  start: number;
  /** Last byte wanted (inclusive); undefined = to the end of the blob. */
  end?: number;
  /** sha256:… to check a whole blob against. */
  digest?: string;
  retries: number;
  /** Longest wait for the next piece of body before the connection counts as dropped. */
  idleMs: number;
  /** Opens the body from byte `from` (a Range request when from > 0 or end is set). */
  open: (from: number) => Promise<BodyAnswer>;
  /** Makes the error the reader sees (the caller words it and keeps secrets out). */
  fail: (message: string) => Error;
  backoff?: (attempt: number) => number;
}

/** The first byte a 206 answer holds, from `Content-Range: bytes a-b/n`. */
export function parseContentRangeStart(header: string | null): number | undefined {
  const m = /^bytes (\d+)-\d+\/(?:\d+|\*)$/.exec(header?.trim() ?? '');
  return m ? Number(m[1]) : undefined;
}

async function* bodyChunks(answer: BodyAnswer, idleMs: number): AsyncGenerator<Buffer> {
  if (!answer.res.body) return;
  const body = Readable.fromWeb(answer.res.body as unknown as WebReadableStream<Uint8Array>);
  let timer: NodeJS.Timeout | undefined;
  const arm = () => {
    clearTimeout(timer);
    timer = setTimeout(() => answer.abort(new Error(`no data for ${idleMs} ms`)), idleMs);
  };
  try {
    // Only the wait for the network counts, not the time the reader takes with a piece.
    arm();
    for await (const chunk of body) {
      clearTimeout(timer);
      yield chunk as Buffer;
      arm();
    }
  } finally {
    clearTimeout(timer);
    body.destroy();
  }
}

/**
 * The body of `first` and, after each drop, of a request resumed where it broke. Only a
 * failure of the network read is resumed: an error the reader throws in (a stream destroyed
 * with an error throws it into this generator at its `yield`) ends the read, with no request.
 */
export async function* readResumable(first: BodyAnswer, r: ResumableRead): AsyncGenerator<Buffer> {
  const hash = r.digest ? createHash('sha256') : undefined;
  // A whole blob's length comes from the first answer, so a clean early close is noticed too.
  const length = Number(first.res.headers.get('content-length') ?? NaN);
  const want = r.end !== undefined ? r.end - r.start + 1 : first.res.status === 200 && length >= 0 ? length - r.start : undefined;
  const backoff = r.backoff ?? backoffMs;
  let received = 0;
  let answer = first;
  let failures = 0;
  for (;;) {
    // Range ignored on a resume: the bytes already had come again first.
    let skip = received > 0 && answer.res.status === 200 ? r.start + received : 0;
    const body = bodyChunks(answer, r.idleMs);
    let broke: { cause: unknown } | undefined;
    try {
      for (;;) {
        const step = await body.next().catch((cause: unknown) => void (broke = { cause }));
        if (!step || step.done) break;
        let chunk = step.value;
        if (skip > 0) {
          const n = Math.min(skip, chunk.length);
          skip -= n;
          chunk = chunk.subarray(n);
          if (chunk.length === 0) continue;
        }
        if (want !== undefined && received + chunk.length > want) chunk = chunk.subarray(0, want - received);
        received += chunk.length;
        failures = 0;
        hash?.update(chunk);
        yield chunk;
        if (want !== undefined && received === want) break;
      }
    } finally {
      await body.return(undefined);
    }
    if (!broke && want !== undefined && received < want) broke = { cause: new Error(`the body ended after ${received} of ${want} bytes`) };
    if (!broke) break;
    if (++failures > r.retries) {
      const why = describeNetworkError(broke.cause, 'the registry');
      throw r.fail(`the connection broke ${failures} times in a row, last: ${why}`);
    }
    await sleep(backoff(failures));
    answer = await r.open(r.start + received);
  }
  if (hash && r.digest && `sha256:${hash.digest('hex')}` !== r.digest) {
    throw r.fail(`the bytes received do not match the digest ${r.digest}`);
  }
}
