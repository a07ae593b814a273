// After the build: what Buildx wrote (metadata file) and what the image's layers are, mapped
// back to the parts they hold. Pure functions of the data read at the edges.
import type { ComposePlan } from '../plan/plan.js';
import type { PartSize, PlatformReport } from '../report/types.js';
import { type Manifest } from '../oci/types.js';

export interface BuildMetadata {
  digest?: string;
  imageName?: string;
  raw: Record<string, unknown>;
}

export function parseMetadata(text: string): BuildMetadata {
  const raw = (text.trim() ? JSON.parse(text) : {}) as Record<string, unknown>;
  const digest = typeof raw['containerimage.digest'] === 'string' ? (raw['containerimage.digest'] as string) : undefined;
  const imageName = typeof raw['image.name'] === 'string' ? (raw['image.name'] as string) : undefined;
  return { raw, ...(digest ? { digest } : {}), ...(imageName ? { imageName } : {}) };
}

/** The names of the layers the final stage adds after the base, in Dockerfile order. */
export function plannedLayers(plan: ComposePlan): Pick<PartSize, 'name' | 'kind' | 'source' | 'from'>[] {
  const out: Pick<PartSize, 'name' | 'kind' | 'source' | 'from'>[] = [];
  if (plan.runtime.mode === 'image') out.push({ name: 'runtime-deps', kind: 'runtime-deps' });
  out.push({ name: 'core', kind: 'core' });
  if (plan.cpuLibs) out.push({ name: 'cpu-libs', kind: 'runtime-deps' });
  for (const p of plan.parts) out.push({ name: p.name, kind: p.kind, ...(p.source ? { source: p.source } : {}) });
  for (const g of plan.pythonPackages ?? [])
    out.push({ name: g.source ? `python-packages@${g.source}` : 'python-packages', kind: 'other' });
  if (plan.serve) out.push({ name: 'serve', kind: 'other' });
  for (const a of plan.added ?? []) out.push({ name: a.name, kind: 'add', ...(a.image ? { from: a.image.from } : {}) });
  // BuildKit records WORKDIR's mkdir as a layer even when the folder exists (32 bytes).
  out.push({ name: 'workdir', kind: 'other' });
  return out;
}

/**
 * Maps a result manifest's layers to parts: the first `baseLayers` are the base; then, in
 * the image-copy mode, exactly one layer per planned COPY. Layers that are not accounted
 * for (apt mode's RUN steps) go to "runtime-deps".
 */
export function mapParts(
  plan: ComposePlan,
  platform: string,
  manifest: Manifest,
  baseLayers: number,
  tarSizes: Map<string, number>,
): PlatformReport {
  const layers = manifest.layers;
  const planned = plannedLayers(plan);
  const parts: PartSize[] = [];
  const add = (name: string, kind: PartSize['kind'], ls: typeof layers, source?: string, from?: string) => {
    if (ls.length === 0) return;
    parts.push({
      name,
      kind,
      ...(source ? { source } : {}),
      ...(from ? { from } : {}),
      digests: ls.map((l) => l.digest),
      size: ls.reduce((n, l) => n + l.size, 0),
      uncompressedSize: ls.reduce((n, l) => n + (tarSizes.get(l.digest) ?? 0), 0),
    });
  };
  add('base', 'base', layers.slice(0, baseLayers));
  const ours = layers.slice(baseLayers);
  if (ours.length === planned.length - 1) planned.pop(); // a BuildKit that skips the empty WORKDIR layer
  const extra = ours.length - planned.length;
  if (extra < 0) throw new Error(`the image has ${ours.length} layers over its base, but ${planned.length} were planned`);
  add('runtime-deps', 'runtime-deps', ours.slice(0, extra)); // apt mode: its RUN layers
  planned.forEach((p, i) => add(p.name, p.kind, [ours[extra + i]], p.source, p.from));
  return {
    platform,
    size: parts.reduce((n, p) => n + p.size, 0),
    uncompressedSize: parts.reduce((n, p) => n + p.uncompressedSize, 0),
    parts,
  };
}

/** Percent of `full` that `result` avoids, one decimal. */
export function savingPercent(result: number, full: number): number {
  if (full <= 0) return 0;
  return Math.round((1 - result / full) * 1000) / 10;
}

/** Counts of BuildKit steps answered from cache and executed, from a plain progress log. */
export function parseCacheStats(lines: string[]): { cached: number; built: number } {
  const cached = new Set<string>();
  const done = new Set<string>();
  for (const l of lines) {
    const m = /^#(\d+) (CACHED|DONE)\b/.exec(l);
    if (!m) continue;
    (m[2] === 'CACHED' ? cached : done).add(m[1]);
  }
  for (const c of cached) done.delete(c);
  return { cached: cached.size, built: done.size };
}

/** Seconds BuildKit spent pushing (layers and manifests), from a plain progress log. */
export function parsePushSeconds(lines: string[]): number {
  let s = 0;
  for (const l of lines) {
    const m = /^#\d+ pushing (?:layers|manifest[^\s]*)(?: [^\s]+)* ([\d.]+)s done$/.exec(l.trim());
    if (m) s += Number(m[1]);
  }
  return s;
}
