// Trim: what of min each platform's base keeps (plan/trim.ts), decided from the tables of
// contents of min's layers before a byte is written; a dry run stops with the lists. The
// direct assembly then writes the layers that lose files (direct/trim-base.ts).
import { formatBytes } from '../../report/format.js';
import { DROP_REASONS, type TrimPlan, type TrimSpec, matcherOf, planDropPaths, planSafeDrop, planTrim } from '../../plan/trim.js';
import { type NeededLibraries, libraryFamily, planNeededLibraries } from '../../plan/trim-needed.js';
import type { ComposePlan } from '../../plan/types.js';
import { composedEnv } from '../../plan/image-config.js';
import type { ImageView } from '../../layer/contents.js';
import type { TrimReport } from '../../report/types.js';
import { record } from '../context.js';
import type { Planned } from './render.js';
import type { Viewed } from './views.js';

/** Bytes of the unneeded libraries dropped, per family, most first. Pure. */
function planFamilies(plan: TrimPlan): NonNullable<TrimReport['byFamily']> {
  const m = new Map<string, { files: number; bytes: number }>();
  for (const d of plan.dropped) {
    if (d.reason !== 'unneeded-library') continue;
    const f = libraryFamily(d.path);
    const sum = m.get(f) ?? { files: 0, bytes: 0 };
    m.set(f, { files: sum.files + 1, bytes: sum.bytes + d.size });
  }
  return [...m].map(([family, v]) => ({ family, ...v })).sort((a, b) => b.bytes - a.bytes || (a.family < b.family ? -1 : 1));
}

/** The report of one platform's trim, before the assembly says what the layers became. Pure. */
export function planTrimReport(platform: string, plan: TrimPlan, spec: Viewed['spec']['trim'], sizes: readonly number[]): TrimReport {
  return {
    platform,
    level: plan.level,
    keep: [...spec.keep],
    drop: [...spec.drop],
    bytes: plan.bytes,
    keptBytes: plan.keptBytes,
    byReason: DROP_REASONS.flatMap((reason) => {
      const r = plan.byReason[reason];
      return r ? [{ reason, ...r }] : [];
    }),
    ...(plan.level === 'needed' ? { byFamily: planFamilies(plan) } : {}),
    layers: plan.layers.map((l, i) => ({
      digest: l.digest,
      size: sizes[i],
      dropped: l.dropped,
      ...(l.untouched ? { untouched: l.untouched } : {}),
    })),
    dropped: plan.dropped.map(({ path, size, reason }) => ({ path, size, reason })),
    kept: plan.kept.map(({ path, size, reason }) => ({ path, size, reason })),
  };
}

/**
 * What the compose takes from full on a platform: the server, the parts, the runtime files. With
 * `runtime-deps: apt` the packages are installed at build time, as full has them: every path of
 * full that min lacks stands for them. Pure.
 */
export function planCopied(plan: ComposePlan, platform: string, views: { full: ImageView; min: ImageView }): string[] {
  const runtime =
    plan.runtime.mode === 'image'
      ? (plan.runtime.files[platform] ?? [])
      : [...views.full.entries.keys()].filter((p) => !views.min.entries.has(p) && !p.startsWith('/opt/tritonserver/'));
  return [...plan.core, ...plan.parts.map((p) => p.path), ...runtime];
}

/** trim: needed on one platform: the loader's closure over the composed image, with its warnings logged. */
function neededOn(ctx: Planned, p: string, spec: Pick<TrimSpec, 'keep' | 'drop'>): NeededLibraries {
  const views = ctx.sources.views[p];
  const needed = planNeededLibraries(
    {
      min: views.min,
      full: views.full,
      copied: planCopied(ctx.plan, p, views),
      // min's LD_LIBRARY_PATH stays in the image when no part adds to it
      env: composedEnv(ctx.sources.min.platforms[p].config, ctx.plan.env),
      ...(ctx.plan.release ? { release: ctx.plan.release } : {}),
    },
    planSafeDrop(spec),
    matcherOf(spec.keep),
  );
  const { log } = ctx;
  if (needed.fallback) log.warning(`${p}: trim: needed keeps every library of min: ${needed.fallback}`);
  // ELF files under /usr/share are data no loader runs (gdb's pretty-printer test objects,
  // firmware, a package's examples): what they name unresolved is not worth a line.
  const missing = needed.unresolved.filter((u) => !u.by.startsWith('/usr/share/'));
  for (const u of missing.slice(0, 10)) log.info(`${p}: ${u.by} needs ${u.name}, which the composed image does not hold`);
  if (missing.length > 10) log.info(`${p}: and ${missing.length - 10} more names no folder of the composed image holds`);
  log.info(
    `${p}: trim: needed keeps ${needed.kept.size} of min's ${needed.candidates.size} library paths${needed.rulesUsed.length ? ` (dlopen rules: ${needed.rulesUsed.join(', ')})` : ''}`,
  );
  return needed;
}

export function trimStage(ctx: Planned): Planned {
  const { spec, log } = ctx;
  const { level, keep, drop } = spec.trim;
  if (level === 'none') return ctx;
  const trim: Record<string, TrimPlan> = {};
  const reports: TrimReport[] = [];
  for (const p of ctx.platforms) {
    const layers = ctx.sources.min.platforms[p].manifest.layers;
    const needed = level === 'needed' ? neededOn(ctx, p, { keep, drop }) : undefined;
    const plan = planTrim(
      layers.map((l) => ({ digest: l.digest, entries: ctx.tocs.get(l.digest)?.entries ?? [] })),
      { level, keep, drop, ...(needed ? { needed } : {}) },
    );
    trim[p] = plan;
    const report = planTrimReport(
      p,
      plan,
      spec.trim,
      layers.map((l) => l.size),
    );
    // Every library of min's the loader could find by name that stays, and why.
    if (needed) report.libraries = report.kept.filter((k) => needed.candidates.has(k.path)).sort((a, b) => (a.path < b.path ? -1 : 1));
    reports.push(report);
    const changed = plan.layers.filter((l) => l.dropped > 0).length;
    log.info(
      `${p}: trim: ${level} drops ${formatBytes(plan.bytes - plan.keptBytes)} of min's ${formatBytes(plan.bytes)} (${plan.dropped.length} files), rewriting ${changed} of its ${layers.length} layers`,
    );
    for (const l of plan.layers) if (l.untouched) log.warning(`${p}: min layer ${l.digest} is kept whole: ${l.untouched}`);
    if (spec.dryRun) {
      for (const d of plan.dropped) log.info(`drop ${d.path} (${formatBytes(d.size)}, ${d.reason})`);
      for (const k of plan.kept) log.info(`keep ${k.path} (${formatBytes(k.size)}, ${k.reason})`);
    }
  }
  record(ctx, { report: { trim: reports } });
  const dropPaths = Object.fromEntries(Object.entries(trim).map(([p, plan]) => [p, planDropPaths(plan, ctx.sources.views[p].min)]));
  return { ...ctx, trim, dropPaths };
}
