// The action's outputs, planned from a compose result as plain strings. Pure. `name` and
// `digest` are the subject actions/attest-build-provenance asks for.
import type { ComposeResult } from '../compose/compose.js';
import { parseReference } from '../oci/reference.js';

/**
 * The name of the first tag without tag or digest, as an attestation subject names an image:
 * the registry in full, Docker Hub's as index.docker.io (where attestations are pushed to).
 */
export function planSubjectName(tags: readonly string[]): string | undefined {
  const ref = tags.length ? parseReference(tags[0]) : undefined;
  if (!ref || typeof ref === 'string') return undefined;
  return `${ref.registry === 'docker.io' ? 'index.docker.io' : ref.registry}/${ref.repository}`;
}

export function planOutputs(result: ComposeResult): Record<string, string> {
  const r = result.report;
  const out: Record<string, string> = {};
  if (r.imageId) out.imageid = r.imageId;
  if (r.digest) out.digest = r.digest;
  // The tags hold the digest: pushed now, or already (a skipped run).
  const subject = r.digest && (r.pushed || r.skipped) ? planSubjectName(r.tags) : undefined;
  if (subject) out.name = subject;
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
        ...(p.source ? { source: p.source } : {}),
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
