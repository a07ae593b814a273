// The per-layer cache files (a layer's table of contents, and for the full image's own layers
// its index: selective.ts layerCacheFiles) kept in a repository of the user's own registry, as
// one OCI artifact per layer digest, tagged `layer-v<formats>-<algorithm>-<hex>`. Unlike the
// Actions cache it is shared by every repository, organisation and machine that can read the
// registry (self-hosted runners, the CLI on a laptop). Restored before a layer is read,
// written after a successful compose for the layers whose files it had to make. The files are
// read back by their own readers, which rebuild what is corrupt or of another format; the
// registry checks every blob against its digest. Nothing here fails a compose: a registry that
// refuses is a warning, and the layer is read from the source image.
import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import type { ImageRef } from '../oci/reference.js';
import { type RegistryClient } from '../registry/client.js';
import { writeFileAtomic } from '../util/atomic-file.js';
import { message } from '../util/errors.js';
import { type Descriptor, MEDIA, type Manifest } from '../oci/types.js';
import { sha256 } from '../oci/digest.js';
import { ANY_DIGEST } from '../oci/digest.js';
import { LAYER_FILES_FORMAT, layerCacheFiles, readLocalFiles } from '../layer/cache-files.js';

export const ARTIFACT_TYPE = 'application/vnd.triton-compose.layer-cache.v1';
export const MEDIA_TOC = 'application/vnd.triton-compose.toc.v1+json+gzip';
export const MEDIA_INDEX = 'application/vnd.triton-compose.layer-index.v1';
const LAYER_ANNOTATION = 'io.github.triton-compose.layer';
const EMPTY = Buffer.from('{}');
const EMPTY_CONFIG: Descriptor = { mediaType: 'application/vnd.oci.empty.v1+json', digest: sha256(EMPTY), size: EMPTY.length };
// Files of another format are rebuilt on read: a format change starts new tags.
const FORMATS = `v${LAYER_FILES_FORMAT}`;

export type Log = { info(message: string): void; warning(message: string): void };

/** The tag of a layer's artifact, or undefined for what is not a digest. Pure. */
export function planArtifactTag(digest: string): string | undefined {
  const m = ANY_DIGEST.exec(digest);
  return m && m[2].length <= 64 ? `layer-${FORMATS}-${m[1]}-${m[2]}` : undefined;
}

export interface ArtifactFile {
  mediaType: typeof MEDIA_TOC | typeof MEDIA_INDEX;
  data: Buffer;
  name: string;
}

/** The artifact manifest of a layer's files. Pure. */
export function planArtifactManifest(digest: string, files: readonly ArtifactFile[]): Manifest & { artifactType: string } {
  return {
    schemaVersion: 2,
    mediaType: MEDIA.ociManifest,
    artifactType: ARTIFACT_TYPE,
    config: EMPTY_CONFIG,
    layers: files.map((f) => ({
      mediaType: f.mediaType,
      digest: sha256(f.data),
      size: f.data.length,
      annotations: { 'org.opencontainers.image.title': f.name },
    })),
    annotations: { [LAYER_ANNOTATION]: digest },
  };
}

const tagged = (repo: ImageRef, tag: string): ImageRef => ({ registry: repo.registry, repository: repo.repository, tag });

async function readLocal(cacheDir: string, digest: string): Promise<ArtifactFile[]> {
  const [toc, index] = layerCacheFiles(cacheDir, digest);
  const out: ArtifactFile[] = [];
  for (const [path, mediaType] of [
    [toc, MEDIA_TOC],
    [index, MEDIA_INDEX],
  ] as const) {
    const data = await readFile(path).catch(() => undefined);
    if (data) out.push({ mediaType, data, name: basename(path) });
  }
  // an index alone is never read (selective.ts wants both)
  return out[0]?.mediaType === MEDIA_TOC ? out : [];
}

/** The artifact a tag holds, or undefined (no tag, not ours). */
async function readArtifact(
  client: RegistryClient,
  repo: ImageRef,
  tag: string,
): Promise<(Manifest & { artifactType?: string }) | undefined> {
  const ref = tagged(repo, tag);
  if (!(await client.headManifest(ref))) return undefined;
  const doc = JSON.parse((await client.getManifest(ref)).body.toString('utf8')) as Manifest & { artifactType?: string };
  return doc.artifactType === ARTIFACT_TYPE && Array.isArray(doc.layers) ? doc : undefined;
}

/**
 * Brings back the files of every layer that lacks some on disk from the repository's
 * artifacts. Returns the layers restored (with an index, or a table of contents alone).
 */
export async function restoreFromRegistry(
  client: RegistryClient,
  repo: ImageRef,
  digests: readonly string[],
  cacheDir: string,
  log: Log,
): Promise<{ index: number; toc: number }> {
  const done = { index: 0, toc: 0 };
  for (const digest of new Set(digests)) {
    const tag = planArtifactTag(digest);
    if (!tag) continue;
    const [tocPath, indexPath] = layerCacheFiles(cacheDir, digest);
    const local = await readLocalFiles(cacheDir, digest);
    if (local.toc && local.index) continue;
    try {
      const artifact = await readArtifact(client, repo, tag);
      if (!artifact) continue;
      const want = local.toc ? [MEDIA_INDEX] : [MEDIA_TOC, MEDIA_INDEX];
      const got: string[] = [];
      for (const d of artifact.layers.filter((l) => want.includes(l.mediaType))) {
        await writeFileAtomic(d.mediaType === MEDIA_TOC ? tocPath : indexPath, await client.getBlob(tagged(repo, tag), d.digest));
        got.push(d.mediaType);
      }
      if (got.includes(MEDIA_INDEX)) done.index++;
      else if (got.includes(MEDIA_TOC)) done.toc++;
    } catch (err) {
      log.warning(`index-repository: could not restore ${digest} from ${repo.registry}/${repo.repository}: ${message(err)}`);
    }
  }
  return done;
}

/**
 * Writes the artifact of every layer whose files are on disk and that the repository lacks, or
 * holds without the index this run has. Returns the tags written.
 */
export async function saveToRegistry(
  client: RegistryClient,
  repo: ImageRef,
  digests: readonly string[],
  cacheDir: string,
  log: Log,
): Promise<string[]> {
  const saved: string[] = [];
  for (const digest of new Set(digests)) {
    const tag = planArtifactTag(digest);
    if (!tag) continue;
    const files = await readLocal(cacheDir, digest);
    if (files.length === 0) continue;
    try {
      const existing = await readArtifact(client, repo, tag);
      if (existing && (files.length === 1 || existing.layers.some((l) => l.mediaType === MEDIA_INDEX))) continue;
      const ref = tagged(repo, tag);
      for (const f of files) await client.pushBlob(ref, sha256(f.data), f.data);
      await client.pushBlob(ref, EMPTY_CONFIG.digest, EMPTY);
      const body = Buffer.from(JSON.stringify(planArtifactManifest(digest, files)));
      await client.putManifest(ref, tag, body, MEDIA.ociManifest);
      saved.push(tag);
    } catch (err) {
      log.warning(`index-repository: could not save ${digest} to ${repo.registry}/${repo.repository}: ${message(err)}`);
    }
  }
  return saved;
}
