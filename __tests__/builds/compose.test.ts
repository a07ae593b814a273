// The compose pipeline through its real entries (dist/index.js with INPUT_* variables, and
// the CLI), against the test bed's engine and registry; assertions on what the registry
// holds afterwards and on what the fixture tritonserver can load and run from the result
// (the real-binary fixtures for GPU composes; the CPU-only one has only the busybox family).
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ANSWERS, writeModelRepository } from '../../scripts/real-fixtures/models.js';
import { fetchLayerToc } from '../../src/layer/contents.js';
import { docker, modelRepo, runAction, runCli } from '../helpers/action-run.js';
import { checkSpdx } from '../helpers/spdx-schema.js';
import { RegistryClient } from '../../src/registry/client.js';
import { type ImageRef, requireReference } from '../../src/oci/reference.js';

const R = '127.0.0.1:5000';
const client = new RegistryClient();
const amd64 = { os: 'linux', architecture: 'amd64' };

function ref(text: string): ImageRef {
  return requireReference(text);
}

/** path, mode, owner and content hash of every file under `paths`, as the image holds them. */
function fileTable(image: string, paths: string[]): string {
  const script = `for p in ${paths.join(' ')}; do find "$p" -type f -o -type l | sort | while read -r f; do if [ -L "$f" ]; then echo "$f -> $(readlink "$f")"; else echo "$(stat -c '%a %u:%g' "$f") $(sha256sum < "$f" | cut -c1-64) $f"; fi; done; done`;
  const res = docker(['run', '--rm', '--entrypoint', '/bin/sh', image, '-c', script]);
  if (res.status !== 0) throw new Error(res.stderr);
  return res.stdout;
}

beforeAll(() => {
  if (docker(['info']).status !== 0) throw new Error('docker does not answer: run bash scripts/testbed.sh up');
});

