// Who the client is to a registry: parses WWW-Authenticate challenges, answers them with Basic
// credentials or a Bearer token from the challenge's token server, and holds the answer per
// registry, repository and access (a Basic answer for the whole registry). Concurrent requests
// share one challenge round per key. A token is renewed before its `expires_in` has passed (60 s
// when the server does not say). Every secret it comes to hold is kept, so messages can be
// redacted. https://distribution.github.io/distribution/spec/auth/token/
import { type TriedCredentials, renderAccessRefusal } from './auth-advice.js';
import type { CredentialLookup, Credentials } from './credentials.js';
import { RegistryError } from './errors.js';
import type { ImageRef } from '../oci/reference.js';

export interface AuthOptions {
  credentials?: CredentialLookup;
  /** Called with every secret the client comes to hold, so the caller can mask it. */
  onSecret?: (secret: string) => void;
  timeoutMs: number;
  fetchImpl: typeof fetch;
  userAgent: string;
}

/** Parses `Bearer realm="…",service="…",scope="…"` (and Basic) challenges. */
export function parseChallenge(header: string): { scheme: string; params: Record<string, string> } {
  const m = /^(\w+)\s*(.*)$/s.exec(header.trim());
  const params: Record<string, string> = {};
  if (!m) return { scheme: '', params };
  for (const p of m[2].matchAll(/(\w+)="([^"]*)"/g)) params[p[1].toLowerCase()] = p[2];
  return { scheme: m[1].toLowerCase(), params };
}

/** A token's lifetime when the server does not say (the token spec's default). */
const DEFAULT_TOKEN_SECONDS = 60;

interface Held {
  header: string;
  /** The challenge it answered, to ask again when it expires. */
  challenge: string;
  /** When to get a new one (ms since the epoch); Infinity for Basic. */
  renewAt: number;
}

/** Seconds from a token answer's `expires_in`: a positive number, else the default. */
export function parseExpiresIn(value: unknown): number {
  return typeof value === 'number' && Number.isFinite(value) && value > 0 ? value : DEFAULT_TOKEN_SECONDS;
}

const basic = (c: Credentials): string => `Basic ${Buffer.from(`${c.username}:${c.password}`).toString('base64')}`;

/** The key an Authorization header is held under: one per registry, repository and access. */
export const authKey = (ref: ImageRef, push: boolean | undefined): string => `${ref.registry}/${ref.repository}/${push ? 'push' : 'pull'}`;

export class RegistryAuth {
  private readonly held = new Map<string, Held>();
  /** One challenge round at a time per key: concurrent 401s (and new requests) wait for it and share its answer. */
  private readonly pending = new Map<string, Promise<boolean>>();
  /** A Basic answer is the registry's credentials, good for every repository and access of it. */
  private readonly basicByRegistry = new Map<string, string>();
  /** Every secret held, so no error message can carry one (a server may echo headers). */
  private readonly secrets = new Set<string>();

  constructor(private readonly opts: AuthOptions) {}

  /**
   * The Authorization header to send for `key`: after any challenge round in flight for it, the
   * held answer (renewed first when its token is about to expire), else the registry's Basic
   * answer when one is known; undefined when the registry has not asked for anything yet.
   */
  async header(ref: ImageRef, key: string, push: boolean): Promise<string | undefined> {
    await this.pending.get(key)?.catch(() => undefined);
    const held = this.held.get(key);
    if (!held) return this.basicByRegistry.get(ref.registry);
    if (Date.now() < held.renewAt) return held.header;
    return (await this.round(ref, key, held.challenge, push)) ? this.held.get(key)?.header : undefined;
  }

