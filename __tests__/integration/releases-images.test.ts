// `triton-compose releases --container-version` against the test bed's fixture releases: the
// facts read from the 26.08 images (the newest row of the table, which they agree with), the
// note for 27.01 (a release the table does not know), and images that are not there. Reads
// manifests, configs and layer listings only: seconds.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from '../../src/cli/main.js';

const R = '127.0.0.1:5000';
const cache = mkdtempSync(join(tmpdir(), 'tc-releases-'));
afterAll(() => rmSync(cache, { recursive: true, force: true }));

async function releases(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const out = { stdout: '', stderr: '' };
  const code = await main(['releases', ...args, '--platforms', 'linux/amd64'], {
    stdout: { write: (t: string) => (out.stdout += t) },
    stderr: { write: (t: string) => (out.stderr += t) },
    env: { XDG_CACHE_HOME: cache, DOCKER_CONFIG: join(cache, 'docker') },
  });
  return { code, ...out };
}

const fixture = (v: string) => [
  '--container-version',
  v,
  '--image',
  `full,${R}/tritonserver:${v}-py3`,
  '--image',
  `min,${R}/tritonserver:${v}-py3-min`,
];
const BACKENDS = ['dali', 'fil', 'identity', 'onnxruntime', 'openvino', 'python', 'pytorch', 'repeat', 'square', 'tensorrt'];

test('26.08: the facts read from its images, which agree with the table', async () => {
  const run = await releases(...fixture('26.08'), '--json');
  expect([run.code, run.stderr]).toEqual([0, '']);
  const got = JSON.parse(run.stdout);
  expect(got.image).toEqual({
    release: '26.08',
    triton: '2.72.0',
    ubuntu: '24.04',
    python: '3.12',
    cuda: '13.0.2.006',
    dcgm: '4.6.1-1',
    gpu: true,
    backends: BACKENDS,
    repoagents: ['checksum'],
    caches: ['local', 'redis'],
  });
  expect(got.table).toMatchObject({ version: '26.08', triton: '2.72.0', dcgm: '4.6.1-1', cudaMajor: 13, branch: 'r26.08' });
  expect(got.mismatches).toEqual([]);
  expect(got.images.full).toMatch(new RegExp(`^${R}/tritonserver:26\\.08-py3@sha256:[0-9a-f]{64}$`));
  const text = await releases(...fixture('26.08'));
  expect(text.stdout).toContain('The images agree with the table on every fact.');
});

test('27.01: not in the table, so the images alone, with a note saying so', async () => {
  const run = await releases(...fixture('27.01'));
  expect([run.code, run.stderr]).toEqual([0, '']);
  expect(run.stdout).toContain("27.01 is not in the release table (24.01 … 26.08): the images' facts alone, as a compose would take them.");
  expect(run.stdout).toContain('\nTriton      2.77.0\n');
  expect(run.stdout).toContain('\nCUDA        13.1.1.004\n');
  const json = JSON.parse((await releases(...fixture('27.01'), '--json')).stdout);
  expect([json.known, json.table, json.mismatches, json.image.triton]).toEqual([false, null, [], '2.77.0']);
});

test('images that are not there: exit 1, both named, the nearest tags offered', async () => {
  const run = await releases(
    '--container-version',
    '26.07',
    '--image',
    `full,${R}/tritonserver:26.07-py3`,
    '--image',
    `min,${R}/tritonserver:26.07-py3-min`,
  );
  expect(run.code).toBe(1);
  expect(run.stdout).toBe('');
  expect(run.stderr).toContain(
    `error: releases: cannot read the images ${R}/tritonserver:26.07-py3 and ${R}/tritonserver:26.07-py3-min (linux/amd64): `,
  );
  expect(run.stderr).toContain('nearest tags: ');
});
