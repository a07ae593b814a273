// One sequential inflate of a gzip stream that records where it can be entered again later
// (checkpoints at deflate block boundaries, zlib's zran.c technique), with zlib's own inflate
// built as WebAssembly (zlib-wasm.ts), which stops at block boundaries and tells the bit
// position there. docs/seekable-index.md.
import { WasmInflate, Z_BLOCK, Z_BUF_ERROR, Z_NEED_DICT, Z_STREAM_END } from './zlib-wasm.js';

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
/** Input copied into the inflater at a time. */
const INPUT_CHUNK = 64 * 1024;

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
  // 15 + 32: a 32 KiB window, gzip or zlib header detected (as zran.c does)
  const z = new WasmInflate(47, INPUT_CHUNK, OUTPUT_CHUNK);
  const ring = new WindowRing();
  const checkpoints: Checkpoint[] = [];
  let consumed = 0; // compressed bytes before the input in the inflater
  let inOff = 0; // of that input, bytes inflate took
  let inLeft = 0;
  let outUsed = 0; // of the output buffer, bytes handed out
  let produced = 0;
  let lastPoint = -Infinity;
  let ended = false;
  let padding = 0; // zero bytes seen after the end of the stream (its trailer is inflate's)

  /** One inflate call up to the next block boundary; its output handed on. */
  const step = async (): Promise<number> => {
    if (outUsed === OUTPUT_CHUNK) outUsed = 0;
    const ret = z.step(inOff, inLeft, outUsed, Z_BLOCK);
    if (ret === Z_NEED_DICT || ret < 0) {
      if (ret === Z_BUF_ERROR /* no progress possible */) return ret;
      throw new GzipIndexError(
        `not a valid gzip stream at byte ${consumed + inOff + inLeft - z.availIn}: ${z.message || `inflate error ${ret}`}`,
      );
    }
    inOff += inLeft - z.availIn;
    inLeft = z.availIn;
    const got = OUTPUT_CHUNK - outUsed - z.availOut;
    if (got > 0) {
      const out = z.output(outUsed, outUsed + got);
      outUsed += got;
      ring.push(out);
      await onOutput(out, produced);
      produced += got;
    }
    const type = z.dataType;
    if (ret === Z_STREAM_END) ended = true;
    // After a block (128), not after the last one (64): a place to enter the stream again.
    else if ((type & 128) !== 0 && (type & 64) === 0 && (produced === 0 || produced - lastPoint >= spacing)) {
      checkpoints.push({ in: consumed + inOff, bits: type & 7, out: produced, window: ring.snapshot() });
      lastPoint = produced;
    }
    return ret;
  };

  try {
    for await (const chunk of source) {
      for (let at = 0; at < chunk.length; at += INPUT_CHUNK) {
        const piece = chunk.subarray(at, at + INPUT_CHUNK);
        if (ended) {
          padding = checkTrailing(piece, padding);
          consumed += piece.length;
          continue;
        }
        z.setInput(piece);
        [inOff, inLeft] = [0, piece.length];
        // on while input is left, or while the output buffer filled up (inflate may hold more)
        while (!ended && (inLeft > 0 || outUsed === OUTPUT_CHUNK)) if ((await step()) === Z_BUF_ERROR) break;
        if (ended) padding = checkTrailing(piece.subarray(inOff), padding);
        consumed += piece.length;
        [inOff, inLeft] = [0, 0];
      }
    }
    // Output the inflater still holds once the input is all in.
    for (let i = 0; !ended && i < 64; i++) if ((await step()) === Z_BUF_ERROR) break;
  } finally {
    z.end();
  }
  if (!ended) throw new GzipIndexError(`the gzip stream is truncated (${consumed} bytes read)`);
  return { checkpoints, compressedSize: consumed, uncompressedSize: produced };
}
