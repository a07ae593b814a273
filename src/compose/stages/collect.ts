// After Buildx: a failed build ends the compose with the error line and the log's tail; a build
// that worked promotes the cache export (or tags it as the release's shared cache), and the
// report gets the digest, the image id, the durations and each platform's sizes (from the OCI
// stream, or read back from the registry).
import { readFile } from 'node:fs/promises';
import { promoteCacheDir } from '../../build/local-cache.js';
import { mapParts, parseCacheStats, parseMetadata, parsePushSeconds } from '../../build/result.js';
import { readResultSizes } from '../../build/result-sizes.js';
import { type ImageRef, requireReference } from '../../oci/reference.js';
import type { PlatformReport } from '../../report/types.js';
import { type Learned, errorText, fail, record } from '../context.js';
import type { BuildCommand, BuildRun } from './buildx.js';
import type { Rendered } from './render.js';

/** A non-zero exit: Buildx's last ERROR line (or its exit code) and the log's tail. */
function failBuild(ctx: Rendered, run: BuildRun, cache: Learned['report']): never {
  const err = [...run.lines].reverse().find((l) => /^ERROR:|^error:/i.test(l.trim())) ?? `docker buildx build exited with ${run.exitCode}`;
  return fail(ctx, `build failed: ${err.trim()}`, {
    report: { ...cache, durations: { build: run.ms }, logTail: run.lines.filter((l) => l.trim()).slice(-30) },
  });
}

/** Each platform's sizes: from what the OCI stream published, or read back from the pushed image. */
async function readPlatformSizes(ctx: Rendered, run: BuildRun, digest: string | undefined): Promise<PlatformReport[] | undefined> {
  const { plan, sources } = ctx;
  const published = run.published;
  // A trimmed base is one layer (dockerfile-trim.ts); otherwise min's layers.
  const baseLayers = (p: string) => (ctx.trim ? 1 : (sources.min.platforms[p]?.manifest.layers.length ?? 0));
  if (published) {
    return published.manifests.map((m) => {
      const p = m.platform ?? ctx.first;
      return mapParts(plan, p, m.manifest, baseLayers(p), published.tarSizes);
    });
  }
  if (!ctx.spec.push || !digest) return undefined;
  const ref: ImageRef = { registry: ctx.tagRefs[0].registry, repository: ctx.tagRefs[0].repository, digest };
  ctx.log.startGroup("Reading the result's layer sizes");
  try {
    return await readResultSizes(ctx.registry, ref, plan, ctx.platforms, baseLayers, ctx.tocs, ctx.opts.cacheDir, ctx.progress);
  } finally {
    ctx.log.endGroup();
  }
}

/** Registry build cache: the release's shared tag names the part set's cache manifest, as is. */
async function tagSharedCache(ctx: Rendered, alias: { from: string; to: string }): Promise<void> {
  try {
    await ctx.registry.tagManifest(requireReference(alias.from), requireReference(alias.to));
  } catch (err) {
    ctx.log.warning(`build-cache: could not tag ${alias.from} as ${alias.to}: ${errorText(err)}`);
  }
}

export async function collectResult(ctx: Rendered, build: BuildCommand, run: BuildRun): Promise<void> {
  const { spec, cache } = ctx;
  const stats = { cache: parseCacheStats(run.lines) };
  if (run.exitCode !== 0) failBuild(ctx, run, stats);
  if (cache.local) {
    const promoted = await promoteCacheDir({ src: cache.local.dir, dest: cache.local.next });
    if (!promoted.promoted) ctx.log.warning(`build-cache: ${promoted.reason}; keeping ${cache.local.dir}`);
  }
  if (cache.alias) await tagSharedCache(ctx, cache.alias);
  const push = build.stream ? 0 : parsePushSeconds(run.lines) * 1000;
  const metadata = parseMetadata(await readFile(build.paths.metadataFile, 'utf8').catch(() => ''));
  const imageId = (await readFile(build.paths.iidFile, 'utf8').catch(() => '')).trim();
  const digest = run.published?.digest ?? metadata.digest;
  const platforms = await readPlatformSizes(ctx, run, digest);
  record(ctx, {
    result: { metadata: metadata.raw },
    report: {
      ...stats,
      durations: { build: Math.max(0, run.ms - push), ...(spec.push && !build.stream ? { push: Math.round(push) } : {}) },
      ...(digest ? { digest } : {}),
      ...(imageId ? { imageId } : {}),
      pushed: spec.push,
      ...(run.published ? { uploaded: run.published.uploaded } : {}),
      ...(platforms ? { platforms } : {}),
    },
  });
}
