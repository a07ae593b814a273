import { Readable } from 'node:stream';
import { createChunkedCompressor } from '../../../src/direct/chunked-compress.js';

/** A codec that tags each chunk with its length and counts how many are on their way at once. */
function countingCodec() {
  const seen = { chunks: [] as Buffer[], most: 0, now: 0 };
  return {
    seen,
    codec: {
      head: Buffer.from('<'),
      compress: async (data: Buffer, last: boolean) => {
        seen.chunks.push(data);
        seen.most = Math.max(seen.most, ++seen.now);
        await new Promise((r) => setImmediate(r));
        seen.now--;
        return Buffer.from(`[${data.length}${last ? '!' : ''}]`);
      },
      tail: () => Buffer.from('>'),
    },
  };
}

async function run(pieces: Buffer[], chunkSize: number, inFlight: number) {
  const { seen, codec } = countingCodec();
  const out: Buffer[] = [];
  const t = createChunkedCompressor(codec, chunkSize, inFlight);
  const done = (async () => {
    for await (const c of t as AsyncIterable<Buffer>) out.push(c);
  })();
  Readable.from(pieces).pipe(t);
  await done;
  return { seen, out: Buffer.concat(out).toString() };
}

test('one large input piece is cut into chunks, no more than inFlight on their way at once, none a copy of the piece', async () => {
  const big = Buffer.alloc(10_500, 1);
  const { seen, out } = await run([Buffer.from('hdr'), big, Buffer.from('end')], 1000, 3);
  expect(out).toBe(`<${'[1000]'.repeat(10)}[506!]>`);
  expect(seen.most).toBe(3);
  // the chunks wholly inside the large piece are views of it, not copies
  expect(seen.chunks.slice(1, 10).every((c) => c.buffer === big.buffer)).toBe(true);
  expect(Buffer.concat(seen.chunks).equals(Buffer.concat([Buffer.from('hdr'), big, Buffer.from('end')]))).toBe(true);
});

test('the chunks are the same however the input comes', async () => {
  const data = Buffer.from(Array.from({ length: 5000 }, (_, i) => i % 251));
  const whole = await run([data], 700, 2);
  const bytes = await run(
    [...data].map((b) => Buffer.from([b])),
    700,
    5,
  );
  expect(bytes.out).toBe(whole.out);
  expect(Buffer.concat(bytes.seen.chunks).equals(data)).toBe(true);
  expect(bytes.seen.chunks.map((c) => c.length)).toEqual(whole.seen.chunks.map((c) => c.length));
});
