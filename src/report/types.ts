// What a compose run reports: the data behind the outputs, the job summary and the CLI's
// table. Plain data, so renderers are pure functions of it.

export type PartKind = 'base' | 'runtime-deps' | 'core' | 'backend' | 'repoagent' | 'cache' | 'add' | 'other';

/** One layer group of the result: the base image's layers, or one COPY of ours. */
export interface PartSize {
  name: string; // e.g. "onnxruntime", "base", "runtime-deps", "core"
  kind: PartKind;
  /** Layer digests of this part (the base has several; each COPY has one). */
  digests: string[];
  size: number; // compressed bytes
  uncompressedSize: number; // bytes of the layer tars
  /** The sources input's image a part was taken from, by name; absent: the full image (or, for base, min). */
  source?: string;
  /** add from an image: the pinned image and the path in it, `image@digest:PATH`. */
  from?: string;
}

export interface PlatformReport {
  platform: string; // linux/amd64
  size: number;
  uncompressedSize: number;
  parts: PartSize[];
}

export interface PythonDistReport {
  name: string;
  version: string;
  /** The sources input's image it was taken from; absent: the full image. */
  source?: string;
  /** Asked for, or the requirement that pulled it in. */
  why: string;
}

/** What python-packages brought for a native extension: a Debian package, or a file no package lists. */
export interface PythonLibraryReport {
  package?: string;
  version?: string;
  path?: string;
  /** The sources input's image it was taken from; absent: the full image. */
  source?: string;
  /** The library and the extension that needs it, or the package it is a dependency of. */
  why: string;
}

export interface SourceImageReport {
  role: 'full' | 'min' | 'gpu-min' | 'source';
  /** A source's name in the sources input (role source). */
  name?: string;
  ref: string; // pinned: name@sha256:…
  size: number; // compressed, target platform
  uncompressedSize?: number;
}

export interface StageDurations {
  resolve?: number; // milliseconds
  /** Selective mode with Buildx: fetching the parts by ranges and packing them into the context. */
  fetch?: number;
  /** Direct assembly: fetching the parts, writing their layers and the manifests to the registry. */
  assemble?: number;
  build?: number;
  push?: number;
}

export interface Report {
  ok: boolean;
  /** Tags of the result, as given (may be empty for a load-only or dry run). */
  tags: string[];
  digest?: string;
  imageId?: string;
  release?: string; // e.g. 24.01
  gpu: boolean;
  pushed: boolean;
  dryRun: boolean;
  platforms: PlatformReport[];
  sources: SourceImageReport[];
  /** Percent (0-100) of the full image's compressed size that the result avoids, first platform. */
  saving?: number;
  durations: StageDurations;
  /** BuildKit steps answered from cache vs executed, when known. */
  cache?: { cached: number; built: number };
  /** Nothing was built: the tags already held this compose (see composeKey). */
  skipped?: boolean;
  /** Hash of everything that decides the result (sources, parts, options, version). */
  composeKey?: string;
  /** The timestamp every file and the config got (SOURCE_DATE_EPOCH). */
  sourceDateEpoch?: number;
  buildCache?: { mode: string; from: string[]; to: string[] };
  /** Bytes of blobs sent to the registry (the registry lacked them). */
  uploaded?: number;
  /** Selective mode: how the full image was read. */
  selective?: SelectiveReport;
  /** Who wrote the image (assembly.ts), and why. */
  assembly?: { mode: 'direct' | 'buildx'; reason: string };
  /** trim: what of min each platform's base dropped and kept, and why. */
  trim?: TrimReport[];
  /** python-packages: each distribution copied, from which image, and why it is there. */
  python?: PythonDistReport[];
  /** python-packages: what the distributions' native extensions load from outside them, and why. */
  pythonLibraries?: PythonLibraryReport[];
  /** What the SBOM lists, against what the full image holds. */
  sbom?: SbomSummary;
  /** Bytes fetched from registries during the run, when known. */
  bytesFetched?: number;
  dockerfile: string; // the generated Dockerfile's text
  dockerfilePath?: string;
  /** On failure: one line saying what failed, and the last lines of the build log. */
  error?: string;
  logTail?: string[];
}

export interface SelectiveReport {
  /** Layers of full streamed once to index them (no cached index). */
  coldLayers: { digest: string; size: number }[];
  /** Layers of full read only by ranges (a cached index). */
  warmLayers: number;
  /** Layers full shares with min: never read for parts. */
  sharedLayers: number;
  ranges: number;
  /** Compressed bytes of those ranges. */
  rangeBytes: number;
  files: number;
  /** Direct assembly: part layers the target repository held already (nothing fetched for them). */
  reusedLayers?: number;
}

/** Debian packages and Python distributions the result's SBOM lists, and how many the full image has. */
export interface SbomSummary {
  packages: number;
  distributions: number;
  fullPackages: number;
  fullDistributions: number;
  /** With a trim: min's packages left out, every file of theirs dropped. */
  trimmedPackages?: number;
  /** Digest of the SBOM artifact attached to the pushed image, when it was. */
  referrer?: string;
}

/** A file a trim dropped or kept, and why (a rule's category, a pattern, a license text, …). */
export interface TrimmedPath {
  path: string;
  /** Bytes of data, uncompressed. */
  size: number;
  reason: string;
}

/** One platform's trim: the figures of plan/trim.ts, and what the base became. */
export interface TrimReport {
  platform: string;
  level: string;
  keep: string[];
  drop: string[];
  /** Bytes of min's regular files, uncompressed, and of those the trimmed base keeps. */
  bytes: number;
  keptBytes: number;
  /** Per reason, in DROP_REASONS order: files and bytes dropped. */
  byReason: { reason: string; files: number; bytes: number }[];
  /** trim: needed: the libraries no kept file can load, per family (cuDNN, TensorRT, …), most bytes first. */
  byFamily?: { family: string; files: number; bytes: number }[];
  /** Min's layers, with what each became: itself (nothing dropped), or a trimmed copy (several layers under max-layer-size). */
  layers: { digest: string; size: number; dropped: number; trimmed?: { digests: string[]; size: number }; untouched?: string }[];
  /** Every file dropped, and every regular file kept, largest first. */
  dropped: TrimmedPath[];
  kept: TrimmedPath[];
  /** trim: needed: every library of min's the loader finds by name that stays, by path, with why. */
  libraries?: TrimmedPath[];
}
