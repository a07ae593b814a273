// Selective source with Buildx: each part fetched by byte ranges of its image into a tar of
// the build context (one per part and platform), which the Dockerfile ADDs.
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { formatBytes } from '../../report/format.js';
import type { SelectiveReport } from '../../report/types.js';
import { type FetchStats, addStats, planSelectiveReport } from '../../selective/report.js';
import { planPieceRefs, writePieces } from '../../selective/stage.js';
import type { SelectiveViews } from '../../selective/views.js';
import { errorText, fail, record } from '../context.js';
import type { Rendered } from './render.js';

async function writeAllPieces(ctx: Rendered, views: SelectiveViews): Promise<FetchStats> {
  const fetched: FetchStats = { ranges: 0, bytesFetched: 0, files: 0, skipped: [] };
  for (const p of ctx.platforms) {
    const r = await writePieces(ctx.registry, planPieceRefs(ctx.spec), ctx.plan, p, views, {
      stageDir: ctx.stageDir,
      contextDir: ctx.contextDir,
      mtime: ctx.epoch,
      progress: ctx.progress,
    });
    addStats(fetched, r.fetch);
    for (const piece of r.pieces) ctx.log.info(`${p} ${piece.name}: ${piece.entries} entries, ${formatBytes(piece.bytes)}`);
  }
  return fetched;
}

export async function fetchPartsStage(ctx: Rendered, views: SelectiveViews): Promise<void> {
  const { log } = ctx;
  const t = Date.now();
  log.startGroup('Fetching the parts by byte ranges');
  let selective: SelectiveReport;
  try {
    const fetched = await writeAllPieces(ctx, views);
    if (fetched.skipped.length) log.warning(`not copied (devices and fifos): ${fetched.skipped.join(', ')}`);
    selective = planSelectiveReport(views, fetched, 0);
    log.info(
      `${fetched.files} files by ${fetched.ranges} ranges (${formatBytes(fetched.bytesFetched)}); ${selective.coldLayers.length} layers streamed once to index them`,
    );
  } catch (err) {
    await rm(join(ctx.contextDir, 'parts'), { recursive: true, force: true });
    return fail(ctx, `selective fetch from ${ctx.fullPinned} failed: ${errorText(err)}`);
  } finally {
    log.endGroup();
    await rm(ctx.stageDir, { recursive: true, force: true });
  }
  record(ctx, { report: { selective, durations: { fetch: Date.now() - t } } });
}
