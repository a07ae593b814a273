// The first stages: resolve the source images (digests, configs), fix SOURCE_DATE_EPOCH and the
// compose key from them, and stop early when the tags already hold this very compose.
import { type ComposeContext, type Learned, record } from '../context.js';
import { planComposeKey, readExistingCompose } from '../key.js';
import { planSourceDateEpoch } from '../source-date-epoch.js';
import { savingPercent } from '../../build/result.js';
import type { LayerToc } from '../../layer/contents.js';
import type { SourceImage } from '../../plan/plan.js';
import { type SourceImages, resolveSourceImages } from '../../plan/resolve.js';
import { type ImageRef, requireReference } from '../../oci/reference.js';
import type { PlatformReport, SourceImageReport } from '../../report/types.js';
import type { Spec } from '../../spec/types.js';
import { planAddedKeys } from '../../selective/added.js';

export interface Resolved extends ComposeContext {
  images: SourceImages;
  epoch: number;
  key: string;
  /** The tags, parsed (validated by the spec). */
  tagRefs: ImageRef[];
  /** The full image pinned by digest, as messages name it. */
  fullPinned: string;
}

/** A source as the report names it: its reference pinned by digest. */
export const pinned = (s: { digest: string; reference: string }): string => `${s.reference.split('@')[0]}@${s.digest}`;

/** Compressed size of a source on the first platform, and its tar size when every layer's listing is known. */
function planSourceReport(first: string, role: SourceImageReport['role'], s: SourceImage, tocs: Map<string, LayerToc>): SourceImageReport {
  const layers = s.platforms[first].manifest.layers;
  const unc = layers.every((l) => tocs.has(l.digest)) ? layers.reduce((n, l) => n + (tocs.get(l.digest)?.tarSize ?? 0), 0) : undefined;
  return { role, ref: pinned(s), size: layers.reduce((n, l) => n + l.size, 0), ...(unc !== undefined ? { uncompressedSize: unc } : {}) };
}

/** The sources as the report names them: full, min and gpu-min, pinned, with their sizes on the first platform. */
export function planSourceReports(images: SourceImages, first: string, tocs = new Map<string, LayerToc>()): SourceImageReport[] {
  return [
    planSourceReport(first, 'full', images.full, tocs),
    planSourceReport(first, 'min', images.min, tocs),
    ...(images.gpuMin ? [planSourceReport(first, 'gpu-min', images.gpuMin, tocs)] : []),
    ...Object.entries(images.extra).map(([name, s]) => ({ ...planSourceReport(first, 'source', s, tocs), name })),
  ];
}

export async function resolveStage(ctx: ComposeContext): Promise<Resolved> {
  const { spec, opts, log, platforms } = ctx;
  for (const note of spec.notes) log.warning(note);
  log.startGroup('Resolving source images');
  const images = await resolveSourceImages(ctx.registry, spec, platforms).finally(() => log.endGroup());
  const baseImages = {
    full: pinned(images.full),
    min: pinned(images.min),
    ...(images.gpuMin ? { 'gpu-min': pinned(images.gpuMin) } : {}),
    ...Object.fromEntries(Object.entries(images.extra).map(([name, s]) => [`source-${name}`, pinned(s)])),
  };
  const epoch = opts.sourceDateEpoch ?? planSourceDateEpoch(images.full.platforms[ctx.first].config.created);
  const key = planComposeKey(spec, {
    version: opts.version,
    sources: {
      full: images.full.digest,
      min: images.min.digest,
      ...(images.gpuMin ? { gpuMin: images.gpuMin.digest } : {}),
      ...(Object.keys(images.extra).length
        ? { extra: Object.fromEntries(Object.entries(images.extra).map(([name, s]) => [name, s.digest])) }
        : {}),
    },
    platforms,
    sourceDateEpoch: epoch,
    added: planAddedKeys(spec.add, ctx.added, images.extra),
  });
  record(ctx, { result: { baseImages }, report: { sourceDateEpoch: epoch, composeKey: key } });
  const tagRefs = spec.tags.map((t) => requireReference(t));
  return { ...ctx, images, epoch, key, tagRefs, fullPinned: baseImages.full };
}

/** Whether a compose may stop at the skip check: only a plain push can find its tags up to date. */
export function maySkip(spec: Spec): boolean {
  return spec.push && !spec.load && !spec.force && !spec.dryRun && spec.outputs.length === 0;
}

/**
 * When pushing to tags that already hold this compose (same key), nothing is built: the
 * report says so and gives their digest and sizes, and the sources with theirs (from the
 * manifests resolved already) and the saving. True when the compose stops here.
 */
export async function skipIfUpToDate(ctx: Resolved): Promise<boolean> {
  const { spec } = ctx;
  if (!maySkip(spec)) return false;
  const existing = await readExistingCompose(ctx.registry, ctx.tagRefs, ctx.key);
  if (!existing) return false;
  const platforms: PlatformReport[] = Object.entries(existing.sizes).map(([p, size]) => ({
    platform: p || ctx.first,
    size,
    uncompressedSize: 0,
    parts: [],
  }));
  const sources = planSourceReports(ctx.images, ctx.first);
  const result = platforms.find((p) => p.platform === ctx.first) ?? platforms[0];
  const full = sources[0];
  const learned: Learned = {
    report: {
      durations: { resolve: Date.now() - ctx.startedAt },
      skipped: true,
      digest: existing.digest,
      ok: true,
      pushed: false,
      platforms,
      sources,
      ...(result ? { saving: savingPercent(result.size, full.size) } : {}),
    },
  };
  record(ctx, learned);
  ctx.log.info(
    `Up to date: ${spec.tags.join(', ')} already hold this compose (${ctx.key}) at ${existing.digest}; nothing built (force: true builds anyway)`,
  );
  return true;
}
