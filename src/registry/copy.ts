// Making an image's blobs present in more repositories than the one it was pushed to: each
// repository once (tags share them), and each blob already there, mounted from a repository of
// the same registry, or streamed across from the source (again, with a fresh stream, when the
// upload fails: a streamed body cannot be sent twice).
import { type RegistryClient, RegistryError } from './client.js';
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

/** How many times a blob is streamed across before a copy fails. */
export const COPY_ATTEMPTS = 3;

/**
 * A blob of one repository made present in another: already there, mounted (same registry),
 * or streamed across, up to `attempts` times. Returns the bytes sent.
 */
export async function copyBlob(
  client: RegistryClient,
  from: ImageRef,
  to: ImageRef,
  d: Descriptor,
  attempts = COPY_ATTEMPTS,
): Promise<number> {
  if (await client.hasBlob(to, d.digest)) return 0;
  if (from.registry === to.registry && (await client.mountBlob(to, d.digest, from.repository))) return 0;
  for (let attempt = 1; ; attempt++) {
    const source = await client.blobStream(from, d.digest);
    try {
      await client.pushBlobStream(to, d.digest, d.size, source);
      return d.size;
    } catch (err) {
      if (!(err instanceof RegistryError) || attempt >= attempts) throw err;
    } finally {
      source.destroy();
    }
  }
}
