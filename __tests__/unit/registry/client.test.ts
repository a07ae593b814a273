// The registry client against an in-memory registry: resolving tags through an index to one
// platform, manifests and blobs checked against their digests, ranges resumed after a drop,
// Basic and Bearer auth (without leaking secrets), and retries of answers that say "later".
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { RegistryClient, RegistryError } from '../../../src/registry/client.js';
import { errorCodes } from '../../../src/registry/errors.js';
import { MEDIA } from '../../../src/oci/types.js';
import { sha256 } from '../../../src/oci/digest.js';
import { type FakeRegistry, type FakeRegistryOptions, startFakeRegistry } from '../../helpers/fake-registry.js';

const AMD64 = { os: 'linux', architecture: 'amd64' };
const USER = { username: 'ci-bot', password: 'pw-very-secret' };
const running: FakeRegistry[] = [];
afterEach(async () => {
  await Promise.all(running.splice(0).map((r) => r.close()));
});

async function registry(options: FakeRegistryOptions = {}): Promise<FakeRegistry> {
  const r = await startFakeRegistry(options);
  running.push(r);
  return r;
}

const client = (extra: ConstructorParameters<typeof RegistryClient>[0] = {}) =>
  new RegistryClient({ retries: 2, timeoutMs: 1_000, ...extra });
const bytes = (n: number, seed = 7) => Buffer.from(Array.from({ length: n }, (_, i) => (i * seed + (i >> 8)) & 0xff));

/** An image with one layer per platform under an index tagged `v1`; returns its pieces. */
function seedImage(r: FakeRegistry, repo: string) {
  const layer = bytes(200_000);
  const layerDigest = r.putBlob(repo, layer);
  const manifestFor = (arch: string) => {
    const config = Buffer.from(JSON.stringify({ architecture: arch, os: 'linux', rootfs: { type: 'layers', diff_ids: [] } }));
    const manifest = Buffer.from(
      JSON.stringify({
        schemaVersion: 2,
        mediaType: MEDIA.ociManifest,
        config: { mediaType: MEDIA.ociConfig, digest: r.putBlob(repo, config), size: config.length },
        layers: [{ mediaType: MEDIA.ociLayerGzip, digest: layerDigest, size: layer.length }],
      }),
    );
    return { digest: r.putManifest(repo, sha256(manifest), manifest, MEDIA.ociManifest), size: manifest.length };
  };
  const amd = manifestFor('amd64');
  const arm = manifestFor('arm64');
  const index = Buffer.from(
    JSON.stringify({
      schemaVersion: 2,
      mediaType: MEDIA.ociIndex,
      manifests: [
        { mediaType: MEDIA.ociManifest, ...amd, platform: AMD64 },
        { mediaType: MEDIA.ociManifest, ...arm, platform: { os: 'linux', architecture: 'arm64' } },
      ],
    }),
  );
  return { layer, layerDigest, amd, index: r.putManifest(repo, 'v1', index, MEDIA.ociIndex) };
}

async function drain(stream: AsyncIterable<unknown>): Promise<Buffer> {
  const parts: Buffer[] = [];
  for await (const c of stream) parts.push(c as Buffer);
  return Buffer.concat(parts);
}

test('resolve goes through the index to the platform manifest and its config', async () => {
  const r = await registry();
  const img = seedImage(r, 'team/app');
  const ref = { registry: r.host, repository: 'team/app', tag: 'v1' };
  const resolved = await client().resolve(ref, AMD64);
  expect([resolved.digest, resolved.manifestDigest, resolved.config.architecture]).toEqual([img.index, img.amd.digest, 'amd64']);
  await expect(client().resolve(ref, { os: 'linux', architecture: 's390x' })).rejects.toThrow(
    /has no image for linux\/s390x \(it has: linux\/amd64, linux\/arm64\)/,
  );
  expect(await client().headManifest(ref)).toBe(img.index);
  expect(await client().headManifest({ ...ref, tag: 'nope' })).toBeUndefined();
  await expect(client().getManifest(ref, img.amd.digest.replace(/.$/, '0'))).rejects.toThrow(/not found/);
});

