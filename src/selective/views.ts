// The views a selective compose plans from: min's layers listed, the full image's own layers
// indexed (cached, or streamed once while the entries surely kept are staged), so the parts
// can later be read by byte ranges. docs/seekable-index.md.
import { rm } from 'node:fs/promises';
import { planColdSink } from '../layer/cold-extract.js';
import {
  CaptureBudget,
  type LayerToc,
  EntryFacts,
  mergeLayers,
  readCachedToc,
  throwNamed,
  readLayerToc,
  tocFromIndex,
  writeCachedToc,
} from '../layer/contents.js';
import type { ElfFacts } from '../layer/elf.js';
import { FolderWriter } from '../layer/folder-writer.js';
import { type EntryReceiver, buildLayerIndex, readCachedIndex, writeCachedIndex } from '../layer/layer-index.js';
import type { TarEntry } from '../layer/tar-parse.js';
import { type LayerIndex } from '../layer/index-format.js';
import { isUnder, prefixMatcher } from '../layer/view.js';
import type { Sources } from '../plan/plan.js';
import type { SourceImages } from '../plan/resolve.js';
import type { ImageRef } from '../oci/reference.js';
import type { Descriptor } from '../oci/types.js';
import type { ImageView } from '../layer/contents.js';
import type { RegistryClient } from '../registry/client.js';
import { startBlobCopy } from '../registry/copy.js';
import { type Spec } from '../spec/types.js';
import { stagePath } from './pack.js';
import { NO_PROGRESS, type Progress, planTransferName, tracked } from '../util/progress.js';
import { createLimiter } from '../util/pool.js';

/** Layers streamed at once to list or index them: the link's round trips and two cores' inflating overlap. */
const LAYERS_AT_ONCE = 3;
/** Layers from this compressed size up are inflated on a worker thread while this one parses their tar. */
const OFF_THREAD = 8 * 1024 * 1024;

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
  /** A layer min holds too, indexed because an add entry reads a path in it (a part never takes entries from it). */
  inMin?: true;
}

export interface SelectiveViews {
  sources: Sources;
  tocs: Map<string, LayerToc>;
  /** Per platform, full's layers in order. */
  layers: Record<string, LayerRead[]>;
  /** Per extra source (the sources input's), per platform, its layers in order. */
  extraLayers: Record<string, Record<string, LayerRead[]>>;
  /** Bytes of min's layers copied to `copyMin` while they were listed. */
  copied: number;
}

export interface ViewOptions {
  cacheDir: string;
  /** Cold passes stage entries here (`<stageDir>/<layer hex>/…`). */
  stageDir: string;
  /** Paths a cold pass of full's layers stages (planColdKeep). */
  coldKeep: readonly string[];
  /** Paths a cold pass of an extra source's layers stages, by source (its parts). */
  extraColdKeep?: Record<string, readonly string[]>;
  /** Before a layer is streamed (a cold index). */
  onCold?: (digest: string, size: number) => void;
  /** Counts the layers streamed whole (cold indexes, min's listings). */
  progress?: Progress;
  /**
   * The repository of another registry the result goes to, when min's layers go there as they
   * are, those above `upTo` bytes excepted (planMinCopy): a cold listing of one also copies it
   * there from the same stream.
   */
  copyMin?: { to: ImageRef; upTo?: number; onFail?: (digest: string, err: unknown) => void };
  /**
   * A trim may write min's layers anew (planMinIndex): a layer listed cold is indexed on that
   * same stream, which also stages the entries `stage` says the trim may keep, so the assembly
   * neither streams the layer a second time nor reads those entries again by ranges.
   */
  indexMin?: { stage: (path: string) => boolean };
  /**
   * Called once a platform's own layers of full are indexed while one of min's layers is still
   * being listed: `layers` are full's layers as the views will give them (min's shared ones
   * without an index), `tocs` the own layers' tables of contents. A part full gives takes its
   * entries from those alone (entries.ts), so it may be written before the plan, which needs
   * min's listing, is made (direct/early-parts.ts).
   */
  onOwnIndexed?: (platform: string, layers: LayerRead[], tocs: ReadonlyMap<string, LayerToc>) => void;
}

/**
 * Wraps a cold pass's receiver so the small files a table of contents keeps (CaptureBudget) are
 * also collected into `captured`, and each ELF file's facts into `elf`, as they pass.
 */
