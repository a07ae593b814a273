// Direct assembly: the result of a selective compose written by the action, with no engine
// and no BuildKit: min's layers made present in the target repository, each piece packed into
// one gzip layer streamed to the registry, then config, manifests and index. docs/assemblies.md.
import { rm } from 'node:fs/promises';
import { type LayerBytes, writeLayer } from './layer-writer.js';
import { RegistryClient, RegistryError } from '../registry/client.js';
import { type WrittenLayer, encodeJson, planImageConfig, planIndex, planManifest } from '../oci/image.js';
import { type PackEntry, readPackedDataSize } from '../selective/pack.js';
import { readPieceRecord, planPieceKey, writePieceRecord } from './piece-records.js';
import type { PieceStore } from './piece-repository.js';
import type { ComposePlan, Sources } from '../plan/plan.js';
import { MountFallbacks, copyBlob, distinctRepositories } from '../registry/copy.js';
import type { ImageRef } from '../oci/reference.js';
import type { PartSize, PlatformReport } from '../report/types.js';
import { type PieceJob, planPackEntries, planPieceJobs } from '../selective/entries.js';
import { type FetchStats, addStats, emptyStats } from '../selective/report.js';
import { stagePiece } from '../selective/stage.js';
import { type LayerRead, type SelectiveViews, readLayerIndex } from '../selective/views.js';
import { message } from '../util/errors.js';
import { type Logger } from '../util/log.js';
import { runPool } from '../util/pool.js';
import { NO_PROGRESS, type Progress, renderBytes } from '../util/progress.js';
import { type Descriptor, MEDIA, type Manifest, type ResolvedImage } from '../oci/types.js';
import { sha256 } from '../oci/digest.js';
import { planAnnotations } from '../oci/annotations.js';
import { DEFAULT_GZIP_LEVEL } from '../spec/types.js';
import type { TrimPlan } from '../plan/trim.js';
import type { LayerIndex } from '../layer/index-format.js';
import { type TrimmedLayer, planBaseJob, planTrimmedMin } from './trim-base.js';

/** Tries per layer upload: a broken upload cannot be resumed, so the layer is sent again. */
const UPLOAD_ATTEMPTS = 3;

export interface DirectInput {
  client: RegistryClient;
  plan: ComposePlan;
  views: SelectiveViews;
  sources: Sources;
  full: ImageRef;
  min: ImageRef;
  tags: ImageRef[];
  epoch: number;
  /** `key=value`: the labels input and the compose key label. */
  labels: string[];
  /** Buildx `--annotation` syntax: the annotations input and the compose key's. */
  annotations: string[];
  /** Named in the config's history, e.g. "triton-compose 0.1.0". */
  tool: string;
  stageDir: string;
  /** Where piece records are kept (piece-records.ts). */
  cacheDir: string;
  /** Records beyond the tool cache (the index repository): asked on a miss, told every piece. */
  pieces?: PieceStore;
  log: Pick<Logger, 'info' | 'warning'>;
  /** The gzip level of the part layers; default 6. */
  level?: number;
  /** Pieces written at once; default 2 (gzip takes a core each). */
  concurrency?: number;
  /** Counts range fetches, part-layer uploads and layers copied across registries. */
  progress?: Progress;
  /** trim: what of min each platform's base keeps (plan/trim.ts); absent: min's layers as they are. */
  trim?: Record<string, TrimPlan>;
}

export interface DirectResult {
  /** The manifest (or index) the tags name: with its size, the descriptor an SBOM refers to. */
  digest: string;
  mediaType: string;
  size: number;
  platforms: PlatformReport[];
  /** Bytes sent to the registry (blobs it lacked). */
  uploaded: number;
  fetch: FetchStats;
  /** Part layers written now, and those the repository held already (nothing fetched for them). */
  written: number;
  reused: number;
  /** trim: per platform, min's layers written anew, by their place in min. */
  trimmed: Record<string, Map<number, TrimmedLayer>>;
}

/** What a direct assembly counts as it goes. */
type Stats = { fetch: FetchStats; written: number; reused: number; uploaded: number };

/**
 * Packs, compresses and sends one layer, starting over on a failed upload. Its transfer counts
 * the file data packed (the compressed size is known only at the end).
 */
