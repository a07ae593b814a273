// The NGC-shaped fixture releases (scripts/fixtures.ts), checked against the real test bed:
// the registry's manifests and configs, and the images run by the real Docker engine.
// Needs `bash scripts/testbed.sh up` and `npm run fixtures`; when either is missing every
// test here FAILS with a message saying so (nothing is skipped).
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { RegistryClient } from '../../src/registry/client.js';
import { formatReference, registryBaseUrl, type ImageRef, requireReference } from '../../src/oci/reference.js';
import { type ResolvedImage } from '../../src/oci/types.js';

const REGISTRY = process.env.FIXTURE_REGISTRY ?? '127.0.0.1:5000';
const AMD64 = { os: 'linux', architecture: 'amd64' };
const LIB = '/usr/lib/x86_64-linux-gnu';
/** Local tags of the images these tests build; never pushed, removed in afterAll. */
const TEST_REPO = 'triton-compose-test';

// What each release must serve, written out here rather than read from the fixture sources,
// so a change to the fixtures that drops a backend fails this test.
const COMMON = ['identity', 'repeat', 'square', 'onnxruntime', 'python', 'pytorch', 'tensorrt', 'openvino', 'fil', 'dali'];
const RELEASES: { version: string; backends: string[] }[] = [
  { version: '24.01', backends: [...COMMON, 'tensorflow'] },
  { version: '25.01', backends: [...COMMON, 'tensorflow'] }, // tensorflow through r25.02:build.py
  { version: '26.08', backends: COMMON },
];
const ALL_BACKENDS = [...new Set(RELEASES.flatMap((r) => r.backends))];
const CPU_BACKENDS = ['identity', 'onnxruntime', 'python', 'pytorch'];

interface Run {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** Runs a command (argument array, no shell); throws only when it cannot be started. */
function run(cmd: string, args: string[], timeoutMs = 120_000): Run {
  const r = spawnSync(cmd, args, { encoding: 'utf8', timeout: timeoutMs, maxBuffer: 64 * 1024 * 1024 });
  if (r.error) throw new Error(`${cmd} ${args.join(' ')}: ${r.error.message}`);
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** Runs a command that must succeed; the error carries its output. */
function must(cmd: string, args: string[], timeoutMs = 300_000): string {
  const r = run(cmd, args, timeoutMs);
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} exited ${r.status}:\n${r.stderr}${r.stdout}`);
  return r.stdout;
}

function ref(name: string): ImageRef {
  return requireReference(`${REGISTRY}/${name}`);
}

let preflightResult: Promise<void> | undefined;
/** The engine, Buildx and the registry must answer; otherwise every test fails saying so. */
function preflight(): Promise<void> {
  preflightResult ??= (async () => {
    let info: Run;
    try {
      info = run('docker', ['info', '--format', '{{.ServerVersion}}'], 15_000);
    } catch (err) {
      throw new Error(`the docker client cannot run (${(err as Error).message}): start the test bed with \`bash scripts/testbed.sh up\``);
    }
    if (info.status !== 0) {
      throw new Error(
        `the Docker engine does not answer (docker info: ${info.stderr.trim()}): start the test bed with \`bash scripts/testbed.sh up\``,
      );
    }
    const buildx = run('docker', ['buildx', 'version'], 15_000);
    if (buildx.status !== 0) throw new Error(`docker buildx is missing (${buildx.stderr.trim()}): run \`bash scripts/testbed.sh up\``);
    const url = `${registryBaseUrl(REGISTRY)}/v2/`;
    try {
      const res = await fetch(url, { signal: AbortSignal.timeout(5_000) });
      await res.body?.cancel();
      if (res.status !== 200) throw new Error(`HTTP ${res.status}`);
    } catch (err) {
      throw new Error(
        `the registry at ${url} does not answer (${(err as Error).message}): start the test bed with \`bash scripts/testbed.sh up\``,
      );
    }
  })();
  return preflightResult;
}

const client = new RegistryClient({ retries: 1, timeoutMs: 15_000 });

async function resolve(name: string): Promise<ResolvedImage> {
  try {
    return await client.resolve(ref(name), AMD64);
  } catch (err) {
    throw new Error(`${REGISTRY}/${name}: ${(err as Error).message} (push the fixtures with \`npm run fixtures\`)`);
  }
}

function envOf(img: ResolvedImage): Map<string, string> {
  const m = new Map<string, string>();
  for (const e of img.config.config?.Env ?? []) {
    const eq = e.indexOf('=');
    m.set(eq < 0 ? e : e.slice(0, eq), eq < 0 ? '' : e.slice(eq + 1));
  }
  return m;
}

/** Pulls the tag and checks that the engine now holds exactly what the registry serves. */
function pull(img: ResolvedImage): void {
  const name = formatReference(img.ref);
  must('docker', ['pull', '--quiet', name]);
  // With the containerd image store the image ID is the digest the tag points at (the index).
  const id = must('docker', ['image', 'inspect', '--format', '{{.Id}}', name]).trim();
  if (id !== img.digest) throw new Error(`after docker pull, ${name} is ${id} locally but ${img.digest} in the registry`);
}

