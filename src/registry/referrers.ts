// Attaching an artifact (the SBOM) to an image manifest as an OCI 1.1 referrer: an artifact
// manifest whose `subject` is the image, pushed by digest. A registry with the referrers API
// says so with `OCI-Subject` on that PUT; for one without (distribution 2.8), the client keeps
// the referrers tag schema itself: an index tagged `sha256-<hex>` listing the referrers.
// https://github.com/opencontainers/distribution-spec/blob/v1.1.0/spec.md#pushing-manifests-with-subject
import type { ImageRef } from '../oci/reference.js';
import { DIGEST, sha256 } from '../oci/digest.js';
import { type Descriptor, type Index, MEDIA, type Manifest } from '../oci/types.js';
import { type RegistryClient, RegistryError } from './client.js';

export const SPDX_JSON = 'application/spdx+json';
/** The empty JSON blob, `{}`: an artifact's config (and content) when it carries none. */
export const EMPTY = Buffer.from('{}');
/** The empty config an artifact manifest carries (image-spec 1.1 "guidance for an empty descriptor"). */
export const EMPTY_CONFIG: Descriptor = { mediaType: 'application/vnd.oci.empty.v1+json', digest: sha256(EMPTY), size: EMPTY.length };

/** A descriptor as a referrers list holds it: with the manifest's artifactType and annotations. */
export interface ReferrerDescriptor extends Descriptor {
  artifactType?: string;
}

export interface ReferrerManifest extends Manifest {
  artifactType: string;
  subject: Descriptor;
}

/** What to attach: one blob, its media type, and the artifact type that names what it is. */
export interface ReferrerBlob {
  data: Buffer;
  mediaType: string;
  artifactType: string;
  annotations?: Record<string, string>;
}

export interface AttachResult {
  /** Digest of the artifact manifest. */
  digest: string;
  /** The registry answered `OCI-Subject`: it lists referrers itself. */
  referrersApi: boolean;
  /** Otherwise: the referrers tag and whether this run changed the index there. */
  fallbackTag?: string;
  indexUpdated?: boolean;
}

/** The artifact manifest of a blob that refers to `subject`, its bytes and its descriptor. Pure. */
export function planReferrerManifest(
  subject: Descriptor,
  blob: ReferrerBlob,
): { manifest: ReferrerManifest; body: Buffer; descriptor: ReferrerDescriptor } {
  const annotations = blob.annotations && Object.keys(blob.annotations).length ? { annotations: { ...blob.annotations } } : {};
  const manifest: ReferrerManifest = {
    schemaVersion: 2,
    mediaType: MEDIA.ociManifest,
    artifactType: blob.artifactType,
    config: EMPTY_CONFIG,
    layers: [{ mediaType: blob.mediaType, digest: sha256(blob.data), size: blob.data.length }],
    subject: { mediaType: subject.mediaType, digest: subject.digest, size: subject.size },
    ...annotations,
  };
  const body = Buffer.from(JSON.stringify(manifest));
  const descriptor = {
    mediaType: MEDIA.ociManifest,
    digest: sha256(body),
    size: body.length,
    artifactType: blob.artifactType,
    ...annotations,
  };
  return { manifest, body, descriptor };
}

/** The referrers tag of a digest: `<algorithm>-<hex>`, at most 128 characters. Pure. */
export function planReferrersTag(digest: string): string {
  if (!DIGEST.test(digest)) throw new RegistryError(`"${digest}" is not a sha256 digest`);
  return digest.replace(':', '-').slice(0, 128);
}

const isDescriptor = (d: unknown): d is ReferrerDescriptor => {
  const x = d as ReferrerDescriptor | null;
  return (
    typeof x === 'object' && x !== null && typeof x.mediaType === 'string' && DIGEST.test(String(x.digest)) && Number.isSafeInteger(x.size)
  );
};

/**
 * The referrers index with `descriptor` added: a new one when there was none (`existing`
 * undefined), undefined when it lists the descriptor already. What the tag held is read as
 * hostile: entries that are not descriptors are dropped; a tag that is not an index is refused
 * (it is someone else's). Pure.
 */
export function planReferrersIndex(existing: unknown, descriptor: ReferrerDescriptor): Index | undefined {
  let manifests: ReferrerDescriptor[] = [];
  if (existing !== undefined) {
    const doc = existing as Partial<Index> | null;
    if (typeof doc !== 'object' || doc === null || !Array.isArray(doc.manifests) || (doc.mediaType && doc.mediaType !== MEDIA.ociIndex))
      throw new RegistryError('the referrers tag holds something other than an OCI index; it was left as it is');
    manifests = doc.manifests.filter(isDescriptor);
    if (manifests.some((d) => d.digest === descriptor.digest)) return undefined;
  }
  return { schemaVersion: 2, mediaType: MEDIA.ociIndex, manifests: [...manifests, descriptor] };
}

/** The descriptor of a manifest in the registry (the subject to attach to), by digest or tag. */
export async function fetchManifestDescriptor(client: RegistryClient, ref: ImageRef, reference: string): Promise<Descriptor> {
  const m = await client.getManifest(ref, reference);
  return { mediaType: m.mediaType, digest: m.digest, size: m.body.length };
}

/** Adds a descriptor to the referrers tag index of `subject` (the fallback of a registry without the API). */
async function updateReferrersTag(client: RegistryClient, ref: ImageRef, subject: string, descriptor: ReferrerDescriptor) {
  const tag = planReferrersTag(subject);
  const res = await client.request(ref, 'GET', `manifests/${tag}`, { headers: { accept: MEDIA.ociIndex }, okStatus: [404] });
  let existing: unknown;
  if (res.status === 404) await res.body?.cancel();
  else {
    const text = await res.text();
    try {
      existing = JSON.parse(text);
    } catch {
      existing = null; // not JSON: planReferrersIndex refuses it
    }
  }
  const index = planReferrersIndex(existing, descriptor);
  if (index) await client.putManifest(ref, tag, Buffer.from(JSON.stringify(index)), MEDIA.ociIndex);
  return { fallbackTag: tag, indexUpdated: index !== undefined };
}

/**
 * Pushes a blob and its artifact manifest (by digest) into `ref`'s repository as a referrer of
 * `subject`, a manifest of that repository; keeps the referrers tag when the registry does not
 * answer `OCI-Subject`. Attaching the same blob again changes nothing.
 */
export async function attachReferrer(
  client: RegistryClient,
  ref: ImageRef,
  subject: Descriptor,
  blob: ReferrerBlob,
): Promise<AttachResult> {
  const { body, descriptor } = planReferrerManifest(subject, blob);
  await client.pushBlob(ref, EMPTY_CONFIG.digest, EMPTY);
  await client.pushBlob(ref, sha256(blob.data), blob.data);
  const res = await client.request(ref, 'PUT', `manifests/${descriptor.digest}`, {
    push: true,
    body,
    headers: { 'content-type': MEDIA.ociManifest },
    okStatus: [201],
  });
  await res.body?.cancel();
  if (res.headers.get('oci-subject') === subject.digest) return { digest: descriptor.digest, referrersApi: true };
  return { digest: descriptor.digest, referrersApi: false, ...(await updateReferrersTag(client, ref, subject.digest, descriptor)) };
}
