// A trimmed base, the pure part: each min layer that loses files (or that max-layer-size cuts)
// becomes a piece of its own,
// its kept entries read by ranges like a part's (so its layer is reproducible, checked file by
// file against the index, and shared by every part set of the release); and min's image as
// the result's base, with those layers in place of the originals in the manifest, the diff
// IDs and the history.
import type { LayerIndex } from '../layer/index-format.js';
import type { TarEntry } from '../layer/tar-parse.js';
import type { Placed } from '../layer/view.js';
import type { LayerTrim } from '../plan/trim.js';
import type { TocEntry } from '../layer/contents.js';
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

/** A min layer written anew (trimmed, or cut under max-layer-size): its layers, and what the trim dropped of it. */
export interface RewrittenLayer {
  layers: LayerBytes[];
  /** Entries and bytes the trim dropped from it. */
  dropped: number;
  droppedBytes: number;
}

/**
 * What a min layer that is only too large keeps: all of it, which a rewritten layer can carry
 * only when it holds no device, fifo or file with extended attributes. Pure.
 */
export function planWholeLayer(digest: string, size: number, entries: readonly TocEntry[], limit: number): LayerTrim {
  const odd = entries.find((e) => e.type === 'other' || e.xattrs);
  if (odd) {
    const what = odd.type === 'other' ? 'a device or fifo' : `a file with extended attributes (${odd.xattrs?.join(', ')})`;
    throw new Error(
      `min layer ${digest} is ${size} bytes, more than max-layer-size (${limit}), and cannot be cut: it holds ${odd.path}, ${what}, which a rewritten layer cannot carry; raise max-layer-size`,
    );
  }
  return { digest, keep: new Set(entries.map((e) => e.path)), dropped: 0, droppedBytes: 0 };
}

/**
 * Min's image with its rewritten layers in place: manifest descriptors, diff IDs, and the
 * history entry of each (repeated for each layer a cut one became; its comment says what was
 * dropped). Pure.
 */
export function planTrimmedMin(
  min: ResolvedImage,
  rewritten: ReadonlyMap<number, RewrittenLayer>,
  level: string,
  layerType: string = MEDIA.ociLayerGzip,
): ResolvedImage {
  if (rewritten.size === 0) return min;
  const layers: Descriptor[] = min.manifest.layers.flatMap((d, i) => {
    const r = rewritten.get(i);
    return r ? r.layers.map((l) => ({ mediaType: layerType, digest: l.digest, size: l.size })) : [d];
  });
  const diffIds = min.config.rootfs.diff_ids.flatMap((d, i) => rewritten.get(i)?.layers.map((l) => l.diffId) ?? [d]);
  // History entries that made a layer (no empty_layer) are the layers, in order.
  let layer = 0;
  const history = min.config.history?.flatMap((h) => {
    const entry = (h ?? {}) as Record<string, unknown>;
    if (entry.empty_layer === true) return [h];
    const r = rewritten.get(layer++);
    if (!r) return [h];
    return r.layers.map((_l, n) => {
      const notes = [
        ...(r.dropped > 0 ? [`trim: ${level} dropped ${r.dropped} entries (${r.droppedBytes} B)`] : []),
        ...(r.layers.length > 1 ? [`layer ${n + 1} of ${r.layers.length} under max-layer-size`] : []),
      ];
      const note = notes.join('; ');
      return { ...entry, comment: typeof entry.comment === 'string' && entry.comment ? `${entry.comment}; ${note}` : note };
    });
  });
  const config: ImageConfig = { ...min.config, rootfs: { ...min.config.rootfs, diff_ids: diffIds }, ...(history ? { history } : {}) };
  return { ...min, manifest: { ...min.manifest, layers }, config };
}
