// max-layer-size: a piece whose layer could be larger than the cap is written as several
// layers, cut by path. Deterministic: the entries in path order, each layer filled until the
// next entry would take its tar past the budget. A hardlink goes with the file it names (the
// writer packs it as a link only beside its target); a folder sorts before what is below it,
// so the layers, applied in order, make every folder before its contents. Pure.
import type { PackEntry } from '../selective/pack.js';

/** Bytes a tar spends on an entry besides its data: its header, and a PAX or GNU long-name header with their data, at most. */
const HEADER_COST = 3 * 512;
/** The two zero blocks that end a tar. */
const END_COST = 1024;

/**
 * The most tar bytes a layer capped at `limit` compressed bytes may hold: deflate's stored blocks
 * add 5 bytes per 64 KiB to data that does not compress, the writer's per-chunk flushes a few
 * bytes per MiB, gzip's header and trailer 18; a thousandth and a KiB cover them all. Pure.
 */
export function planTarBudget(limit: number): number {
  return Math.floor((limit - 1024) / 1.001);
}

const padded = (n: number) => Math.ceil(n / 512) * 512;

/**
 * The entries of each layer, in path order. `linkData` gives the bytes a hardlink is packed with
 * when the file it names is not in the piece (the writer copies that file's data). A file whose
 * tar alone is past the budget gets a layer of its own: compressed, it may still fit the cap,
 * which the writer checks.
 */
export function planLayerSplit(entries: readonly PackEntry[], budget: number, linkData: (e: PackEntry) => number): PackEntry[][] {
  const sorted = [...entries].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  const files = new Set(sorted.filter((e) => e.type === 'file').map((e) => e.path));
  // hardlinks packed as links, by the file they name
  const linksTo = new Map<string, PackEntry[]>();
  for (const e of sorted) {
    if (e.type === 'link' && e.target && files.has(e.target)) linksTo.set(e.target, [...(linksTo.get(e.target) ?? []), e]);
  }
  const out: PackEntry[][] = [];
  let layer: PackEntry[] = [];
  let used = END_COST;
  for (const e of sorted) {
    if (e.type === 'link' && e.target && files.has(e.target)) continue; // placed with its file
    const links = e.type === 'file' ? (linksTo.get(e.path) ?? []) : [];
    const data = e.type === 'file' ? e.size : e.type === 'link' ? linkData(e) : 0;
    const cost = HEADER_COST + padded(data) + links.length * HEADER_COST;
    if (used + cost > budget && layer.length > 0) {
      out.push(layer);
      layer = [];
      used = END_COST;
    }
    layer.push(e, ...links);
    used += cost;
  }
  if (layer.length > 0 || out.length === 0) out.push(layer);
  return out;
}
