// The validated compose request every stage reads (Spec), and the raw inputs it is parsed from.
// Types and the lists of accepted values only: parsing is spec.ts.
import type { CacheEntry } from './cache-spec.js';
import type { Release } from './releases.js';
import type { ImageRef } from '../oci/reference.js';

export const ASSEMBLY_MODES = ['auto', 'direct', 'buildx'] as const;
export type AssemblyInput = (typeof ASSEMBLY_MODES)[number];

export const INPUT_NAMES = [
  'container-version',
  'backends',
  'repoagents',
  'caches',
  'sources',
  'python-packages',
  'prefer',
  'full-image',
  'min-image',
  'gpu-min-image',
  'gpu',
  'runtime-deps',
  'source',
  'assembly',
  'index-repository',
  'user',
  'tags',
  'labels',
  'annotations',
  'push',
  'load',
  'platforms',
  'builder',
  'provenance',
  'sbom',
  'outputs',
  'compression-level',
  'layer-compression',
  'trim',
  'keep',
  'drop',
  'max-layer-size',
  'add',
  'arbitrary-user',
  'pull',
  'no-cache',
  'cache-from',
  'cache-to',
  'build-cache',
  'force',
  'dockerfile',
  'dry-run',
  'summary',
] as const;
export type InputName = (typeof INPUT_NAMES)[number];
export type RawInputs = Partial<Record<InputName, string>>;

export interface Spec {
  /** The release table's row for container-version, when the table knows the release. */
  release?: Release;
  /** container-version as given (YY.MM), known to the table or not. */
  version?: string;
  /** Warnings about the inputs, said once the compose starts (e.g. a release newer than the table). */
  notes: string[];
  images: { full: ImageRef; min: ImageRef; gpuMin?: ImageRef };
  /** The full image was given by the user: part names are checked against its contents, not the table. */
  customFull: boolean;
  /** Images parts are taken from besides the full image (sources-spec.ts): those some part names, by name. */
  sources: { name: string; ref: ImageRef }[];
  /** The parts taken from one of `sources` (`name@source`); every other part comes from the full image. */
  partSources: PartSourceSpec[];
  /**
   * Python distributions (with their closure through Requires-Dist) copied for the python
   * backend's models, from the full image or a source (plan/python-dists.ts).
   */
  /** python-packages, and those a Python-based backend brings with it (`why` says which). */
  pythonPackages: { requirement: string; source?: string; why?: string }[];
  /** The images (`full`, or a source's name) that win a path two of them place with different content, in order. */
  prefer: string[];
  gpu: boolean;
  backends: string[]; // to copy (ensemble dropped: it is built in)
  repoagents: string[];
  caches: string[];
  runtimeDeps: 'image' | 'apt';
  /**
   * Where parts come from: `selective` reads only the byte ranges of the full image that hold
   * them (a layer index, no pull); `buildkit` copies them with `COPY --from=<full image>`.
   */
  source: 'selective' | 'buildkit';
  /** Who writes the image: the action itself (`direct`), Buildx, or `auto` (assembly.ts). */
  assembly: AssemblyInput;
  /** A repository (no tag) where layer indexes and listings are kept as artifacts (index-registry.ts). */
  indexRepository?: ImageRef;
  user?: string;
  tags: string[];
  labels: string[];
  annotations: string[];
  push: boolean;
  load: boolean;
  pull: boolean;
  noCache: boolean;
  cacheFrom: CacheEntry[];
  cacheTo: CacheEntry[];
  /** Shorthand that sets both sides: see planBuildCache. */
  buildCache: BuildCacheMode;
  /** Build even when the first tag already holds this compose. */
  force: boolean;
  dryRun: boolean;
  summary: boolean;
  platforms: string[];
  builder?: string;
  provenance?: string;
  sbom?: string;
  outputs: string[];
  /**
   * The level of the layers the compose writes (the parts; min's layers are copied as they
   * are), by the direct assembly and by BuildKit's exporter alike: gzip 0-9 (unset: 6), zstd
   * 1-22 (unset: 3), both tools' defaults.
   */
  compressionLevel?: number;
  /** What the layers the compose writes are compressed with: gzip (every client reads it) or zstd. */
  layerCompression: LayerCompressionKind;
  dockerfile?: string;
  /** What of min the base keeps (plan/trim.ts): `none` keeps min's layers as they are. */
  trim: { level: TrimLevel; keep: string[]; drop: string[] };
  /** The most compressed bytes a layer the compose writes may have; a larger one is cut by path (direct/layer-split.ts). */
  maxLayerSize?: number;
  /** Files of the workspace added as layers of their own, after the parts (add-spec.ts). */
  add: AddSpec[];
  /**
   * The image runs as any user ID in group 0 (OpenShift's restricted SCC): the server's folder
   * and every add destination are group 0's, the group's permissions the owner's.
   */
  arbitraryUser: boolean;
}

/** The inputs that name parts, as the folders under /opt/tritonserver that hold them. */
export const PART_INPUTS = ['backends', 'repoagents', 'caches'] as const;
export type PartInput = (typeof PART_INPUTS)[number];

/** A part taken from a source image other than the full one. */
export interface PartSourceSpec {
  input: PartInput;
  name: string;
  /** A name of Spec.sources. */
  source: string;
}

/** One add entry: a folder or file of the workspace or of an image, where it goes in the image, and who owns it there. */
export interface AddSpec {
  /** As given: relative to the workspace, or absolute inside it; `image:REF:PATH` for an image's. */
  src: string;
  /**
   * `image:REF:PATH`: the source it is read from (a name of Spec.sources: the sources input's,
   * or `add-N` for an image given by reference), that image, and the path in it.
   */
  image?: { source: string; ref: ImageRef; path: string };
  /** Absolute and normalized. */
  dest: string;
  owner: { uid: number; gid: number };
  /** The entry as written, for messages. */
  text: string;
}

/** How much of min a compose drops: nothing, or what serving never opens (plan/trim-rules.ts). */
export const TRIM_LEVELS = ['none', 'safe', 'needed'] as const;
export type TrimLevel = (typeof TRIM_LEVELS)[number];

/** gzip's default level, zlib's and Go's alike: what an unset compression-level means. */
export const DEFAULT_GZIP_LEVEL = 6;
/** zstd's default level, the zstd tool's and BuildKit's alike. */
export const DEFAULT_ZSTD_LEVEL = 3;

export const LAYER_COMPRESSIONS = ['gzip', 'zstd'] as const;
export type LayerCompressionKind = (typeof LAYER_COMPRESSIONS)[number];
/** How the layers a compose writes are compressed: the kind and its level. */
export interface LayerCompression {
  kind: LayerCompressionKind;
  level: number;
}

/** The compression of a spec's layers, its level's default filled in. Pure. */
export function layerCompressionOf(spec: Pick<Spec, 'layerCompression' | 'compressionLevel'>): LayerCompression {
  const kind = spec.layerCompression;
  return { kind, level: spec.compressionLevel ?? (kind === 'zstd' ? DEFAULT_ZSTD_LEVEL : DEFAULT_GZIP_LEVEL) };
}

export const BUILD_CACHE_MODES = ['none', 'registry', 'gha', 'actions', 'local'] as const;
export type BuildCacheMode = (typeof BUILD_CACHE_MODES)[number];
