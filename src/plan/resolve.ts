// Registry I/O before the build: resolve every source image to a digest, per target
// platform read its manifest and config, and read the full and min images' contents
// (tables of contents cached by layer digest). Nothing is pulled into the engine.
import { type ImageView, type LayerToc, mergeLayers, readLayerToc } from '../layer/contents.js';
import { type ImageRef, formatName, formatReference } from '../oci/reference.js';
import { RegistryClient } from '../registry/client.js';
import { RegistryError } from '../registry/errors.js';
import type { SourceImage, Sources } from './plan.js';
import { requirePlatform } from '../oci/platform.js';
import { type Spec } from '../spec/types.js';
import type { Descriptor } from '../oci/types.js';
import { NO_PROGRESS, type Progress, planTransferName } from '../util/progress.js';

/** Up to five tags of the repository closest to the one asked for (nearest by edits, the same variant suffix counting as closer, newer first on a tie). */
export function planNearestTags(asked: string, tags: readonly string[]): string[] {
  const distance = (a: string, b: string): number => {
    const row = Array.from({ length: b.length + 1 }, (_, j) => j);
    for (let i = 1; i <= a.length; i++) {
      let prev = row[0];
      row[0] = i;
      for (let j = 1; j <= b.length; j++) {
        const next = Math.min(row[j] + 1, row[j - 1] + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1));
        prev = row[j];
        row[j] = next;
      }
    }
    return row[b.length];
  };
  const suffix = asked.replace(/^[^-]*/, '');
  return [...new Set(tags)]
    .filter((t) => t.length <= 128)
    .map((t) => ({ t, d: distance(asked, t) - (suffix && t.endsWith(suffix) ? 2 : 0) }))
    .sort((a, b) => a.d - b.d || (a.t < b.t ? 1 : a.t > b.t ? -1 : 0)) // ties: the newer tag first
    .slice(0, 5)
    .map((x) => x.t);
}

/** A missing tag named as a person reads it, with the repository's nearest tags when it lists them. */
async function missingTag(client: RegistryClient, ref: ImageRef, err: RegistryError): Promise<RegistryError> {
  const what = `${ref.registry} has no ${ref.repository.split('/').pop()}:${ref.tag ?? ref.digest}`;
  const listed = await client
    .request(ref, 'GET', 'tags/list?n=1000')
    .then(async (res) => ((await res.json()) as { tags?: unknown }).tags)
    .catch(() => undefined);
  const tags = Array.isArray(listed) ? listed.filter((t): t is string => typeof t === 'string') : [];
  const near = ref.tag ? planNearestTags(ref.tag, tags) : [];
  return new RegistryError(`${what} (${formatName(ref)})${near.length ? `; nearest tags: ${near.join(', ')}` : ''}`, err.status);
}

/**
 * One image for every platform: the tag is resolved once, and the other platforms are read
 * from the digest it pointed at, so a tag that moves mid-run cannot mix two images.
 */
async function resolveSource(client: RegistryClient, ref: ImageRef, platforms: string[]): Promise<SourceImage> {
  const out: SourceImage = { name: formatName(ref), reference: formatReference(ref), digest: '', platforms: {} };
  let pinnedRef = ref;
  for (const p of platforms) {
    const r = await client.resolve(pinnedRef, requirePlatform(p)).catch(async (err: unknown) => {
      if (err instanceof RegistryError && err.status === 404 && pinnedRef === ref && !ref.digest) throw await missingTag(client, ref, err);
      throw err;
    });
    out.digest = r.digest;
    out.platforms[p] = r;
    if (!ref.digest) pinnedRef = { ...ref, digest: r.digest };
  }
  return out;
}

async function readView(
  client: RegistryClient,
  ref: ImageRef,
  layers: Descriptor[],
  cacheDir: string,
  known: Map<string, LayerToc>,
  progress: Progress,
): Promise<ImageView> {
  const tocs: LayerToc[] = [];
  for (const { digest: d, size } of layers) {
    let toc = known.get(d);
    if (!toc) {
      toc = await readLayerToc(client, ref, d, cacheDir, () => progress.start(planTransferName('list', d, size), size));
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

/** Every source image (full, min, gpu-min and the sources input's) to a digest, with each platform's manifest and config: manifests and configs only. */
export async function resolveSourceImages(client: RegistryClient, spec: Spec, platforms: string[]): Promise<SourceImages> {
  const [full, min, gpuMin, ...extra] = await Promise.all([
    resolveSource(client, spec.images.full, platforms),
    resolveSource(client, spec.images.min, platforms),
    spec.images.gpuMin ? resolveSource(client, spec.images.gpuMin, platforms) : Promise.resolve(undefined),
    ...spec.sources.map((s) => resolveSource(client, s.ref, platforms)),
  ]);
  return {
    full,
    min,
    ...(gpuMin ? { gpuMin } : {}),
    extra: Object.fromEntries(spec.sources.map((s, i) => [s.name, extra[i]])),
  };
}

/**
 * What full and min hold, per platform, from their layers' tables of contents (cached by
 * digest; a layer listed now is counted into `progress`).
 */
export async function readSourceViews(
  client: RegistryClient,
  spec: Spec,
  images: SourceImages,
  platforms: string[],
  cacheDir: string,
  progress: Progress = NO_PROGRESS,
): Promise<ResolveResult> {
  const { full, min } = images;
  const tocs = new Map<string, LayerToc>();
  const views: Sources['views'] = {};
  for (const p of platforms) {
    const minView = await readView(client, spec.images.min, min.platforms[p].manifest.layers, cacheDir, tocs, progress);
    const fullView = await readView(client, spec.images.full, full.platforms[p].manifest.layers, cacheDir, tocs, progress);
    const extra: Record<string, ImageView> = {};
    for (const s of spec.sources)
      extra[s.name] = await readView(client, s.ref, images.extra[s.name].platforms[p].manifest.layers, cacheDir, tocs, progress);
    views[p] = { full: fullView, min: minView, extra };
  }
  return { sources: { ...images, views }, tocs };
}
