// Registries that want credentials, for the auth tests: (1) a second real distribution
// registry with htpasswd (bcrypt) Basic auth (or none), storage in a temp folder; (2) the
// Bearer token flow nvcr.io uses: a token server and a proxy that answers 401 with a challenge
// and forwards to a registry only with a valid, unexpired token of the right scope. Credentials
// reach the client through a Docker config folder, as docker login leaves them.
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { type IncomingMessage, type ServerResponse, createServer, request } from 'node:http';
import { type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import bcrypt from 'bcryptjs';
import { startOwnRegistry } from '../../scripts/lib/own-registry.js';

export interface User {
  username: string;
  password: string;
}

export interface Running {
  host: string;
  close(): Promise<void>;
}

/** Writes `<dir>/config.json` with `auths` for each registry; returns the folder. */
export async function writeDockerConfig(auths: Record<string, User>): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'docker-config-'));
  const entries = Object.fromEntries(
    Object.entries(auths).map(([host, u]) => [host, { auth: Buffer.from(`${u.username}:${u.password}`).toString('base64') }]),
  );
  await writeFile(join(dir, 'config.json'), JSON.stringify({ auths: entries }), { mode: 0o600 });
  return dir;
}

/** A `docker-registry serve` on a free loopback port with htpasswd auth; anonymous with no users. */
export async function startHtpasswdRegistry(users: User[]): Promise<Running> {
  const dir = await mkdtemp(join(tmpdir(), 'auth-registry-'));
  const htpasswd = users.map((u) => `${u.username}:${bcrypt.hashSync(u.password, 5)}`).join('\n') + '\n';
  await writeFile(join(dir, 'htpasswd'), htpasswd);
  const auth = users.length ? { htpasswd: join(dir, 'htpasswd') } : {};
  const registry = await startOwnRegistry(dir, { secret: true, ...auth }, users.length ? 401 : 200);
  return {
    host: registry.host,
    close: async () => {
      await registry.stop('SIGTERM');
      await rm(dir, { recursive: true, force: true });
    },
  };
}

export interface TokenOptions {
  /** How long a token is good for; default 300 s. The registry answers 401 once it is past. */
  ttlMs?: number;
}

/**
 * A token server and a registry front on one loopback port: /token checks Basic
 * credentials and hands out a token for the asked scope; /v2/ answers 401 with a Bearer
 * challenge unless the request carries an unexpired token whose scope covers it (push for
 * anything but GET and HEAD), then forwards (each request forwarded is logged).
 */
export async function startTokenRegistry(
  upstream: string,
  users: User[],
  options: TokenOptions = {},
): Promise<Running & { tokensIssued: () => number; tokens: () => string[]; forwarded: () => { method: string; path: string }[] }> {
  const target = new URL(upstream);
  const ttlMs = options.ttlMs ?? 300_000;
  const tokens = new Map<string, { scope: string; expires: number }>();
  let origin = '';
  const forwarded: { method: string; path: string }[] = [];
  const handle = (req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? '/', origin);
    if (url.pathname === '/token') {
      const auth = req.headers.authorization ?? '';
      const [user, ...rest] = Buffer.from(auth.replace(/^Basic /, ''), 'base64')
        .toString('utf8')
        .split(':');
      const ok = auth.startsWith('Basic ') && users.some((u) => u.username === user && u.password === rest.join(':'));
      if (!ok || url.searchParams.get('service') !== 'test-registry') {
        res.writeHead(401, { 'content-type': 'application/json' }).end('{"details":"incorrect username or password"}');
        return;
      }
      const token = randomBytes(24).toString('hex');
      tokens.set(token, { scope: url.searchParams.get('scope') ?? '', expires: Date.now() + ttlMs });
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ token, expires_in: Math.ceil(ttlMs / 1000) }));
      return;
    }
    const repo = /^\/v2\/(.+?)\/(?:blobs|manifests)\//.exec(url.pathname)?.[1];
    const push = req.method !== 'GET' && req.method !== 'HEAD';
    const scope = repo ? `repository:${repo}:${push ? 'pull,push' : 'pull'}` : '';
    const token = (req.headers.authorization ?? '').replace(/^Bearer /, '');
    const granted = tokens.get(token);
    const covers = (s: string) => s === scope || (!push && s === `repository:${repo}:pull,push`);
    if (!granted || granted.expires < Date.now() || (repo && !granted.scope.split(' ').some(covers))) {
      const expired = granted && granted.expires < Date.now() ? ',error="invalid_token"' : '';
      const challenge = `Bearer realm="${origin}/token",service="test-registry"${scope ? `,scope="${scope}"` : ''}${expired}`;
      res.writeHead(401, { 'www-authenticate': challenge, 'content-type': 'application/json' }).end('{"errors":[{"code":"UNAUTHORIZED"}]}');
      req.resume();
      return;
    }
    forwarded.push({ method: req.method ?? '', path: url.pathname });
    // X-Forwarded-Host: the registry writes upload locations for the front, so uploads come back through it.
    const headers = { ...req.headers, host: target.host, 'x-forwarded-host': req.headers.host ?? '' };
    delete headers.authorization; // the registry behind is anonymous
    const up = request({ host: target.hostname, port: target.port, method: req.method, path: req.url, headers }, (upRes) => {
      res.writeHead(upRes.statusCode ?? 502, upRes.headers);
      upRes.pipe(res);
    });
    up.on('error', () => res.destroy());
    req.pipe(up);
  };
  const server = createServer(handle);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const host = `127.0.0.1:${(server.address() as AddressInfo).port}`;
  origin = `http://${host}`;
  return {
    host,
    tokensIssued: () => tokens.size,
    tokens: () => [...tokens.keys()],
    forwarded: () => [...forwarded],
    close: () =>
      new Promise<void>((r) => {
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
}
