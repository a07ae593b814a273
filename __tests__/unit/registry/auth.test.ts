// Bearer tokens over a long run: renewed before their expires_in has passed (60 s when the
// server does not say), and renewed once when the registry stops taking one (a 401 with a
// token held); challenges parsed as registries write them; concurrent requests share one
// challenge round instead of each answering its own 401.
import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';
import { RegistryClient } from '../../../src/registry/client.js';
import { parseChallenge, parseExpiresIn } from '../../../src/registry/auth.js';
import { type FakeRegistry, type FakeAuth, startFakeRegistry } from '../../helpers/fake-registry.js';

const USER = { username: 'ci-bot', password: 'pw-secret' };
let r: FakeRegistry | undefined;
afterEach(async () => r?.close());

async function seeded(auth: FakeAuth): Promise<{ client: RegistryClient; get: () => Promise<Buffer> }> {
  r = await startFakeRegistry({ auth });
  const digest = r.putBlob('team/app', Buffer.from('layer bytes'));
  const client = new RegistryClient({ retries: 1, timeoutMs: 1_000, credentials: () => USER });
  const ref = { registry: r.host, repository: 'team/app' };
  return { client, get: () => client.getBlob(ref, digest) };
}

test('parseChallenge and parseExpiresIn', () => {
  expect(parseChallenge('Bearer realm="https://auth.example/token",service="registry.example",scope="repository:a/b:pull"')).toEqual({
    scheme: 'bearer',
    params: { realm: 'https://auth.example/token', service: 'registry.example', scope: 'repository:a/b:pull' },
  });
  expect(parseChallenge('Basic realm="x"')).toEqual({ scheme: 'basic', params: { realm: 'x' } });
  expect(parseChallenge('')).toEqual({ scheme: '', params: {} });
  expect([parseExpiresIn(300), parseExpiresIn(undefined), parseExpiresIn('300'), parseExpiresIn(-1), parseExpiresIn(Infinity)]).toEqual([
    300, 60, 60, 60, 60,
  ]);
});

test('a token is renewed before it expires, without a 401', async () => {
  const { get } = await seeded({ scheme: 'bearer', users: [USER], tokenSeconds: 1, expiresIn: 1 });
  await get();
  await new Promise((res) => setTimeout(res, 950));
  await get();
  const log = (r as FakeRegistry).log;
  expect(log.map((e) => `${e.path === '/token' ? 'token' : e.method} ${e.status}`)).toEqual([
    'GET 401',
    'token 200',
    'GET 200',
    'token 200',
    'GET 200',
  ]);
});

test('a token the registry stops taking is dropped and asked for again, once', async () => {
  const { get } = await seeded({ scheme: 'bearer', users: [USER], tokenRequests: 2 });
  for (let i = 0; i < 5; i++) expect((await get()).toString()).toBe('layer bytes');
  expect((r as FakeRegistry).tokensIssued()).toBe(3);
  expect((r as FakeRegistry).log.filter((e) => e.status === 401)).toHaveLength(3); // the first challenge, then two expiries
});

test('a registry that refuses a fresh token too is access denied, after one renewal', async () => {
  const { get } = await seeded({ scheme: 'bearer', users: [USER], tokenRequests: 0 });
  await expect(get()).rejects.toThrow(/access denied/);
  expect((r as FakeRegistry).tokensIssued()).toBe(2);
});

const sha = (b: Buffer) => `sha256:${createHash('sha256').update(b).digest('hex')}`;

test('8 concurrent uploads to a Basic-auth registry all succeed after one round of 401s, none on a body', async () => {
  r = await startFakeRegistry({ auth: { scheme: 'basic', users: [USER] } });
  const client = new RegistryClient({ retries: 1, timeoutMs: 5_000, credentials: () => USER });
  const ref = { registry: r.host, repository: 'team/app' };
  const blobs = Array.from({ length: 8 }, (_, i) => Buffer.alloc(200_000 + i, i));
  await Promise.all(
    blobs.map(async (b, i) => {
      await new Promise((res) => setTimeout(res, i)); // staggered: some start while the first round is under way
      if (await client.hasBlob(ref, sha(b))) return;
      await client.pushBlobStream(ref, sha(b), b.length, Readable.from([b.subarray(0, 50_000), b.subarray(50_000)]));
    }),
  );
  const log = (r as FakeRegistry).log;
  for (const b of blobs) expect((r as FakeRegistry).blob('team/app', sha(b))?.equals(b)).toBe(true);
  const refused = log.filter((e) => e.status === 401);
  expect(refused.length).toBeGreaterThan(0);
  expect(refused.length).toBeLessThanOrEqual(blobs.length); // one round: at most the first request of each upload
  expect(refused.every((e) => e.method === 'HEAD' && e.authorization === undefined)).toBe(true);
  // The Basic answer is the registry's: the pushes need no round of their own.
  expect(log.filter((e) => e.method !== 'HEAD').every((e) => e.authorization !== undefined && e.status !== 401)).toBe(true);
});

test('concurrent 401s for one scope share one token request', async () => {
  const { get } = await seeded({ scheme: 'bearer', users: [USER] });
  const got = await Promise.all(Array.from({ length: 8 }, () => get()));
  expect(got.map((b) => b.toString())).toEqual(Array(8).fill('layer bytes'));
  expect((r as FakeRegistry).tokensIssued()).toBe(1);
});

test('a 401 to a request sent without credentials takes the answer a concurrent request learned', async () => {
  r = await startFakeRegistry({ auth: { scheme: 'bearer', users: [USER] } });
  const digest = r.putBlob('team/app', Buffer.from('layer bytes'));
  const ref = { registry: r.host, repository: 'team/app' };
  // The first request's 401 comes back late, after the second one has a token in hand.
  let calls = 0;
  const slowFirst: typeof fetch = async (input, init) => {
    const res = await fetch(input, init);
    if (++calls === 1) await new Promise((res) => setTimeout(res, 300));
    return res;
  };
  const client = new RegistryClient({ retries: 1, timeoutMs: 5_000, credentials: () => USER, fetchImpl: slowFirst });
  const [a, b] = await Promise.all([client.getBlob(ref, digest), client.getBlob(ref, digest)]);
  expect([a.toString(), b.toString()]).toEqual(['layer bytes', 'layer bytes']);
  expect((r as FakeRegistry).tokensIssued()).toBe(1);
});
