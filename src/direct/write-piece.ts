// One piece's layers in the target repository: reused from its record when the repository
// holds the layer, else its entries read by ranges, packed, compressed and sent (cut by path
// under max-layer-size), then recorded. The parts and a trimmed base are written alike.
import { type LayerBytes, writeLayer } from './layer-writer.js';
import type { MemoryStage } from '../layer/memory-stage.js';
import { planLayerSplit, planTarBudget } from './layer-split.js';
import { readPieceRecord, planPieceKey, writePieceRecord } from './piece-records.js';
import type { PieceStore } from './piece-repository.js';
import type { ImageRef } from '../oci/reference.js';
import { type RegistryClient, RegistryError } from '../registry/client.js';
import { type PieceJob, planPackEntries, planPieceLayers } from '../selective/entries.js';
import { type PackEntry, readPackedDataSize, unstage } from '../selective/pack.js';
import { type FetchStats, addStats } from '../selective/report.js';
import { type StageOptions, stagePiece } from '../selective/stage.js';
import { Arrivals } from '../selective/arrivals.js';
import type { LayerRead, SelectiveViews } from '../selective/views.js';
import { DEFAULT_GZIP_LEVEL, type LayerCompression } from '../spec/types.js';
import { message } from '../util/errors.js';
import type { Logger } from '../util/log.js';
import { NO_PROGRESS, type Progress, renderBytes } from '../util/progress.js';
import { runPool } from '../util/pool.js';

/** Tries per layer upload: a broken upload cannot be resumed, so the layer is sent again. */
const UPLOAD_ATTEMPTS = 3;

/** What writing a piece needs: where to, how, and where its records are kept. */
export interface PieceWriting {
  client: RegistryClient;
  /** SOURCE_DATE_EPOCH: the time of the folders a piece adds above its paths. */
  epoch: number;
  stageDir: string;
  /** Where piece records are kept (piece-records.ts). */
  cacheDir: string;
  /** Records beyond the tool cache (the index repository): asked on a miss, told every piece. */
  pieces?: PieceStore;
  log: Pick<Logger, 'info' | 'warning'>;
  /** How the layers are compressed; default gzip at 6. */
  compression?: LayerCompression;
  /** max-layer-size: the most compressed bytes a layer the compose writes may have (more is cut by path). */
  maxLayerSize?: number;
  /** Counts range fetches, layer uploads and layers copied across registries. */
  progress?: Progress;
  /** Where small staged files are held instead of written, while it has room. */
  memory?: MemoryStage;
  /** Layers written while min was listed (early-parts.ts), taken by their piece key. */
  early?: { take(key: string): Promise<LayerBytes | undefined> };
}

/** How the layers are compressed: the input's, else gzip at 6. */
export const compressionOf = (input: Pick<PieceWriting, 'compression'>): LayerCompression =>
  input.compression ?? { kind: 'gzip', level: DEFAULT_GZIP_LEVEL };

/** What a direct assembly counts as it goes. */
export type Stats = { fetch: FetchStats; written: number; reused: number; uploaded: number };

/**
 * Packs, compresses and sends one layer, starting over on a failed upload. Its transfer counts
 * the file data packed (the compressed size is known only at the end).
 */
export async function uploadLayer(
  client: RegistryClient,
  target: ImageRef,
  entries: readonly PackEntry[],
  name: string,
  input: Pick<PieceWriting, 'log' | 'progress' | 'memory'>,
  compression: LayerCompression,
  beside?: { ready: (stage: string) => Promise<void>; copySize: (e: PackEntry) => number },
): Promise<LayerBytes> {
  const { log, memory } = input;
  // beside its staging, nothing need be staged yet: a hardlink copy's size comes from the index
  const size = await readPackedDataSize(entries, memory, beside?.copySize);
  const ready = beside?.ready;
  for (let attempt = 1; ; attempt++) {
    const session = await client.startUpload(target);
    const transfer = (input.progress ?? NO_PROGRESS).start(`upload ${name} ${renderBytes(size)}`, size);
    try {
      const bytes = await writeLayer(entries, (chunks) => client.sendUpload(session, chunks), {
        keepStaged: true,
        compression,
        onData: (n) => transfer.add(n),
        ...(memory ? { memory } : {}),
        ...(ready ? { ready } : {}),
      });
      await client.finishUpload(session, bytes.digest);
      return bytes;
    } catch (err) {
      transfer.end();
      await client.cancelUpload(session);
      if (!(err instanceof RegistryError) || attempt >= UPLOAD_ATTEMPTS) throw err;
      log.warning(`${name}: sending its layer failed (${message(err)}); sending it again (try ${attempt + 1} of ${UPLOAD_ATTEMPTS})`);
    } finally {
      transfer.end();
    }
  }
}

