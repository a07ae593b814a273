// Spec + what the source images hold → a ComposePlan: every decision the Dockerfile needs,
// as data. Pure. Image facts (env, labels, entrypoint, files, dpkg database) come from the
// images; per-release facts from the release table; nothing from the host.
import { type DpkgPackage, dependencyClosure, packageFiles, parseStatus } from './dpkg.js';
import { type ImageView, listFolders } from '../layer/contents.js';
import { InputError } from '../spec/lists.js';
import {
  ERAS,
  type Era,
  type Release,
  aptPackages,
  breaksSystemPackages,
  cpuTorchLibraries,
  cpuTorchPackages,
  cpuTorchLibraryPath,
  dcgmPackages,
  dcgmRuntimePackage,
  libraryPathFor,
  pipRequirements,
  pythonPathFor,
  tripletOf,
} from '../spec/releases.js';
import { type ImageConfig, type ResolvedImage } from '../oci/types.js';
import { type Spec } from '../spec/types.js';

export interface SourceImage {
  name: string; // registry/repository
  reference: string; // as given, e.g. 127.0.0.1:5000/tritonserver:24.01-py3
  digest: string; // what the tag points at (index or manifest)
  /** Per target platform ("linux/amd64"): that platform's manifest and config. */
  platforms: Record<string, ResolvedImage>;
}

/** What the planner reads: resolved sources and, per platform, merged views of full and min. */
export interface Sources {
  full: SourceImage;
  min: SourceImage;
  gpuMin?: SourceImage;
  views: Record<string, { full: ImageView; min: ImageView }>;
}

export interface PlannedPart {
  name: string;
  kind: 'backend' | 'repoagent' | 'cache';
  path: string;
}

export interface ComposePlan {
  /** `selective`: parts come as tars of the build context, read by ranges (selective/); absent: BuildKit copies them from full. */
  source?: 'selective';
  release?: string;
  triton?: string;
  gpu: boolean;
  platforms: string[];
  sources: { full: string; min: string; gpuMin?: string }; // pinned name@digest
  env: [string, string][];
  labels: [string, string][];
  core: string[]; // paths under /opt/tritonserver and friends, copied into one layer
  parts: PlannedPart[];
  runtime:
    | { mode: 'image'; packages: Record<string, string[]>; files: Record<string, string[]> }
    | { mode: 'apt'; packages: string[]; pip: string[]; dcgm: string[]; breakSystemPackages: boolean };
  cpuTorch?: Record<string, { from: string; to: string }[]>; // by architecture
  serve: boolean;
  entrypoint?: string[];
  cmd?: string[];
  user?: string;
}

const T = '/opt/tritonserver';

/** What compose.py copies of the server itself (those the full image has), besides the parts. */
export const CORE_PATHS = ['LICENSE', 'TRITON_VERSION', 'NVIDIA_Deep_Learning_Container_License.pdf', 'bin', 'lib', 'include'].map(
  (p) => `${T}/${p}`,
);
/** Folders of the parts, by kind. */
export const PART_FOLDERS = { backend: `${T}/backends`, repoagent: `${T}/repoagents`, cache: `${T}/caches` } as const;

function envMap(config: ImageConfig): Map<string, string> {
  const m = new Map<string, string>();
  for (const e of config.config?.Env ?? []) {
    const i = e.indexOf('=');
    if (i > 0) m.set(e.slice(0, i), e.slice(i + 1));
  }
  return m;
}

function eraOf(release: Release | undefined, view: ImageView): Era {
  if (release) return release.era;
  const os = view.captured.get('/etc/os-release') ?? view.captured.get('/usr/lib/os-release') ?? '';
  return /VERSION_ID="?24\./.test(os) ? 'noble' : 'jammy';
}

function has(view: ImageView, path: string): boolean {
  return view.entries.has(path);
}

