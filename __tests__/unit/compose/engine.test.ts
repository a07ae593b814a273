// The engine check before anything is read: a compose that builds with Buildx and finds no
// engine (DOCKER_HOST at a socket nobody listens on) fails at once with the daemon's answer
// and what to do, having asked the registry nothing; a direct assembly needs no engine.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCompose } from '../../../src/compose/compose.js';
import { ComposeError } from '../../../src/compose/context.js';
import { RegistryClient } from '../../../src/registry/client.js';
import { parseSpec } from '../../../src/spec/spec.js';
import { type FakeRegistry, startFakeRegistry } from '../../helpers/fake-registry.js';

const quiet = { info: () => undefined, warning: () => undefined, startGroup: () => undefined, endGroup: () => undefined };
let work: string;
let r: FakeRegistry;
const saved = process.env.DOCKER_HOST;

beforeEach(async () => {
  work = await mkdtemp(join(tmpdir(), 'engine-'));
  r = await startFakeRegistry();
  process.env.DOCKER_HOST = `unix://${join(work, 'dead.sock')}`;
});
afterEach(async () => {
  if (saved === undefined) delete process.env.DOCKER_HOST;
  else process.env.DOCKER_HOST = saved;
  await r.close();
  await rm(work, { recursive: true, force: true });
});

async function composeWith(inputs: Record<string, string>) {
  const spec = parseSpec({
    'container-version': '24.01',
    'full-image': `${r.host}/tritonserver:24.01-py3`,
    'min-image': `${r.host}/tritonserver:24.01-py3-min`,
    backends: 'python',
    ...inputs,
  });
  return runCompose(spec, {
    version: 'test',
    tempRoot: work,
    cacheDir: join(work, 'cache'),
    buildCacheDir: join(work, 'build-cache'),
    log: quiet,
    registry: new RegistryClient({ retries: 0 }),
  });
}

test('no engine: a default (load) compose fails before reading a byte, with the daemon answer and what to do', async () => {
  const { result, failure } = await composeWith({});
  expect(failure).toBeInstanceOf(ComposeError);
  expect((failure as Error).message).toBe(
    `the Docker engine is not reachable (Cannot connect to the Docker daemon at ${process.env.DOCKER_HOST}. Is the docker daemon running?), ` +
      'and this compose builds with Buildx (push: false keeps the result in the build cache only, which Buildx does): start Docker ' +
      '(or point DOCKER_HOST at a running engine), or compose with push: true and assembly: direct, which writes the image straight ' +
      'to the registry and needs no engine',
  );
  expect(result?.report).toMatchObject({ ok: false, error: (failure as Error).message, assembly: { mode: 'buildx' } });
  expect(r.log).toEqual([]);
});

test('no engine: assembly: buildx is checked too; a direct assembly asks no engine and goes on to the registry', async () => {
  const buildx = await composeWith({ push: 'true', tags: `${r.host}/errors/out:1`, assembly: 'buildx' });
  expect((buildx.failure as Error).message).toMatch(
    /^the Docker engine is not reachable \(.*\), and this compose builds with Buildx \(assembly: buildx\)/,
  );
  expect(r.log).toEqual([]);
  const direct = await composeWith({ push: 'true', tags: `${r.host}/errors/out:1` });
  expect((direct.failure as Error).message).toMatch(/has no tritonserver:24\.01-py3/);
  expect(r.log.length).toBeGreaterThan(0);
});
