// The index of one layer blob: where to enter its gzip stream (checkpoints) and what its tar
// holds (every entry with its data offset and, for regular files, its sha256). Built in one
// streaming pass that stores nothing on disk; with it, any file of the layer can later be read
// by an HTTP Range request of a few MiB instead of pulling the whole layer (see ranges.ts).
// The idea of AWS SOCI's zTOC: https://github.com/awslabs/soci-snapshotter/blob/main/docs/soci-index-specification.md
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { GzipIndexError, inflateWithCheckpoints } from './gzip-index.js';
import { inflateOffThread } from './inflate-threads.js';
import { IndexFormatError, type LayerIndex, parseIndex, serializeIndex } from './index-format.js';
import { type TarEntry, TarFormatError, TarParser } from './tar-parse.js';
import { writeFileAtomic } from '../util/atomic-file.js';
import { ANY_DIGEST } from '../oci/digest.js';

/** Receives an entry during the indexing pass: a regular file's data, then its end. */
export interface EntryReceiver {
  write(chunk: Buffer): void | Promise<void>;
  /** The entry is complete (for a regular file, `entry.sha256` is set). */
  end(entry: TarEntry): void | Promise<void>;
}

export interface BuildOptions {
  digest: string;
  /** Bytes of output between checkpoints; default 4 MiB. */
  spacing?: number;
  /**
   * Called for every entry as the pass meets it, so a cold run reads the layer once and gets
   * both the index and the entries it wants: return a receiver to get them. Its calls are
   * made in tar order and awaited, so a slow writer slows the read instead of buffering.
   */
  onEntry?: (entry: TarEntry) => EntryReceiver | undefined;
  /** Inflate on a worker thread (when the bundled worker is there), parse the tar here. */
  offThread?: boolean;
}

export const DEFAULT_SPACING = 4 * 1024 * 1024;

/**
 * Bytes the gzip stream may inflate to past the tar's end-of-archive blocks (writers pad to a
 * record of 10 KiB; some add a little more). Beyond it the blob is a gzip bomb: a few KiB that
 * inflate to gigabytes no tar header accounts for, which would cost time and checkpoints.
 */
export const MAX_TRAILING_OUTPUT = 1024 * 1024;

/** One pass over a layer blob (gzip'd tar): checkpoints, table of contents, sha256 of files. */
export async function buildLayerIndex(stream: AsyncIterable<Uint8Array>, opts: BuildOptions): Promise<LayerIndex> {
  const spacing = opts.spacing ?? DEFAULT_SPACING;
  const entries: TarEntry[] = [];
  // The tar parser is synchronous: what it asks of the receivers is queued, and the queue is
  // drained after each piece of output, before more is inflated.
  const queue: Array<() => void | Promise<void>> = [];
  const receivers = new Map<TarEntry, EntryReceiver>();
  const parser = new TarParser({
    entry(e) {
      // The index format keeps no extended attributes: an index read back equals one just built.
      // A listed layer's table of contents keeps their names (fetchLayerToc), which is what a trim reads.
      delete e.xattrs;
      entries.push(e);
      const r = opts.onEntry?.(e);
      if (!r) return;
      if (e.type === 'file') receivers.set(e, r);
      else queue.push(() => r.end(e));
    },
    data(e, chunk) {
      const r = receivers.get(e);
      if (!r) return;
      const copy = Buffer.from(chunk); // the inflater reuses its output buffer
      queue.push(() => r.write(copy));
    },
    end(e) {
      const r = receivers.get(e);
      if (!r) return;
      receivers.delete(e);
      queue.push(() => r.end(e));
    },
  });
  let tarEnd = -1;
  const inflate = opts.offThread ? inflateOffThread : inflateWithCheckpoints;
  const result = await inflate(stream, spacing, async (out, offset) => {
    if (!parser.ended) {
      parser.write(out);
      if (parser.ended) tarEnd = offset + out.length;
    } else if (offset + out.length - tarEnd > MAX_TRAILING_OUTPUT) {
      throw new TarFormatError(
        `layer ${opts.digest} inflates to more than ${MAX_TRAILING_OUTPUT} bytes past the end of its tar (a gzip bomb?); it is not read further`,
      );
    }
    for (let i = 0; i < queue.length; i++) await queue[i]();
    queue.length = 0;
  }).catch((err: unknown) => {
    // The stream's own faults name the layer, as the tar's do.
    throw err instanceof GzipIndexError ? new GzipIndexError(`layer ${opts.digest}: ${err.message}`) : err;
  });
  if (!parser.complete) throw new TarFormatError("the layer's tar ends in the middle of an entry");
  return {
    digest: opts.digest,
    compressedSize: result.compressedSize,
    uncompressedSize: result.uncompressedSize,
    spacing,
    checkpoints: result.checkpoints,
    entries,
  };
}

function cacheFile(dir: string, digest: string): string {
  if (!ANY_DIGEST.test(digest)) throw new Error(`"${digest}" is not a digest`);
  return join(dir, `${digest.replace(':', '-')}.layer-index`);
}

/**
 * The cached index of a layer, or undefined when there is none or it cannot be used
 * (another format version, corrupt, or of another layer): the caller builds it again.
 */
export async function readCachedIndex(dir: string, digest: string): Promise<LayerIndex | undefined> {
  const file = cacheFile(dir, digest);
  let data: Buffer;
  try {
    data = await readFile(file);
  } catch {
    return undefined;
  }
  try {
    const index = parseIndex(data);
    return index.digest === digest ? index : undefined;
  } catch (err) {
    if (err instanceof IndexFormatError) return undefined;
    throw err;
  }
}

/** Writes the index under its layer digest; atomic, so a concurrent reader never sees half. */
export async function writeCachedIndex(dir: string, index: LayerIndex): Promise<string> {
  const file = cacheFile(dir, index.digest);
  await writeFileAtomic(file, serializeIndex(index));
  return file;
}
