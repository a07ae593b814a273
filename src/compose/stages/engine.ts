// The engine check: a compose that builds with Buildx (the default load, or assembly: buildx)
// asks the Docker engine whether it answers before any layer byte is read (first of all, or
// right after the skip check for a push that may be up to date), so a missing engine fails in
// a second with what to do instead of after the parts were fetched.
import { type ComposeContext, errorText, fail } from '../context.js';
import { checkDockerEngine } from '../../build/engine.js';
import { planAssembly } from '../../spec/assembly.js';

export async function checkEngineStage(ctx: ComposeContext): Promise<void> {
  if (ctx.spec.dryRun) return;
  const assembly = planAssembly(ctx.spec);
  if (assembly.mode !== 'buildx') return;
  await checkDockerEngine(assembly.reason).catch((err: unknown) => fail(ctx, errorText(err), { report: { assembly } }));
}
