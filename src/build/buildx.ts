import { type Spec, layerCompressionOf } from '../spec/types.js';
// The `docker buildx build` command, planned as data (argv array, never a shell string).
// Flags follow docker/build-push-action's mapping of the same inputs.

export interface BuildPaths {
  context: string;
  dockerfile: string;
  metadataFile: string;
  iidFile: string;
}

/** What the run decides beyond the spec: caches, the timestamp, the key, where the image goes. */
export interface BuildExtras {
  cacheFrom?: string[];
  cacheTo?: string[];
  /** SOURCE_DATE_EPOCH for reproducible layers and config (with rewrite-timestamp on an OCI export). */
  sourceDateEpoch?: number;
  annotations?: string[];
  labels?: string[];
  /**
   * `oci-stream`: the image comes out on stdout as an OCI tar with timestamps rewritten, for us
   * to push and load (the `docker` driver's image exporter cannot rewrite timestamps);
   * `buildx`: --push/--load/--output as the spec says.
   */
  output?: 'oci-stream' | 'buildx';
  /** Name `docker load` gives the streamed image. */
  imageName?: string;
}

/**
 * Whether the run exports through the OCI stream: when it pushes or loads and the user gave no
 * outputs of their own (those are passed to Buildx as they are).
 */
export function usesOciStream(spec: Spec): boolean {
  return spec.outputs.length === 0 && (spec.push || spec.load);
}

export function planBuildx(spec: Spec, paths: BuildPaths, extras: BuildExtras = {}): string[] {
  const args = ['buildx', 'build'];
  if (spec.builder) args.push('--builder', spec.builder);
  args.push('--file', paths.dockerfile);
  for (const t of spec.tags) args.push('--tag', t);
  for (const l of [...spec.labels, ...(extras.labels ?? [])]) args.push('--label', l);
  for (const a of [...spec.annotations, ...(extras.annotations ?? [])]) args.push('--annotation', a);
  if (spec.platforms.length) args.push('--platform', spec.platforms.join(','));
  if (extras.sourceDateEpoch !== undefined) args.push('--build-arg', `SOURCE_DATE_EPOCH=${extras.sourceDateEpoch}`);
  if (extras.output === 'oci-stream') {
    // BuildKit compresses the layers it makes; those its cache holds in another compression stay so (no force-compression).
    const level =
      spec.layerCompression === 'zstd'
        ? `,compression=zstd,compression-level=${layerCompressionOf(spec).level}`
        : spec.compressionLevel !== undefined
          ? `,compression=gzip,compression-level=${spec.compressionLevel}`
          : '';
    args.push('--output', `type=oci,dest=-,rewrite-timestamp=true${level}${extras.imageName ? `,name=${extras.imageName}` : ''}`);
  } else {
    for (const o of spec.outputs) args.push('--output', o);
    if (spec.push) args.push('--push');
    if (spec.load) args.push('--load');
  }
  if (spec.pull) args.push('--pull');
  if (spec.noCache) args.push('--no-cache');
  for (const c of extras.cacheFrom ?? []) args.push('--cache-from', c);
  for (const c of extras.cacheTo ?? []) args.push('--cache-to', c);
  // Attestations are opt-in: an index with provenance changes digest on every build.
  args.push(`--provenance=${spec.provenance ?? 'false'}`);
  if (spec.sbom !== undefined) args.push(`--sbom=${spec.sbom}`);
  args.push('--metadata-file', paths.metadataFile, '--iidfile', paths.iidFile);
  args.push(paths.context);
  return args;
}

/** The command as a person would type it, for logs and dry runs (each argument quoted when needed). */
export function formatCommand(command: string, args: string[]): string {
  const q = (a: string) => (/^[A-Za-z0-9_./:=,@+-]+$/.test(a) ? a : `'${a.replace(/'/g, `'\\''`)}'`);
  return [command, ...args].map(q).join(' ');
}
