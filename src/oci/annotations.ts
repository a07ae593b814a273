// Buildx's `--annotation` syntax, `[type[\[platforms\]]:]key=value`: checking an entry's prefix,
// and sorting entries by where they go (manifest, its descriptor in the index, the index).
// https://docs.docker.com/build/building/annotations/

/** Buildx's annotation prefix, `type[\[platforms\]]:`: the type, and the platforms it is limited to. */
export const ANNOTATION_TYPE = /^(manifest|index|manifest-descriptor|index-descriptor)(?:\[([a-z0-9/,]+)\])?:/;

export interface Annotations {
  /** Per platform (`linux/amd64`): the manifest's annotations. */
  manifest: Record<string, Record<string, string>>;
  /** Per platform: the annotations of its descriptor in the index. */
  manifestDescriptor: Record<string, Record<string, string>>;
  index: Record<string, string>;
}

/**
 * Buildx's `--annotation` entries (`[type[\[platforms\]]:]key=value`, type manifest by
 * default) sorted by where they go. `index-descriptor` names the descriptor in an OCI layout's
 * own index.json, which a push has none of. Pure; the spec checked the syntax.
 */
export function planAnnotations(entries: readonly string[], platforms: readonly string[]): Annotations {
  const out: Annotations = { manifest: {}, manifestDescriptor: {}, index: {} };
  for (const p of platforms) {
    out.manifest[p] = {};
    out.manifestDescriptor[p] = {};
  }
  for (const entry of entries) {
    const prefix = ANNOTATION_TYPE.exec(entry);
    const pair = prefix ? entry.slice(prefix[0].length) : entry;
    const eq = pair.indexOf('=');
    if (eq <= 0) continue;
    const [type, only] = [prefix?.[1] ?? 'manifest', prefix?.[2]];
    const [key, value] = [pair.slice(0, eq), pair.slice(eq + 1)];
    const chosen = only ? platforms.filter((p) => only.split(',').includes(p)) : platforms;
    if (type === 'index') out.index[key] = value;
    else if (type === 'manifest') for (const p of chosen) out.manifest[p][key] = value;
    else if (type === 'manifest-descriptor') for (const p of chosen) out.manifestDescriptor[p][key] = value;
  }
  return out;
}
