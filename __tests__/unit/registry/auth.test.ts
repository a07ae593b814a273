// Bearer tokens over a long run: renewed before their expires_in has passed (60 s when the
// server does not say), and renewed once when the registry stops taking one (a 401 with a
// token held); challenges parsed as registries write them.
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