/** Files (not folders) of a package set and of pip distributions, for one platform. */
function runtimeFiles(
  full: ImageView,
  min: ImageView,
  wanted: string[],
  pip: string[],
  python: string,
  arch: string,
): { packages: string[]; files: string[] } {
  const source = parseStatus(full.captured.get('/var/lib/dpkg/status') ?? '');
  const base: Map<string, DpkgPackage> = parseStatus(min.captured.get('/var/lib/dpkg/status') ?? '');
  if (source.size === 0)
    throw new InputError('runtime-deps', 'the full image has no dpkg database (/var/lib/dpkg/status); use runtime-deps: apt');
  const closure = dependencyClosure(source, base, wanted);
  if (closure.missing.length) {
    throw new InputError(
      'runtime-deps',
      `the full image has no package ${closure.missing.join(', ')}; it has ${[...source.keys()]
        .filter((n) => !base.has(n))
        .sort()
        .join(', ')}. Use runtime-deps: apt to install from Ubuntu instead`,
    );
  }
  const files = new Set<string>();
  for (const name of closure.packages) {
    const list = packageFiles(full.captured, name, arch) ?? [];
    for (const p of list) {
      const e = full.entries.get(p);
      if (e && e.type !== 'dir') files.add(p);
    }
  }
  for (const dist of pip) {
    for (const dir of [`/usr/local/lib/python${python}/dist-packages`, '/usr/lib/python3/dist-packages']) {
      for (const name of listFolders(full, dir)) {
        if (name !== dist && !name.startsWith(`${dist}-`) && !name.startsWith(`${dist}.`)) continue;
        const prefix = `${dir}/${name}/`;
        for (const [p, e] of full.entries) if (p.startsWith(prefix) && e.type !== 'dir') files.add(p);
      }
    }
  }
  for (const p of ['/etc/passwd', '/etc/group', '/etc/shadow', '/etc/gshadow']) if (has(full, p)) files.add(p);
  return { packages: closure.packages, files: [...files].sort() };
}

function checkParts(view: ImageView, spec: Spec): PlannedPart[] {
  const parts: PlannedPart[] = [];
  const groups: [PlannedPart['kind'], string[], string][] = [
    ['backend', spec.backends, 'backends'],
    ['repoagent', spec.repoagents, 'repoagents'],
    ['cache', spec.caches, 'caches'],
  ];
  for (const [kind, names, folder] of groups) {
    const present = listFolders(view, `${T}/${folder}`);
    for (const name of [...names].sort()) {
      if (!present.includes(name)) {
        throw new InputError(folder, `"${name}" is not in the full image (${T}/${folder}/ holds: ${present.join(', ') || 'nothing'})`);
      }
      parts.push({ name, kind, path: `${T}/${folder}/${name}` });
    }
  }
  return parts;
}

