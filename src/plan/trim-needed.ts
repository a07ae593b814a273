// trim: needed — which of min's shared libraries the composed image can do without. The
// composed image is min (less what the safe rules and drop patterns take) under what the compose
// copies from full; its candidates are min's shared libraries in the loader's folders (and links
// to them), its roots every other ELF file that stays; the loader's closure from the roots
// (needed.ts) says which candidates stay. Pure.
import type { ImageView, TocEntry } from '../layer/contents.js';
import { type LoaderImage, dirOf, followLinks, overlayImage, planSearchPath } from './loader.js';
import { underAny } from '../layer/view.js';
import { type NeededResult, planNeeded } from './needed.js';
import type { DlopenRule } from './dlopen-rules.js';

export interface NeededSources {
  min: ImageView;
  full: ImageView;
  /** Paths the compose copies from full (each with all below it): the server, the parts, the runtime files. */
  copied: readonly string[];
  env: ReadonlyArray<readonly [string, string]>;
  release?: string;
  rules?: readonly DlopenRule[];
}

export interface NeededLibraries extends NeededResult {
  candidates: ReadonlySet<string>;
  /** Set when the closure could not be trusted and every candidate stays: why. */
  fallback?: string;
}

/** Library families the summary names, by file name: NVIDIA's by product, the rest by name stem. */
const FAMILIES: ReadonlyArray<[RegExp, string]> = [
  [/^libcudnn/, 'cuDNN'],
  [/^libcublas/, 'cuBLAS'],
  [/^lib(?:nvinfer|nvonnxparser|nvparsers)/, 'TensorRT'],
  [/^libnccl/, 'NCCL'],
  [/^libcufft/, 'cuFFT'],
  [/^libcusparse/, 'cuSPARSE'],
  [/^libcusolver/, 'cuSOLVER'],
  [/^libcurand/, 'cuRAND'],
  [/^libnvJitLink/, 'nvJitLink'],
  [/^libnvrtc/, 'NVRTC'],
  [/^libcupti|^libnvperf/, 'CUPTI'],
  [/^libnpp/, 'NPP'],
  [/^libnvjpeg/, 'nvJPEG'],
  [/^lib(?:ucp|uct|ucs|ucm|ucc)\./, 'HPC-X (UCX, UCC)'],
  [/^libcudart|^libcuda\.|^libnvidia-/, 'CUDA runtime and driver'],
];

/** The family a library file belongs to, for the summary. Pure. */
export function libraryFamily(path: string): string {
  const name = path.slice(path.lastIndexOf('/') + 1);
  for (const [re, family] of FAMILIES) if (re.test(name)) return family;
  return name.replace(/(?:[-_.]?\d[\d.]*)?\.so(?:\..*)?$/, '');
}

/** The composed image as the loader sees it, and its parts of origin. */
export function planComposedImage(
  src: NeededSources,
  dropped: (path: string) => boolean,
): LoaderImage & { fromFull(path: string): boolean } {
  const copied = underAny(src.copied);
  const fromFull = (p: string) => copied(p) && src.full.entries.has(p);
  const img = overlayImage([
    { view: src.min, has: (p) => !dropped(p) },
    { view: src.full, has: copied },
  ]);
  return { ...img, fromFull };
}

/** What `trim: needed` keeps of min's libraries. `dropped`: the safe rules' and drop patterns' verdict; `kept`: keep patterns. */
export function planNeededLibraries(
  src: NeededSources,
  dropped: (path: string) => boolean,
  keepPattern: (path: string) => string | undefined,
): NeededLibraries {
  const img = planComposedImage(src, dropped);
  const roots: Array<{ path: string; reason: string }> = [];
  for (const [p, e] of src.full.entries)
    if (e.type === 'file' && e.elf && img.fromFull(p)) roots.push({ path: p, reason: 'copied from full' });
  // The system folders depend on the machine: the server's (the first ELF file copied from full).
  const machine = roots.length ? src.full.entries.get(roots[0].path)?.elf?.machine : undefined;
  const search = planSearchPath(img, src.env, machine ?? 62);
  const folders = new Set<string>();
  for (const d of [...search.libraryPath, ...search.cache, ...search.system]) {
    const real = followLinks(img, d)?.path;
    if (real) folders.add(real);
  }
  const candidates = new Set<string>();
  const minPaths = [...src.min.entries.keys()].filter((p) => !dropped(p) && !img.fromFull(p));
  for (const p of minPaths) {
    const e = src.min.entries.get(p) as TocEntry;
    if (e.type !== 'file' || !e.elf) continue;
    const library = e.elf.type === 'dyn' && !e.elf.interp && folders.has(followLinks(img, dirOf(p))?.path ?? '');
    if (library && !keepPattern(p)) candidates.add(p);
    else roots.push({ path: p, reason: keepPattern(p) ? `keep pattern ${keepPattern(p)}` : 'kept in min' });
  }
  for (const p of minPaths) {
    if (src.min.entries.get(p)?.type !== 'symlink' || keepPattern(p)) continue;
    const f = followLinks(img, p);
    if (f && candidates.has(f.path)) candidates.add(p);
  }
  const result = planNeeded({
    img,
    search,
    ...(src.release ? { release: src.release } : {}),
    roots,
    candidates,
    ...(src.rules ? { rules: src.rules } : {}),
  });
  if (result.incomplete.length === 0) return { ...result, candidates };
  // What an unreadable file needs is unknown: nothing is dropped for want of a need it may have.
  const first = result.incomplete[0];
  const fallback = `${first.path} could not be read whole (${first.why}), so what it loads is unknown`;
  const kept = new Map([...candidates].map((c) => [c, result.kept.get(c) ?? `every library stays: ${fallback}`]));
  return { ...result, kept, candidates, fallback };
}