// On the real-binary fixtures (npm run fixtures:real): the composed server loads each model's
// backend with the dynamic loader and runs one request.
describe.each([
  { version: '24.01', backends: ['onnxruntime', 'python'], notKept: 'pytorch', serve: true },
  { version: '25.01', backends: ['dali', 'pytorch', 'tensorrt'], notKept: 'onnxruntime', serve: false },
])('action compose of $version with $backends', ({ version, backends, notKept, serve }) => {
  const full = `${R}/real/tritonserver:${version}-py3`;
  const min = `${R}/real/tritonserver:${version}-py3-min`;
  const tag = `${R}/composed:action-${version}`;
  let run: ReturnType<typeof runAction>;

  beforeAll(() => {
    run = runAction({
      'container-version': version,
      'full-image': full,
      'min-image': min,
      backends: backends.join(','),
      repoagents: 'checksum',
      caches: 'local',
      tags: tag,
      push: 'true',
      user: 'triton-server',
    });
    if (run.status !== 0) throw new Error(`action failed:\n${run.log}`);
  });

  test('the registry holds min layers, then runtime-deps, core, one layer per part', async () => {
    const image = await client.resolve(ref(tag), amd64);
    const minImage = await client.resolve(ref(min), amd64);
    const layers = image.manifest.layers.map((l) => l.digest);
    expect(layers.slice(0, 3)).toEqual(minImage.manifest.layers.map((l) => l.digest));
    const parts = JSON.parse(run.outputs.parts) as { name: string; kind: string; digest: string; size: number }[];
    // written directly: no WORKDIR layer (the core layer holds the folder)
    expect(parts.map((p) => p.name)).toEqual([
      'base',
      'runtime-deps',
      'core',
      ...backends,
      'checksum',
      'local',
      ...(serve ? ['serve'] : []),
    ]);
    expect(layers.length).toBe(3 + parts.length - 1);
    expect(parts.slice(1).map((p) => p.digest)).toEqual(layers.slice(3));
  });

  test('the SBOM output lists the kept parts and packages, passes the SPDX schema, and is attached to the image', async () => {
    const doc = JSON.parse(readFileSync(run.outputs.sbom, 'utf8')) as {
      packages: { name: string; versionInfo?: string; externalRefs?: { referenceLocator: string }[] }[];
    };
    expect(checkSpdx(doc)).toEqual([]);
    const names = doc.packages.map((p) => p.name);
    for (const b of backends) expect(names).toContain(`triton-backend-${b}`);
    expect(names).toEqual(expect.arrayContaining(['tritonserver', 'triton-repoagent-checksum', 'triton-cache-local']));
    const purls = doc.packages.flatMap((p) => (p.externalRefs ?? []).map((r) => r.referenceLocator));
    // libgomp1 comes with the runtime packages of onnxruntime and pytorch.
    expect(purls.some((p) => p.startsWith('pkg:deb/') && p.includes('/libgomp1@'))).toBe(
      backends.includes('onnxruntime') || backends.includes('pytorch'),
    );
    // The registry has no referrers API: the artifact is listed under the sha256-<hex> tag.
    const index = JSON.parse((await client.getManifest(ref(tag), `sha256-${run.outputs.digest.slice(7)}`)).body.toString('utf8')) as {
      manifests: { artifactType: string }[];
    };
    expect(index.manifests.map((m) => m.artifactType)).toContain('application/spdx+json');
  });

  test('digest and size outputs equal what the registry holds', async () => {
    expect(run.outputs.digest).toBe(await client.headManifest(ref(tag)));
    const image = await client.resolve(ref(tag), amd64);
    expect(Number(run.outputs.size)).toBe(image.manifest.layers.reduce((n, l) => n + l.size, 0));
    const fullImage = await client.resolve(ref(full), amd64);
    expect(Number(run.outputs['full-size'])).toBe(fullImage.manifest.layers.reduce((n, l) => n + l.size, 0));
    expect(JSON.parse(run.outputs['base-images'])).toEqual({
      full: `${full}@${fullImage.digest}`,
      min: expect.stringMatching(new RegExp(`^${min}@sha256:`)),
    });
    expect(Number(run.outputs.saving)).toBeGreaterThan(0);
    expect(run.summary).toContain(run.outputs.digest);
  });

  test('uncompressed size and parts equal the layer tars; the summary shows them', async () => {
    const image = await client.resolve(ref(tag), amd64);
    let tarBytes = 0;
    for (const l of image.manifest.layers) tarBytes += (await fetchLayerToc(client, ref(tag), l.digest)).tarSize;
    expect(Number(run.outputs['uncompressed-size'])).toBe(tarBytes);
    const parts = JSON.parse(run.outputs.parts) as { size: number; uncompressedSize: number }[];
    expect(parts.reduce((n, p) => n + p.size, 0)).toBe(Number(run.outputs.size));
    expect(parts.reduce((n, p) => n + p.uncompressedSize, 0)).toBe(tarBytes);
    expect(run.summary).toContain(`${Number(run.outputs.size).toLocaleString('en-US')} B`);
    expect(run.summary).toContain(`**Saving: ${Number(run.outputs.saving).toFixed(1)}%**`);
    for (const b of backends) expect(run.summary).toContain(`| ${b} | backend |`);
  });

  test("every kept path holds the full image's files (mode, owner, content)", () => {
    docker(['pull', '-q', tag]);
    docker(['pull', '-q', full]);
    const paths = [
      '/opt/tritonserver/bin',
      '/opt/tritonserver/lib',
      ...backends.map((b) => `/opt/tritonserver/backends/${b}`),
      '/opt/tritonserver/repoagents/checksum',
      '/opt/tritonserver/caches/local',
    ];
    const ours = fileTable(tag, paths);
    expect(ours.split('\n').length).toBeGreaterThan(paths.length);
    expect(ours).toBe(fileTable(full, paths));
  });

  test('the server loads every kept backend, answers one request with each, and fails for one not kept', () => {
    const repo = writeModelRepository(mkdtempSync(join(tmpdir(), 'tc-models-')), backends);
    const ok = docker([
      'run',
      '--rm',
      '-v',
      `${repo}:/models:ro`,
      tag,
      'tritonserver',
      '--model-repository=/models',
      '--cache-config=local,size=1048576',
      '--fixture-infer',
    ]);
    for (const b of backends) expect(ok.stderr).toContain(`successfully loaded 'm_${b}'`);
    for (const b of backends) if (ANSWERS[b]) expect(ok.stderr).toContain(`infer 'm_${b}': [1 2 3 4] -> ${ANSWERS[b]}`);
    expect(ok.stderr).not.toContain('UNAVAILABLE');
    expect(ok.status).toBe(0);
    const other = writeModelRepository(mkdtempSync(join(tmpdir(), 'tc-models-')), [notKept]);
    const bad = docker(['run', '--rm', '-v', `${other}:/models:ro`, tag, 'tritonserver', '--model-repository=/models']);
    expect(bad.status).toBe(1);
    expect(bad.stderr).toContain(`unable to find backend library for backend '${notKept}'`);
  });

  test('runs as triton-server in /opt/tritonserver; written directly, and the Dockerfile builds the same parts from context tars', () => {
    const who = docker(['run', '--rm', tag, 'sh', '-c', 'id -un; pwd']);
    expect(who.stdout.trim().split('\n').slice(-2)).toEqual(['triton-server', '/opt/tritonserver']);
    expect(run.summary).toContain("- **Built by:** written directly to the registry (no engine, no BuildKit; min's layers never pulled)");
    const dockerfile = readFileSync(run.outputs.dockerfile, 'utf8');
    expect(dockerfile.split('\n').filter((l) => l.startsWith('RUN '))).toEqual([]);
    expect(dockerfile).not.toMatch(/ AS full$/m);
    expect(dockerfile.split('\n').filter((l) => l.startsWith('ADD --link parts/')).length).toBe(backends.length + 4 + (serve ? 1 : 0)); // + runtime-deps, core, checksum, local (and serve)
  });
});