  /** The text with every secret held replaced, and URLs without their query. */
  redact(text: string): string {
    let out = text.replace(/(https?:\/\/[^\s?#]+)\?[^\s#]*/g, '$1');
    for (const s of this.secrets) out = out.split(s).join('***');
    return out;
  }

  /** The credentials a request to `registry` goes out with (user name and where from), for messages; undefined when none are found. */
  tried(registry: string): TriedCredentials | undefined {
    const c = this.credentialsFor(registry);
    return c && { username: c.username, ...(c.source ? { source: c.source } : {}) };
  }

  /**
   * After a 401 to a request sent with `sentWith` (undefined: without credentials): whether to
   * send it again, and with what is held now. An answer learned meanwhile (by a concurrent
   * request) is used as it is; only an answer that itself was refused is asked for anew, by one
   * round that every request refused at the same time shares. False when there is no way in.
   */
  async answer(ref: ImageRef, key: string, challenge: string, push: boolean, sentWith: string | undefined): Promise<boolean> {
    const inFlight = this.pending.get(key);
    if (inFlight) return inFlight;
    const now = this.held.get(key)?.header ?? this.basicByRegistry.get(ref.registry);
    if (now !== undefined && now !== sentWith) return true;
    return this.round(ref, key, challenge, push);
  }

  /** The one challenge round for `key`: the answer replaces the held one when it comes. */
  private round(ref: ImageRef, key: string, challenge: string, push: boolean): Promise<boolean> {
    const inFlight = this.pending.get(key);
    if (inFlight) return inFlight;
    const run = (async () => {
      try {
        const got = await this.fetchHeader(ref, challenge, push);
        if (!got) {
          this.held.delete(key);
          return false;
        }
        // Renewed when 90 % of its life has passed, so no request goes out with a token about to lapse.
        this.held.set(key, { header: got.header, challenge, renewAt: Date.now() + got.seconds * 900 });
        if (got.seconds === Infinity) this.basicByRegistry.set(ref.registry, got.header);
        return true;
      } finally {
        this.pending.delete(key);
      }
    })();
    this.pending.set(key, run);
    return run;
  }

  private credentialsFor(registry: string): Credentials | undefined {
    const c = this.opts.credentials?.(registry);
    if (c) {
      this.keepSecret(c.password);
      this.keepSecret(basic(c).slice('Basic '.length));
    }
    return c;
  }

  private keepSecret(secret: string): void {
    if (!secret || this.secrets.has(secret)) return;
    this.secrets.add(secret);
    this.opts.onSecret?.(secret);
  }

  private async fetchHeader(ref: ImageRef, challenge: string, push: boolean): Promise<{ header: string; seconds: number } | undefined> {
    const { scheme, params } = parseChallenge(challenge);
    const creds = this.credentialsFor(ref.registry);
    if (scheme === 'basic') return creds ? { header: basic(creds), seconds: Infinity } : undefined;
    if (scheme !== 'bearer' || !params.realm) return undefined;
    const url = new URL(params.realm);
    if (params.service) url.searchParams.set('service', params.service);
    url.searchParams.set('scope', params.scope ?? `repository:${ref.repository}:${push ? 'pull,push' : 'pull'}`);
    const headers: Record<string, string> = { 'user-agent': this.opts.userAgent };
    if (creds) headers.authorization = basic(creds);
    const res = await this.opts.fetchImpl(url, { headers, signal: AbortSignal.timeout(this.opts.timeoutMs) });
    if (!res.ok) {
      await res.body?.cancel();
      const answer = `token request to ${url.origin}${url.pathname} failed: HTTP ${res.status}`;
      const denied = res.status === 401 || res.status === 403;
      const tried = creds && { username: creds.username, ...(creds.source ? { source: creds.source } : {}) };
      const text = denied ? renderAccessRefusal({ registry: ref.registry, repository: ref.repository, push, tried }, answer) : answer;
      throw new RegistryError(this.redact(text), res.status);
    }
    const body = (await res.json()) as { token?: string; access_token?: string; expires_in?: unknown };
    const token = body.token ?? body.access_token;
    if (!token) throw new RegistryError(`token server ${url.origin} answered without a token`);
    this.keepSecret(token);
    return { header: `Bearer ${token}`, seconds: parseExpiresIn(body.expires_in) };
  }
}