function captureInto(
  captured: Record<string, string>,
  elf: Map<TarEntry, ElfFacts>,
  budget: CaptureBudget,
  onEntry: (e: TarEntry) => EntryReceiver | undefined,
): (e: TarEntry) => EntryReceiver | undefined {
  return (e) => {
    const facts = EntryFacts.of(e, budget);
    const staged = onEntry(e);
    if (!facts) return staged;
    return {
      write: async (chunk) => {
        facts.write(chunk);
        await staged?.write(chunk);
      },
      end: async (done) => {
        const { text, elf: found } = facts.end();
        if (text !== undefined) captured[e.path] = text;
        if (found) elf.set(e, found);
        await staged?.end(done);
      },
    };
  };
}

/**
 * Index and table of contents of a layer (full's own, an extra source's, or min's under a
 * trim): cached, or built from one stream of it, which stages what `cold` keeps.
 */
async function readIndexedLayer(
  client: RegistryClient,
  ref: ImageRef,
  digest: string,
  size: number,
  opts: ViewOptions,
  cold: ColdKeep,
): Promise<{ index: LayerIndex; toc: LayerToc; cold: boolean }> {
  const cachedIndex = await readCachedIndex(opts.cacheDir, digest);
  const cachedToc = cachedIndex && (await readCachedToc(opts.cacheDir, digest));
  if (cachedIndex && cachedToc) return { index: cachedIndex, toc: cachedToc, cold: false };
  opts.onCold?.(digest, size);
  const stage = stagePath(opts.stageDir, digest, '/');
  await rm(stage, { recursive: true, force: true });
  const keep = new Map(cold.keep.map((p) => [p, true]));
  const kept = prefixMatcher(keep);
  // Runtime dependencies are known only once the dpkg database is read, and in a layer that
  // installs packages it comes after their files: so everything outside the server's folder
  // is staged too (what the plan does not keep is dropped with the staging folder). That
  // costs disk for a while, not bytes; the server's folder, where the parts not kept lie,
  // is staged only as far as the spec keeps it. An extra source gives its parts alone.
  const sink = planColdSink(
    new FolderWriter(stage, { dataOnly: true }),
    (e) => kept(e.path) !== undefined || (cold.outside && !isUnder(e.path, '/opt/tritonserver')) || cold.stage?.(e.path) === true,
  );
  const captured: Record<string, string> = {};
  const elf = new Map<TarEntry, ElfFacts>();
  const onEntry = captureInto(captured, elf, new CaptureBudget(digest), sink.onEntry);
  // The blob stream is checked against the layer digest at its end: a damaged stream fails
  // here, before the index or anything staged is used.
  const transfer = (opts.progress ?? NO_PROGRESS).start(planTransferName('index', digest, size), size);
  const index = await buildLayerIndex(tracked(await client.blobStream(ref, digest), transfer), {
    digest,
    onEntry,
    spacing: planSpacing(size),
    offThread: size >= OFF_THREAD,
  })
    .catch(throwNamed(ref))
    .finally(() => transfer.end());
  const toc = tocFromIndex(index, captured, elf);
  await writeCachedIndex(opts.cacheDir, index);
  await writeCachedToc(opts.cacheDir, toc);
  return { index, toc, cold: true };
}

/**
 * The index of a layer that is only listed for planning (min's, when a trim or max-layer-size
 * rewrites it): cached, or built from one stream of it, which also stages the entries `stage`
 * keeps (so they are not fetched again by ranges). Its table of contents is known.
 */
export async function readLayerIndex(
  client: RegistryClient,
  ref: ImageRef,
  layer: { digest: string; size: number },
  opts: Pick<ViewOptions, 'cacheDir' | 'onCold' | 'progress'> & { stage?: { dir: string; keep: ReadonlySet<string> } },
): Promise<LayerRead> {
  const cached = await readCachedIndex(opts.cacheDir, layer.digest);
  if (cached) return { digest: layer.digest, how: 'warm', size: layer.size, index: cached };
  opts.onCold?.(layer.digest, layer.size);
  const keep = opts.stage?.keep;
  const sink =
    opts.stage && keep
      ? planColdSink(new FolderWriter(stagePath(opts.stage.dir, layer.digest, '/'), { dataOnly: true }), (e) => keep.has(e.path))
      : undefined;
  const transfer = (opts.progress ?? NO_PROGRESS).start(planTransferName('index', layer.digest, layer.size), layer.size);
  const index = await buildLayerIndex(tracked(await client.blobStream(ref, layer.digest), transfer), {
    digest: layer.digest,
    spacing: planSpacing(layer.size),
    offThread: layer.size >= OFF_THREAD,
    ...(sink ? { onEntry: sink.onEntry } : {}),
  }).finally(() => transfer.end());
  await writeCachedIndex(opts.cacheDir, index);
  return { digest: layer.digest, how: 'cold', size: layer.size, index };
}

