// The sizes of a pushed image read back from the registry (Buildx pushed it, so only the
// registry knows its layers): each layer's tar size from a known listing or by reading it,
// mapped to the parts it holds.
import { type LayerToc, readLayerToc } from '../layer/contents.js';
import type { ComposePlan } from '../plan/plan.js';
import { type ImageRef } from '../oci/reference.js';
import { requirePlatform } from '../oci/platform.js';
import type { RegistryClient } from '../registry/client.js';
import type { PlatformReport } from '../report/types.js';
import { mapParts } from './result.js';
import { NO_PROGRESS, type Progress, planTransferName } from '../util/progress.js';

export async function readResultSizes(
  registry: RegistryClient,
  ref: ImageRef,
  plan: ComposePlan,
  platforms: string[],
  /** How many of each platform's layers are the base (min's, or one trimmed layer). */
  baseLayers: (platform: string) => number,
  tocs: Map<string, LayerToc>,
  cacheDir: string,
  progress: Progress = NO_PROGRESS,
): Promise<PlatformReport[]> {
  const out: PlatformReport[] = [];
  for (const p of platforms) {
    const resolved = await registry.resolve(ref, requirePlatform(p));
    const tarSizes = new Map<string, number>();
    for (const l of resolved.manifest.layers) {
      const known = tocs.get(l.digest);
      // A zstd layer is not listed here (the layer index reads gzip): its tar size stays unknown.
      if (!known && /zstd$/.test(l.mediaType)) continue;
      const track = () => progress.start(planTransferName('list', l.digest, l.size), l.size);
      tarSizes.set(l.digest, known ? known.tarSize : (await readLayerToc(registry, ref, l.digest, cacheDir, track)).tarSize);
    }
    out.push(mapParts(plan, p, resolved.manifest, baseLayers(p), tarSizes));
  }
  return out;
}
