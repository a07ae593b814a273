// Reading the OCI layout tar Buildx streams out, once and never to disk: small blobs (configs,
// manifests) are kept in memory until index.json, which comes last, says what the image is;
// each larger blob (a layer) is handed to the caller as it streams by, while its uncompressed
// size is counted, so the report needs no second read of the result.
import { once } from 'node:events';
import { PassThrough, type Readable, type Transform, Writable } from 'node:stream';
import { finished, pipeline } from 'node:stream/promises';
import { createGunzip, gunzipSync } from 'node:zlib';
import * as tar from 'tar-stream';
import { RegistryError } from './errors.js';
import { isZstd, zstdBinding } from '../util/zstd.js';
import type { Index } from '../oci/types.js';

/** Blobs up to this size wait in memory for index.json; larger ones are layers, streamed. */
const SMALL = 1 << 20;

export interface OciStreamContents {
  /** The layout's index.json, parsed. */
  layout: Index;
  /** Blobs up to 1 MiB, by digest. */
  small: Map<string, Buffer>;
  /** Digests of the larger blobs, handed to the layer handler. */
  streamed: Set<string>;
  /** Uncompressed (tar) size of each gzip blob, by digest. */
  tarSizes: Map<string, number>;
}

/** Takes a large blob as it streams by; it must read `data` to its end (or fail). */
export type LayerHandler = (digest: string, size: number, data: Readable) => Promise<void>;

/**
 * A sink that counts the bytes a gzip (or, where this Node has zstd, a zstd) stream inflates
 * to; undefined when it is neither.
 */
function countGunzipped(): { sink: Writable; size: Promise<number | undefined> } {
  let settle: (n: number | undefined) => void = () => undefined;
  const size = new Promise<number | undefined>((r) => (settle = r));
  let gunzip: Transform | undefined;
  let decided = false;
  let total = 0;
  const sink = new Writable({
    write(chunk: Buffer, _enc, cb) {
      if (!decided) {
        decided = true;
        const zstd = isZstd(chunk) ? zstdBinding() : undefined;
        if ((chunk[0] === 0x1f && chunk[1] === 0x8b) || zstd) {
          // 256 KiB of output a callback, not zlib's 16 KiB: fewer callbacks and buffers per GB.
          gunzip = zstd ? zstd.createZstdDecompress() : createGunzip({ chunkSize: 256 * 1024 });
          gunzip.on('data', (c: Buffer) => (total += c.length));
          gunzip.on('end', () => settle(total));
          gunzip.on('error', () => settle(undefined));
        }
      }
      if (!gunzip) return cb();
      gunzip.write(chunk, () => cb());
    },
    final(cb) {
      if (gunzip) gunzip.end();
      else settle(undefined);
      cb();
    },
  });
  return { sink, size };
}

function gunzippedSize(data: Buffer): number | undefined {
  const zstd = isZstd(data) ? zstdBinding() : undefined;
  if ((data[0] !== 0x1f || data[1] !== 0x8b) && !zstd) return undefined;
  try {
    return (zstd ? zstd.zstdDecompressSync(data) : gunzipSync(data)).length;
  } catch {
    return undefined;
  }
}

async function collect(stream: AsyncIterable<unknown>): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const c of stream) chunks.push(c as Buffer);
  return Buffer.concat(chunks);
}

/** Streams one large blob to the handler and to the size counter, at the pace of the slower. */
async function streamLayer(
  entry: AsyncIterable<unknown> & { destroy(err?: Error): unknown },
  digest: string,
  size: number,
  onLayer: LayerHandler,
): Promise<number | undefined> {
  const count = countGunzipped();
  const data = new PassThrough({ highWaterMark: 1 << 20 });
  // Destroyed below when the input breaks; a handler not reading yet (asking whether the
  // registry has the blob) sees the error when it reads, not as an unhandled 'error' event.
  data.on('error', () => undefined);
  const handled = onLayer(digest, size, data);
  const feed = (async () => {
    for await (const chunk of entry) {
      const waits: Promise<unknown>[] = [];
      if (!data.write(chunk)) waits.push(once(data, 'drain'));
      if (!count.sink.write(chunk)) waits.push(once(count.sink, 'drain'));
      if (waits.length) await Promise.all(waits);
    }
    data.end();
    count.sink.end();
    await finished(count.sink);
  })();
  try {
    await Promise.all([handled, feed]);
  } catch (err) {
    feed.catch(() => undefined);
    handled.catch(() => undefined);
    const why = err instanceof Error ? err : new Error(String(err));
    data.destroy(why);
    entry.destroy(why);
    throw err;
  }
  return count.size;
}

/** Reads the whole OCI layout tar, handing each large blob to `onLayer` as it comes. */
export async function readOciStream(input: Readable, onLayer: LayerHandler): Promise<OciStreamContents> {
  const small = new Map<string, Buffer>();
  const streamed = new Set<string>();
  const tarSizes = new Map<string, number>();
  let indexJson: Buffer | undefined;
  const extract = tar.extract();
  extract.on('entry', (header, entry, next) => {
    const handle = async () => {
      const m = /^blobs\/sha256\/([a-f0-9]{64})$/.exec(header.name);
      if (header.name === 'index.json') {
        indexJson = await collect(entry);
        return;
      }
      if (!m || header.type !== 'file') {
        for await (const chunk of entry as AsyncIterable<Buffer>) void chunk;
        return;
      }
      const digest = `sha256:${m[1]}`;
      const size = header.size ?? 0;
      if (size <= SMALL) {
        const data = await collect(entry);
        small.set(digest, data);
        const unc = gunzippedSize(data);
        if (unc !== undefined) tarSizes.set(digest, unc);
        return;
      }
      const unc = await streamLayer(entry, digest, size, onLayer);
      if (unc !== undefined) tarSizes.set(digest, unc);
      streamed.add(digest);
    };
    handle().then(
      () => next(),
      (err: unknown) => extract.destroy(err as Error),
    );
  });
  await pipeline(input, extract);
  if (!indexJson) throw new RegistryError('the build output had no index.json: not an OCI layout');
  const layout = JSON.parse(indexJson.toString('utf8')) as Index;
  return { layout, small, streamed, tarSizes };
}
