// A small OCI distribution registry in memory on 127.0.0.1 (random port), for unit tests of the
// registry client without Docker: manifests, blobs with Range, uploads (monolithic, PATCH,
// mounts), Bearer or Basic auth with a token endpoint, and faults chosen per request: throttled
// bodies, expiring tokens, 401/429/5xx with Retry-After, dropped connections, short or wrong
// or ignored ranges, no Docker-Content-Digest, refused mounts. Every request is logged for assertions.
import { createHash, randomUUID } from 'node:crypto';
import { type IncomingMessage, type ServerResponse, createServer } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

export type FakeFault =
  /** This status, with this body (default: an error of code INJECTED). */
  | { kind: 'status'; status: number; retryAfter?: string; body?: string }
  /**
   * Sends the headers and this many body bytes, then drops the connection; on an upload
   * (PATCH or PUT), drops it once this many bytes of the request body have come.
   */
  | { kind: 'drop'; afterBytes: number }
  /** A 206 that holds only the first `bytes` of the range asked (a correct, shorter Content-Range). */
  | { kind: 'short'; bytes: number }
  /** A 206 whose Content-Range starts `by` bytes after the byte asked. */
  | { kind: 'wrong-range'; by: number }
  /** A 200 with the whole blob, as a registry or proxy that ignores Range does. */
  | { kind: 'ignore-range' }
  /** The body's last `bytes` sent in `pieces` writes 2 ms apart, so each comes as a read of its own. */
  | { kind: 'slow-tail'; bytes: number; pieces: number }
  /** The headers at once, the body once `until` settles: a stream the test keeps open. */
  | { kind: 'hold'; until: Promise<unknown> };

export interface FakeRule {
  method?: string;
  path: RegExp;
  /** How many matching requests get the fault; default 1. */
  times?: number;
  fault: FakeFault;
}

export interface FakeRequest {
  method: string;
  path: string;
  range?: string;
  authorization?: string;
  status: number;
  fault?: FakeFault['kind'];
}

export interface FakeAuth {
  scheme: 'bearer' | 'basic';
  users: { username: string; password: string }[];
  /** A token stops working after this many seconds, or after this many requests. */
  tokenSeconds?: number;
  tokenRequests?: number;
  /** The `expires_in` the token endpoint announces (none when undefined). */
  expiresIn?: number;
}

export interface FakeRegistryOptions {
  auth?: FakeAuth;
  /** Bytes per second for request bodies (uploads) and answer bodies (downloads). */
  throttle?: { upload?: number; download?: number };
  /** HEAD and GET of manifests answer without Docker-Content-Digest. */
  omitDigest?: boolean;
  /** Cross-repository mounts are answered with a plain upload session. */
  refuseMounts?: boolean;
  rules?: FakeRule[];
}

export interface FakeRegistry {
  /** 127.0.0.1:port, the registry name for image references. */
  host: string;
  log: FakeRequest[];
  rules: FakeRule[];
  tokensIssued: () => number;
  /** Stores a blob in a repository; returns its digest. */
  putBlob(repository: string, data: Buffer): string;
  blob(repository: string, digest: string): Buffer | undefined;
  putManifest(repository: string, reference: string, body: Buffer, mediaType: string): string;
  manifest(repository: string, reference: string): { body: Buffer; mediaType: string } | undefined;
  close(): Promise<void>;
}

