// One registry request with everything around it: the Authorization header held for the
// repository (and the challenge round that gets it), a timer that follows the body and the
// answer, retries of dropped connections and "try again later" answers (after the wait the
// server asks for), and errors that carry no secret.
import { Readable } from 'node:stream';
import { renderAccessAdvice, renderAccessRefusal } from './auth-advice.js';
import { RegistryAuth, authKey } from './auth.js';
import type { CredentialLookup } from './credentials.js';
import { RegistryError, errorCodes } from './errors.js';
import { describeNetworkError } from './network-error.js';
import { backoffMs, isRetryableStatus, retryDelayMs } from './retry.js';
import { type ImageRef, formatReference, registryBaseUrl } from '../oci/reference.js';
import { sleep } from '../util/timing.js';

export interface RegistryOptions {
  credentials?: CredentialLookup;
  /** Called with every secret the client comes to hold, so the caller can mask it. */
  onSecret?: (secret: string) => void;
  retries?: number;
  /** Longest wait for an answer's headers (and for a whole small body); default 60 s. */
  timeoutMs?: number;
  /** Longest pause inside a streamed body: a download is resumed after it, an upload fails; default timeoutMs. */
  idleTimeoutMs?: number;
  fetchImpl?: typeof fetch;
  /** Folder where image configs are kept by digest (see getConfigBlob). */
  configCacheDir?: string;
  /** Sent with every request, so a registry's logs can tell this client's requests; default `triton-compose`. */
  userAgent?: string;
}

export interface RequestInit {
  headers?: Record<string, string>;
  body?: Buffer | string | Readable;
  push?: boolean;
  okStatus?: number[];
  /** The caller reads the body as a stream: the answer timeout stops at the headers. */
  stream?: boolean;
}

/** Bodies above this size are sent in pieces, so the upload timer sees them move. */
const PIECE = 1 << 20;

async function* pieces(data: Buffer): AsyncGenerator<Buffer> {
  for (let at = 0; at < data.length; at += PIECE) yield data.subarray(at, at + PIECE);
}

/**
 * The body to send for one attempt: a stream (or a large buffer, cut in pieces each attempt)
 * passes through a watcher that calls `sent` for each piece and `done` after the last.
 */
function watchedBody(body: RequestInit['body'], on: { sent: () => void; done: () => void }): Readable | Buffer | string | undefined {
  if (body === undefined || typeof body === 'string' || (Buffer.isBuffer(body) && body.length <= PIECE)) return body;
  const source: AsyncIterable<Buffer> = Buffer.isBuffer(body) ? pieces(body) : body;
  return Readable.from(
    (async function* () {
      for await (const piece of source) {
        on.sent();
        yield piece;
      }
      on.done();
    })(),
    { objectMode: false },
  );
}

/** An attempt's answer (with the Authorization it was sent with), or what broke before it. */
type Sent = { res: Response; ac: AbortController; stop: () => void; auth: string | undefined } | { error: unknown };

/** Challenge rounds one request goes through before a 401 is taken as the answer. */
const MAX_CHALLENGES = 3;

export class RegistryTransport {
  readonly retries: number;
  readonly timeoutMs: number;
  readonly idleTimeoutMs: number;
  private readonly fetchImpl: typeof fetch;
  private readonly userAgent: string;
  private readonly auth: RegistryAuth;
  /** How to abort a streamed answer, whose body outlives the header timeout. */
  private readonly aborts = new WeakMap<Response, AbortController>();

  constructor(options: RegistryOptions = {}) {
    this.retries = options.retries ?? 4;
    this.timeoutMs = options.timeoutMs ?? 60_000;
    this.idleTimeoutMs = options.idleTimeoutMs ?? this.timeoutMs;
    this.fetchImpl = options.fetchImpl ?? fetch;
    this.userAgent = options.userAgent ?? 'triton-compose';
    const { credentials, onSecret } = options;
    this.auth = new RegistryAuth({
      credentials,
      onSecret,
      timeoutMs: this.timeoutMs,
      fetchImpl: this.fetchImpl,
      userAgent: this.userAgent,
    });
  }

  /** The text with every secret the client holds replaced, and URLs without their query. */
  redact(text: string): string {
    return this.auth.redact(text);
  }

  fail(message: string, status?: number, codes?: string[]): RegistryError {
    return new RegistryError(this.redact(message), status, codes);
  }

  /** Aborts a streamed answer (so a stalled body errors instead of hanging). */
  abortOf(res: Response): (reason: Error) => void {
    const ac = this.aborts.get(res);
    return (reason) => ac?.abort(reason);
  }