/**
 * Every layer a compose lists or indexes, started at once, a few streams at a time, the largest
 * first (min's listings beside full's indexes, so the link and the cores stay busy);
 * readSelectiveViews takes the results in layer order, as it would read them one after the other.
 */
function startLayerReads(client: RegistryClient, spec: Spec, images: SourceImages, platforms: string[], opts: ViewOptions) {
  const slot = createLimiter(LAYERS_AT_ONCE);
  const started = new Map<string, Promise<unknown>>();
  const early = <T>(key: string, read: () => Promise<T>): Promise<T> => {
    let p = started.get(key) as Promise<T> | undefined;
    if (!p) {
      p = slot(read);
      p.catch(() => undefined); // awaited in order later; not unhandled if an earlier one fails first
      started.set(key, p);
    }
    return p;
  };
  const copied = { bytes: 0 };
  const listLayer = async (l: Descriptor): Promise<LayerToc> => {
    // a trim may write the layer anew: unless its listing is cached, indexed on the stream that lists it
    if (opts.indexMin) {
      const cold = { keep: [], outside: false, stage: opts.indexMin.stage };
      return (
        (await readCachedToc(opts.cacheDir, l.digest)) ??
        (await readIndexedLayer(client, spec.images.min, l.digest, l.size, opts, cold)).toc
      );
    }
    const track = () => (opts.progress ?? NO_PROGRESS).start(planTransferName('list', l.digest, l.size), l.size);
    const copy = opts.copyMin;
    const tee = copy && !(l.size > (copy.upTo ?? Infinity)) ? () => copyAlong(client, copy, l, copied) : undefined;
    return readLayerToc(client, spec.images.min, l.digest, opts.cacheDir, track, tee);
  };
  /** min's layers whose listing has ended (read, or failed). */
  const listingsEnded = new Set<string>();
  const listed = (l: Descriptor) => early(`list ${l.digest}`, () => listLayer(l).finally(() => listingsEnded.add(l.digest)));
  const indexed = (ref: ImageRef, l: Descriptor, cold: ColdKeep) =>
    early(`index ${l.digest}`, () => readIndexedLayer(client, ref, l.digest, l.size, opts, cold));
  const fullCold = { keep: opts.coldKeep, outside: true };
  const extraCold = (name: string) => ({ keep: opts.extraColdKeep?.[name] ?? [], outside: false });
  const starts: Array<{ size: number; start: () => unknown }> = [];
  for (const p of platforms) {
    const shared = new Set(images.min.platforms[p].manifest.layers.map((l) => l.digest));
    for (const l of images.min.platforms[p].manifest.layers) starts.push({ size: l.size, start: () => listed(l) });
    for (const l of images.full.platforms[p].manifest.layers)
      if (!shared.has(l.digest)) starts.push({ size: l.size, start: () => indexed(spec.images.full, l, fullCold) });
    for (const s of spec.sources)
      for (const l of images.extra[s.name].platforms[p].manifest.layers)
        if (!shared.has(l.digest)) starts.push({ size: l.size, start: () => indexed(s.ref, l, extraCold(s.name)) });
  }
  // The largest first (ties in image order): the run then ends on small layers side by side,
  // not on one large stream alone, which cannot keep a fast link full by itself.
  for (const s of starts.sort((a, b) => b.size - a.size)) void s.start();
  /** Waits for every read started, so none runs on after a failure. */
  const settle = () => Promise.allSettled(started.values()).then(() => undefined);
  return { listed, indexed, fullCold, extraCold, settle, copied, listingsEnded };
}

/**
 * Tells `onOwnIndexed` of a platform's own layers of full once they are all indexed, if one of
 * min's layers is still being listed then (with every listing ended, the plan comes at once).
 * A failed read tells nothing (it rejects; the views report the failure).
 */
async function announceOwnLayers(
  platform: string,
  images: SourceImages,
  reads: Pick<ReturnType<typeof startLayerReads>, 'indexed' | 'fullCold' | 'listingsEnded'>,
  ref: ImageRef,
  onOwnIndexed: NonNullable<ViewOptions['onOwnIndexed']>,
): Promise<void> {
  const minLayers = images.min.platforms[platform].manifest.layers;
  const shared = new Set(minLayers.map((l) => l.digest));
  const layers = images.full.platforms[platform].manifest.layers;
  const own = await Promise.all(layers.map((l) => (shared.has(l.digest) ? undefined : reads.indexed(ref, l, reads.fullCold))));
  if (minLayers.every((l) => reads.listingsEnded.has(l.digest))) return;
  const read = layers.map((l, i): LayerRead => {
    const r = own[i];
    return r
      ? { digest: l.digest, how: r.cold ? 'cold' : 'warm', size: l.size, index: r.index }
      : { digest: l.digest, how: 'shared', size: l.size };
  });
  onOwnIndexed(platform, read, new Map(layers.flatMap((l, i) => (own[i] ? [[l.digest, own[i].toc] as const] : []))));
}

