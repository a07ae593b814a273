// The first stages: resolve the source images (digests, configs), fix SOURCE_DATE_EPOCH and the
// compose key from them, and stop early when the tags already hold this very compose.
import { type ComposeContext, type Learned, record } from '../context.js';
import { planComposeKey, readExistingCompose } from '../key.js';
import { planSourceDateEpoch } from '../source-date-epoch.js';
import { type SourceImages, resolveSourceImages } from '../../plan/resolve.js';
import { type ImageRef, requireReference } from '../../oci/reference.js';

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

export async function resolveStage(ctx: ComposeContext): Promise<Resolved> {
  const { spec, opts, log, platforms } = ctx;
  for (const note of spec.notes) log.warning(note);
  log.startGroup('Resolving source images');
  const images = await resolveSourceImages(ctx.registry, spec, platforms).finally(() => log.endGroup());
  const baseImages = {
    full: pinned(images.full),
    min: pinned(images.min),
    ...(images.gpuMin ? { 'gpu-min': pinned(images.gpuMin) } : {}),
  };
  const epoch = opts.sourceDateEpoch ?? planSourceDateEpoch(images.full.platforms[ctx.first].config.created);
  const key = planComposeKey(spec, {
    version: opts.version,
    sources: { full: images.full.digest, min: images.min.digest, ...(images.gpuMin ? { gpuMin: images.gpuMin.digest } : {}) },
    platforms,
    sourceDateEpoch: epoch,
  });
  record(ctx, { result: { baseImages }, report: { sourceDateEpoch: epoch, composeKey: key } });
  const tagRefs = spec.tags.map((t) => requireReference(t));
  return { ...ctx, images, epoch, key, tagRefs, fullPinned: baseImages.full };
}

/**
 * When pushing to tags that already hold this compose (same key), nothing is built: the
 * report says so and gives their digest and sizes. True when the compose stops here.
 */
export async function skipIfUpToDate(ctx: Resolved): Promise<boolean> {
  const { spec } = ctx;
  if (!spec.push || spec.load || spec.force || spec.dryRun || spec.outputs.length !== 0) return false;
  const existing = await readExistingCompose(ctx.registry, ctx.tagRefs, ctx.key);
  if (!existing) return false;
  const learned: Learned = {
    report: {
      durations: { resolve: Date.now() - ctx.startedAt },
      skipped: true,
      digest: existing.digest,
      ok: true,
      pushed: false,
      platforms: Object.entries(existing.sizes).map(([p, size]) => ({ platform: p || ctx.first, size, uncompressedSize: 0, parts: [] })),
    },
  };
  record(ctx, learned);
  ctx.log.info(
    `Up to date: ${spec.tags.join(', ')} already hold this compose (${ctx.key}) at ${existing.digest}; nothing built (force: true builds anyway)`,
  );
  return true;
}
