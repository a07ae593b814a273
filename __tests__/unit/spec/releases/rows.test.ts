// The per-release rows and the era, CUDA and backend ranges, against the values read from each
// release branch of triton-inference-server/server (TRITON_VERSION, build.py), written out here.
import { ERAS, RELEASES, findRelease } from '../../../../src/spec/releases.js';
import { BACKEND_RANGES, CUDA_RANGES, ERA_RANGES } from '../../../../src/spec/releases/rows.js';
import {
  APT_COMMON,
  APT_NVSHMEM,
  APT_PYTHON,
  CPU_TORCH_PACKAGES,
  DCGM,
  PIP_BREAK_SYSTEM_PACKAGES,
  PIP_PYTHON,
} from '../../../../src/spec/releases/packages.js';
import { OWNERS } from '../../../../src/spec/releases/runtime.js';
import { CUDA_LIBS, CUDA_STUBS, CUDNN } from '../../../../src/spec/releases/cpu-libs.js';
import type { Range } from '../../../../src/spec/releases/range.js';

const get = (v: string) => {
  const r = findRelease(v);
  if (!r) throw new Error(`no release ${v}`);
  return r;
};

test('every monthly release 24.01 … 26.08 and nothing else, in order, each from its own branch', () => {
  const expected: string[] = [];
  for (let yy = 24; yy <= 26; yy++)
    for (let mm = 1; mm <= 12; mm++) if (yy < 26 || mm <= 8) expected.push(`${yy}.${String(mm).padStart(2, '0')}`);
  expect(RELEASES.map((r) => r.version)).toEqual(expected);
  expect(RELEASES.every((r) => r.branch === `r${r.version}`)).toBe(true);
  expect(findRelease('23.12')).toBeUndefined();
  expect(findRelease('26.09')).toBeUndefined(); // r26.09 is not in the sources
});

test('Triton version as each branch lists it (2.59.1 at 25.07, one minor lower after)', () => {
  expect(Object.fromEntries(RELEASES.map((r) => [r.version, r.triton]))).toEqual({
    '24.01': '2.42.0',
    '24.02': '2.43.0',
    '24.03': '2.44.0',
    '24.04': '2.45.0',
    '24.05': '2.46.0',
    '24.06': '2.47.0',
    '24.07': '2.48.0',
    '24.08': '2.49.0',
    '24.09': '2.50.0',
    '24.10': '2.51.0',
    '24.11': '2.52.0',
    '24.12': '2.53.0',
    '25.01': '2.54.0',
    '25.02': '2.55.0',
    '25.03': '2.56.0',
    '25.04': '2.57.0',
    '25.05': '2.58.0',
    '25.06': '2.59.0',
    '25.07': '2.59.1',
    '25.08': '2.60.0',
    '25.09': '2.61.0',
    '25.10': '2.62.0',
    '25.11': '2.63.0',
    '25.12': '2.64.0',
    '26.01': '2.65.0',
    '26.02': '2.66.0',
    '26.03': '2.67.0',
    '26.04': '2.68.0',
    '26.05': '2.69.0',
    '26.06': '2.70.0',
    '26.07': '2.71.0',
    '26.08': '2.72.0',
  });
});

test('DCGM version of the version map, and the upstream container that lags at 26.05 and 26.06', () => {
  expect(Object.fromEntries(RELEASES.map((r) => [r.version, r.dcgm]))).toEqual({
    '24.01': '3.2.6',
    '24.02': '3.2.6',
    '24.03': '3.2.6',
    '24.04': '3.2.6',
    '24.05': '3.2.6',
    '24.06': '3.2.6',
    '24.07': '3.2.6',
    '24.08': '3.2.6',
    '24.09': '3.2.6',
    '24.10': '3.2.6',
    '24.11': '3.3.6',
    '24.12': '3.3.6',
    '25.01': '3.3.6',
    '25.02': '3.3.6',
    '25.03': '3.3.6',
    '25.04': '3.3.6',
    '25.05': '3.3.6',
    '25.06': '3.3.6',
    '25.07': '3.3.6',
    '25.08': '4.4.0-1',
    '25.09': '4.4.0-1',
    '25.10': '4.4.0-1',
    '25.11': '4.4.0-1',
    '25.12': '4.4.2-1',
    '26.01': '4.4.2-1',
    '26.02': '4.5.2-1',
    '26.03': '4.5.2-1',
    '26.04': '4.5.3-1',
    '26.05': '4.5.3-1',
    '26.06': '4.5.3-1',
    '26.07': '4.5.3-1',
    '26.08': '4.6.1-1',
  });
  expect(RELEASES.filter((r) => r.upstream !== r.version).map((r) => [r.version, r.upstream])).toEqual([
    ['26.05', '26.04'],
    ['26.06', '26.05'],
  ]);
});

test.each([
  ['24.10', 'jammy', '22.04', '3.10'],
  ['24.11', 'noble', '24.04', '3.12'],
  ['26.08', 'noble', '24.04', '3.12'],
])('era of %s: %s (Ubuntu %s, Python %s)', (v, era, ubuntu, python) => {
  expect(get(v).era).toBe(era);
  expect(ERAS[get(v).era].ubuntu).toBe(ubuntu);
  expect(ERAS[get(v).era].python).toBe(python);
});

test('CUDA major: 12 through 25.07, 13 from 25.08', () => {
  expect([get('24.01').cudaMajor, get('25.07').cudaMajor, get('25.08').cudaMajor, get('26.08').cudaMajor]).toEqual([12, 12, 13, 13]);
});

test('backends: tensorflow through 25.02, no onnxruntime in 24.02', () => {
  const all = ['dali', 'fil', 'identity', 'onnxruntime', 'openvino', 'python', 'pytorch', 'repeat', 'square', 'tensorrt'];
  expect(get('24.01').backends).toEqual([...all.slice(0, 9), 'tensorflow', 'tensorrt']);
  expect(get('24.02').backends).toEqual([
    'dali',
    'fil',
    'identity',
    'openvino',
    'python',
    'pytorch',
    'repeat',
    'square',
    'tensorflow',
    'tensorrt',
  ]);
  expect(get('24.03').backends).toEqual([...all.slice(0, 9), 'tensorflow', 'tensorrt']);
  expect(get('25.02').backends).toEqual([...all.slice(0, 9), 'tensorflow', 'tensorrt']);
  expect(get('25.03').backends).toEqual(all);
  expect(get('26.08').backends).toEqual(all);
});

// A family looked up with valueAt must cover 24.01 … the newest row once: no gap, no overlap.
const families: [string, readonly Range<unknown>[]][] = Object.entries({
  ERA_RANGES,
  CUDA_RANGES,
  BACKEND_RANGES,
  APT_COMMON,
  APT_PYTHON,
  PIP_PYTHON,
  CPU_TORCH_PACKAGES,
  APT_NVSHMEM,
  PIP_BREAK_SYSTEM_PACKAGES,
  DCGM,
  OWNERS,
  CUDA_STUBS,
  CUDA_LIBS,
  CUDNN,
});
test.each(families)('%s covers every release exactly once', (_name, ranges) => {
  for (const r of RELEASES)
    expect([r.version, ranges.filter((x) => r.version >= x.from && (x.to === undefined || r.version <= x.to)).length]).toEqual([
      r.version,
      1,
    ]);
});
