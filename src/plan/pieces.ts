// The tars of a selective compose's build context, one per part, as data. Pure: the
// Dockerfile names them (dockerfile.ts) and selective/ fills them (entries.ts, stage.ts).
import { CORE_PATHS, type ComposePlan, PART_FOLDERS, type PlannedPart, TRITON_DIR } from './types.js';
import type { PartKind } from '../report/types.js';
import { type Spec } from '../spec/types.js';
import { partSourceOf } from '../spec/sources-spec.js';

const SERVE = '/usr/bin/serve';

/** One tar of the build context: a part, the server core, the runtime dependencies or serve. */
export interface Piece {
  name: string;
  /** What the part is, as the report names it. */
  kind: Exclude<PartKind, 'base'>;
  /** File name in the platform's folder of the context. */
  file: string;
  /** Kept paths: each with all below it. */
  keep: readonly string[];
  /**
   * Who owns what it copies of the server (under /opt/tritonserver/, and /usr/bin/serve), as
   * compose.py's `--chown=1000:1000` makes it (apt mode through r26.05); absent: the full image's.
   */
  owner?: { uid: number; gid: number };
  /** arbitrary-user: the folders whose entries are group 0's and group-writable like the owner (groupWritable). */
  writable?: readonly string[];
  /** The extra source it is read from (the sources input's name); absent: the full image. */
  source?: string;
  /**
   * add from an image: its one kept path is written at `dest`, every entry with this owner and
   * the compose's time (selective/entries.ts's planAddPackEntries); absent: a part, as the image has it.
   */
  add?: { dest: string; uid: number; gid: number };
}

/** The owner apt mode gives the copies (compose.py's --chown), or undefined when they keep the full image's. */
function ownerOf(plan: ComposePlan): { uid: number; gid: number } | undefined {
  if (plan.runtime.mode !== 'apt' || plan.runtime.owner === 'root') return undefined;
  const [uid, gid] = plan.runtime.owner.split(':').map(Number);
  return { uid, gid };
}

/** Whether compose.py's --chown reaches a path: the server's files and serve, not /opt/nvidia (from its build context). */
export function chowned(path: string): boolean {
  return path.startsWith(`${TRITON_DIR}/`) || path === SERVE;
}

/**
 * arbitrary-user: what is at or below one of `folders` becomes group 0's, with the owner's
 * permissions for the group (OpenShift's image guidelines: chgrp -R 0, chmod -R g=u). Pure.
 */
export function groupWritable<E extends { path: string; mode: number; gid: number }>(e: E, folders: readonly string[] | undefined): E {
  if (!folders?.some((f) => e.path === f || e.path.startsWith(`${f}/`))) return e;
  return { ...e, gid: 0, mode: (e.mode & ~0o070) | ((e.mode & 0o700) >> 3) };
}

/** A part's piece: its folder, with the owner and group-writable folders the compose gives the server's copies. Pure. */
function partPiece(p: PlannedPart, own: Pick<Piece, 'owner' | 'writable'>): Piece {
  return { name: p.name, kind: p.kind, file: `${p.kind}-${p.name}.tar`, keep: [p.path], ...own, ...(p.source ? { source: p.source } : {}) };
}

/** arbitrary-user: the folders made group 0's and group-writable (the server's, and add's destinations). Pure. */
export function planGroupWritable(spec: Pick<Spec, 'arbitraryUser' | 'add'>): string[] | undefined {
  return spec.arbitraryUser ? [TRITON_DIR, ...spec.add.map((a) => a.dest)] : undefined;
}

/** The input that names each kind of part (its folder under the server's is named alike). */
export const PART_INPUTS = { backend: 'backends', repoagent: 'repoagents', cache: 'caches' } as const;

