// The tars of a selective compose's build context, one per part, as data. Pure: the
// Dockerfile names them (dockerfile.ts) and selective/ fills them (entries.ts, stage.ts).
import { CORE_PATHS, type ComposePlan, PART_FOLDERS } from './types.js';
import type { PartKind } from '../report/types.js';
import { type Spec } from '../spec/types.js';

/** One tar of the build context: a part, the server core, the runtime dependencies or serve. */
export interface Piece {
  name: string;
  /** What the part is, as the report names it. */
  kind: Exclude<PartKind, 'base'>;
  /** File name in the platform's folder of the context. */
  file: string;
  /** Kept paths: each with all below it. */
  keep: readonly string[];
  /** A part (backend, repository agent, cache): one folder, `keep[0]`. */
  root?: boolean;
}

/** The folder of the build context that holds a platform's tars (`parts/linux-amd64`). */
export const piecesDir = (platform: string) => `parts/${platform.split('/').slice(0, 2).join('-')}`;

/** The tars of a platform, in the order the Dockerfile adds them (the buildkit mode's COPY order). Pure. */
export function planPieces(plan: ComposePlan, platform: string): Piece[] {
  const out: Piece[] = [];
  if (plan.runtime.mode === 'image')
    out.push({ name: 'runtime-deps', kind: 'runtime-deps', file: 'runtime-deps.tar', keep: plan.runtime.files[platform] ?? [] });
  out.push({ name: 'core', kind: 'core', file: 'core.tar', keep: plan.core });
  for (const p of plan.parts) out.push({ name: p.name, kind: p.kind, file: `${p.kind}-${p.name}.tar`, keep: [p.path], root: true });
  if (plan.serve) out.push({ name: 'serve', kind: 'other', file: 'serve.tar', keep: ['/usr/bin/serve'] });
  return out;
}

/**
 * Paths a cold pass can write as it streams, known from the spec alone: the server core,
 * the parts and serve (the runtime dependencies need the dpkg database first). Pure.
 */
export function planColdKeep(spec: Pick<Spec, 'backends' | 'repoagents' | 'caches'>): string[] {
  return [
    ...CORE_PATHS,
    '/opt/nvidia',
    '/usr/bin/serve',
    ...spec.backends.map((n) => `${PART_FOLDERS.backend}/${n}`),
    ...spec.repoagents.map((n) => `${PART_FOLDERS.repoagent}/${n}`),
    ...spec.caches.map((n) => `${PART_FOLDERS.cache}/${n}`),
  ];
}
