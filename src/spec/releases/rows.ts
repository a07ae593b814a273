// The releases the table knows, one row each, from the server repo's release branches
// r24.01 … r26.08: Triton version, upstream container and DCGM as each branch lists them, and
// the Ubuntu era, CUDA major and backends by range. Lookups: findRelease, RELEASES.
import { type Range, valueAt } from './range.js';
import type { Era, Release } from './types.js';

interface Row {
  version: string;
  triton: string;
  upstream: string;
  dcgm: string;
}

// Each row: rYY.MM TRITON_VERSION (triton) and rYY.MM build.py's version map (upstream
// container, DCGM). The map is TRITON_VERSION_MAP through r24.11, DEFAULT_TRITON_VERSION_MAP
// from r24.12.
const ROWS: readonly Row[] = [
  { version: '24.01', triton: '2.42.0', upstream: '24.01', dcgm: '3.2.6' },
  { version: '24.02', triton: '2.43.0', upstream: '24.02', dcgm: '3.2.6' },
  { version: '24.03', triton: '2.44.0', upstream: '24.03', dcgm: '3.2.6' },
  { version: '24.04', triton: '2.45.0', upstream: '24.04', dcgm: '3.2.6' },
  { version: '24.05', triton: '2.46.0', upstream: '24.05', dcgm: '3.2.6' },
  { version: '24.06', triton: '2.47.0', upstream: '24.06', dcgm: '3.2.6' },
  { version: '24.07', triton: '2.48.0', upstream: '24.07', dcgm: '3.2.6' },
  { version: '24.08', triton: '2.49.0', upstream: '24.08', dcgm: '3.2.6' },
  { version: '24.09', triton: '2.50.0', upstream: '24.09', dcgm: '3.2.6' },
  { version: '24.10', triton: '2.51.0', upstream: '24.10', dcgm: '3.2.6' },
  { version: '24.11', triton: '2.52.0', upstream: '24.11', dcgm: '3.3.6' }, // r24.11 build.py: DCGM 3.2.6 → 3.3.6
  { version: '24.12', triton: '2.53.0', upstream: '24.12', dcgm: '3.3.6' }, // (r24.12 release_notes.md still says 3.2.6)
  { version: '25.01', triton: '2.54.0', upstream: '25.01', dcgm: '3.3.6' },
  { version: '25.02', triton: '2.55.0', upstream: '25.02', dcgm: '3.3.6' },
  { version: '25.03', triton: '2.56.0', upstream: '25.03', dcgm: '3.3.6' },
  { version: '25.04', triton: '2.57.0', upstream: '25.04', dcgm: '3.3.6' },
  { version: '25.05', triton: '2.58.0', upstream: '25.05', dcgm: '3.3.6' },
  { version: '25.06', triton: '2.59.0', upstream: '25.06', dcgm: '3.3.6' },
  // r25.07 TRITON_VERSION: a patch release, 2.59.1; every later release is one minor below
  // the old "2.(42+n).0" count.
  { version: '25.07', triton: '2.59.1', upstream: '25.07', dcgm: '3.3.6' },
  { version: '25.08', triton: '2.60.0', upstream: '25.08', dcgm: '4.4.0-1' }, // r25.08 build.py: DCGM 4
  { version: '25.09', triton: '2.61.0', upstream: '25.09', dcgm: '4.4.0-1' },
  { version: '25.10', triton: '2.62.0', upstream: '25.10', dcgm: '4.4.0-1' },
  { version: '25.11', triton: '2.63.0', upstream: '25.11', dcgm: '4.4.0-1' },
  { version: '25.12', triton: '2.64.0', upstream: '25.12', dcgm: '4.4.2-1' },
  { version: '26.01', triton: '2.65.0', upstream: '26.01', dcgm: '4.4.2-1' },
  { version: '26.02', triton: '2.66.0', upstream: '26.02', dcgm: '4.5.2-1' },
  { version: '26.03', triton: '2.67.0', upstream: '26.03', dcgm: '4.5.2-1' },
  { version: '26.04', triton: '2.68.0', upstream: '26.04', dcgm: '4.5.3-1' },
  // r26.05 and r26.06 build.py: the map's upstream container lags the release by one month.
  { version: '26.05', triton: '2.69.0', upstream: '26.04', dcgm: '4.5.3-1' },
  { version: '26.06', triton: '2.70.0', upstream: '26.05', dcgm: '4.5.3-1' },
  { version: '26.07', triton: '2.71.0', upstream: '26.07', dcgm: '4.5.3-1' },
  { version: '26.08', triton: '2.72.0', upstream: '26.08', dcgm: '4.6.1-1' }, // r26.08 build.py: DCGM 4.6.1-1
];

export const ERA_RANGES: readonly Range<Era>[] = [
  // r24.01 … r24.10 build.py: ubuntu2204 cuda-keyring, CPU base ubuntu:22.04.
  { from: '24.01', to: '24.10', value: 'jammy' },
  // r24.11 build.py: ubuntu2404 cuda-keyring 1.1-1, CPU base ubuntu:24.04, `userdel ubuntu`,
  // no libre2-9, PIP_BREAK_SYSTEM_PACKAGES; r26.08 docs/introduction/compatibility.md gives
  // Python 3.12.3 for 24.11 (vllm variant, on the py3-min base).
  { from: '24.11', value: 'noble' },
];

export const CUDA_RANGES: readonly Range<12 | 13>[] = [
  // r24.01 … r25.07 build.py add_cpu_libs_to_linux_dockerfile: the copied sonames are .so.12.
  { from: '24.01', to: '25.07', value: 12 },
  // r25.08 build.py: .so.13 sonames, patchelf on stubs/libcublasLt.so.13.
  { from: '25.08', value: 13 },
];

// build.py enable_all (Linux), ensemble aside (built into the core).
const COMMON = ['dali', 'fil', 'identity', 'onnxruntime', 'openvino', 'python', 'pytorch', 'repeat', 'square', 'tensorrt'];
export const BACKEND_RANGES: readonly Range<readonly string[]>[] = [
  { from: '24.01', to: '24.01', value: [...COMMON, 'tensorflow'] }, // r24.01 build.py enable_all
  // 24.02-py3 ships no onnxruntime although r24.02 build.py lists it: server issues #6991 and
  // #7027 (cuDNN 8 → 9, ORT not ready).
  { from: '24.02', to: '24.02', value: [...COMMON.filter((b) => b !== 'onnxruntime'), 'tensorflow'] },
  { from: '24.03', to: '25.02', value: [...COMMON, 'tensorflow'] }, // r25.02 build.py: tensorflow still listed
  { from: '25.03', value: COMMON }, // r25.03 build.py: tensorflow removed
];

export const RELEASES: readonly Release[] = ROWS.map((row) => ({
  ...row,
  branch: `r${row.version}`,
  era: valueAt(ERA_RANGES, row.version),
  cudaMajor: valueAt(CUDA_RANGES, row.version),
  backends: [...valueAt(BACKEND_RANGES, row.version)].sort(),
}));

export function findRelease(version: string): Release | undefined {
  return RELEASES.find((r) => r.version === version);
}
