// One release's full and min images read for their facts (`triton-compose releases
// --container-version`): resolved and listed the way a compose resolves and lists its sources
// (manifests, configs, layer listings cached by digest); nothing is pulled.
import { type ReleaseImageFacts, planReleaseImageFacts } from '../plan/release-image.js';
import { readSourceViews, resolveSourceImages } from '../plan/resolve.js';
import type { RegistryClient } from '../registry/client.js';
import type { Spec } from '../spec/types.js';
import { pinned } from './stages/resolve.js';

export type { ReleaseImageFacts };

export interface ReadReleaseImages {
  /** The full and min images, pinned by digest as the compose's report names them. */
  full: string;
  min: string;
  platform: string;
  facts: ReleaseImageFacts;
}

/** Resolves the spec's full and min images on one platform and reads their facts (listings cached in `cacheDir`). */
export async function readReleaseImages(
  client: RegistryClient,
  spec: Spec,
  platform: string,
  cacheDir: string,
): Promise<ReadReleaseImages> {
  const images = await resolveSourceImages(client, { ...spec, images: { full: spec.images.full, min: spec.images.min } }, [platform]);
  const { sources } = await readSourceViews(client, spec, images, [platform], cacheDir);
  const view = sources.views[platform];
  const facts = planReleaseImageFacts(
    { config: images.full.platforms[platform].config, view: view.full },
    { config: images.min.platforms[platform].config, view: view.min },
  );
  return { full: pinned(images.full), min: pinned(images.min), platform, facts };
}
