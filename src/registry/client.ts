// A small client of the OCI distribution API: resolve tags through indexes to one platform's
// manifest, read configs and blobs (whole, verified, or by Range), and push blobs and
// manifests. Requests, auth and retries are the transport's; uploads are upload.ts's.
// https://github.com/opencontainers/distribution-spec/blob/main/spec.md
import { readFile } from 'node:fs/promises';
import { setTimeout } from 'node:timers/promises';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { type BodyAnswer, parseContentRangeStart, readResumable } from './blob-stream.js';
import { RegistryError } from './errors.js';
import { backoffMs } from './retry.js';
import { type RegistryOptions, RegistryTransport, type RequestInit } from './transport.js';
import * as upload from './upload.js';
import { type ImageRef, formatReference } from '../oci/reference.js';
import { writeFileAtomic } from '../util/atomic-file.js';
import { DIGEST, sha256 } from '../oci/digest.js';
import { formatPlatform, platformMatches } from '../oci/platform.js';
import { type ImageConfig, type Index, MEDIA, type Manifest, type Platform, type ResolvedImage } from '../oci/types.js';

export { RegistryError } from './errors.js';
export type { RegistryOptions } from './transport.js';

/** Error codes that say a manifest names a blob the registry does not hold, and tries of such a PUT after the first. */
const BLOB_UNKNOWN = new Set(['MANIFEST_BLOB_UNKNOWN', 'BLOB_UNKNOWN']);
const MANIFEST_RETRIES = 4;

const ACCEPT = [MEDIA.ociIndex, MEDIA.dockerList, MEDIA.ociManifest, MEDIA.dockerManifest].join(', ');

export class RegistryClient {
  private readonly http: RegistryTransport;
  private readonly configCacheDir?: string;

  constructor(options: RegistryOptions = {}) {
    this.http = new RegistryTransport(options);
    this.configCacheDir = options.configCacheDir;
  }

  /** The text with every secret the client holds replaced, and URLs without their query. */
  redact(text: string): string {
    return this.http.redact(text);
  }

  /** One request with auth, timeouts and retries, for the API calls this client has no method for. */
  async request(ref: ImageRef, method: string, path: string, init: RequestInit = {}): Promise<Response> {
    return this.http.request(ref, method, path, init);
  }

  /** Fetches a manifest or index by tag or digest; checks the digest when one was asked for. */
  async getManifest(
    ref: ImageRef,
    reference = ref.digest ?? ref.tag ?? 'latest',
  ): Promise<{ body: Buffer; mediaType: string; digest: string }> {
    const res = await this.http.request(ref, 'GET', `manifests/${reference}`, { headers: { accept: ACCEPT } });
    return this.readManifest(ref, reference, res);
  }

  /** A manifest answer's body, its digest checked when one was asked for. */
  private async readManifest(
    ref: ImageRef,
    reference: string,
    res: Response,
  ): Promise<{ body: Buffer; mediaType: string; digest: string }> {
    const body = Buffer.from(await res.arrayBuffer());
    const digest = sha256(body);
    if (reference.startsWith('sha256:') && digest !== reference) {
      throw new RegistryError(`manifest ${reference} of ${formatReference(ref)} has the wrong content (${digest})`);
    }
    const parsed = JSON.parse(body.toString('utf8')) as { mediaType?: string };
    const mediaType = parsed.mediaType ?? res.headers.get('content-type') ?? MEDIA.ociManifest;
    return { body, mediaType, digest };
  }

  /** getManifest, or undefined when the registry has no such tag or digest (404): one round trip where a HEAD first would take two. */
  async getManifestIfAny(
    ref: ImageRef,
    reference = ref.digest ?? ref.tag ?? 'latest',
  ): Promise<{ body: Buffer; mediaType: string; digest: string } | undefined> {
    const res = await this.http.request(ref, 'GET', `manifests/${reference}`, { headers: { accept: ACCEPT }, okStatus: [404] });
    if (res.status === 404) {
      await res.body?.cancel().catch(() => undefined);
      return undefined;
    }
    return this.readManifest(ref, reference, res);
  }

