// The `docker buildx build` command, planned as data (argv array, never a shell string).
// Flags follow docker/build-push-action's mapping of the same inputs.
import type { Spec } from './spec.js';

export interface BuildPaths {
  context: string;
  dockerfile: string;
  metadataFile: string;
  iidFile: string;
}

export function planBuildx(spec: Spec, paths: BuildPaths): string[] {
  const args = ['buildx', 'build'];
  if (spec.builder) args.push('--builder', spec.builder);
  args.push('--file', paths.dockerfile);
  for (const t of spec.tags) args.push('--tag', t);
  for (const l of spec.labels) args.push('--label', l);
  for (const a of spec.annotations) args.push('--annotation', a);
  if (spec.platforms.length) args.push('--platform', spec.platforms.join(','));
  for (const o of spec.outputs) args.push('--output', o);
  if (spec.push) args.push('--push');
  if (spec.load) args.push('--load');
  if (spec.pull) args.push('--pull');
  if (spec.noCache) args.push('--no-cache');
  // Attestations are opt-in: an index with provenance changes digest on every build.
  args.push(`--provenance=${spec.provenance ?? 'false'}`);
  if (spec.sbom !== undefined) args.push(`--sbom=${spec.sbom}`);
  args.push('--metadata-file', paths.metadataFile, '--iidfile', paths.iidFile);
  args.push(paths.context);
  return args;
}

/** The command as a person would type it, for logs and dry runs (each argument quoted when needed). */
export function formatCommand(command: string, args: string[]): string {
  const q = (a: string) => (/^[A-Za-z0-9_./:=,@+-]+$/.test(a) ? a : `'${a.replace(/'/g, `'\\''`)}'`);
  return [command, ...args].map(q).join(' ');
}
