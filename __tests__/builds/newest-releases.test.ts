// The newest fixture releases composed in image mode (runtime libraries from the full image's
// packages): 26.08, the newest branch the table knows (CUDA 13, DCGM 4, root-owned
// /opt/tritonserver), through the action and the CLI; and 27.01, a release the table does not
// know, shaped like 26.08.
import { docker, modelRepo, runAction, runCli } from '../helpers/action-run.js';
import { RegistryClient } from '../../src/registry/client.js';
import { requireReference } from '../../src/oci/reference.js';

const R = '127.0.0.1:5000';
const client = new RegistryClient();
const amd64 = { os: 'linux', architecture: 'amd64' };
const BACKENDS = ['onnxruntime', 'python', 'pytorch'];

beforeAll(() => {
  if (docker(['info']).status !== 0) throw new Error('docker does not answer: run bash scripts/testbed.sh up');
});

/** The fixture server of `tag` loads one model per backend. */
function expectLoads(tag: string, backends: string[]): void {
  docker(['pull', '-q', tag]);
  const res = docker(['run', '--rm', '-v', `${modelRepo(backends)}:/models:ro`, tag, 'tritonserver', '--model-repository=/models']);
  for (const b of backends) expect(res.stderr).toContain(`successfully loaded 'm_${b}'`);
  expect(res.stderr).not.toContain('UNAVAILABLE');
  expect(res.status).toBe(0);
}

/** Owner of the backends and the DCGM 4 library the runtime layer must carry. */
function ownerAndDcgm(tag: string): string[] {
  const script = 'stat -c %u:%g /opt/tritonserver/backends/pytorch/libtriton_pytorch.so; ls /usr/lib/x86_64-linux-gnu/libdcgm.so.4';
  return docker(['run', '--rm', '--entrypoint', 'sh', tag, '-c', script]).stdout.trim().split('\n');
}

async function envOf(tag: string): Promise<string[]> {
  return (await client.resolve(requireReference(tag), amd64)).config.config?.Env ?? [];
}

describe('26.08 in image mode', () => {
  const images = { full: `${R}/tritonserver:26.08-py3`, min: `${R}/tritonserver:26.08-py3-min` };

  test('through the action: loads, root-owned, DCGM 4 from the full image, 26.08 env', async () => {
    const tag = `${R}/composed:action-26.08`;
    const run = runAction({
      'container-version': '26.08',
      'full-image': images.full,
      'min-image': images.min,
      backends: BACKENDS.join(','),
      caches: 'local',
      tags: tag,
      push: 'true',
    });
    if (run.status !== 0) throw new Error(`action failed:\n${run.log}`);
    const parts = JSON.parse(run.outputs.parts) as { name: string }[];
    expect(parts.map((p) => p.name)).toEqual(['base', 'runtime-deps', 'core', ...BACKENDS, 'local', 'serve']);
    expectLoads(tag, BACKENDS);
    expect(ownerAndDcgm(tag)).toEqual(['0:0', '/usr/lib/x86_64-linux-gnu/libdcgm.so.4']);
    const env = await envOf(tag);
    for (const e of ['TRITON_SERVER_VERSION=2.72.0', 'DCGM_VERSION=4.6.1-1', 'PIP_BREAK_SYSTEM_PACKAGES=1', 'CUDA_VERSION=13.0.2.006'])
      expect(env).toContain(e);
  });

  test("through the CLI with compose.py's flags", async () => {
    const tag = `${R}/composed:cli-26.08`;
    const res = runCli([
      ...BACKENDS.flatMap((b) => ['--backend', b]),
      '--container-version',
      '26.08',
      '--image',
      `full,${images.full}`,
      '--image',
      `min,${images.min}`,
      '--output-name',
      tag,
      '--push',
      '--force',
      '--json',
    ]);
    if (res.status !== 0) throw new Error(`CLI failed:\n${res.stdout}${res.stderr}`);
    const report = JSON.parse(res.stdout) as { ok: boolean; digest: string; platforms: { parts: { name: string }[] }[] };
    expect(report.ok).toBe(true);
    expect(report.digest).toBe(await client.headManifest(requireReference(tag)));
    expect(report.platforms[0].parts.map((p) => p.name)).toEqual(['base', 'runtime-deps', 'core', ...BACKENDS, 'serve']);
    expectLoads(tag, BACKENDS);
    expect(ownerAndDcgm(tag)).toEqual(['0:0', '/usr/lib/x86_64-linux-gnu/libdcgm.so.4']);
  });
});

describe('27.01, a release the table does not know', () => {
  const images = { full: `${R}/tritonserver:27.01-py3`, min: `${R}/tritonserver:27.01-py3-min` };

  test('composes in image mode with container-version 27.01, with the newest facts', async () => {
    const tag = `${R}/composed:action-27.01`;
    const run = runAction({
      'container-version': '27.01',
      'full-image': images.full,
      'min-image': images.min,
      backends: BACKENDS.join(','),
      tags: tag,
      push: 'true',
    });
    if (run.status !== 0) throw new Error(`action failed:\n${run.log}`);
    expect(run.log).toContain('::warning::container-version 27.01 is newer than the release table (24.01 … 26.08)');
    expectLoads(tag, BACKENDS);
    expect(ownerAndDcgm(tag)).toEqual(['0:0', '/usr/lib/x86_64-linux-gnu/libdcgm.so.4']);
    expect(await envOf(tag)).toContain('TRITON_SERVER_VERSION=2.77.0');
  });

  // Without a release, the DCGM package is the one the full image holds (4-core since r25.08).
  test('composes in image mode from its images alone (no container-version)', async () => {
    const tag = `${R}/composed:images-27.01`;
    const run = runAction({ 'full-image': images.full, 'min-image': images.min, backends: BACKENDS.join(','), tags: tag, push: 'true' });
    if (run.status !== 0) throw new Error(`action failed:\n${run.log}`);
    expectLoads(tag, BACKENDS);
    expect(ownerAndDcgm(tag)).toEqual(['0:0', '/usr/lib/x86_64-linux-gnu/libdcgm.so.4']);
    expect(await envOf(tag)).toContain('TRITON_SERVER_VERSION=2.77.0');
  });
});