  /**
   * The digest a tag points at, or undefined when the tag does not exist. A registry that
   * leaves Docker-Content-Digest out of its HEAD answer is asked for the manifest, which is hashed.
   */
  async headManifest(ref: ImageRef, reference = ref.digest ?? ref.tag ?? 'latest'): Promise<string | undefined> {
    const res = await this.http.request(ref, 'HEAD', `manifests/${reference}`, { headers: { accept: ACCEPT }, okStatus: [404] });
    if (res.status === 404) return undefined;
    const digest = res.headers.get('docker-content-digest');
    if (digest && DIGEST.test(digest)) return digest;
    return (await this.getManifest(ref, reference)).digest;
  }

  /** Resolves a tag or digest to the given platform's manifest and config. */
  async resolve(ref: ImageRef, platform: Platform): Promise<ResolvedImage> {
    const top = await this.getManifest(ref);
    let manifestDigest = top.digest;
    let doc = JSON.parse(top.body.toString('utf8')) as Manifest & Index;
    if (Array.isArray(doc.manifests)) {
      const choice = doc.manifests.find((d) => platformMatches(d.platform, platform));
      if (!choice) {
        const have = doc.manifests
          .filter((d) => d.platform && d.platform.os !== 'unknown')
          .map((d) => formatPlatform(d.platform as Platform));
        throw new RegistryError(
          `${formatReference(ref)} has no image for ${formatPlatform(platform)} (it has: ${have.join(', ') || 'none'})`,
        );
      }
      const m = await this.getManifest(ref, choice.digest);
      manifestDigest = m.digest;
      doc = JSON.parse(m.body.toString('utf8')) as Manifest & Index;
    }
    const config = JSON.parse((await this.getConfigBlob(ref, doc.config.digest)).toString('utf8')) as ImageConfig;
    if (!Array.isArray(doc.manifests) && (config.os !== platform.os || config.architecture !== platform.architecture)) {
      throw new RegistryError(`${formatReference(ref)} is ${config.os}/${config.architecture}, not ${formatPlatform(platform)}`);
    }
    return { ref, digest: top.digest, manifestDigest, manifest: doc, config };
  }

  /** A whole blob, checked against its digest. */
  async getBlob(ref: ImageRef, digest: string): Promise<Buffer> {
    const res = await this.http.request(ref, 'GET', `blobs/${digest}`);
    const body = Buffer.from(await res.arrayBuffer());
    if (sha256(body) !== digest) throw new RegistryError(`blob ${digest} of ${formatReference(ref)} does not match its digest`);
    return body;
  }

  /**
   * A blob as a stream, from byte `range.start` to `range.end` (inclusive) or whole. A body
   * that breaks off (reset, stall, early end) is resumed with a Range from the last byte
   * received. A whole blob is checked against its digest: the stream errors at its end when
   * it does not match, so a reader must not trust what it consumed before the end. Ranges
   * cannot be checked here: the reader checks what it extracts.
   */
  async blobStream(ref: ImageRef, digest: string, range?: { start: number; end: number }): Promise<Readable> {
    const what = `blob ${digest} of ${formatReference(ref)}`;
    const end = range?.end;
    const open = async (from: number): Promise<BodyAnswer> => {
      const headers: Record<string, string> = {};
      if (from > 0 || end !== undefined) headers.range = `bytes=${from}-${end ?? ''}`;
      const res = await this.http.request(ref, 'GET', `blobs/${digest}`, { headers, stream: true });
      const answer = { res, abort: this.http.abortOf(res) };
      if (res.status === 206 && parseContentRangeStart(res.headers.get('content-range')) !== from) {
        answer.abort(new Error('wrong range'));
        throw this.http.fail(`${what}: the registry answered another range than bytes ${from}-${end ?? ''}`);
      }
      if (!res.body) throw this.http.fail(`${what} came with no body`);
      return answer;
    };
    const start = range?.start ?? 0;
    const first = await open(start);
    if (range && first.res.status !== 206) {
      first.abort(new Error('range ignored'));
      throw this.http.fail(`${ref.registry} ignored a Range request for ${digest}`);
    }
    const chunks = readResumable(first, {
      start,
      end,
      digest: range ? undefined : digest,
      retries: this.http.retries,
      idleMs: this.http.idleTimeoutMs,
      open,
      fail: (message) => this.http.fail(`${what}: ${message}`),
    });
    return Readable.from(chunks, { objectMode: false });
  }

