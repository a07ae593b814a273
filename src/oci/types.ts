// The OCI image and distribution types the tool reads and writes, with no client attached:
// media types, descriptors, manifests, indexes, configs. https://github.com/opencontainers/image-spec
import type { ImageRef } from './reference.js';

export const MEDIA = {
  ociIndex: 'application/vnd.oci.image.index.v1+json',
  ociManifest: 'application/vnd.oci.image.manifest.v1+json',
  ociConfig: 'application/vnd.oci.image.config.v1+json',
  ociLayerGzip: 'application/vnd.oci.image.layer.v1.tar+gzip',
  ociLayerZstd: 'application/vnd.oci.image.layer.v1.tar+zstd',
  dockerList: 'application/vnd.docker.distribution.manifest.list.v2+json',
  dockerManifest: 'application/vnd.docker.distribution.manifest.v2+json',
} as const;

/** The OCI media type of a layer compressed with `kind`. Pure. */
export const layerMediaType = (kind: 'gzip' | 'zstd'): string => (kind === 'zstd' ? MEDIA.ociLayerZstd : MEDIA.ociLayerGzip);

export interface Platform {
  os: string;
  architecture: string;
  variant?: string;
}
export interface Descriptor {
  mediaType: string;
  digest: string;
  size: number;
  platform?: Platform;
  annotations?: Record<string, string>;
}
export interface Manifest {
  schemaVersion: number;
  mediaType?: string;
  config: Descriptor;
  layers: Descriptor[];
  annotations?: Record<string, string>;
}
export interface Index {
  schemaVersion: number;
  mediaType?: string;
  manifests: Descriptor[];
  annotations?: Record<string, string>;
}
export interface ImageConfig {
  architecture: string;
  os: string;
  variant?: string;
  config?: {
    Env?: string[];
    Labels?: Record<string, string>;
    Entrypoint?: string[] | null;
    Cmd?: string[] | null;
    User?: string;
    WorkingDir?: string;
    ExposedPorts?: Record<string, unknown>;
    Volumes?: Record<string, unknown>;
    StopSignal?: string;
    Healthcheck?: unknown;
    Shell?: string[];
    OnBuild?: string[] | null;
  };
  rootfs: { type: string; diff_ids: string[] };
  history?: unknown[];
  created?: string;
}
/** One platform's image as the registry holds it. */
export interface ResolvedImage {
  ref: ImageRef;
  /** Digest the tag points at: an index, or the manifest itself. */
  digest: string;
  /** Digest of the chosen platform's manifest. */
  manifestDigest: string;
  manifest: Manifest;
  config: ImageConfig;
}
