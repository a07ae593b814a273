// What the report says of one platform's image the direct assembly wrote: its size, and each
// part's layers and sizes, compressed and as tars (a rewritten base layer by what was written,
// one min holds as it is by its listing). Pure.
import type { LayerToc } from '../layer/contents.js';
import type { WrittenLayer } from '../oci/image.js';
import type { Descriptor } from '../oci/types.js';
import type { PartSize, PlatformReport } from '../report/types.js';
import type { RewrittenLayer } from './trim-base.js';

export function planPlatformReport(
  platform: string,
  tocs: ReadonlyMap<string, LayerToc>,
  base: readonly Descriptor[],
  rewritten: ReadonlyMap<number, RewrittenLayer>,
  layers: ReadonlyArray<readonly WrittenLayer[]>,
  names: ReadonlyArray<{ name: string; kind: PartSize['kind']; source?: string; from?: string }>,
): PlatformReport {
  const tarSizes = new Map([...rewritten.values()].flatMap((r) => r.layers.map((l) => [l.digest, l.tarSize] as const)));
  const tarOf = (d: string) => tarSizes.get(d) ?? tocs.get(d)?.tarSize ?? 0;
  const parts: PartSize[] = [
    {
      name: 'base',
      kind: 'base',
      digests: base.map((l) => l.digest),
      size: base.reduce((n, l) => n + l.size, 0),
      uncompressedSize: base.reduce((n, l) => n + tarOf(l.digest), 0),
    },
    ...layers.map((ls, i) => ({
      name: names[i].name,
      kind: names[i].kind,
      ...(names[i].source ? { source: names[i].source } : {}),
      ...(names[i].from ? { from: names[i].from } : {}),
      digests: ls.map((l) => l.digest),
      size: ls.reduce((n, l) => n + l.size, 0),
      uncompressedSize: ls.reduce((n, l) => n + l.tarSize, 0),
    })),
  ];
  return {
    platform,
    size: parts.reduce((n, p) => n + p.size, 0),
    uncompressedSize: parts.reduce((n, p) => n + p.uncompressedSize, 0),
    parts,
  };
}
