// Which entries of min's layers a trim keeps, each decided once with its reason: keep patterns
// first, then drop patterns, then license texts (always kept), then the rules of the level
// (trim-rules.ts). Then what the kept set needs to stay whole: a folder above a kept entry,
// the file a kept hardlink names. Whiteouts are kept as they are: they act on lower layers.
// A layer holding a device, a fifo or a kept file with extended attributes is left as it is
// (the writer carries none of them). Pure.
import picomatch from 'picomatch';
import type { ImageView, TocEntry } from '../layer/contents.js';
import { TRIM_CATEGORIES, TRIM_RULES, type TrimCategory, isLicenseText } from './trim-rules.js';
import { parentsOf } from '../layer/view.js';
import type { TrimLevel } from '../spec/types.js';

export interface TrimSpec {
  /** `none` is no trim at all: planTrim is not asked. */
  level: Exclude<TrimLevel, 'none'>;
  /** Glob patterns of absolute paths (each with all below it) kept whatever the rules say. */
  keep: readonly string[];
  /** Glob patterns of absolute paths dropped besides the rules (a keep pattern wins). */
  drop: readonly string[];
  /** trim: needed: min's libraries the closure may drop, and why each that stays does (trim-needed.ts). */
  needed?: { candidates: ReadonlySet<string>; kept: ReadonlyMap<string, string> };
}

/** Why an entry goes: a rule's category, a drop pattern, or no kept file can load it. */
export type DropReason = TrimCategory | 'drop-pattern' | 'unneeded-library';

export interface TrimmedFile {
  path: string;
  /** Bytes of data (regular files; 0 for the rest). */
  size: number;
  /** Index of the min layer that holds it. */
  layer: number;
}

export interface LayerTrim {
  digest: string;
  /** Paths of the layer's entries the trimmed layer holds; every entry when nothing is dropped. */
  keep: ReadonlySet<string>;
  /** Entries dropped, and their bytes. */
  dropped: number;
  droppedBytes: number;
  /** Left as it is although a rule matches: the reason, e.g. a device entry. */
  untouched?: string;
}

export interface TrimPlan {
  level: TrimLevel;
  layers: LayerTrim[];
  /** Per reason: entries and bytes dropped. */
  byReason: Partial<Record<DropReason, { files: number; bytes: number }>>;
  /** Every dropped file (regular files and links), largest first. */
  dropped: Array<TrimmedFile & { reason: DropReason }>;
  /** Kept regular files, largest first, with why each stays. */
  kept: Array<TrimmedFile & { reason: string }>;
  /** Bytes of regular files in min's layers, and of those kept. */
  bytes: number;
  keptBytes: number;
}

const OPAQUE = '.wh..wh..opq';
export const isWhiteout = (path: string) => path.slice(path.lastIndexOf('/') + 1).startsWith('.wh.');

/** A glob matcher over a path and the folders above it (a pattern naming a folder takes all below it). Pure. */
export function matcherOf(patterns: readonly string[]): (path: string) => string | undefined {
  const each = patterns.map((p) => ({ p, m: picomatch(p, { dot: true }) }));
  return (path) => {
    for (const { p, m } of each) {
      if (m(path)) return p;
      for (const up of parentsOf(path)) if (m(up)) return p;
    }
    return undefined;
  };
}

/** The rule a path falls under, or undefined. Pure. */
export function planRuleOf(path: string): TrimCategory | undefined {
  for (const r of TRIM_RULES) if (r.pattern.test(path)) return r.category;
  return undefined;
}

type Decision = { keep: true; reason: string } | { keep: false; reason: DropReason };

/** One entry's decision before the fix-ups. Pure. */
function decide(
  e: TocEntry,
  spec: TrimSpec,
  keepOf: (p: string) => string | undefined,
  dropOf: (p: string) => string | undefined,
): Decision {
  if (isWhiteout(e.path)) return { keep: true, reason: e.path.endsWith(OPAQUE) ? 'opaque folder marker' : 'whiteout' };
  const k = keepOf(e.path);
  if (k) return { keep: true, reason: `keep pattern ${k}` };
  if (dropOf(e.path)) return { keep: false, reason: 'drop-pattern' };
  if (isLicenseText(e.path)) return { keep: true, reason: 'license text' };
  const rule = planRuleOf(e.path);
  if (rule) return { keep: false, reason: rule };
  if (spec.needed?.candidates.has(e.path)) {
    const why = spec.needed.kept.get(e.path);
    return why ? { keep: true, reason: why } : { keep: false, reason: 'unneeded-library' };
  }
  if (spec.needed && e.elf?.type === 'dyn' && !e.elf.interp)
    return { keep: true, reason: "a library outside the loader's folders (opened by path, not weighed)" };
  return { keep: true, reason: `no rule of trim: ${spec.level} matches` };
}

/**
 * The safe rules' and patterns' verdict on a path, before any library is weighed: whether it
 * goes (a keep pattern and license texts win, then drop patterns, then the rules). Pure.
 */