  async hasBlob(ref: ImageRef, digest: string): Promise<boolean> {
    return upload.hasBlob(this.http, ref, digest);
  }

  /** Uploads a blob in one PUT unless the registry has it already; true when it was sent. */
  async pushBlob(ref: ImageRef, digest: string, data: Buffer): Promise<boolean> {
    if (await this.hasBlob(ref, digest)) return false;
    await upload.uploadBlob(this.http, ref, digest, data.length, data);
    return true;
  }

  /**
   * Uploads a blob from a stream in one PUT (the registry checks the digest). The caller skips
   * blobs the registry has (hasBlob) and retries a failed upload with a fresh stream.
   */
  async pushBlobStream(ref: ImageRef, digest: string, size: number, data: Readable): Promise<void> {
    await upload.uploadBlob(this.http, ref, digest, size, data);
  }

  /** Opens an upload session (POST); its location moves with every answer. */
  async startUpload(ref: ImageRef): Promise<upload.UploadSession> {
    return upload.startUpload(this.http, ref);
  }

  /**
   * Sends a blob whose digest is not known yet in one streamed PATCH, as `docker push` does;
   * finishUpload then names the digest. A broken stream cannot be resumed: the caller starts a
   * new session and sends the blob again.
   */
  async sendUpload(session: upload.UploadSession, chunks: AsyncIterable<Buffer>): Promise<void> {
    return upload.sendUpload(this.http, session, chunks);
  }

  /** Closes an upload with the blob's digest; the registry checks it against what it received. */
  async finishUpload(session: upload.UploadSession, digest: string): Promise<void> {
    return upload.finishUpload(this.http, session, digest);
  }

  /** Drops an unfinished upload session (best effort: a registry also expires them). */
  async cancelUpload(session: upload.UploadSession): Promise<void> {
    return upload.cancelUpload(this.http, session);
  }

  /**
   * Makes a blob of another repository of the same registry available in `ref`'s without
   * sending it (cross-repository mount); false when the registry wants an upload instead.
   */
  async mountBlob(ref: ImageRef, digest: string, fromRepository: string): Promise<boolean> {
    return upload.mountBlob(this.http, ref, digest, fromRepository);
  }

  /**
   * Puts a manifest. A registry may say a blob it has just accepted is unknown (storage that is
   * eventually consistent, or distribution's filesystem store while other clients commit the
   * same blob): such a PUT is tried again up to MANIFEST_RETRIES times, 3 s in all at most.
   */
  async putManifest(ref: ImageRef, reference: string, body: Buffer, mediaType: string): Promise<string> {
    for (let attempt = 1; ; attempt++) {
      try {
        await this.http.request(ref, 'PUT', `manifests/${reference}`, {
          push: true,
          body,
          headers: { 'content-type': mediaType },
          okStatus: [201],
        });
        return sha256(body);
      } catch (err) {
        const unknownBlob = err instanceof RegistryError && err.codes.some((c) => BLOB_UNKNOWN.has(c));
        if (!unknownBlob || attempt > MANIFEST_RETRIES) throw err;
        await setTimeout(backoffMs(attempt));
      }
    }
  }

  /**
   * Puts the manifest (or index) `from` names under `to`'s tag in `to`'s repository, byte for
   * byte, so both name one digest; `to`'s repository must hold its blobs already. Returns the
   * digest.
   */
  async tagManifest(from: ImageRef, to: ImageRef): Promise<string> {
    const manifest = await this.getManifest(from);
    await this.putManifest(to, to.tag ?? 'latest', manifest.body, manifest.mediaType);
    return manifest.digest;
  }

  /**
   * An image config: from the config cache folder when one is set (a config never changes under
   * its digest, and a warm run then reads no blob of the source images), else the registry.
   */
  async getConfigBlob(ref: ImageRef, digest: string): Promise<Buffer> {
    const dir = this.configCacheDir;
    const file = dir && DIGEST.test(digest) ? join(dir, `${digest.slice(7)}.json`) : undefined;
    if (file) {
      const cached = await readFile(file).catch(() => undefined);
      if (cached && sha256(cached) === digest) return cached;
    }
    const body = await this.getBlob(ref, digest);
    if (file) await writeFileAtomic(file, body);
    return body;
  }
}
