// Planning steps for what the composed image takes over from the full image's config and
// files: the checks that the sources fit the spec, env, labels, the server core and the user.
// Pure: everything comes from the resolved configs and the merged views.
import { type ImageView } from '../layer/contents.js';
import { InputError } from '../spec/lists.js';
import { type ImageConfig } from '../oci/types.js';
import { CORE_PATHS, type SourceImage, TRITON_DIR } from './types.js';
import { type Spec } from '../spec/types.js';

export const has = (view: ImageView, path: string): boolean => view.entries.has(path);

export function envMap(config: ImageConfig): Map<string, string> {
  const m = new Map<string, string>();
  for (const e of config.config?.Env ?? []) {
    const i = e.indexOf('=');
    if (i > 0) m.set(e.slice(0, i), e.slice(i + 1));
  }
  return m;
}

/** The sources fit the spec: a full image of the asked kind (GPU or not), a CUDA min for GPU, a Triton server. */
export function checkSources(spec: Spec, fullEnv: Map<string, string>, minEnv: Map<string, string>, full: ImageView): void {
  const fullGpu = fullEnv.has('TRITON_SERVER_GPU_ENABLED') ? fullEnv.get('TRITON_SERVER_GPU_ENABLED') === '1' : fullEnv.has('CUDA_VERSION');
  if (fullGpu !== spec.gpu) {
    throw new InputError(
      'gpu',
      `is ${spec.gpu} but the full image was built with TRITON_SERVER_GPU_ENABLED=${fullGpu ? 1 : 0}; set gpu: ${fullGpu} or give a ${spec.gpu ? 'GPU' : 'CPU-only'} full-image`,
    );
  }
  if (spec.gpu && !minEnv.has('CUDA_VERSION'))
    throw new InputError('min-image', 'has no CUDA_VERSION: a GPU compose needs a CUDA min image (tritonserver:<version>-py3-min)');
  for (const p of ['bin', 'lib'])
    if (!has(full, `${TRITON_DIR}/${p}`)) throw new InputError('full-image', `has no ${TRITON_DIR}/${p}: is it a Triton server image?`);
}

/** An env name a Dockerfile's ENV can take as it is: anything else could start an instruction of its own. */
const ENV_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
/** A Debian version as DCGM_VERSION holds it (`4.2.3`, `3.3.9-1`). */
const DCGM_VERSION_TEXT = /^[0-9A-Za-z.+~:-]{1,64}$/;

/** Refuses an env name of `image` that is not a plain shell name (a newline, `=`, a space…). Pure. */
export function checkEnvNames(image: string, env: Map<string, string>): void {
  for (const k of env.keys())
    if (!ENV_NAME.test(k))
      throw new InputError('full-image', `${image} sets an env variable named ${JSON.stringify(k)}: not a plain name, it cannot be copied`);
}

/**
 * Refuses an env value, label name or label value of `image` that spans lines: a Dockerfile
 * cannot hold it, and a newline in a config value is never meant. Pure.
 */
export function checkConfigText(image: string, env: Map<string, string>, labels: Record<string, string>): void {
  const lines = /[\n\r]/;
  for (const [k, v] of env)
    if (lines.test(v))
      throw new InputError(
        'full-image',
        `${image} sets the env variable ${k} to ${JSON.stringify(v)}: a value that spans lines cannot be copied`,
      );
  for (const [k, v] of Object.entries(labels))
    if (lines.test(k) || lines.test(v))
      throw new InputError(
        'full-image',
        `${image} sets the label ${JSON.stringify(k)} to ${JSON.stringify(v)}: a label that spans lines cannot be copied`,
      );
}

/** The image's DCGM_VERSION when it sets one, refused when it is not version text (it becomes an apt pin). Pure. */
export function planDcgmVersion(image: string, env: Map<string, string>): string | undefined {
  const v = env.get('DCGM_VERSION');
  if (v === undefined || v === '') return undefined;
  if (!DCGM_VERSION_TEXT.test(v))
    throw new InputError('full-image', `${image} sets DCGM_VERSION to ${JSON.stringify(v)}: not a version, it cannot pin a package`);
  return v;
}

/** The composed image's whole environment: min's, with what the compose sets over it (planEnv). Pure. */
export function composedEnv(minConfig: ImageConfig, env: ReadonlyArray<readonly [string, string]>): [string, string][] {
  const m = envMap(minConfig);
  for (const [k, v] of env) m.set(k, v);
  return [...m];
}

/** Env: what the full image sets beyond its base, then the search paths the kept parts need (before min's own). */
export function planEnv(
  fullEnv: Map<string, string>,
  minEnv: Map<string, string>,
  libraryPath: string[],
  pythonPath: string[],
): [string, string][] {
  const env: [string, string][] = [];
  for (const [k, v] of fullEnv) {
    if (k === 'LD_LIBRARY_PATH' || k === 'PYTHONPATH' || minEnv.get(k) === v) continue;
    env.push([k, v]);
  }
  const joinPath = (add: string[], old: string | undefined) => [...new Set([...add, ...(old ? old.split(':') : [])])].join(':');
  if (libraryPath.length) env.push(['LD_LIBRARY_PATH', joinPath(libraryPath, minEnv.get('LD_LIBRARY_PATH'))]);
  if (pythonPath.length) env.push(['PYTHONPATH', joinPath(pythonPath, minEnv.get('PYTHONPATH'))]);
  return env;
}

/** Labels: the full image's beyond min's (sorted), SageMaker's when serve is kept, and the base image's. */
export function planLabels(fullConfig: ImageConfig, minConfig: ImageConfig, serve: boolean, min: SourceImage): [string, string][] {
  const minLabels = minConfig.config?.Labels ?? {};
  const labels: [string, string][] = Object.entries(fullConfig.config?.Labels ?? {})
    .filter(([k, v]) => minLabels[k] !== v)
    .sort(([a], [b]) => a.localeCompare(b));
  if (serve) labels.push(['com.amazonaws.sagemaker.capabilities.accept-bind-to-port', 'true']);
  labels.push(['org.opencontainers.image.base.name', min.reference], ['org.opencontainers.image.base.digest', min.digest]);
  return labels;
}

/** The server core the full image has, and NGC's entrypoint folder when the entrypoint needs it and min lacks it. */
export function planCore(view: { full: ImageView; min: ImageView }, entrypoint: string[] | undefined): string[] {
  const core = CORE_PATHS.filter((p) => has(view.full, p));
  const entry = entrypoint?.[0];
  if (entry && entry.startsWith('/opt/nvidia/') && !has(view.min, entry) && has(view.full, '/opt/nvidia')) core.push('/opt/nvidia');
  return core;
}

/** A user given by name must be one of the full image's (a numeric uid is taken as it is). */
export function checkUser(user: string | undefined, full: ImageView): void {
  if (!user || /^\d/.test(user)) return;
  const name = user.split(':')[0];
  const users = (full.captured.get('/etc/passwd') ?? '')
    .split('\n')
    .map((l) => l.split(':')[0])
    .filter(Boolean);
  if (!users.includes(name))
    throw new InputError(
      'user',
      `"${name}" is not a user of the full image (it has: ${users.join(', ')}); use one of them or a numeric uid`,
    );
}
