// Everything that changes by Triton release and that compose.py reads from the build.py of a
// server-repo checkout, in one typed table: backends per release, the Ubuntu era (Python,
// package names), apt lists, env additions and the CPU PyTorch libraries by CUDA major.
// Sources: triton-inference-server/server compose.py and build.py (r24.01 … r25.10),
// NGC release notes; the per-release facts are summarised in the project's NGC notes.

export type Era = 'jammy' | 'noble';

export interface Release {
  version: string; // YY.MM
  triton: string; // server version, e.g. 2.42.0
  era: Era;
  cudaMajor: 12 | 13;
  backends: readonly string[];
}

export interface EraFacts {
  ubuntu: string;
  python: string;
  /** Runtime packages copied from the full image in runtime-deps=image mode, by need. */
  runtime: { server: string[]; gomp: string[]; python: string[] };
  /** pip packages (outside dpkg) the python backend needs, copied from dist-packages. */
  pip: string[];
}

export const ERAS: Record<Era, EraFacts> = {
  jammy: {
    ubuntu: '22.04',
    python: '3.10',
    runtime: {
      server: ['libb64-0d', 'libgoogle-perftools4', 'libjemalloc2', 'libnuma1', 'libcurl4', 'libre2-9'],
      gomp: ['libgomp1'],
      python: ['python3', 'libpython3.10', 'libarchive13'],
    },
    pip: ['numpy'],
  },
  noble: {
    ubuntu: '24.04',
    python: '3.12',
    runtime: {
      server: ['libb64-0d', 'libgoogle-perftools4t64', 'libjemalloc2', 'libnuma1', 'libcurl4t64'],
      gomp: ['libgomp1'],
      python: ['python3', 'libpython3.12t64', 'libarchive13t64'],
    },
    pip: ['numpy'],
  },
};

export const REPOAGENTS = ['checksum'] as const;
export const CACHES = ['local', 'redis'] as const;
/** Built into libtritonserver: accepted, never copied. */
export const BUILT_IN_BACKENDS = ['ensemble'] as const;
/** Only in their own NGC variants (-vllm-python-py3, -trtllm-python-py3). */
export const VARIANT_BACKENDS: Record<string, string> = { vllm: '-vllm-python-py3', tensorrtllm: '-trtllm-python-py3' };

const BASE = ['identity', 'repeat', 'square', 'onnxruntime', 'python', 'pytorch', 'tensorrt', 'openvino', 'fil', 'dali'];

function release(version: string): Release {
  const [yy, mm] = version.split('.').map(Number);
  const index = (yy - 24) * 12 + (mm - 1); // 24.01 is index 0
  let backends = [...BASE];
  if (version === '24.02') backends = backends.filter((b) => b !== 'onnxruntime'); // server #6991, #7027
  if (version <= '25.02') backends.push('tensorflow'); // removed from 25.03
  return {
    version,
    triton: `2.${42 + index}.0`,
    era: version >= '24.12' ? 'noble' : 'jammy', // build.py moved to Ubuntu 24.04 at r24.12
    cudaMajor: version >= '25.08' ? 13 : 12,
    backends: backends.sort(),
  };
}

const VERSIONS: string[] = [];
for (let yy = 24; yy <= 25; yy++)
  for (let mm = 1; mm <= 12; mm++) if (yy < 25 || mm <= 10) VERSIONS.push(`${yy}.${String(mm).padStart(2, '0')}`);

export const RELEASES: readonly Release[] = VERSIONS.map(release);

export function findRelease(version: string): Release | undefined {
  return RELEASES.find((r) => r.version === version);
}

/** compose.py's apt list for a release (runtime-deps=apt), per build.py of that branch. */
export function aptPackages(r: Release, parts: { gomp: boolean; python: boolean }): string[] {
  const pkgs = [
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
    'wget',
  ];
  if (r.version < '25.01') pkgs.push('libre2-9', 'software-properties-common');
  if (r.version >= '24.12') pkgs.push('python3-pip');
  if (parts.gomp) pkgs.push('libgomp1');
  if (parts.python) pkgs.push('python3', 'libarchive-dev', 'python3-pip', 'python3-wheel', 'python3-setuptools', 'libpython3-dev');
  return [...new Set(pkgs)].sort();
}

