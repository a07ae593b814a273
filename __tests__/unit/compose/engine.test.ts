// The engine check before anything is read: a compose that builds with Buildx and finds no
// engine (DOCKER_HOST at a socket nobody listens on) or no Buildx fails at once with the answer
// and what to do, having asked the registry nothing; a direct assembly needs no engine.
import { chmod, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { checkDockerEngine } from '../../../src/build/engine.js';
import { runCompose } from '../../../src/compose/compose.js';
import { ComposeError } from '../../../src/compose/context.js';
import { RegistryClient } from '../../../src/registry/client.js';
import { parseSpec } from '../../../src/spec/spec.js';
import { type FakeRegistry, startFakeRegistry } from '../../helpers/fake-registry.js';

const quiet = { info: () => undefined, warning: () => undefined, startGroup: () => undefined, endGroup: () => undefined };
let work: string;
let r: FakeRegistry;
const saved = { DOCKER_HOST: process.env.DOCKER_HOST, PATH: process.env.PATH };

beforeEach(async () => {
  work = await mkdtemp(join(tmpdir(), 'engine-'));
  r = await startFakeRegistry();
  process.env.DOCKER_HOST = `unix://${join(work, 'dead.sock')}`;
});
afterEach(async () => {
  for (const [k, v] of Object.entries(saved)) {
    if (v === undefined) delete process.env[k];
    else process.env[k] = v;
  }
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

test('no engine: a default compose (Buildx, as push is false) fails before reading a byte, with the daemon answer and what to do', async () => {
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
  // force: a push that may be up to date asks the engine only after the skip check (resolve.ts maySkip)
  const buildx = await composeWith({ push: 'true', tags: `${r.host}/errors/out:1`, assembly: 'buildx', force: 'true' });
  expect((buildx.failure as Error).message).toMatch(
    /^the Docker engine is not reachable \(.*\), and this compose builds with Buildx \(assembly: buildx\)/,
  );
  expect(r.log).toEqual([]);
  const direct = await composeWith({ push: 'true', tags: `${r.host}/errors/out:1` });
  expect((direct.failure as Error).message).toMatch(/has no tritonserver:24\.01-py3/);
  expect(r.log.length).toBeGreaterThan(0);
});

test('no engine: a Buildx push that may be up to date resolves its sources first (a skip needs no engine)', async () => {
  const { failure } = await composeWith({ push: 'true', tags: `${r.host}/errors/out:1`, assembly: 'buildx' });
  expect((failure as Error).message).toMatch(/has no tritonserver:24\.01-py3/);
});

test('an engine without Buildx, and no docker at all, are named as such', async () => {
  await writeFile(
    join(work, 'docker'),
    `#!/bin/sh\nif [ "$1" = buildx ]; then echo "docker: 'buildx' is not a docker command." >&2; exit 1; fi\necho 27.0.0\n`,
  );
  await chmod(join(work, 'docker'), 0o755);
  process.env.PATH = work;
  await expect(checkDockerEngine('load: true')).rejects.toThrow(
    "Docker Buildx is not installed (docker: 'buildx' is not a docker command.), and this compose builds with Buildx (load: true): " +
      'install the buildx plugin (in a workflow, docker/setup-buildx-action), or compose with push: true and assembly: direct',
  );
  process.env.PATH = join(work, 'empty');
  await expect(checkDockerEngine('load: true')).rejects.toThrow(
    /^the Docker engine is not reachable \(docker is not installed \(not found in PATH\)\), and this compose builds with Buildx \(load: true\)/,
  );
});
