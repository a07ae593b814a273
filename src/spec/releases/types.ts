// The shapes of the release table: one row per NGC release, with the facts that decide what a
// composed image needs. Kept apart from the data so every family file can name them.

export type Era = 'jammy' | 'noble';

export interface Release {
  version: string; // YY.MM, the NGC container version
  branch: string; // the server-repo release branch the facts were read from, e.g. r24.01
  triton: string; // server version in that branch's TRITON_VERSION, e.g. 2.42.0
  upstream: string; // upstream container version in build.py's version map (NGC base images)
  era: Era;
  cudaMajor: 12 | 13;
  dcgm: string; // DCGM version in build.py's version map
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

/** One file build.py copies out of the GPU min image into a CPU-only image. */
export interface LibraryCopy {
  from: string;
  to: string;
}