async function uploadLayer(
  client: RegistryClient,
  target: ImageRef,
  entries: readonly PackEntry[],
  name: string,
  input: Pick<DirectInput, 'log' | 'progress'>,
  level: number,
): Promise<LayerBytes> {
  const { log } = input;
  const size = await readPackedDataSize(entries);
  for (let attempt = 1; ; attempt++) {
    const session = await client.startUpload(target);
    const transfer = (input.progress ?? NO_PROGRESS).start(`upload ${name} ${renderBytes(size)}`, size);
    try {
      const bytes = await writeLayer(entries, (chunks) => client.sendUpload(session, chunks), {
        keepStaged: true,
        level,
        onData: (n) => transfer.add(n),
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
 * One piece's layer in `target`: the one its record names when the repository has it, else its
 * entries read by ranges from `ref`'s `layers`, packed and sent (and recorded).
 */
async function writePiece(
  input: DirectInput,
  ref: ImageRef,
  layers: readonly LayerRead[],
  job: PieceJob,
  name: string,
  target: ImageRef,
  stats: Stats,
): Promise<LayerBytes> {
  const { client, log } = input;
  const entries = planPackEntries(job, layers, input.stageDir, input.epoch);
  const level = input.level ?? DEFAULT_GZIP_LEVEL;
  const key = planPieceKey(job, layers, entries, level);
  let known = await readPieceRecord(input.cacheDir, key);
  if (!known && (await input.pieces?.restore(key, input.cacheDir))) known = await readPieceRecord(input.cacheDir, key);
  let bytes: LayerBytes;
  if (known && (await client.hasBlob(target, known.digest))) {
    bytes = known;
    stats.reused++;
    log.info(`${name}: ${known.digest} is in ${target.repository} already; nothing fetched`);
  } else {
    const staging = { stageDir: input.stageDir, ...(input.progress ? { progress: input.progress } : {}) };
    addStats(stats.fetch, await stagePiece(client, ref, layers, job, staging));
    bytes = await uploadLayer(client, target, entries, name, input, level);
    await Promise.all(entries.map((e) => (e.stage ? rm(e.stage, { force: true }) : undefined)));
    await writePieceRecord(input.cacheDir, key, bytes).catch((err: unknown) =>
      log.warning(`could not keep the record of ${name}'s layer: ${message(err)}`),
    );
    stats.written++;
    stats.uploaded += bytes.size;
    log.info(`${name}: ${job.entries.length} entries, ${bytes.size} B compressed (${bytes.digest})`);
  }
  // The store learns every piece, also those recorded before it was given.
  await input.pieces?.save(key, input.cacheDir);
  return bytes;
}

/** One platform's part layers, in Dockerfile order. */
async function writeLayers(
  input: DirectInput,
  platform: string,
  target: ImageRef,
  stats: Stats,
): Promise<{ jobs: PieceJob[]; layers: WrittenLayer[] }> {
  const layers: readonly LayerRead[] = input.views.layers[platform];
  const jobs = planPieceJobs(input.plan, platform, input.views);
  const out: WrittenLayer[] = new Array(jobs.length);
  await runPool([...jobs.keys()], input.concurrency ?? 2, async (i) => {
    const job = jobs[i];
    const bytes = await writePiece(input, input.full, layers, job, `${platform} ${job.piece.name}`, target, stats);
    out[i] = { name: job.piece.name, ...bytes, paths: job.piece.keep };
  });
  return { jobs, layers: out };
}

/**
 * Min's layers made present in `target`: copied as they are, or, where a trim drops files,
 * written anew from the kept entries (read by ranges of min's layer, indexed for it). Returns
 * min's image with the trimmed layers in place.
 */
async function writeBase(
  input: DirectInput,
  platform: string,
  target: ImageRef,
  stats: Stats,
  fallbacks: MountFallbacks,
): Promise<{ min: ResolvedImage; trimmed: Map<number, TrimmedLayer> }> {
  const { client } = input;
  const min = input.sources.min.platforms[platform];
  const trim = input.trim?.[platform];
  const trimmed = new Map<number, TrimmedLayer>();
  const reads: LayerRead[] = min.manifest.layers.map((d) => ({ digest: d.digest, how: 'shared', size: d.size }));
  await runPool([...min.manifest.layers.keys()], 4, async (i) => {
    const d = min.manifest.layers[i];
    const t = trim?.layers[i];
    if (!t || t.dropped === 0) {
      // Counted once the copy is done: `+= await` would read the total before the await and lose the others' bytes.
      const sent = await copyBlob(client, input.min, target, d, { progress: input.progress, fallbacks });
      stats.uploaded += sent;
      return;
    }
    reads[i] = await readLayerIndex(client, input.min, d, {
      cacheDir: input.cacheDir,
      ...(input.progress ? { progress: input.progress } : {}),
    });
  });
  if (!trim) return { min, trimmed };
  const jobs = trim.layers.flatMap((t, i) => (t.dropped > 0 ? [i] : []));
  await runPool(jobs, input.concurrency ?? 2, async (i) => {
    const t = trim.layers[i];
    const job = planBaseJob(t, i, reads[i].index as LayerIndex);
    const bytes = await writePiece(input, input.min, reads, job, `${platform} ${job.piece.name} (trim: ${trim.level})`, target, stats);
    trimmed.set(i, { ...bytes, dropped: t.dropped, droppedBytes: t.droppedBytes });
  });
  return { min: planTrimmedMin(min, trimmed, trim.level), trimmed };
}

function platformReport(
  platform: string,
  input: DirectInput,
  base: readonly Descriptor[],
  trimmed: ReadonlyMap<number, TrimmedLayer>,
  layers: readonly WrittenLayer[],
  jobs: readonly PieceJob[],
): PlatformReport {
  const tarSizes = new Map([...trimmed.values()].map((t) => [t.digest, t.tarSize]));
  const tarOf = (d: string) => tarSizes.get(d) ?? input.views.tocs.get(d)?.tarSize ?? 0;
  const parts: PartSize[] = [
    {
      name: 'base',
      kind: 'base',
      digests: base.map((l) => l.digest),
      size: base.reduce((n, l) => n + l.size, 0),
      uncompressedSize: base.reduce((n, l) => n + tarOf(l.digest), 0),
    },
    ...layers.map((l, i) => ({ name: l.name, kind: jobs[i].piece.kind, digests: [l.digest], size: l.size, uncompressedSize: l.tarSize })),
  ];
  return {
    platform,
    size: parts.reduce((n, p) => n + p.size, 0),
    uncompressedSize: parts.reduce((n, p) => n + p.uncompressedSize, 0),
    parts,
  };
}

interface PlatformImage {
  platform: string;
  /** trim: min's layers written anew, by their place in min. */
  trimmed: Map<number, TrimmedLayer>;
  manifest: Manifest;
  body: Buffer;
  descriptor: Descriptor;
  report: PlatformReport;
}

/** One platform's image in `target`: min's layers made present, the part layers, the config; the manifest is planned, not put. */
async function writePlatformImage(
  input: DirectInput,
  platform: string,
  target: ImageRef,
  annotations: ReturnType<typeof planAnnotations>,
  stats: Stats,
  fallbacks: MountFallbacks,
): Promise<PlatformImage> {
  const { client } = input;
  const { min, trimmed } = await writeBase(input, platform, target, stats, fallbacks);
  const { jobs, layers } = await writeLayers(input, platform, target, stats);
  const config = planImageConfig({ min, plan: input.plan, labels: input.labels, epoch: input.epoch, layers, tool: input.tool });
  const configBody = encodeJson(config);
  const configDesc: Descriptor = { mediaType: MEDIA.ociConfig, digest: sha256(configBody), size: configBody.length };
  if (await client.pushBlob(target, configDesc.digest, configBody)) stats.uploaded += configBody.length;
  const manifest = planManifest(configDesc, min.manifest.layers, layers, annotations.manifest[platform] ?? {});
  const body = encodeJson(manifest);
  const descriptor: Descriptor = {
    mediaType: MEDIA.ociManifest,
    digest: sha256(body),
    size: body.length,
    platform: { os: config.os, architecture: config.architecture, ...(config.variant ? { variant: config.variant } : {}) },
    ...(Object.keys(annotations.manifestDescriptor[platform] ?? {}).length
      ? { annotations: annotations.manifestDescriptor[platform] }
      : {}),
  };
  const report = platformReport(platform, input, min.manifest.layers, trimmed, layers, jobs);
  return { platform, trimmed, manifest, body, descriptor, report };
}

/**
 * The document the tags name: the one manifest, or for several platforms an index (each
 * platform's manifest put into every repository first).
 */
async function putPlatformManifests(
  client: RegistryClient,
  repos: readonly ImageRef[],
  images: readonly PlatformImage[],
  indexAnnotations: ReturnType<typeof planAnnotations>['index'],
): Promise<{ digest: string; mediaType: string; body: Buffer }> {
  if (images.length === 1) return { digest: images[0].descriptor.digest, mediaType: MEDIA.ociManifest, body: images[0].body };
  for (const repo of repos) for (const img of images) await client.putManifest(repo, img.descriptor.digest, img.body, MEDIA.ociManifest);
  const body = encodeJson(
    planIndex(
      images.map((i) => i.descriptor),
      indexAnnotations,
    ),
  );
  return { digest: sha256(body), mediaType: MEDIA.ociIndex, body };
}

/** Writes the image to the first tag's repository and puts it by every tag. */
export async function assembleDirect(input: DirectInput): Promise<DirectResult> {
  const { client } = input;
  const [target, ...others] = distinctRepositories(input.tags);
  if (!target) throw new Error('a direct assembly needs a tag to push to');
  const annotations = planAnnotations(input.annotations, input.plan.platforms);
  const stats: Stats = { fetch: emptyStats(), written: 0, reused: 0, uploaded: 0 };
  const images: PlatformImage[] = [];
  const fallbacks = new MountFallbacks();
  for (const p of input.plan.platforms) images.push(await writePlatformImage(input, p, target, annotations, stats, fallbacks));
  for (const repo of others) {
    for (const img of images)
      for (const d of [img.manifest.config, ...img.manifest.layers])
        stats.uploaded += await copyBlob(client, target, repo, d, { progress: input.progress, fallbacks });
  }
  for (const line of fallbacks.render()) input.log.info(line);
  const top = await putPlatformManifests(client, [target, ...others], images, annotations.index);
  for (const tag of input.tags) await client.putManifest(tag, tag.tag ?? top.digest, top.body, top.mediaType);
  return {
    digest: top.digest,
    mediaType: top.mediaType,
    size: top.body.length,
    platforms: images.map((i) => i.report),
    uploaded: stats.uploaded,
    fetch: stats.fetch,
    written: stats.written,
    reused: stats.reused,
    trimmed: Object.fromEntries(images.map((i) => [i.platform, i.trimmed])),
  };
}
