// runtime-deps: apt — what compose.py's prepare block installs and sets up for a release, from
// the release table: the apt and pip lists (libgfortran5 for pytorch on arm64), DCGM and, in
// 25.10 and 25.11, NVSHMEM from NVIDIA's CUDA repository with that era's keyring, the loader
// configuration NVSHMEM needs, the users deleted before triton-server is made, who owns what is
// copied, and the TRITON_* variables build.py sets for vllm and tensorrtllm. Pure.
import {
  type Release,
  aptPackages,
  breaksSystemPackages,
  cpuTorchPackages,
  dcgmKeyring,
  dcgmPackages,
  loaderConfs,
  nvshmemPackages,
  ownerOf,
  pipRequirements,
  removedUsers,
  tritonEnvFor,
} from '../spec/releases.js';
import type { ComposePlan } from './types.js';

export type AptRuntime = Extract<ComposePlan['runtime'], { mode: 'apt' }>;

export interface AptNeeds {
  gomp: boolean;
  python: boolean;
  cpuTorch: boolean;
  /** Every kept part, by name (pytorch, tensorrtllm change the lists). */
  parts: readonly string[];
}

/** The library each ld.so.conf.d file the prepare block writes makes visible, by the package it comes in. */
const LOADER_LIBRARIES: Record<string, { package: string; library: string }> = {
  'libnvshmem3-cuda-13.conf': { package: 'libnvshmem3-cuda-13', library: 'libnvshmem_host.so' },
};

const CUDA_COMPAT_CONF = '00-cuda-compat.conf';

/** The apt-mode runtime of a release for the target architectures (as image configs name them: amd64, arm64). */
export function planAptRuntime(r: Release, gpu: boolean, archs: readonly string[], need: AptNeeds, dcgmVersion: string): AptRuntime {
  const torch = need.cpuTorch ? cpuTorchPackages(r) : { apt: [], pip: [] };
  const pytorch = need.parts.includes('pytorch');
  const byArch = new Map(
    [...new Set(archs)].map((a) => [a, [...aptPackages(r, { gomp: need.gomp, python: need.python, pytorch }, a), ...torch.apt]]),
  );
  const lists = [...byArch.values()];
  const packages = [...new Set(lists[0] ?? [])].filter((p) => lists.every((l) => l.includes(p))).sort();
  const archPackages: Record<string, string[]> = {};
  for (const [a, l] of byArch) {
    const extra = [...new Set(l.filter((p) => !packages.includes(p)))].sort();
    if (extra.length) archPackages[a] = extra;
  }
  const dcgm = gpu ? dcgmPackages(r, dcgmVersion) : [];
  const nvshmem = nvshmemPackages(r, need.parts);
  const keyrings: Record<string, string> = {};
  if (dcgm.length || nvshmem.length) for (const a of byArch.keys()) keyrings[a] = dcgmKeyring(r, a);
  const wanted = loaderConfs(r, { gpu, parts: need.parts });
  const confs = wanted.flatMap((c) => {
    const lib = LOADER_LIBRARIES[c.file];
    return lib && nvshmem.includes(lib.package) ? [{ file: c.file, ...lib }] : [];
  });
  return {
    mode: 'apt',
    packages,
    archPackages,
    pip: [...(need.python ? pipRequirements(r) : []), ...torch.pip],
    dcgm,
    nvshmem,
    keyrings,
    loaderConfs: confs,
    cudaCompat: wanted.some((c) => c.file === CUDA_COMPAT_CONF),
    breakSystemPackages: breaksSystemPackages(r, need.python),
    removedUsers: removedUsers(r),
    owner: ownerOf(r),
  };
}

/**
 * The TRITON_* variables the prepare block sets for the kept parts (r25.11 on: vllm,
 * tensorrtllm), those `env` (the image's, as planned) does not set already, in the table's order.
 */
export function planAptEnv(r: Release, parts: readonly string[], env: readonly [string, string][]): [string, string][] {
  const set = new Set(env.map(([k]) => k));
  const out: [string, string][] = [];
  for (const [k, v] of parts.flatMap((p) => tritonEnvFor(r, p))) {
    if (set.has(k)) continue;
    set.add(k);
    out.push([k, v]);
  }
  return out;
}
