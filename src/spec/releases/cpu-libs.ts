// The files build.py's add_cpu_libs_to_linux_dockerfile copies out of the GPU min image into a
// CPU-only image (compose.py runs it too): for pytorch, CUDA stubs renamed to their sonames,
// real CUDA, cuDNN, NCCL and HPC-X libraries; for tensorflow (through 25.02), NCCL.
import { type Range, valueAt, valuesAt } from './range.js';
import { findRelease } from './rows.js';
import type { LibraryCopy, Release } from './types.js';

const STUBS = '/usr/local/cuda/lib64/stubs';
const CUDA_LIB = '/usr/local/cuda/lib64';

/** Unversioned stubs, each copied to the sonames listed (the same file under several names). */
export const CUDA_STUBS: readonly Range<readonly [string, readonly string[]][]>[] = [
  // r24.01 … r25.07 build.py: CUDA 12 sonames, plus a libcublasLt.so.11 alias.
  {
    from: '24.01',
    to: '25.07',
    value: [
      ['libcusparse', ['.so.12']],
      ['libcusolver', ['.so.11']],
      ['libcurand', ['.so.10']],
      ['libcufft', ['.so.11']],
      ['libcublas', ['.so.12']],
      ['libcublasLt', ['.so.12', '.so.11']],
    ],
  },
  // r25.08 build.py: CUDA 13 sonames, no alias.
  {
    from: '25.08',
    value: [
      ['libcusparse', ['.so.12']],
      ['libcusolver', ['.so.12']],
      ['libcurand', ['.so.10']],
      ['libcufft', ['.so.12']],
      ['libcublas', ['.so.13']],
      ['libcublasLt', ['.so.13']],
    ],
  },
];

/** Real CUDA libraries, copied from lib64 into targets/<x86_64|sbsa>-linux/lib, in build.py's order. */
export const CUDA_LIBS: readonly Range<readonly string[]>[] = [
  { from: '24.01', to: '25.03', value: ['libcudart.so.12', 'libcupti.so.12', 'libnvToolsExt.so.1', 'libnvJitLink.so.12'] }, // r24.01 build.py
  { from: '25.04', to: '25.07', value: ['libcudart.so.12', 'libcupti.so.12', 'libnvJitLink.so.12'] }, // r25.04 build.py: no libnvToolsExt
  // r25.08 build.py: CUDA 13, plus cuFile, NVRTC and cuSPARSELt
  {
    from: '25.08',
    to: '25.12',
    value: ['libcudart.so.13', 'libcupti.so.13', 'libnvJitLink.so.13', 'libcufile.so.0', 'libnvrtc.so.13', 'libcusparseLt.so.0'],
  },
  // r26.01 build.py: plus NVSHMEM's host library
  {
    from: '26.01',
    value: [
      'libcudart.so.13',
      'libcupti.so.13',
      'libnvJitLink.so.13',
      'libcufile.so.0',
      'libnvrtc.so.13',
      'libcusparseLt.so.0',
      'libnvshmem_host.so.3',
    ],
  },
];

/** HPC-X, copied to the same paths in every branch. */
const HPCX = [
  '/opt/hpcx/ucc/lib/libucc.so.1',
  ...['libucm.so.0', 'libucp.so.0', 'libucs.so.0', 'libuct.so.0'].map((l) => `/opt/hpcx/ucx/lib/${l}`),
];

/** cuDNN, copied to the same path under /usr/lib/<triplet>. */
export const CUDNN: readonly Range<string>[] = [
  { from: '24.01', to: '24.01', value: 'libcudnn.so.8' }, // r24.01 build.py: cuDNN 8
  { from: '24.02', value: 'libcudnn.so.9' }, // r24.02 build.py
];

/** NCCL, copied to the same path under /usr/lib/<triplet>: for pytorch always, for tensorflow while it ships. */
export const NCCL_FOR: readonly Range<string>[] = [
  { from: '24.01', value: 'pytorch' }, // every branch's build.py
  { from: '24.01', to: '25.02', value: 'tensorflow' }, // r25.03 build.py and compose.py drop the TensorFlow case
];

const targetDir = (triplet: string) => `/usr/local/cuda/targets/${triplet === 'aarch64-linux-gnu' ? 'sbsa' : 'x86_64'}-linux/lib`;
const same = (path: string): LibraryCopy => ({ from: path, to: path });

// Without a release (custom images), the last CUDA 12 release's set, as before the table had ranges.
const FALLBACK = '25.07';

/** Libraries build.py copies from the GPU min image into CPU-only images with PyTorch, in its order. */
export function cpuTorchLibraries(r: Release | undefined, triplet: string): LibraryCopy[] {
  const v = (r ?? findRelease(FALLBACK))?.version ?? FALLBACK;
  const stubs = valueAt(CUDA_STUBS, v).flatMap(([lib, sonames]) =>
    sonames.map((s) => ({ from: `${STUBS}/${lib}.so`, to: `${STUBS}/${lib}${s}` })),
  );
  const cuda = valueAt(CUDA_LIBS, v).map((l) => ({ from: `${CUDA_LIB}/${l}`, to: `${targetDir(triplet)}/${l}` }));
  const lib = `/usr/lib/${triplet}`;
  return [...stubs, ...cuda, ...HPCX.map(same), same(`${lib}/${valueAt(CUDNN, v)}`), same(`${lib}/libnccl.so.2`)];
}

/** Libraries a CPU-only image with TensorFlow (and no PyTorch) gets from the GPU min image. */
export function cpuTensorflowLibraries(r: Release, triplet: string): LibraryCopy[] {
  return valuesAt(NCCL_FOR, r.version).includes('tensorflow') ? [same(`/usr/lib/${triplet}/libnccl.so.2`)] : [];
}

/** LD_LIBRARY_PATH build.py sets for CPU-only PyTorch (every branch): the targets folder, then the stubs. */
export function cpuTorchLibraryPath(triplet: string): string[] {
  return [targetDir(triplet), STUBS];
}

/** Debian multiarch triplet of a target platform's architecture. */
export function tripletOf(architecture: string): string | undefined {
  return ({ amd64: 'x86_64-linux-gnu', arm64: 'aarch64-linux-gnu' } as Record<string, string>)[architecture];
}