/**
 * Stages a part's files and packs, compresses and sends its layer at the same time: the packer
 * takes each file as the staging brings it (arrivals.ts), so the layer is on its way while later
 * ranges are still fetched. When the staging fails, its error is the one reported, not the
 * packer's wait on it; when the upload fails, the staging is let finish first, so nothing is
 * left running.
 */
async function stageAndUpload(
  client: RegistryClient,
  ref: ImageRef,
  layers: readonly LayerRead[],
  part: PieceJob,
  staging: StageOptions,
  stats: Stats,
  upload: (ready: (stage: string) => Promise<void>) => Promise<LayerBytes>,
): Promise<LayerBytes> {
  const arrivals = new Arrivals();
  const staged = stagePiece(client, ref, layers, part, { ...staging, arrivals });
  const stagingFailure = staged.then(
    () => undefined,
    (err: unknown) => ({ err }),
  );
  let bytes: LayerBytes;
  try {
    bytes = await upload((stage) => arrivals.wait(stage));
  } catch (err) {
    const failed = await stagingFailure;
    throw failed ? failed.err : err;
  }
  addStats(stats.fetch, await staged);
  return bytes;
}

/**
 * The bytes a hardlink of the piece is packed with when the file it names is not in the piece
 * (the writer copies that file's data): the size the layer's index gives that file.
 */
function linkDataOf(job: PieceJob, layers: readonly LayerRead[]): (e: PackEntry) => number {
  const placed = new Map(job.entries.map((e) => [e.path, e]));
  const byLayer = new Map<number, Map<string, number>>();
  return (e) => {
    const at = placed.get(e.path);
    if (!at || !e.target) return 0;
    let sizes = byLayer.get(at.layer);
    if (!sizes) {
      sizes = new Map((layers[at.layer].index?.entries ?? []).filter((x) => x.type === 'file').map((x) => [x.path, x.size]));
      byLayer.set(at.layer, sizes);
    }
    return sizes.get(e.target) ?? 0;
  };
}

/** One layer of a piece as it will be written: its entries, its label in the log, its record's key. */
export interface PiecePart {
  part: PieceJob;
  entries: PackEntry[];
  label: string;
  key: string;
}

/** A piece's layers as they will be written: one, or under max-layer-size several, cut by path, each with its record's key. */
export function planPieceParts(
  input: Pick<PieceWriting, 'stageDir' | 'epoch' | 'maxLayerSize' | 'compression'>,
  layers: readonly LayerRead[],
  job: PieceJob,
  name: string,
): PiecePart[] {
  const all = planPackEntries(job, layers, input.stageDir, input.epoch);
  const split = input.maxLayerSize ? planLayerSplit(all, planTarBudget(input.maxLayerSize), linkDataOf(job, layers)) : [all];
  return split.map((entries, n) => {
    const paths = new Set(entries.map((e) => e.path));
    const part = split.length === 1 ? job : { piece: job.piece, entries: job.entries.filter((e) => paths.has(e.path)) };
    const label = split.length === 1 ? name : `${name} (layer ${n + 1} of ${split.length})`;
    return { part, entries, label, key: planPieceKey(part, layers, entries, compressionOf(input)) };
  });
}

/**
 * Each job's layers and their parts (planPieceParts), planned once, with the records the piece
 * store holds for them brought in (restorePieceRecords) before they are written.
 */
export async function preparePieceWrites(
  input: PieceWriting,
  jobs: readonly PieceJob[],
  platform: string,
  views: SelectiveViews,
): Promise<Array<{ layers: readonly LayerRead[]; parts: PiecePart[] }>> {
  const planned = planPieceWrites(input, jobs, platform, views);
  await restorePieceRecords(input, planned);
  return planned;
}