  /** One request with auth and retries (5xx, 429 and dropped connections, with backoff). */
  async request(ref: ImageRef, method: string, path: string, init: RequestInit = {}): Promise<Response> {
    const url = path.startsWith('http') ? path : `${registryBaseUrl(ref.registry)}/v2/${ref.repository}/${path}`;
    const key = authKey(ref, init.push);
    let lastError: unknown;
    let attempts = 0;
    let renewed = false;
    let challenges = 0;
    let wait = 0;
    for (let attempt = 0; attempt <= this.retries; attempt++) {
      // A streamed body is gone once sent: the caller retries the whole upload.
      if (attempts > 0 && init.body instanceof Readable && init.body.readableDidRead) break;
      if (wait > 0) await sleep(wait);
      attempts++;
      const sent = await this.send(ref, url, method, key, init);
      if ('error' in sent) {
        lastError = sent.error;
        wait = backoffMs(attempt + 1);
        continue;
      }
      const { res, ac, stop } = sent;
      // A 401 to a request sent without credentials is answered by a challenge round (or by the
      // answer a concurrent request learned), which is no retry; a held answer that stopped
      // working (an expired token) is asked for again, once.
      if (res.status === 401 && (sent.auth === undefined || !renewed) && challenges < MAX_CHALLENGES) {
        if (sent.auth !== undefined) renewed = true;
        challenges++;
        await this.authenticate(ref, key, res, init.push === true, sent.auth);
        lastError = new RegistryError('answered HTTP 401', 401);
        wait = 0;
        attempt--;
        continue;
      }
      if (isRetryableStatus(res.status)) {
        lastError = new RegistryError(`answered HTTP ${res.status}`, res.status);
        wait = retryDelayMs(attempt + 1, res.status, res.headers.get('retry-after'));
        await res.body?.cancel();
        continue;
      }
      if (res.ok || init.okStatus?.includes(res.status)) {
        // A streamed body may take longer than the timeout: its reader watches for stalls.
        // Error bodies stay under the timeout (a server may promise more than it sends).
        if (init.stream) {
          stop();
          this.aborts.set(res, ac);
        }
        return res;
      }
      throw await this.refusal(ref, method, path, res, init.push === true);
    }
    const why = lastError instanceof RegistryError ? lastError.message : describeNetworkError(lastError, new URL(url).host);
    const status = lastError instanceof RegistryError ? lastError.status : undefined;
    throw this.fail(`${method} ${url} failed after ${attempts} attempt${attempts === 1 ? '' : 's'}: ${why}`, status);
  }

  /** Answers a 401's challenge (or takes the answer a concurrent request got); throws when there is no way in. */
  private async authenticate(ref: ImageRef, key: string, res: Response, push: boolean, sentWith: string | undefined): Promise<void> {
    const challenge = res.headers.get('www-authenticate');
    await res.body?.cancel();
    if (!challenge || !(await this.auth.answer(ref, key, challenge, push, sentWith))) {
      const advice = renderAccessAdvice({ registry: ref.registry, repository: ref.repository, push });
      throw this.fail(
        `${ref.registry} asks for credentials for ${ref.repository} and none were found in the Docker config; ${advice}`,
        401,
      );
    }
  }

  /**
   * One attempt: the answer's headers, or what broke before them. One timer aborts it: armed
   * for the connection and the first piece of body, re-armed by every piece sent (so a long
   * upload lives as long as it moves), then for the answer once the body has been sent.
   */
  private async send(ref: ImageRef, url: string, method: string, key: string, init: RequestInit): Promise<Sent> {
    const headers: Record<string, string> = { 'user-agent': this.userAgent, ...init.headers };
    const auth = await this.auth.header(ref, key, init.push === true);
    if (auth) headers.authorization = auth;
    const ac = new AbortController();
    let timer: NodeJS.Timeout | undefined;
    const arm = (ms: number, why: string) => {
      clearTimeout(timer);
      timer = setTimeout(() => ac.abort(new Error(why)), ms);
      timer.unref();
    };
    arm(this.timeoutMs, `no answer within ${this.timeoutMs} ms`);
    const body = watchedBody(init.body, {
      sent: () => arm(this.idleTimeoutMs, `the upload stalled: nothing could be sent for ${this.idleTimeoutMs} ms`),
      done: () => arm(this.timeoutMs, `no answer within ${this.timeoutMs} ms of the end of the upload`),
    });
    try {
      const res = await this.fetchImpl(url, {
        method,
        headers,
        body: body instanceof Readable ? (Readable.toWeb(body) as unknown as ReadableStream<Uint8Array>) : body,
        ...(body instanceof Readable ? { duplex: 'half' } : {}),
        // A streamed body is sent once, never replayed: with any other redirect mode, fetch
        // clones the request (the Fetch standard's HTTP-network-or-cache fetch), which tees the
        // body, and the branch nobody reads keeps every byte sent: a 1.2 GB layer upload held
        // 1.2 GB of memory. A registry answers an upload with 202 and a Location, never a 3xx.
        redirect: body instanceof Readable ? 'error' : 'follow',
        signal: ac.signal,
      });
      return { res, ac, stop: () => clearTimeout(timer), auth };
    } catch (error) {
      clearTimeout(timer);
      return { error };
    }
  }

  /**
   * The error for an answer that is neither success nor worth a retry, with the start of its
   * body. A refusal (401, 403, or DENIED) says what was tried and how to get in; a refused write
   * to the repository is a push refused, and says which permission is missing.
   */
  private async refusal(ref: ImageRef, method: string, path: string, res: Response, push: boolean): Promise<RegistryError> {
    const body = await res.text().catch(() => '');
    const codes = errorCodes(body.slice(0, 64 * 1024));
    const text = body.slice(0, 200).trim();
    // DENIED among the body's codes, wherever it stands (not only in the 200 characters shown).
    const denied = res.status === 401 || res.status === 403 || (res.status < 500 && codes.includes('DENIED'));
    if (denied) {
      const write = push && ['POST', 'PUT', 'PATCH'].includes(method);
      const shown = path.startsWith('http') ? new URL(path).pathname : path.split('?')[0];
      const answer = `HTTP ${res.status} to ${method} ${shown}, access denied${text ? `: ${text}` : ''}`;
      const refusal = { registry: ref.registry, repository: ref.repository, push: write, tried: this.auth.tried(ref.registry) };
      return this.fail(renderAccessRefusal(refusal, answer), res.status, codes);
    }
    const what = res.status === 404 ? 'not found' : `HTTP ${res.status}`;
    return this.fail(`${method} ${formatReference(ref)} (${path.split('?')[0]}): ${what}${text ? `: ${text}` : ''}`, res.status, codes);
  }
}
