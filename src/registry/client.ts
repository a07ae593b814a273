// A small client of the OCI distribution API: resolve tags through indexes to one platform's
// manifest, read configs and blobs (whole, verified, or by Range), and push blobs and
// manifests. Auth: anonymous, Basic, and the Bearer token flow of a WWW-Authenticate
// challenge. https://github.com/opencontainers/distribution-spec/blob/main/spec.md
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { type BodyAnswer, parseContentRangeStart, readResumable } from './blob-stream.js';
import type { CredentialLookup, Credentials } from './credentials.js';
import { type ImageRef, formatReference, registryBaseUrl } from '../oci/reference.js';
import { writeFileAtomic } from '../util/atomic-file.js';
import { sleep } from '../util/timing.js';
import { DIGEST, sha256 } from '../oci/digest.js';
import { formatPlatform, platformMatches } from '../oci/platform.js';
import { type ImageConfig, type Index, MEDIA, type Manifest, type Platform, type ResolvedImage } from '../oci/types.js';

const ACCEPT = [MEDIA.ociIndex, MEDIA.dockerList, MEDIA.ociManifest, MEDIA.dockerManifest].join(', ');

/** An upload in progress: where its next request goes. */
export interface UploadSession {
  ref: ImageRef;
  location: string;
}

export class RegistryError extends Error {
  constructor(
    message: string,
    readonly status?: number,
  ) {
    super(message);
    this.name = 'RegistryError';
  }
}

export interface RegistryOptions {
  credentials?: CredentialLookup;
  /** Called with every secret the client comes to hold, so the caller can mask it. */
  onSecret?: (secret: string) => void;
  retries?: number;
  /** Longest wait for an answer's headers (and for a whole small body); default 60 s. */
  timeoutMs?: number;
  /** Longest pause inside a streamed blob body before it is resumed; default timeoutMs. */
  idleTimeoutMs?: number;
  fetchImpl?: typeof fetch;
  /** Folder where image configs are kept by digest (see getConfigBlob). */
  configCacheDir?: string;
  /** Sent with every request, so a registry's logs can tell this client's requests; default `triton-compose`. */
  userAgent?: string;
}

/** Parses `Bearer realm="…",service="…",scope="…"` (and Basic) challenges. */
export function parseChallenge(header: string): { scheme: string; params: Record<string, string> } {
  const m = /^(\w+)\s*(.*)$/s.exec(header.trim());
  const params: Record<string, string> = {};
  if (!m) return { scheme: '', params };
  for (const p of m[2].matchAll(/(\w+)="([^"]*)"/g)) params[p[1].toLowerCase()] = p[2];
  return { scheme: m[1].toLowerCase(), params };
}

export class RegistryClient {
  private readonly tokens = new Map<string, string>();
  private readonly opts: Required<Omit<RegistryOptions, 'credentials' | 'onSecret' | 'idleTimeoutMs' | 'configCacheDir' | 'userAgent'>> &
    RegistryOptions;
  /** Every secret held, so no error message can carry one (a server may echo headers). */
  private readonly secrets = new Set<string>();
  /** How to abort a streamed answer, whose body outlives the header timeout. */
  private readonly aborts = new WeakMap<Response, AbortController>();

  constructor(options: RegistryOptions = {}) {
    this.opts = { retries: 4, timeoutMs: 60_000, fetchImpl: fetch, ...options };
  }

  private credentialsFor(registry: string): Credentials | undefined {
    const c = this.opts.credentials?.(registry);
    if (c) {
      this.keepSecret(c.password);
      this.keepSecret(Buffer.from(`${c.username}:${c.password}`).toString('base64'));
    }
    return c;
  }

  private keepSecret(secret: string): void {
    if (!secret || this.secrets.has(secret)) return;
    this.secrets.add(secret);
    this.opts.onSecret?.(secret);
  }

