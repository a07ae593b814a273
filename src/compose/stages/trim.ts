// Trim: what of min each platform's base keeps (plan/trim.ts), decided from the tables of
// contents of min's layers before a byte is written; a dry run stops with the lists. The
// direct assembly then writes the layers that lose files (direct/trim-base.ts).
import { formatBytes } from '../../report/format.js';
import { DROP_REASONS, type TrimPlan, planTrim } from '../../plan/trim.js';
import type { TrimReport } from '../../report/types.js';
import { record } from '../context.js';
import type { Viewed } from './views.js';

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

export function trimStage(ctx: Viewed): Viewed {
  const { spec, log } = ctx;
  const { level, keep, drop } = spec.trim;
  if (level === 'none') return ctx;
  const trim: Record<string, TrimPlan> = {};
  const reports: TrimReport[] = [];
  for (const p of ctx.platforms) {
    const layers = ctx.sources.min.platforms[p].manifest.layers;
    const plan = planTrim(
      layers.map((l) => ({ digest: l.digest, entries: ctx.tocs.get(l.digest)?.entries ?? [] })),
      { level, keep, drop },
    );
    trim[p] = plan;
    reports.push(
      planTrimReport(
        p,
        plan,
        spec.trim,
        layers.map((l) => l.size),
      ),
    );
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
  return { ...ctx, trim };
}
