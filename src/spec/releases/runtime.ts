// What the prepare block of each branch's build.py sets up besides packages: search paths and
// other env by backend, loader configuration (ld.so.conf.d, ldconfig), the triton-server user
// and who owns /opt/tritonserver. By range, r24.01 … r26.08.
import { type Range, inRange, valueAt, valuesAt } from './range.js';
import type { Release } from './types.js';

interface PathFact {
  part: string;
  dirs: readonly string[];
}

export const LIBRARY_PATHS: readonly Range<PathFact>[] = [
  // Every branch's build.py (written there with trailing slashes: the same folders).
  { from: '24.01', value: { part: 'pytorch', dirs: ['/opt/hpcx/ucc/lib', '/opt/hpcx/ucx/lib'] } },
  // r24.01 … r24.05 build.py: a workaround for ORT's OpenVINO EP; r24.06 removes it.
  { from: '24.01', to: '24.05', value: { part: 'onnxruntime', dirs: ['/opt/tritonserver/backends/onnxruntime'] } },
  // r25.01 … r26.02 build.py, vllm (ARG PYVER=3.12); r26.03 builds vllm on NGC's vllm image instead.
  { from: '25.01', to: '26.02', value: { part: 'vllm', dirs: ['/usr/local/lib', '/usr/local/lib/python3.12/dist-packages/torch/lib'] } },
  // Not here: tensorrtllm's /usr/local/tensorrt/lib and backends/tensorrtllm (r24.01 … r26.02),
  // set only by build.py's create_dockerfile_linux, which compose.py does not run.
];

export const PYTHON_PATHS: readonly Range<PathFact>[] = [
  { from: '24.05', value: { part: 'dali', dirs: ['/opt/tritonserver/backends/dali/wheel/dali'] } }, // r24.05 build.py
];

/** New TRITON_* variables (r25.11 build.py, vllm or tensorrtllm): where Triton's Python-side JIT finds CUDA's tools. */
export const TRITON_ENV: readonly Range<{ parts: readonly string[]; env: readonly [string, string][] }>[] = [
  {
    from: '25.11',
    value: {
      parts: ['vllm', 'tensorrtllm'],
      env: [
        ['TRITON_CUDACRT_PATH', '/usr/local/cuda/include'],
        ['TRITON_CUDART_PATH', '/usr/local/cuda/include'],
        ['TRITON_CUOBJDUMP_PATH', '/usr/local/cuda/bin/cuobjdump'],
        ['TRITON_CUPTI_PATH', '/usr/local/cuda/include'],
        ['TRITON_NVDISASM_PATH', '/usr/local/cuda/bin/nvdisasm'],
        ['TRITON_PTXAS_PATH', '/usr/local/cuda/bin/ptxas'],
      ],
    },
  },
];

const NEWEST = '99.99'; // a part composed from custom images gets the newest facts

/** LD_LIBRARY_PATH entries a part needs, in the order build.py prepends them. */
export function libraryPathFor(r: Release | undefined, part: string): string[] {
  return valuesAt(LIBRARY_PATHS, r?.version ?? NEWEST)
    .filter((f) => f.part === part)
    .flatMap((f) => f.dirs);
}

export function pythonPathFor(r: Release | undefined, part: string): string[] {
  return valuesAt(PYTHON_PATHS, r?.version ?? NEWEST)
    .filter((f) => f.part === part)
    .flatMap((f) => f.dirs);
}

export function tritonEnvFor(r: Release, part: string): [string, string][] {
  return valuesAt(TRITON_ENV, r.version)
    .filter((f) => f.parts.includes(part))
    .flatMap((f) => f.env.map(([k, v]): [string, string] => [k, v]));
}

export interface LoaderConf {
  file: string; // under /etc/ld.so.conf.d
  holds: string; // what it lists, in words
  when: 'gpu' | 'always' | 'not-tensorrtllm';
}

export const LOADER_CONFS: readonly Range<LoaderConf>[] = [
  // Every branch's build.py, GPU and not RHEL: the compat folder, made visible to one ldconfig run.
  { from: '24.01', value: { file: '00-cuda-compat.conf', holds: '${_CUDA_COMPAT_PATH}/lib', when: 'gpu' } },
  // r25.10 build.py: after installing libnvshmem3-cuda-13, CPU-only too, not with tensorrtllm;
  // r25.11 for every build; r25.12 moves it to RHEL (triton-cuda-libs.conf).
  {
    from: '25.10',
    to: '25.10',
    value: { file: 'libnvshmem3-cuda-13.conf', holds: 'the folder of libnvshmem_host.so', when: 'not-tensorrtllm' },
  },
  { from: '25.11', to: '25.11', value: { file: 'libnvshmem3-cuda-13.conf', holds: 'the folder of libnvshmem_host.so', when: 'always' } },
  // tensorrt-llm.conf and triton-tensorrtllm-worker.conf (r24.04 … r26.02), tritonserver.conf
  // (r26.03 on) come from create_dockerfile_linux only: compose.py never writes them.
];

/** The ld.so.conf.d files the prepare block writes (each followed by ldconfig). */
export function loaderConfs(r: Release, opts: { gpu: boolean; parts: readonly string[] }): LoaderConf[] {
  return valuesAt(LOADER_CONFS, r.version).filter(
    (c) => c.when === 'always' || (c.when === 'gpu' && opts.gpu) || (c.when === 'not-tensorrtllm' && !opts.parts.includes('tensorrtllm')),
  );
}

/** Every branch's build.py: triton-server is created if absent and must be uid/gid 1000; never a USER line. */
export const TRITON_USER = { name: 'triton-server', uid: 1000, gid: 1000 } as const;

/** Users the prepare block deletes first. */
export function removedUsers(r: Release): string[] {
  // every branch: tensorrt-server; r24.11 build.py: ubuntu, uid 1000 of the noble base image
  return inRange(r.version, { from: '24.11' }) ? ['tensorrt-server', 'ubuntu'] : ['tensorrt-server'];
}

export const OWNERS: readonly Range<'1000:1000' | 'root'>[] = [
  // r24.01 … r26.05 build.py (COPY --chown=1000:1000 of the install tree) and compose.py
  // (--chown=1000:1000 on every copy, chown of backends/, repoagents/, caches/).
  { from: '24.01', to: '26.05', value: '1000:1000' },
  // r26.06 build.py and compose.py: no --chown, no chown; triton-server reads through group/other.
  { from: '26.06', value: 'root' },
];

/** Owner of what is copied under /opt/tritonserver. */
export function ownerOf(r: Release): '1000:1000' | 'root' {
  return valueAt(OWNERS, r.version);
}