  /** The text with every secret the client holds replaced, and URLs without their query. */
  redact(text: string): string {
    let out = text.replace(/(https?:\/\/[^\s?#]+)\?[^\s#]*/g, '$1');
    for (const s of this.secrets) out = out.split(s).join('***');
    return out;
  }

  private fail(message: string, status?: number): RegistryError {
    return new RegistryError(this.redact(message), status);
  }

  private async token(ref: ImageRef, challenge: string, push: boolean): Promise<string | undefined> {
    const { scheme, params } = parseChallenge(challenge);
    const creds = this.credentialsFor(ref.registry);
    if (scheme === 'basic') {
      if (!creds) return undefined;
      return `Basic ${Buffer.from(`${creds.username}:${creds.password}`).toString('base64')}`;
    }
    if (scheme !== 'bearer' || !params.realm) return undefined;
    const url = new URL(params.realm);
    if (params.service) url.searchParams.set('service', params.service);
    url.searchParams.set('scope', params.scope ?? `repository:${ref.repository}:${push ? 'pull,push' : 'pull'}`);
    const headers: Record<string, string> = { 'user-agent': this.opts.userAgent ?? 'triton-compose' };
    if (creds) headers.authorization = `Basic ${Buffer.from(`${creds.username}:${creds.password}`).toString('base64')}`;
    const res = await this.opts.fetchImpl(url, { headers, signal: AbortSignal.timeout(this.opts.timeoutMs) });
    if (!res.ok) throw this.fail(`token request to ${url.origin}${url.pathname} failed: HTTP ${res.status}`, res.status);
    const body = (await res.json()) as { token?: string; access_token?: string };
    const token = body.token ?? body.access_token;
    if (!token) throw new RegistryError(`token server ${url.origin} answered without a token`);
    this.keepSecret(token);
    return `Bearer ${token}`;
  }

  /** One request with auth and retries (5xx, 429 and dropped connections, with backoff). */
  async request(
    ref: ImageRef,
    method: string,
    path: string,
    init: {
      headers?: Record<string, string>;
      body?: Buffer | string | Readable;
      push?: boolean;
      okStatus?: number[];
      stream?: boolean;
    } = {},
  ): Promise<Response> {
    const url = path.startsWith('http') ? path : `${registryBaseUrl(ref.registry)}/v2/${ref.repository}/${path}`;
    const key = `${ref.registry}/${ref.repository}/${init.push ? 'push' : 'pull'}`;
    let lastError: unknown;
    for (let attempt = 0; attempt <= this.opts.retries; attempt++) {
      if (attempt > 0) {
        // A streamed body is gone once sent: the caller retries the whole upload.
        if (init.body instanceof Readable && init.body.readableDidRead) break;
        await sleep(Math.min(200 * 2 ** (attempt - 1), 5_000));
      }
      const headers: Record<string, string> = { 'user-agent': this.opts.userAgent ?? 'triton-compose', ...init.headers };
      const auth = this.tokens.get(key);
      if (auth) headers.authorization = auth;
      // The timeout covers the headers; a streamed body is watched for stalls by its reader.
      const ac = new AbortController();
      const timer = setTimeout(() => ac.abort(new Error(`no answer within ${this.opts.timeoutMs} ms`)), this.opts.timeoutMs);
      timer.unref();
      let res: Response;
      try {
        res = await this.opts.fetchImpl(url, {
          method,
          headers,
          body: init.body instanceof Readable ? (Readable.toWeb(init.body) as unknown as ReadableStream<Uint8Array>) : init.body,
          ...(init.body instanceof Readable ? { duplex: 'half' } : {}),
          redirect: 'follow',
          signal: ac.signal,
        });
      } catch (err) {
        clearTimeout(timer);
        lastError = err;
        continue;
      }
      if (res.status === 401 && !this.tokens.has(key)) {
        const challenge = res.headers.get('www-authenticate');
        await res.body?.cancel();
        const token = challenge ? await this.token(ref, challenge, init.push === true) : undefined;
        if (!token)
          throw this.fail(
            `${ref.registry} asks for credentials for ${ref.repository} and none were found (docker login ${ref.registry})`,
            401,
          );
        this.tokens.set(key, token);
        attempt--; // the challenge round does not count as a retry
        continue;
      }
      if (res.status >= 500 || res.status === 429) {
        lastError = this.fail(`${method} ${url} answered HTTP ${res.status}`, res.status);
        await res.body?.cancel();
        continue;
      }
      if (res.ok || init.okStatus?.includes(res.status)) {
        // A streamed body may take longer than the timeout: its reader watches for stalls.
        // Error bodies stay under the timeout (a server may promise more than it sends).
        if (init.stream) {
          clearTimeout(timer);
          this.aborts.set(res, ac);
        }
        return res;
      }
      const text = await res.text().catch(() => '');
      const what = res.status === 404 ? 'not found' : res.status === 401 || res.status === 403 ? 'access denied' : `HTTP ${res.status}`;
      throw this.fail(
        `${method} ${formatReference(ref)} (${path.split('?')[0]}): ${what}${text ? `: ${text.slice(0, 200).trim()}` : ''}`,
        res.status,
      );
    }
    const why = lastError instanceof Error ? lastError.message : String(lastError);
    throw this.fail(`${method} ${url} failed after ${this.opts.retries + 1} attempts: ${why}`);
  }

  /** Fetches a manifest or index by tag or digest; checks the digest when one was asked for. */
  async getManifest(
    ref: ImageRef,
    reference = ref.digest ?? ref.tag ?? 'latest',
  ): Promise<{ body: Buffer; mediaType: string; digest: string }> {
    const res = await this.request(ref, 'GET', `manifests/${reference}`, { headers: { accept: ACCEPT } });
    const body = Buffer.from(await res.arrayBuffer());
    const digest = sha256(body);
    if (reference.startsWith('sha256:') && digest !== reference) {
      throw new RegistryError(`manifest ${reference} of ${formatReference(ref)} has the wrong content (${digest})`);
    }
    const parsed = JSON.parse(body.toString('utf8')) as { mediaType?: string };
    const mediaType = parsed.mediaType ?? res.headers.get('content-type') ?? MEDIA.ociManifest;
    return { body, mediaType, digest };
  }

  /** The digest a tag points at, or undefined when the tag does not exist. */
  async headManifest(ref: ImageRef, reference = ref.digest ?? ref.tag ?? 'latest'): Promise<string | undefined> {
    const res = await this.request(ref, 'HEAD', `manifests/${reference}`, { headers: { accept: ACCEPT }, okStatus: [404] });
    if (res.status === 404) return undefined;
    return res.headers.get('docker-content-digest') ?? undefined;
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
    const res = await this.request(ref, 'GET', `blobs/${digest}`);
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
      const res = await this.request(ref, 'GET', `blobs/${digest}`, { headers, stream: true });
      const ac = this.aborts.get(res);
      const answer = { res, abort: (reason: Error) => ac?.abort(reason) };
      if (res.status === 206 && parseContentRangeStart(res.headers.get('content-range')) !== from) {
        answer.abort(new Error('wrong range'));
        throw this.fail(`${what}: the registry answered another range than bytes ${from}-${end ?? ''}`);
      }
      if (!res.body) throw this.fail(`${what} came with no body`);
      return answer;
    };
    const start = range?.start ?? 0;
    const first = await open(start);
    if (range && first.res.status !== 206) {
      first.abort(new Error('range ignored'));
      throw this.fail(`${ref.registry} ignored a Range request for ${digest}`);
    }
    const chunks = readResumable(first, {
      start,
      end,
      digest: range ? undefined : digest,
      retries: this.opts.retries,
      idleMs: this.opts.idleTimeoutMs ?? this.opts.timeoutMs,
      open,
      fail: (message) => this.fail(`${what}: ${message}`),
    });
    return Readable.from(chunks, { objectMode: false });
  }

  async hasBlob(ref: ImageRef, digest: string): Promise<boolean> {
    const res = await this.request(ref, 'HEAD', `blobs/${digest}`, { okStatus: [404] });
    return res.status !== 404;
  }

  /** Uploads a blob in one PUT unless the registry has it already; true when it was sent. */
  async pushBlob(ref: ImageRef, digest: string, data: Buffer): Promise<boolean> {
    if (await this.hasBlob(ref, digest)) return false;
    await this.upload(ref, digest, data.length, data);
    return true;
  }

  /** A monolithic upload: POST for a session, then one PUT with the body and its digest. */
  private async upload(ref: ImageRef, digest: string, size: number, body: Buffer | Readable): Promise<void> {
    const session = await this.startUpload(ref);
    const url = new URL(session.location);
    url.searchParams.set('digest', digest);
    const res = await this.request(ref, 'PUT', url.toString(), {
      push: true,
      body,
      headers: { 'content-type': 'application/octet-stream', 'content-length': String(size) },
      okStatus: [201],
    });
    await res.body?.cancel();
  }

  /** Opens an upload session (POST); its location moves with every answer. */
  async startUpload(ref: ImageRef): Promise<UploadSession> {
    const start = await this.request(ref, 'POST', 'blobs/uploads/', { push: true, okStatus: [202] });
    await start.body?.cancel();
    const location = start.headers.get('location');
    if (!location) throw new RegistryError(`${ref.registry} gave no upload location`);
    return { ref, location: new URL(location, `${registryBaseUrl(ref.registry)}/`).toString() };
  }

  /**
   * Sends a blob whose digest is not known yet in one streamed PATCH, as `docker push` does;
   * finishUpload then names the digest. A broken stream cannot be resumed: the caller starts a
   * new session and sends the blob again.
   */
  async sendUpload(session: UploadSession, chunks: AsyncIterable<Buffer>): Promise<void> {
    const res = await this.request(session.ref, 'PATCH', session.location, {
      push: true,
      body: Readable.from(chunks, { objectMode: false }),
      headers: { 'content-type': 'application/octet-stream' },
      okStatus: [202],
    });
    await res.body?.cancel();
    const next = res.headers.get('location');
    if (next) session.location = new URL(next, `${registryBaseUrl(session.ref.registry)}/`).toString();
  }

  /** Closes an upload with the blob's digest; the registry checks it against what it received. */
  async finishUpload(session: UploadSession, digest: string): Promise<void> {
    const url = new URL(session.location);
    url.searchParams.set('digest', digest);
    const res = await this.request(session.ref, 'PUT', url.toString(), { push: true, headers: { 'content-length': '0' }, okStatus: [201] });
    await res.body?.cancel();
  }

  /** Drops an unfinished upload session (best effort: a registry also expires them). */
  async cancelUpload(session: UploadSession): Promise<void> {
    const res = await this.request(session.ref, 'DELETE', session.location, { push: true, okStatus: [204, 404] }).catch(() => undefined);
    await res?.body?.cancel();
  }

  async putManifest(ref: ImageRef, reference: string, body: Buffer, mediaType: string): Promise<string> {
    await this.request(ref, 'PUT', `manifests/${reference}`, { push: true, body, headers: { 'content-type': mediaType }, okStatus: [201] });
    return sha256(body);
  }

  /**
   * An image config: from the config cache folder when one is set (a config never changes under
   * its digest, and a warm run then reads no blob of the source images), else the registry.
   */
  async getConfigBlob(ref: ImageRef, digest: string): Promise<Buffer> {
    const dir = this.opts.configCacheDir;
    const file = dir && DIGEST.test(digest) ? join(dir, `${digest.slice(7)}.json`) : undefined;
    if (file) {
      const cached = await readFile(file).catch(() => undefined);
      if (cached && sha256(cached) === digest) return cached;
    }
    const body = await this.getBlob(ref, digest);
    if (file) await writeFileAtomic(file, body);
    return body;
  }

  /**
   * Uploads a blob from a stream in one PUT (the registry checks the digest). The caller skips
   * blobs the registry has (hasBlob) and retries a failed upload with a fresh stream.
   */
  async pushBlobStream(ref: ImageRef, digest: string, size: number, data: Readable): Promise<void> {
    await this.upload(ref, digest, size, data);
  }

  /**
   * Makes a blob of another repository of the same registry available in `ref`'s without
   * sending it (cross-repository mount); false when the registry wants an upload instead.
   */
  async mountBlob(ref: ImageRef, digest: string, fromRepository: string): Promise<boolean> {
    const query = `blobs/uploads/?mount=${encodeURIComponent(digest)}&from=${encodeURIComponent(fromRepository)}`;
    const res = await this.request(ref, 'POST', query, { push: true, okStatus: [201, 202] });
    await res.body?.cancel();
    if (res.status === 201) return true;
    const location = res.headers.get('location');
    if (location)
      await this.request(ref, 'DELETE', new URL(location, `${registryBaseUrl(ref.registry)}/`).toString(), {
        push: true,
        okStatus: [204, 404],
      }).catch(() => undefined);
    return false;
  }
}
