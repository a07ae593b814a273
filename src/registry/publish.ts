// Pushing the OCI layout Buildx streams out (`--output type=oci,dest=-,rewrite-timestamp=true`).
//
// Why not `--push`: with the `docker` driver the image exporter forces `unpack`, which
// conflicts with rewrite-timestamp, so only the OCI exporter gives byte-identical images
// across builders (TESTBED.md). Each layer goes to the first tag's repository as it streams by
// (unless the registry has it); the small blobs and the manifests follow once index.json has
// said what the image is, then every other repository gets a copy and every tag its manifest.
import type { Readable } from 'node:stream';
import { RegistryClient, RegistryError } from './client.js';
import { copyBlob, distinctRepositories } from './copy.js';
import { type LayerHandler, readOciStream } from './oci-stream.js';
import { type ImageRef, formatReference } from '../oci/reference.js';
import { type Descriptor, type Index, type Manifest, MEDIA } from '../oci/types.js';

export interface PublishedManifest {
  digest: string;
  platform?: string;
  manifest: Manifest;
}

export interface Published {
  digest: string;
  mediaType: string;
  manifests: PublishedManifest[];
  /** Uncompressed (tar) size of each gzip layer, by digest. */
  tarSizes: Map<string, number>;
  /** Bytes sent to the registry for blobs it did not have. */
  uploaded: number;
}

const isManifest = (t: string | undefined) => t === MEDIA.ociManifest || t === MEDIA.dockerManifest;
const isIndex = (t: string | undefined) => t === MEDIA.ociIndex || t === MEDIA.dockerList;

/** Sends each layer to `target` as it streams by, unless the registry has it (or there is no target). */
function pushLayers(client: RegistryClient, target: ImageRef | undefined, sent: { bytes: number }): LayerHandler {
  return async (digest, size, data) => {
    if (!target || (await client.hasBlob(target, digest))) {
      for await (const chunk of data) void chunk;
      return;
    }
    try {
      await client.pushBlobStream(target, digest, size, data);
    } catch (err) {
      if (err instanceof RegistryError) throw err;
      throw new RegistryError(
        `pushing layer ${digest} to ${formatReference(target)} failed: ${err instanceof Error ? err.message : String(err)}`,
      );
    }
    sent.bytes += size;
  };
}

function describe(desc: Descriptor, body: Buffer): PublishedManifest {
  const p = desc.platform;
  const manifest = JSON.parse(body.toString('utf8')) as Manifest;
  return { digest: desc.digest, manifest, ...(p ? { platform: `${p.os}/${p.architecture}${p.variant ? `/${p.variant}` : ''}` } : {}) };
}

/**
 * Reads the OCI tar stream, pushing blobs to the first tag's repository as they come, then the
 * manifests to every tag. With no tags it only reads (a load-only build still gets its sizes).
 */
export async function publishOciStream(input: Readable, client: RegistryClient, tags: ImageRef[]): Promise<Published> {
  const target: ImageRef | undefined = tags[0];
  const sent = { bytes: 0 };
  const { layout, small, streamed, tarSizes } = await readOciStream(input, pushLayers(client, target, sent));
  if (layout.manifests.length !== 1) throw new RegistryError(`the build output holds ${layout.manifests.length} images, expected one`);
  const top = layout.manifests[0];
  const blobOf = (d: Descriptor): Buffer => {
    const b = small.get(d.digest);
    if (!b) throw new RegistryError(`the build output lacks ${d.mediaType} ${d.digest}`);
    return b;
  };
  const manifests: PublishedManifest[] = [];
  const children: { desc: Descriptor; body: Buffer }[] = [];
  if (isIndex(top.mediaType)) {
    const index = JSON.parse(blobOf(top).toString('utf8')) as Index;
    for (const d of index.manifests) if (isManifest(d.mediaType)) children.push({ desc: d, body: blobOf(d) });
  } else if (!isManifest(top.mediaType)) {
    throw new RegistryError(`the build output's image is a ${top.mediaType}, not a manifest or index`);
  }
  const all = isIndex(top.mediaType) ? children : [{ desc: top, body: blobOf(top) }];
  const result = () => ({ digest: top.digest, mediaType: top.mediaType, manifests, tarSizes, uploaded: sent.bytes });

  if (!target) {
    for (const { desc, body } of all) manifests.push(describe(desc, body));
    return result();
  }
  const repos = distinctRepositories(tags);
  for (const repo of repos) {
    for (const { desc, body } of all) {
      const described = describe(desc, body);
      for (const d of [described.manifest.config, ...described.manifest.layers]) {
        if (repo !== repos[0]) sent.bytes += await copyBlob(client, repos[0], repo, d);
        else if (!streamed.has(d.digest) && (await client.pushBlob(repo, d.digest, blobOf(d)))) sent.bytes += d.size;
      }
      // An index needs its manifests in place first; a lone manifest is put once, by each tag.
      if (isIndex(top.mediaType)) await client.putManifest(repo, desc.digest, body, desc.mediaType);
      if (repo === repos[0]) manifests.push(described);
    }
  }
  for (const tag of tags) await client.putManifest(tag, tag.tag ?? top.digest, blobOf(top), top.mediaType);
  return result();
}
