// Pushing the OCI layout Buildx streams out (`--output type=oci,dest=-,rewrite-timestamp=true`).
//
// Why not `--push`: with the `docker` driver the image exporter forces `unpack`, which
// conflicts with rewrite-timestamp, so only the OCI exporter gives byte-identical images
// across builders (TESTBED.md). The tar is never written to disk: each blob goes to the
// registry as it streams by (unless the registry has it), small ones (configs, manifests) are
// kept in memory until index.json, which comes last, says what to tag. While a layer streams,
// its uncompressed size is counted, so the report needs no second read of the result.
import { once } from 'node:events';
import { PassThrough, type Readable, Writable } from 'node:stream';
import { finished, pipeline } from 'node:stream/promises';
import { type Gunzip, createGunzip, gunzipSync } from 'node:zlib';
import * as tar from 'tar-stream';
import { type ImageRef, formatReference } from '../oci/reference.js';
import { RegistryClient, RegistryError } from './client.js';
import { type Descriptor, type Index, type Manifest, MEDIA } from '../oci/types.js';

/** Blobs up to this size wait in memory for index.json; larger ones are layers, streamed. */
const SMALL = 1 << 20;

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

/** A sink that counts the bytes a gzip stream inflates to (undefined when it is not gzip). */
function countGunzipped(): { sink: Writable; size: Promise<number | undefined> } {
  let settle: (n: number | undefined) => void = () => undefined;
  const size = new Promise<number | undefined>((r) => (settle = r));
  let gunzip: Gunzip | undefined;
  let decided = false;
  let total = 0;
  const sink = new Writable({
    write(chunk: Buffer, _enc, cb) {
      if (!decided) {
        decided = true;
        if (chunk[0] === 0x1f && chunk[1] === 0x8b) {
          gunzip = createGunzip();
          gunzip.on('data', (c: Buffer) => (total += c.length));
          gunzip.on('end', () => settle(total));
          gunzip.on('error', () => settle(undefined));
        }
      }
      if (!gunzip) return cb();
      gunzip.write(chunk, () => cb());
    },
    final(cb) {
      if (gunzip) gunzip.end();
      else settle(undefined);
      cb();
    },
  });
  return { sink, size };
}

function gunzippedSize(data: Buffer): number | undefined {
  if (data[0] !== 0x1f || data[1] !== 0x8b) return undefined;
  try {
    return gunzipSync(data).length;
  } catch {
    return undefined;
  }
}

/**
 * Reads the OCI tar stream, pushing blobs to the first tag's repository as they come, then the
 * manifests to every tag. With no tags it only reads (a load-only build still gets its sizes).
 */
