// What `trim: safe` drops from min: one row per category of files that serving never opens,
// with the paths it matches. NGC's min images lay these out alike in every release the table
// knows (CUDA under /usr/local/cuda-<major.minor>, reached by the /usr/local/cuda symlink, its
// include/ and lib64/ folders being links into targets/<arch>-linux/; Nsight Compute under
// /opt/nvidia/nsight-compute/<year.n.n>; HPC-X under /opt/hpcx/), so each row's pattern covers
// them all; where a release differs, its row says so. Pure data.

export const TRIM_CATEGORIES = ['static-archives', 'headers', 'docs', 'profilers', 'compilers', 'package-caches'] as const;
export type TrimCategory = (typeof TRIM_CATEGORIES)[number];

export interface TrimRule {
  category: TrimCategory;
  /** What it drops, in words the summary shows. */
  what: string;
  /** Absolute paths it drops: each with all below it. */
  pattern: RegExp;
  /** Why serving never needs it. */
  why: string;
}

/** The CUDA toolkit's folder, versioned or not (`/usr/local/cuda`, `/usr/local/cuda-12.3`). */
const CUDA = String.raw`/usr/local/cuda(?:-\d+(?:\.\d+)*)?`;

export const TRIM_RULES: readonly TrimRule[] = [
  {
    category: 'static-archives',
    what: 'static libraries (*.a) in library folders',
    // lib, lib64, lib/x86_64-linux-gnu, targets/x86_64-linux/lib, dist-packages/*/lib, …
    pattern: /\/lib[^/]*\/(?:[^/]+\/)*[^/]+\.a$/,
    why: 'a static archive is read by the linker when a program is built, never by the loader',
  },
  {
    category: 'headers',
    what: 'C and C++ headers: include folders of the system, CUDA and HPC-X',
    pattern: new RegExp(String.raw`^(?:/usr|/usr/local|${CUDA}(?:/targets/[^/]+)?|/opt/hpcx(?:/[^/]+){1,2})/include(?:/|$)`),
    why: 'headers are read by compilers; a Python model that compiles CUDA at run time (CuPy, NVRTC with includes) needs a keep pattern',
  },
  {
    category: 'docs',
    what: 'documentation, man and info pages',
    pattern: new RegExp(
      String.raw`^(?:/usr/share/(?:doc|man|info|gtk-doc|help)|/usr/local/share/(?:doc|man|info)|${CUDA}/(?:doc|tools/doc)|/opt/hpcx(?:/[^/]+)*/share/(?:doc|man|info))(?:/|$)`,
    ),
    why: 'read by people, not by programs; license texts stay (see below)',
  },
  {
    category: 'profilers',
    what: 'profilers, debuggers and sanitizers: Nsight Compute and Systems, cuda-gdb, compute-sanitizer',
    pattern: new RegExp(
      String.raw`^(?:/opt/nvidia/nsight-(?:compute|systems)|${CUDA}/(?:nsight[^/]*|compute-sanitizer|extras/(?:Debugger|demo_suite)|libnvvp)|${CUDA}/bin/(?:cuda-gdb|cuda-gdbserver|ncu|ncu-ui|nsys|nsys-ui|nsight[^/]*|compute-sanitizer|nvvp|nvprof))(?:/|$)`,
    ),
    why: 'tools a person runs against a process; the server never loads them (CUPTI, which PyTorch loads, is a library and stays)',
  },
  {
    category: 'compilers',
    what: "CUDA's compilers and tools: nvcc, ptxas, cicc, cuobjdump, … and the link-time stubs",
    pattern: new RegExp(String.raw`^(?:${CUDA}/bin|${CUDA}/nvvm/bin|${CUDA}(?:/targets/[^/]+)?/lib(?:64)?/stubs)(?:/|$)`),
    why: 'build tools; the stubs (a fake libcuda.so for linking) would shadow the driver if a loader ever found them',
  },
  {
    category: 'package-caches',
    what: "package managers' caches: apt's downloaded lists and packages, pip's cache",
    pattern: /^(?:\/var\/cache\/apt\/(?:archives\/[^/]+\.deb|[^/]+\.bin)|\/var\/lib\/apt\/lists\/[^/]+|\/root\/\.cache\/pip)(?:\/|$)/,
    why: 'apt-get update and pip download them again when needed; nothing reads them at run time',
  },
];

/**
 * License texts stay whatever a rule says: Debian's copyright files (as Debian's own slim images
 * keep them), and files named as licenses, EULAs and notices anywhere.
 */
export function isLicenseText(path: string): boolean {
  const base = path.slice(path.lastIndexOf('/') + 1);
  return /^\/usr\/share\/doc\/[^/]+\/copyright$/.test(path) || /^(?:LICEN[CS]E|COPYING|COPYRIGHT|NOTICE|EULA)(?:[._-][^/]*)?$/i.test(base);
}