/** pip requirements compose.py installs for the python backend. */
export function pipRequirements(r: Release): string[] {
  return [r.version >= '24.12' ? 'numpy<2' : 'numpy', 'virtualenv'];
}

/** DCGM from NVIDIA's apt repository (runtime-deps=apt, GPU). */
export function dcgmPackages(r: Release, dcgmVersion: string): string[] {
  return r.version >= '25.08'
    ? ['datacenter-gpu-manager-4-core', 'datacenter-gpu-manager-4-dev']
    : [`datacenter-gpu-manager=1:${dcgmVersion}`];
}

export function dcgmRuntimePackage(r: Release | undefined): string {
  return r && r.version >= '25.08' ? 'datacenter-gpu-manager-4-core' : 'datacenter-gpu-manager';
}

/** LD_LIBRARY_PATH entries a part needs, in the order build.py prepends them. */
export function libraryPathFor(r: Release | undefined, part: string): string[] {
  if (part === 'pytorch') return ['/opt/hpcx/ucc/lib', '/opt/hpcx/ucx/lib'];
  if (part === 'onnxruntime' && r !== undefined && r.version <= '24.03') return ['/opt/tritonserver/backends/onnxruntime'];
  return [];
}

export function pythonPathFor(part: string): string[] {
  return part === 'dali' ? ['/opt/tritonserver/backends/dali/wheel/dali'] : [];
}

/** Libraries build.py copies from the GPU min image into CPU-only images with PyTorch. */
export function cpuTorchLibraries(cudaMajor: 12 | 13, triplet: string): { from: string; to: string }[] {
  const cuda =
    cudaMajor === 12
      ? [
          'libcudart.so.12',
          'libcupti.so.12',
          'libnvJitLink.so.12',
          'libnvToolsExt.so.1',
          'libcublas.so.12',
          'libcublasLt.so.12',
          'libcufft.so.11',
          'libcurand.so.10',
          'libcusolver.so.11',
          'libcusparse.so.12',
        ]
      : [
          'libcudart.so.13',
          'libcupti.so.13',
          'libnvJitLink.so.13',
          'libcublas.so.13',
          'libcublasLt.so.13',
          'libcufft.so.12',
          'libcurand.so.10',
          'libcusolver.so.12',
          'libcusparse.so.12',
        ];
  const target = `/usr/local/cuda/targets/${triplet === 'aarch64-linux-gnu' ? 'sbsa' : 'x86_64'}-linux/lib`;
  return [
    ...cuda.map((l) => ({ from: `/usr/local/cuda/lib64/${l}`, to: `${target}/${l}` })),
    ...['libcudnn.so.9', 'libnccl.so.2'].map((l) => ({ from: `/usr/lib/${triplet}/${l}`, to: `${target}/${l}` })),
    ...['libucc.so.1'].map((l) => ({ from: `/opt/hpcx/ucc/lib/${l}`, to: `/opt/hpcx/ucc/lib/${l}` })),
    ...['libucm.so.0', 'libucp.so.0', 'libucs.so.0', 'libuct.so.0'].map((l) => ({
      from: `/opt/hpcx/ucx/lib/${l}`,
      to: `/opt/hpcx/ucx/lib/${l}`,
    })),
  ];
}

export function cpuTorchLibraryPath(triplet: string): string[] {
  return [`/usr/local/cuda/targets/${triplet === 'aarch64-linux-gnu' ? 'sbsa' : 'x86_64'}-linux/lib`];
}

/** Debian multiarch triplet of a target platform's architecture. */
export function tripletOf(architecture: string): string | undefined {
  return ({ amd64: 'x86_64-linux-gnu', arm64: 'aarch64-linux-gnu' } as Record<string, string>)[architecture];
}