/** The parts the spec names, by kind, with where each lies and the source it is taken from (absent: the full image). Pure. */
export function specParts(spec: Pick<Spec, 'backends' | 'repoagents' | 'caches' | 'partSources'>): PlannedPart[] {
  return (['backend', 'repoagent', 'cache'] as const).flatMap((kind) =>
    [...spec[PART_INPUTS[kind]]].sort().map((name) => {
      const source = partSourceOf(spec, PART_INPUTS[kind], name);
      return { name, kind, path: `${PART_FOLDERS[kind]}/${name}`, ...(source ? { source } : {}) };
    }),
  );
}

/**
 * The pieces of the parts the full image gives, as planPieces makes them once the plan is made:
 * known from the spec alone, with the runtime dependencies taken from the image (apt mode gives
 * the copies an owner of the plan's). A cold read may write them before min is listed
 * (direct/early-parts.ts). Pure.
 */
export function planEarlyPieces(
  spec: Pick<Spec, 'backends' | 'repoagents' | 'caches' | 'partSources' | 'runtimeDeps' | 'arbitraryUser' | 'add'>,
): Piece[] {
  if (spec.runtimeDeps === 'apt') return [];
  const writable = planGroupWritable(spec);
  const own = writable ? { writable } : {};
  return specParts(spec)
    .filter((p) => !p.source)
    .map((p) => partPiece(p, own));
}

/** The folder of the build context that holds a platform's tars (`parts/linux-amd64`). */
export const piecesDir = (platform: string) => `parts/${platform.split('/').slice(0, 2).join('-')}`;

/**
 * The tars of a platform, in the order the Dockerfile adds them (the buildkit mode's COPY
 * order), then those of add's entries from images (the Dockerfile adds them among the
 * workspace's, in the add input's order). Pure.
 */
export function planPieces(plan: ComposePlan, platform: string): Piece[] {
  const out: Piece[] = [];
  if (plan.runtime.mode === 'image')
    out.push({ name: 'runtime-deps', kind: 'runtime-deps', file: 'runtime-deps.tar', keep: plan.runtime.files[platform] ?? [] });
  const owner = ownerOf(plan);
  const own = { ...(owner ? { owner } : {}), ...(plan.groupWritable ? { writable: plan.groupWritable } : {}) };
  out.push({ name: 'core', kind: 'core', file: 'core.tar', keep: plan.core, ...own });
  for (const p of plan.parts) out.push(partPiece(p, own));
  for (const g of plan.pythonPackages ?? [])
    out.push({
      name: g.source ? `python-packages@${g.source}` : 'python-packages',
      kind: 'other',
      file: g.source ? `python-packages-${g.source}.tar` : 'python-packages.tar',
      keep: g.files[platform] ?? [],
      ...(g.source ? { source: g.source } : {}),
    });
  if (plan.serve) out.push({ name: 'serve', kind: 'other', file: 'serve.tar', keep: [SERVE], ...own });
  for (const a of plan.added ?? [])
    if (a.image)
      out.push({
        name: a.name,
        kind: 'add',
        file: a.file,
        keep: [a.image.path],
        ...own,
        source: a.image.source,
        add: { dest: a.dest, ...a.image.owner },
      });
  return out;
}

/**
 * Paths a cold pass of the full image's layers can write as it streams, known from the spec
 * alone: the server core, the parts it gives and serve (the runtime dependencies need the dpkg
 * database first). Pure.
 */
export function planColdKeep(spec: Pick<Spec, 'backends' | 'repoagents' | 'caches' | 'partSources'>): string[] {
  const fromFull = specParts(spec).flatMap((p) => (p.source ? [] : [p.path]));
  return [...CORE_PATHS, '/opt/nvidia', SERVE, ...fromFull];
}

/** What a cold pass of each extra source's layers can write as it streams: the parts taken from it, and the paths add entries read. Pure. */
export function planExtraColdKeep(spec: Pick<Spec, 'partSources'> & Partial<Pick<Spec, 'add'>>): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const p of spec.partSources) (out[p.source] ??= []).push(`${TRITON_DIR}/${p.input}/${p.name}`);
  for (const a of spec.add ?? []) if (a.image) (out[a.image.source] ??= []).push(a.image.path);
  return out;
}
