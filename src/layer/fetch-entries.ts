// Extracting a chosen set of entries (files, folders, symlinks, hardlinks) of one or more
// layers into a folder, by ranges (ranges.ts), with each layer's index. The entries are
// typically the final view (view.ts) of the kept parts, so each path comes from one layer.
import { ExtractError, FolderWriter } from './folder-writer.js';
import { type DataJob, type ExtractStats, type RangePlan, fetchRange, planRanges } from './ranges.js';
import type { TarEntry } from './tar-parse.js';
import type { ImageRef } from '../oci/reference.js';
import type { RegistryClient } from '../registry/client.js';
import { runPool } from '../util/pool.js';
import { NO_PROGRESS, type Progress, type Transfer, planTransferName } from '../util/progress.js';
import { type LayerIndex } from './index-format.js';
import type { MemoryStage } from './memory-stage.js';

export interface LayerWork {
  dirs: TarEntry[];
  symlinks: TarEntry[];
  /** Hardlinks whose target is extracted too: made as links to it. */
  links: Array<{ entry: TarEntry; existing: string }>;
  /** Regular files, and hardlinks whose target is not extracted (copied from its data). */
  data: DataJob[];
  /** Devices and fifos, which are not made. */
  skipped: TarEntry[];
}

const key = (e: Pick<TarEntry, 'path' | 'offset'>) => `${e.offset}\0${e.path}`;

/** Entries of distinct paths made at once (empty files, symlinks): each waits only on its own calls. */
const PATHS_AT_ONCE = 16;

/** What to do for each selected entry of a layer. Pure. */
export function planLayerWork(index: LayerIndex, selected: readonly TarEntry[]): LayerWork {
  const work: LayerWork = { dirs: [], symlinks: [], links: [], data: [], skipped: [] };
  const chosen = new Set(selected.map(key));
  let byPath: Map<string, TarEntry[]> | undefined;
  const linkTarget = (link: TarEntry): TarEntry => {
    if (!byPath) {
      byPath = new Map();
      for (const x of index.entries) byPath.set(x.path, [...(byPath.get(x.path) ?? []), x]);
    }
    // A hardlink names an entry written before it in the same tar.
    const candidates = (byPath.get(link.target ?? '') ?? []).filter((e) => e.offset < link.offset);
    const t = candidates[candidates.length - 1];
    if (!t)
      throw new ExtractError(`hardlink "${link.path}" points at "${link.target}", which the layer ${index.digest} does not hold before it`);
    return t.type === 'link' ? linkTarget(t) : t;
  };
  for (const e of selected) {
    if (e.type === 'dir') work.dirs.push(e);
    else if (e.type === 'symlink') work.symlinks.push(e);
    else if (e.type === 'file') work.data.push({ source: e, meta: e });
    else if (e.type === 'link') {
      const t = linkTarget(e);
      const meta = { path: e.path, mode: t.mode, uid: t.uid, gid: t.gid, mtime: t.mtime };
      if (t.type === 'symlink') work.symlinks.push({ ...t, path: e.path });
      else if (t.type !== 'file') work.skipped.push(e);
      else if (chosen.has(key(t))) work.links.push({ entry: e, existing: t.path });
      else work.data.push({ source: t, meta });
    } else work.skipped.push(e);
  }
  return work;
}

export interface LayerSelection {
  index: LayerIndex;
  entries: readonly TarEntry[];
}

export interface FetchOptions {
  /** Compressed bytes between two reads below which they are merged; default 512 KiB. */
  gap?: number;
  /** Ranges fetched at once; default 4. */
  concurrency?: number;
  /** Set owners (default: when running as root). */
  owners?: boolean;
  /** Staging: write the data only, no owners, modes or times (FolderWriter's dataOnly). */
  dataOnly?: boolean;
  /** Counts each layer's ranges as one transfer, open while its ranges are fetched. */
  progress?: Progress;
  /** Staging (dataOnly): small files are held here while it has room, not written. */
  memory?: MemoryStage;
  /** Told each file's, symlink's and hardlink's path in `dest` once it is in place. */
  onStaged?: (target: string) => void;
}

