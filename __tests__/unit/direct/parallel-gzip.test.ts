import { randomBytes } from 'node:crypto';
import { Readable } from 'node:stream';
import { promisify } from 'node:util';
import { constants, crc32, deflateRaw, gunzipSync, gzipSync } from 'node:zlib';
import { createParallelGzip, looksIncompressible, outputRoom, sampledEntropy } from '../../../src/direct/parallel-gzip.js';
import { inflateWithCheckpoints } from '../../../src/layer/gzip-index.js';

/** The input, written in pieces of `step` bytes, through a parallel gzip; all its output. */
async function squeeze(input: Buffer, opts: { step: number; chunkSize: number; inFlight: number; level?: number }): Promise<Buffer> {
  const pieces: Buffer[] = [];
  for (let at = 0; at < input.length; at += opts.step) pieces.push(input.subarray(at, at + opts.step));
  const out: Buffer[] = [];
  const gz = createParallelGzip({ level: opts.level ?? 6, chunkSize: opts.chunkSize, inFlight: opts.inFlight });
  const done = (async () => {
    for await (const c of gz as AsyncIterable<Buffer>) out.push(c);
  })();
  Readable.from(pieces).pipe(gz);
  await done;
  return Buffer.concat(out);
}

// text that refers back across chunk boundaries, then noise
const DATA = Buffer.concat([Buffer.from(Array.from({ length: 2000 }, (_, i) => `model_${i % 97} `).join('')), randomBytes(9000)]);

test.each([0, 1, 999, 1000, 1001, 3500, DATA.length])(
  '%i bytes: one gzip member of the input, no time, OS 255, its CRC and size',
  async (n) => {
    const input = DATA.subarray(0, n);
    const got = await squeeze(input, { step: 333, chunkSize: 1000, inFlight: 3 });
    expect(gunzipSync(got).equals(input)).toBe(true);
    expect(got.subarray(0, 10)).toEqual(Buffer.from([0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 0xff]));
    expect(got.readUInt32LE(got.length - 8)).toBe(crc32(input));
    expect(got.readUInt32LE(got.length - 4)).toBe(n);
  },
);

test("one member: the project's own gzip index, which refuses a second member, reads it to the end", async () => {
  const got = await squeeze(DATA, { step: 4096, chunkSize: 2048, inFlight: 2 });
  const r = await inflateWithCheckpoints(Readable.from([got]), 4096, () => undefined);
  expect([r.compressedSize, r.uncompressedSize]).toEqual([got.length, DATA.length]);
  expect(r.checkpoints.length).toBeGreaterThan(2); // places to enter it again, as in any layer
});

test('the bytes depend on the chunk size and level, not on how the input comes or how many chunks run at once', async () => {
  const a = await squeeze(DATA, { step: 1, chunkSize: 4096, inFlight: 1 });
  const b = await squeeze(DATA, { step: DATA.length, chunkSize: 4096, inFlight: 16 });
  const c = await squeeze(DATA, { step: 777, chunkSize: 4096, inFlight: 2 });
  expect(b.equals(a)).toBe(true);
  expect(c.equals(a)).toBe(true);
  expect((await squeeze(DATA, { step: 777, chunkSize: 8192, inFlight: 2 })).equals(a)).toBe(false);
  const fast = await squeeze(DATA, { step: 777, chunkSize: 4096, inFlight: 2, level: 1 });
  expect(fast[8]).toBe(4); // XFL: fastest
  expect(gunzipSync(fast).equals(DATA)).toBe(true);
});

test('each chunk sees the 32 kB before it: the ratio stays within 1 % of one deflate', async () => {
  const text = Buffer.from(Array.from({ length: 60_000 }, (_, i) => `layer ${i % 1013} of ${i % 7}\n`).join(''));
  const got = await squeeze(text, { step: 65_536, chunkSize: 128 * 1024, inFlight: 2 });
  expect(got.length / gzipSync(text).length).toBeLessThan(1.01);
});

const MiB = 1 << 20;
const TEXT = Buffer.from(Array.from({ length: 100_000 }, (_, i) => `lib${i % 301}.so.${i % 13}\n`).join('')).subarray(0, MiB);
const NOISE = randomBytes(MiB);

test('the text is 1 MiB', () => expect(TEXT.length).toBe(MiB));

test.each([
  ['noise', NOISE, true],
  ['text', TEXT, false],
  [
    '16 KiB of noise over and over: high entropy, but deflate finds the repeats',
    Buffer.concat(Array<Buffer>(64).fill(NOISE.subarray(0, 16_384))),
    false,
  ],
  ['noise at its start, then text', Buffer.concat([NOISE.subarray(0, 128 * 1024), TEXT.subarray(0, MiB - 128 * 1024)]), false],
  ['noise shorter than the 64 KiB trial', NOISE.subarray(0, 60_000), false],
])('looksIncompressible: %s', async (_name, data, stored) => {
  expect(await looksIncompressible(data)).toBe(stored);
});

test('sampledEntropy: 0 bits for one byte value, 8 for every value as often', () => {
  expect(sampledEntropy(Buffer.alloc(4096, 7))).toBe(0);
  expect(sampledEntropy(Buffer.from(Array.from({ length: 256 * 16 * 4 }, (_, i) => (i >> 4) & 255)))).toBe(8);
});

test('a chunk of noise is stored (level 0), a chunk of text deflated at the level; the exact bytes', async () => {
  const got = await squeeze(Buffer.concat([TEXT, NOISE]), { step: 65_536, chunkSize: MiB, inFlight: 2 });
  // zlib's stored blocks follow its output buffer, one of outputRoom(MiB) bytes: the expected
  // bytes come the same way.
  const deflate = promisify(deflateRaw);
  const chunkSize = outputRoom(MiB);
  const first = await deflate(TEXT, { level: 6, chunkSize, finishFlush: constants.Z_SYNC_FLUSH });
  const second = await deflate(NOISE, {
    level: 0,
    chunkSize,
    dictionary: TEXT.subarray(MiB - 32 * 1024),
    finishFlush: constants.Z_FINISH,
  });
  // One stored block per 64 KiB (its largest), not per 16 KiB: 16 headers of 5 bytes.
  expect(second.length).toBeLessThan(MiB + 16 * 5 + 32);
  expect(got.subarray(10, got.length - 8).equals(Buffer.concat([first, second]))).toBe(true);
  expect(gunzipSync(got).equals(Buffer.concat([TEXT, NOISE]))).toBe(true);
});
