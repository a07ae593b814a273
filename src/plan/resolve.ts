// Registry I/O before the build: resolve every source image to a digest, per target
// platform read its manifest and config, and read the full and min images' contents
// (tables of contents cached by layer digest). Nothing is pulled into the engine.
import { type ImageView, type LayerToc, mergeLayers, readLayerToc } from '../layer/contents.js';
import { type ImageRef, formatName, formatReference } from '../oci/reference.js';
import { RegistryClient } from '../registry/client.js';
import type { SourceImage, Sources } from './plan.js';
import { requirePlatform } from '../oci/platform.js';
import { type Spec } from '../spec/types.js';

async function resolveSource(client: RegistryClient, ref: ImageRef, platforms: string[]): Promise<SourceImage> {
  const out: SourceImage = { name: formatName(ref), reference: formatReference(ref), digest: '', platforms: {} };
  for (const p of platforms) {
    const r = await client.resolve(ref, requirePlatform(p));
    out.digest = r.digest;
    out.platforms[p] = r;
  }
  return out;
}

async function readView(
  client: RegistryClient,
  ref: ImageRef,
  digests: string[],
  cacheDir: string,
  known: Map<string, LayerToc>,
): Promise<ImageView> {
  const tocs: LayerToc[] = [];
  for (const d of digests) {
    let toc = known.get(d);
    if (!toc) {
      toc = await readLayerToc(client, ref, d, cacheDir);
      known.set(d, toc);
    }
    tocs.push(toc);
  }
  return mergeLayers(tocs);
}

export interface ResolveResult {
  sources: Sources;
  tocs: Map<string, LayerToc>;
}

export type SourceImages = Omit<Sources, 'views'>;

/** Every source image to a digest, with each platform's manifest and config: manifests and configs only. */
export async function resolveSourceImages(client: RegistryClient, spec: Spec, platforms: string[]): Promise<SourceImages> {
  const [full, min, gpuMin] = await Promise.all([
    resolveSource(client, spec.images.full, platforms),
    resolveSource(client, spec.images.min, platforms),
    spec.images.gpuMin ? resolveSource(client, spec.images.gpuMin, platforms) : Promise.resolve(undefined),
  ]);
  return { full, min, ...(gpuMin ? { gpuMin } : {}) };
}

/** What full and min hold, per platform, from their layers' tables of contents (cached by digest). */
export async function readSourceViews(
  client: RegistryClient,
  spec: Spec,
  images: SourceImages,
  platforms: string[],
  cacheDir: string,
): Promise<ResolveResult> {
  const { full, min } = images;
  const tocs = new Map<string, LayerToc>();
  const views: Sources['views'] = {};
  for (const p of platforms) {
    const minLayers = min.platforms[p].manifest.layers.map((l) => l.digest);
    const fullLayers = full.platforms[p].manifest.layers.map((l) => l.digest);
    const minView = await readView(client, spec.images.min, minLayers, cacheDir, tocs);
    const fullView = await readView(client, spec.images.full, fullLayers, cacheDir, tocs);
    views[p] = { full: fullView, min: minView };
  }
  return { sources: { ...images, views }, tocs };
}
