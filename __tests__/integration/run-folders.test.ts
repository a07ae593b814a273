// What a compose leaves in its temp root, against the test bed's registry: after a dry run, a
// compose that fails and one that pushes, only the results folder (Dockerfile, build context,
// SBOM) stays, and the paths the outputs give point into it.
import { existsSync } from 'node:fs';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCompose } from '../../src/compose/compose.js';
import { RegistryClient } from '../../src/registry/client.js';
import { parseSpec } from '../../src/spec/spec.js';

const R = '127.0.0.1:5000';
const client = new RegistryClient();
const quiet = { info: () => undefined, warning: () => undefined, startGroup: () => undefined, endGroup: () => undefined };
let work: string;
let tempRoot: string;

beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'run-folders-'));
});
beforeEach(async () => {
  tempRoot = await mkdtemp(join(work, 'root-'));
});
afterAll(async () => rm(work, { recursive: true, force: true }));

const spec = (more: Record<string, string>) =>
  parseSpec({
    'container-version': '24.01',
    gpu: 'true',
    'full-image': `${R}/tritonserver:24.01-py3`,
    'min-image': `${R}/tritonserver:24.01-py3-min`,
    backends: 'python',
    tags: `${R}/staging/run-folders:test`,
    push: 'true',
    force: 'true',
    ...more,
  });

const compose = (s: ReturnType<typeof parseSpec>) =>
  runCompose(s, {
    version: 'test',
    tempRoot,
    cacheDir: join(work, 'toc'),
    buildCacheDir: join(work, 'buildkit'),
    log: quiet,
    registry: client,
  });

async function onlyResults(): Promise<string> {
  const left = await readdir(tempRoot);
  expect(left).toEqual([expect.stringMatching(new RegExp(`^triton-compose-results-${process.pid}-`))]);
  expect(await readdir(join(tempRoot, left[0]), { recursive: true })).not.toContain('context/parts');
  return join(tempRoot, left[0]);
}

test('a dry run leaves only the results folder, with the Dockerfile and SBOM the outputs name', async () => {
  const { result, failure } = await compose(spec({ 'dry-run': 'true', source: 'buildkit' }));
  expect(failure).toBeUndefined();
  const results = await onlyResults();
  expect(result?.report.dockerfilePath).toBe(join(results, 'Dockerfile.compose'));
  expect(result?.sbomPath).toBe(join(results, 'sbom.spdx.json'));
  for (const p of [result?.report.dockerfilePath, result?.sbomPath]) expect(existsSync(p as string)).toBe(true);
});

test('a failed compose leaves only the results folder', async () => {
  const { failure } = await compose(spec({ 'full-image': `${R}/staging/no-such-image:24.01-py3` }));
  expect(failure).toBeDefined();
  await onlyResults();
});

test('a compose that pushes leaves only the results folder; its staging is gone', async () => {
  const { result, failure } = await compose(spec({ source: 'selective' }));
  expect(failure).toBeUndefined();
  expect(result?.report.digest).toMatch(/^sha256:/);
  const results = await onlyResults();
  expect(existsSync(result?.sbomPath as string)).toBe(true);
  expect(result?.sbomPath?.startsWith(results)).toBe(true);
  // The image is of no further use: its manifest goes (best effort; the registry may refuse deletes).
  await fetch(`http://${R}/v2/staging/run-folders/manifests/${result?.report.digest}`, { method: 'DELETE' }).catch(() => undefined);
});
