// Selective fetch: the parts of a compose read from byte ranges of the full image's layers,
// so neither this process nor BuildKit ever pulls the full image.
//
// 1. Views (before planning). Layers the full image shares with min are read as min's
//    (tables of contents, contents.ts). Every other layer of full gets a layer index
//    (layer-index.ts) and a table of contents: from the cache when both are there (warm: no
//    byte of the layer is read), else from one stream of the layer (cold), which also writes
//    the entries the spec surely keeps (server, parts) into a staging folder as they pass.
// 2. Parts (after planning). The final view of the kept paths across full's layers (later
//    layers win, whiteouts honoured, min's layers skipped: view.ts); what a cold pass did not
//    stage is fetched by ranges and checked against the index's sha256 (fetch-entries.ts);
//    each part is packed into a tar of the build context (pack.ts) that the Dockerfile ADDs.
import { lstat, mkdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { planColdSink } from '../layer/cold-extract.js';
import { type LayerToc, type TocEntry, isCaptured, mergeLayers, readCachedToc, readLayerToc, writeCachedToc } from '../layer/contents.js';
import { FolderWriter } from '../layer/folder-writer.js';
import { fetchEntries } from '../layer/fetch-entries.js';
import { type EntryReceiver, type TarEntry, buildLayerIndex, readCachedIndex, writeCachedIndex } from '../layer/layer-index.js';
import { type PackEntry, packEntries, stagePath } from './pack.js';
import { type Piece, piecesDir, planPieces } from '../plan/pieces.js';
import type { ComposePlan, Sources } from '../plan/plan.js';
import type { SelectiveReport } from '../report/types.js';
import type { ImageRef } from '../oci/reference.js';
import type { RegistryClient } from '../registry/client.js';
import type { SourceImages } from '../plan/resolve.js';
import { type ViewableEntry, isUnder, planFinalView } from '../layer/view.js';
import { type Spec } from '../spec/types.js';
import { type LayerIndex } from '../layer/index-format.js';

/** Finds the kept prefix a path is at or under, walking up its folders: O(depth) per path. */
export function prefixMatcher<T>(prefixes: ReadonlyMap<string, T>): (path: string) => T | undefined {
  return (path) => {
    for (let p = path; p.length > 0; p = p.slice(0, Math.max(0, p.lastIndexOf('/')))) {
      const hit = prefixes.get(p);
      if (hit !== undefined) return hit;
    }
    return undefined;
  };
}

/** A layer's table of contents from its index (the form the planner reads). Pure. */
export function tocFromIndex(index: LayerIndex, captured: Record<string, string>): LayerToc {
  const type = (t: TarEntry['type']): TocEntry['type'] => (t === 'file' || t === 'dir' || t === 'symlink' || t === 'link' ? t : 'other');
  const entries = index.entries.map((e): TocEntry => ({
    path: e.path,
    type: type(e.type),
    size: e.size,
    mode: e.mode,
    uid: e.uid,
    gid: e.gid,
    ...(e.target !== undefined ? { target: e.target } : {}),
  }));
  return { version: 1, digest: index.digest, tarSize: index.uncompressedSize, entries, captured };
}

/**
 * Bytes of output between checkpoints for a layer of this compressed size: 1 MiB up to
 * 256 MB, growing to 4 MiB from 768 MB. A range starts at the checkpoint before its first
 * file, so spacing is what a range may fetch beyond the kept bytes; each checkpoint costs
 * a 32 KiB window in the index. Pure.
 */
export function planSpacing(compressedSize: number): number {
  const MiB = 1024 * 1024;
  return Math.min(4, Math.max(1, Math.ceil(compressedSize / 256 / MiB))) * MiB;
}

export interface LayerRead {
  digest: string;
  /** How the layer was read: `shared` with min (table of contents), `warm` (cached index), `cold` (streamed once). */
  how: 'shared' | 'warm' | 'cold';
  /** Compressed size of the layer blob. */
  size: number;
  index?: LayerIndex;
}

export interface SelectiveViews {
  sources: Sources;
  tocs: Map<string, LayerToc>;
  /** Per platform, full's layers in order. */
  layers: Record<string, LayerRead[]>;
}

export interface ViewOptions {
  cacheDir: string;
  /** Cold passes stage entries here (`<stageDir>/<layer hex>/…`). */
  stageDir: string;
  /** Paths a cold pass stages (planColdKeep). */
  coldKeep: readonly string[];
  /** Before a layer is streamed (a cold index). */
  onCold?: (digest: string, size: number) => void;
}

/** Index and table of contents of one layer of full: cached, or built from one stream of it. */
async function readIndexedLayer(
  client: RegistryClient,
  ref: ImageRef,
  digest: string,
  size: number,
  opts: ViewOptions,
): Promise<{ index: LayerIndex; toc: LayerToc; cold: boolean }> {
  const cachedIndex = await readCachedIndex(opts.cacheDir, digest);
  const cachedToc = cachedIndex && (await readCachedToc(opts.cacheDir, digest));
  if (cachedIndex && cachedToc) return { index: cachedIndex, toc: cachedToc, cold: false };
  opts.onCold?.(digest, size);
  const stage = stagePath(opts.stageDir, digest, '/');
  await rm(stage, { recursive: true, force: true });
  const keep = new Map(opts.coldKeep.map((p) => [p, true]));
  const kept = prefixMatcher(keep);
  // Runtime dependencies are known only once the dpkg database is read, and in a layer that
  // installs packages it comes after their files: so everything outside the server's folder
  // is staged too (what the plan does not keep is dropped with the staging folder). That
  // costs disk for a while, not bytes; the server's folder, where the parts not kept lie,
  // is staged only as far as the spec keeps it.
  const sink = planColdSink(new FolderWriter(stage), (e) => kept(e.path) !== undefined || !isUnder(e.path, '/opt/tritonserver'));
  const captured: Record<string, string> = {};
  const onEntry = (e: TarEntry): EntryReceiver | undefined => {
    const staged = sink.onEntry(e);
    if (e.type !== 'file' || !isCaptured(e.path)) return staged;
    const chunks: Buffer[] = [];
    return {
      write: async (chunk) => {
        chunks.push(chunk);
        await staged?.write(chunk);
      },
      end: async (done) => {
        captured[e.path] = Buffer.concat(chunks).toString('utf8');
        await staged?.end(done);
      },
    };
  };
  // The blob stream is checked against the layer digest at its end: a damaged stream fails
  // here, before the index or anything staged is used.
  const index = await buildLayerIndex(await client.blobStream(ref, digest), { digest, onEntry, spacing: planSpacing(size) });
  const toc = tocFromIndex(index, captured);
  await writeCachedIndex(opts.cacheDir, index);
  await writeCachedToc(opts.cacheDir, toc);
  return { index, toc, cold: true };
}

/**
 * What full and min hold, per platform, as readSourceViews gives it, with full's own layers
 * indexed for range reads. A layer read cold leaves the spec's kept entries staged.
 */
export async function readSelectiveViews(
  client: RegistryClient,
  spec: Spec,
  images: SourceImages,
  platforms: string[],
  opts: ViewOptions,
): Promise<SelectiveViews> {
  const tocs = new Map<string, LayerToc>();
  const indexes = new Map<string, { index: LayerIndex; cold: boolean }>();
  const views: Sources['views'] = {};
  const layers: SelectiveViews['layers'] = {};
  for (const p of platforms) {
    const minLayers = images.min.platforms[p].manifest.layers;
    const minTocs: LayerToc[] = [];
    for (const l of minLayers) {
      const toc = tocs.get(l.digest) ?? (await readLayerToc(client, spec.images.min, l.digest, opts.cacheDir));
      tocs.set(l.digest, toc);
      minTocs.push(toc);
    }
    const shared = new Set(minLayers.map((l) => l.digest));
    const fullTocs: LayerToc[] = [];
    layers[p] = [];
    for (const l of images.full.platforms[p].manifest.layers) {
      if (shared.has(l.digest)) {
        fullTocs.push(tocs.get(l.digest) as LayerToc);
        layers[p].push({ digest: l.digest, how: 'shared', size: l.size });
        continue;
      }
      let known = indexes.get(l.digest);
      if (!known) {
        const read = await readIndexedLayer(client, spec.images.full, l.digest, l.size, opts);
        known = { index: read.index, cold: read.cold };
        indexes.set(l.digest, known);
        tocs.set(l.digest, read.toc);
      }
      fullTocs.push(tocs.get(l.digest) as LayerToc);
      layers[p].push({ digest: l.digest, how: known.cold ? 'cold' : 'warm', size: l.size, index: known.index });
    }
    views[p] = { full: mergeLayers(fullTocs), min: mergeLayers(minTocs) };
  }
  return { sources: { ...images, views }, tocs, layers };
}

/** The entries of each piece: the final view of its kept paths in full's own layers. Pure. */
export function planPieceEntries(
  layers: readonly LayerRead[],
  tocs: ReadonlyMap<string, LayerToc>,
  pieces: readonly Piece[],
): Map<Piece, Array<TarEntry & { layer: number }>> {
  const stack: ViewableEntry[][] = layers.map((l) => (l.index ? l.index.entries : (tocs.get(l.digest)?.entries ?? [])));
  const exclude = new Set(layers.flatMap((l, i) => (l.index ? [] : [i])));
  const owner = new Map<string, Piece>();
  for (const piece of pieces) for (const k of piece.keep) owner.set(k, piece);
  const pieceOf = prefixMatcher(owner);
  const out = new Map<Piece, Array<TarEntry & { layer: number }>>(pieces.map((p) => [p, []]));
  for (const e of planFinalView(stack, { exclude })) {
    const piece = pieceOf(e.path);
    if (piece) out.get(piece)?.push(e as unknown as TarEntry & { layer: number });
  }
  return out;
}

/**
 * The folders above each kept path that the piece does not hold: made root's, 0755, at the
 * build's time, as a COPY makes the folders above its destination. Pure.
 */
export function planParents(piece: Piece, held: ReadonlySet<string>, mtime: number): PackEntry[] {
  const parents = new Set<string>();
  for (const k of piece.keep) {
    for (let p = k.slice(0, k.lastIndexOf('/')); p.length > 0; p = p.slice(0, p.lastIndexOf('/'))) if (!held.has(p)) parents.add(p);
  }
  return [...parents].map((path) => ({ path, type: 'dir', mode: 0o755, uid: 0, gid: 0, mtime, size: 0 }));
}

export interface PieceReport {
  name: string;
  file: string;
  entries: number;
  /** Bytes of the tar. */
  bytes: number;
}

export interface FetchStats {
  ranges: number;
  /** Compressed bytes fetched by ranges. */
  bytesFetched: number;
  files: number;
  skipped: string[];
}

/** A piece and the entries of its final view, as planPieceEntries gives them. */
export interface PieceJob {
  piece: Piece;
  entries: Array<TarEntry & { layer: number }>;
}

/** A platform's pieces in Dockerfile order, each with its entries. Pure. */
export function planPieceJobs(plan: ComposePlan, platform: string, views: SelectiveViews): PieceJob[] {
  const pieces = planPieces(plan, platform);
  const entries = planPieceEntries(views.layers[platform], views.tocs, pieces);
  return pieces.map((piece) => ({ piece, entries: entries.get(piece) ?? [] }));
}

const emptyStats = (): FetchStats => ({ ranges: 0, bytesFetched: 0, files: 0, skipped: [] });

export function addStats(to: FetchStats, from: FetchStats): void {
  to.ranges += from.ranges;
  to.bytesFetched += from.bytesFetched;
  to.files += from.files;
  to.skipped.push(...from.skipped);
}

/**
 * Makes a piece's file data present in the staging folder, where planPackEntries says it lies:
 * what a cold pass staged is used, the rest is fetched by ranges, each file checked against the
 * index's sha256. Returns what was fetched.
 */
export async function stagePiece(
  client: RegistryClient,
  ref: ImageRef,
  layers: readonly LayerRead[],
  job: PieceJob,
  opts: { stageDir: string; concurrency?: number },
): Promise<FetchStats> {
  const list = job.entries;
  const fetch = emptyStats();
  // Per layer, what has no staged data yet.
  const missing = new Map<number, TarEntry[]>();
  const files = new Set(list.filter((e) => e.type === 'file').map((e) => e.path));
  for (const e of list) {
    if (e.type === 'dir') continue;
    if (e.type === 'link' && e.target && files.has(e.target)) continue; // packed as a link to it
    if (e.type !== 'file' && e.type !== 'link' && e.type !== 'symlink') {
      fetch.skipped.push(e.path);
      continue;
    }
    const staged = await lstat(stagePath(opts.stageDir, layers[e.layer].digest, e.path)).catch(() => undefined);
    if (staged && (e.type === 'symlink' ? staged.isSymbolicLink() : staged.isFile())) continue;
    missing.set(e.layer, [...(missing.get(e.layer) ?? []), e]);
  }
  for (const [layer, selected] of missing) {
    const { index, digest } = layers[layer];
    if (!index) throw new Error(`layer ${digest} has no index`);
    const r = await fetchEntries(
      client,
      ref,
      [{ index, entries: selected }],
      stagePath(opts.stageDir, digest, '/'),
      opts.concurrency ? { concurrency: opts.concurrency } : {},
    );
    addStats(fetch, { ranges: r.ranges, bytesFetched: r.bytesFetched, files: r.files, skipped: r.skipped });
  }
  return fetch;
}

/**
 * What to pack for a piece: the folders above its kept paths, then its entries, each file with
 * the place its data is staged. Pure.
 */
export function planPackEntries(job: PieceJob, layers: readonly LayerRead[], stageDir: string, mtime: number): PackEntry[] {
  const { piece, entries: list } = job;
  const held = new Set(list.map((e) => e.path));
  const packed: PackEntry[] = [...planParents(piece, held, mtime)];
  for (const e of list) {
    if (e.type !== 'dir' && e.type !== 'file' && e.type !== 'link' && e.type !== 'symlink') continue;
    const stage = e.type === 'file' || e.type === 'link' ? stagePath(stageDir, layers[e.layer].digest, e.path) : undefined;
    // `COPY --link --from=full <folder> <folder>` makes the part's own folder root's: so do we,
    // so both sources give the same image.
    const owner = piece.root && e.path === piece.keep[0] && e.type === 'dir' ? { uid: 0, gid: 0 } : { uid: e.uid, gid: e.gid };
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
  return packed;
}

/**
 * Writes a platform's tars into `contextDir/<piecesDir>` for a Buildx build, one piece at a
 * time, so staging holds one piece's fetched data at most.
 */
export async function writePieces(
  client: RegistryClient,
  ref: ImageRef,
  plan: ComposePlan,
  platform: string,
  views: SelectiveViews,
  opts: { stageDir: string; contextDir: string; mtime: number; concurrency?: number },
): Promise<{ pieces: PieceReport[]; fetch: FetchStats }> {
  const fetch = emptyStats();
  const out: PieceReport[] = [];
  const dir = join(opts.contextDir, piecesDir(platform));
  await mkdir(dir, { recursive: true });
  for (const job of planPieceJobs(plan, platform, views)) {
    const layers = views.layers[platform];
    addStats(fetch, await stagePiece(client, ref, layers, job, opts));
    const r = await packEntries(planPackEntries(job, layers, opts.stageDir, opts.mtime), join(dir, job.piece.file));
    out.push({ name: job.piece.name, file: job.piece.file, entries: r.entries, bytes: r.bytes });
  }
  return { pieces: out, fetch };
}

/** How a selective compose read the full image's layers, from its views and what it fetched. Pure. */
export function planSelectiveReport(views: SelectiveViews, fetched: FetchStats, reusedLayers: number): SelectiveReport {
  const seen = new Set<string>();
  const once = Object.values(views.layers)
    .flat()
    .filter((l) => !seen.has(l.digest) && seen.add(l.digest));
  return {
    coldLayers: once.filter((l) => l.how === 'cold').map((l) => ({ digest: l.digest, size: l.size })),
    warmLayers: once.filter((l) => l.how === 'warm').length,
    sharedLayers: once.filter((l) => l.how === 'shared').length,
    ranges: fetched.ranges,
    rangeBytes: fetched.bytesFetched,
    files: fetched.files,
    ...(reusedLayers ? { reusedLayers } : {}),
  };
}
