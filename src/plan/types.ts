// The shape of a compose plan and of what the planner reads (resolved sources, merged views),
// and the server paths it copies: shared by the planning steps (plan.ts, runtime.ts,
// image-config.ts) and by everything downstream that reads a plan.
import { type ImageView } from '../layer/contents.js';
import { type ResolvedImage } from '../oci/types.js';
import type { PlannedPythonPackages } from './python-dists.js';

export interface SourceImage {
  name: string; // registry/repository
  reference: string; // as given, e.g. 127.0.0.1:5000/tritonserver:24.01-py3
  digest: string; // what the tag points at (index or manifest)
  /** Per target platform ("linux/amd64"): that platform's manifest and config. */
  platforms: Record<string, ResolvedImage>;
}

/** What the planner reads: resolved sources and, per platform, merged views of full and min. */
export interface Sources {
  full: SourceImage;
  min: SourceImage;
  gpuMin?: SourceImage;
  /** The sources input's images some part is taken from, by name. */
  extra: Record<string, SourceImage>;
  /** Per platform: full, min, and each extra source by name. */
  views: Record<string, { full: ImageView; min: ImageView; extra: Record<string, ImageView> }>;
}

export interface PlannedPart {
  name: string;
  kind: 'backend' | 'repoagent' | 'cache';
  path: string;
  /** The extra source it is taken from (Sources.extra); absent: the full image. */
  source?: string;
}

export interface ComposePlan {
  /** `selective`: parts come as tars of the build context, read by ranges (selective/); absent: BuildKit copies them from full. */
  source?: 'selective';
  release?: string;
  triton?: string;
  gpu: boolean;
  platforms: string[];
  sources: { full: string; min: string; gpuMin?: string; extra?: Record<string, string> }; // pinned name@digest
  env: [string, string][];
  labels: [string, string][];
  core: string[]; // paths under /opt/tritonserver and friends, copied into one layer
  parts: PlannedPart[];
  runtime:
    | { mode: 'image'; packages: Record<string, string[]>; files: Record<string, string[]> }
    | {
        mode: 'apt';
        /** apt packages every target architecture gets. */
        packages: string[];
        /** Packages only some architectures get (pytorch on arm64: libgfortran5), by architecture. */
        archPackages: Record<string, string[]>;
        pip: string[];
        /** DCGM, pinned, and NVSHMEM (25.10, 25.11): from NVIDIA's CUDA repository. */
        dcgm: string[];
        nvshmem: string[];
        /** The cuda-keyring .deb of that repository by architecture; empty when nothing comes from it. */
        keyrings: Record<string, string>;
        /** /etc/ld.so.conf.d files listing the folder of a library a package installed, then ldconfig. */
        loaderConfs: { file: string; package: string; library: string }[];
        /** GPU: the CUDA compat folder (\${_CUDA_COMPAT_PATH}/lib) in ld.so.conf.d/00-cuda-compat.conf, wired for one ldconfig run. */
        cudaCompat: boolean;
        breakSystemPackages: boolean;
        /** Users deleted before triton-server (uid and gid 1000) is made: tensorrt-server, and ubuntu from 24.11. */
        removedUsers: string[];
        /** Who compose.py makes own what it copies: `--chown=1000:1000` through r26.05, root's (no --chown) from r26.06. */
        owner: '1000:1000' | 'root';
      };
  /**
   * CPU-only backend libraries by architecture: what a CPU-only image copies from the GPU min
   * image (CPU-only PyTorch's CUDA, cuDNN, NCCL and HPC-X set, or TensorFlow's NCCL alone).
   */
  cpuLibs?: Record<string, { from: string; to: string }[]>;
  serve: boolean;
  /** arbitrary-user: folders made group 0's with the owner's permissions for the group (pieces.ts's groupWritable). */
  groupWritable?: string[];
  /** The images (`full` or a source's name) that win a path two of them place differently, in order (selective/conflicts.ts). */
  prefer?: string[];
  /** python-packages: the distributions copied for the python backend's models, per image they come from. */
  pythonPackages?: PlannedPythonPackages[];
  /**
   * add: the entries, a layer each after the parts, in order, by destination and build-context
   * tar (`added/N.tar` for the workspace's; for an image's, its tar in each platform's folder of
   * the parts, `add-N.tar`, with the source it is read from, the path in it and the owner).
   */
  added?: PlannedAdd[];
  entrypoint?: string[];
  cmd?: string[];
  user?: string;
}

/** One add entry of a plan (ComposePlan.added). */
export interface PlannedAdd {
  /** As the report and the log name its layer: `add /models`. */
  name: string;
  dest: string;
  file: string;
  /**
   * An image's entry: the source (Sources.extra) and the path in it, who owns what it writes,
   * and where it is from as the report names it (`image@digest:PATH`).
   */
  image?: { source: string; path: string; owner: { uid: number; gid: number }; from: string };
}

/** Where the server lives in the images. */
export const TRITON_DIR = '/opt/tritonserver';
const T = TRITON_DIR;

/** What compose.py copies of the server itself (those the full image has), besides the parts. */
export const CORE_PATHS = ['LICENSE', 'TRITON_VERSION', 'NVIDIA_Deep_Learning_Container_License.pdf', 'bin', 'lib', 'include'].map(
  (p) => `${T}/${p}`,
);
/** Folders of the parts, by kind. */
export const PART_FOLDERS = { backend: `${T}/backends`, repoagent: `${T}/repoagents`, cache: `${T}/caches` } as const;
