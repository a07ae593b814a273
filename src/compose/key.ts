// The compose key: one hash of everything that decides the result's bytes (the resolved source
// digests, the parts, the options, the timestamp the layers get, and this tool's version).
// It is written on the result as a manifest annotation (and a label, for `docker inspect`),
// so a later run can tell from the tags' manifests alone that they already hold this compose,
// without fetching a blob or building. Pure, except readExistingCompose (registry reads).
import { createHash } from 'node:crypto';
import { planAssembly } from '../spec/assembly.js';
import type { ImageRef } from '../oci/reference.js';
import { RegistryClient } from '../registry/client.js';
import { type Index, type Manifest } from '../oci/types.js';
import { DEFAULT_GZIP_LEVEL, type Spec, layerCompressionOf } from '../spec/types.js';

export const COMPOSE_KEY = 'io.github.triton-compose.key';

export interface ComposeKeyInput {
  version: string;
  sources: { full: string; min: string; gpuMin?: string; extra?: Record<string, string> }; // digests
  platforms: string[];
  sourceDateEpoch: number;
  /** add: each entry's digest, or an image's entry as the pinned image and path (selective/added.ts's planAddedKeys), in order. */
  added?: string[];
}

export function planComposeKey(spec: Spec, input: ComposeKeyInput): string {
  const sorted = (a: string[]) => [...a].sort();
  const doc = {
    v: input.version,
    sources: input.sources,
    platforms: sorted(input.platforms),
    epoch: input.sourceDateEpoch,
    gpu: spec.gpu,
    backends: sorted(spec.backends),
    repoagents: sorted(spec.repoagents),
    caches: sorted(spec.caches),
    runtimeDeps: spec.runtimeDeps,
    source: spec.source,
    // The two assemblies write the same files as different layer bytes.
    assembly: planAssembly(spec).mode,
    user: spec.user ?? '',
    labels: spec.labels,
    annotations: spec.annotations,
    provenance: spec.provenance ?? 'false',
    sbom: spec.sbom ?? '',
    // Only when it changes the layers, so that keys made before the input existed still match.
    ...(spec.layerCompression === 'gzip' && spec.compressionLevel !== undefined && spec.compressionLevel !== DEFAULT_GZIP_LEVEL
      ? { gzip: spec.compressionLevel }
      : {}),
    ...(spec.layerCompression === 'zstd' ? { zstd: layerCompressionOf(spec).level } : {}),
    ...(spec.trim.level !== 'none' ? { trim: spec.trim } : {}),
    ...(spec.maxLayerSize !== undefined ? { maxLayerSize: spec.maxLayerSize } : {}),
    ...(input.added?.length ? { added: input.added } : {}),
    ...(spec.arbitraryUser ? { arbitraryUser: true } : {}),
    // Which part comes from which extra source (their digests are in sources).
    ...(spec.pythonPackages.length ? { pythonPackages: spec.pythonPackages.map((p) => `${p.requirement}@${p.source ?? 'full'}`) } : {}),
    ...(spec.prefer.length ? { prefer: spec.prefer } : {}),
    ...(spec.partSources.length ? { partSources: spec.partSources.map((p) => `${p.input}/${p.name}@${p.source}`).sort() } : {}),
  };
  return `sha256:${createHash('sha256').update(JSON.stringify(doc)).digest('hex')}`;
}

/** Where the key goes: every platform manifest, and the index when there is one. */
export function planKeyAnnotations(key: string, platforms: string[]): string[] {
  const out = [`manifest:${COMPOSE_KEY}=${key}`];
  if (platforms.length > 1) out.push(`index:${COMPOSE_KEY}=${key}`);
  return out;
}

export interface ExistingCompose {
  digest: string;
  /** Compressed bytes per platform, from the manifests. */
  sizes: Record<string, number>;
}

/**
 * The image every tag points at, when all of them hold `key` and point at the same digest;
 * otherwise undefined (a missing tag, another compose, or tags that disagree). Reads manifests
 * only.
 */
export async function readExistingCompose(client: RegistryClient, tags: ImageRef[], key: string): Promise<ExistingCompose | undefined> {
  let found: ExistingCompose | undefined;
  for (const tag of tags) {
    const digest = await client.headManifest(tag);
    if (!digest) return undefined;
    if (found) {
      if (found.digest !== digest) return undefined;
      continue;
    }
    const top = await client.getManifest(tag, digest);
    const doc = JSON.parse(top.body.toString('utf8')) as Manifest & Index & { annotations?: Record<string, string> };
    if (doc.annotations?.[COMPOSE_KEY] !== key) return undefined;
    const sizes: Record<string, number> = {};
    const total = (m: Manifest) => m.layers.reduce((n, l) => n + l.size, 0);
    if (Array.isArray(doc.manifests)) {
      for (const d of doc.manifests) {
        if (!d.platform || d.platform.os === 'unknown') continue; // attestations
        const m = JSON.parse((await client.getManifest(tag, d.digest)).body.toString('utf8')) as Manifest;
        sizes[`${d.platform.os}/${d.platform.architecture}${d.platform.variant ? `/${d.platform.variant}` : ''}`] = total(m);
      }
    } else {
      sizes[''] = total(doc);
    }
    found = { digest, sizes };
  }
  return found;
}
