// A trimmed base, the pure part: each min layer that loses files becomes a piece of its own,
// its kept entries read by ranges like a part's (so its layer is reproducible, checked file by
// file against the index, and shared by every part set of the release); and min's image as
// the result's base, with those layers in place of the originals in the manifest, the diff
// IDs and the history.
import type { LayerIndex } from '../layer/index-format.js';
import type { TarEntry } from '../layer/tar-parse.js';
import type { Placed } from '../layer/view.js';
import type { LayerTrim } from '../plan/trim.js';
import type { PieceJob } from '../selective/entries.js';
import { type Descriptor, type ImageConfig, MEDIA, type ResolvedImage } from '../oci/types.js';
import type { LayerBytes } from './layer-writer.js';

/** The piece of min layer `layer` that a trim keeps: its kept entries (of a path written twice, the later). Pure. */
export function planBaseJob(trim: LayerTrim, layer: number, index: LayerIndex): PieceJob {
  if (index.digest !== trim.digest) throw new Error(`the index of ${index.digest} was given for min layer ${trim.digest}`);
  const last = new Map<string, TarEntry>();
  for (const e of index.entries) if (trim.keep.has(e.path)) last.set(e.path, e);
  const entries: Array<Placed<TarEntry>> = [...last.values()].map((e) => ({ ...e, layer }));
  return { piece: { name: `base layer ${layer + 1}`, kind: 'other', file: '', keep: ['/'] }, entries };
}

export interface TrimmedLayer extends LayerBytes {
  /** Entries and bytes the trim dropped from it. */
  dropped: number;
  droppedBytes: number;
}

/**
 * Min's image with its trimmed layers in place: manifest descriptors, diff IDs, and the history
 * entry of each (its comment says what was dropped). Pure.
 */
export function planTrimmedMin(min: ResolvedImage, trimmed: ReadonlyMap<number, TrimmedLayer>, level: string): ResolvedImage {
  if (trimmed.size === 0) return min;
  const layers: Descriptor[] = min.manifest.layers.map((d, i) => {
    const t = trimmed.get(i);
    return t ? { mediaType: MEDIA.ociLayerGzip, digest: t.digest, size: t.size } : d;
  });
  const diffIds = min.config.rootfs.diff_ids.map((d, i) => trimmed.get(i)?.diffId ?? d);
  // History entries that made a layer (no empty_layer) are the layers, in order.
  let layer = 0;
  const history = min.config.history?.map((h) => {
    const entry = (h ?? {}) as Record<string, unknown>;
    if (entry.empty_layer === true) return h;
    const t = trimmed.get(layer++);
    if (!t) return h;
    const note = `trim: ${level} dropped ${t.dropped} entries (${t.droppedBytes} B)`;
    return { ...entry, comment: typeof entry.comment === 'string' && entry.comment ? `${entry.comment}; ${note}` : note };
  });
  const config: ImageConfig = { ...min.config, rootfs: { ...min.config.rootfs, diff_ids: diffIds }, ...(history ? { history } : {}) };
  return { ...min, manifest: { ...min.manifest, layers }, config };
}