export function planSafeDrop(spec: Pick<TrimSpec, 'keep' | 'drop'>): (path: string) => boolean {
  const keepOf = matcherOf(spec.keep);
  const dropOf = matcherOf(spec.drop);
  return (path) => !keepOf(path) && (dropOf(path) !== undefined || (!isLicenseText(path) && planRuleOf(path) !== undefined));
}

/**
 * Why a layer that loses entries must stay whole, if it must: the writer carries neither
 * devices and fifos nor extended attributes (a file capability, an SELinux label). Pure.
 */
function planUntouched(entries: ReadonlyArray<{ e: TocEntry; d: Decision }>): string | undefined {
  const device = entries.find(({ e }) => e.type === 'other');
  if (device) return `it holds ${device.e.path}, a device or fifo, which a rewritten layer cannot carry`;
  const xattrs = entries.find(({ e, d }) => d.keep && e.xattrs);
  if (xattrs)
    return `it holds ${xattrs.e.path} with extended attributes (${xattrs.e.xattrs?.join(', ')}), which a rewritten layer would lose`;
  return undefined;
}

/** What a trim keeps of min's layers (in order, as their tables of contents list them). Pure. */
export function planTrim(layers: ReadonlyArray<{ digest: string; entries: readonly TocEntry[] }>, spec: TrimSpec): TrimPlan {
  const keepOf = matcherOf(spec.keep);
  const dropOf = matcherOf(spec.drop);
  // Per layer, per path, the last entry (tar: the later one wins) and its decision.
  const decided = layers.map((l) => {
    const last = new Map<string, TocEntry>();
    for (const e of l.entries) last.set(e.path, e);
    return new Map([...last].map(([p, e]) => [p, { e, d: decide(e, spec, keepOf, dropOf) }]));
  });
  // The file a kept hardlink names (in the same layer, as tar requires).
  for (const m of decided) {
    for (const [p, v] of m) {
      const t = v.d.keep && v.e.type === 'link' && v.e.target ? m.get(v.e.target) : undefined;
      if (t && !t.d.keep) t.d = { keep: true, reason: `hard-linked by ${p}` };
    }
  }
  // A folder above anything kept, in any layer, stays (a later layer may add below it); a layer
  // left whole keeps all it holds.
  const whole = decided.map((m) => ([...m.values()].some(({ d }) => !d.keep) ? planUntouched([...m.values()]) !== undefined : false));
  const above = new Set<string>();
  decided.forEach((m, i) => {
    for (const [p, { d }] of m) if (d.keep || whole[i]) for (const up of parentsOf(p)) above.add(up);
  });
  for (const m of decided) {
    for (const [p, v] of m) if (!v.d.keep && v.e.type === 'dir' && above.has(p)) v.d = { keep: true, reason: 'folder above a kept entry' };
  }
  const plan: TrimPlan = { level: spec.level, layers: [], byReason: {}, dropped: [], kept: [], bytes: 0, keptBytes: 0 };
  decided.forEach((m, layer) => {
    const dropped = [...m.values()].filter(({ d }) => !d.keep);
    const untouched = dropped.length ? planUntouched([...m.values()]) : undefined;
    const keep = new Set<string>();
    let droppedBytes = 0;
    for (const [p, { e, d }] of m) {
      if (e.type === 'file') plan.bytes += e.size;
      if (d.keep || untouched) {
        keep.add(p);
        if (e.type === 'file') {
          plan.keptBytes += e.size;
          plan.kept.push({ path: p, size: e.size, layer, reason: untouched ? `layer left whole: ${untouched}` : d.reason });
        }
        continue;
      }
      droppedBytes += e.size;
      if (e.type !== 'dir') {
        const sum = (plan.byReason[d.reason] ??= { files: 0, bytes: 0 });
        sum.files++;
        sum.bytes += e.size;
        plan.dropped.push({ path: p, size: e.size, layer, reason: d.reason });
      }
    }
    plan.layers.push({
      digest: layers[layer].digest,
      keep,
      dropped: untouched ? 0 : dropped.length,
      droppedBytes,
      ...(untouched ? { untouched } : {}),
    });
  });
  const bySize = (a: TrimmedFile, b: TrimmedFile) => b.size - a.size || (a.path < b.path ? -1 : a.path > b.path ? 1 : 0);
  plan.dropped.sort(bySize);
  plan.kept.sort(bySize);
  return plan;
}

/**
 * The paths of min's final view a trim removes: each whose entry comes from a layer that drops
 * it (a layer left whole drops nothing). What a Buildx build deletes before it copies the rest. Pure.
 */
export function planDropPaths(plan: TrimPlan, view: ImageView): string[] {
  const dropped = new Set<string>();
  for (const [path, e] of view.entries) {
    const l = plan.layers[e.layer];
    if (l && !l.untouched && !l.keep.has(path)) dropped.add(path);
  }
  // A folder goes only with all below it: the build removes it with everything it holds.
  const above = new Set<string>();
  for (const path of view.entries.keys()) if (!dropped.has(path)) for (const up of parentsOf(path)) above.add(up);
  return [...dropped].filter((p) => !above.has(p)).sort();
}

/** The reasons in the order the summary lists them. */
export const DROP_REASONS: readonly DropReason[] = [...TRIM_CATEGORIES, 'unneeded-library', 'drop-pattern'];
