// Sending blobs to a registry: monolithic uploads (POST for a session, one PUT with the body
// and its digest), streamed uploads whose digest is known only at the end (PATCH, then PUT),
// and cross-repository mounts that send nothing.
// https://github.com/opencontainers/distribution-spec/blob/main/spec.md#pushing-blobs
import { Readable } from 'node:stream';
import { RegistryError } from './errors.js';
import type { RegistryTransport } from './transport.js';
import { type ImageRef, registryBaseUrl } from '../oci/reference.js';

/** An upload in progress: where its next request goes. */
export interface UploadSession {
  ref: ImageRef;
  location: string;
}

const resolveLocation = (ref: ImageRef, location: string): string => new URL(location, `${registryBaseUrl(ref.registry)}/`).toString();

export async function hasBlob(http: RegistryTransport, ref: ImageRef, digest: string): Promise<boolean> {
  const res = await http.request(ref, 'HEAD', `blobs/${digest}`, { okStatus: [404] });
  return res.status !== 404;
}

/** Opens an upload session (POST); its location moves with every answer. */
export async function startUpload(http: RegistryTransport, ref: ImageRef): Promise<UploadSession> {
  const start = await http.request(ref, 'POST', 'blobs/uploads/', { push: true, okStatus: [202] });
  await start.body?.cancel();
  const location = start.headers.get('location');
  if (!location) throw new RegistryError(`${ref.registry} gave no upload location`);
  return { ref, location: resolveLocation(ref, location) };
}

/** A monolithic upload: POST for a session, then one PUT with the body and its digest. */
export async function uploadBlob(
  http: RegistryTransport,
  ref: ImageRef,
  digest: string,
  size: number,
  body: Buffer | Readable,
): Promise<void> {
  const session = await startUpload(http, ref);
  const url = new URL(session.location);
  url.searchParams.set('digest', digest);
  const res = await http.request(ref, 'PUT', url.toString(), {
    push: true,
    body,
    headers: { 'content-type': 'application/octet-stream', 'content-length': String(size) },
    okStatus: [201],
  });
  await res.body?.cancel();
}

/** Sends a blob of unknown digest in one streamed PATCH; the session's location moves on. */
export async function sendUpload(http: RegistryTransport, session: UploadSession, chunks: AsyncIterable<Buffer>): Promise<void> {
  const res = await http.request(session.ref, 'PATCH', session.location, {
    push: true,
    body: Readable.from(chunks, { objectMode: false }),
    headers: { 'content-type': 'application/octet-stream' },
    okStatus: [202],
  });
  await res.body?.cancel();
  const next = res.headers.get('location');
  if (next) session.location = resolveLocation(session.ref, next);
}

/** Closes an upload with the blob's digest; the registry checks it against what it received. */
export async function finishUpload(http: RegistryTransport, session: UploadSession, digest: string): Promise<void> {
  const url = new URL(session.location);
  url.searchParams.set('digest', digest);
  const res = await http.request(session.ref, 'PUT', url.toString(), { push: true, headers: { 'content-length': '0' }, okStatus: [201] });
  await res.body?.cancel();
}

/** Drops an unfinished upload session (best effort: a registry also expires them). */
export async function cancelUpload(http: RegistryTransport, session: UploadSession): Promise<void> {
  const res = await http.request(session.ref, 'DELETE', session.location, { push: true, okStatus: [204, 404] }).catch(() => undefined);
  await res?.body?.cancel();
}

/** A cross-repository mount of `digest` from `fromRepository`; false when the registry wants an upload. */
export async function mountBlob(http: RegistryTransport, ref: ImageRef, digest: string, fromRepository: string): Promise<boolean> {
  const query = `blobs/uploads/?mount=${encodeURIComponent(digest)}&from=${encodeURIComponent(fromRepository)}`;
  const res = await http.request(ref, 'POST', query, { push: true, okStatus: [201, 202] });
  await res.body?.cancel();
  if (res.status === 201) return true;
  const location = res.headers.get('location');
  if (location) await cancelUpload(http, { ref, location: resolveLocation(ref, location) });
  return false;
}
