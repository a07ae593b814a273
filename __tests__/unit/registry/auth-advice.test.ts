// Refusals a person can act on: nvcr.io's says how NGC logs in (with the login-action step),
// another registry's names the repository and the credentials tried (never the secret), and
// a refused push names the permission (GitHub's packages: write on ghcr.io). nvcr.io and
// ghcr.io are played by the fake registry behind a fetch that redirects their URLs.
import { RegistryClient, RegistryError } from '../../../src/registry/client.js';
import { type Credentials } from '../../../src/registry/credentials.js';
import { renderAccessAdvice, renderTried } from '../../../src/registry/auth-advice.js';
import { type FakeRegistry, type FakeRegistryOptions, startFakeRegistry } from '../../helpers/fake-registry.js';

const USER = { username: 'ci-bot', password: 'pw-secret' };
const DIGEST = `sha256:${'a'.repeat(64)}`;
const NGC_STEP =
  'NGC images need a login with username $oauthtoken and an NGC API key as the password: in a workflow, add this step before it: ' +
  '- { uses: docker/login-action@v3, with: { registry: nvcr.io, username: $oauthtoken, password: "${{ secrets.NGC_API_KEY }}" } }' +
  "; elsewhere: docker login nvcr.io --username '$oauthtoken'";
let r: FakeRegistry | undefined;
afterEach(async () => r?.close());

/** A client whose requests to `as` (https) go to the fake registry; the token realm stays the fake's. */
async function posing(as: string, options: FakeRegistryOptions, credentials?: Credentials): Promise<RegistryClient> {
  r = await startFakeRegistry(options);
  const host = r.host;
  const fetchImpl: typeof fetch = (url, init) => fetch(String(url).replace(`https://${as}/`, `http://${host}/`), init);
  return new RegistryClient({ retries: 0, timeoutMs: 2_000, fetchImpl, credentials: credentials && (() => credentials) });
}

const failure = (p: Promise<unknown>): Promise<RegistryError> =>
  p.then(
    () => Promise.reject(new Error('no error')),
    (e: RegistryError) => e,
  );

test('nvcr.io turning a key down says how NGC logs in, with the login-action step', async () => {
  const c = await posing(
    'nvcr.io',
    { auth: { scheme: 'bearer', users: [USER] } },
    { ...USER, password: 'nvapi-wrong', source: 'docker-credential-ngc' },
  );
  const err = await failure(c.getBlob({ registry: 'nvcr.io', repository: 'nvidia/tritonserver' }, DIGEST));
  expect(err).toMatchObject({ status: 401 });
  expect(err.message).toBe(
    `nvcr.io refused access to nvidia/tritonserver: token request to http://${r?.host}/token failed: HTTP 401 ` +
      `(tried user ci-bot from docker-credential-ngc); ${NGC_STEP}`,
  );
  expect(err.message).not.toContain('nvapi-wrong');
});

test('nvcr.io asking for credentials when there are none says the same', async () => {
  const c = await posing('nvcr.io', { auth: { scheme: 'basic', users: [USER] } });
  const err = await failure(c.getBlob({ registry: 'nvcr.io', repository: 'nvidia/tritonserver' }, DIGEST));
  expect(err.message).toBe(`nvcr.io asks for credentials for nvidia/tritonserver and none were found in the Docker config; ${NGC_STEP}`);
});

test('another registry refusing a pull names the repository, the user tried and where from, and how to log in', async () => {
  const c = await posing(
    'registry.example',
    { rules: [{ path: /\/blobs\//, fault: { kind: 'status', status: 403 } }] },
    {
      ...USER,
      source: '/home/runner/.docker/config.json',
    },
  );
  const err = await failure(c.getBlob({ registry: 'registry.example', repository: 'team/app' }, DIGEST));
  expect(err).toMatchObject({ status: 403 });
  expect(err.message).toBe(
    `registry.example refused access to team/app: HTTP 403 to GET blobs/${DIGEST}, access denied: {"errors":[{"code":"INJECTED"}]} ` +
      '(tried user ci-bot from /home/runner/.docker/config.json); log in to registry.example as an account that may pull team/app: ' +
      'in a workflow, a docker/login-action step with registry: registry.example before this one; elsewhere, docker login registry.example',
  );
  expect(err.message).not.toContain('pw-secret');
});

test('a push refused on ghcr.io names packages: write for GITHUB_TOKEN and the package access', async () => {
  const c = await posing(
    'ghcr.io',
    { rules: [{ method: 'POST', path: /\/blobs\/uploads\/$/, fault: { kind: 'status', status: 403 } }] },
    USER,
  );
  const err = await failure(c.pushBlob({ registry: 'ghcr.io', repository: 'acme/tritonserver' }, DIGEST, Buffer.from('x')));
  expect(err.message).toBe(
    'ghcr.io refused the push to acme/tritonserver: HTTP 403 to POST blobs/uploads/, access denied: {"errors":[{"code":"INJECTED"}]} ' +
      "(tried user ci-bot); the workflow's GITHUB_TOKEN needs `permissions: packages: write` (in the job or workflow), and the " +
      'package acme/tritonserver must grant this repository write access (package settings, Manage Actions access)',
  );
});

test('a push refused elsewhere says the credentials lack push rights for that repository', async () => {
  const c = await posing('registry.example', { rules: [{ method: 'PUT', path: /\/manifests\//, fault: { kind: 'status', status: 403 } }] });
  const err = await failure(c.putManifest({ registry: 'registry.example', repository: 'team/app' }, 'v1', Buffer.from('{}'), 'x'));
  expect(err.message).toBe(
    'registry.example refused the push to team/app: HTTP 403 to PUT manifests/v1, access denied: {"errors":[{"code":"INJECTED"}]} ' +
      '(tried no credentials: none found for registry.example in the Docker config); these credentials lack push rights for ' +
      'team/app: log in as an account that may push to it (in a workflow, a docker/login-action step with registry: registry.example ' +
      'before this one; elsewhere, docker login registry.example)',
  );
});

test('a read refused on ghcr.io is a login, not a permission', () => {
  expect(renderAccessAdvice({ registry: 'ghcr.io', repository: 'a/b', push: false })).toBe(
    'log in to ghcr.io as an account that may pull a/b: in a workflow, a docker/login-action step with registry: ghcr.io before this one; elsewhere, docker login ghcr.io',
  );
  expect(renderTried('quay.io', { username: 'robot' })).toBe('user robot');
});
