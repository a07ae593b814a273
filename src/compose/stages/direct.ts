// The direct assembly (selective source, assembly: direct): the parts' layers written straight to
// the registry from byte ranges of the full image, with the config and manifests; no engine,
// no BuildKit. Returns the descriptor of what the tags name, so the SBOM needs no registry round trip.
import { rm } from 'node:fs/promises';
import { type DirectResult, assembleDirect } from '../../direct/assemble.js';
import { type PieceStore, RegistryPieceStore, chainPieceStores } from '../../direct/piece-repository.js';
import type { Descriptor } from '../../oci/types.js';
import { formatBytes } from '../../report/format.js';
import { planSelectiveReport } from '../../selective/report.js';
import { planPieceRefs } from '../../selective/stage.js';
import type { SelectiveViews } from '../../selective/views.js';
import { errorText, fail, record } from '../context.js';
import { COMPOSE_KEY } from '../key.js';
import type { Rendered } from './render.js';
import { pieceWritingOf } from './views.js';

/** Where piece records are kept beyond the tool cache: the caller's store, then the index repository. */
function withPieces(ctx: Rendered): { pieces?: PieceStore } {
  const index = ctx.spec.indexRepository;
  const pieces = chainPieceStores([
    ...(ctx.opts.pieces ? [ctx.opts.pieces] : []),
    ...(index ? [new RegistryPieceStore(ctx.registry, index, ctx.log)] : []),
  ]);
  return pieces ? { pieces } : {};
}

export async function assembleStage(ctx: Rendered, views: SelectiveViews): Promise<Descriptor> {
  const { spec, log } = ctx;
  const t = Date.now();
  log.startGroup('Writing the image (direct assembly: no engine, no BuildKit)');
  let out: DirectResult;
  try {
    out = await assembleDirect({
      ...pieceWritingOf(ctx, ctx.stageDir),
      plan: ctx.plan,
      views,
      sources: ctx.sources,
      full: spec.images.full,
      extraSources: planPieceRefs(spec).extra,
      min: spec.images.min,
      tags: ctx.tagRefs,
      labels: [...spec.labels, `${COMPOSE_KEY}=${ctx.key}`],
      annotations: [...spec.annotations, ...ctx.keyAnnotations],
      tool: `triton-compose ${ctx.opts.version}`,
      ...withPieces(ctx),
      ...(ctx.trim ? { trim: ctx.trim } : {}),
      ...(ctx.added.length ? { added: ctx.added } : {}),
      ...(ctx.early ? { early: ctx.early, memory: ctx.early.memory } : {}),
    });
    if (out.fetch.skipped.length) log.warning(`not copied (devices and fifos): ${out.fetch.skipped.join(', ')}`);
    log.info(
      `${out.written} layers written, ${out.reused} already in the repository; ${out.fetch.files} files by ${out.fetch.ranges} ranges (${formatBytes(out.fetch.bytesFetched)})`,
    );
  } catch (err) {
    return fail(ctx, `writing the image from ${ctx.fullPinned} failed: ${errorText(err)}`, {
      report: { durations: { assemble: Date.now() - t } },
    });
  } finally {
    log.endGroup();
    await rm(ctx.stageDir, { recursive: true, force: true });
  }
  const trim = ctx.report.trim?.map((t) => ({
    ...t,
    layers: t.layers.map((l, i) => {
      const w = out.rewritten[t.platform]?.get(i);
      return w ? { ...l, trimmed: { digests: w.layers.map((x) => x.digest), size: w.layers.reduce((n, x) => n + x.size, 0) } } : l;
    }),
  }));
  record(ctx, {
    report: {
      ...(trim ? { trim } : {}),
      selective: planSelectiveReport(views, out.fetch, out.reused),
      digest: out.digest,
      pushed: true,
      uploaded: out.uploaded + views.copied,
      platforms: out.platforms,
      durations: { assemble: Date.now() - t },
    },
  });
  return { mediaType: out.mediaType, digest: out.digest, size: out.size };
}