/** Each job's layers and their parts (planPieceParts), planned once for the records fetched ahead and for the writing. */
function planPieceWrites(
  input: Pick<PieceWriting, 'stageDir' | 'epoch' | 'maxLayerSize' | 'compression'>,
  jobs: readonly PieceJob[],
  platform: string,
  views: SelectiveViews,
): Array<{ layers: readonly LayerRead[]; parts: PiecePart[] }> {
  return jobs.map((job) => {
    const layers = planPieceLayers(job.piece, platform, views);
    return { layers, parts: planPieceParts(input, layers, job, `${platform} ${job.piece.name}`) };
  });
}

/**
 * The records a piece store holds for these keys that the tool cache lacks, brought in several at
 * once before the pieces are written: a fresh runner whose parts are all in the target is
 * otherwise one round trip after another.
 */
async function restorePieceRecords(input: PieceWriting, planned: ReadonlyArray<{ parts: readonly PiecePart[] }>): Promise<void> {
  const { pieces } = input;
  if (!pieces) return;
  const keys = planned.flatMap((p) => p.parts.map((part) => part.key));
  await runPool([...new Set(keys)], 4, async (key) => {
    if (!(await readPieceRecord(input.cacheDir, key))) await pieces.restore(key, input.cacheDir);
  });
}

/**
 * One piece's layers in `target` (one, or under max-layer-size several, cut by path): each the
 * one its record names when the repository has it, else its entries read by ranges from
 * `ref`'s `layers`, packed and sent (and recorded).
 */
export function writePiece(
  input: PieceWriting,
  ref: ImageRef,
  layers: readonly LayerRead[],
  job: PieceJob,
  name: string,
  target: ImageRef,
  stats: Stats,
): Promise<LayerBytes[]> {
  return writePieceParts(input, ref, layers, planPieceParts(input, layers, job, name), target, stats);
}

/** writePiece with its layers planned already (planPieceParts). */
export async function writePieceParts(
  input: PieceWriting,
  ref: ImageRef,
  layers: readonly LayerRead[],
  parts: readonly PiecePart[],
  target: ImageRef,
  stats: Stats,
): Promise<LayerBytes[]> {
  const { client, log } = input;
  const compression = compressionOf(input);
  const out: LayerBytes[] = [];
  for (const { part, entries, label, key } of parts) {
    const early = await input.early?.take(key);
    if (early) {
      // written while min was listed, from the same entries: logged and recorded then
      stats.written++;
      stats.uploaded += early.size;
      await input.pieces?.save(key, input.cacheDir);
      out.push(early);
      continue;
    }
    let known = await readPieceRecord(input.cacheDir, key);
    if (!known && (await input.pieces?.restore(key, input.cacheDir))) known = await readPieceRecord(input.cacheDir, key);
    let bytes: LayerBytes;
    if (known && (await client.hasBlob(target, known.digest))) {
      bytes = known;
      stats.reused++;
      log.info(`${label}: ${known.digest} is in ${target.repository} already; nothing fetched`);
    } else {
      const staging = {
        stageDir: input.stageDir,
        ...(input.progress ? { progress: input.progress } : {}),
        ...(input.memory ? { memory: input.memory } : {}),
      };
      bytes = await stageAndUpload(client, ref, layers, part, staging, stats, (ready) =>
        uploadLayer(client, target, entries, label, input, compression, { ready, copySize: linkDataOf(part, layers) }),
      );
      if (input.maxLayerSize && bytes.size > input.maxLayerSize) {
        const largest = entries.reduce((a, b) => (b.size > a.size ? b : a));
        throw new Error(
          `${label}: its layer is ${bytes.size} bytes compressed, more than max-layer-size (${input.maxLayerSize}); "${largest.path}" alone is ${largest.size} bytes: raise max-layer-size`,
        );
      }
      await Promise.all(entries.map((e) => (e.stage ? unstage(e.stage, input.memory) : undefined)));
      await writePieceRecord(input.cacheDir, key, bytes).catch((err: unknown) =>
        log.warning(`could not keep the record of ${label}'s layer: ${message(err)}`),
      );
      stats.written++;
      stats.uploaded += bytes.size;
      log.info(`${label}: ${part.entries.length} entries, ${bytes.size} B compressed (${bytes.digest})`);
    }
    // The store learns every piece, also those recorded before it was given.
    await input.pieces?.save(key, input.cacheDir);
    out.push(bytes);
  }
  return out;
}
