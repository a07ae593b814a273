// The per-layer cache files kept in a repository of the user's own registry, one OCI artifact
// per layer digest (`layer-v<formats>-<algorithm>-<hex>`), shared by every machine that can
// read the registry. Nothing here fails a compose: a refusal is a warning.
import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import type { ImageRef } from '../oci/reference.js';
import { type RegistryClient } from '../registry/client.js';
import { writeFileAtomic } from '../util/atomic-file.js';
import { message } from '../util/errors.js';
import { MEDIA, type Manifest } from '../oci/types.js';
import { EMPTY, EMPTY_CONFIG } from '../registry/referrers.js';
import { sha256 } from '../oci/digest.js';
import { ANY_DIGEST } from '../oci/digest.js';
import { LAYER_FILES_FORMAT, layerCacheFiles, readLocalFiles } from '../layer/cache-files.js';
import {
  type Held,
  type LayerFileStore,
  type LayerRestoreCounts,
  type LayerSaveResult,
  type StoreLog,
  planAsk,
  planSaveKind,
  planStoreDigests,
} from './layer-file-store.js';

export const ARTIFACT_TYPE = 'application/vnd.triton-compose.layer-cache.v1';
export const MEDIA_TOC = 'application/vnd.triton-compose.toc.v1+json+gzip';
export const MEDIA_INDEX = 'application/vnd.triton-compose.layer-index.v1';
const LAYER_ANNOTATION = 'io.github.triton-compose.layer';
// Files of another format are rebuilt on read: a format change starts new tags.
const FORMATS = `v${LAYER_FILES_FORMAT}`;

export type Log = StoreLog;

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
  // an index alone is never read (views.ts wants both)
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

/** What an artifact holds: the index only ever comes with its table of contents. Pure. */
function heldIn(artifact: Manifest | undefined): Held {
  if (!artifact) return 'none';
  return artifact.layers.some((l) => l.mediaType === MEDIA_INDEX) ? 'index' : 'toc';
}

/** A repository of the user's registry as a LayerFileStore: one artifact per layer digest. */
export class RegistryLayerStore implements LayerFileStore {
  constructor(
    private readonly client: RegistryClient,
    private readonly repo: ImageRef,
    private readonly cacheDir: string,
    private readonly log: Log,
  ) {}

  private warn(what: string, digest: string, err: unknown): void {
    this.log.warning(
      `index-repository: could not ${what} ${digest} ${what === 'save' ? 'to' : 'from'} ${this.repo.registry}/${this.repo.repository}: ${message(err)}`,
    );
  }

  async holds(digests: readonly string[]): Promise<Map<string, Held>> {
    const out = new Map<string, Held>();
    for (const digest of planStoreDigests(digests, planArtifactTag)) {
      try {
        out.set(digest, heldIn(await readArtifact(this.client, this.repo, planArtifactTag(digest) as string)));
      } catch (err) {
        this.warn('look up', digest, err);
      }
    }
    return out;
  }

  /** Brings back the files of every layer that lacks some on disk from the repository's artifacts. */
  async restore(digests: readonly string[]): Promise<LayerRestoreCounts> {
    const layers = planStoreDigests(digests, planArtifactTag);
    const done: LayerRestoreCounts = { layers: layers.length, present: 0, restoredIndex: 0, restoredToc: 0 };
    for (const digest of layers) {
      const tag = planArtifactTag(digest) as string;
      const [tocPath, indexPath] = layerCacheFiles(this.cacheDir, digest);
      const local = await readLocalFiles(this.cacheDir, digest);
      if (!planAsk(local)) {
        done.present++;
        continue;
      }
      try {
        const artifact = await readArtifact(this.client, this.repo, tag);
        if (!artifact) continue;
        const want = local.toc ? [MEDIA_INDEX] : [MEDIA_TOC, MEDIA_INDEX];
        const got: string[] = [];
        for (const d of artifact.layers.filter((l) => want.includes(l.mediaType))) {
          await writeFileAtomic(
            d.mediaType === MEDIA_TOC ? tocPath : indexPath,
            await this.client.getBlob(tagged(this.repo, tag), d.digest),
          );
          got.push(d.mediaType);
        }
        if (got.includes(MEDIA_INDEX)) done.restoredIndex++;
        else if (got.includes(MEDIA_TOC)) done.restoredToc++;
      } catch (err) {
        this.warn('restore', digest, err);
      }
    }
    return done;
  }

  /**
   * Writes the artifact of every layer whose files are on disk and that the repository lacks, or
   * holds without the index this run has (planSaveKind). Saved and failed name tags.
   */
  async save(digests: readonly string[]): Promise<LayerSaveResult> {
    const result: LayerSaveResult = { saved: [], failed: [] };
    for (const digest of planStoreDigests(digests, planArtifactTag)) {
      const tag = planArtifactTag(digest) as string;
      const files = await readLocal(this.cacheDir, digest);
      if (files.length === 0) continue;
      try {
        const held = heldIn(await readArtifact(this.client, this.repo, tag));
        if (!planSaveKind(held, { toc: true, index: files.length === 2 })) continue;
        const ref = tagged(this.repo, tag);
        for (const f of files) await this.client.pushBlob(ref, sha256(f.data), f.data);
        await this.client.pushBlob(ref, EMPTY_CONFIG.digest, EMPTY);
        const body = Buffer.from(JSON.stringify(planArtifactManifest(digest, files)));
        await this.client.putManifest(ref, tag, body, MEDIA.ociManifest);
        result.saved.push(tag);
      } catch (err) {
        this.warn('save', digest, err);
        result.failed.push(tag);
      }
    }
    return result;
  }
}

/** RegistryLayerStore.restore: the layers restored with an index, or a table of contents alone. */
export async function restoreFromRegistry(
  client: RegistryClient,
  repo: ImageRef,
  digests: readonly string[],
  cacheDir: string,
  log: Log,
): Promise<{ index: number; toc: number }> {
  const r = await new RegistryLayerStore(client, repo, cacheDir, log).restore(digests);
  return { index: r.restoredIndex, toc: r.restoredToc };
}

/** RegistryLayerStore.save: the tags written. */
export async function saveToRegistry(
  client: RegistryClient,
  repo: ImageRef,
  digests: readonly string[],
  cacheDir: string,
  log: Log,
): Promise<string[]> {
  return (await new RegistryLayerStore(client, repo, cacheDir, log).save(digests)).saved;
}
