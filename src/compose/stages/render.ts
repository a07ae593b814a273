// Plan and render: the ComposePlan from the views, the Dockerfile and its build context written
// to the results folder (the Dockerfile where the spec asks), and how the image will be written.
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { renderDockerfile } from '../../build/dockerfile.js';
import type { TrimmedBase } from '../../build/dockerfile-trim.js';
import { InputError } from '../../spec/lists.js';
import { type ComposePlan, planCompose } from '../../plan/plan.js';
import { planGroupWritable } from '../../plan/pieces.js';
import { type Assembly, planAssembly } from '../../spec/assembly.js';
import { errorText, fail, record } from '../context.js';
import { planKeyAnnotations } from '../key.js';
import type { Viewed } from './views.js';
import { planPieceJobsAndConflicts } from '../../selective/entries.js';
import type { SelectiveViews } from '../../selective/views.js';
import { checkImageAdds, planAddedEntries } from '../../selective/added.js';
import { formatBytes } from '../../report/format.js';

export interface Planned extends Viewed {
  plan: ComposePlan;
}

export interface Rendered extends Planned {
  /** The build context folder, and the Dockerfile's path. */
  contextDir: string;
  dockerfile: string;
  assembly: Assembly;
  /** The compose key as annotations of the index and manifests. */
  keyAnnotations: string[];
}

/** Writes the build context's files and the Dockerfile; returns the Dockerfile's path. */
async function writeBuildFiles(ctx: Viewed, contextDir: string, rendered: ReturnType<typeof renderDockerfile>): Promise<string> {
  await rm(contextDir, { recursive: true, force: true });
  await mkdir(contextDir, { recursive: true });
  for (const [rel, text] of Object.entries(rendered.context)) {
    await mkdir(dirname(join(contextDir, rel)), { recursive: true });
    await writeFile(join(contextDir, rel), text);
  }
  const dockerfile = ctx.spec.dockerfile ?? join(ctx.opts.resultsDir, 'Dockerfile.compose');
  await mkdir(dirname(dockerfile), { recursive: true });
  await writeFile(dockerfile, rendered.dockerfile);
  return dockerfile;
}

/**
 * Sources: a path two images place with different content, which prefer does not settle,
 * stops the compose before anything is written, naming the paths and both images.
 */
function checkConflicts(ctx: Viewed, plan: ComposePlan, views: SelectiveViews): void {
  const conflicts = ctx.platforms.flatMap((p) => planPieceJobsAndConflicts(plan, p, views).conflicts);
  if (!conflicts.length) return;
  const named = (image: string) => (image === 'full' ? `full (${plan.sources.full})` : `${image} (${plan.sources.extra?.[image] ?? ''})`);
  const paths = [...new Set(conflicts.map((c) => c.path))];
  const shown = conflicts
    .filter((c, i) => conflicts.findIndex((x) => x.path === c.path) === i)
    .slice(0, 5)
    .map((c) => `${c.path}: ${named(c.images[0])} and ${named(c.images[1])}`);
  throw new InputError(
    'prefer',
    `${paths.length} path${paths.length === 1 ? ' is' : 's are'} placed by two images with different content: ${shown.join('; ')}${paths.length > 5 ? `; and ${paths.length - 5} more` : ''}. Name the image to take them from in prefer (full, or a source's name)`,
  );
}

export function planStage(ctx: Viewed): Planned {
  const plan = planCompose(ctx.spec, ctx.sources, ctx.platforms);
  for (const a of checkImageAdds(ctx.spec.add, ctx.sources, ctx.platforms))
    ctx.log.info(`add ${a.spec.dest}: ${a.entries} entries, ${formatBytes(a.bytes)} of files from ${a.from}`);
  if (ctx.spec.add.length) plan.added = planAddedEntries(ctx.spec.add, ctx.added, ctx.sources.extra);
  const writable = planGroupWritable(ctx.spec);
  if (writable) plan.groupWritable = writable;
  // Only parts or distributions from sources can place one path twice.
  const sourced = plan.parts.some((p) => p.source) || (plan.pythonPackages ?? []).some((g) => g.source);
  if (ctx.selective && sourced) {
    try {
      checkConflicts(ctx, plan, ctx.selective);
    } catch (err) {
      if (err instanceof InputError) throw err;
      fail(ctx, `reading the parts of ${ctx.fullPinned} and its sources failed: ${errorText(err)}`);
    }
  }
  if (plan.pythonPackages) {
    const src = (g: { source?: string }) => (g.source ? { source: g.source } : {});
    const python = plan.pythonPackages.flatMap((g) => g.dists.map((d) => ({ ...d, ...src(g) })));
    const pythonLibraries = plan.pythonPackages.flatMap((g) => (g.libraries ?? []).map((l) => ({ ...l, ...src(g) })));
    record(ctx, { report: { python, ...(pythonLibraries.length ? { pythonLibraries } : {}) } });
    for (const g of plan.pythonPackages) {
      for (const x of g.excluded)
        ctx.log.info(`python-packages: left out ${x.requirement} (required by ${x.by}): its marker is false here`);
      for (const l of g.libraries ?? [])
        ctx.log.info(`python-packages: brought ${l.package ?? l.path}${l.version ? ` ${l.version}` : ''}: ${l.why}`);
      for (const u of g.unresolved ?? [])
        ctx.log.warning(
          `python-packages: ${u.by} needs ${u.name}, which no image of the compose holds: importing it fails unless the container gets that library at run time (as the NVIDIA runtime mounts the driver's)`,
        );
    }
  }
  return { ...ctx, plan };
}

/** What a Buildx build needs of a trim: each platform's dropped paths, and min's config. */
function trimmedBase(ctx: Planned): TrimmedBase | undefined {
  if (!ctx.trim || !ctx.dropPaths) return undefined;
  const configs = ctx.platforms.map((p) => ctx.sources.min.platforms[p].config.config ?? {});
  if (configs.some((c) => JSON.stringify(c) !== JSON.stringify(configs[0])))
    throw new InputError(
      'trim',
      `${ctx.sources.min.reference} has a config of its own per platform, which one trimmed Dockerfile cannot write back; compose one platform at a time`,
    );
  return { level: ctx.spec.trim.level, drop: ctx.dropPaths, config: configs[0] };
}

export async function renderStage(ctx: Planned): Promise<Rendered> {
  const { spec, plan } = ctx;
  const rendered = renderDockerfile(plan, ctx.opts.version, trimmedBase(ctx));
  const contextDir = join(ctx.opts.resultsDir, 'context');
  const dockerfile = await writeBuildFiles(ctx, contextDir, rendered);
  const assembly = planAssembly(spec);
  record(ctx, {
    result: { plan },
    report: {
      dockerfile: rendered.dockerfile,
      dockerfilePath: dockerfile,
      buildCache: { mode: spec.buildCache, from: ctx.cache.from, to: ctx.cache.to },
      assembly,
    },
  });
  return { ...ctx, contextDir, dockerfile, assembly, keyAnnotations: planKeyAnnotations(ctx.key, ctx.platforms) };
}
