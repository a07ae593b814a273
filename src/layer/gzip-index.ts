// One sequential inflate of a gzip stream that records where it can be entered again later
// (checkpoints at deflate block boundaries, zlib's zran.c technique), with pako, whose inflate
// stops at block boundaries and tells the bit position there. docs/seekable-index.md.
import { ZStream, Z_BLOCK, Z_NEED_DICT, Z_OK, Z_STREAM_END, zlibInflate, zlibInflateInit2 } from 'pako';

export const WINDOW_SIZE = 32 * 1024;

export interface Checkpoint {
  /** Compressed offset: bytes of the blob consumed (the last one partly, when bits > 0). */
  in: number;
  /** Bits of byte `in - 1` that belong to the next block (its high bits); 0 = byte-aligned. */
  bits: number;
  /** Uncompressed offset. */
  out: number;
  /** The output just before `out`, at most 32 KiB. */
  window: Uint8Array;
}

export class GzipIndexError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'GzipIndexError';
  }
}

/** The last 32 KiB of output, kept as a ring so checkpoints can copy it out. */
class WindowRing {
  private readonly ring = new Uint8Array(WINDOW_SIZE);
  private pos = 0;
  private filled = 0;

  push(data: Uint8Array): void {
    if (data.length >= WINDOW_SIZE) {
      this.ring.set(data.subarray(data.length - WINDOW_SIZE));
      this.pos = 0;
      this.filled = WINDOW_SIZE;
      return;
    }
    const first = Math.min(data.length, WINDOW_SIZE - this.pos);
    this.ring.set(data.subarray(0, first), this.pos);
    this.ring.set(data.subarray(first), 0);
    this.pos = (this.pos + data.length) % WINDOW_SIZE;
    this.filled = Math.min(WINDOW_SIZE, this.filled + data.length);
  }

  snapshot(): Uint8Array {
    const out = new Uint8Array(this.filled);
    if (this.filled < WINDOW_SIZE) out.set(this.ring.subarray(0, this.filled));
    else {
      out.set(this.ring.subarray(this.pos));
      out.set(this.ring.subarray(0, this.pos), WINDOW_SIZE - this.pos);
    }
    return out;
  }
}

export interface InflateResult {
  checkpoints: Checkpoint[];
  compressedSize: number;
  uncompressedSize: number;
}

const OUTPUT_CHUNK = 256 * 1024;

/** An inflater with its first output buffer; 15 + 32: a 32 KiB window, gzip or zlib header detected (as zran.c does). */
function startInflate(): ZStream {
  const strm = new ZStream();
  if (zlibInflateInit2(strm, 47) !== Z_OK) throw new GzipIndexError('cannot start inflate');
  strm.output = new Uint8Array(OUTPUT_CHUNK);
  strm.next_out = 0;
  strm.avail_out = OUTPUT_CHUNK;
  return strm;
}

/** Zero bytes allowed after the end of the gzip stream (range reads rely on this bound). */
export const MAX_PADDING = 32 * 1024;

/**
 * Bytes after the end of the gzip stream: some zero padding is harmless; another gzip member
 * is refused, as entering a later member needs its own header handling, which layers do not
 * use, and so is more padding than MAX_PADDING.
 */
function checkTrailing(bytes: Uint8Array, before: number): number {
  if (bytes.some((b) => b !== 0)) throw new GzipIndexError('data after the end of the gzip stream (multi-member gzip is not supported)');
  const padding = before + bytes.length;
  if (padding > MAX_PADDING)
    throw new GzipIndexError(`${padding} bytes of padding after the gzip stream (at most ${MAX_PADDING} are accepted)`);
  return padding;
}

/**
 * Inflates a gzip stream, handing each piece of output to `onOutput` (the piece is reused
 * afterwards: copy what you keep) and awaiting it, so a slow consumer slows the read.
 */
export async function inflateWithCheckpoints(
  source: AsyncIterable<Uint8Array>,
  spacing: number,
  onOutput: (data: Uint8Array, offset: number) => void | Promise<void>,
): Promise<InflateResult> {
  if (!(spacing > 0)) throw new GzipIndexError(`checkpoint spacing must be positive, not ${spacing}`);
  const strm = startInflate();
  const ring = new WindowRing();
  const checkpoints: Checkpoint[] = [];
  let consumed = 0; // compressed bytes before the current input chunk
  let produced = 0;
  let lastPoint = -Infinity;
  let ended = false;
  let padding = 0; // zero bytes seen after the end of the stream (its trailer is inflate's)

  const step = async (): Promise<number> => {
    if (strm.avail_out === 0) {
      strm.next_out = 0;
      strm.avail_out = OUTPUT_CHUNK;
    }
    const from = strm.next_out;
    const ret = zlibInflate(strm, Z_BLOCK);
    if (ret === Z_NEED_DICT || ret < 0) {
      if (ret === -5 /* Z_BUF_ERROR: no progress possible */) return ret;
      throw new GzipIndexError(`not a valid gzip stream at byte ${consumed + strm.next_in}: ${strm.msg || `inflate error ${ret}`}`);
    }
    const out = strm.output.subarray(from, strm.next_out);
    if (out.length > 0) {
      ring.push(out);
      await onOutput(out, produced);
      produced += out.length;
    }
    if (ret === Z_STREAM_END) ended = true;
    // After a block (128), not after the last one (64): a place to enter the stream again.
    else if ((strm.data_type & 128) !== 0 && (strm.data_type & 64) === 0 && (produced === 0 || produced - lastPoint >= spacing)) {
      checkpoints.push({ in: consumed + strm.next_in, bits: strm.data_type & 7, out: produced, window: ring.snapshot() });
      lastPoint = produced;
    }
    return ret;
  };

  for await (const chunk of source) {
    if (ended) {
      padding = checkTrailing(chunk, padding);
      consumed += chunk.length;
      continue;
    }
    strm.input = chunk;
    strm.next_in = 0;
    strm.avail_in = chunk.length;
    while (!ended && (strm.avail_in > 0 || strm.avail_out === 0)) {
      const ret = await step();
      if (ret === -5) break;
    }
    if (ended) padding = checkTrailing(chunk.subarray(strm.next_in), padding);
    consumed += chunk.length;
  }
  // Output the inflater still holds once the input is all in.
  strm.avail_in = 0;
  for (let i = 0; !ended && i < 64; i++) if ((await step()) === -5) break;
  if (!ended) throw new GzipIndexError(`the gzip stream is truncated (${consumed} bytes read)`);
  return { checkpoints, compressedSize: consumed, uncompressedSize: produced };
}
