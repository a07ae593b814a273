// add on the real-binary fixtures: a custom backend built here and a model repository, added
// from the workspace as layers of their own, by the CLI (direct assembly) and by the action
// (Buildx). The composed server loads the custom backend and serves the baked-in models with
// no volume mounted; both assemblies give the same files; the compose key follows the files.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { requireReference } from '../../src/oci/reference.js';
import { runAction, runCli } from '../helpers/action-run.js';
import { readImageFiles } from '../helpers/image-files.js';
import { R, buildCustomBackend, client, serveRepository } from '../helpers/real-compose.js';
import { writeModelRepository } from '../../scripts/real-fixtures/models.js';

const V = '25.01';
const B = '/opt/tritonserver/backends/custom';
let ws: string;

beforeAll(() => {
  ws = mkdtempSync(join(tmpdir(), 'add-ws-'));
  buildCustomBackend(join(ws, 'custom')); // a backend of our own
  writeModelRepository(join(ws, 'models'), ['python']);
  mkdirSync(join(ws, 'models/m_custom/1'), { recursive: true });
  writeFileSync(join(ws, 'models/m_custom/config.pbtxt'), 'name: "m_custom"\nbackend: "custom"\n');
});
afterAll(() => rmSync(ws, { recursive: true, force: true }));

const ADD = `custom:${B}\nsrc=models,dest=/models,chown=1000:1000`;
const cliArgs = (tag: string) => [
  '--container-version',
  V,
  '--image',
  `full,${R}/real/tritonserver:${V}-py3`,
  '--image',
  `min,${R}/real/tritonserver:${V}-py3-min`,
  '--backends',
  'python',
  '--add',
  `custom:${B}`,
  '--add',
  'src=models,dest=/models,chown=1000:1000',
  '--tags',
  `${R}/add:${tag}`,
  '--push',
  '--compression-level',
  '1',
];

/** The image's server on its own baked-in repository: no volume. */
const serveBaked = (image: string) => serveRepository(image, undefined, { pull: true });

test('the CLI adds a custom backend and a model repository; the server loads and runs both with no volume', () => {
  const r = runCli([...cliArgs('cli'), '--force', '--json'], { cwd: ws });
  expect(r.stderr).not.toMatch(/error/i);
  expect(r.status).toBe(0);
  const report = JSON.parse(r.stdout) as { assembly: { mode: string }; platforms: { parts: { name: string; kind: string }[] }[] };
  expect(report.assembly.mode).toBe('direct');
  expect(report.platforms[0].parts.filter((p) => p.kind === 'add').map((p) => p.name)).toEqual([`add ${B}`, 'add /models']);
  const s = serveBaked(`${R}/add:cli`);
  expect(s.ready).toEqual(['m_custom', 'm_python']);
  expect(s.stderr).toContain("infer 'm_custom': [1 2 3 4] -> [1 4 9 16]");
  expect(s.stderr).toContain("infer 'm_python': [1 2 3 4] -> [4 7 10 13]");
  expect(s.status).toBe(0);
});

test('the action with Buildx writes the same files; the server runs them', async () => {
  const a = runAction(
    {
      'container-version': V,
      'full-image': `${R}/real/tritonserver:${V}-py3`,
      'min-image': `${R}/real/tritonserver:${V}-py3-min`,
      backends: 'python',
      add: ADD,
      assembly: 'buildx',
      tags: `${R}/add:action`,
      push: 'true',
      'compression-level': '1',
    },
    { cwd: ws },
  );
  expect(a.log).toContain(`ADD --link added/0.tar /`);
  expect(a.status).toBe(0);
  const s = serveBaked(`${R}/add:action`);
  expect(s.ready).toEqual(['m_custom', 'm_python']);
  const [cli, action] = [
    await readImageFiles(client, requireReference(`${R}/add:cli`)),
    await readImageFiles(client, requireReference(`${R}/add:action`)),
  ];
  const added = (files: typeof cli) => [...files].filter(([p]) => p === '/models' || p.startsWith('/models/') || p.startsWith(B));
  expect(added(action)).toEqual(added(cli));
  expect(added(cli).length).toBe(10); // the backend folder and its library; /models, two models, their folders and files
  expect(cli.get('/models/m_python/1/model.py')).toMatchObject({ uid: 1000, gid: 1000 });
  expect(cli.get(`${B}/libtriton_custom.so`)).toMatchObject({ uid: 0, gid: 0, mode: 0o755 });
});

const WRITER = `import os


class TritonPythonModel:
    def initialize(self, args):
        with open(os.path.join(args["model_repository"], "warm.cache"), "w") as f:
            f.write("ready")

    def execute(self, inputs):
        return inputs
`;

