// What a source image says about itself, read before the release table is asked: the Triton
// version and GPU flag, the CUDA and DCGM versions (its env), the distribution
// (/etc/os-release), and the Python version and package names (its dpkg database). The table
// keeps only what an image cannot tell. Pure: the views were read at the edges.
import { type DpkgPackage, parseStatus } from './dpkg.js';
import type { ImageView } from '../layer/contents.js';
import type { ImageConfig } from '../oci/types.js';

export interface ImageFacts {
  /** TRITON_SERVER_VERSION (or NVIDIA_TRITON_SERVER_VERSION), e.g. 2.61.0. */
  triton?: string;
  /** TRITON_SERVER_GPU_ENABLED=1, or a CUDA_VERSION where that variable is missing. */
  gpu: boolean;
  cuda?: string;
  dcgm?: string;
  /** /etc/os-release: ID and VERSION_ID (ubuntu 24.04, debian 13). */
  os?: { id: string; versionId: string };
  /** major.minor of the python3 package in the dpkg database, e.g. 3.12. */
  python?: string;
  /** The dpkg database, by package name (empty when the image has none). */
  packages: ReadonlyMap<string, DpkgPackage>;
}

const VERSION_TEXT = /^[0-9A-Za-z.+~:-]{1,64}$/;

/** An env value when it looks like a version; anything else an image says there is ignored. */
function versionEnv(env: Map<string, string>, ...names: string[]): string | undefined {
  for (const n of names) {
    const v = env.get(n)?.trim();
    if (v && VERSION_TEXT.test(v)) return v;
  }
  return undefined;
}

/**
 * ID and VERSION_ID of an os-release file: shell-style `KEY=value` lines, the value maybe in
 * single or double quotes with `\"`, `\$`, `` \` `` and `\\` escaped. Undefined without an ID.
 */
export function parseOsRelease(text: string): { id: string; versionId?: string } | undefined {
  const fields = new Map<string, string>();
  for (const line of text.split('\n')) {
    const m = /^([A-Z0-9_]+)=(.*)$/.exec(line.trim());
    if (!m) continue;
    const q = /^(["'])(.*)\1$/.exec(m[2]);
    fields.set(m[1], q ? q[2].replace(/\\(["$`\\])/g, '$1') : m[2]);
  }
  const id = fields.get('ID');
  if (!id) return undefined;
  const versionId = fields.get('VERSION_ID');
  return versionId ? { id, versionId } : { id };
}

/** The parsed os-release of an image's view: /etc/os-release, else /usr/lib/os-release. */
export function parseViewOsRelease(view: ImageView): { id: string; versionId?: string } | undefined {
  const text = view.captured.get('/etc/os-release') ?? view.captured.get('/usr/lib/os-release');
  return text === undefined ? undefined : parseOsRelease(text);
}

/** The distribution when both ID and VERSION_ID look like what they are; anything else is ignored. */
function checkedOs(os: { id: string; versionId?: string } | undefined): ImageFacts['os'] {
  const { id, versionId } = os ?? {};
  if (!id || !versionId || !/^[a-z0-9._-]{1,32}$/.test(id) || !/^[0-9.]{1,16}$/.test(versionId)) return undefined;
  return { id, versionId };
}

/** The Python major.minor: the python3 package's version, else a libpython3.N package. */
function pythonOf(packages: ReadonlyMap<string, DpkgPackage>): string | undefined {
  const python3 = packages.get('python3');
  const m = python3 && /^(?:\d+:)?(3\.\d{1,2})(?:[.~+-]|$)/.exec(python3.version);
  if (m && python3.installed) return m[1];
  const lib = [...packages.values()]
    .filter((p) => p.installed)
    .map((p) => /^libpython(3\.\d{1,2})(?:t64)?$/.exec(p.name)?.[1])
    .filter((v): v is string => v !== undefined)
    .sort((a, b) => Number(b.split('.')[1]) - Number(a.split('.')[1]));
  return lib[0];
}

/** The facts of one image, from its config and its merged view. Pure. */
export function planImageFacts(config: ImageConfig, view: ImageView): ImageFacts {
  const env = new Map<string, string>();
  for (const e of config.config?.Env ?? []) {
    const i = e.indexOf('=');
    if (i > 0) env.set(e.slice(0, i), e.slice(i + 1));
  }
  const packages = parseStatus(view.captured.get('/var/lib/dpkg/status') ?? '');
  const os = checkedOs(parseViewOsRelease(view));
  const gpuFlag = env.get('TRITON_SERVER_GPU_ENABLED');
  const facts: ImageFacts = { gpu: gpuFlag !== undefined ? gpuFlag === '1' : env.has('CUDA_VERSION'), packages };
  const triton = versionEnv(env, 'TRITON_SERVER_VERSION', 'NVIDIA_TRITON_SERVER_VERSION');
  if (triton) facts.triton = triton;
  const cuda = versionEnv(env, 'CUDA_VERSION');
  if (cuda) facts.cuda = cuda;
  const dcgm = versionEnv(env, 'DCGM_VERSION');
  if (dcgm) facts.dcgm = dcgm;
  if (os) facts.os = os;
  const python = pythonOf(packages);
  if (python) facts.python = python;
  return facts;
}

/**
 * The name a package has in this image: Ubuntu 24.04 and Debian 13 renamed libraries for the
 * 64-bit time_t move (`libcurl4` became `libcurl4t64`), and `libpython3.N` follows the image's
 * Python. Undefined when the image has none of the names.
 */
export function planPackageName(facts: Pick<ImageFacts, 'packages' | 'python'>, name: string): string | undefined {
  const base = name.endsWith('t64') ? name.slice(0, -3) : name;
  const stems = /^libpython3\.\d+$/.test(base) && facts.python ? [`libpython${facts.python}`, base] : [base];
  for (const stem of stems) for (const candidate of [stem, `${stem}t64`]) if (facts.packages.has(candidate)) return candidate;
  return undefined;
}
