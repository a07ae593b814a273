// The two eras of the real fixtures, as Triton has two Ubuntu eras: bookworm (Python 3.11; no
// ONNX Runtime in Debian, and a libtorch without the C shim: stand-ins) for 24.01 and trixie
// (t64 names, Python 3.13, Debian's real ONNX Runtime and libtorch) for 25.01. The NGC facts
// of each release (versions, env, labels, backends) are the busybox family's (scripts/fixtures/releases.ts).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { FIXTURE_RELEASES, type FixtureRelease } from '../fixtures/releases.js';
import { type CudaLib, type DebianTorch, type Stack, cudaLibraries } from './libraries.js';

/** An era's package lists (eras.json, which rootfs.sh reads too: it runs before npm ci). */
interface EraPackages {
  /** apt's sources file of this machine that names the suite (never a mirror of ours). */
  sources: string;
  /** The environment variable that names another sources file. */
  sourcesEnv: string;
  /**
   * The full image's prepare block: runtime packages, installed by dpkg (with their closure),
   * and libyaml-0-2, the Debian library the fixture vllm's closure loads from a native extension
   * (as a pip wheel's extension loads what the image's apt installed).
   */
  runtime: string[];
  /** Only in the build root file system: what the C programs are built with. */
  build: string[];
  /**
   * Only in the build root: dependencies of `build` that no program is linked against, stood
   * for by one empty package that Provides them (name and version), so apt leaves them out.
   * trixie's libtorch's Open MPI needs Debian's UCX, whose package depends on the ROCm
   * runtimes (HIP, HSA: LLVM 17 and AMD's code-object manager with them, about 210 MB) for a
   * transport module the fixtures never copy: only libucp, libucs, libuct and libucm go into min.
   */
  buildProvides: string[];
}

export interface RealEra extends EraPackages {
  release: FixtureRelease;
  suite: 'bookworm' | 'trixie';
  python: string;
  /** Debian's libonnxruntime (soname) when the suite has one; otherwise the stand-in. */
  ort?: string;
  /** Debian's libtorch when the suite has one with the C shim; otherwise the stand-in. */
  torch?: DebianTorch;
  /** TensorRT's and cuDNN's majors, as the release has them (src/spec/releases/cpu-libs.ts: cuDNN 8 in 24.01 only). */
  stack: Stack;
}

const release = (v: string): FixtureRelease => {
  const r = FIXTURE_RELEASES.find((x) => x.version === v);
  if (!r) throw new Error(`no fixture release ${v}`);
  return r;
};

const PACKAGES = JSON.parse(readFileSync(join(import.meta.dirname, 'eras.json'), 'utf8')) as Record<RealEra['suite'], EraPackages>;
const packages = (suite: RealEra['suite']): EraPackages => {
  const p = PACKAGES[suite];
  return { ...p, sources: process.env[p.sourcesEnv] ?? p.sources };
};

export const REAL_ERAS: RealEra[] = [
  { release: release('24.01'), suite: 'bookworm', ...packages('bookworm'), python: '3.11', stack: { trt: 8, cudnn: 8 } },
  {
    release: release('25.01'),
    suite: 'trixie',
    ...packages('trixie'),
    python: '3.13',
    ort: 'libonnxruntime.so.1.21',
    torch: { cpu: 'libtorch_cpu.so.2.6', torch: 'libtorch.so.2.6', c10: 'libc10.so.2.6' },
    stack: { trt: 10, cudnn: 9 },
  },
];

/** The era's CUDA-like libraries: HPC-X's UCX is Debian's real one where Debian's libtorch (and its Open MPI) is used. */
export const eraCudaLibraries = (era: RealEra): CudaLib[] => cudaLibraries(era.stack, era.torch !== undefined);