test('CPU-only compose with pytorch copies CUDA libraries from gpu-min and loads', async () => {
  const tag = `${R}/composed:action-cpu-24.01`;
  const run = runAction({
    'container-version': '24.01',
    gpu: 'false',
    'full-image': `${R}/tritonserver:24.01-cpu-only-py3`,
    'min-image': `${R}/ubuntu:22.04`,
    'gpu-min-image': `${R}/tritonserver:24.01-py3-min`,
    backends: 'onnxruntime,pytorch,python',
    tags: tag,
    push: 'true',
  });
  expect(run.status).toBe(0);
  // built with Buildx: the CUDA libraries come from gpu-min in a build step
  expect(run.summary).toContain('- **Built by:** Buildx (a CPU-only pytorch copies CUDA libraries from gpu-min-image in a build step)');
  const parts = JSON.parse(run.outputs.parts) as { name: string }[];
  expect(parts.map((p) => p.name)).toEqual([
    'base',
    'runtime-deps',
    'core',
    'cpu-libs',
    'onnxruntime',
    'python',
    'pytorch',
    'serve',
    'workdir',
  ]);
  docker(['pull', '-q', tag]);
  const res = docker([
    'run',
    '--rm',
    '-v',
    `${modelRepo(['onnxruntime', 'pytorch', 'python'])}:/models:ro`,
    tag,
    'tritonserver',
    '--model-repository=/models',
  ]);
  for (const b of ['onnxruntime', 'pytorch', 'python']) expect(res.stderr).toContain(`successfully loaded 'm_${b}'`);
  expect(res.stderr).not.toContain('UNAVAILABLE');
  expect(res.status).toBe(0);
  expect((await client.resolve(ref(tag), amd64)).config.config?.Env).toContain('TRITON_SERVER_GPU_ENABLED=0');
});

test("the CLI takes compose.py's flags and builds the same kind of image", async () => {
  const tag = `${R}/composed:cli-25.01`;
  const res = runCli([
    '--backend',
    'identity',
    '--backend',
    'python',
    '--repoagent',
    'checksum',
    '--container-version',
    '25.01',
    '--image',
    `full,${R}/tritonserver:25.01-py3`,
    '--image',
    `min,${R}/tritonserver:25.01-py3-min`,
    '--output-name',
    tag,
    '--push',
    '--force',
    '--json',
  ]);
  expect(res.status).toBe(0);
  const report = JSON.parse(res.stdout) as { ok: boolean; digest: string; platforms: { size: number; parts: { name: string }[] }[] };
  expect(report.ok).toBe(true);
  expect(report.digest).toBe(await client.headManifest(ref(tag)));
  expect(report.platforms[0].parts.map((p) => p.name)).toEqual(['base', 'runtime-deps', 'core', 'identity', 'python', 'checksum']);
  const image = await client.resolve(ref(tag), amd64);
  expect(report.platforms[0].size).toBe(image.manifest.layers.reduce((n, l) => n + l.size, 0));
});

test('bad input fails before any build, names the input, and leaves no image', async () => {
  const tag = `${R}/composed:never`;
  const run = runAction({ 'container-version': '24.02', backends: 'onnxruntime', tags: tag, push: 'true' });
  expect(run.status).not.toBe(0);
  expect(run.log).toContain('backends: "onnxruntime" is not in the 24.02 release');
  expect(await client.headManifest(ref(tag))).toBeUndefined();
});

test('a backend missing from a custom full image is named, with what the image holds', async () => {
  const run = runAction({
    'full-image': `${R}/tritonserver:25.01-py3`,
    'min-image': `${R}/tritonserver:25.01-py3-min`,
    backends: 'vllm', // only in the -vllm-python-py3 variant, not in this plain -py3 image
    'dry-run': 'true',
  });
  expect(run.status).not.toBe(0);
  expect(run.log).toContain(
    'backends: "vllm" is not in the full image (/opt/tritonserver/backends/ holds: dali, fil, identity, onnxruntime, openvino, python, pytorch, repeat, square, tensorflow, tensorrt)',
  );
});
