// Selective fetch, step 2, the pure part: from the views (views.ts), the entries of each piece
// (the final view of its kept paths across full's own layers: later layers win, whiteouts
// honoured, min's layers skipped: view.ts) and what its tar holds (pack.ts's entries: the
// folders above its kept paths, then its entries with where their data is staged).
import type { LayerToc, TocEntry } from '../layer/contents.js';
import { ExtractError } from '../layer/folder-writer.js';
import type { TarEntry } from '../layer/tar-parse.js';
import { type Placed, isUnder, parentsOf, planFinalView, prefixMatcher } from '../layer/view.js';
import { type Piece, chowned, groupWritable, planPieces } from '../plan/pieces.js';
import type { ComposePlan } from '../plan/plan.js';
import { type Conflict, settleConflicts } from './conflicts.js';
import { type PackEntry, stagePath } from './pack.js';
import { type LayerRead, type SelectiveViews } from './views.js';

/** The entries of each piece: the final view of its kept paths in full's own layers. Pure. */
export function planPieceEntries(
  layers: readonly LayerRead[],
  tocs: ReadonlyMap<string, LayerToc>,
  pieces: readonly Piece[],
  opts: { shared?: boolean } = {},
): Map<Piece, Array<Placed<TarEntry>>> {
  // min's layers (tables of contents) still hide and are hidden, but give no entries: a part
  // there is min's already. An add entry (`shared`) writes elsewhere, so it takes entries from
  // any indexed layer, min's too (views.ts indexes those that hold its path).
  const stack: Array<ReadonlyArray<TarEntry | TocEntry>> = layers.map((l) =>
    l.index ? l.index.entries : (tocs.get(l.digest)?.entries ?? []),
  );
  const exclude = new Set(layers.flatMap((l, i) => (l.index && (opts.shared || !l.inMin) ? [] : [i])));
  const owner = new Map<string, Piece>();
  for (const piece of pieces) for (const k of piece.keep) owner.set(k, piece);
  const pieceOf = prefixMatcher(owner);
  const out = new Map<Piece, Array<Placed<TarEntry>>>(pieces.map((p) => [p, []]));
  for (const e of planFinalView(stack, { exclude })) {
    const piece = pieceOf(e.path);
    if (!piece) continue;
    if (e.path.includes(NOT_UTF8) || (e.target ?? '').includes(NOT_UTF8)) throw notUtf8(e, layers[e.layer].digest);
    out.get(piece)?.push(e as Placed<TarEntry>); // an indexed layer's: exclude left out the rest
  }
  return out;
}

/** What the tar reader puts for bytes that are not UTF-8: a kept name holding it is not the source's name. */
const NOT_UTF8 = '\uFFFD';

function notUtf8(e: { path: string; target?: string }, layer: string): ExtractError {
  const field = e.path.includes(NOT_UTF8) ? `"${e.path}"` : `"${e.path}" (its link target "${e.target ?? ''}")`;
  return new ExtractError(
    `refusing to copy ${field} from layer ${layer}: the name is not valid UTF-8 (or holds U+FFFD), so the image would not get ` +
      "the source's name; rename it in the source image or leave its part out",
  );
}

/**
 * The folders above each kept path that the piece does not hold: made root's, 0755, at the
 * build's time, as a COPY makes the folders above its destination; those compose.py's --chown
 * reaches (backends/, below /opt/tritonserver) the piece's owner, as `COPY --chown` makes them. Pure.
 */
export function planParents(piece: Piece, held: ReadonlySet<string>, mtime: number): PackEntry[] {
  const parents = new Set<string>();
  for (const k of piece.keep) {
    for (const p of parentsOf(k)) if (!held.has(p)) parents.add(p);
  }
  return [...parents].map((path) => ({ path, type: 'dir', mode: 0o755, ...ownerAt(piece, path, { uid: 0, gid: 0 }), mtime, size: 0 }));
}

/** The owner of a packed path: the piece's (compose.py's --chown) where it reaches, else `kept`. */
function ownerAt(piece: Piece, path: string, kept: { uid: number; gid: number }): { uid: number; gid: number } {
  return piece.owner && chowned(path) ? piece.owner : kept;
}

/** A piece and the entries of its final view, as planPieceEntries gives them. */
export interface PieceJob {
  piece: Piece;
  entries: Array<Placed<TarEntry>>;
}

/** The layers a piece is read from on a platform: its extra source's, or the full image's. */
export function planPieceLayers(piece: Piece, platform: string, views: SelectiveViews): readonly LayerRead[] {
  if (!piece.source) return views.layers[platform];
  const layers = views.extraLayers[piece.source]?.[platform];
  if (!layers) throw new Error(`${piece.name}: its source ${piece.source} was not read`);
  return layers;
}

/**
 * A platform's pieces in Dockerfile order, each with its entries, from the image it is taken
 * from; a path two images place differently is left to the image `prefer` names (conflicts.ts),
 * and the conflicts it does not settle are returned. Pure.
 */
