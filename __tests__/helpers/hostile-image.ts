// A crafted image in the test bed's registry: a real image (the fixture full image) with crafted
// layers on top and, when asked, a changed config; the base's layers are mounted, never pulled.
import { createHash } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import { copyBlob } from '../../src/registry/copy.js';
import type { RegistryClient } from '../../src/registry/client.js';
import type { ImageRef } from '../../src/oci/reference.js';
import { type ImageConfig, MEDIA, type ResolvedImage } from '../../src/oci/types.js';

export interface CraftedLayer {
  gz: Buffer;
  /** sha256 of the uncompressed tar, as the config's diff_ids name it. */
  diffId: string;
}

const sha = (b: Buffer) => `sha256:${createHash('sha256').update(b).digest('hex')}`;

/** A tar gzip'd as a layer. */
export function gzipLayer(tar: Buffer, level = 6): CraftedLayer {
  return { gz: gzipSync(tar, { level }), diffId: sha(tar) };
}

/** Pushes `base` with `layers` on top (and its config changed by `patch`) to `target`; returns the manifest digest. */
export async function pushCraftedImage(
  client: RegistryClient,
  base: ResolvedImage,
  target: ImageRef,
  layers: CraftedLayer[],
  patch: (config: ImageConfig) => ImageConfig = (c) => c,
): Promise<string> {
  for (const d of base.manifest.layers) await copyBlob(client, base.ref, target, d);
  const descriptors = [];
  for (const l of layers) {
    const digest = sha(l.gz);
    await client.pushBlob(target, digest, l.gz);
    descriptors.push({ mediaType: MEDIA.ociLayerGzip, digest, size: l.gz.length });
  }
  const config = patch({
    ...base.config,
    rootfs: { type: 'layers', diff_ids: [...base.config.rootfs.diff_ids, ...layers.map((l) => l.diffId)] },
    history: [...(base.config.history ?? []), ...layers.map(() => ({ created: base.config.created, created_by: 'crafted layer' }))],
  });
  const configBody = Buffer.from(JSON.stringify(config));
  const configDigest = sha(configBody);
  await client.pushBlob(target, configDigest, configBody);
  const manifest = {
    schemaVersion: 2,
    mediaType: MEDIA.ociManifest,
    config: { mediaType: MEDIA.ociConfig, digest: configDigest, size: configBody.length },
    layers: [...base.manifest.layers, ...descriptors],
  };
  const body = Buffer.from(JSON.stringify(manifest));
  return client.putManifest(target, target.tag ?? sha(body), body, MEDIA.ociManifest);
}
