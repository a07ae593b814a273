// Planning steps for what the parts need at run time: the runtime dependencies (package files
// taken from the full image, or apt and pip lists per release) and the libraries CPU-only
// backends load from the GPU min image (PyTorch's CUDA set, TensorFlow's NCCL). Pure: dpkg
// databases and file lists come from the views.
import { type DpkgPackage, dependencyClosure, packageFiles, parseStatus } from './dpkg.js';
import { type ImageView, listFolders, resolveInView } from '../layer/contents.js';
import { parentsOf } from '../layer/view.js';
import { InputError } from '../spec/lists.js';
import {
  type ERAS,
  cpuTensorflowLibraries,
  cpuTorchLibraries,
  cpuTorchLibraryPath,
  dcgmRuntimePackage,
  type Release,
  tripletOf,
} from '../spec/releases.js';
import type { ComposePlan, Sources } from './types.js';
import { type AptNeeds, planAptRuntime } from './apt.js';
import { planImageFacts, planPackageName } from './image-facts.js';
import { has } from './image-config.js';
import { type Spec } from '../spec/types.js';

/** Which optional runtime pieces the kept parts need (cpuTorch: CPU-only PyTorch's own apt and pip packages in apt mode). */
export type RuntimeNeeds = AptNeeds;

type EraFacts = (typeof ERAS)[keyof typeof ERAS];

/** DCGM's runtime package, newest name first: what an image of a release the table does not know may hold. */
const DCGM_RUNTIME = ['datacenter-gpu-manager-4-core', 'datacenter-gpu-manager'];

/**
 * A package's files (not its folders) where the view holds them: dpkg's list names the paths the
 * package ships, so on a merged-/usr root a file listed under /lib is found under /usr; and as
 * it lists folders too, /lib itself (a symlink there) is left out, never copied over the base's.
 */
export function packageFilesInView(view: ImageView, name: string, arch: string): string[] {
  const list = packageFiles(view.captured, name, arch) ?? [];
  const folders = new Set(list.flatMap((p) => [...parentsOf(p)]));
  const out: string[] = [];
  for (const listed of list) {
    if (folders.has(listed)) continue;
    const p = view.entries.has(listed) ? listed : resolveInView(view, listed);
    if (p && view.entries.get(p) && view.entries.get(p)?.type !== 'dir') out.push(p);
  }
  return out;
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
  for (const name of closure.packages) for (const p of packageFilesInView(full, name, arch)) files.add(p);
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

/** Runtime dependencies: apt and pip lists of the release, or the files of a package closure per platform. */
export function planRuntime(
  spec: Spec,
  src: Sources,
  platforms: string[],
  facts: EraFacts,
  need: RuntimeNeeds,
  dcgmVersion: string | undefined,
): ComposePlan['runtime'] {
  if (spec.runtimeDeps === 'apt') {
    const r = spec.release;
    if (!r) throw new InputError('runtime-deps', 'apt mode needs container-version (its apt lists are per release)');
    const archs = platforms.map((p) => src.full.platforms[p].config.architecture);
    return planAptRuntime(r, spec.gpu, archs, need, dcgmVersion ?? r.dcgm);
  }
  const packages: Record<string, string[]> = {};
  const files: Record<string, string[]> = {};
  for (const p of platforms) {
    // The image's own names and Python first (the t64 renames, a Python the era table does not expect).
    const image = planImageFacts(src.full.platforms[p].config, src.views[p].full);
    const named = (name: string) => planPackageName(image, name) ?? name;
    const dcgm = spec.release
      ? dcgmRuntimePackage(spec.release)
      : (DCGM_RUNTIME.find((n) => image.packages.has(n)) ?? dcgmRuntimePackage(undefined));
    const wanted = [
      ...facts.runtime.server,
      ...(spec.gpu ? [dcgm] : []),
      ...(need.gomp ? facts.runtime.gomp : []),
      ...(need.python ? facts.runtime.python : []),
    ].map(named);
    const arch = src.full.platforms[p].config.architecture;
    const r = runtimeFiles(src.views[p].full, src.views[p].min, wanted, need.python ? facts.pip : [], image.python ?? facts.python, arch);
    packages[p] = r.packages;
    files[p] = r.files;
  }
  return { mode: 'image', packages, files };
}

/**
 * CPU-only backend libraries: what to copy from the GPU min image per architecture (PyTorch's
 * CUDA libraries, else TensorFlow's NCCL in the releases that copy it), and PyTorch's search
 * path for the first platform (to go before the parts' own). Nothing with a GPU, or without either.
 */
export function planCpuLibs(
  spec: Spec,
  src: Sources,
  platforms: string[],
  kept: Set<string>,
): { cpuLibs?: NonNullable<ComposePlan['cpuLibs']>; libraryPath: string[] } {
  const torch = kept.has('pytorch');
  // Without PyTorch, build.py still copies NCCL for TensorFlow in the releases that have it.
  const tensorflow = !torch && kept.has('tensorflow') && spec.release !== undefined;
  if (spec.gpu || (!torch && !tensorflow)) return { libraryPath: [] };
  const cpuLibs: NonNullable<ComposePlan['cpuLibs']> = {};
  const libraryPath: string[] = [];
  for (const p of platforms) {
    const arch = src.full.platforms[p].config.architecture;
    const triplet = tripletOf(arch);
    if (!triplet) throw new InputError('platforms', `${p}: CPU-only backend libraries are known for amd64 and arm64 only`);
    cpuLibs[arch] = torch ? cpuTorchLibraries(spec.release, triplet) : cpuTensorflowLibraries(spec.release as Release, triplet);
    if (torch && p === platforms[0]) libraryPath.unshift(...cpuTorchLibraryPath(triplet));
  }
  if (Object.values(cpuLibs).every((list) => list.length === 0)) return { libraryPath: [] };
  return { cpuLibs, libraryPath };
}