test('getManifestIfAny: the manifest in one GET, or undefined for a tag the registry lacks; a digest is still checked', async () => {
  const r = await registry();
  const img = seedImage(r, 'team/app');
  const ref = { registry: r.host, repository: 'team/app', tag: 'v1' };
  expect((await client().getManifestIfAny(ref))?.digest).toBe(img.index);
  expect(await client().getManifestIfAny({ ...ref, tag: 'nope' })).toBeUndefined();
  expect(r.log.map((e) => `${e.method} ${e.status}`)).toEqual(['GET 200', 'GET 404']);
  await expect(client().getManifestIfAny(ref, img.amd.digest.replace(/.$/, '0'))).resolves.toBeUndefined();
  r.rules.push({ method: 'GET', path: /\/manifests\//, times: 1, fault: { kind: 'status', status: 500 } });
  await expect(client().getManifestIfAny(ref)).resolves.toMatchObject({ digest: img.index }); // retried
});

test('a registry without Docker-Content-Digest on HEAD: the manifest is fetched and hashed', async () => {
  const r = await registry({ omitDigest: true });
  const img = seedImage(r, 'team/app');
  const ref = { registry: r.host, repository: 'team/app', tag: 'v1' };
  expect(await client().headManifest(ref)).toBe(img.index);
  expect(await client().headManifest({ ...ref, tag: 'nope' })).toBeUndefined();
  expect(r.log.map((e) => `${e.method} ${e.status}`)).toEqual(['HEAD 200', 'GET 200', 'HEAD 404']);
});

test('a manifest asked by digest must hash to it', async () => {
  const r = await registry();
  const body = Buffer.from('{"schemaVersion":2}');
  const wrong = `sha256:${'b'.repeat(64)}`;
  r.putManifest('a/b', wrong, body, MEDIA.ociManifest);
  await expect(client().getManifest({ registry: r.host, repository: 'a/b' }, wrong)).rejects.toThrow(/has the wrong content/);
});

test('blobs: whole and checked, by range, and resumed where a dropped body broke', async () => {
  const r = await registry();
  const data = bytes(300_000);
  const digest = r.putBlob('x/y', data);
  const ref = { registry: r.host, repository: 'x/y' };
  expect((await client().getBlob(ref, digest)).equals(data)).toBe(true);
  expect(await client().hasBlob(ref, digest)).toBe(true);
  expect(await client().hasBlob(ref, `sha256:${'0'.repeat(64)}`)).toBe(false);
  expect((await drain(await client().blobStream(ref, digest, { start: 1000, end: 1999 }))).equals(data.subarray(1000, 2000))).toBe(true);

  r.rules.push({ path: /\/blobs\//, fault: { kind: 'drop', afterBytes: 100_000 } });
  expect((await drain(await client().blobStream(ref, digest))).equals(data)).toBe(true);
  expect(r.log.slice(-2).map((e) => e.range ?? 'whole')).toEqual(['whole', expect.stringMatching(/^bytes=\d+-$/)]);
  expect(Number(/=(\d+)-/.exec(r.log[r.log.length - 1].range ?? '')?.[1])).toBeGreaterThan(0);
});

test('a short 206 is resumed for the rest; a wrong Content-Range fails clearly', async () => {
  const r = await registry();
  const data = bytes(50_000, 3);
  const digest = r.putBlob('x/y', data);
  const ref = { registry: r.host, repository: 'x/y' };
  r.rules.push({ path: /\/blobs\//, fault: { kind: 'short', bytes: 1000 } });
  expect((await drain(await client().blobStream(ref, digest, { start: 10, end: 9_999 }))).equals(data.subarray(10, 10_000))).toBe(true);
  expect(r.log.map((e) => e.range)).toEqual(['bytes=10-9999', 'bytes=1010-9999']);
  r.rules.push({ path: /\/blobs\//, fault: { kind: 'wrong-range', by: 5 } });
  await expect(client().blobStream(ref, digest, { start: 10, end: 99 })).rejects.toThrow(/answered another range than bytes 10-99/);
});

test('a resumed read answered whole (Range ignored) skips the bytes it has; a range answered whole fails', async () => {
  const r = await registry();
  const data = bytes(200_000, 5);
  const digest = r.putBlob('x/y', data);
  const ref = { registry: r.host, repository: 'x/y' };
  r.rules.push({ path: /\/blobs\//, fault: { kind: 'drop', afterBytes: 70_000 } });
  r.rules.push({ path: /\/blobs\//, fault: { kind: 'ignore-range' } });
  expect((await drain(await client().blobStream(ref, digest))).equals(data)).toBe(true);
  expect(r.log.map((e) => [e.range ?? 'whole', e.status])).toEqual([
    ['whole', 200],
    [expect.stringMatching(/^bytes=\d+-$/), 200],
  ]);
  r.rules.push({ path: /\/blobs\//, fault: { kind: 'ignore-range' } });
  await expect(client().blobStream(ref, digest, { start: 10, end: 99 })).rejects.toThrow(/ignored a Range request for sha256:/);
});

test('a body that keeps breaking is given up with the cause named', async () => {
  const r = await registry();
  const digest = r.putBlob('x/y', bytes(200_000));
  r.rules.push({ path: /\/blobs\//, fault: { kind: 'drop', afterBytes: 70_000 } });
  r.rules.push({ path: /\/blobs\//, times: 5, fault: { kind: 'drop', afterBytes: 0 } });
  await expect(drain(await client({ retries: 1 }).blobStream({ registry: r.host, repository: 'x/y' }, digest))).rejects.toThrow(
    /blob sha256:\w+ of 127\.0\.0\.1:\d+\/x\/y: the connection broke 2 times in a row, last: /,
  );
});

test('a read its reader gives up on (the stream destroyed with an error) asks the registry nothing more', async () => {
  const r = await registry();
  const data = bytes(3_000_000, 11);
  const digest = r.putBlob('x/y', data);
  const stream = await client().blobStream({ registry: r.host, repository: 'x/y' }, digest, { start: 0, end: data.length - 1 });
  // Like a pipeline whose last stage failed: the reader stops after a first piece and destroys the source.
  const failed = new Promise((resolve) => stream.once('error', resolve));
  stream.once('data', () => stream.destroy(new Error('the file did not match its sha256')));
  expect(await failed).toEqual(new Error('the file did not match its sha256'));
  await new Promise((resolve) => setTimeout(resolve, 300));
  expect(r.log.map((e) => e.range)).toEqual([`bytes=0-${data.length - 1}`]);
});

test('configs are kept in the config cache folder and read from it', async () => {
  const r = await registry();
  const img = seedImage(r, 'team/app');
  const dir = await mkdtemp(join(tmpdir(), 'configs-'));
  try {
    const ref = { registry: r.host, repository: 'team/app', tag: 'v1' };
    await client({ configCacheDir: dir }).resolve(ref, AMD64);
    const blobReads = () => r.log.filter((e) => e.path.includes('/blobs/')).length;
    const before = blobReads();
    expect((await client({ configCacheDir: dir }).resolve(ref, AMD64)).manifestDigest).toBe(img.amd.digest);
    expect(blobReads()).toBe(before);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

test('a blob whose bytes do not match its digest fails', async () => {
  const r = await registry();
  const data = bytes(1000);
  const digest = r.putBlob('x/y', data);
  data[5] ^= 0xff; // the stored copy changes under its digest
  await expect(client().getBlob({ registry: r.host, repository: 'x/y' }, digest)).rejects.toThrow(/does not match its digest/);
  await expect(drain(await client().blobStream({ registry: r.host, repository: 'x/y' }, digest))).rejects.toThrow(
    /do not match the digest/,
  );
});

test('Bearer auth: one token per repository and access, the secrets reported and kept out of messages', async () => {
  const r = await registry({ auth: { scheme: 'bearer', users: [USER] } });
  const img = seedImage(r, 'team/app');
  const secrets: string[] = [];
  const c = client({ credentials: () => USER, onSecret: (s) => secrets.push(s) });
  const ref = { registry: r.host, repository: 'team/app', tag: 'v1' };
  await c.resolve(ref, AMD64);
  expect((await c.getBlob(ref, img.layerDigest)).length).toBe(200_000);
  expect(r.tokensIssued()).toBe(1);
  expect(secrets).toEqual(expect.arrayContaining([USER.password, Buffer.from(`${USER.username}:${USER.password}`).toString('base64')]));
  const anonymous = await client()
    .resolve(ref, AMD64)
    .catch((e: Error) => e);
  expect(anonymous).toBeInstanceOf(RegistryError);
  expect((anonymous as Error).message).toMatch(/token request to .* failed: HTTP 401/);
  const basicOnly = await registry({ auth: { scheme: 'basic', users: [USER] } });
  await expect(client().getBlob({ registry: basicOnly.host, repository: 'a/b' }, img.layerDigest)).rejects.toThrow(
    /asks for credentials for a\/b and none were found/,
  );
  const wrong = await client({ credentials: () => ({ ...USER, password: 'nope' }) })
    .resolve(ref, AMD64)
    .catch((e: Error) => e);
  expect((wrong as Error).message).toMatch(/token request to http:\/\/127\.0\.0\.1:\d+\/token failed: HTTP 401/);
});

test('Basic auth: the header is sent after the challenge; a wrong password is access denied', async () => {
  const r = await registry({ auth: { scheme: 'basic', users: [USER] } });
  const digest = r.putBlob('x/y', bytes(10));
  const ref = { registry: r.host, repository: 'x/y' };
  expect((await client({ credentials: () => USER }).getBlob(ref, digest)).length).toBe(10);
  const err = (await client({ credentials: () => ({ ...USER, password: 'wrong-pw' }) })
    .getBlob(ref, digest)
    .catch((e: Error) => e)) as Error;
  expect(err.message).toMatch(/access denied/);
  expect(err.message).not.toContain('wrong-pw');
});

test('5xx and 429 are retried; a registry that keeps failing gives a clear error', async () => {
  const r = await registry();
  const digest = r.putBlob('x/y', bytes(10));
  const ref = { registry: r.host, repository: 'x/y' };
  r.rules.push({ path: /\/blobs\//, times: 2, fault: { kind: 'status', status: 500 } });
  expect((await client().getBlob(ref, digest)).length).toBe(10);
  r.rules.push({ path: /\/blobs\//, times: 10, fault: { kind: 'status', status: 503 } });
  await expect(client({ retries: 1 }).getBlob(ref, digest)).rejects.toMatchObject({
    status: 503,
    message: expect.stringMatching(/failed after 2 attempts: answered HTTP 503$/),
  });
  r.rules.length = 0;
  r.rules.push({ path: /\/blobs\//, fault: { kind: 'status', status: 403 } });
  await expect(client().getBlob(ref, digest)).rejects.toMatchObject({ status: 403, message: expect.stringMatching(/access denied/) });
});

test('a 400 whose codes hold DENIED after a long first error is access denied, naming its codes', async () => {
  const r = await registry();
  const digest = r.putBlob('x/y', bytes(10));
  const ref = { registry: r.host, repository: 'x/y' };
  const body = JSON.stringify({ errors: [{ code: 'UNSUPPORTED', message: 'a policy says no. '.repeat(20) }, { code: 'DENIED' }] });
  r.rules.push({ path: /\/blobs\//, fault: { kind: 'status', status: 400, body } });
  await expect(client().getBlob(ref, digest)).rejects.toMatchObject({
    status: 400,
    codes: ['UNSUPPORTED', 'DENIED'],
    message: expect.stringMatching(/access denied/),
  });
  r.rules.push({ path: /\/blobs\//, fault: { kind: 'status', status: 400, body: JSON.stringify({ errors: [{ code: 'UNSUPPORTED' }] }) } });
  await expect(client().getBlob(ref, digest)).rejects.toMatchObject({ status: 400, message: expect.not.stringMatching(/access denied/) });
});

test('pushBlob, putManifest, mounts and upload sessions', async () => {
  const r = await registry();
  const c = client();
  const ref = { registry: r.host, repository: 'out/one' };
  const data = bytes(5000);
  const digest = sha256(data);
  expect(await c.pushBlob(ref, digest, data)).toBe(true);
  expect(await c.pushBlob(ref, digest, data)).toBe(false);
  expect(r.blob('out/one', digest)?.equals(data)).toBe(true);
  expect(await c.mountBlob({ registry: r.host, repository: 'out/two' }, digest, 'out/one')).toBe(true);
  expect(await c.mountBlob({ registry: r.host, repository: 'out/three' }, `sha256:${'1'.repeat(64)}`, 'out/one')).toBe(false);
  expect(r.log[r.log.length - 1].method).toBe('DELETE');

  const session = await c.startUpload(ref);
  async function* parts() {
    yield data.subarray(0, 100);
    yield data.subarray(100);
  }
  await c.sendUpload(session, parts());
  await c.finishUpload(session, digest);
  const dropped = await c.startUpload(ref);
  await c.cancelUpload(dropped);
  expect(r.log.slice(-1)[0]).toMatchObject({ method: 'DELETE', status: 204 });
  const manifest = Buffer.from('{"schemaVersion":2}');
  expect(await c.putManifest(ref, 'v2', manifest, MEDIA.ociManifest)).toBe(sha256(manifest));
  expect(r.manifest('out/one', 'v2')?.body.equals(manifest)).toBe(true);
});

// distribution's own answer when a manifest's blob is not (yet) linked in the repository.
const BLOB_UNKNOWN_BODY = JSON.stringify({
  errors: [
    { code: 'DIGEST_INVALID', message: 'provided digest did not match uploaded content' },
    { code: 'MANIFEST_BLOB_UNKNOWN', message: 'blob unknown to registry', detail: `sha256:${'7'.repeat(64)}` },
  ],
});

test.each([
  ['answered "blob unknown" twice, then accepted', 2, 'accepted'],
  ['answered "blob unknown" every time: the fifth answer is the error', 9, 'refused'],
])('putManifest tries again when the registry does not know a blob yet: %s', async (_name, times, outcome) => {
  const fault = { kind: 'status' as const, status: 400, body: BLOB_UNKNOWN_BODY };
  const r = await registry({ rules: [{ method: 'PUT', path: /manifests\/v1$/, times, fault }] });
  const ref = { registry: r.host, repository: 'out/one' };
  const manifest = Buffer.from('{"schemaVersion":2}');
  const put = client().putManifest(ref, 'v1', manifest, MEDIA.ociManifest);
  if (outcome === 'accepted') expect(await put).toBe(sha256(manifest));
  else await expect(put).rejects.toMatchObject({ status: 400, codes: ['DIGEST_INVALID', 'MANIFEST_BLOB_UNKNOWN'] });
  const puts = r.log.filter((q) => q.method === 'PUT').map((q) => q.status);
  expect(puts).toEqual(outcome === 'accepted' ? [400, 400, 201] : [400, 400, 400, 400, 400]);
});

test.each([
  ["the spec's body", BLOB_UNKNOWN_BODY, ['DIGEST_INVALID', 'MANIFEST_BLOB_UNKNOWN']],
  ['not JSON', '<html>502 Bad Gateway</html>', []],
  ['JSON without errors', '{"message":"no"}', []],
  ['errors that is not a list', '{"errors":{"code":"DENIED"}}', []],
  [
    'codes that are not strings, lower case, or carry other characters',
    '{"errors":[{"code":1},null,{"code":"denied"},{"code":"BLOB_UNKNOWN\\n"},{}]}',
    [],
  ],
  ['a code of 65 characters', JSON.stringify({ errors: [{ code: 'A'.repeat(65) }, { code: 'DENIED' }] }), ['DENIED']],
  [
    'more than 16 codes',
    JSON.stringify({ errors: Array.from({ length: 20 }, () => ({ code: 'UNKNOWN' })) }),
    Array<string>(16).fill('UNKNOWN'),
  ],
])('errorCodes: %s', (_name, body, codes) => {
  expect(errorCodes(body)).toEqual(codes);
});

test('putManifest: other refusals are not tried again', async () => {
  const body = JSON.stringify({ errors: [{ code: 'MANIFEST_INVALID', message: 'manifest invalid' }] });
  const r = await registry({ rules: [{ method: 'PUT', path: /manifests\/v1$/, times: 9, fault: { kind: 'status', status: 400, body } }] });
  const put = client().putManifest({ registry: r.host, repository: 'out/one' }, 'v1', Buffer.from('{}'), MEDIA.ociManifest);
  await expect(put).rejects.toMatchObject({ status: 400, codes: ['MANIFEST_INVALID'] });
  expect(r.log.filter((q) => q.method === 'PUT')).toHaveLength(1);
});

test('tagManifest puts the index a tag names under another tag, byte for byte, in one PUT', async () => {
  const r = await registry();
  const img = seedImage(r, 'team/app');
  const from = { registry: r.host, repository: 'team/app', tag: 'v1' };
  const to = { registry: r.host, repository: 'team/app', tag: 'shared' };
  expect(await client().tagManifest(from, to)).toBe(img.index);
  expect(r.manifest('team/app', 'shared')).toEqual(r.manifest('team/app', 'v1'));
  expect(r.manifest('team/app', 'shared')?.mediaType).toBe(MEDIA.ociIndex);
  expect(r.log.filter((q) => q.method === 'PUT').map((q) => q.path)).toEqual(['/v2/team/app/manifests/shared']);
});

test('tagManifest: a PUT the registry refuses is an error naming the repository and the status', async () => {
  const r = await registry({ rules: [{ method: 'PUT', path: /manifests\/shared$/, times: 9, fault: { kind: 'status', status: 403 } }] });
  seedImage(r, 'team/app');
  const from = { registry: r.host, repository: 'team/app', tag: 'v1' };
  const to = { registry: r.host, repository: 'team/app', tag: 'shared' };
  await expect(client().tagManifest(from, to)).rejects.toThrow(/team\/app.*403|403.*team\/app/);
  expect(r.manifest('team/app', 'shared')).toBeUndefined();
});