export async function publishOciStream(input: Readable, client: RegistryClient, tags: ImageRef[]): Promise<Published> {
  const target: ImageRef | undefined = tags[0];
  const small = new Map<string, Buffer>();
  const streamed = new Set<string>();
  const tarSizes = new Map<string, number>();
  let indexJson: Buffer | undefined;
  let uploaded = 0;

  const extract = tar.extract();
  extract.on('entry', (header, entry, next) => {
    const handle = async () => {
      const m = /^blobs\/sha256\/([a-f0-9]{64})$/.exec(header.name);
      if (header.name === 'index.json') {
        indexJson = await collect(entry);
        return;
      }
      if (!m || header.type !== 'file') {
        for await (const chunk of entry as AsyncIterable<Buffer>) void chunk;
        return;
      }
      const digest = `sha256:${m[1]}`;
      const size = header.size ?? 0;
      if (size <= SMALL) {
        const data = await collect(entry);
        small.set(digest, data);
        const unc = gunzippedSize(data);
        if (unc !== undefined) tarSizes.set(digest, unc);
        return;
      }
      const count = countGunzipped();
      if (!target || (await client.hasBlob(target, digest))) {
        for await (const chunk of entry as AsyncIterable<Buffer>) if (!count.sink.write(chunk)) await once(count.sink, 'drain');
        count.sink.end();
        await finished(count.sink);
      } else {
        const body = new PassThrough({ highWaterMark: 1 << 20 });
        const upload = client.pushBlobStream(target, digest, size, body);
        const feed = (async () => {
          for await (const chunk of entry as AsyncIterable<Buffer>) {
            const waits: Promise<unknown>[] = [];
            if (!body.write(chunk)) waits.push(once(body, 'drain'));
            if (!count.sink.write(chunk)) waits.push(once(count.sink, 'drain'));
            if (waits.length) await Promise.all(waits);
          }
          body.end();
          count.sink.end();
          await finished(count.sink);
        })();
        try {
          await Promise.all([upload, feed]);
        } catch (err) {
          feed.catch(() => undefined);
          const why = err instanceof Error ? err : new Error(String(err));
          body.destroy(why);
          entry.destroy(why);
          throw err instanceof RegistryError
            ? err
            : new RegistryError(`pushing layer ${digest} to ${formatReference(target)} failed: ${why.message}`);
        }
        uploaded += size;
      }
      const unc = await count.size;
      if (unc !== undefined) tarSizes.set(digest, unc);
      streamed.add(digest);
    };
    handle().then(
      () => next(),
      (err: unknown) => extract.destroy(err as Error),
    );
  });
  await pipeline(input, extract);
  if (!indexJson) throw new RegistryError('the build output had no index.json: not an OCI layout');

  const layout = JSON.parse(indexJson.toString('utf8')) as Index;
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

  if (!target) {
    for (const { desc, body } of all) manifests.push(describe(desc, body));
    return { digest: top.digest, mediaType: top.mediaType, manifests, tarSizes, uploaded };
  }
  const repos = distinctRepositories(tags);
  for (const repo of repos) {
    for (const { desc, body } of all) {
      const described = describe(desc, body);
      for (const d of [described.manifest.config, ...described.manifest.layers]) {
        if (repo !== repos[0]) uploaded += await copyBlob(client, repos[0], repo, d);
        else if (!streamed.has(d.digest) && (await client.pushBlob(repo, d.digest, blobOf(d)))) uploaded += d.size;
      }
      // An index needs its manifests in place first; a lone manifest is put once, by each tag.
      if (isIndex(top.mediaType)) await client.putManifest(repo, desc.digest, body, desc.mediaType);
      if (repo === repos[0]) manifests.push(described);
    }
  }
  for (const tag of tags) await client.putManifest(tag, tag.tag ?? top.digest, blobOf(top), top.mediaType);
  return { digest: top.digest, mediaType: top.mediaType, manifests, tarSizes, uploaded };
}

function describe(desc: Descriptor, body: Buffer): PublishedManifest {
  const p = desc.platform;
  const manifest = JSON.parse(body.toString('utf8')) as Manifest;
  return { digest: desc.digest, manifest, ...(p ? { platform: `${p.os}/${p.architecture}${p.variant ? `/${p.variant}` : ''}` } : {}) };
}

export function distinctRepositories(tags: ImageRef[]): ImageRef[] {
  const seen = new Map<string, ImageRef>();
  for (const t of tags) {
    const key = `${t.registry}/${t.repository}`;
    if (!seen.has(key)) seen.set(key, { registry: t.registry, repository: t.repository });
  }
  return [...seen.values()];
}

/**
 * A blob of one repository made present in another: already there, mounted (same registry),
 * or streamed across. Returns the bytes sent.
 */
export async function copyBlob(client: RegistryClient, from: ImageRef, to: ImageRef, d: Descriptor): Promise<number> {
  if (await client.hasBlob(to, d.digest)) return 0;
  if (from.registry === to.registry && (await client.mountBlob(to, d.digest, from.repository))) return 0;
  await client.pushBlobStream(to, d.digest, d.size, await client.blobStream(from, d.digest));
  return d.size;
}

async function collect(stream: AsyncIterable<unknown>): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const c of stream) chunks.push(c as Buffer);
  return Buffer.concat(chunks);
}
