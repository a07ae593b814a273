// What the source images hold: their layers' listings merged into one view per platform
// (selective: with full's own layers indexed for range reads, read once cold when no index is
// cached), and the sizes of the sources the report names.
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { fail, errorText, record } from '../context.js';
import type { LayerToc } from '../../layer/contents.js';
import type { Sources } from '../../plan/plan.js';
import { type Piece, planColdKeep, planEarlyPieces, planExtraColdKeep } from '../../plan/pieces.js';
import { type TrimPlan, isWhiteout, planSafeDrop } from '../../plan/trim.js';
import { readSourceViews } from '../../plan/resolve.js';
import { formatBytes, sourceLabel } from '../../report/format.js';
import { type ImageRef, formatName } from '../../oci/reference.js';
import { distinctRepositories } from '../../registry/copy.js';
import { planAssembly } from '../../spec/assembly.js';
import type { Spec } from '../../spec/types.js';
import { type SelectiveViews, readSelectiveViews } from '../../selective/views.js';
import { InputError } from '../../spec/lists.js';
import { layerCompressionOf } from '../../spec/types.js';
import { MEMORY_STAGE_BYTES } from '../../direct/assemble.js';
import { EarlyParts } from '../../direct/early-parts.js';
import { MemoryStage } from '../../layer/memory-stage.js';
import type { Restored } from './caches.js';
import { planSourceReports } from './resolve.js';

export interface Viewed extends Restored {
  /** Selective source: the views with full's layer indexes; absent for source: buildkit. */
  selective?: SelectiveViews;
  sources: Sources;
  tocs: Map<string, LayerToc>;
  /** Where the selective reads stage the entries they keep (removed by the stage that uses them). */
  stageDir: string;
  /** trim: what of min each platform's base keeps (stages/trim.ts). */
  trim?: Record<string, TrimPlan>;
  /** trim: the paths of min's final view each platform's base removes (planDropPaths), for Buildx and the SBOM. */
  dropPaths?: Record<string, string[]>;
  /** Direct assembly: the parts written while min was listed (with the memory stage they and the assembly share). */
  early?: EarlyParts;
}

/**
 * Where min's layers go as they are, when that is another registry than min's: the direct
 * assembly's first repository, unless a trim (or max-layer-size, for a layer above it) may
 * write a layer anew. A cold listing of such a layer copies it there from the same stream, so
 * it crosses the link down once, not twice. Undefined when nothing is copied across. Pure.
 */
export function planMinCopy(spec: Spec, tags: ImageRef[]): { to: ImageRef; upTo?: number } | undefined {
  // planAssembly: a buildkit source is built by Buildx, so it is no direct assembly either
  if (spec.dryRun || spec.trim.level !== 'none' || planAssembly(spec).mode !== 'direct') return undefined;
  const [to] = distinctRepositories(tags);
  if (!to || to.registry === spec.images.min.registry) return undefined;
  return { to, ...(spec.maxLayerSize !== undefined ? { upTo: spec.maxLayerSize } : {}) };
}

/**
 * Whether min's layers are indexed as they are listed, and what of them that stream stages: a
 * trim written directly writes anew the layers that lose files, from what it keeps of them
 * (Buildx trims in its own build, a dry run writes nothing). What `safe` keeps is staged, by
 * the same rules and patterns, as `needed` keeps less; the plan is made only once every layer is
 * listed, and what it does not keep is removed with the staging folder. Undefined when min is
 * only listed. Pure.
 */
export function planMinIndex(spec: Spec): { stage: (path: string) => boolean } | undefined {
  if (spec.dryRun || spec.trim.level === 'none' || planAssembly(spec).mode !== 'direct') return undefined;
  const dropped = planSafeDrop(spec.trim);
  // a whiteout stays where it is, whatever the rules say of its folder
  return { stage: (path) => !dropped(path) || isWhiteout(path) };
}

/**
 * Where the parts the full image gives may be written while min is still listed: the direct
 * assembly's first repository, with the pieces as the plan will make them (planEarlyPieces).
 * Undefined when the compose writes no image itself (Buildx, a dry run) or no such part is
 * named. Pure.
 */
