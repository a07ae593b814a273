// The per-layer cache files kept in a repository of the user's own registry, one OCI artifact
// per layer digest (`layer-v<formats>-<algorithm>-<hex>`), shared by every machine that can
// read the registry. Nothing here fails a compose: a refusal is a warning.
import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import type { ImageRef } from '../oci/reference.js';
import { type RegistryClient } from '../registry/client.js';
import { writeFileAtomic } from '../util/atomic-file.js';
import { message } from '../util/errors.js';
import { mapPool } from '../util/pool.js';
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
  const got = await client.getManifestIfAny(tagged(repo, tag));
  if (!got) return undefined;
  const doc = JSON.parse(got.body.toString('utf8')) as Manifest & { artifactType?: string };
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

  /**
   * `work` for each layer, LAYERS_AT_ONCE at a time (each a few round trips), its failure caught
   * and warned of in the layers' order, not the order they end in.
   */
  private async eachLayer<R>(what: string, digests: readonly string[], work: (digest: string) => Promise<R>): Promise<Array<R | Failed>> {
    const out = await mapPool(digests, LAYERS_AT_ONCE, (digest) => work(digest).catch((err: unknown): Failed => ({ failed: err })));
    out.forEach((r, i) => {
      if (isFailed(r)) this.warn(what, digests[i], r.failed);
    });
    return out;
  }

  async holds(digests: readonly string[]): Promise<Map<string, Held>> {
    const list = planStoreDigests(digests, planArtifactTag);
    const found = await this.eachLayer('look up', list, async (digest) =>
      heldIn(await readArtifact(this.client, this.repo, planArtifactTag(digest) as string)),
    );
    const out = new Map<string, Held>();
    found.forEach((held, i) => {
      if (!isFailed(held)) out.set(list[i], held);
    });
    return out;
  }

  /** Brings back the files of every layer that lacks some on disk from the repository's artifacts. */
  async restore(digests: readonly string[]): Promise<LayerRestoreCounts> {
    const layers = planStoreDigests(digests, planArtifactTag);
    const done: LayerRestoreCounts = { layers: layers.length, present: 0, restoredIndex: 0, restoredToc: 0 };
    const outcomes = await this.eachLayer('restore', layers, (digest) => this.restoreOne(digest));
    for (const o of outcomes) {
      if (o === 'present') done.present++;
      else if (o === 'index') done.restoredIndex++;
      else if (o === 'toc') done.restoredToc++;
    }
    return done;
  }

  /** One layer's files from its artifact: what was there already, or the kind restored. */
  private async restoreOne(digest: string): Promise<'present' | Held> {
    const tag = planArtifactTag(digest) as string;
    const [tocPath, indexPath] = layerCacheFiles(this.cacheDir, digest);
    const local = await readLocalFiles(this.cacheDir, digest);
    if (!planAsk(local)) return 'present';
    const artifact = await readArtifact(this.client, this.repo, tag);
    if (!artifact) return 'none';
    const want = local.toc ? [MEDIA_INDEX] : [MEDIA_TOC, MEDIA_INDEX];
    const got: string[] = [];
    for (const d of artifact.layers.filter((l) => want.includes(l.mediaType))) {
      await writeFileAtomic(d.mediaType === MEDIA_TOC ? tocPath : indexPath, await this.client.getBlob(tagged(this.repo, tag), d.digest));
      got.push(d.mediaType);
    }
    return got.includes(MEDIA_INDEX) ? 'index' : got.includes(MEDIA_TOC) ? 'toc' : 'none';
  }

  /**
   * Writes the artifact of every layer whose files are on disk and that the repository lacks, or
   * holds without the index this run has (planSaveKind). Saved and failed name tags.
   */
  async save(digests: readonly string[]): Promise<LayerSaveResult> {
    const layers = planStoreDigests(digests, planArtifactTag);
    const outcomes = await this.eachLayer('save', layers, (digest) => this.saveOne(digest));
    const result: LayerSaveResult = { saved: [], failed: [] };
    outcomes.forEach((o, i) => {
      const tag = planArtifactTag(layers[i]) as string;
      if (isFailed(o)) result.failed.push(tag);
      else if (o) result.saved.push(tag);
    });
    return result;
  }

  /** One layer's artifact, written when the repository lacks what this run has: whether it was. */
  private async saveOne(digest: string): Promise<boolean> {
    const tag = planArtifactTag(digest) as string;
    const files = await readLocal(this.cacheDir, digest);
    if (files.length === 0) return false;
    const held = heldIn(await readArtifact(this.client, this.repo, tag));
    if (!planSaveKind(held, { toc: true, index: files.length === 2 })) return false;
    const ref = tagged(this.repo, tag);
    for (const f of files) await this.client.pushBlob(ref, sha256(f.data), f.data);
    await this.client.pushBlob(ref, EMPTY_CONFIG.digest, EMPTY);
    const body = Buffer.from(JSON.stringify(planArtifactManifest(digest, files)));
    await this.client.putManifest(ref, tag, body, MEDIA.ociManifest);
    return true;
  }
}

/** Layers looked up, restored or saved at once: each takes a few round trips, which a link makes long. */
const LAYERS_AT_ONCE = 4;

/** A layer's work that failed, with why (warned of, not thrown). */
interface Failed {
  failed: unknown;
}
const isFailed = (r: unknown): r is Failed => typeof r === 'object' && r !== null && 'failed' in r;

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
