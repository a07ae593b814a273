// add from an image, on the busybox fixtures: a vendor's image holding a model repository
// (built here FROM scratch and pushed) gives /models by the CLI (direct assembly) and by the
// action (Buildx), each read by byte ranges of that image; the result holds the files with the
// entry's owner, their modes and their content, both assemblies alike; the same image skips.
import { createHash } from 'node:crypto';
import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { requireReference } from '../../src/oci/reference.js';
import { RegistryClient } from '../../src/registry/client.js';
import type { Report } from '../../src/report/types.js';
import { docker, runAction, runCli } from '../helpers/action-run.js';
import { readImageFiles } from '../helpers/image-files.js';

const R = '127.0.0.1:5000';
const MODELS = `${R}/add-image/models:1`;
const client = new RegistryClient();
const CONFIG = 'name: "m_python"\nbackend: "python"\n';
const MODEL = 'class TritonPythonModel:\n    def execute(self, requests):\n        return []\n';
const sha = (text: string) => createHash('sha256').update(text).digest('hex');
let ws: string;

beforeAll(() => {
  if (docker(['info']).status !== 0) throw new Error('docker does not answer: run bash scripts/testbed.sh up');
  ws = mkdtempSync(join(tmpdir(), 'add-image-'));
  const m = join(ws, 'vendor/models/m_python');
  mkdirSync(join(m, '1'), { recursive: true });
  writeFileSync(join(m, 'config.pbtxt'), CONFIG);
  writeFileSync(join(m, '1/model.py'), MODEL);
  writeFileSync(join(ws, 'vendor/notes.txt'), 'not added\n');
  chmodSync(join(m, 'config.pbtxt'), 0o644);
  chmodSync(join(m, '1/model.py'), 0o640);
  for (const d of ['vendor', 'vendor/models', 'vendor/models/m_python', 'vendor/models/m_python/1']) chmodSync(join(ws, d), 0o755);
  writeFileSync(join(ws, 'Dockerfile'), 'FROM scratch\nCOPY vendor/ /vendor/\n');
  const r = docker(['buildx', 'build', '--provenance=false', '--push', '-t', MODELS, ws]);
  if (r.status !== 0) throw new Error(r.stderr);
});
afterAll(() => rmSync(ws, { recursive: true, force: true }));

const inputs = (tag: string) => ({
  'container-version': '25.01',
  'full-image': `${R}/tritonserver:25.01-py3`,
  'min-image': `${R}/tritonserver:25.01-py3-min`,
  backends: 'python',
  add: `src=image:${MODELS}:/vendor/models,dest=/models,chown=1000:1000`,
  tags: `${R}/add-image:${tag}`,
  push: 'true',
});
const cliArgs = (tag: string) => Object.entries(inputs(tag)).flatMap(([k, v]) => [`--${k}`, v]);

/** What the composed image holds at and below /models. */
async function models(tag: string) {
  const files = await readImageFiles(client, requireReference(`${R}/add-image:${tag}`));
  return [...files].filter(([p]) => p === '/models' || p.startsWith('/models/'));
}

test('the CLI adds the model repository of an image at /models, read by ranges, owned as the entry says', async () => {
  const r = runCli([...cliArgs('cli'), '--force', '--json']);
  expect(r.stderr).not.toMatch(/error/i);
  expect(r.status).toBe(0);
  const report = JSON.parse(r.stdout) as Report;
  expect(report.assembly?.mode).toBe('direct');
  expect(report.platforms[0].parts.at(-1)).toMatchObject({
    name: 'add /models',
    kind: 'add',
    from: expect.stringMatching(/^127\.0\.0\.1:5000\/add-image\/models@sha256:[0-9a-f]{64}:\/vendor\/models$/),
  });
  expect(report.sources.find((s) => s.role === 'source')).toMatchObject({ name: 'add-1' });
  // read selectively: fetched by ranges now, or its layer's record found in the repository from a run before
  expect((report.selective?.files ?? 0) + (report.selective?.reusedLayers ?? 0)).toBeGreaterThan(0);
  expect(Object.fromEntries(await models('cli'))).toEqual({
    '/models': { type: 'directory', mode: 0o755, uid: 1000, gid: 1000 },
    '/models/m_python': { type: 'directory', mode: 0o755, uid: 1000, gid: 1000 },
    '/models/m_python/1': { type: 'directory', mode: 0o755, uid: 1000, gid: 1000 },
    '/models/m_python/1/model.py': { type: 'file', mode: 0o640, uid: 1000, gid: 1000, sha256: sha(MODEL) },
    '/models/m_python/config.pbtxt': { type: 'file', mode: 0o644, uid: 1000, gid: 1000, sha256: sha(CONFIG) },
  });
});

test('the action with Buildx writes the same files from the same ranges; the same image then skips', async () => {
  const a = runAction({ ...inputs('action'), assembly: 'buildx' });
  expect(a.status).toBe(0);
  expect(a.log).toContain('ADD --link parts/linux-amd64/add-0.tar /');
  expect(a.summary).toContain('add /models from 127.0.0.1:5000/add-image/models@sha256:');
  expect(await models('action')).toEqual(await models('cli'));
  const again = runCli([...cliArgs('cli'), '--json']);
  expect(again.status).toBe(0);
  expect(JSON.parse(again.stdout)).toMatchObject({ skipped: true });
});

test('a path the image lacks is refused before anything is written, naming the image and what its folder holds', async () => {
  const r = runCli([...cliArgs('missing'), '--add', `image:${MODELS}:/vendor/modelz:/m`, '--force']);
  expect(r.status).not.toBe(0);
  expect(r.stderr).toMatch(
    /add: image:127\.0\.0\.1:5000\/add-image\/models:1:\/vendor\/modelz:\/m: 127\.0\.0\.1:5000\/add-image\/models@sha256:[0-9a-f]{64} has no \/vendor\/modelz; \/vendor there holds models, notes\.txt/,
  );
  expect(await client.headManifest(requireReference(`${R}/add-image:missing`))).toBeUndefined();
});
