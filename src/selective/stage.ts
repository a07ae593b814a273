// Selective fetch, step 2, the I/O: a piece's file data made present in the staging folder
// (what a cold pass staged is used, the rest fetched by ranges and checked against the index's
// sha256: fetch-entries.ts), and, for a Buildx build, each piece packed into a tar of the build
// context (pack.ts) that the Dockerfile ADDs.
import { lstat, mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { fetchEntries } from '../layer/fetch-entries.js';
import type { MemoryStage } from '../layer/memory-stage.js';
import type { TarEntry } from '../layer/tar-parse.js';
import { piecesDir } from '../plan/pieces.js';
import type { ComposePlan } from '../plan/plan.js';
import type { ImageRef } from '../oci/reference.js';
import type { RegistryClient } from '../registry/client.js';
import type { Arrivals } from './arrivals.js';
import { type PieceJob, planPackEntries, planPieceJobs, planPieceLayers } from './entries.js';
import { packEntries, stagePath } from './pack.js';
import { type FetchStats, addStats, emptyStats } from './report.js';
import type { LayerRead, SelectiveViews } from './views.js';
import { runPool } from '../util/pool.js';
import type { Progress } from '../util/progress.js';
import type { Spec } from '../spec/types.js';

export interface PieceReport {
  name: string;
  file: string;
  entries: number;
  /** Bytes of the tar. */
  bytes: number;
}

export interface StageOptions {
  stageDir: string;
  concurrency?: number;
  progress?: Progress;
  memory?: MemoryStage;
  /** Told each path as its data is in place, and the end of the staging (a packer waits on it). */
  arrivals?: Arrivals;
}

/**
 * Makes a piece's file data present in the staging folder, where planPackEntries says it lies
 * (or, for a small file while `memory` has room, held there under that path): what a cold pass
 * staged is used, the rest is fetched by ranges, each file checked against the index's sha256.
 * Returns what was fetched.
 */
export async function stagePiece(
  client: RegistryClient,
  ref: ImageRef,
  layers: readonly LayerRead[],
  job: PieceJob,
  opts: StageOptions,
): Promise<FetchStats> {
  try {
    const fetched = await stageEntries(client, ref, layers, job, opts);
    opts.arrivals?.end();
    return fetched;
  } catch (err) {
    opts.arrivals?.end(err);
    throw err;
  }
}

async function stageEntries(
  client: RegistryClient,
  ref: ImageRef,
  layers: readonly LayerRead[],
  job: PieceJob,
  opts: StageOptions,
): Promise<FetchStats> {
  const list = job.entries;
  const fetch = emptyStats();
  // Per layer, what has no staged data yet.
  const missing = new Map<number, TarEntry[]>();
  const files = new Set(list.filter((e) => e.type === 'file').map((e) => e.path));
  const wanted = list.filter((e) => {
    if (e.type === 'dir') return false;
    if (e.type === 'link' && e.target && files.has(e.target)) return false; // packed as a link to it
    if (e.type === 'file' || e.type === 'link' || e.type === 'symlink') return true;
    fetch.skipped.push(e.path);
    return false;
  });
  // What is staged already (an earlier piece, a cold pass), looked up several at a time; on disk
  // only under a layer's folder that exists (with a warm index, none does until its ranges come).
  const staged = new Array<boolean>(wanted.length).fill(false);
  const folders = new Map<number, Promise<boolean>>();
  const hasFolder = (layer: number) => {
    let found = folders.get(layer);
    if (!found) {
      found = lstat(stagePath(opts.stageDir, layers[layer].digest, '/')).then(
        (st) => st.isDirectory(),
        () => false,
      );
      folders.set(layer, found);
    }
    return found;
  };
  await runPool([...wanted.keys()], 16, async (i) => {
    const e = wanted[i];
    const at = stagePath(opts.stageDir, layers[e.layer].digest, e.path);
    if (e.type !== 'symlink' && opts.memory?.has(at)) staged[i] = true;
    else if (await hasFolder(e.layer)) {
      const st = await lstat(at).catch(() => undefined);
      staged[i] = st !== undefined && (e.type === 'symlink' ? st.isSymbolicLink() : st.isFile());
    }
    if (staged[i]) opts.arrivals?.arrive(at);
  });
  wanted.forEach((e, i) => {
    if (staged[i]) return;
    const list = missing.get(e.layer);
    if (list) list.push(e);
    else missing.set(e.layer, [e]);
  });
  // Each layer into a folder of its own: two at once.
  await runPool([...missing], 2, async ([layer, selected]) => {
    const { index, digest } = layers[layer];
    if (!index) throw new Error(`layer ${digest} has no index`);
    const r = await fetchEntries(client, ref, [{ index, entries: selected }], stagePath(opts.stageDir, digest, '/'), {
      dataOnly: true, // packed with the index's metadata
      ...(opts.memory ? { memory: opts.memory } : {}),
      ...(opts.concurrency ? { concurrency: opts.concurrency } : {}),
      ...(opts.progress ? { progress: opts.progress } : {}),
      ...(opts.arrivals ? { onStaged: (target: string) => opts.arrivals?.arrive(target) } : {}),
    });
    addStats(fetch, { ranges: r.ranges, bytesFetched: r.bytesFetched, files: r.files, skipped: r.skipped });
  });
  return fetch;
}

/** The images pieces are read from: the full image, and each extra source by name. */
export interface PieceRefs {
  full: ImageRef;
  extra: Record<string, ImageRef>;
}

/** The images a spec's pieces are read from. */
export function planPieceRefs(spec: Pick<Spec, 'images' | 'sources'>): PieceRefs {
  return { full: spec.images.full, extra: Object.fromEntries(spec.sources.map((s) => [s.name, s.ref])) };
}

/** The image a piece is read from. */
export function refOf(refs: PieceRefs, piece: { name: string; source?: string }): ImageRef {
  if (!piece.source) return refs.full;
  const ref = refs.extra[piece.source];
  if (!ref) throw new Error(`${piece.name}: no image for its source ${piece.source}`);
  return ref;
}

/**
 * Writes a platform's tars into `contextDir/<piecesDir>` for a Buildx build, one piece at a
 * time, so staging holds one piece's fetched data at most.
 */
export async function writePieces(
  client: RegistryClient,
  refs: PieceRefs,
  plan: ComposePlan,
  platform: string,
  views: SelectiveViews,
  opts: { stageDir: string; contextDir: string; mtime: number; concurrency?: number; progress?: Progress },
): Promise<{ pieces: PieceReport[]; fetch: FetchStats }> {
  const fetch = emptyStats();
  const out: PieceReport[] = [];
  const dir = join(opts.contextDir, piecesDir(platform));
  await mkdir(dir, { recursive: true });
  for (const job of planPieceJobs(plan, platform, views)) {
    const layers = planPieceLayers(job.piece, platform, views);
    addStats(fetch, await stagePiece(client, refOf(refs, job.piece), layers, job, opts));
    const r = await packEntries(planPackEntries(job, layers, opts.stageDir, opts.mtime), join(dir, job.piece.file));
    out.push({ name: job.piece.name, file: job.piece.file, entries: r.entries, bytes: r.bytes });
  }
  return { pieces: out, fetch };
}
