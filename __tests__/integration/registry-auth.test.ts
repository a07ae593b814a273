// Selective fetch from registries that want credentials, read from a Docker config folder
// as docker login leaves them: a real distribution registry with htpasswd Basic auth, and
// the Bearer token flow (401 challenge → token server → token) that nvcr.io uses. No error
// message may carry a password, the Basic header or a token.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readDockerCredentials } from '../../src/registry/credentials.js';
import { fetchEntries } from '../../src/layer/fetch-entries.js';
import { buildLayerIndex } from '../../src/layer/layer-index.js';
import { RegistryClient, RegistryError } from '../../src/registry/client.js';
import { type Running, type User, startHtpasswdRegistry, startTokenRegistry, writeDockerConfig } from '../helpers/auth-registry.js';
import { makeLayer, sampleItems } from '../helpers/layer-tar.js';
import { MEDIA } from '../../src/oci/types.js';
import { sha256 } from '../../src/oci/digest.js';

const USER: User = { username: 'ci-bot', password: `pw-${Math.random().toString(36).slice(2)}-secret` };
const WRONG: User = { username: 'ci-bot', password: 'not-the-password' };
const PLATFORM = { os: 'linux', architecture: 'amd64' };
const servers: Running[] = [];
const folders: string[] = [];
afterAll(async () => {
  await Promise.all(servers.map((s) => s.close()));
  await Promise.all(folders.map((f) => rm(f, { recursive: true, force: true })));
});

async function clientFor(host: string, user: User | undefined, secrets: string[] = []): Promise<RegistryClient> {
  const dir = await writeDockerConfig(user ? { [host]: user } : {});
  folders.push(dir);
  return new RegistryClient({
    credentials: readDockerCredentials({ DOCKER_CONFIG: dir }),
    onSecret: (s) => secrets.push(s),
    retries: 1,
    timeoutMs: 5_000,
  });
}

/** Every way a credential could leak into a message. */
function expectNoSecrets(message: string, user: User, more: string[] = []): void {
  for (const s of [user.password, Buffer.from(`${user.username}:${user.password}`).toString('base64'), ...more])
    expect(message).not.toContain(s);
}

async function errorOf(p: Promise<unknown>): Promise<Error> {
  try {
    await p;
  } catch (err) {
    return err as Error;
  }
  throw new Error('expected a failure');
}

test('htpasswd registry: push with the client, then index and extract by ranges', async () => {
  const registry = await startHtpasswdRegistry([USER]);
  servers.push(registry);
  const secrets: string[] = [];
  const client = await clientFor(registry.host, USER, secrets);
  const ref = { registry: registry.host, repository: `selective/auth-${process.pid}`, tag: 'v1' };
  const layer = await makeLayer(sampleItems());
  const config = Buffer.from(
    JSON.stringify({ architecture: 'amd64', os: 'linux', rootfs: { type: 'layers', diff_ids: [sha256(layer.tar)] } }),
  );
  await client.pushBlob(ref, layer.digest, layer.gz);
  await client.pushBlob(ref, sha256(config), config);
  const manifest = {
    schemaVersion: 2,
    mediaType: MEDIA.ociManifest,
    config: { mediaType: MEDIA.ociConfig, digest: sha256(config), size: config.length },
    layers: [{ mediaType: MEDIA.ociLayerGzip, digest: layer.digest, size: layer.gz.length }],
  };
  await client.putManifest(ref, 'v1', Buffer.from(JSON.stringify(manifest)), MEDIA.ociManifest);
  expect(secrets).toContain(USER.password);

  const reader = await clientFor(registry.host, USER);
  const image = await reader.resolve(ref, PLATFORM);
  const index = await buildLayerIndex(await reader.blobStream(ref, image.manifest.layers[0].digest), {
    digest: layer.digest,
    spacing: 64 * 1024,
  });
  const wanted = index.entries.filter((e) => e.path.startsWith('/opt/tritonserver/backends/python/'));
  const dest = await mkdtemp(join(tmpdir(), 'auth-'));
  folders.push(dest);
  const report = await fetchEntries(reader, ref, [{ index, entries: wanted }], dest, { owners: false });
  expect(report.bytesFetched).toBeLessThan(layer.gz.length);
  const pax = wanted.find((e) => e.path.endsWith('pax-owned.bin'));
  expect((await readFile(join(dest, pax?.path ?? ''))).equals(layer.tar.subarray(pax?.offset, (pax?.offset ?? 0) + (pax?.size ?? 0)))).toBe(
    true,
  );

  const wrong = await errorOf((await clientFor(registry.host, WRONG)).resolve(ref, PLATFORM));
  expect(wrong).toBeInstanceOf(RegistryError);
  expect(wrong.message).toMatch(/access denied/);
  expectNoSecrets(wrong.message, WRONG);
  const none = await errorOf((await clientFor(registry.host, undefined)).resolve(ref, PLATFORM));
  expect(none.message).toMatch(/asks for credentials .* none were found/);
});

test('Bearer token flow: challenge, token from Docker config credentials, then ranges', async () => {
  const front = await startTokenRegistry('http://127.0.0.1:5000', [USER]);
  servers.push(front);
  const secrets: string[] = [];
  const client = await clientFor(front.host, USER, secrets);
  const ref = { registry: front.host, repository: 'tritonserver', tag: '24.01-py3' };
  const image = await client.resolve(ref, PLATFORM);
  const small = [...image.manifest.layers].sort((a, b) => a.size - b.size)[0];
  const index = await buildLayerIndex(await client.blobStream(ref, small.digest), { digest: small.digest });
  const end = Math.min(1033, small.size - 1);
  const body = await client.blobStream(ref, small.digest, { start: 10, end });
  let n = 0;
  for await (const c of body) n += (c as Buffer).length;
  expect([n, index.compressedSize]).toEqual([end - 9, small.size]);
  expect(front.tokensIssued()).toBe(1); // one token per repository, reused
  expect(secrets.length).toBeGreaterThanOrEqual(2); // the password and the token are reported for masking

  const wrong = await errorOf((await clientFor(front.host, WRONG)).resolve(ref, PLATFORM));
  expect(wrong.message).toMatch(/token request to http:\/\/127\.0\.0\.1:\d+\/token failed: HTTP 401/);
  expectNoSecrets(wrong.message, WRONG);
});

test('a registry that echoes the Authorization header into its error: the message is redacted', async () => {
  const server = createServer((req, res) => {
    if (!req.headers.authorization) res.writeHead(401, { 'www-authenticate': 'Basic realm="echo"' }).end();
    else
      res
        .writeHead(403, { 'content-type': 'text/plain' })
        .end(`denied for ${req.headers.authorization} (${Buffer.from(req.headers.authorization.slice(6), 'base64').toString()})`);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  servers.push({ host: '', close: () => new Promise<void>((r) => server.close(() => r())) });
  const host = `127.0.0.1:${(server.address() as AddressInfo).port}`;
  const err = await errorOf((await clientFor(host, USER)).getBlob({ registry: host, repository: 'x/y' }, `sha256:${'a'.repeat(64)}`));
  expect(err.message).toMatch(/access denied: denied for Basic \*\*\* \(ci-bot:\*\*\*\)/);
  expectNoSecrets(err.message, USER);
});
