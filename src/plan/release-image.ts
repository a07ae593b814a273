// What a release's full and min images say about the facts the release table holds (for
// `triton-compose releases --container-version`), from their configs and merged views. Pure:
// compose/release-images.ts reads the images.
import { type ImageView, listFolders } from '../layer/contents.js';
import type { ImageConfig } from '../oci/types.js';
import { planImageFacts } from './image-facts.js';

/** The facts the release table holds, as the images tell them (absent: the image does not say). */
export interface ReleaseImageFacts {
  /** NVIDIA_TRITON_SERVER_VERSION of the full image, e.g. 26.08. */
  release?: string;
  triton?: string;
  /** VERSION_ID of min's /etc/os-release (full's when min has none), when it is Ubuntu. */
  ubuntu?: string;
  python?: string;
  /** CUDA_VERSION of min (full's when min has none), e.g. 13.0.2.006. */
  cuda?: string;
  dcgm?: string;
  gpu: boolean;
  /** Folders under /opt/tritonserver/{backends,repoagents,caches} of the full image. */
  backends: string[];
  repoagents: string[];
  caches: string[];
}

const RELEASE = /^\d{2}\.\d{2}$/;

function envValue(config: ImageConfig, name: string): string | undefined {
  const entry = (config.config?.Env ?? []).find((e) => e.startsWith(`${name}=`));
  return entry?.slice(name.length + 1).trim();
}

/** The release facts of a full and a min image, from their configs and merged views. Pure. */
export function planReleaseImageFacts(
  full: { config: ImageConfig; view: ImageView },
  min: { config: ImageConfig; view: ImageView },
): ReleaseImageFacts {
  const f = planImageFacts(full.config, full.view);
  const m = planImageFacts(min.config, min.view);
  const os = m.os ?? f.os;
  const release = envValue(full.config, 'NVIDIA_TRITON_SERVER_VERSION');
  const cuda = m.cuda ?? f.cuda;
  const python = f.python ?? m.python;
  // Built in the order the table lists its facts, so the JSON form reads alike.
  const facts: ReleaseImageFacts = {
    ...(release && RELEASE.test(release) ? { release } : {}),
    ...(f.triton ? { triton: f.triton } : {}),
    ...(os?.id === 'ubuntu' ? { ubuntu: os.versionId } : {}),
    ...(python ? { python } : {}),
    ...(cuda ? { cuda } : {}),
    ...(f.dcgm ? { dcgm: f.dcgm } : {}),
    gpu: f.gpu,
    backends: listFolders(full.view, '/opt/tritonserver/backends'),
    repoagents: listFolders(full.view, '/opt/tritonserver/repoagents'),
    caches: listFolders(full.view, '/opt/tritonserver/caches'),
  };
  return facts;
}