export function planCompose(spec: Spec, src: Sources, platforms: string[]): ComposePlan {
  const first = platforms[0];
  const fullConfig = src.full.platforms[first].config;
  const minConfig = src.min.platforms[first].config;
  const fullEnv = envMap(fullConfig);
  const minEnv = envMap(minConfig);
  const view = src.views[first];
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
    if (!has(view.full, `${T}/${p}`)) throw new InputError('full-image', `has no ${T}/${p}: is it a Triton server image?`);
  const parts = checkParts(view.full, spec);
  const era = eraOf(spec.release, view.full);
  const facts = ERAS[era];
  const kept = new Set(parts.map((p) => p.name));
  const needGomp = kept.has('onnxruntime') || kept.has('pytorch');
  const needPython = kept.has('python');

  let runtime: ComposePlan['runtime'];
  if (spec.runtimeDeps === 'apt') {
    const r = spec.release;
    if (!r) throw new InputError('runtime-deps', 'apt mode needs container-version (its apt lists are per release)');
    const torch = !spec.gpu && kept.has('pytorch') ? cpuTorchPackages(r) : { apt: [], pip: [] };
    runtime = {
      mode: 'apt',
      packages: [...new Set([...aptPackages(r, { gomp: needGomp, python: needPython }), ...torch.apt])].sort(),
      pip: [...(needPython ? pipRequirements(r) : []), ...torch.pip],
      dcgm: spec.gpu ? dcgmPackages(r, fullEnv.get('DCGM_VERSION') ?? r.dcgm) : [],
      breakSystemPackages: breaksSystemPackages(r, needPython),
    };
  } else {
    const wanted = [
      ...facts.runtime.server,
      ...(spec.gpu ? [dcgmRuntimePackage(spec.release)] : []),
      ...(needGomp ? facts.runtime.gomp : []),
      ...(needPython ? facts.runtime.python : []),
    ];
    const packages: Record<string, string[]> = {};
    const files: Record<string, string[]> = {};
    for (const p of platforms) {
      const arch = src.full.platforms[p].config.architecture;
      const r = runtimeFiles(src.views[p].full, src.views[p].min, wanted, needPython ? facts.pip : [], facts.python, arch);
      packages[p] = r.packages;
      files[p] = r.files;
    }
    runtime = { mode: 'image', packages, files };
  }

  const libPath = parts.flatMap((p) => libraryPathFor(spec.release, p.name));
  let cpuTorch: ComposePlan['cpuTorch'];
  if (!spec.gpu && kept.has('pytorch')) {
    cpuTorch = {};
    for (const p of platforms) {
      const arch = src.full.platforms[p].config.architecture;
      const triplet = tripletOf(arch);
      if (!triplet) throw new InputError('platforms', `${p}: CPU PyTorch libraries are known for amd64 and arm64 only`);
      cpuTorch[arch] = cpuTorchLibraries(spec.release, triplet);
      if (p === first) libPath.unshift(...cpuTorchLibraryPath(triplet));
    }
  }

  // Env: what the full image sets beyond its base, then the search paths the kept parts need.
  const env: [string, string][] = [];
  for (const [k, v] of fullEnv) {
    if (k === 'LD_LIBRARY_PATH' || k === 'PYTHONPATH' || minEnv.get(k) === v) continue;
    env.push([k, v]);
  }
  const joinPath = (add: string[], old: string | undefined) => [...new Set([...add, ...(old ? old.split(':') : [])])].join(':');
  if (libPath.length) env.push(['LD_LIBRARY_PATH', joinPath(libPath, minEnv.get('LD_LIBRARY_PATH'))]);
  const pyPath = parts.flatMap((p) => pythonPathFor(spec.release, p.name));
  if (pyPath.length) env.push(['PYTHONPATH', joinPath(pyPath, minEnv.get('PYTHONPATH'))]);

  const minLabels = minConfig.config?.Labels ?? {};
  const labels: [string, string][] = Object.entries(fullConfig.config?.Labels ?? {})
    .filter(([k, v]) => minLabels[k] !== v)
    .sort(([a], [b]) => a.localeCompare(b));
  const serve = has(view.full, '/usr/bin/serve');
  if (serve) labels.push(['com.amazonaws.sagemaker.capabilities.accept-bind-to-port', 'true']);
  labels.push(['org.opencontainers.image.base.name', src.min.reference], ['org.opencontainers.image.base.digest', src.min.digest]);

  const core = CORE_PATHS.filter((p) => has(view.full, p));
  const entrypoint = fullConfig.config?.Entrypoint ?? undefined;
  const entry = entrypoint?.[0];
  if (entry && entry.startsWith('/opt/nvidia/') && !has(view.min, entry) && has(view.full, '/opt/nvidia')) core.push('/opt/nvidia');

  if (spec.user && !/^\d/.test(spec.user)) {
    const name = spec.user.split(':')[0];
    const users = (view.full.captured.get('/etc/passwd') ?? '')
      .split('\n')
      .map((l) => l.split(':')[0])
      .filter(Boolean);
    if (!users.includes(name))
      throw new InputError(
        'user',
        `"${name}" is not a user of the full image (it has: ${users.join(', ')}); use one of them or a numeric uid`,
      );
  }

  const plan: ComposePlan = {
    gpu: spec.gpu,
    platforms,
    sources: {
      full: `${src.full.name}@${src.full.digest}`,
      min: `${src.min.name}@${src.min.digest}`,
      ...(src.gpuMin && cpuTorch ? { gpuMin: `${src.gpuMin.name}@${src.gpuMin.digest}` } : {}),
    },
    env,
    labels,
    core,
    parts,
    runtime,
    serve,
  };
  if (spec.release) plan.release = spec.release.version;
  if (spec.source === 'selective') plan.source = 'selective';
  const triton = fullEnv.get('TRITON_SERVER_VERSION');
  if (triton) plan.triton = triton;
  if (cpuTorch) plan.cpuTorch = cpuTorch;
  if (entrypoint) plan.entrypoint = entrypoint;
  if (fullConfig.config?.Cmd) plan.cmd = fullConfig.config.Cmd;
  if (spec.user) plan.user = spec.user;
  return plan;
}
