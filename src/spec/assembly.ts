// Who writes the result image: the action itself (`direct`: part layers streamed to the
// registry, min's layers mounted, nothing unpacked) or Buildx, and which input needed Buildx.
// Pure. The trade-offs of the two: docs/assemblies.md.
import type { AssemblyInput, Spec } from './types.js';

export interface Assembly {
  mode: 'direct' | 'buildx';
  /** Why: the input that decided it, in words a log line can carry. */
  reason: string;
}

/** What of a spec planAssembly reads (parseSpec calls it before the Spec is whole). */
export type AssemblyFacts = Pick<
  Spec,
  | 'source'
  | 'push'
  | 'load'
  | 'runtimeDeps'
  | 'gpu'
  | 'backends'
  | 'outputs'
  | 'provenance'
  | 'sbom'
  | 'cacheFrom'
  | 'cacheTo'
  | 'buildCache'
> & { assembly: AssemblyInput };

const attests = (value: string | undefined) => value !== undefined && value !== 'false';

/**
 * The first input that needs Buildx, or undefined when the action can write the image itself.
 * Order: what the compose is, then where the result goes, then BuildKit-only extras.
 */
export function planBuildxNeed(s: Omit<AssemblyFacts, 'assembly'>): string | undefined {
  if (s.source !== 'selective') return 'source: buildkit copies the parts with COPY --from=<full image>';
  if (s.runtimeDeps === 'apt') return 'runtime-deps: apt runs apt-get in a build step';
  if (!s.gpu && s.backends.includes('pytorch')) return 'a CPU-only pytorch copies CUDA libraries from gpu-min-image in a build step';
  if (!s.gpu && s.backends.includes('tensorflow')) return 'a CPU-only tensorflow copies NCCL from gpu-min-image in a build step';
  if (s.load) return 'load: true puts the image into the engine, which Buildx does';
  if (s.outputs.length > 0) return 'outputs are Buildx exporters';
  if (!s.push) return 'push: false keeps the result in the build cache only, which Buildx does';
  if (attests(s.provenance)) return 'provenance attestations are made by BuildKit';
  if (attests(s.sbom)) return 'SBOM attestations are made by BuildKit';
  if (s.cacheFrom.length > 0 || s.cacheTo.length > 0) return 'cache-from/cache-to are BuildKit build caches';
  if (s.buildCache !== 'none') return `build-cache: ${s.buildCache} is a BuildKit build cache`;
  return undefined;
}

/** Direct when asked or possible; Buildx when asked or needed (`direct` asked but impossible is parseSpec's error). Pure. */
export function planAssembly(s: AssemblyFacts): Assembly {
  if (s.assembly === 'buildx') return { mode: 'buildx', reason: 'assembly: buildx' };
  const need = planBuildxNeed(s);
  if (need) return { mode: 'buildx', reason: need };
  return { mode: 'direct', reason: s.assembly === 'direct' ? 'assembly: direct' : 'a push-only selective compose needs no build step' };
}