export function planEarlyParts(spec: Spec, tags: ImageRef[]): { to: ImageRef; pieces: Piece[] } | undefined {
  if (spec.dryRun || spec.source !== 'selective' || planAssembly(spec).mode !== 'direct') return undefined;
  const [to] = distinctRepositories(tags);
  const pieces = planEarlyPieces(spec);
  return to && pieces.length ? { to, pieces } : undefined;
}

const copyFailed = (digest: string, to: ImageRef, err: unknown) =>
  `${digest}: copying it to ${formatName(to)} beside its listing failed (${errorText(err)}); it is copied when the image is written`;

async function readSelective(ctx: Restored, stageDir: string, early: Viewed['early']): Promise<SelectiveViews> {
  const { log, opts } = ctx;
  log.startGroup("Reading the full image's layer indexes");
  const copy = planMinCopy(ctx.spec, ctx.tagRefs);
  const index = planMinIndex(ctx.spec);
  try {
    const views = await readSelectiveViews(ctx.registry, ctx.spec, ctx.images, ctx.platforms, {
      cacheDir: opts.cacheDir,
      stageDir,
      coldKeep: planColdKeep(ctx.spec),
      extraColdKeep: planExtraColdKeep(ctx.spec),
      progress: ctx.progress,
      onCold: (digest, size) => log.info(`${digest} (${formatBytes(size)}): no cached index; streaming it once to index it`),
      ...(copy ? { copyMin: { ...copy, onFail: (digest, err) => log.info(copyFailed(digest, copy.to, err)) } } : {}),
      ...(index ? { indexMin: index } : {}),
      ...(early ? { onOwnIndexed: (platform, layers, tocs) => early.start(platform, layers, tocs) } : {}),
    });
    if (copy && views.copied)
      log.info(`Copied ${formatBytes(views.copied)} of min's layers to ${formatName(copy.to)} from the streams that listed them`);
    return views;
  } catch (err) {
    await early?.settle();
    await rm(stageDir, { recursive: true, force: true });
    if (err instanceof InputError) throw err;
    return fail(ctx, `reading the layers of ${ctx.fullPinned} failed: ${errorText(err)}`);
  } finally {
    log.endGroup();
  }
}

/** source: buildkit: the sources' tables of contents (a layer not listed before is streamed once). */
async function readListings(ctx: Restored): Promise<Pick<SelectiveViews, 'sources' | 'tocs'>> {
  ctx.log.startGroup("Listing the source images' layers");
  try {
    return await readSourceViews(ctx.registry, ctx.spec, ctx.images, ctx.platforms, ctx.opts.cacheDir, ctx.progress);
  } finally {
    ctx.log.endGroup();
  }
}

/** How the compose writes piece layers, as the direct assembly and the parts written while min is listed both do. */
export function pieceWritingOf(ctx: Restored, stageDir: string) {
  return {
    client: ctx.registry,
    epoch: ctx.epoch,
    stageDir,
    cacheDir: ctx.opts.cacheDir,
    log: ctx.log,
    compression: layerCompressionOf(ctx.spec),
    ...(ctx.spec.maxLayerSize !== undefined ? { maxLayerSize: ctx.spec.maxLayerSize } : {}),
    progress: ctx.progress,
  };
}

/** The parts written while min is listed, when planEarlyParts says where; with a memory stage the assembly will share. */
function startEarlyParts(ctx: Restored, stageDir: string): EarlyParts | undefined {
  const at = planEarlyParts(ctx.spec, ctx.tagRefs);
  if (!at) return undefined;
  const writing = { ...pieceWritingOf(ctx, stageDir), memory: new MemoryStage(MEMORY_STAGE_BYTES) };
  return new EarlyParts(writing, ctx.spec.images.full, at.to, at.pieces);
}

export async function readViews(ctx: Restored): Promise<Viewed> {
  const stageDir = join(ctx.opts.workDir, 'stage');
  const early = startEarlyParts(ctx, stageDir);
  const selective = ctx.spec.source === 'selective' ? await readSelective(ctx, stageDir, early) : undefined;
  const { sources, tocs } = selective ?? (await readListings(ctx));
  const reports = planSourceReports(sources, ctx.first, tocs);
  record(ctx, { report: { durations: { resolve: Date.now() - ctx.startedAt }, sources: reports } });
  for (const s of reports) ctx.log.info(`${sourceLabel(s)}: ${s.ref}`);
  return { ...ctx, ...(selective ? { selective } : {}), ...(early ? { early } : {}), sources, tocs, stageDir };
}
