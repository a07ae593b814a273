// The result image of a direct assembly as data: its config, the manifest of each platform and
// the index over them, from min's own config and manifest, the plan and the part layers the
// action wrote. The config says what the generated Dockerfile's final stage says (ENV, LABEL,
// WORKDIR, USER, ENTRYPOINT, CMD, as BuildKit applies them), so both assemblies run the same.
// Pure. https://github.com/opencontainers/image-spec/blob/main/config.md
import { type Descriptor, type ImageConfig, type Index, MEDIA, type Manifest, type ResolvedImage } from './types.js';

export const WORKDIR = '/opt/tritonserver';
const DOCKER_GZIP = 'application/vnd.docker.image.rootfs.diff.tar.gzip';
const DOCKER_ZSTD = 'application/vnd.docker.image.rootfs.diff.tar.zstd';

/** One layer the action wrote. */
export interface WrittenLayer {
  name: string;
  digest: string;
  /** sha256 of the layer's tar. */
  diffId: string;
  /** Compressed bytes. */
  size: number;
  /** Bytes of the tar. */
  tarSize: number;
  /** What it holds, for the history: the kept paths. */
  paths: readonly string[];
}

/** What the final stage sets on top of min's config (a compose plan has these fields). */
export interface ImageSettings {
  env: [string, string][];
  labels: [string, string][];
  user?: string;
  entrypoint?: string[];
  cmd?: string[];
}

export interface ConfigInput {
  min: Pick<ResolvedImage, 'config'>;
  plan: ImageSettings;
  /** `key=value`: the labels input, then the compose key label (the later wins, as `--label`). */
  labels: readonly string[];
  /** SOURCE_DATE_EPOCH: the config's and history's time. */
  epoch: number;
  layers: readonly WrittenLayer[];
  /** Named in each history entry's comment. */
  tool: string;
}

function splitPair(text: string): [string, string] {
  const i = text.indexOf('=');
  return [text.slice(0, i), text.slice(i + 1)];
}

/** `ENV k=v` on an image env: an existing key keeps its place, a new one goes last. */
function setEnv(env: string[], key: string, value: string): void {
  const i = env.findIndex((e) => e.startsWith(`${key}=`));
  if (i >= 0) env[i] = `${key}=${value}`;
  else env.push(`${key}=${value}`);
}

/** The result's config: min's, with the final stage applied on top. Pure. */
export function planImageConfig(input: ConfigInput): ImageConfig {
  const { min, plan, epoch } = input;
  const base = min.config;
  const created = new Date(epoch * 1000).toISOString().replace('.000Z', 'Z');
  const entry = (createdBy: string, emptyLayer: boolean) => ({
    created,
    created_by: createdBy,
    comment: input.tool,
    ...(emptyLayer ? { empty_layer: true } : {}),
  });
  const history: unknown[] = [...(base.history ?? [])];

  const env = [...(base.config?.Env ?? [])];
  for (const [k, v] of plan.env) setEnv(env, k, v);
  if (plan.env.length) history.push(entry(`ENV ${plan.env.map(([k, v]) => `${k}=${v}`).join(' ')}`, true));
  const labels: Record<string, string> = { ...(base.config?.Labels ?? {}) };
  for (const [k, v] of plan.labels) labels[k] = v;
  if (plan.labels.length) history.push(entry(`LABEL ${plan.labels.map(([k, v]) => `${k}=${v}`).join(' ')}`, true));
  for (const l of input.labels) {
    const [k, v] = splitPair(l);
    labels[k] = v;
  }
  for (const l of input.layers) {
    const what = l.paths.length === 1 ? l.paths[0] : `${l.paths.length} paths`;
    history.push(entry(`COPY ${l.name}: ${what}`, false));
  }
  history.push(entry(`WORKDIR ${WORKDIR}`, true));

  const config: NonNullable<ImageConfig['config']> = { ...(base.config ?? {}), Env: env, WorkingDir: WORKDIR };
  if (plan.user) {
    config.User = plan.user;
    history.push(entry(`USER ${plan.user}`, true));
  }
  if (plan.entrypoint) {
    // A Dockerfile ENTRYPOINT drops the CMD inherited from the base image.
    config.Entrypoint = plan.entrypoint;
    delete config.Cmd;
    history.push(entry(`ENTRYPOINT ${JSON.stringify(plan.entrypoint)}`, true));
  }
  if (plan.cmd) {
    config.Cmd = plan.cmd;
    history.push(entry(`CMD ${JSON.stringify(plan.cmd)}`, true));
  }
  config.Labels = Object.fromEntries(Object.entries(labels).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));

  return {
    architecture: base.architecture,
    os: base.os,
    ...(base.variant ? { variant: base.variant } : {}),
    config,
    created,
    history,
    rootfs: { type: 'layers', diff_ids: [...base.rootfs.diff_ids, ...input.layers.map((l) => l.diffId)] },
  };
}

/** A base layer's descriptor in an OCI manifest: Docker's media types named as OCI's (the bytes are the same). Pure. */
export function planBaseLayer(d: Descriptor): Descriptor {
  const mediaType = d.mediaType === DOCKER_GZIP ? MEDIA.ociLayerGzip : d.mediaType === DOCKER_ZSTD ? MEDIA.ociLayerZstd : d.mediaType;
  return { mediaType, digest: d.digest, size: d.size };
}

/** A platform's manifest: min's layers, then the written ones (of `layerType`: gzip or zstd). Pure. */
export function planManifest(
  config: Descriptor,
  base: readonly Descriptor[],
  layers: readonly WrittenLayer[],
  annotations: Record<string, string>,
  layerType: string = MEDIA.ociLayerGzip,
): Manifest {
  return {
    schemaVersion: 2,
    mediaType: MEDIA.ociManifest,
    config,
    layers: [...base.map(planBaseLayer), ...layers.map((l) => ({ mediaType: layerType, digest: l.digest, size: l.size }))],
    ...(Object.keys(annotations).length ? { annotations } : {}),
  };
}

/** The index over several platforms' manifests. Pure. */
export function planIndex(manifests: readonly Descriptor[], annotations: Record<string, string>): Index {
  return {
    schemaVersion: 2,
    mediaType: MEDIA.ociIndex,
    manifests: [...manifests],
    ...(Object.keys(annotations).length ? { annotations } : {}),
  };
}

/** JSON as pushed: the bytes whose sha256 is the digest. */
export function encodeJson(doc: unknown): Buffer {
  return Buffer.from(JSON.stringify(doc));
}