export function planPieceJobsAndConflicts(
  plan: ComposePlan,
  platform: string,
  views: SelectiveViews,
): { jobs: PieceJob[]; conflicts: Conflict[] } {
  const pieces = planPieces(plan, platform);
  const parts = pieces.filter((p) => !p.add);
  const entries = new Map<Piece, Array<Placed<TarEntry>>>();
  for (const source of new Set(parts.map((p) => p.source))) {
    const from = parts.filter((p) => p.source === source);
    const layers = planPieceLayers(from[0], platform, views);
    for (const [piece, list] of planPieceEntries(layers, views.tocs, from)) entries.set(piece, list);
  }
  // An add entry's path may lie in a part of the same image: each is read on its own.
  for (const piece of pieces.filter((p) => p.add))
    for (const [p, list] of planPieceEntries(planPieceLayers(piece, platform, views), views.tocs, [piece], { shared: true }))
      entries.set(p, list);
  const jobs = pieces.map((piece) => ({ piece, entries: entries.get(piece) ?? [] }));
  if (!parts.some((p) => p.source)) return { jobs, conflicts: [] };
  // add's entries are written after the parts, where no part writes (add-spec.ts's checkAdded).
  const settled = settleConflicts(
    jobs.filter((j) => !j.piece.add),
    plan.prefer ?? [],
  );
  return { jobs: [...settled.jobs, ...jobs.filter((j) => j.piece.add)], conflicts: settled.conflicts };
}

/** A platform's pieces in Dockerfile order, each with its entries (planPieceJobsAndConflicts). Pure. */
export function planPieceJobs(plan: ComposePlan, platform: string, views: SelectiveViews): PieceJob[] {
  return planPieceJobsAndConflicts(plan, platform, views).jobs;
}

/**
 * What to pack for a piece: the folders above its kept paths, then its entries, each file with
 * the place its data is staged. Pure.
 */
export function planPackEntries(job: PieceJob, layers: readonly LayerRead[], stageDir: string, mtime: number): PackEntry[] {
  if (job.piece.add) return planAddPackEntries(job, job.piece.add, layers, stageDir, mtime);
  const { piece, entries: list } = job;
  const held = new Set(list.map((e) => e.path));
  const roots = new Set(piece.keep);
  const packed: PackEntry[] = [...planParents(piece, held, mtime)];
  for (const e of list) {
    if (e.type !== 'dir' && e.type !== 'file' && e.type !== 'link' && e.type !== 'symlink') continue;
    const stage = e.type === 'file' || e.type === 'link' ? stagePath(stageDir, layers[e.layer].digest, e.path) : undefined;
    // `COPY --from=full <folder> <folder>` makes the folder it copies into root's (a part's own
    // folder, the server's bin/ and lib/): so do we, so both sources give the same image.
    const kept = roots.has(e.path) && e.type === 'dir' ? { uid: 0, gid: 0 } : { uid: e.uid, gid: e.gid };
    const owner = ownerAt(piece, e.path, kept);
    packed.push({
      path: e.path,
      type: e.type,
      mode: e.mode,
      ...owner,
      mtime: e.mtime,
      size: e.size,
      ...(e.target !== undefined ? { target: e.target } : {}),
      ...(stage ? { stage } : {}),
    });
  }
  return packed.map((e) => groupWritable(e, piece.writable));
}

/**
 * What to pack for an add entry from an image, as a workspace entry's layer is packed
 * (selective/added.ts's planAddedLayer): the folders above the destination (root's, 0755, or
 * the parts' owner where compose.py's --chown reaches), then the kept path's entries written
 * under the destination, each with the entry's owner, the compose's time and its permission
 * bits (no setuid, setgid or sticky bit: the owner is not the image's). A hardlink to a file
 * under the kept path stays a link to its copy; one to a file elsewhere is packed as a copy of
 * its data. Pure.
 */
function planAddPackEntries(
  job: PieceJob,
  add: { dest: string; uid: number; gid: number },
  layers: readonly LayerRead[],
  stageDir: string,
  mtime: number,
): PackEntry[] {
  const { piece } = job;
  const from = piece.keep[0];
  const at = (path: string) => add.dest + path.slice(from.length);
  const root = { uid: 0, gid: 0 };
  const packed: PackEntry[] = [...parentsOf(add.dest)].map((path) => ({
    path,
    type: 'dir',
    mode: 0o755,
    ...ownerAt(piece, path, root),
    mtime,
    size: 0,
  }));
  for (const e of job.entries) {
    if (e.type !== 'dir' && e.type !== 'file' && e.type !== 'link' && e.type !== 'symlink') continue;
    const stage = e.type === 'file' || e.type === 'link' ? stagePath(stageDir, layers[e.layer].digest, e.path) : undefined;
    const target = e.type === 'link' ? (e.target && isUnder(e.target, from) ? at(e.target) : undefined) : e.target;
    packed.push({
      path: at(e.path),
      type: e.type,
      mode: e.type === 'symlink' ? 0o777 : e.mode & 0o777,
      uid: add.uid,
      gid: add.gid,
      mtime,
      size: e.size,
      ...(target !== undefined ? { target } : {}),
      ...(stage ? { stage } : {}),
    });
  }
  return packed.map((e) => groupWritable(e, piece.writable));
}
