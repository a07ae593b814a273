// One part as an image layer: its entries packed as a tar, compressed on every core (gzip: one
// member deflated in 1 MiB chunks, parallel-gzip.ts; zstd: a frame per 4 MiB, parallel-zstd.ts)
// and handed to a sink (the registry upload) as it is made, with the diff ID and the layer
// digest counted on the way; the same entries give the same bytes on any machine (no time, OS
// byte 255, chunks cut by size, not by cores).
import { createHash } from 'node:crypto';
import { availableParallelism } from 'node:os';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createParallelGzip } from './parallel-gzip.js';
import { createParallelZstd } from './parallel-zstd.js';
import { type PackEntry, type PackOptions, packTo } from '../selective/pack.js';
import { DEFAULT_GZIP_LEVEL, type LayerCompression } from '../spec/types.js';
import { zstdBinding } from '../util/zstd.js';

export interface LayerBytes {
  digest: string;
  diffId: string;
  /** Compressed bytes. */
  size: number;
  /** Bytes of the tar. */
  tarSize: number;
}

/** The compressing stream of a layer: zstd needs zlib's (spec.ts refuses zstd on a Node without it). */
function compressor(c: LayerCompression): Transform {
  const inFlight = availableParallelism();
  if (c.kind === 'gzip') return createParallelGzip({ level: c.level, inFlight });
  const zstd = zstdBinding();
  if (!zstd) throw new Error(`layer-compression: zstd needs Node.js 22.15 or later, and this is ${process.versions.node}`);
  return createParallelZstd({ level: c.level, zstd, inFlight });
}

/**
 * Packs `entries` into a compressed layer and gives its bytes to `sink` as they come; resolves with
 * the layer's digests and sizes once the sink has taken all of it. Staged files are kept when
 * `keepStaged` (a failed sink can then be retried with the same entries); `onData` counts the
 * staged file data read (the sink's pace: it is compressed and sent as it is read); with `ready`
 * the files are packed as their staging brings them.
 */
export async function writeLayer(
  entries: readonly PackEntry[],
  sink: (chunks: AsyncIterable<Buffer>) => Promise<void>,
  opts: PackOptions & { compression?: LayerCompression } = {},
): Promise<LayerBytes> {
  const tarHash = createHash('sha256');
  const gzHash = createHash('sha256');
  let tarSize = 0;
  let size = 0;
  const tarTap = new Transform({
    transform(chunk: Buffer, _enc, cb) {
      tarHash.update(chunk);
      tarSize += chunk.length;
      cb(null, chunk);
    },
  });
  const { compression, ...packOptions } = opts;
  const gzip = compressor(compression ?? { kind: 'gzip', level: DEFAULT_GZIP_LEVEL });
  async function* compressed(): AsyncGenerator<Buffer> {
    for await (const chunk of gzip as AsyncIterable<Buffer>) {
      gzHash.update(chunk);
      size += chunk.length;
      yield chunk;
    }
  }
  const packing = packTo(entries, tarTap, packOptions);
  const compressing = pipeline(tarTap, gzip);
  try {
    await Promise.all([packing, compressing, sink(compressed())]);
  } catch (err) {
    const why = err instanceof Error ? err : new Error(String(err));
    tarTap.destroy(why);
    gzip.destroy(why);
    await Promise.allSettled([packing, compressing]);
    throw err;
  }
  return { digest: `sha256:${gzHash.digest('hex')}`, diffId: `sha256:${tarHash.digest('hex')}`, size, tarSize };
}
