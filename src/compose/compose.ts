// The pipeline both front doors run, as a list of stages over one context: resolve the
// sources, stop if the tags already hold this compose, check the engine when Buildx will build,
// restore the caches, read the views, plan and render the Dockerfile, then write the image
// directly or build it with Buildx (after fetching the parts by ranges when the source is
// selective), and collect the result. Each stage is in stages/ and records what it learned in
// the report; planning and rendering stay pure.
import { savingPercent } from '../build/result.js';
import { type ComposeOptions, type ComposeResult, ComposeError, record, startContext } from './context.js';
import { type RunFolders, makeRunFolders, removeStaleFolders, removeStaging } from './run-folders.js';
import { addStage, copyAddedStage, writeAddedContext } from './stages/added.js';
import { assembleStage } from './stages/direct.js';
import { dryRunStage, planBuildStage, runBuildStage } from './stages/buildx.js';
import { type Restored, restoreCaches, saveIndexes } from './stages/caches.js';
import { collectResult } from './stages/collect.js';
import { checkEngineStage } from './stages/engine.js';
import { fetchPartsStage } from './stages/fetch-parts.js';
import { planStage, renderStage } from './stages/render.js';
import { maySkip, resolveStage, skipIfUpToDate } from './stages/resolve.js';
import { type Viewed, readViews } from './stages/views.js';
import { sbomStage } from './stages/sbom.js';
import { trimStage } from './stages/trim.js';
import { type Spec } from '../spec/types.js';
import { message } from '../util/errors.js';

export type { ComposeOptions, ComposeResult } from './context.js';

/** A compose that worked: the saving, the closing line, and the layer files this run made into the index repository. */
async function succeed(ctx: Restored, line: string): Promise<ComposeResult> {
  const { report } = ctx;
  const full = report.sources.find((s) => s.role === 'full');
  record(ctx, {
    report: { ...(full && report.platforms[0] ? { saving: savingPercent(report.platforms[0].size, full.size) } : {}), ok: true },
  });
  ctx.log.info(line);
  await saveIndexes(ctx);
  return ctx.result;
}

export async function compose(spec: Spec, opts: ComposeOptions): Promise<ComposeResult> {
  const start = startContext(spec, opts);
  await addStage(start);
  // Before anything is read; but a push that may find its tags up to date needs no engine to
  // skip, so it asks after the skip check (still before a byte of any layer).
  if (!maySkip(spec)) await checkEngineStage(start);
  const resolved = await resolveStage(start);
  if (await skipIfUpToDate(resolved)) return resolved.result;
  if (maySkip(spec)) await checkEngineStage(resolved);
  if (!spec.dryRun) await copyAddedStage(resolved);
  const viewed = await readViews(await restoreCaches(resolved));
  try {
    return await composeViewed(spec, viewed);
  } finally {
    // parts written while min was listed end before the compose does, whatever its outcome
    await viewed.early?.settle();
  }
}

/** The stages after the views: plan, trim, render, then the direct assembly or the build. */
async function composeViewed(spec: Spec, viewed: Viewed): Promise<ComposeResult> {
  const ctx = await renderStage(trimStage(planStage(viewed)));
  if (ctx.selective && !spec.dryRun && ctx.assembly.mode === 'direct') {
    await sbomStage(ctx, await assembleStage(ctx, ctx.selective));
    return succeed(ctx, `Pushed ${spec.tags.join(', ')} ${ctx.report.digest}`);
  }
  if (ctx.selective && !spec.dryRun) await fetchPartsStage(ctx, ctx.selective);
  if (!spec.dryRun) await writeAddedContext(ctx);
  const build = planBuildStage(ctx);
  if (spec.dryRun) {
    await sbomStage(ctx);
    return dryRunStage(ctx, build);
  }
  await collectResult(ctx, build, await runBuildStage(ctx, build));
  await sbomStage(ctx);
  return succeed(ctx, `Built ${spec.tags.join(', ') || 'an untagged image'} ${ctx.report.digest ?? ''}`.trim());
}

/**
 * What both front doors do around compose(): stale folders of killed runs removed, a fresh
 * staging folder and results folder under `tempRoot` (the staging one removed when the compose
 * ends, whatever the outcome), and a failure turned into the partial result it carries
 * (outputs and the summary still report it).
 */
export async function runCompose(
  spec: Spec,
  opts: Omit<ComposeOptions, 'workDir' | 'resultsDir'> & { tempRoot: string },
): Promise<{ result?: ComposeResult; failure?: unknown }> {
  const { tempRoot, ...rest } = opts;
  let folders: RunFolders | undefined;
  try {
    for (const path of await removeStaleFolders(tempRoot)) rest.log.info(`Removed ${path}, left by a run that was stopped`);
    folders = await makeRunFolders(tempRoot);
    return { result: await compose(spec, { ...rest, workDir: folders.staging, resultsDir: folders.results }) };
  } catch (failure) {
    return failure instanceof ComposeError ? { result: failure.result, failure } : { failure };
  } finally {
    if (folders)
      await removeStaging(folders).catch((err: unknown) => rest.log.warning(`could not remove ${folders?.staging}: ${message(err)}`));
  }
}
