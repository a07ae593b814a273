// The index pass's inflate on another thread: the worker runs inflateWithCheckpoints (zlib as
// WebAssembly, for the checkpoints) and sends its output back in batches; the calling thread reads the blob and
// parses the tar. Both directions are bounded: at most IN_AHEAD input pieces and OUT_AHEAD
// output batches are on their way, so a slow consumer slows the read instead of buffering.
// The two sides speak over anything that carries messages in order (a worker, a MessagePort).
import { type InflateResult, GzipIndexError, inflateWithCheckpoints } from './gzip-index.js';

/** Input batches sent and not yet taken by the inflater; a batch gathers at least IN_BATCH bytes of pieces. */
const IN_AHEAD = 4;
const IN_BATCH = 512 * 1024;
/** Output batches sent and not yet consumed; each holds up to OUT_BATCH bytes. */
const OUT_AHEAD = 4;
const OUT_BATCH = 1 << 20;

export type ToInflater = { kind: 'start'; spacing: number } | { kind: 'in'; data: Uint8Array } | { kind: 'end' } | { kind: 'credit' };

export type FromInflater =
  | { kind: 'taken' }
  | { kind: 'out'; data: Uint8Array; offset: number }
  | { kind: 'done'; result: InflateResult }
  | { kind: 'error'; name: string; message: string };

/** One end of the conversation: a Worker, the worker's parentPort or a MessagePort. */
export interface Endpoint<In, Out> {
  postMessage(message: Out, transfer?: ArrayBuffer[]): void;
  on(event: 'message', listener: (message: In) => void): unknown;
  off(event: 'message', listener: (message: In) => void): unknown;
}

/** A promise and its resolve, for waits that another callback ends. */
function signal(): { wait: Promise<void>; wake: () => void } {
  let wake = () => {};
  const wait = new Promise<void>((resolve) => (wake = resolve));
  return { wait, wake };
}

/**
 * Credits for a bounded number of things in flight: take() waits while `limit` are out,
 * give() returns one, and close() ends every wait (the conversation is over).
 */
export function credit(limit: number) {
  let out = 0;
  let closed = false;
  let waiter = signal();
  return {
    async take(): Promise<boolean> {
      while (!closed && out >= limit) await waiter.wait;
      out++;
      return !closed;
    },
    give(): void {
      out = Math.max(0, out - 1);
      const w = waiter;
      waiter = signal();
      w.wake();
    },
    close(): void {
      closed = true;
      waiter.wake();
    },
  };
}

/** The worker's side: inflates what comes, sends the output in batches and the result at the end. */
export function serveInflate(port: Endpoint<ToInflater, FromInflater>): void {
  const pieces: Uint8Array[] = [];
  let ended = false;
  let arrived = signal();
  const outCredit = credit(OUT_AHEAD);
  async function* input(): AsyncGenerator<Uint8Array> {
    for (;;) {
      const piece = pieces.shift();
      if (piece) {
        port.postMessage({ kind: 'taken' });
        yield piece;
      } else if (ended) return;
      else await arrived.wait;
    }
  }
  let batch = new Uint8Array(OUT_BATCH);
  let filled = 0;
  let batchOffset = 0;
  const send = async () => {
    if (filled === 0) return;
    await outCredit.take();
    const data = batch.subarray(0, filled);
    port.postMessage({ kind: 'out', data, offset: batchOffset }, [data.buffer as ArrayBuffer]);
    batch = new Uint8Array(OUT_BATCH);
    batchOffset += filled;
    filled = 0;
  };
  const run = async (spacing: number) => {
    try {
      const result = await inflateWithCheckpoints(input(), spacing, async (out) => {
        for (let at = 0; at < out.length;) {
          const n = Math.min(out.length - at, OUT_BATCH - filled);
          batch.set(out.subarray(at, at + n), filled);
          filled += n;
          at += n;
          if (filled === OUT_BATCH) await send();
        }
      });
      await send();
      port.postMessage({ kind: 'done', result });
    } catch (err) {
      const e = err instanceof Error ? err : new Error(String(err));
      port.postMessage({ kind: 'error', name: e.name, message: e.message });
    }
  };
  port.on('message', (m: ToInflater) => {
    if (m.kind === 'start') void run(m.spacing);
    else if (m.kind === 'credit') outCredit.give();
    else {
      if (m.kind === 'in') pieces.push(m.data);
      else ended = true;
      const a = arrived;
      arrived = signal();
      a.wake();
    }
  });
}

