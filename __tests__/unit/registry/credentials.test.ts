// Docker credentials: config.json auths under the keys Docker uses, helpers per registry or for
// all, and parse errors that never quote what they failed to parse (it holds passwords).
import { chmod, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { lookupCredentials, parseDockerConfig, parseHelperAnswer, readDockerCredentials } from '../../../src/registry/credentials.js';

const b64 = (s: string) => Buffer.from(s).toString('base64');

test('auths by host or URL key, base64 or plain; helpers win for their registry', () => {
  const config = parseDockerConfig(
    JSON.stringify({
      auths: { 'https://index.docker.io/v1/': { auth: b64('hub:pw1') }, 'ghcr.io': { username: 'gh', password: 'pw2' } },
      credHelpers: { 'nvcr.io': 'ngc' },
      credsStore: 'desktop',
    }),
  );
  const helper = (name: string, registry: string) => ({ username: name, password: registry });
  expect(lookupCredentials(config, 'docker.io', helper)).toEqual({ username: 'hub', password: 'pw1' });
  expect(lookupCredentials(config, 'ghcr.io', helper)).toEqual({ username: 'gh', password: 'pw2' });
  expect(lookupCredentials(config, 'nvcr.io', helper)).toEqual({ username: 'ngc', password: 'nvcr.io' });
  expect(lookupCredentials(config, 'quay.io', helper)).toEqual({ username: 'desktop', password: 'quay.io' });
  expect(lookupCredentials({}, 'quay.io', helper)).toBeUndefined();
  expect(parseDockerConfig('null')).toEqual({});
});

test('a helper answer is read; broken JSON fails without quoting it', () => {
  expect(parseHelperAnswer('{"ServerURL":"nvcr.io","Username":"$oauthtoken","Secret":"nvapi-1"}', 'ngc')).toEqual({
    username: '$oauthtoken',
    password: 'nvapi-1',
  });
  expect(parseHelperAnswer('{"Username":"u"}', 'ngc')).toBeUndefined();
  expect(parseHelperAnswer('{"Username":"u","Secret":7}', 'ngc')).toBeUndefined();
  const secret = 'nvapi-TOPSECRET-123';
  expect(() => parseHelperAnswer(`{"Username":"u","Secret":"${secret}"`, 'ngc')).toThrow(
    /^the answer of docker-credential-ngc is not valid JSON$/,
  );
  for (const text of [`{"Username":"u","Secret":${secret}}`, `{"auths":{"x":{"auth":"${secret}"}},}`]) {
    let message = '';
    try {
      if (text.startsWith('{"auths"')) parseDockerConfig(text);
      else parseHelperAnswer(text, 'ngc');
    } catch (err) {
      message = (err as Error).message;
    }
    expect(message).toMatch(/is not valid JSON$/);
    expect(message).not.toContain('TOPSECRET');
  }
});

test('readDockerCredentials runs the helpers a config names and says where credentials came from; a broken answer never shows the secret', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'docker-config-'));
  try {
    const helper = async (name: string, out: string) => {
      await writeFile(join(dir, `docker-credential-${name}`), `#!/bin/sh\ncat >/dev/null\nprintf '%s' '${out}'\n`);
      await chmod(join(dir, `docker-credential-${name}`), 0o755);
    };
    await helper('good', '{"Username":"u","Secret":"s3cret"}');
    await helper('broken', '{"Username":"u","Secret":"TOPSECRET');
    const config = {
      auths: { 'ghcr.io': { auth: b64('gh:pw') } },
      credHelpers: { 'nvcr.io': 'good', 'broken.io': 'broken', 'odd.io': 'no such' },
    };
    await writeFile(join(dir, 'config.json'), JSON.stringify(config));
    const lookup = readDockerCredentials({ DOCKER_CONFIG: dir, PATH: `${dir}:${process.env.PATH ?? ''}` });
    expect([lookup('nvcr.io'), lookup('ghcr.io'), lookup('odd.io'), lookup('quay.io')]).toEqual([
      { username: 'u', password: 's3cret', source: 'docker-credential-good' },
      { username: 'gh', password: 'pw', source: join(dir, 'config.json') },
      undefined,
      undefined,
    ]);
    expect(() => lookup('broken.io')).toThrow(/^the answer of docker-credential-broken is not valid JSON$/);
    expect(readDockerCredentials({ DOCKER_CONFIG: join(dir, 'none') })('ghcr.io')).toBeUndefined();
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});
