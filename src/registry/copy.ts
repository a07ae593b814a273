// Making an image's blobs present in more repositories than the one it was pushed to: each
// repository once (tags share them), and each blob already there, mounted from a repository of
// the same registry, or streamed across from the source.
import type { RegistryClient } from './client.js';
import type { ImageRef } from '../oci/reference.js';
import type { Descriptor } from '../oci/types.js';

/** The repositories the tags name, each once, in the order of the tags. */
export function distinctRepositories(tags: ImageRef[]): ImageRef[] {
  const seen = new Map<string, ImageRef>();
  for (const t of tags) {
    const key = `${t.registry}/${t.repository}`;
    if (!seen.has(key)) seen.set(key, { registry: t.registry, repository: t.repository });
  }
  return [...seen.values()];
}

/**
 * A blob of one repository made present in another: already there, mounted (same registry),
 * or streamed across. Returns the bytes sent.
 */
export async function copyBlob(client: RegistryClient, from: ImageRef, to: ImageRef, d: Descriptor): Promise<number> {
  if (await client.hasBlob(to, d.digest)) return 0;
  if (from.registry === to.registry && (await client.mountBlob(to, d.digest, from.repository))) return 0;
  await client.pushBlobStream(to, d.digest, d.size, await client.blobStream(from, d.digest));
  return d.size;
}
