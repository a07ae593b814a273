// The parallel zstd stream's framing, with a stand-in for zlib's zstd (this test runs on Node 20,
// which has none): a frame per chunk, in input order, at the level asked, with checksums; the
// bytes independent of how the input comes and how many frames are made at once. The real codec
// is exercised by __tests__/builds/zstd.test.ts, whose images Docker pulls and runs.
import { Readable } from 'node:stream';
import { randomBytes } from 'node:crypto';
import { createParallelZstd } from '../../../src/direct/parallel-zstd.js';
import { parseSpec } from '../../../src/spec/spec.js';
import { checkZstd } from '../../../src/spec/compression-spec.js';
import { InputError } from '../../../src/spec/lists.js';

const LEVEL = 100;
const CHECKSUM = 201;
const calls: Record<number, number>[] = [];
/** A frame as the stand-in writes it: `F<level>/<checksum>:<length>|` and the data. */
const standIn = {
  constants: { ZSTD_c_compressionLevel: LEVEL, ZSTD_c_checksumFlag: CHECKSUM },
  zstdCompress(data: Buffer, options: { params: Record<number, number> }, cb: (err: Error | null, out: Buffer) => void) {
    calls.push(options.params);
    const head = Buffer.from(`F${options.params[LEVEL]}/${options.params[CHECKSUM]}:${data.length}|`);
    // out of order on purpose: a later chunk may finish first
    setTimeout(() => cb(null, Buffer.concat([head, data])), data.length % 3);
  },
};

async function squeeze(input: Buffer, opts: { step: number; chunkSize: number; inFlight: number; level?: number }): Promise<string> {
  const pieces: Buffer[] = [];
  for (let at = 0; at < input.length; at += opts.step) pieces.push(input.subarray(at, at + opts.step));
  const z = createParallelZstd({ level: opts.level ?? 3, zstd: standIn, chunkSize: opts.chunkSize, inFlight: opts.inFlight });
  const out: Buffer[] = [];
  const done = (async () => {
    for await (const c of z as AsyncIterable<Buffer>) out.push(c);
  })();
  Readable.from(pieces).pipe(z);
  await done;
  return Buffer.concat(out).toString('latin1');
}

const DATA = Buffer.from(randomBytes(10_000).toString('hex').slice(0, 10_000));

test('a frame per chunk, in input order, at the level asked and with checksums', async () => {
  const got = await squeeze(DATA, { step: 333, chunkSize: 4096, inFlight: 3, level: 7 });
  const frames = [...got.matchAll(/F(\d+)\/(\d+):(\d+)\|/g)].map((m) => [Number(m[1]), Number(m[2]), Number(m[3])]);
  expect(frames).toEqual([
    [7, 1, 4096],
    [7, 1, 4096],
    [7, 1, 1808],
  ]);
  expect(got.replace(/F\d+\/\d+:\d+\|/g, '')).toBe(DATA.toString('latin1'));
});

test('the bytes depend on the chunk size and level, not on how the input comes or how many run at once', async () => {
  const a = await squeeze(DATA, { step: 1, chunkSize: 1000, inFlight: 1 });
  expect(await squeeze(DATA, { step: DATA.length, chunkSize: 1000, inFlight: 16 })).toBe(a);
  expect(await squeeze(DATA, { step: 777, chunkSize: 1000, inFlight: 2 })).toBe(a);
  expect(await squeeze(DATA, { step: 777, chunkSize: 2000, inFlight: 2 })).not.toBe(a);
});

test('an empty input is one empty frame: a layer is never zero bytes', async () => {
  expect(await squeeze(Buffer.alloc(0), { step: 1, chunkSize: 1000, inFlight: 2 })).toBe('F3/1:0|');
  expect(calls.length).toBeGreaterThan(0);
});

test('zstd by the direct assembly needs a Node with zlib zstd; with Buildx, or where it has one, it goes on', () => {
  const raw = { 'container-version': '24.01', tags: 'r.io/a:1', push: 'true', 'layer-compression': 'zstd', assembly: 'buildx' };
  const direct = { ...parseSpec(raw), assembly: 'direct' as const };
  expect(() => checkZstd(direct, false)).toThrow(InputError);
  expect(() => checkZstd(direct, false)).toThrow(/layer-compression: zstd written by the direct assembly needs Node.js 22.15 or later/);
  expect(() => checkZstd(direct, true)).not.toThrow();
  expect(() => checkZstd({ ...direct, assembly: 'buildx' }, false)).not.toThrow();
  expect(() => checkZstd({ ...direct, assembly: 'auto', load: true }, false)).not.toThrow(); // auto picks Buildx for load
  expect(() => checkZstd({ ...direct, layerCompression: 'gzip' }, false)).not.toThrow();
});
