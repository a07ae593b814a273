// The index pass's inflater, zlib built as WebAssembly, against pako (the JavaScript port it
// replaced): the same output and the same checkpoints (compressed offset, bit position, output
// offset, window) on streams of every kind of block, fed in pieces of any size; each checkpoint
// entered again with Node's zlib gives the output from there on.
import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';
import { constants, deflateRawSync, gzipSync, inflateRawSync } from 'node:zlib';
import { ZStream, Z_BLOCK, Z_OK, Z_STREAM_END, zlibInflate, zlibInflateInit2 } from 'pako';
import { type Checkpoint, inflateWithCheckpoints } from '../../../src/layer/gzip-index.js';
import { planPrimeBytes } from '../../../src/layer/deflate-prime.js';
import { WasmInflate } from '../../../src/layer/zlib-wasm.js';
import { ZLIB_WASM_BASE64, ZLIB_WASM_SHA256 } from '../../../src/layer/zlib-wasm-module.js';
import { noise } from '../../helpers/layer-tar.js';

/** What pako's inflate reports, stepping by Z_BLOCK as the index pass did with it. */
function pakoCheckpoints(gz: Buffer, spacing: number): { checkpoints: Checkpoint[]; out: Buffer } {
  const strm = new ZStream();
  expect(zlibInflateInit2(strm, 47)).toBe(Z_OK);
  const outs: Buffer[] = [];
  const checkpoints: Checkpoint[] = [];
  let produced = 0;
  let last = -Infinity;
  strm.input = gz;
  strm.next_in = 0;
  strm.avail_in = gz.length;
  for (;;) {
    strm.output = new Uint8Array(1 << 16);
    strm.next_out = 0;
    strm.avail_out = strm.output.length;
    const ret = zlibInflate(strm, Z_BLOCK);
    expect(ret).toBeGreaterThanOrEqual(0);
    const out = Buffer.from(strm.output.subarray(0, strm.next_out));
    outs.push(out);
    produced += out.length;
    if (ret === Z_STREAM_END) break;
    if ((strm.data_type & 128) !== 0 && (strm.data_type & 64) === 0 && (produced === 0 || produced - last >= spacing)) {
      const all = Buffer.concat(outs);
      checkpoints.push({
        in: strm.next_in,
        bits: strm.data_type & 7,
        out: produced,
        window: all.subarray(Math.max(0, all.length - 32768)),
      });
      last = produced;
    }
  }
  return { checkpoints, out: Buffer.concat(outs) };
}

/** Text-like data: words of a small vocabulary and random numbers (Huffman blocks, literals and matches). */
function words(bytes: number, seed: number): Buffer {
  const vocab = ['tritonserver', 'backend', 'model', 'lib', '.so', 'cuda', 'onnx', '/', '\n', ' ', 'x86_64', 'python3'];
  let t = seed;
  const next = () => {
    // mulberry32: a seeded generator whose low bits do not cycle
    t = (t + 0x6d2b79f5) | 0;
    let r = Math.imul(t ^ (t >>> 15), 1 | t);
    r ^= r + Math.imul(r ^ (r >>> 7), 61 | r);
    return (r ^ (r >>> 14)) >>> 0;
  };
  const out: string[] = [];
  for (let n = 0; n < bytes;) {
    const r = next();
    const w = r % 3 === 0 ? (r >>> 12).toString(36) : vocab[(r >>> 4) % vocab.length];
    out.push(w);
    n += w.length;
  }
  return Buffer.from(out.join('')).subarray(0, bytes);
}

const sources: Array<[string, () => Buffer]> = [
  ['text at level 6', () => gzipSync(words(3 << 20, 1))],
  ['text at level 1', () => gzipSync(words(2 << 20, 2), { level: 1 })],
  ['text at level 9', () => gzipSync(words(2 << 20, 3), { level: 9 })],
  ['noise (stored blocks)', () => gzipSync(noise(2 << 20))],
  ['noise and text, mixed', () => gzipSync(Buffer.concat([words(600_000, 4), noise(700_000), words(900_000, 5), Buffer.alloc(300_000)]))],
  ['stored at level 0', () => gzipSync(words(1 << 20, 6), { level: 0 })],
];

/** The stream in pieces of `size` bytes (the last one shorter). */
const pieces = (buf: Buffer, size: number) =>
  Readable.from(Array.from({ length: Math.ceil(buf.length / size) }, (_, i) => buf.subarray(i * size, (i + 1) * size)));

test('the module embedded is the one its build recorded', () => {
  expect(createHash('sha256').update(Buffer.from(ZLIB_WASM_BASE64, 'base64')).digest('hex')).toBe(ZLIB_WASM_SHA256);
});

test.each(sources)('%s: the same output and checkpoints as pako, whatever the size of the pieces fed', async (_name, make) => {
  const gz = make();
  const spacing = 48 * 1024;
  const want = pakoCheckpoints(gz, spacing);
  expect(want.checkpoints.length).toBeGreaterThan(3);
  for (const size of [1 << 20, 65_536, 100_001, 7_777]) {
    const outs: Buffer[] = [];
    const got = await inflateWithCheckpoints(pieces(gz, size), spacing, (d) => void outs.push(Buffer.from(d)));
    expect(Buffer.concat(outs).equals(want.out)).toBe(true);
    expect([got.compressedSize, got.uncompressedSize]).toEqual([gz.length, want.out.length]);
    const strip = (c: Checkpoint[]) => c.map((p) => ({ ...p, window: createHash('sha256').update(p.window).digest('hex') }));
    expect(strip(got.checkpoints)).toEqual(strip(want.checkpoints));
  }
});

test('every checkpoint, at any bit offset, is entered again by Node’s zlib and gives the output from there', async () => {
  const data = Buffer.concat([words(500_000, 7), noise(200_000), words(500_000, 8)]);
  const raw = deflateRawSync(data, { level: 6 });
  const gz = Buffer.concat([Buffer.from([0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 0xff]), raw, Buffer.alloc(8)]);
  // the trailer's CRC is not checked by the Z_BLOCK pass until the end: give it the right one
  gz.writeUInt32LE(crc32(data), gz.length - 8);
  gz.writeUInt32LE(data.length, gz.length - 4);
  const got = await inflateWithCheckpoints(pieces(gz, 10_000), 16 * 1024, () => undefined);
  expect(new Set(got.checkpoints.map((c) => c.bits)).size).toBeGreaterThan(3);
  for (const c of got.checkpoints.slice(1)) {
    // a checkpoint inside a byte: that byte replaced by the bits that line the rest up (ranges.ts)
    const body = gz.subarray(c.bits ? c.in - 1 : c.in, c.in + 4096);
    const input = c.bits ? Buffer.concat([planPrimeBytes(c.bits, body[0]), body.subarray(1)]) : body;
    const out = inflateRawSync(input, { dictionary: c.window, finishFlush: constants.Z_SYNC_FLUSH });
    expect(out.subarray(0, 1024).equals(data.subarray(c.out, c.out + 1024))).toBe(true);
  }
});

test('input beyond what the inflater takes at a time is refused, not overrun', () => {
  const z = new WasmInflate(-15, 16, 64);
  try {
    expect(() => z.setInput(Buffer.alloc(17))).toThrow(RangeError);
    z.setInput(deflateRawSync(Buffer.from('abc')));
  } finally {
    z.end();
  }
});

function crc32(data: Buffer): number {
  let c = ~0;
  for (const b of data) {
    c ^= b;
    for (let k = 0; k < 8; k++) c = (c >>> 1) ^ (0xedb88320 & -(c & 1));
  }
  return ~c >>> 0;
}
