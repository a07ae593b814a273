// Direct assembly: the result of a selective compose written by the action, with no engine
// and no BuildKit: min's layers made present in the target repository (mounted, or written
// anew where a trim drops files or max-layer-size cuts them), each piece packed into a gzip
// layer (several, cut by path, under max-layer-size) streamed to the registry
// (write-piece.ts), then config, manifests and index. docs/assemblies.md.
import { RegistryClient } from '../registry/client.js';
import { type WrittenLayer, encodeJson, planImageConfig, planIndex, planManifest } from '../oci/image.js';
import type { ComposePlan, Sources } from '../plan/plan.js';
import { MountFallbacks, copyBlob, distinctRepositories } from '../registry/copy.js';
import type { ImageRef } from '../oci/reference.js';
import type { PartSize, PlatformReport } from '../report/types.js';
import { planPlatformReport } from './platform-report.js';
import { type PieceJob, planPieceJobs } from '../selective/entries.js';
import { refOf } from '../selective/stage.js';
import { planPieces } from '../plan/pieces.js';
import { type FetchStats, addStats, emptyStats } from '../selective/report.js';
import { type LayerRead, type SelectiveViews, readLayerIndex } from '../selective/views.js';
import { runPool } from '../util/pool.js';
import { type Descriptor, MEDIA, type Manifest, type ResolvedImage, layerMediaType } from '../oci/types.js';
import { sha256 } from '../oci/digest.js';
import { planAnnotations } from '../oci/annotations.js';
import type { LayerTrim, TrimPlan } from '../plan/trim.js';
import type { LayerIndex } from '../layer/index-format.js';
import { type RewrittenLayer, planBaseJob, planTrimmedMin, planWholeLayer } from './trim-base.js';
import type { PieceWriting, Stats } from './write-piece.js';
import { compressionOf, preparePieceWrites, uploadLayer, writePiece, writePieceParts } from './write-piece.js';
import type { LayerBytes } from './layer-writer.js';
import { type AddedTree, planAddedLayer } from '../selective/added.js';
import { chainPieceStores } from './piece-repository.js';
import { MemoryStage } from '../layer/memory-stage.js';
import type { EarlyParts } from './early-parts.js';

/**
 * The most bytes of files held in memory between their ranges and their tars (beyond it they go
 * to the staging folder): a dependency set of thousands of files and a backend's large library
 * fit together, and the peak resident set stays under the 1 GB the benchmark allows a compose.
 */
export const MEMORY_STAGE_BYTES = 384 * 1024 * 1024;

/** The most layers an image may have for Docker's engine to run it (moby's layer store: maxLayerDepth). */
const MAX_LAYERS = 125;

/** Fails when `count` layers are more than Docker's engine stacks. */
function checkLayerCount(platform: string, count: number, atLeast = false): void {
  if (count > MAX_LAYERS)
    throw new Error(
      `${platform}: the image would have ${atLeast ? 'at least ' : ''}${count} layers, more than the ${MAX_LAYERS} Docker's engine stacks: raise max-layer-size, or add fewer entries`,
    );
}

export interface DirectInput extends PieceWriting {
  plan: ComposePlan;
  views: SelectiveViews;
  sources: Sources;
  full: ImageRef;
  /** The sources input's images, by name: a piece with a source is read from its image. */
  extraSources?: Record<string, ImageRef>;
  min: ImageRef;
  tags: ImageRef[];
  /** `key=value`: the labels input and the compose key label. */
  labels: string[];
  /** Buildx `--annotation` syntax: the annotations input and the compose key's. */
  annotations: string[];
  /** Named in the config's history, e.g. "triton-compose 0.1.0". */
  tool: string;
  /** Pieces written at once; default 2 (gzip takes a core each). */
  concurrency?: number;
  /** trim: what of min each platform's base keeps (plan/trim.ts); absent: min's layers as they are. */
  trim?: Record<string, TrimPlan>;
  /** add: the workspace's files, a layer each after the parts (selective/added.ts). */
  added?: AddedTree[];
  /** Parts written while min was listed: taken by the pieces, and waited for before the manifests. */
  early?: EarlyParts;
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
  /** Per platform, min's layers written anew (trim, max-layer-size), by their place in min. */
  rewritten: Record<string, Map<number, RewrittenLayer>>;
}

/**
 * The order pieces are written in: the most file data first, so the largest part does not
 * start last and finish alone while the other lanes sit idle (the manifest keeps Dockerfile
 * order whatever the order of writing). Ties keep Dockerfile order. Pure.
 */
export function planWriteOrder(jobs: readonly Pick<PieceJob, 'entries'>[]): number[] {
  const bytes = jobs.map((j) => j.entries.reduce((n, e) => n + (e.type === 'file' ? e.size : 0), 0));
  return [...jobs.keys()].sort((a, b) => bytes[b] - bytes[a] || a - b);
}

