// The build cache Buildx imports and exports: the user's cache-from / cache-to entries, plus
// what the build-cache shorthand adds (a per-part-set cache and the release's shared one,
// mode=min; in registry mode the shared one is a second tag on the part set's cache). Pure.
// Why that layout is safe for a matrix: docs/assemblies.md.
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { type Spec } from '../spec/types.js';

export interface BuildCachePlan {
  from: string[];
  to: string[];
  /** Local cache folders (modes local and actions): import from `dir`, export to `next`, then `next` replaces `dir`. */
  local?: { dir: string; next: string };
  /**
   * Registry mode: after a build that worked, the release's shared tag is pointed at the part
   * set's cache manifest. Both hold the same mode=min records, and two cache-to entries in one
   * repository make BuildKit upload the same blobs twice at once, which a registry on
   * distribution's filesystem storage can answer with a 500 (its blob links are not written
   * atomically).
   */
  alias?: { from: string; to: string };
}

export interface BuildCacheContext {
  /** Release (24.01), or a name for custom sources derived from the full image's digest. */
  series: string;
  platforms: string[];
  /** Where local and actions modes keep their folders. */
  localRoot: string;
  /** Whether the local cache folder holds a cache yet (Buildx fails on a missing one). */
  haveLocal?: boolean;
}

/** A short, stable name for the part set and the options that change layers. */
export function planPartSetId(spec: Spec): string {
  const parts = [
    spec.gpu ? 'gpu' : 'cpu',
    [...spec.backends].sort().join(','),
    [...spec.repoagents].sort().join(','),
    [...spec.caches].sort().join(','),
    spec.runtimeDeps,
    spec.user ?? '',
  ].join('|');
  return createHash('sha256').update(parts).digest('hex').slice(0, 10);
}

/** The series of a compose: its release, or `custom-<12 hex>` of the full image's digest. */
export function planSeries(spec: Spec, fullDigest: string): string {
  return spec.release?.version ?? `custom-${fullDigest.replace(/^sha256:/, '').slice(0, 12)}`;
}

/** linux/amd64 → amd64, linux/arm64/v8 → arm64-v8; several platforms joined with "_". */
export function platformSlug(platforms: string[]): string {
  return platforms.map((p) => p.replace(/^linux\//, '').replace(/\//g, '-')).join('_');
}

export function planBuildCache(spec: Spec, ctx: BuildCacheContext): BuildCachePlan {
  const from = spec.cacheFrom.map((e) => e.text);
  const to = spec.cacheTo.map((e) => e.text);
  const arch = platformSlug(ctx.platforms);
  const shared = `${ctx.series}-${arch}`;
  const own = `${shared}-${planPartSetId(spec)}`;
  const plan: BuildCachePlan = { from, to };
  switch (spec.buildCache) {
    case 'registry': {
      // The spec requires a tag in this mode; the cache sits in the first tag's repository.
      const repo = spec.tags[0].replace(/@.*$/, '').replace(/:[^:/]*$/, '');
      const ref = (name: string) => `${repo}:buildcache-${name}`;
      from.push(`type=registry,ref=${ref(own)}`, `type=registry,ref=${ref(shared)}`);
      to.push(`type=registry,ref=${ref(own)}`);
      plan.alias = { from: ref(own), to: ref(shared) };
      break;
    }
    case 'gha':
      from.push(`type=gha,scope=triton-compose-${own}`, `type=gha,scope=triton-compose-${shared}`);
      to.push(`type=gha,scope=triton-compose-${own}`, `type=gha,scope=triton-compose-${shared}`);
      break;
    case 'local':
    case 'actions': {
      // One folder per release and architecture: part sets share it as they share a registry cache.
      const dir = join(ctx.localRoot, shared);
      const next = `${dir}.next`;
      if (ctx.haveLocal) from.push(`type=local,src=${dir}`);
      to.push(`type=local,dest=${next}`);
      plan.local = { dir, next };
      break;
    }
    case 'none':
      break;
  }
  return plan;
}
