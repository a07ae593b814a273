// The pipeline both parallel compressors share: the input cut into chunks of a fixed size, each
// compressed on libuv's thread pool as soon as it is whole, the results passed on in input
// order, at most `inFlight` chunks on their way (memory stays bounded). How a chunk is
// compressed, and what goes before and after them, is the codec's: gzip (parallel-gzip.ts) and
// zstd (parallel-zstd.ts). The output depends on the chunk size, never on the input's pieces or
// how many chunks run at once.
import { Transform, type TransformCallback } from 'node:stream';

export interface ChunkCodec {
  /** Bytes written before the first chunk (gzip's header). */
  head?: Buffer;
  /** Sees every input piece in order, before it is cut (gzip's CRC). */
  see?(piece: Buffer): void;
  /** Starts compressing one chunk; called in input order, so a codec may carry state from one to the next. */
  compress(data: Buffer, last: boolean): Promise<Buffer>;
  /** Bytes written after the last chunk (gzip's trailer). */
  tail?(): Buffer;
}

export function createChunkedCompressor(codec: ChunkCodec, chunkSize: number, inFlight: number): Transform {
  const most = Math.max(1, inFlight);
  const pending: Buffer[] = [];
  let pendingBytes = 0;
  const queue: Promise<Buffer>[] = [];
  const dispatch = (data: Buffer, last: boolean) => {
    const piece = codec.compress(data, last);
    piece.catch(() => undefined); // awaited in order below; not unhandled meanwhile
    queue.push(piece);
  };
  /** Passes compressed chunks on, in order, until at most `keep` are still on their way. */
  const drain = async (out: Transform, keep: number) => {
    while (queue.length > keep) out.push(await queue.shift());
  };
  /**
   * Sends full chunks while more input follows them (only the last one may end the stream),
   * waiting whenever `inFlight` are on their way, so one large input piece is not all at once.
   */
  const cut = async (out: Transform) => {
    while (pendingBytes > chunkSize) {
      dispatch(takeChunk(), false);
      await drain(out, most - 1);
    }
  };
  /** The first `chunkSize` bytes of what is pending, copied only where they span pieces (never a large piece whole). */
  const takeChunk = (): Buffer => {
    const parts: Buffer[] = [];
    for (let need = chunkSize; need > 0;) {
      const first = pending[0];
      if (first.length <= need) {
        parts.push(first);
        pending.shift();
        need -= first.length;
      } else {
        parts.push(first.subarray(0, need));
        pending[0] = first.subarray(need);
        need = 0;
      }
    }
    pendingBytes -= chunkSize;
    return parts.length === 1 ? parts[0] : Buffer.concat(parts, chunkSize);
  };
  return new Transform({
    construct(cb) {
      if (codec.head) this.push(codec.head);
      cb();
    },
    transform(chunk: Buffer, _enc, cb: TransformCallback) {
      codec.see?.(chunk);
      pending.push(chunk);
      pendingBytes += chunk.length;
      // Holds the writer while too many chunks are on their way.
      cut(this).then(() => cb(), cb);
    },
    flush(cb: TransformCallback) {
      dispatch(Buffer.concat(pending, pendingBytes), true);
      drain(this, 0).then(() => {
        if (codec.tail) this.push(codec.tail());
        cb();
      }, cb);
    },
  });
}