/** One platform's part layers, in Dockerfile order: per piece, its layer (or layers, under max-layer-size). */
async function writeLayers(
  input: DirectInput,
  platform: string,
  target: ImageRef,
  stats: Stats,
): Promise<{ jobs: PieceJob[]; layers: WrittenLayer[][] }> {
  const jobs = planPieceJobs(input.plan, platform, input.views);
  const refs = { full: input.full, extra: input.extraSources ?? {} };
  const out: WrittenLayer[][] = new Array(jobs.length);
  const planned = await preparePieceWrites(input, jobs, platform, input.views);
  await runPool(planWriteOrder(jobs), input.concurrency ?? 2, async (i) => {
    const job = jobs[i];
    const { layers, parts } = planned[i];
    const written = await writePieceParts(input, refOf(refs, job.piece), layers, parts, target, stats);
    out[i] = written.map((bytes, n) => ({
      name: written.length === 1 ? job.piece.name : `${job.piece.name} (layer ${n + 1} of ${written.length})`,
      ...bytes,
      paths: job.piece.add ? [job.piece.add.dest] : job.piece.keep,
    }));
  });
  return { jobs, layers: out };
}

/**
 * add's layers, one per entry, after the parts: packed from the staged copies and sent. An add
 * layer is the same on every platform, so it is packed and sent once (`done` keeps it for the
 * platforms after the first).
 */
async function writeAddedLayers(
  input: DirectInput,
  platform: string,
  target: ImageRef,
  stats: Stats,
  done: Map<AddedTree, LayerBytes>,
): Promise<WrittenLayer[]> {
  const out: WrittenLayer[] = [];
  for (const tree of input.added ?? []) {
    let bytes = done.get(tree);
    if (!bytes) {
      const entries = planAddedLayer(tree, input.plan, input.epoch);
      bytes = await uploadLayer(input.client, target, entries, `${platform} ${tree.name}`, input, compressionOf(input));
      done.set(tree, bytes);
      stats.written++;
      stats.uploaded += bytes.size;
      input.log.info(`${platform} ${tree.name}: ${entries.length} entries, ${bytes.size} B compressed (${bytes.digest})`);
    }
    out.push({ name: tree.name, ...bytes, paths: [tree.spec.dest] });
  }
  return out;
}

/** Per layer of min, how it is written anew (a trim drops files, max-layer-size cuts it), or undefined: it goes as it is. */
function planBaseRewrites(input: DirectInput, platform: string): Array<LayerTrim | undefined> {
  const trim = input.trim?.[platform];
  const limit = input.maxLayerSize;
  return input.sources.min.platforms[platform].manifest.layers.map((d, i) => {
    const t = trim?.layers[i];
    if (t && t.dropped > 0) return t;
    if (limit && d.size > limit) return planWholeLayer(d.digest, d.size, input.views.tocs.get(d.digest)?.entries ?? [], limit);
    return undefined;
  });
}

/**
 * Min's layers and the part layers in `target`. Layers of min that go as they are (mounted, or
 * copied across registries, which the link bounds) are sent beside the parts (which the CPU
 * bounds); a base written anew goes first, so its files and the parts' do not share the memory
 * at once. Both are waited for before a failure is reported, so nothing writes on after it.
 */
async function writeBaseAndParts(input: DirectInput, platform: string, target: ImageRef, stats: Stats, fallbacks: MountFallbacks) {
  const plans = planBaseRewrites(input, platform);
  const base = () => writeBase(input, platform, plans, target, stats, fallbacks);
  const parts = () => writeLayers(input, platform, target, stats);
  if (plans.some((p) => p !== undefined)) return { ...(await base()), ...(await parts()) };
  const [b, p] = await Promise.allSettled([base(), parts()]);
  if (b.status === 'rejected') throw b.reason;
  if (p.status === 'rejected') throw p.reason;
  return { ...b.value, ...p.value };
}

/**
 * Min's layers made present in `target`: copied as they are, or written anew where `plans`
 * says a trim drops files or max-layer-size cuts a layer (from the kept entries, read by ranges
 * of min's layer, indexed for it). Returns min's image with those layers in place.
 */