/** A model repository with one model per backend: <backend>_model/{config.pbtxt,1/}. */
function modelRepo(backends: string[]): string {
  const dir = mkdtempSync(join(tmpdir(), 'triton-models-'));
  for (const b of backends) {
    const model = `${b}_model`;
    mkdirSync(join(dir, model, '1'), { recursive: true });
    writeFileSync(join(dir, model, 'config.pbtxt'), `name: "${model}"\nbackend: "${b}"\nmax_batch_size: 0\n`);
  }
  return dir;
}

/** The server's model table (on stderr): model name -> status. */
function modelTable(stderr: string): Map<string, string> {
  const m = new Map<string, string>();
  for (const line of stderr.split('\n')) {
    const row = /^\|\s*(\S+)\s*\|\s*(\S+)\s*\|\s*(.*?)\s*\|$/.exec(line);
    if (row && row[1] !== 'Model') m.set(row[1], row[3]);
  }
  return m;
}

function serve(image: string, repo: string, opts: { env?: string[]; server?: string } = {}): Run {
  const args = ['run', '--rm', '-v', `${repo}:/models:ro`];
  for (const e of opts.env ?? []) args.push('-e', e);
  return run('docker', [...args, image, opts.server ?? 'tritonserver', '--model-repository=/models']);
}

/** Builds a Dockerfile with the docker driver and loads the result under a test-only tag. */
function build(tag: string, dockerfile: string, buildArgs: Record<string, string>): void {
  const ctx = mkdtempSync(join(tmpdir(), 'triton-build-'));
  try {
    writeFileSync(join(ctx, 'Dockerfile'), dockerfile);
    const args = ['buildx', 'build', '--load', '--quiet', '--provenance=false', '--tag', tag];
    for (const [k, v] of Object.entries(buildArgs)) args.push('--build-arg', `${k}=${v}`);
    must('docker', [...args, ctx]);
  } finally {
    rmSync(ctx, { recursive: true, force: true });
  }
}

const byDigest = (img: ResolvedImage) => `${REGISTRY}/${img.ref.repository}@${img.digest}`;

const tempDirs: string[] = [];
const builtTags: string[] = [];
afterAll(() => {
  for (const d of tempDirs) rmSync(d, { recursive: true, force: true });
  if (builtTags.length) spawnSync('docker', ['image', 'rm', '--force', ...builtTags], { stdio: 'ignore' });
});