export interface FetchReport extends ExtractStats {
  dirs: number;
  symlinks: number;
  hardlinks: number;
  skipped: string[];
}

type PlannedRange = { index: LayerIndex; plan: RangePlan };

/**
 * One transfer per layer, "ranges sha256:… 12.0 MB" (the compressed bytes its ranges span):
 * started at its first range, ended after its last, so only the layers being read show.
 */
function planLayerTransfers(ranges: readonly PlannedRange[], progress: Progress) {
  const layers = new Map<LayerIndex, { left: number; bytes: number; open?: Transfer }>();
  for (const r of ranges) {
    const l = layers.get(r.index) ?? { left: 0, bytes: 0 };
    l.left++;
    l.bytes += r.plan.end - r.plan.start + 1;
    layers.set(r.index, l);
  }
  const layerOf = (index: LayerIndex) => {
    const l = layers.get(index) as { left: number; bytes: number; open?: Transfer };
    return {
      transfer: () => (l.open ??= progress.start(planTransferName('ranges', index.digest, l.bytes), l.bytes)),
      fetched: () => {
        if (--l.left === 0) l.open?.end();
      },
    };
  };
  return Object.assign(layerOf, { endAll: () => layers.forEach((l) => l.open?.end()) });
}

/** Extracts the selected entries of each layer into `dest`; every file is checked. */
export async function fetchEntries(
  client: RegistryClient,
  ref: ImageRef,
  layers: LayerSelection[],
  dest: string,
  opts: FetchOptions = {},
): Promise<FetchReport> {
  const writer = new FolderWriter(dest, {
    ...(opts.owners === undefined ? {} : { owners: opts.owners }),
    ...(opts.dataOnly ? { dataOnly: true } : {}),
    ...(opts.memory ? { memory: opts.memory } : {}),
    ...(opts.onStaged ? { onStaged: opts.onStaged } : {}),
  });
  const report: FetchReport = { ranges: 0, bytesFetched: 0, bytesWritten: 0, files: 0, dirs: 0, symlinks: 0, hardlinks: 0, skipped: [] };
  const works = layers.map((l) => ({ index: l.index, work: planLayerWork(l.index, l.entries) }));
  const byDepth = (a: TarEntry, b: TarEntry) => a.path.split('/').length - b.path.split('/').length;
  for (const e of works.flatMap((w) => w.work.dirs).sort(byDepth)) await writer.dir(e);
  report.dirs = works.reduce((n, w) => n + w.work.dirs.length, 0);
  const ranges = works.flatMap((w) => planRanges(w.index, w.work.data, opts.gap).map((plan) => ({ index: w.index, plan })));
  report.ranges = ranges.length;
  // Empty files and symlinks touch only their own paths: several at once.
  await runPool(
    works.flatMap((w) => w.work.data.filter((j) => j.source.size === 0)),
    PATHS_AT_ONCE,
    async (job) => {
      await writer.writeFile(job.meta, job.source.sha256, Buffer.alloc(0));
      report.files++;
    },
  );
  const layerOf = planLayerTransfers(ranges, opts.progress ?? NO_PROGRESS);
  try {
    await runPool(ranges, opts.concurrency ?? 4, async (r) => {
      const layer = layerOf(r.index);
      await fetchRange(client, ref, r.index, r.plan, writer, report, layer.transfer());
      layer.fetched();
    });
  } finally {
    layerOf.endAll();
  }
  await runPool(
    works.flatMap((w) => w.work.symlinks),
    PATHS_AT_ONCE,
    (e) => writer.symlink(e, e.target ?? ''),
  );
  for (const w of works) {
    for (const l of w.work.links) await writer.hardlink(l.entry, l.existing);
    report.symlinks += w.work.symlinks.length;
    report.hardlinks += w.work.links.length;
    report.skipped.push(...w.work.skipped.map((e) => e.path));
  }
  await writer.finish();
  report.bytesWritten = writer.bytesWritten;
  return report;
}