async function writeBase(
  input: DirectInput,
  platform: string,
  plans: ReadonlyArray<LayerTrim | undefined>,
  target: ImageRef,
  stats: Stats,
  fallbacks: MountFallbacks,
): Promise<{ min: ResolvedImage; rewritten: Map<number, RewrittenLayer> }> {
  const { client } = input;
  const min = input.sources.min.platforms[platform];
  const trim = input.trim?.[platform];
  const rewritten = new Map<number, RewrittenLayer>();
  const reads: LayerRead[] = min.manifest.layers.map((d) => ({ digest: d.digest, how: 'shared', size: d.size }));
  await runPool([...min.manifest.layers.keys()], 4, async (i) => {
    const d = min.manifest.layers[i];
    if (!plans[i]) {
      // Counted once the copy is done: `+= await` would read the total before the await and lose the others' bytes.
      const sent = await copyBlob(client, input.min, target, d, { progress: input.progress, fallbacks });
      stats.uploaded += sent;
      return;
    }
    reads[i] = await readLayerIndex(client, input.min, d, {
      cacheDir: input.cacheDir,
      // a trim's layers were indexed (and what it keeps staged) as they were listed; a layer only
      // cut by size is indexed here, on one stream that stages what it keeps
      stage: { dir: input.stageDir, keep: (plans[i] as LayerTrim).keep },
      ...(input.progress ? { progress: input.progress } : {}),
    });
  });
  const jobs = plans.flatMap((t, i) => (t ? [i] : []));
  await runPool(jobs, input.concurrency ?? 2, async (i) => {
    const t = plans[i] as LayerTrim;
    const job = planBaseJob(t, i, reads[i].index as LayerIndex);
    const why = t.dropped > 0 ? `trim: ${trim?.level ?? 'none'}` : 'max-layer-size';
    const layers = await writePiece(input, input.min, reads, job, `${platform} ${job.piece.name} (${why})`, target, stats);
    rewritten.set(i, { layers, dropped: t.dropped, droppedBytes: t.droppedBytes });
  });
  return { min: planTrimmedMin(min, rewritten, trim?.level ?? 'none', layerMediaType(compressionOf(input).kind)), rewritten };
}

interface PlatformImage {
  platform: string;
  /** min's layers written anew (trim, max-layer-size), by their place in min. */
  rewritten: Map<number, RewrittenLayer>;
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
  addedDone: Map<AddedTree, LayerBytes>,
): Promise<PlatformImage> {
  const { client } = input;
  // Before a byte is sent: min's layers, a layer per piece and per add entry at least.
  const pieces = planPieces(input.plan, platform).length;
  checkLayerCount(platform, input.sources.min.platforms[platform].manifest.layers.length + pieces + (input.added?.length ?? 0), true);
  const { min, rewritten, jobs, layers: written } = await writeBaseAndParts(input, platform, target, stats, fallbacks);
  const added = await writeAddedLayers(input, platform, target, stats, addedDone);
  // The parts in Dockerfile order, then add's entries in the input's order (an image's is a piece).
  const partCount = jobs.filter((j) => !j.piece.add).length;
  const perPiece = written.slice(0, partCount);
  const names: Array<{ name: string; kind: PartSize['kind']; source?: string; from?: string }> = jobs
    .slice(0, partCount)
    .map((j) => ({ name: j.piece.name, kind: j.piece.kind, ...(j.piece.source ? { source: j.piece.source } : {}) }));
  const order = input.plan.added ?? (input.added ?? []).map((t) => ({ name: t.name, file: t.file, image: undefined }));
  for (const a of order) {
    const i = a.image ? jobs.findIndex((j) => j.piece.file === a.file) : -1;
    const layer = a.image ? undefined : added.find((l) => l.name === a.name);
    if (i >= 0) perPiece.push(written[i]);
    else if (layer) perPiece.push([layer]);
    else throw new Error(`${a.name}: no layer was written`);
    names.push({ name: a.name, kind: 'add', ...(a.image ? { from: a.image.from } : {}) });
  }
  const layers = perPiece.flat();
  const config = planImageConfig({ min, plan: input.plan, labels: input.labels, epoch: input.epoch, layers, tool: input.tool });
  const configBody = encodeJson(config);
  const configDesc: Descriptor = { mediaType: MEDIA.ociConfig, digest: sha256(configBody), size: configBody.length };
  if (await client.pushBlob(target, configDesc.digest, configBody)) stats.uploaded += configBody.length;
  const manifest = planManifest(
    configDesc,
    min.manifest.layers,
    layers,
    annotations.manifest[platform] ?? {},
    layerMediaType(compressionOf(input).kind),
  );
  checkLayerCount(platform, manifest.layers.length);
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
  const report = planPlatformReport(platform, input.views.tocs, min.manifest.layers, rewritten, perPiece, names);
  return { platform, rewritten, manifest, body, descriptor, report };
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
  const addedDone = new Map<AddedTree, LayerBytes>();
  // The parts' files are held in memory between their ranges and their tars, while there is room.
  // a chain of one remembers what its store lacks (asked before the pieces are written, not again)
  // and what it gave (not saved back at the end)
  const pieces = input.pieces ? chainPieceStores([input.pieces]) : undefined;
  const writing: DirectInput = {
    ...input,
    memory: input.memory ?? new MemoryStage(MEMORY_STAGE_BYTES),
    ...(pieces ? { pieces } : {}),
  };
  for (const p of input.plan.platforms) images.push(await writePlatformImage(writing, p, target, annotations, stats, fallbacks, addedDone));
  for (const repo of others) {
    for (const img of images)
      for (const d of [img.manifest.config, ...img.manifest.layers])
        stats.uploaded += await copyBlob(client, target, repo, d, { progress: input.progress, fallbacks });
  }
  for (const line of fallbacks.render()) input.log.info(line);
  const early = await input.early?.settle();
  if (early) {
    addStats(stats.fetch, early.fetch);
    stats.uploaded += early.untaken;
  }
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
    rewritten: Object.fromEntries(images.map((i) => [i.platform, i.rewritten])),
  };
}
