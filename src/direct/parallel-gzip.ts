// gzip on every core, as pigz does it: the input is cut into chunks of a fixed size, each
// deflated on libuv's thread pool with the 32 kB of input before it as its dictionary and
// ended on a byte boundary (a sync flush; the last one finishes the stream), and the pieces are
// joined in order under one gzip header and one trailer (CRC-32 and size of the whole input).
// The result is one ordinary gzip member, which every reader reads, this project's own index
// included, at a ratio within a fraction of a percent of a single deflate. Its bytes depend
// only on the chunk size and the level, never on how many cores did the work, so a layer keeps
// its digest from machine to machine. A chunk that does not compress (already compressed data,
// noise) is stored (level 0): deflate at level 6 spends most of its time on such data to save
// nothing. Whether a chunk is stored depends only on its bytes, so the digest stays fixed.
import type { Transform } from 'node:stream';
import { promisify } from 'node:util';
import { constants, crc32, deflateRaw } from 'node:zlib';
import { createChunkedCompressor } from './chunked-compress.js';

const deflateChunk = promisify(deflateRaw);

/** 1 MiB: big enough that each chunk's sync-flush marker and fresh block cost nothing. */
export const GZIP_CHUNK = 1 << 20;
/** deflate's window: what a chunk may refer back to. */
const WINDOW = 32 * 1024;

/**
 * zlib's output buffer for a chunk of this many bytes: room for all of it at once, so its
 * result comes back in one callback instead of one per 16 KiB (zlib's default, which cost the
 * main thread about a second per 250 MB). deflate's worst case is the input plus 5 bytes per
 * 16 KiB stored block; stored blocks are as large as this buffer lets them be, so it is part of
 * what the bytes depend on, and depends only on the chunk's length. Pure.
 */
export function outputRoom(length: number): number {
  return length + (length >> 10) + 1024;
}

/** Shannon entropy, in bits per byte, of every 16th byte of `data`. Pure. */
export function sampledEntropy(data: Buffer): number {
  const counts = new Uint32Array(256);
  let n = 0;
  for (let i = 0; i < data.length; i += 16, n++) counts[data[i]]++;
  let bits = 0;
  for (const c of counts) if (c > 0) bits -= (c / n) * Math.log2(c / n);
  return bits;
}

/** Entropy above which a chunk may be noise, and the share a quick deflate of its start must save. */
const NOISE_BITS = 7.97;
const TRIAL_BYTES = 64 * 1024;
const WORTH_SAVING = 0.02;

/**
 * Whether deflating `data` would save nothing worth its time: its sampled entropy is near
 * 8 bits and a level-1 deflate of its first 64 KiB saves under 2 %. Both must agree, as one
 * alone is fooled (entropy by long repeats of high-entropy blocks, the trial by a chunk whose
 * start alone is noise).
 */
export async function looksIncompressible(data: Buffer): Promise<boolean> {
  if (data.length < TRIAL_BYTES || sampledEntropy(data) < NOISE_BITS) return false;
  const trial = await deflateChunk(data.subarray(0, TRIAL_BYTES), { level: 1, chunkSize: outputRoom(TRIAL_BYTES) });
  return trial.length > TRIAL_BYTES * (1 - WORTH_SAVING);
}

/**
 * The gzip header (RFC 1952): deflate, no name, no time, the level's XFL as zlib writes it,
 * and OS 255 (unknown) on every machine. Pure.
 */
export function gzipHeader(level: number): Buffer {
  const xfl = level === 9 ? 2 : level < 2 ? 4 : 0;
  return Buffer.from([0x1f, 0x8b, 8, 0, 0, 0, 0, 0, xfl, 0xff]);
}

/** The trailer: CRC-32 and the input's size modulo 2^32, both little-endian. Pure. */
export function gzipTrailer(crc: number, size: number): Buffer {
  const t = Buffer.alloc(8);
  t.writeUInt32LE(crc >>> 0, 0);
  t.writeUInt32LE(size % 2 ** 32, 4);
  return t;
}

export interface ParallelGzipOptions {
  level: number;
  /** Bytes of input per chunk; default GZIP_CHUNK. */
  chunkSize?: number;
  /** Chunks being deflated at once (memory: about twice this many chunks); default 4. */
  inFlight?: number;
}

export function createParallelGzip(opts: ParallelGzipOptions): Transform {
  let dictionary: Buffer = Buffer.alloc(0);
  let crc = 0;
  let size = 0;
  return createChunkedCompressor(
    {
      head: gzipHeader(opts.level),
      see(piece) {
        crc = crc32(piece, crc);
        size += piece.length;
      },
      compress(data, last) {
        const options = {
          chunkSize: outputRoom(data.length),
          finishFlush: last ? constants.Z_FINISH : constants.Z_SYNC_FLUSH,
          ...(dictionary.length ? { dictionary } : {}),
        };
        // the next chunk's dictionary: the last 32 kB of everything so far
        const seen = data.length >= WINDOW ? data : Buffer.concat([dictionary, data]);
        dictionary = seen.subarray(Math.max(0, seen.length - WINDOW));
        if (opts.level === 0) return deflateChunk(data, { ...options, level: 0 });
        return looksIncompressible(data).then((stored) => deflateChunk(data, { ...options, level: stored ? 0 : opts.level }));
      },
      tail: () => gzipTrailer(crc, size),
    },
    opts.chunkSize ?? GZIP_CHUNK,
    opts.inFlight ?? 4,
  );
}
