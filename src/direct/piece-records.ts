// What a written part layer was, keyed by its tar entries and where their data lies in the
// full image: a direct assembly that finds the record, and the layer in the target repository,
// reuses it without fetching a byte of the full image. Records live in the tool cache, and in
// the index repository when one is given (piece-repository.ts), so a fresh runner finds them.
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { type LayerBytes } from './layer-writer.js';
import type { TarEntry } from '../layer/tar-parse.js';
import type { Placed } from '../layer/view.js';
import type { PackEntry } from '../selective/pack.js';
import { writeFileAtomic } from '../util/atomic-file.js';
import { DIGEST } from '../oci/digest.js';
import { pieceRecordFile } from '../layer/cache-files.js';
import type { LayerCompression } from '../spec/types.js';

const FORMAT = 1;

/**
 * The key of a piece's layer, from its packed entries and where each entry of its final view
 * lies (`job.entries`: the layer, by its place in `layers`, and the tar offset), and the
 * compression it is written with (a gzip layer's key is the one it had before zstd). Pure.
 */
export function planPieceKey(
  job: { entries: ReadonlyArray<Pick<Placed<TarEntry>, 'layer' | 'offset'>> },
  layers: ReadonlyArray<{ digest: string }>,
  packed: readonly PackEntry[],
  compression: LayerCompression,
): string {
  const doc = {
    v: FORMAT,
    [compression.kind]: compression.level,
    entries: packed.map((e) => [e.path, e.type, e.mode, e.uid, e.gid, e.mtime, e.size, e.target ?? null]),
    sources: job.entries.map((e) => [layers[e.layer].digest, e.offset]),
  };
  return createHash('sha256').update(JSON.stringify(doc)).digest('hex');
}

/** A record's text as a layer, or undefined when it is not a whole, valid record. Pure. */
export function parsePieceRecord(text: string): LayerBytes | undefined {
  try {
    const r = JSON.parse(text) as Partial<LayerBytes>;
    const count = (n: unknown) => typeof n === 'number' && Number.isSafeInteger(n) && n > 0;
    if (!DIGEST.test(String(r.digest)) || !DIGEST.test(String(r.diffId)) || !count(r.size) || !count(r.tarSize)) return undefined;
    return { digest: r.digest as string, diffId: r.diffId as string, size: r.size as number, tarSize: r.tarSize as number };
  } catch {
    return undefined;
  }
}

/** A record's text. Pure. */
export function formatPieceRecord(layer: LayerBytes): string {
  return JSON.stringify({ digest: layer.digest, diffId: layer.diffId, size: layer.size, tarSize: layer.tarSize });
}

/** The record of a key, or undefined when there is none or it is not a whole, valid record. */
export async function readPieceRecord(dir: string, key: string): Promise<LayerBytes | undefined> {
  const text = await readFile(pieceRecordFile(dir, key), 'utf8').catch(() => undefined);
  return text ? parsePieceRecord(text) : undefined;
}

/** Writes a record atomically (a reader sees the old file or the whole new one). */
export async function writePieceRecord(dir: string, key: string, layer: LayerBytes): Promise<void> {
  await writeFileAtomic(pieceRecordFile(dir, key), formatPieceRecord(layer));
}
