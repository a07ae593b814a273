// Who the client is to a registry: parses WWW-Authenticate challenges, answers them with Basic
// credentials or a Bearer token from the challenge's token server, and holds the answer per
// registry, repository and access. Every secret it comes to hold is kept, so messages can be
// redacted. https://distribution.github.io/distribution/spec/auth/token/
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

const basic = (c: Credentials): string => `Basic ${Buffer.from(`${c.username}:${c.password}`).toString('base64')}`;

/** The key an Authorization header is held under: one per registry, repository and access. */
export const authKey = (ref: ImageRef, push: boolean | undefined): string => `${ref.registry}/${ref.repository}/${push ? 'push' : 'pull'}`;

export class RegistryAuth {
  private readonly held = new Map<string, string>();
  /** Every secret held, so no error message can carry one (a server may echo headers). */
  private readonly secrets = new Set<string>();

  constructor(private readonly opts: AuthOptions) {}

  /** The Authorization header held for `key`, if any. */
  header(key: string): string | undefined {
    return this.held.get(key);
  }

  /** The text with every secret held replaced, and URLs without their query. */
  redact(text: string): string {
    let out = text.replace(/(https?:\/\/[^\s?#]+)\?[^\s#]*/g, '$1');
    for (const s of this.secrets) out = out.split(s).join('***');
    return out;
  }

  /** Answers a 401's challenge and holds the header under `key`; false when there is no way in. */
  async answer(ref: ImageRef, key: string, challenge: string, push: boolean): Promise<boolean> {
    const header = await this.fetchHeader(ref, challenge, push);
    if (!header) return false;
    this.held.set(key, header);
    return true;
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

  private async fetchHeader(ref: ImageRef, challenge: string, push: boolean): Promise<string | undefined> {
    const { scheme, params } = parseChallenge(challenge);
    const creds = this.credentialsFor(ref.registry);
    if (scheme === 'basic') return creds ? basic(creds) : undefined;
    if (scheme !== 'bearer' || !params.realm) return undefined;
    const url = new URL(params.realm);
    if (params.service) url.searchParams.set('service', params.service);
    url.searchParams.set('scope', params.scope ?? `repository:${ref.repository}:${push ? 'pull,push' : 'pull'}`);
    const headers: Record<string, string> = { 'user-agent': this.opts.userAgent };
    if (creds) headers.authorization = basic(creds);
    const res = await this.opts.fetchImpl(url, { headers, signal: AbortSignal.timeout(this.opts.timeoutMs) });
    if (!res.ok) {
      throw new RegistryError(this.redact(`token request to ${url.origin}${url.pathname} failed: HTTP ${res.status}`), res.status);
    }
    const body = (await res.json()) as { token?: string; access_token?: string };
    const token = body.token ?? body.access_token;
    if (!token) throw new RegistryError(`token server ${url.origin} answered without a token`);
    this.keepSecret(token);
    return `Bearer ${token}`;
  }
}
