// Pushing the OCI layout Buildx streams out (`--output type=oci,dest=-,rewrite-timestamp=true`),
// blob by blob as it passes, never written whole to disk; index.json, last in the tar, says
// what to tag. Why not `--push`: docs/assemblies.md.
import { randomUUID } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough, type Readable, type Writable } from 'node:stream';
import { finished } from 'node:stream/promises';
import { RegistryClient, RegistryError } from './client.js';
import { MountFallbacks, copyBlob, distinctRepositories } from './copy.js';
import { type LayerHandler, readOciStream } from './oci-stream.js';
import { type ImageRef, formatReference } from '../oci/reference.js';
import { type Descriptor, type Index, type Manifest, MEDIA } from '../oci/types.js';
import { NO_PROGRESS, type Progress, type Transfer, planTransferName } from '../util/progress.js';
import { message } from '../util/errors.js';

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
  /** Mounts into the other tags' repositories the registry turned down, one line per repository (see MountFallbacks). */
  mountFallbacks: string[];
}

const isManifest = (t: string | undefined) => t === MEDIA.ociManifest || t === MEDIA.dockerManifest;
const isIndex = (t: string | undefined) => t === MEDIA.ociIndex || t === MEDIA.dockerList;

/** How many times a layer is sent before the push fails: streamed once, then from its spool file. */
export const LAYER_ATTEMPTS = 3;

/** Waits until `stream` can take more, or is closed (a failed upload destroys its body). */
function drained(stream: Writable): Promise<void> {
  return new Promise<void>((resolve) => {
    const done = () => {
      stream.off('drain', done).off('close', done);
      resolve();
    };
    stream.on('drain', done).on('close', done);
  });
}

/**
 * Sends a layer as it streams by while keeping a copy in a spool file: the layer cannot be read
 * twice, so when the streamed upload fails the rest still goes to the file, and the upload is
 * tried again from it. The file is removed when the layer is done. A spool file that cannot be
 * written (a full disk, a removed folder) is given up: the streamed upload goes on, and only
 * when it fails too does the layer fail, saying both why.
 */
async function pushLayer(
  client: RegistryClient,
  target: ImageRef,
  digest: string,
  size: number,
  data: Readable,
  spoolDir: string,
  transfer: Transfer,
): Promise<void> {
  const spool = join(spoolDir, `oci-layer-${randomUUID()}`);
  const file = createWriteStream(spool);
  let spoolError: unknown;
  file.on('error', (err) => (spoolError ??= err));
  const body = new PassThrough({ highWaterMark: 1 << 20 });
  let lastError: unknown;
  const streamed = client.pushBlobStream(target, digest, size, body).then(
    () => true,
    (err: unknown) => ((lastError = err), body.destroy(), false),
  );
  const unsendable = () =>
    new RegistryError(
      `pushing layer ${digest} to ${formatReference(target)} failed: ${message(lastError)}; it cannot be sent again, as its spool file ${spool} could not be written: ${message(spoolError)}`,
    );
  try {
    for await (const chunk of data as AsyncIterable<Buffer>) {
      if (spoolError && body.destroyed) throw unsendable();
      transfer.add(chunk.length);
      const waits: Promise<void>[] = [];
      if (!spoolError && !file.write(chunk)) waits.push(drained(file));
      if (!body.destroyed && !body.write(chunk)) waits.push(drained(body));
      await Promise.all(waits);
    }
    body.end();
    if (!spoolError) {
      file.end();
      await finished(file).catch((err: unknown) => (spoolError ??= err));
    }
    const sent = await streamed;
    transfer.end();
    if (sent) return;
    if (spoolError) throw unsendable();
    for (let attempt = 2; attempt <= LAYER_ATTEMPTS && lastError instanceof RegistryError; attempt++) {
      try {
        return await client.pushBlobStream(target, digest, size, createReadStream(spool));
      } catch (err) {
        lastError = err;
      }
    }
    throw lastError;
  } catch (err) {
    body.destroy();
    file.destroy();
    await streamed;
    if (err instanceof RegistryError) throw err;
    throw new RegistryError(`pushing layer ${digest} to ${formatReference(target)} failed: ${message(err)}`);
  } finally {
    transfer.end();
    await rm(spool, { force: true });
  }
}

/** Sends each layer to `target` as it streams by, unless the registry has it (or there is no target). */
function pushLayers(
  client: RegistryClient,
  target: ImageRef | undefined,
  spoolDir: string,
  sent: { bytes: number },
  progress: Progress,
): LayerHandler {
  return async (digest, size, data) => {
    if (!target || (await client.hasBlob(target, digest))) {
      for await (const chunk of data) void chunk;
      return;
    }
    await pushLayer(client, target, digest, size, data, spoolDir, progress.start(planTransferName('push', digest, size), size));
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
 * Each layer being sent is spooled to a file in `spoolDir` (default: the system's temp folder)
 * until it is in the registry, so a failed upload can be sent again. Each layer streamed, and
 * each blob copied to another tag's registry, is counted into `progress`.
 */
export async function publishOciStream(
  input: Readable,
  client: RegistryClient,
  tags: ImageRef[],
  options: { spoolDir?: string; progress?: Progress } = {},
): Promise<Published> {
  const target: ImageRef | undefined = tags[0];
  const sent = { bytes: 0 };
  const progress = options.progress ?? NO_PROGRESS;
  const handler = pushLayers(client, target, options.spoolDir ?? tmpdir(), sent, progress);
  const { layout, small, streamed, tarSizes } = await readOciStream(input, handler);
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
  const fallbacks = new MountFallbacks();
  const result = () => ({
    digest: top.digest,
    mediaType: top.mediaType,
    manifests,
    tarSizes,
    uploaded: sent.bytes,
    mountFallbacks: fallbacks.render(),
  });

  if (!target) {
    for (const { desc, body } of all) manifests.push(describe(desc, body));
    return result();
  }
  const repos = distinctRepositories(tags);
  for (const repo of repos) {
    for (const { desc, body } of all) {
      const described = describe(desc, body);
      for (const d of [described.manifest.config, ...described.manifest.layers]) {
        if (repo !== repos[0]) sent.bytes += await copyBlob(client, repos[0], repo, d, { progress, fallbacks });
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
