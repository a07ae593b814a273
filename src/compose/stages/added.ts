// add: the workspace's files walked, checked and hashed before anything is read from a registry
// (their digests enter the compose key), copied into staging once the compose is to write, and,
// for a Buildx build, packed into the build context.
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { formatBytes } from '../../report/format.js';
import { copyAdded, planAddedLayer, stageAdded } from '../../selective/added.js';
import { packEntries } from '../../selective/pack.js';
import type { ComposeContext } from '../context.js';
import type { Rendered } from './render.js';

/** The staging folder of add's copies: its own, as the parts' staging is emptied between steps. */
const addedDir = (ctx: ComposeContext) => join(ctx.opts.workDir, 'added');

export async function addStage(ctx: ComposeContext): Promise<void> {
  if (!ctx.spec.add.length) return;
  const workspace = ctx.opts.workspace ?? process.cwd();
  ctx.added = await stageAdded(ctx.spec.add, { workspace, stageDir: addedDir(ctx) });
  for (const a of ctx.added) {
    const bytes = a.entries.reduce((n, e) => n + (e.type === 'file' ? e.size : 0), 0);
    ctx.log.info(`${a.name}: ${a.entries.length} entries, ${formatBytes(bytes)} of files from ${a.spec.src} (${a.digest})`);
  }
}

/** The added files copied into staging, checked against their hashes: after the skip check, so an up-to-date compose copies nothing. */
export async function copyAddedStage(ctx: ComposeContext): Promise<void> {
  await copyAdded(ctx.added);
}

/** Buildx: each add entry's tar in the build context, where the Dockerfile's ADD takes it. */
export async function writeAddedContext(ctx: Rendered): Promise<void> {
  if (ctx.added.length) await mkdir(join(ctx.contextDir, 'added'), { recursive: true });
  for (const a of ctx.added) await packEntries(planAddedLayer(a, ctx.plan, ctx.epoch), join(ctx.contextDir, a.file));
}
