// The action's outputs, planned from a compose result as plain strings. Pure.
import type { ComposeResult } from '../compose/compose.js';

export function planOutputs(result: ComposeResult): Record<string, string> {
  const r = result.report;
  const out: Record<string, string> = {};
  if (r.imageId) out.imageid = r.imageId;
  if (r.digest) out.digest = r.digest;
  if (result.metadata) out.metadata = JSON.stringify(result.metadata);
  if (r.dockerfilePath) out.dockerfile = r.dockerfilePath;
  if (result.baseImages) out['base-images'] = JSON.stringify(result.baseImages);
  const per = (pick: (p: (typeof r.platforms)[number]) => number) =>
    r.platforms.length === 1
      ? String(pick(r.platforms[0]))
      : JSON.stringify(Object.fromEntries(r.platforms.map((p) => [p.platform, pick(p)])));
  if (r.platforms.length) out.size = per((p) => p.size);
  // A skipped run knows only what the existing manifests say: compressed sizes.
  if (r.platforms.length && !r.skipped) {
    out['uncompressed-size'] = per((p) => p.uncompressedSize);
    out.parts = JSON.stringify(
      r.platforms[0].parts.map((p) => ({
        name: p.name,
        kind: p.kind,
        digest: p.digests[p.digests.length - 1],
        ...(p.digests.length > 1 ? { digests: p.digests } : {}),
        size: p.size,
        uncompressedSize: p.uncompressedSize,
      })),
    );
  }
  for (const s of r.sources) {
    if (s.role === 'full') out['full-size'] = String(s.size);
    if (s.role === 'min') out['min-size'] = String(s.size);
  }
  if (r.saving !== undefined) out.saving = String(r.saving);
  if (r.composeKey) out['compose-key'] = r.composeKey;
  if (result.sbomPath) out.sbom = result.sbomPath;
  if (r.ok && !r.dryRun) out.skipped = String(r.skipped === true);
  return out;
}
