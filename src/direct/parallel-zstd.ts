// zstd on every core: the input cut into chunks of 4 MiB, each compressed on libuv's thread pool
// into a zstd frame of its own (content size and checksum in its header and end), the frames
// joined in order. A zstd stream is any number of frames one after another (RFC 8878, section
// 3.1), which every reader takes, Docker's and containerd's included. Chunks do not see each
// other, so the ratio is a little under one stream's at the same level; the bytes depend only on
// the chunk size and the level, never on how many cores did the work, so a layer keeps its
// digest from machine to machine.
import type { Transform } from 'node:stream';
import { createChunkedCompressor } from './chunked-compress.js';
import type { ZstdBinding } from '../util/zstd.js';

/** 4 MiB: the window zstd's fast levels use, so a chunk loses little by not seeing the one before. */
export const ZSTD_CHUNK = 4 << 20;

export interface ParallelZstdOptions {
  level: number;
  /** zlib's zstd (util/zstd.ts), or a stand-in. */
  zstd: Pick<ZstdBinding, 'zstdCompress' | 'constants'>;
  /** Bytes of input per frame; default ZSTD_CHUNK. */
  chunkSize?: number;
  /** Chunks being compressed at once; default 4. */
  inFlight?: number;
}

export function createParallelZstd(opts: ParallelZstdOptions): Transform {
  const { zstd } = opts;
  const params = { [zstd.constants.ZSTD_c_compressionLevel]: opts.level, [zstd.constants.ZSTD_c_checksumFlag]: 1 };
  const frame = (data: Buffer) =>
    new Promise<Buffer>((resolve, reject) => zstd.zstdCompress(data, { params }, (err, out) => (err ? reject(err) : resolve(out))));
  // Only the last chunk can be empty (an empty input): one empty frame, so a layer is never zero bytes.
  return createChunkedCompressor({ compress: (data) => frame(data) }, opts.chunkSize ?? ZSTD_CHUNK, opts.inFlight ?? 4);
}
