// What a selective compose fetched (ranges, bytes, files), summed over its pieces, and how it
// read the full image's layers (shared with min, warm from the cache, cold), for the report.
import type { SelectiveReport } from '../report/types.js';
import type { SelectiveViews } from './views.js';

export interface FetchStats {
  ranges: number;
  /** Compressed bytes fetched by ranges. */
  bytesFetched: number;
  files: number;
  skipped: string[];
}

export const emptyStats = (): FetchStats => ({ ranges: 0, bytesFetched: 0, files: 0, skipped: [] });

export function addStats(to: FetchStats, from: FetchStats): void {
  to.ranges += from.ranges;
  to.bytesFetched += from.bytesFetched;
  to.files += from.files;
  to.skipped.push(...from.skipped);
}

/** How a selective compose read the full image's layers (and its extra sources'), from its views and what it fetched. Pure. */
export function planSelectiveReport(views: SelectiveViews, fetched: FetchStats, reusedLayers: number): SelectiveReport {
  const seen = new Set<string>();
  const once = [
    ...Object.values(views.layers),
    ...Object.values(views.extraLayers ?? {}).flatMap((byPlatform) => Object.values(byPlatform)),
  ]
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