describe.each(RELEASES)('fixture release $version', ({ version, backends }) => {
  let full: ResolvedImage;
  let min: ResolvedImage;
  let cpu: ResolvedImage;
  let fullRepo: string;

  beforeAll(async () => {
    await preflight();
    [full, min, cpu] = await Promise.all([
      resolve(`tritonserver:${version}-py3`),
      resolve(`tritonserver:${version}-py3-min`),
      resolve(`tritonserver:${version}-cpu-only-py3`),
    ]);
    for (const img of [full, min, cpu]) pull(img);
    fullRepo = modelRepo(backends);
    tempDirs.push(fullRepo);
  });

  test("the full image is the min image's layers, byte for byte, plus exactly 2 more", () => {
    const minLayers = min.manifest.layers.map((l) => l.digest);
    const fullLayers = full.manifest.layers.map((l) => l.digest);
    expect(minLayers).toHaveLength(3);
    expect(fullLayers).toHaveLength(minLayers.length + 2);
    expect(fullLayers.slice(0, minLayers.length)).toEqual(minLayers);
    expect(full.config.rootfs.diff_ids.slice(0, minLayers.length)).toEqual(min.config.rootfs.diff_ids);
    // the two added layers are new content, not repeats of the base
    expect(new Set(fullLayers).size).toBe(fullLayers.length);
  });

  test("the configs carry NGC's env, labels and entrypoint", () => {
    const fe = envOf(full);
    for (const k of ['TRITON_SERVER_VERSION', 'NVIDIA_TRITON_SERVER_VERSION', 'DCGM_VERSION', 'CUDA_VERSION'])
      expect(fe.get(k)).toBeTruthy();
    expect(fe.get('NVIDIA_TRITON_SERVER_VERSION')).toBe(version);
    const labels = full.config.config?.Labels ?? {};
    for (const k of ['com.nvidia.build.id', 'com.nvidia.build.ref', 'com.nvidia.tritonserver.version']) expect(labels[k]).toBeTruthy();
    expect(labels['com.nvidia.tritonserver.version']).toBe(fe.get('TRITON_SERVER_VERSION'));
    expect(fe.get('PATH')?.split(':')).toContain('/opt/tritonserver/bin');

    const me = envOf(min);
    expect(me.get('CUDA_VERSION')).toBeTruthy();
    expect(me.get('CUDA_VERSION')).toBe(fe.get('CUDA_VERSION'));
    expect(me.get('_CUDA_COMPAT_PATH')).toBeTruthy();
    expect(min.config.config?.Entrypoint).toEqual(['/opt/nvidia/nvidia_entrypoint.sh']);
    expect(full.config.config?.Entrypoint).toEqual(['/opt/nvidia/nvidia_entrypoint.sh']);
  });

  test('after docker pull the engine holds what the registry serves', () => {
    // pull() in beforeAll threw if not; here the same check once more, visibly
    for (const img of [full, min, cpu]) {
      const id = must('docker', ['image', 'inspect', '--format', '{{.Id}}', formatReference(img.ref)]).trim();
      expect(id).toBe(img.digest);
    }
  });

  test(`the full image loads one model of each of its ${backends.length} backends`, () => {
    const r = serve(formatReference(full.ref), fullRepo);
    const table = modelTable(r.stderr);
    expect({ status: r.status, models: Object.fromEntries(table) }).toEqual({
      status: 0,
      models: Object.fromEntries(backends.map((b) => [`${b}_model`, 'READY'])),
    });
    expect(r.stderr).toContain('Started HTTPService');
  });

  const lacking = ALL_BACKENDS.filter((b) => !backends.includes(b));
  if (lacking.length > 0) {
    test(`the full image fails models of backends it does not ship (${lacking.join(', ')})`, () => {
      const repo = modelRepo(['identity', ...lacking]);
      tempDirs.push(repo);
      const r = serve(formatReference(full.ref), repo);
      expect(r.status).not.toBe(0);
      const table = modelTable(r.stderr);
      expect(table.get('identity_model')).toBe('READY');
      for (const b of lacking) expect(table.get(`${b}_model`)).toContain(`unable to find backend library for backend '${b}'`);
    });
  }

  test('the min image has no server', () => {
    const r = serve(formatReference(min.ref), fullRepo, { server: '/opt/tritonserver/bin/tritonserver' });
    expect(r.status).not.toBe(0);
    expect(r.stderr).toMatch(/tritonserver: not found/);
  });

  test("min + the server's bin/ and lib/ only: no server libraries, then no backends", () => {
    const tag = `${TEST_REPO}/min-server:${version}`;
    builtTags.push(tag);
    // The server's own libraries (bin/NEEDED) come from the package layer, not from
    // /opt/tritonserver; they are copied aside to /opt/server-libs, which is on no path.
    build(
      tag,
      [
        'ARG FULL',
        'ARG MIN',
        'FROM ${FULL} AS full',
        'FROM ${MIN}',
        'COPY --from=full /opt/tritonserver/bin /opt/tritonserver/bin',
        'COPY --from=full /opt/tritonserver/lib /opt/tritonserver/lib',
        `COPY --from=full ${['libb64.so.0d', 'libtcmalloc.so.4', 'libnuma.so.1', 'libcurl.so.4'].map((l) => `${LIB}/${l}*`).join(' ')} /opt/server-libs/`,
        '',
      ].join('\n'),
      { FULL: byDigest(full), MIN: byDigest(min) },
    );
    const repo = modelRepo(['identity', 'onnxruntime']);
    tempDirs.push(repo);
    const server = '/opt/tritonserver/bin/tritonserver';

    // as composed: the loader fails before any model is looked at
    const bare = serve(tag, repo, { server });
    expect(bare.status).toBe(127);
    expect(bare.stderr).toContain('error while loading shared libraries: libb64.so.0d: cannot open shared object file');
    expect(modelTable(bare.stderr).size).toBe(0);

    // with the server's libraries found, every model fails for lack of its backend
    const withLibs = serve(tag, repo, { server, env: ['LD_LIBRARY_PATH=/opt/server-libs'] });
    expect(withLibs.status).toBe(1);
    const table = modelTable(withLibs.stderr);
    expect(table.get('onnxruntime_model')).toContain("unable to find backend library for backend 'onnxruntime'");
    expect(table.get('identity_model')).toContain("unable to find backend library for backend 'identity'");
    expect(withLibs.stderr).toContain('failed to load all models');
  });

  test('the full image without libgomp.so.1 fails the onnxruntime (and pytorch) model', () => {
    const tag = `${TEST_REPO}/no-libgomp:${version}`;
    builtTags.push(tag);
    build(tag, `ARG FULL\nFROM \${FULL}\nRUN rm ${LIB}/libgomp.so.1*\n`, { FULL: byDigest(full) });
    const repo = modelRepo(['identity', 'onnxruntime', 'pytorch']);
    tempDirs.push(repo);
    const r = serve(tag, repo);
    expect(r.status).not.toBe(0);
    const table = modelTable(r.stderr);
    const gomp = 'unable to load backend library: libgomp.so.1: cannot open shared object file: No such file or directory';
    expect(table.get('onnxruntime_model')).toContain(gomp);
    expect(table.get('pytorch_model')).toContain(gomp);
    expect(table.get('identity_model')).toBe('READY');
    expect(r.stderr).toContain('failed to load all models');
  });

  test(`the CPU-only image loads ${CPU_BACKENDS.join(', ')}`, () => {
    const repo = modelRepo(CPU_BACKENDS);
    tempDirs.push(repo);
    const r = serve(formatReference(cpu.ref), repo);
    expect({ status: r.status, models: Object.fromEntries(modelTable(r.stderr)) }).toEqual({
      status: 0,
      models: Object.fromEntries(CPU_BACKENDS.map((b) => [`${b}_model`, 'READY'])),
    });
  });
});
