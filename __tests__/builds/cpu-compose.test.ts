// CPU-only composes of PyTorch (and TensorFlow) for every fixture era, against the test bed:
// the composed image must load in the fixture server, and must stop loading when any one
// library build.py copies from the GPU min image is missing. The list of those libraries
// comes from scripts/fixtures/cpu-libs.ts (read from the release branches), not from the
// project's table, so a wrong fact in the table fails here.
import { type Copy, cpuTensorflowCopies, cpuTorchCopies, sonameOf } from '../../scripts/fixtures/cpu-libs.js';
import { docker, modelRepo, runAction } from '../helpers/action-run.js';

const R = '127.0.0.1:5000';
const SERVER = '/opt/tritonserver/bin/tritonserver';

beforeAll(() => {
  if (docker(['info']).status !== 0) throw new Error('docker does not answer: run bash scripts/testbed.sh up');
});

/**
 * Runs the fixture server in `image` once per file, with that one file moved away, and
 * prints one line per file: LOADED, FAILED <the server's reason> or MISSING (not in the image).
 */
function withoutEach(image: string, files: string[], backend: string): Map<string, string> {
  const script = [
    'for f in $FILES; do',
    '  [ -e "$f" ] || { echo "MISSING|$f|"; continue; }',
    '  mv "$f" /tmp/held',
    `  if ${SERVER} --model-repository=/models >/tmp/out 2>&1; then echo "LOADED|$f|"; else echo "FAILED|$f|$(grep "failed to load 'm_${backend}'" /tmp/out)"; fi`,
    '  mv /tmp/held "$f"',
    'done',
  ].join('\n');
  const repo = modelRepo([backend]);
  const res = docker([
    'run',
    '--rm',
    '--entrypoint',
    'sh',
    '-e',
    `FILES=${files.join(' ')}`,
    '-v',
    `${repo}:/models:ro`,
    image,
    '-c',
    script,
  ]);
  if (res.status !== 0) throw new Error(`docker run ${image} exited ${res.status}:\n${res.stderr}`);
  const out = new Map<string, string>();
  for (const line of res.stdout.trim().split('\n')) {
    const [state, file, reason] = line.split('|');
    out.set(file, `${state}${reason ? ` ${reason}` : ''}`);
  }
  return out;
}

/** Every copy must be in the image, and the load must fail naming it when it is not. */
function expectEachNeeded(image: string, copies: Copy[], backend: string): void {
  const result = withoutEach(
    image,
    copies.map((c) => c.to),
    backend,
  );
  for (const c of copies) {
    const state = result.get(c.to) ?? 'not run';
    expect({ file: c.to, failed: state.startsWith('FAILED') }).toEqual({ file: c.to, failed: true });
    // the soname when it resolves nowhere on the search path, or the absolute path build.py uses
    expect(state.includes(sonameOf(c)) || state.includes(c.to)).toBe(true);
  }
}

describe.each([
  { version: '24.01', ubuntu: '22.04' }, // jammy, CUDA 12, cuDNN 8
  { version: '25.01', ubuntu: '24.04' }, // noble, CUDA 12, cuDNN 9
  { version: '26.08', ubuntu: '24.04' }, // noble, CUDA 13, root-owned
])('CPU-only PyTorch compose of $version', ({ version, ubuntu }) => {
  const tag = `${R}/composed:cpu-torch-${version}`;
  const backends = ['onnxruntime', 'python', 'pytorch'];

  beforeAll(() => {
    const run = runAction({
      'container-version': version,
      gpu: 'false',
      'full-image': `${R}/tritonserver:${version}-cpu-only-py3`,
      'min-image': `${R}/ubuntu:${ubuntu}`,
      'gpu-min-image': `${R}/tritonserver:${version}-py3-min`,
      backends: backends.join(','),
      tags: tag,
      push: 'true',
      // what is tested is which files the image holds and what loads, at any gzip level
      'compression-level': '1',
    });
    if (run.status !== 0) throw new Error(`action failed:\n${run.log}`);
    docker(['pull', '-q', tag]);
  });

  test('loads every backend in the fixture server', () => {
    const res = docker(['run', '--rm', '-v', `${modelRepo(backends)}:/models:ro`, tag, 'tritonserver', '--model-repository=/models']);
    for (const b of backends) expect(res.stderr).toContain(`successfully loaded 'm_${b}'`);
    expect(res.stderr).not.toContain('UNAVAILABLE');
    expect(res.status).toBe(0);
  });

  test('holds every library build.py copies, and fails the pytorch model without any one of them', () => {
    const copies = cpuTorchCopies(version);
    expect(copies.length).toBeGreaterThanOrEqual(18);
    expectEachNeeded(tag, copies, 'pytorch');
  });
});

// build.py copies NCCL into CPU-only images with TensorFlow (and no PyTorch) up to 25.02: one
// release of each era that still ships TensorFlow has a fixture that needs it. The compose is
// run for the newer era: the copy comes from the same table row, the same code path, for both.
describe.each([
  { version: '24.01' }, // jammy
  { version: '25.01' }, // noble
])('CPU-only TensorFlow fixture of $version (build.py copies NCCL from the GPU min image through 25.02)', ({ version }) => {
  test('loads tensorflow, and fails it without NCCL', () => {
    const copies = cpuTensorflowCopies(version);
    expect(copies.map((c) => c.to)).toEqual(['/usr/lib/x86_64-linux-gnu/libnccl.so.2']);
    const image = `${R}/tritonserver:${version}-cpu-only-py3`;
    docker(['pull', '-q', image]);
    const ok = docker([
      'run',
      '--rm',
      '-v',
      `${modelRepo(['tensorflow'])}:/models:ro`,
      image,
      'tritonserver',
      '--model-repository=/models',
    ]);
    expect(ok.stderr).toContain("successfully loaded 'm_tensorflow'");
    expectEachNeeded(image, copies, 'tensorflow');
  });
});

test('a CPU-only TensorFlow compose of 25.01 copies NCCL from gpu-min and loads', () => {
  const version = '25.01';
  const copies = cpuTensorflowCopies(version);
  const tag = `${R}/composed:cpu-tf-${version}`;
  const run = runAction({
    'container-version': version,
    gpu: 'false',
    'full-image': `${R}/tritonserver:${version}-cpu-only-py3`,
    'min-image': `${R}/ubuntu:24.04`,
    'gpu-min-image': `${R}/tritonserver:${version}-py3-min`,
    backends: 'tensorflow',
    tags: tag,
    push: 'true',
    'compression-level': '1',
  });
  expect(run.status).toBe(0);
  docker(['pull', '-q', tag]);
  const res = docker(['run', '--rm', '-v', `${modelRepo(['tensorflow'])}:/models:ro`, tag, 'tritonserver', '--model-repository=/models']);
  expect(res.stderr).toContain("successfully loaded 'm_tensorflow'");
  expect(res.status).toBe(0);
  expectEachNeeded(tag, copies, 'tensorflow');
});
