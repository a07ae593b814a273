// The index pass's inflate across threads: over a MessageChannel (both sides in this thread,
// so every message still goes through structured clone and transfer) and once through the
// bundled worker (dist/worker/index.js), against inflateWithCheckpoints run in place.
import { join } from 'node:path';
import { MessageChannel, type MessagePort } from 'node:worker_threads';
import { gzipSync } from 'node:zlib';
import { type InflateResult, GzipIndexError, inflateWithCheckpoints } from '../../../src/layer/gzip-index.js';
import { credit, inflateAcross, serveInflate } from '../../../src/layer/inflate-port.js';
import { inflateOffThread } from '../../../src/layer/inflate-threads.js';
import { noise } from '../../helpers/layer-tar.js';

const WORKER = join(process.cwd(), 'dist', 'worker', 'index.js');
const TEXT = Buffer.from(Array.from({ length: 400_000 }, (_, i) => `entry ${i % 977} of layer ${i % 13}\n`).join(''));
const MIXED = gzipSync(Buffer.concat([TEXT, noise(3_000_000, 5), TEXT.subarray(0, 1_000_000)]));

/** The blob in pieces whose sizes cycle through `sizes`; `pulled` counts what was read. */
function pieces(blob: Buffer, sizes: number[]) {
  const state = { pulled: 0, returned: false };
  async function* gen(): AsyncGenerator<Uint8Array> {
    try {
      for (let at = 0, k = 0; at < blob.length; k++) {
        const n = sizes[k % sizes.length];
        state.pulled++;
        yield blob.subarray(at, (at += n));
      }
    } finally {
      state.returned = true;
    }
  }
  return { source: gen(), state };
}

/** Output gathered, checking each piece starts where the last one ended. */
function collector() {
  const parts: Buffer[] = [];
  let next = 0;
  return {
    parts,
    onOutput(data: Uint8Array, offset: number) {
      expect(offset).toBe(next);
      next += data.length;
      parts.push(Buffer.from(data));
    },
  };
}

let inPlace: { result: InflateResult; output: Buffer };
beforeAll(async () => {
  const c = collector();
  const result = await inflateWithCheckpoints(pieces(MIXED, [65_536]).source, 256 * 1024, c.onOutput);
  inPlace = { result, output: Buffer.concat(c.parts) };
});

// Open ports keep the process alive: every test's are closed after it, passed or not.
const open: MessagePort[] = [];
afterEach(() => {
  for (const p of open.splice(0)) p.close();
});
function channel() {
  const { port1, port2 } = new MessageChannel();
  open.push(port1, port2);
  serveInflate(port1);
  return { port: port2 };
}

test.each([
  ['pieces of 64 KiB', [65_536]],
  ['pieces of 1 byte to 3 MB', [1, 7, 3_000_000, 511, 100_000]],
])('over a MessageChannel: the same output, checkpoints and sizes as in place (%s)', async (_name, sizes) => {
  const { port } = channel();
  const c = collector();
  const result = await inflateAcross(port, 256 * 1024, pieces(MIXED, sizes).source, c.onOutput);
  expect(Buffer.concat(c.parts).equals(inPlace.output)).toBe(true);
  expect(result).toEqual(inPlace.result);
  expect(result.checkpoints.length).toBeGreaterThan(10);
});

test('a stream that is not gzip: the GzipIndexError the inflater gives in place, and the read stopped', async () => {
  const { port } = channel();
  const bad = pieces(noise(8_000_000, 9), [65_536]);
  const run = inflateAcross(port, 65_536, bad.source, () => undefined);
  await expect(run).rejects.toThrow(GzipIndexError);
  await expect(run).rejects.toThrow(/^not a valid gzip stream at byte 2: incorrect header check/);
  expect(bad.state.returned).toBe(true);
  expect(bad.state.pulled).toBeLessThan(64); // at most 5 batches of 512 KiB of the 8 MB
});

test('a consumer that fails: its error, and the read stopped', async () => {
  const { port } = channel();
  const src = pieces(MIXED, [4096]);
  const run = inflateAcross(port, 65_536, src.source, (_d, offset) => {
    if (offset >= 2 << 20) throw new Error('disk full');
  });
  await expect(run).rejects.toThrow('disk full');
  expect(src.state.returned).toBe(true);
  expect(src.state.pulled * 4096).toBeLessThan(MIXED.length);
});

test('a consumer that waits holds the read: at most a few batches and pieces ahead', async () => {
  const { port } = channel();
  const blob = gzipSync(noise(40 << 20, 3), { level: 1 });
  const src = pieces(blob, [65_536]);
  let release = () => {};
  const held = new Promise<void>((r) => (release = r));
  const run = inflateAcross(port, 1 << 20, src.source, () => held);
  await new Promise((r) => setTimeout(r, 500));
  // 4 batches of 1 MiB out and one being filled (noise: about as much input), 4 input batches
  // of 512 KiB sent but not taken, one being gathered: about 7.5 MiB, 120 pieces, of 640.
  expect(src.state.pulled).toBeLessThan(160);
  release();
  expect((await run).uncompressedSize).toBe(40 << 20);
});

test('credit: take waits while the limit is out, give lets one through, close ends every wait', async () => {
  const c = credit(2);
  expect(await c.take()).toBe(true);
  expect(await c.take()).toBe(true);
  let third: boolean | undefined;
  void c.take().then((v) => (third = v));
  await new Promise((r) => setImmediate(r));
  expect(third).toBeUndefined();
  c.give();
  await new Promise((r) => setImmediate(r));
  expect(third).toBe(true);
  let fourth: boolean | undefined;
  void c.take().then((v) => (fourth = v));
  c.close();
  await new Promise((r) => setImmediate(r));
  expect(fourth).toBe(false);
});

test('the bundled worker (dist/worker/index.js): the same result, and its errors keep their class', async () => {
  const c = collector();
  const result = await inflateOffThread(pieces(MIXED, [65_536, 999]).source, 256 * 1024, c.onOutput, WORKER);
  expect(Buffer.concat(c.parts).equals(inPlace.output)).toBe(true);
  expect(result).toEqual(inPlace.result);
  const truncated = inflateOffThread(pieces(MIXED.subarray(0, 500_000), [65_536]).source, 65_536, () => undefined, WORKER);
  await expect(truncated).rejects.toThrow(GzipIndexError);
  await expect(truncated).rejects.toThrow('the gzip stream is truncated (500000 bytes read)');
});

test('a worker file that cannot load: an error, and the read stopped', async () => {
  const src = pieces(MIXED, [65_536]);
  const run = inflateOffThread(src.source, 65_536, () => undefined, join(process.cwd(), 'package.json'));
  await expect(run).rejects.toThrow();
  expect(src.state.returned || src.state.pulled === 0).toBe(true);
});
