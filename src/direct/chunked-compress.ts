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
  let pending: Buffer[] = [];
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
  /** Sends full chunks while more input follows them: only the last one may end the stream. */
  const cut = () => {
    while (pendingBytes > chunkSize) {
      const joined = pending.length === 1 ? pending[0] : Buffer.concat(pending, pendingBytes);
      dispatch(joined.subarray(0, chunkSize), false);
      const rest = joined.subarray(chunkSize);
      pending = [rest];
      pendingBytes = rest.length;
    }
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
      cut();
      // Hold the writer while too many chunks are on their way.
      drain(this, most - 1).then(() => cb(), cb);
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
