// Plan and render: the ComposePlan from the views, the Dockerfile and its build context written
// to the results folder (the Dockerfile where the spec asks), and how the image will be written.
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { renderDockerfile } from '../../build/dockerfile.js';
import { type ComposePlan, planCompose } from '../../plan/plan.js';
import { type Assembly, planAssembly } from '../../spec/assembly.js';
import { record } from '../context.js';
import { planKeyAnnotations } from '../key.js';
import type { Viewed } from './views.js';

export interface Rendered extends Viewed {
  plan: ComposePlan;
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

export async function planAndRender(ctx: Viewed): Promise<Rendered> {
  const { spec } = ctx;
  const plan = planCompose(spec, ctx.sources, ctx.platforms);
  const rendered = renderDockerfile(plan, ctx.opts.version);
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
  return { ...ctx, plan, contextDir, dockerfile, assembly, keyAnnotations: planKeyAnnotations(ctx.key, ctx.platforms) };
}
