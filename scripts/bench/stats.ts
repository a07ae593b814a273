// From runs to figures: medians per scenario, and ratios against the baseline taken per pair
// of runs (the scenario's run of round r over its baseline's run of round r), so a slow moment
// of a noisy machine weighs on both sides of a ratio. Runs over different links are summarized
// apart, and paired only with their baseline's run over the same link. Pure.
import type { Floors, Work } from './floors.js';

export interface RunMeasure {
  scenario: string;
  round: number;
  ok: boolean;
  error?: string;
  seconds: number;
  /** blob bytes fetched from the registry by role: min, full (only in full), result, cache, other (not the run's) */
  bytes: Record<string, number>;
  /** blob bytes fetched by client (User-Agent's first word) */
  clients: Record<string, number>;
  manifestBytes: number;
  /** peak growth of the engine's data folder and our temporary folders, bytes */
  peakDisk: number;
  /** of the last result: sum of compressed layers, and of layer tars */
  size?: number;
  uncompressedSize?: number;
  /** the action's scenarios: the largest peak resident set of its CLI runs, bytes */
  peakRss?: number;
  /** the action's scenarios: CPU seconds its CLI runs used (user and system, all threads) */
  cpu?: number;
  /** busy CPU seconds of every core of the machine during the run: the compose and all beside it (registry, link proxy, engine) */
  machineCpu?: number;
  /** selective source: bytes of the layer indexes (*.layer-index) in the tool cache after the run */
  indexBytes?: number;
  composes: number;
  /** the link the run went through (scripts/lib/link.ts): "100MB/s,20ms", or "loopback" */
  link?: string;
  /** what crossed the link and what had to be inflated and deflated: the floors' inputs */
  work?: Work;
  floors?: Floors;
}

export const METRICS = [
  'seconds',
  'fetched',
  'sourceFetched',
  'peakDisk',
  'size',
  'uncompressedSize',
  'indexBytes',
  'peakRss',
  'cpu',
  'machineCpu',
  'wireFloor',
  'cpuFloor',
  'overFloor',
] as const;
export type Metric = (typeof METRICS)[number];

/** Seconds: a smaller floor gets no ratio. */
export const MIN_FLOOR = 0.1;

export function metric(run: RunMeasure, m: Metric): number | undefined {
  switch (m) {
    case 'seconds':
      return run.seconds;
    case 'fetched':
      // "other" is traffic of no image or repository of the run: other tests on the shared registry.
      return Object.entries(run.bytes).reduce((a, [role, b]) => (role === 'other' ? a : a + b), 0);
    case 'sourceFetched':
      return (run.bytes.min ?? 0) + (run.bytes.full ?? 0);
    case 'peakDisk':
      return run.peakDisk;
    case 'size':
      return run.size;
    case 'uncompressedSize':
      return run.uncompressedSize;
    case 'indexBytes':
      return run.indexBytes;
    case 'peakRss':
      return run.peakRss;
    case 'cpu':
      return run.cpu;
    case 'machineCpu':
      return run.machineCpu;
    case 'wireFloor':
      return run.floors?.wire;
    case 'cpuFloor':
      return run.floors?.cpu;
    case 'overFloor':
      // Time over the larger floor: 1 would be as fast as this machine and link allow. Under
      // MIN_FLOOR a run moves too few bytes for them to bound it (round trips and start-up do).
      return run.floors && run.floors.floor >= MIN_FLOOR ? run.seconds / run.floors.floor : undefined;
  }
}

/** The median; the mean of the middle two for an even count; undefined for none. */
export function median(values: number[]): number | undefined {
  if (!values.length) return undefined;
  const s = [...values].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
}

/** this/baseline; undefined when the baseline is 0 (nothing to compare with) or unknown. */
export function ratio(value: number | undefined, base: number | undefined): number | undefined {
  if (value === undefined || base === undefined || base === 0) return undefined;
  return value / base;
}

export interface ScenarioSummary {
  scenario: string;
  /** the link of its runs, when they name one */
  link?: string;
  baseline?: string;
  runs: number;
  failed: number;
  /** medians over the successful runs */
  medians: Partial<Record<Metric, number>>;
  /** median bytes per role */
  bytes: Record<string, number>;
  /** medians of the per-round ratios this/baseline */
  ratios: Partial<Record<Metric, number>>;
  /** how many rounds had both runs, for the ratios */
  pairs: number;
}

/** One summary per scenario and link, links in the order the runs first used them. */
export function summarize(runs: RunMeasure[], scenarios: { id: string; baseline?: string }[]): ScenarioSummary[] {
  const links = [...new Set(runs.map((r) => r.link))];
  if (!links.length) links.push(undefined);
  return scenarios.flatMap((s) =>
    links.map((link) =>
      summarizeOne(
        runs.filter((r) => r.link === link),
        s,
        link,
      ),
    ),
  );
}

function summarizeOne(runs: RunMeasure[], s: { id: string; baseline?: string }, link: string | undefined): ScenarioSummary {
  const mine = runs.filter((r) => r.scenario === s.id);
  const ok = mine.filter((r) => r.ok);
  const medians: Partial<Record<Metric, number>> = {};
  for (const m of METRICS) {
    const v = median(ok.map((r) => metric(r, m)).filter((x): x is number => x !== undefined));
    if (v !== undefined) medians[m] = v;
  }
  const roles = [...new Set(ok.flatMap((r) => Object.keys(r.bytes)))].sort();
  const bytes: Record<string, number> = {};
  for (const role of roles) bytes[role] = median(ok.map((r) => r.bytes[role] ?? 0)) ?? 0;
  const ratios: Partial<Record<Metric, number>> = {};
  let pairs = 0;
  if (s.baseline) {
    const base = new Map(runs.filter((r) => r.scenario === s.baseline && r.ok).map((r) => [r.round, r]));
    const paired = ok.filter((r) => base.has(r.round));
    pairs = paired.length;
    for (const m of METRICS) {
      const v = median(paired.map((r) => ratio(metric(r, m), metric(base.get(r.round)!, m))).filter((x): x is number => x !== undefined));
      if (v !== undefined) ratios[m] = v;
    }
  }
  return {
    scenario: s.id,
    ...(link !== undefined ? { link } : {}),
    ...(s.baseline ? { baseline: s.baseline } : {}),
    runs: mine.length,
    failed: mine.length - ok.length,
    medians,
    bytes,
    ratios,
    pairs,
  };
}