/**
 * What a cold pass stages: the entries under `keep`'s paths, with `outside` everything outside
 * the server's folder, and what `stage` says (a min layer's entries a trim may keep).
 */
interface ColdKeep {
  keep: readonly string[];
  outside: boolean;
  stage?: (path: string) => boolean;
}

/** startBlobCopy of a min layer, its bytes counted into `copied` once the registry has it. */
async function copyAlong(client: RegistryClient, to: NonNullable<ViewOptions['copyMin']>, l: Descriptor, copied: { bytes: number }) {
  const copy = await startBlobCopy(client, to.to, l, (err) => to.onFail?.(l.digest, err));
  if (!copy) return undefined;
  return { ...copy, end: () => copy.end().then((ok) => ((copied.bytes += ok ? l.size : 0), ok)) };
}

/**
 * What full and min hold, per platform, as readSourceViews gives it, with full's own layers
 * indexed for range reads, and so each extra source's layers that min lacks (and those min
 * holds that hold a path an add entry reads). A layer read cold leaves the spec's kept entries
 * staged.
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
  const extraLayers: SelectiveViews['extraLayers'] = Object.fromEntries(spec.sources.map((s) => [s.name, {}]));
  const reads = startLayerReads(client, spec, images, platforms, opts);
  const { listed, indexed, fullCold, extraCold, settle, copied } = reads;
  const { onOwnIndexed } = opts;
  // what it is told is an offer: the assembly writes every part it is not given, so a failure here ends nothing
  if (onOwnIndexed)
    for (const p of platforms) void announceOwnLayers(p, images, reads, spec.images.full, onOwnIndexed).catch(() => undefined);
  /** An image's layers on top of min's: min's shared (listed), the others indexed; its merged view. */
  const readOwn = async (ref: ImageRef, own: Descriptor[], shared: ReadonlySet<string>, cold: ColdKeep, added: readonly string[] = []) => {
    const read: LayerRead[] = [];
    const ownTocs: LayerToc[] = [];
    for (const l of own) {
      if (shared.has(l.digest)) {
        const toc = tocs.get(l.digest) as LayerToc;
        ownTocs.push(toc);
        // An add entry writes min's files elsewhere, so it reads them by ranges too.
        const wanted = new Set(toc.entries.filter((e) => added.some((p) => isUnder(e.path, p))).map((e) => e.path));
        if (wanted.size) {
          const r = await readLayerIndex(client, ref, l, { ...opts, stage: { dir: opts.stageDir, keep: wanted } });
          read.push({ ...r, inMin: true });
        } else read.push({ digest: l.digest, how: 'shared', size: l.size });
        continue;
      }
      let known = indexes.get(l.digest);
      if (!known) {
        const r = await indexed(ref, l, cold);
        known = { index: r.index, cold: r.cold };
        indexes.set(l.digest, known);
        tocs.set(l.digest, r.toc);
      }
      ownTocs.push(tocs.get(l.digest) as LayerToc);
      read.push({ digest: l.digest, how: known.cold ? 'cold' : 'warm', size: l.size, index: known.index });
    }
    return { read, view: mergeLayers(ownTocs) };
  };
  try {
    for (const p of platforms) {
      const minLayers = images.min.platforms[p].manifest.layers;
      const minTocs: LayerToc[] = [];
      for (const l of minLayers) {
        const toc = tocs.get(l.digest) ?? (await listed(l));
        tocs.set(l.digest, toc);
        minTocs.push(toc);
      }
      const shared = new Set(minLayers.map((l) => l.digest));
      const full = await readOwn(spec.images.full, images.full.platforms[p].manifest.layers, shared, fullCold);
      layers[p] = full.read;
      const extra: Record<string, ImageView> = {};
      for (const s of spec.sources) {
        const added = spec.add.flatMap((a) => (a.image?.source === s.name ? [a.image.path] : []));
        const r = await readOwn(s.ref, images.extra[s.name].platforms[p].manifest.layers, shared, extraCold(s.name), added);
        extraLayers[s.name][p] = r.read;
        extra[s.name] = r.view;
      }
      views[p] = { full: full.view, min: mergeLayers(minTocs), extra };
    }
  } catch (err) {
    await settle();
    throw err;
  }
  return { sources: { ...images, views }, tocs, layers, extraLayers, copied: copied.bytes };
}
