// The caches around a compose: before anything reads a layer, the BuildKit cache folder
// (build-cache actions) and the layer indexes and listings (Actions cache, index repository)
// come back; after a compose that worked, the index repository gets the layer files this run made.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { type BuildCachePlan, planBuildCache, planPartSetId, planSeries } from '../../build/build-cache.js';
import { restoreFromRegistry, saveToRegistry } from '../../cache/index-repository.js';
import { formatName } from '../../oci/reference.js';
import type { Resolved } from './resolve.js';

export interface Restored extends Resolved {
  cache: BuildCachePlan;
  /** Every layer of min and full, on every platform: the layers whose files the caches hold. */
  layerDigests: string[];
}

export async function restoreCaches(ctx: Resolved): Promise<Restored> {
  const { spec, opts, platforms, images } = ctx;
  // build-cache actions brings back the cache folder, and the layer listings with it, before
  // anything reads a layer.
  const series = planSeries(spec, images.full.digest);
  const cacheCtx = { series, platforms, localRoot: opts.buildCacheDir };
  const localDir = planBuildCache(spec, cacheCtx).local?.dir;
  if (localDir && spec.buildCache === 'actions' && !spec.dryRun) {
    await opts.restoreLocalCache?.(localDir, { series, partSet: planPartSetId(spec), platforms });
  }
  // Buildx fails on a missing cache-from folder: import only one that holds a cache.
  const cache = planBuildCache(spec, { ...cacheCtx, haveLocal: localDir !== undefined && existsSync(join(localDir, 'index.json')) });

  const layerDigests = [
    ...new Set(
      platforms.flatMap((p) =>
        [
          ...images.min.platforms[p].manifest.layers,
          ...images.full.platforms[p].manifest.layers,
          ...Object.values(images.extra).flatMap((s) => s.platforms[p].manifest.layers),
        ].map((l) => l.digest),
      ),
    ),
  ];
  if (spec.source === 'selective' && !spec.dryRun) await opts.restoreLayerCache?.(layerDigests, opts.cacheDir);
  const indexRepo = spec.indexRepository;
  if (indexRepo) {
    const got = await restoreFromRegistry(ctx.registry, indexRepo, layerDigests, opts.cacheDir, ctx.log);
    if (got.index + got.toc)
      ctx.log.info(
        `index-repository: ${got.index} layers restored with their index, ${got.toc} with their listing, from ${formatName(indexRepo)}`,
      );
  }
  return { ...ctx, cache, layerDigests };
}

/** The index repository gets the layer indexes and listings it lacks (not on a dry run). */
export async function saveIndexes(ctx: Restored): Promise<void> {
  const indexRepo = ctx.spec.indexRepository;
  if (!indexRepo || ctx.spec.dryRun) return;
  const saved = await saveToRegistry(ctx.registry, indexRepo, ctx.layerDigests, ctx.opts.cacheDir, ctx.log);
  if (saved.length) ctx.log.info(`index-repository: ${saved.length} layers saved to ${formatName(indexRepo)}`);
}
