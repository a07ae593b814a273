// Registries that want credentials, for the auth tests: (1) a second real distribution
// registry with htpasswd (bcrypt) Basic auth, storage in a temp folder; (2) the Bearer token
// flow nvcr.io uses: a token server and a proxy that answers 401 with a challenge and
// forwards to the test bed's registry only with a valid token. Credentials reach the
// client through a Docker config folder, as docker login leaves them.
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { type IncomingMessage, type ServerResponse, createServer, request } from 'node:http';
import { type AddressInfo, createServer as createNetServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import bcrypt from 'bcryptjs';

export interface User {
  username: string;
  password: string;
}

export interface Running {
  host: string;
  close(): Promise<void>;
}

async function freePort(): Promise<number> {
  const srv = createNetServer();
  await new Promise<void>((r) => srv.listen(0, '127.0.0.1', r));
  const { port } = srv.address() as AddressInfo;
  await new Promise<void>((r) => srv.close(() => r()));
  return port;
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

/** A `docker-registry serve` on a free loopback port with htpasswd auth. */
export async function startHtpasswdRegistry(users: User[]): Promise<Running> {
  const dir = await mkdtemp(join(tmpdir(), 'auth-registry-'));
  await mkdir(join(dir, 'data'));
  const htpasswd = users.map((u) => `${u.username}:${bcrypt.hashSync(u.password, 5)}`).join('\n') + '\n';
  await writeFile(join(dir, 'htpasswd'), htpasswd);
  const port = await freePort();
  const config = [
    'version: 0.1',
    'log:',
    '  level: error',
    '  accesslog:',
    '    disabled: true',
    'storage:',
    '  filesystem:',
    `    rootdirectory: ${join(dir, 'data')}`,
    'http:',
    `  addr: 127.0.0.1:${port}`,
    `  secret: ${randomBytes(16).toString('hex')}`,
    'auth:',
    '  htpasswd:',
    '    realm: triton-compose-test',
    `    path: ${join(dir, 'htpasswd')}`,
    '',
  ].join('\n');
  await writeFile(join(dir, 'config.yml'), config);
  const child = spawn('docker-registry', ['serve', join(dir, 'config.yml')], { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
  const host = `127.0.0.1:${port}`;
  for (let i = 0; ; i++) {
    const status = await fetch(`http://${host}/v2/`).then(
      (r) => r.status,
      () => 0,
    );
    if (status === 401) break;
    if (i > 100 || child.exitCode !== null) {
      child.kill();
      throw new Error(`the htpasswd registry did not start: ${stderr.slice(0, 500)}`);
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  return {
    host,
    close: async () => {
      if (child.exitCode === null) {
        const exited = new Promise((r) => child.once('exit', r));
        child.kill('SIGTERM');
        await exited;
      }
      await rm(dir, { recursive: true, force: true });
    },
  };
}

/**
 * A token server and a registry front on one loopback port: /token checks Basic
 * credentials and hands out a token for the asked scope; /v2/ answers 401 with a Bearer
 * challenge unless the request carries a token whose scope covers it, then forwards.
 */
export async function startTokenRegistry(upstream: string, users: User[]): Promise<Running & { tokensIssued: () => number }> {
  const target = new URL(upstream);
  const tokens = new Map<string, string>(); // token → scope
  let issued = 0;
  let origin = '';
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
      tokens.set(token, url.searchParams.get('scope') ?? '');
      issued++;
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ token, expires_in: 300 }));
      return;
    }
    const repo = /^\/v2\/(.+?)\/(?:blobs|manifests)\//.exec(url.pathname)?.[1];
    const scope = repo ? `repository:${repo}:pull` : '';
    const token = (req.headers.authorization ?? '').replace(/^Bearer /, '');
    const granted = tokens.get(token);
    if (granted === undefined || (repo && !granted.split(' ').some((s) => s === scope || s === `repository:${repo}:pull,push`))) {
      const challenge = `Bearer realm="${origin}/token",service="test-registry"${scope ? `,scope="${scope}"` : ''}`;
      res.writeHead(401, { 'www-authenticate': challenge, 'content-type': 'application/json' }).end('{"errors":[{"code":"UNAUTHORIZED"}]}');
      req.resume();
      return;
    }
    const headers = { ...req.headers, host: target.host };
    delete headers.authorization; // the test bed's registry is anonymous
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
    tokensIssued: () => issued,
    close: () =>
      new Promise<void>((r) => {
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
}