const digestOf = (data: Buffer) => `sha256:${createHash('sha256').update(data).digest('hex')}`;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export async function startFakeRegistry(options: FakeRegistryOptions = {}): Promise<FakeRegistry> {
  const blobs = new Map<string, Buffer>();
  const present = new Map<string, Set<string>>(); // repository → digests
  const manifests = new Map<string, { body: Buffer; mediaType: string }>(); // repository@reference
  const uploads = new Map<string, { repository: string; parts: Buffer[] }>();
  const tokens = new Map<string, { issued: number; uses: number; scope: string }>();
  const log: FakeRequest[] = [];
  const rules = (options.rules ?? []).map((r) => ({ ...r }));
  const sockets = new Set<Socket>();
  let issued = 0;
  let host = '';

  const has = (repo: string, digest: string) => present.get(repo)?.has(digest) === true;
  const putBlob = (repo: string, data: Buffer) => {
    const digest = digestOf(data);
    blobs.set(digest, data);
    present.set(repo, (present.get(repo) ?? new Set()).add(digest));
    return digest;
  };
  const putManifest = (repo: string, reference: string, body: Buffer, mediaType: string) => {
    const digest = digestOf(body);
    manifests.set(`${repo}@${reference}`, { body, mediaType });
    manifests.set(`${repo}@${digest}`, { body, mediaType });
    return digest;
  };

  /** Sends a body at the download rate, or drops the connection after `dropAfter` bytes. */
  async function send(res: ServerResponse, whole: Buffer, dropAfter?: number, tail?: { bytes: number; pieces: number }): Promise<void> {
    const rate = options.throttle?.download;
    const step = rate ? Math.max(1, Math.floor(rate / 50)) : 64 * 1024;
    const body = tail ? whole.subarray(0, Math.max(0, whole.length - tail.bytes)) : whole;
    if (dropAfter !== undefined) res.flushHeaders(); // the drop comes after the answer's headers
    for (let at = 0; at < body.length; at += step) {
      if (res.destroyed) return;
      let piece = body.subarray(at, at + step);
      if (dropAfter !== undefined && at + piece.length >= dropAfter) piece = piece.subarray(0, dropAfter - at);
      if (piece.length > 0 && !res.write(piece)) await new Promise((r) => res.once('drain', r));
      if (dropAfter !== undefined && at + piece.length >= dropAfter) {
        await sleep(5);
        res.socket?.destroy();
        return;
      }
      if (rate) await sleep((piece.length / rate) * 1000);
    }
    if (tail) {
      const size = Math.max(1, Math.ceil((whole.length - body.length) / tail.pieces));
      for (let at = body.length; at < whole.length; at += size) {
        await sleep(2);
        if (res.destroyed) return;
        res.write(whole.subarray(at, at + size));
      }
    }
    res.end();
  }

  /** Reads a request body at the upload rate. */
  async function receive(req: IncomingMessage): Promise<Buffer> {
    const rate = options.throttle?.upload;
    const parts: Buffer[] = [];
    for await (const chunk of req) {
      parts.push(chunk as Buffer);
      if (rate) await sleep(((chunk as Buffer).length / rate) * 1000);
    }
    return Buffer.concat(parts);
  }

  /** Checks the request's credentials; answers 401 and returns false when they do not do. */
  function authorized(req: IncomingMessage, res: ServerResponse, repo: string | undefined, entry: FakeRequest): boolean {
    const auth = options.auth;
    if (!auth) return true;
    const header = req.headers.authorization ?? '';
    const push = !['GET', 'HEAD'].includes(req.method ?? 'GET');
    const scope = repo ? `repository:${repo}:${push ? 'pull,push' : 'pull'}` : '';
    let ok = false;
    if (auth.scheme === 'basic')
      ok = auth.users.some((u) => header === `Basic ${Buffer.from(`${u.username}:${u.password}`).toString('base64')}`);
    else {
      const t = tokens.get(header.replace(/^Bearer /, ''));
      if (t) {
        t.uses++;
        const fresh =
          (auth.tokenSeconds === undefined || Date.now() - t.issued < auth.tokenSeconds * 1000) &&
          (auth.tokenRequests === undefined || t.uses <= auth.tokenRequests);
        ok = fresh && (!repo || t.scope === scope || (t.scope.endsWith(':pull,push') && t.scope.startsWith(`repository:${repo}:`)));
      }
    }
    if (ok) return true;
    const challenge =
      auth.scheme === 'basic'
        ? 'Basic realm="fake"'
        : `Bearer realm="http://${host}/token",service="fake"${scope ? `,scope="${scope}"` : ''}`;
    entry.status = 401;
    res.writeHead(401, { 'www-authenticate': challenge, 'content-type': 'application/json' }).end('{"errors":[{"code":"UNAUTHORIZED"}]}');
    return false;
  }

  function token(req: IncomingMessage, res: ServerResponse, url: URL, entry: FakeRequest): void {
    const auth = options.auth as FakeAuth;
    const header = req.headers.authorization ?? '';
    if (
      auth.users.length > 0 &&
      !auth.users.some((u) => header === `Basic ${Buffer.from(`${u.username}:${u.password}`).toString('base64')}`)
    ) {
      entry.status = 401;
      res.writeHead(401).end();
      return;
    }
    const value = `tok-${randomUUID()}`;
    issued++;
    tokens.set(value, { issued: Date.now(), uses: 0, scope: url.searchParams.get('scope') ?? '' });
    entry.status = 200;
    res
      .writeHead(200, { 'content-type': 'application/json' })
      .end(JSON.stringify({ token: value, ...(auth.expiresIn !== undefined ? { expires_in: auth.expiresIn } : {}) }));
  }

  async function blobGet(
    req: IncomingMessage,
    res: ServerResponse,
    repo: string,
    digest: string,
    entry: FakeRequest,
    fault?: FakeFault,
  ): Promise<void> {
    const data = has(repo, digest) ? blobs.get(digest) : undefined;
    if (!data) return void res.writeHead((entry.status = 404)).end();
    const m = fault?.kind === 'ignore-range' ? null : /^bytes=(\d+)-(\d*)$/.exec(req.headers.range ?? '');
    const headers: Record<string, string> = { 'content-type': 'application/octet-stream', 'docker-content-digest': digest };
    let start = 0;
    let end = data.length - 1;
    if (m) {
      start = Number(m[1]);
      end = m[2] ? Math.min(Number(m[2]), data.length - 1) : data.length - 1;
      if (fault?.kind === 'short') end = Math.min(end, start + fault.bytes - 1);
      const shown = fault?.kind === 'wrong-range' ? start + fault.by : start;
      headers['content-range'] = `bytes ${shown}-${end}/${data.length}`;
    }
    const body = data.subarray(start, end + 1);
    headers['content-length'] = String(body.length);
    res.writeHead((entry.status = m ? 206 : 200), headers);
    if (req.method === 'HEAD') return void res.end();
    if (fault?.kind === 'hold') await fault.until.catch(() => undefined);
    await send(res, body, fault?.kind === 'drop' ? fault.afterBytes : undefined, fault?.kind === 'slow-tail' ? fault : undefined);
  }

  async function uploadRoute(
    req: IncomingMessage,
    res: ServerResponse,
    url: URL,
    repo: string,
    id: string,
    entry: FakeRequest,
    fault?: FakeFault,
  ): Promise<void> {
    const method = req.method ?? 'GET';
    const location = (uid: string) => `/v2/${repo}/blobs/uploads/${uid}`;
    if (method === 'POST' && id === '') {
      const mount = url.searchParams.get('mount');
      const from = url.searchParams.get('from');
      if (mount && from && !options.refuseMounts && has(from, mount)) {
        putBlob(repo, blobs.get(mount) as Buffer);
        return void res.writeHead((entry.status = 201), { location: `/v2/${repo}/blobs/${mount}`, 'docker-content-digest': mount }).end();
      }
      const uid = randomUUID();
      uploads.set(uid, { repository: repo, parts: [] });
      return void res.writeHead((entry.status = 202), { location: location(uid), 'docker-upload-uuid': uid, 'content-length': '0' }).end();
    }
    const upload = uploads.get(id);
    if (!upload || upload.repository !== repo) return void res.writeHead((entry.status = 404)).end();
    if (method === 'DELETE') {
      uploads.delete(id);
      return void res.writeHead((entry.status = 204)).end();
    }
    if (fault?.kind === 'drop') {
      let got = 0;
      for await (const chunk of req) if ((got += (chunk as Buffer).length) >= fault.afterBytes) break;
      return void req.socket.destroy();
    }
    upload.parts.push(await receive(req));
    if (method === 'PATCH') return void res.writeHead((entry.status = 202), { location: location(id), 'content-length': '0' }).end();
    const data = Buffer.concat(upload.parts);
    if (method !== 'PUT' || url.searchParams.get('digest') !== digestOf(data)) {
      return void res.writeHead((entry.status = 400), { 'content-type': 'application/json' }).end('{"errors":[{"code":"DIGEST_INVALID"}]}');
    }
    uploads.delete(id);
    const digest = putBlob(repo, data);
    res
      .writeHead((entry.status = 201), { location: `/v2/${repo}/blobs/${digest}`, 'docker-content-digest': digest, 'content-length': '0' })
      .end();
  }

  async function manifestRoute(
    req: IncomingMessage,
    res: ServerResponse,
    repo: string,
    reference: string,
    entry: FakeRequest,
  ): Promise<void> {
    if (req.method === 'PUT') {
      const body = await receive(req);
      const digest = putManifest(repo, reference, body, req.headers['content-type'] ?? '');
      return void res.writeHead((entry.status = 201), { 'docker-content-digest': digest, 'content-length': '0' }).end();
    }
    const m = manifests.get(`${repo}@${reference}`);
    if (!m) return void res.writeHead((entry.status = 404)).end();
    const headers: Record<string, string> = { 'content-type': m.mediaType, 'content-length': String(m.body.length) };
    if (!options.omitDigest) headers['docker-content-digest'] = digestOf(m.body);
    res.writeHead((entry.status = 200), headers);
    res.end(req.method === 'HEAD' ? undefined : m.body);
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', `http://${host}`);
    const method = req.method ?? 'GET';
    const entry: FakeRequest = { method, path: url.pathname, status: 0 };
    if (req.headers.range) entry.range = req.headers.range;
    if (req.headers.authorization) entry.authorization = req.headers.authorization;
    log.push(entry);
    if (url.pathname === '/token' && options.auth) return token(req, res, url, entry);
    const up = /^\/v2\/(.+)\/blobs\/uploads\/([^/]*)$/.exec(url.pathname);
    const item = /^\/v2\/(.+)\/(manifests|blobs)\/([^/]+)$/.exec(url.pathname);
    const repo = up?.[1] ?? item?.[1];
    if (!authorized(req, res, repo, entry)) return void req.resume();
    const rule = rules.find((r) => (r.times ?? 1) > 0 && (!r.method || r.method === method) && r.path.test(url.pathname));
    if (rule) {
      rule.times = (rule.times ?? 1) - 1;
      entry.fault = rule.fault.kind;
      if (rule.fault.kind === 'status') {
        req.resume();
        const headers: Record<string, string> = { 'content-type': 'application/json' };
        if (rule.fault.retryAfter !== undefined) headers['retry-after'] = rule.fault.retryAfter;
        return void res.writeHead((entry.status = rule.fault.status), headers).end(rule.fault.body ?? '{"errors":[{"code":"INJECTED"}]}');
      }
    }
    if (url.pathname === '/v2/' || url.pathname === '/v2') return void res.writeHead((entry.status = 200)).end('{}');
    if (up) return uploadRoute(req, res, url, up[1], up[2], entry, rule?.fault);
    if (item?.[2] === 'manifests') return manifestRoute(req, res, item[1], decodeURIComponent(item[3]), entry);
    if (item?.[2] === 'blobs') return blobGet(req, res, item[1], decodeURIComponent(item[3]), entry, rule?.fault);
    const list = /^\/v2\/(.+)\/tags\/list$/.exec(url.pathname);
    if (list) {
      const tags = [...manifests.keys()]
        .filter((k) => k.startsWith(`${list[1]}@`) && !k.includes('@sha256:'))
        .map((k) => k.slice(list[1].length + 1));
      return void res
        .writeHead((entry.status = 200), { 'content-type': 'application/json' })
        .end(JSON.stringify({ name: list[1], tags: tags.sort() }));
    }
    res.writeHead((entry.status = 404)).end();
  }

  const server = createServer((req, res) => {
    handle(req, res).catch(() => res.destroy());
  });
  server.on('connection', (s: Socket) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  host = `127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    host,
    log,
    rules,
    tokensIssued: () => issued,
    putBlob,
    blob: (repo, digest) => (has(repo, digest) ? blobs.get(digest) : undefined),
    putManifest,
    manifest: (repo, reference) => manifests.get(`${repo}@${reference}`),
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}