test('arbitrary-user: a random UID in group 0 can write where its model lives, as OpenShift runs it; without it, it cannot', () => {
  mkdirSync(join(ws, 'writable/m_writer/1'), { recursive: true });
  writeFileSync(join(ws, 'writable/m_writer/config.pbtxt'), 'name: "m_writer"\nbackend: "python"\n');
  writeFileSync(join(ws, 'writable/m_writer/1/model.py'), WRITER);
  const base = [...cliArgs('x').slice(0, 8), '--add', 'writable:/models', '--push', '--compression-level', '1', '--force'];
  const run = (tag: string, more: string[]) => {
    const r = runCli([...base, '--tags', `${R}/add:${tag}`, ...more], { cwd: ws });
    expect(r.stderr).not.toMatch(/error/i);
    expect(r.status).toBe(0);
    return spawnSync(
      'docker',
      ['run', '--rm', '--pull', 'always', '--user', '4242:0', `${R}/add:${tag}`, 'tritonserver', '--model-repository=/models'],
      { encoding: 'utf8', timeout: 120_000 },
    );
  };
  const open = run('openshift', ['--arbitrary-user']);
  expect(open.stderr).toMatch(/^\| m_writer +\| 1 +\| READY/m);
  const closed = run('closed', []);
  expect(closed.stderr).toMatch(/^\| m_writer +\| 1 +\| UNAVAILABLE: .*Permission denied/m);
});

test('the compose key follows the added files: the same ones skip, a changed one composes again', () => {
  const again = runCli([...cliArgs('cli'), '--json'], { cwd: ws });
  expect(again.status).toBe(0);
  expect(JSON.parse(again.stdout)).toMatchObject({ skipped: true });
  writeFileSync(join(ws, 'models/m_custom/config.pbtxt'), 'name: "m_custom"\nbackend: "custom"\nmax_batch_size: 0\n');
  const changed = runCli([...cliArgs('cli'), '--json'], { cwd: ws });
  expect(changed.status).toBe(0);
  expect(JSON.parse(changed.stdout)).not.toMatchObject({ skipped: true });
});

describe('from an image: the same backend and models shipped in a vendor image (FROM scratch)', () => {
  const VENDOR = `${R}/add/vendor:1`;
  beforeAll(() => {
    writeFileSync(join(ws, 'Dockerfile'), 'FROM scratch\nCOPY custom /custom\nCOPY models /models\n');
    const r = spawnSync('docker', ['buildx', 'build', '--provenance=false', '--push', '-t', VENDOR, ws], { encoding: 'utf8' });
    if (r.status !== 0) throw new Error(r.stderr);
  });
  const imageAdd = `image:${VENDOR}:/custom:${B}\nsrc=image:${VENDOR}:/models,dest=/models,chown=1000:1000`;
  const inputs = (tag: string) => ({
    'container-version': V,
    'full-image': `${R}/real/tritonserver:${V}-py3`,
    'min-image': `${R}/real/tritonserver:${V}-py3-min`,
    backends: 'python',
    add: imageAdd,
    tags: `${R}/add:${tag}`,
    push: 'true',
    'compression-level': '1',
  });

  test('the CLI and the action with Buildx: the server loads the backend and the models read by ranges from the image, with no volume', async () => {
    const args = Object.entries(inputs('image-cli')).flatMap(([k, v]) => [`--${k}`, v]);
    const r = runCli([...args, '--force', '--json']);
    expect(r.stderr).not.toMatch(/error/i);
    expect(r.status).toBe(0);
    const report = JSON.parse(r.stdout) as { assembly: { mode: string }; platforms: { parts: { name: string; kind: string }[] }[] };
    expect(report.assembly.mode).toBe('direct');
    expect(report.platforms[0].parts.filter((p) => p.kind === 'add').map((p) => p.name)).toEqual([`add ${B}`, 'add /models']);
    const cli = serveBaked(`${R}/add:image-cli`);
    expect(cli.ready).toEqual(['m_custom', 'm_python']);
    expect(cli.status).toBe(0);
    const a = runAction({ ...inputs('image-action'), assembly: 'buildx' });
    expect(a.status).toBe(0);
    expect(serveBaked(`${R}/add:image-action`).ready).toEqual(['m_custom', 'm_python']);
    // the same files as the workspace's, wherever they came from
    const under = async (tag: string) =>
      [...(await readImageFiles(client, requireReference(`${R}/add:${tag}`)))]
        .filter(([p]) => p.startsWith(`${B}/`) || p.startsWith('/models/'))
        .map(([p, f]) => [p, f.type, f.mode, f.uid, f.gid, f.sha256])
        .sort();
    expect(await under('image-cli')).toEqual(await under('cli'));
    expect(await under('image-action')).toEqual(await under('image-cli'));
  });
});