/** The error the other side reported, as the class this side's callers check for. */
function errorFrom(m: { name: string; message: string }): Error {
  if (m.name === 'GzipIndexError') return new GzipIndexError(m.message);
  const e = new Error(m.message);
  e.name = m.name;
  return e;
}

/** A batch of pieces copied into one buffer of its own, which is transferred. */
function join(gathered: Uint8Array[], bytes: number): Uint8Array<ArrayBuffer> {
  const data = new Uint8Array(bytes);
  let at = 0;
  for (const g of gathered) {
    data.set(g, at);
    at += g.length;
  }
  return data;
}

/**
 * Reads `source` and sends it on, a credit per batch. A message costs tens of microseconds on
 * each side, so network pieces (often 16-64 KiB) are gathered into batches of IN_BATCH. Once
 * the conversation has failed the read stops and the source is closed.
 */
async function pump(
  port: Endpoint<FromInflater, ToInflater>,
  source: AsyncIterable<Uint8Array>,
  inCredit: ReturnType<typeof credit>,
  failed: () => boolean,
  fail: (err: unknown) => void,
): Promise<void> {
  const it = source[Symbol.asyncIterator]();
  try {
    for (let done = false; !done;) {
      if (!(await inCredit.take())) return;
      const gathered: Uint8Array[] = [];
      let bytes = 0;
      while (bytes < IN_BATCH) {
        const next = await it.next();
        if (failed()) return;
        if (next.done) {
          done = true;
          break;
        }
        gathered.push(next.value);
        bytes += next.value.length;
      }
      if (bytes > 0) {
        const data = join(gathered, bytes);
        port.postMessage({ kind: 'in', data }, [data.buffer]);
      }
    }
  } catch (err) {
    fail(err);
  } finally {
    if (failed()) await it.return?.().catch(() => undefined);
    else port.postMessage({ kind: 'end' });
  }
}

/**
 * The calling thread's side: sends `source` to the inflater on the other end and hands its
 * output to `onOutput` in order, awaiting each call. It settles only once the read of the
 * source has stopped, so a failure never leaves a read running behind the caller's back.
 * `lost` rejects when the other end is gone (a worker that exited).
 */
export async function inflateAcross(
  port: Endpoint<FromInflater, ToInflater>,
  spacing: number,
  source: AsyncIterable<Uint8Array>,
  onOutput: (data: Uint8Array, offset: number) => void | Promise<void>,
  lost: Promise<never> = new Promise<never>(() => {}),
): Promise<InflateResult> {
  const inCredit = credit(IN_AHEAD);
  let failure: { err: unknown } | undefined;
  let result: InflateResult | undefined;
  const finished = signal();
  const fail = (err: unknown) => {
    failure ??= { err };
    inCredit.close();
    finished.wake();
  };
  // Output is consumed one batch after another, in the order it came.
  let chain: Promise<void> = Promise.resolve();
  const listener = (m: FromInflater) => {
    if (m.kind === 'taken') inCredit.give();
    else if (m.kind === 'error') fail(errorFrom(m));
    else if (m.kind === 'out')
      chain = chain.then(async () => {
        if (failure) return;
        try {
          await onOutput(m.data, m.offset);
          port.postMessage({ kind: 'credit' });
        } catch (err) {
          fail(err);
        }
      });
    else
      chain = chain.then(() => {
        result = m.result;
        finished.wake();
      });
  };
  port.on('message', listener);
  lost.catch(fail);
  try {
    port.postMessage({ kind: 'start', spacing });
    await Promise.all([pump(port, source, inCredit, () => failure !== undefined, fail), finished.wait]);
    await chain;
  } finally {
    port.off('message', listener);
  }
  if (failure) throw failure.err;
  return result as InflateResult;
}
