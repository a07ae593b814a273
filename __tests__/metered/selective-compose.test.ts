// The selective source through the whole compose, against the real engine and registry: the
// image it writes directly (no engine, no BuildKit) and, in one case, the one Buildx builds
// from the same parts hold the same files as a buildkit-source compose of the same spec; on
// the real-binary fixtures, the composed server loads and runs every kept model, and removing
// one library fails exactly the models that need it; what a direct
// compose fetches (counted in the registry's access log) is the full image's layers holding
// kept paths once when cold, little more than the kept bytes when warm, nothing with piece
// records, and never a byte of min's layers; its disk use is sampled; and the engine's content
// store gets nothing.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { cp, mkdtemp, readdir, rm, stat, statfs } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AccessLog, type AccessEntry, findRegistryLog, findRegistryStorage } from '../../scripts/lib/access-log.js';
import type { ComposeResult } from '../../src/compose/compose.js';
import { readCachedIndex } from '../../src/layer/layer-index.js';
import { type ImageRef, requireReference } from '../../src/oci/reference.js';
import { parseSpec } from '../../src/spec/spec.js';
import { type FileFact, readImageFiles } from '../helpers/image-files.js';
import { type ResolvedImage } from '../../src/oci/types.js';
import { ANSWERS, writeModelRepository } from '../../scripts/real-fixtures/models.js';
import { runAction } from '../helpers/action-run.js';
import { client, composeSpec } from '../helpers/real-compose.js';

const R = '127.0.0.1:5000';
const AMD64 = { os: 'linux', architecture: 'amd64' };
const accessLog = new AccessLog(findRegistryLog(process.cwd()));
const notes: string[] = [];
let work: string;

beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'selective-compose-'));
});
afterAll(async () => {
  await rm(work, { recursive: true, force: true });
  console.log(notes.join('\n'));
});

interface Case {
  name: string;
  version: string;
  gpu: boolean;
  /** real: the real-binary fixtures (npm run fixtures:real), whose server loads and runs models. */
  family: 'real' | 'busybox';
  /** The fixture profile's tag suffix of the GPU full and min images ('-metered': images of this file alone). */
  suffix?: string;
  /**
   * Also compose the selective source with `assembly: buildx` and compare it. Once: Buildx
   * assembly does not depend on the era (the last describe here runs it on 24.01's shape), and
   * a CPU-only pytorch compose is built with Buildx anyway.
   */
  buildx?: boolean;
  inputs: Record<string, string>;
}

function specOf(c: Case, source: 'selective' | 'buildkit', tag: string, more: Record<string, string> = {}) {
  return parseSpec({ ...rawOf(c, tag, more), source });
}

function rawOf(c: Case, tag: string, more: Record<string, string> = {}): Record<string, string> {
  const repo = c.family === 'real' ? `${R}/real/tritonserver` : `${R}/tritonserver`;
  const sfx = c.suffix ?? '';
  const full = c.gpu ? `${repo}:${c.version}-py3${sfx}` : `${repo}:${c.version}-cpu-only-py3`;
  const min = c.gpu ? `${repo}:${c.version}-py3-min${sfx}` : `${R}/ubuntu:${c.version === '24.01' ? '22.04' : '24.04'}`;
  return {
    'container-version': c.version,
    gpu: String(c.gpu),
    'full-image': full,
    'min-image': min,
    ...(c.gpu ? {} : { 'gpu-min-image': `${R}/tritonserver:${c.version}-py3-min` }),
    tags: `${R}/selective-compose:${tag}`,
    push: 'true',
    force: 'true',
    ...c.inputs,
    ...more,
  };
}

const compose = (spec: ReturnType<typeof parseSpec>, cacheDir: string): Promise<ComposeResult> => composeSpec(work, spec, cacheDir);

const CASES: Case[] = [
  {
    name: '24.01 GPU onnxruntime+python, checksum, local cache, user',
    version: '24.01',
    gpu: true,
    family: 'real',
    inputs: { backends: 'onnxruntime,python', repoagents: 'checksum', caches: 'local', user: 'triton-server' },
  },
  { name: '24.01 GPU pytorch+tensorrt', version: '24.01', gpu: true, family: 'real', inputs: { backends: 'pytorch,tensorrt' } },
  {
    name: '25.01 GPU python+fil+openvino+onnxruntime, redis cache',
    version: '25.01',
    gpu: true,
    family: 'real',
    buildx: true,
    inputs: { backends: 'python,fil,openvino,onnxruntime', caches: 'redis' },
  },
  // The real family has no CPU-only image: this one stays on the busybox family.
  {
    name: '25.01 CPU-only pytorch (CUDA libraries from gpu-min)',
    version: '25.01',
    gpu: false,
    family: 'busybox',
    inputs: { backends: 'pytorch' },
  },
];
const tagOf = (c: Case) =>
  c.name
    .replace(/[^a-z0-9]+/gi, '-')
    .toLowerCase()
    .slice(0, 60);

/**
 * The gzip header's XFL byte of each layer the compose wrote (not min's): 4 where the writer
 * used its fastest level, as zlib and Go's gzip both mark it (RFC 1952).
 */
async function writtenLayerFlags(tag: string, min: ImageRef): Promise<number[]> {
  const ref = requireReference(`${R}/selective-compose:${tag}`);
  const minLayers = new Set((await client.resolve(min, AMD64)).manifest.layers.map((l) => l.digest));
  const flags: number[] = [];
  for (const l of (await client.resolve(ref, AMD64)).manifest.layers) {
    if (minLayers.has(l.digest)) continue;
    const head = Buffer.alloc(10);
    let got = 0;
    for await (const chunk of await client.blobStream(ref, l.digest, { start: 0, end: 9 })) got += (chunk as Buffer).copy(head, got);
    flags.push(head[8]);
  }
  return flags;
}

describe.each(CASES)('$name', (c) => {
  test('the selective source, written directly (and once with Buildx), and the buildkit source: the same files (path, type, mode, owner, content)', async () => {
    const cacheDir = join(work, 'cache-same');
    const tag = tagOf(c);
    // At gzip level 1, whoever compresses (node's zlib, BuildKit's Go gzip): the files compared
    // are the same at any level, and level 1 is 2.5 times faster than the default on ELF files.
    const fast = { 'compression-level': '1' };
    const sel = await compose(specOf(c, 'selective', `${tag}-selective`, fast), cacheDir);
    // The Buildx builds at once (BuildKit runs them side by side, as two jobs of a matrix on
    // one runner would); the selective one reads the layer index the first compose made.
    const [bk, selx] = await Promise.all([
      compose(specOf(c, 'buildkit', `${tag}-buildkit`, fast), cacheDir),
      c.buildx ? compose(specOf(c, 'selective', `${tag}-selective-buildx`, { ...fast, assembly: 'buildx' }), cacheDir) : undefined,
    ]);
    // A CPU-only pytorch copies CUDA libraries from gpu-min in a build step: Buildx, always.
    expect(sel.report.assembly?.mode).toBe(!c.gpu && c.inputs.backends.includes('pytorch') ? 'buildx' : 'direct');
    expect(sel.report.selective).toBeDefined();
    expect(bk.report.selective).toBeUndefined();
    expect(sel.report.dockerfile).not.toMatch(/ AS full$/m);
    const files = async (suffix: string) => readImageFiles(client, requireReference(`${R}/selective-compose:${tag}-${suffix}`));
    const [a, b] = [await files('selective'), await files('buildkit')];
    const differ = (x: Map<string, FileFact>, y: Map<string, FileFact>) =>
      [...new Set([...x.keys(), ...y.keys()])]
        .filter((p) => JSON.stringify(x.get(p)) !== JSON.stringify(y.get(p)))
        .map((p) => `${p}: ${JSON.stringify(x.get(p))} vs ${JSON.stringify(y.get(p))}`);
    expect(differ(a, b)).toEqual([]);
    if (selx) {
      expect(selx.report.assembly).toEqual({ mode: 'buildx', reason: 'assembly: buildx' });
      expect(selx.report.selective).toBeDefined();
      expect(differ(await files('selective-buildx'), b)).toEqual([]);
    }
    // every layer the direct assembly wrote is at level 1 (min's are copied as they are;
    // BuildKit's are checked below, on a cold cache: a layer it holds already is sent as it is)
    if (sel.report.assembly?.mode === 'direct') {
      const flags = await writtenLayerFlags(`${tag}-selective`, specOf(c, 'selective', tag).images.min);
      expect(flags.length).toBeGreaterThan(0);
      expect(flags).toEqual(flags.map(() => 4));
    }
    // the parts really are there (not three equally empty images)
    for (const n of c.inputs.backends.split(',')) expect(a.has(`/opt/tritonserver/backends/${n}`)).toBe(true);
    expect([...a.values()].filter((f) => f.type === 'file').length).toBeGreaterThan(100);
    // the config says what the Dockerfile's final stage says, whoever wrote the image
    const config = async (suffix: string) =>
      (await client.resolve(requireReference(`${R}/selective-compose:${tag}-${suffix}`), AMD64)).config.config;
    const [ca, cb] = [await config('selective'), await config('buildkit')];
    const label = (x: typeof ca) => ({ ...x?.Labels, 'io.github.triton-compose.key': '' });
    expect([ca?.Env, ca?.Entrypoint, ca?.Cmd, ca?.User, ca?.WorkingDir, label(ca)]).toEqual([
      cb?.Env,
      cb?.Entrypoint,
      cb?.Cmd,
      cb?.User,
      cb?.WorkingDir,
      label(cb),
    ]);
    notes.push(
      `${c.name}: ${a.size} paths identical; selective (${sel.report.assembly?.mode}) fetched ${sel.report.selective?.rangeBytes} B by ranges, ${sel.report.selective?.coldLayers.length} layers streamed`,
    );
  });
});

// ---------------------------------------------------------------------------------------
// What the composed images' servers do: the real family's tritonserver loads each model's
// backend through the real dynamic loader, as on a GPU machine (where a missing library fails
// the model at load time, not the server at start).

const REAL = CASES.filter((c) => c.family === 'real');
/** A backend of the full image that no case keeps. */
const LEFT_OUT = 'identity';

/** Runs the composed image's server on models of `backends`; `prepare` runs first, as root. */
function serve(c: Case, backends: string[], prepare?: string, image = `${R}/selective-compose:${tagOf(c)}-selective`) {
  const models = writeModelRepository(mkdtempSync(join(work, 'models-')), backends);
  const cache = c.inputs.caches ? [`--cache-config=${c.inputs.caches},size=1048576`] : [];
  const args = ['tritonserver', '--model-repository=/models', '--fixture-infer', ...cache];
  const run = prepare
    ? ['--user', 'root', '--entrypoint', '/bin/sh', image, '-c', `${prepare} && exec ${args.join(' ')}`]
    : [image, ...args];
  const r = spawnSync('docker', ['run', '--rm', '-v', `${models}:/models:ro`, ...run], { encoding: 'utf8', timeout: 120_000 });
  const status = (state: string) =>
    r.stderr
      .split('\n')
      .filter((l) => new RegExp(`^\\| m_\\S+ +\\| 1 +\\| ${state}`).test(l))
      .map((l) => l.split(' ')[1]);
  return { ...r, ready: status('READY'), unavailable: status('UNAVAILABLE') };
}

describe.each(REAL)('the server of $name', (c) => {
  const kept = c.inputs.backends.split(',');

  test('loads every kept model and answers one request each; a model of a backend left out fails naming it', () => {
    const r = serve(c, [...kept, LEFT_OUT]);
    expect(r.ready).toEqual(kept.map((b) => `m_${b}`).sort());
    expect(r.unavailable).toEqual([`m_${LEFT_OUT}`]);
    expect(r.stderr).toContain(`unable to find backend library for backend '${LEFT_OUT}'`);
    expect(r.status).toBe(1); // as Triton: a model that fails to load fails the start
    const alone = serve(c, kept);
    expect(alone.unavailable).toEqual([]);
    for (const b of kept) if (ANSWERS[b]) expect(alone.stderr).toContain(`infer 'm_${b}': [1 2 3 4] -> ${ANSWERS[b]}`);
    expect(alone.status).toBe(0);
  });
});

// What a compose carries that only loading shows: removing one file from a composed image fails
// exactly the models that need it, with the loader's own message.
const REMOVALS: [string, Case, string, string[], string][] = [
  [
    'libgomp.so.1 (a runtime package file)',
    REAL[1],
    'rm $(readlink -f /usr/lib/x86_64-linux-gnu/libgomp.so.1) /usr/lib/x86_64-linux-gnu/libgomp.so.1',
    ['m_pytorch'],
    'libgomp.so.1: cannot open shared object file: No such file or directory',
  ],
  [
    'a soname symlink of a library found through LD_LIBRARY_PATH',
    REAL[1],
    'rm /opt/hpcx/ucc/lib/libucc.so.1',
    ['m_pytorch'],
    'libucc.so.1: cannot open shared object file: No such file or directory',
  ],
  [
    'a sub-library cuDNN opens with dlopen (cuDNN 8 in 24.01)',
    REAL[1],
    'rm /usr/lib/x86_64-linux-gnu/libcudnn_ops_infer.so.8*',
    ['m_tensorrt'],
    'Could not load library libcudnn_ops_infer.so.8. Error: libcudnn_ops_infer.so.8: cannot open shared object file: No such file or directory',
  ],
  ['numpy (pip-installed)', REAL[0], 'rm -r /usr/local/lib/python3.11/dist-packages/numpy', ['m_python'], "No module named 'numpy'"],
  [
    'a library bundled inside the backend folder (RUNPATH $ORIGIN)',
    REAL[2],
    'rm /opt/tritonserver/backends/onnxruntime/libonnxruntime.so.1.*',
    ['m_onnxruntime'],
    'libonnxruntime.so.1',
  ],
];

test.each(REMOVALS)('removing %s from a composed image fails exactly the models that need it', (_what, c, rm, models, message) => {
  const kept = c.inputs.backends.split(',');
  const r = serve(c, kept, rm);
  expect(r.unavailable).toEqual(models);
  expect(r.ready).toEqual(
    kept
      .map((b) => `m_${b}`)
      .filter((m) => !models.includes(m))
      .sort(),
  );
  for (const l of r.stderr.split('\n').filter((x) => / UNAVAILABLE/.test(x))) expect(l).toContain(message);
  expect(r.status).toBe(1);
});

// ---------------------------------------------------------------------------------------
// trim: safe on the real family: min's layers that hold what serving never opens are written
// anew without it, the server still loads and runs every kept model, and the result is the
// same image whoever composes it, with a cold index or a warm one.

describe('trim: safe', () => {
  const c = REAL[0];
  const kept = c.inputs.backends.split(',');
  const trimmedTag = `${tagOf(c)}-trim-safe`;

  test("drops min's archives, headers, docs, profilers and compilers, and nothing else; every kept model runs; the same digest from a cold index; another part set shares the base, reading nothing of min", async () => {
    const trimmed = await compose(specOf(c, 'selective', trimmedTag, { trim: 'safe', 'compression-level': '1' }), join(work, 'cache-same'));
    const t = trimmed.report.trim?.[0];
    if (!t) throw new Error('no trim report');
    const minRef = specOf(c, 'selective', 'x').images.min;
    const min = await client.resolve(minRef, AMD64);
    const out = await client.resolve(requireReference(`${R}/selective-compose:${trimmedTag}`), AMD64);
    // min's layers that lose files are replaced in place, the others kept as they are
    const changed = t.layers.flatMap((l, i) => (l.trimmed ? [i] : []));
    expect(changed.length).toBeGreaterThan(0);
    expect(changed.length).toBeLessThan(min.manifest.layers.length);
    for (const [i, l] of min.manifest.layers.entries()) {
      const got = out.manifest.layers[i];
      if (changed.includes(i)) {
        expect([got.digest]).toEqual(t.layers[i].trimmed?.digests);
        expect(got.size).toBeLessThan(l.size);
      } else expect(got.digest).toBe(l.digest);
    }
    expect(out.config.rootfs.diff_ids.length).toBe(out.manifest.layers.length);
    // the files: the untrimmed compose's, less exactly what the report lists as dropped
    const a = await readImageFiles(client, requireReference(`${R}/selective-compose:${tagOf(c)}-selective`));
    const b = await readImageFiles(client, requireReference(`${R}/selective-compose:${trimmedTag}`));
    const gone = [...a.keys()].filter((p) => !b.has(p));
    const droppedFiles = new Set(t.dropped.map((x) => x.path));
    expect(gone.filter((p) => a.get(p)?.type !== 'directory').sort()).toEqual([...droppedFiles].filter((p) => a.has(p)).sort());
    expect([...b.keys()].filter((p) => !a.has(p))).toEqual([]);
    expect([...b.keys()].filter((p) => JSON.stringify(a.get(p)) !== JSON.stringify(b.get(p)))).toEqual([]);
    // what min carries that serving never loads (the fixture's MIN_EXTRAS), each under its rule; license texts stay
    const reasonOf = new Map(t.dropped.map((x) => [x.path, x.reason]));
    expect(reasonOf.get('/usr/lib/x86_64-linux-gnu/libnvinfer_static.a')).toBe('static-archives');
    expect(reasonOf.get('/usr/local/cuda/include/cuda_runtime.h')).toBe('headers');
    expect(reasonOf.get('/usr/local/cuda/doc/pdf/CUDA_C_Programming_Guide.pdf')).toBe('docs');
    expect(reasonOf.get('/opt/nvidia/nsight-compute/2023.3.1/ncu')).toBe('profilers');
    expect(reasonOf.get('/usr/local/cuda/bin/nvcc')).toBe('compilers');
    expect(b.has('/usr/share/doc/cuda/EULA.txt')).toBe(true);
    expect([...b.keys()].filter((p) => /^\/usr\/share\/doc\/[^/]+\/copyright$/.test(p)).length).toBeGreaterThan(20);
    expect(t.byReason.map((r) => r.reason)).toEqual(['static-archives', 'headers', 'docs', 'profilers', 'compilers']);
    // the composed server still loads and runs every kept model
    const r = serve(c, kept, undefined, `${R}/selective-compose:${trimmedTag}`);
    expect(r.ready).toEqual(kept.map((k) => `m_${k}`).sort());
    for (const k of kept) if (ANSWERS[k]) expect(r.stderr).toContain(`infer 'm_${k}': [1 2 3 4] -> ${ANSWERS[k]}`);
    expect(r.status).toBe(0);
    // a machine with no index, into another repository: the same image, byte for byte
    const again = await compose(
      parseSpec({ ...rawOf(c, trimmedTag, { trim: 'safe', 'compression-level': '1' }), tags: `${R}/selective-compose-trim:again` }),
      join(work, 'cache-trim-cold'),
    );
    expect(again.report.digest).toBe(trimmed.report.digest);
    // another part set of the release gets the same trimmed base, reading nothing of min
    const mark = await accessLog.mark();
    await compose(
      parseSpec({
        ...rawOf(c, trimmedTag, { trim: 'safe', 'compression-level': '1', backends: 'python' }),
        tags: `${R}/selective-compose-trim:python`,
      }),
      join(work, 'cache-trim-cold'),
    );
    const minBlobs = new Set(min.manifest.layers.map((l) => l.digest));
    expect(blobBytes(await accessLog.since(mark), minBlobs)).toBe(0);
    const otherImage = await client.resolve(requireReference(`${R}/selective-compose-trim:python`), AMD64);
    const baseOf = (m: typeof out) => m.manifest.layers.slice(0, min.manifest.layers.length);
    expect(baseOf(otherImage)).toEqual(baseOf(out));
    notes.push(
      `trim: safe on ${c.name}: ${t.dropped.length} files dropped, base ${t.layers.reduce((n, l) => n + l.size, 0)} B -> ${t.layers.reduce((n, l) => n + (l.trimmed?.size ?? l.size), 0)} B`,
    );
  });
});

test('through the action (dist/index.js): trim, keep and drop as inputs; the job summary explains the trim', () => {
  const c = REAL[0];
  const r = runAction({
    ...rawOf(c, `${tagOf(c)}-trim-action`, { trim: 'safe', 'compression-level': '1' }),
    keep: '/usr/local/cuda/include/cuda_runtime.h',
    drop: '/usr/share/locale/**',
  });
  expect(r.status).toBe(0);
  expect(r.outputs.digest).toMatch(/^sha256:[0-9a-f]{64}$/);
  expect(r.summary).toContain('### Trim (linux/amd64)');
  expect(r.summary).toMatch(/\| static-archives \| 7 \| [0-9.]+ MB \|/);
  expect(r.summary).toContain('| drop-pattern |');
  expect(r.summary).toContain(
    "- **Built by:** written directly to the registry (no engine, no BuildKit; min's layers mounted, or trimmed from byte ranges of them)",
  );
  expect(r.log).toContain('linux/amd64: trim: safe drops');
});

describe('max-layer-size', () => {
  const c = REAL[0];
  const kept = c.inputs.backends.split(',');

  test("every layer under the cap (min's larger layers and the parts cut by path), the same files, and the server runs", async () => {
    const tag = `${tagOf(c)}-cut-16mb`;
    await compose(specOf(c, 'selective', tag, { 'max-layer-size': '16MB', 'compression-level': '1' }), join(work, 'cache-same'));
    const min = await client.resolve(specOf(c, 'selective', 'x').images.min, AMD64);
    const out = await client.resolve(requireReference(`${R}/selective-compose:${tag}`), AMD64);
    expect(min.manifest.layers.some((l) => l.size > 16e6)).toBe(true);
    for (const l of out.manifest.layers) expect(l.size).toBeLessThanOrEqual(16e6);
    expect(out.manifest.layers.length).toBeGreaterThan(min.manifest.layers.length + kept.length + 3);
    const a = await readImageFiles(client, requireReference(`${R}/selective-compose:${tagOf(c)}-selective`));
    const b = await readImageFiles(client, requireReference(`${R}/selective-compose:${tag}`));
    const differ = [...new Set([...a.keys(), ...b.keys()])].filter((p) => JSON.stringify(a.get(p)) !== JSON.stringify(b.get(p)));
    expect(differ).toEqual([]);
    const r = serve(c, kept, undefined, `${R}/selective-compose:${tag}`);
    expect(r.ready).toEqual(kept.map((k) => `m_${k}`).sort());
    expect(r.status).toBe(0);
    notes.push(
      `max-layer-size 16MB on ${c.name}: ${out.manifest.layers.length} layers, the largest ${Math.max(...out.manifest.layers.map((l) => l.size))} B`,
    );
  });
});

// ---------------------------------------------------------------------------------------
// Bytes, disk and the engine's store, on one spec.

// The busybox family here: its layers are large and incompressible, which is what byte counts
// need; the metered profile's copy, which no test running beside this file reads or pulls.
const SPEC: Case = { ...CASES[0], family: 'busybox', suffix: '-metered' };
const FULL = `${R}/tritonserver:${SPEC.version}-py3-metered`;
const MIN = `${R}/tritonserver:${SPEC.version}-py3-min-metered`;
const CONTAINERD_SOCKETS = ['/var/run/docker/containerd/containerd.sock', '/run/containerd/containerd.sock'];
const socket = CONTAINERD_SOCKETS.find((s) => existsSync(s));

function contentStore(): Set<string> {
  if (!socket) throw new Error(`no containerd socket at ${CONTAINERD_SOCKETS.join(' or ')}`);
  const out = execFileSync('ctr', ['--address', socket, '-n', 'moby', 'content', 'ls', '-q'], { encoding: 'utf8' });
  return new Set(
    out
      .split('\n')
      .map((l) => l.trim())
      .filter(Boolean),
  );
}

/** Drops an image's layers from the engine: builder cache, tags, and the blobs in containerd. */
function forget(ref: string, digests: string[]): void {
  spawnSync('docker', ['builder', 'prune', '-af'], { encoding: 'utf8' });
  spawnSync('docker', ['image', 'rm', '-f', ref], { encoding: 'utf8' });
  for (const d of digests) spawnSync('ctr', ['--address', socket ?? '', '-n', 'moby', 'content', 'rm', d], { encoding: 'utf8' });
}

const blobBytes = (entries: AccessEntry[], digests: Set<string>) =>
  entries.filter((e) => e.kind === 'blob' && e.method === 'GET' && digests.has(e.reference ?? '')).reduce((n, e) => n + e.bytes, 0);

const registryStorage = findRegistryStorage(process.cwd());

async function used(): Promise<number> {
  const s = await statfs(work);
  return (s.blocks - s.bfree) * s.bsize;
}

/** Bytes a folder takes on disk (allocated blocks, as the file system counts them). */
async function folderBytes(dir: string): Promise<number> {
  let n = 0;
  for (const e of await readdir(dir, { withFileTypes: true, recursive: true }).catch(() => [])) {
    if (e.isFile())
      n +=
        ((await stat(join(e.parentPath ?? (e as unknown as { path: string }).path, e.name)).catch(() => ({ blocks: 0 }))).blocks ?? 0) *
        512;
  }
  return n;
}

/**
 * Runs `fn` while sampling every 50 ms the file system's use and our own folders; peaks over
 * the start. The registry's storage stands for a remote registry and is on this disk only
 * because the test bed is: its growth over the run (walked once before and once after, as
 * walking it every 50 ms costs more than the compose) is taken off the machine's peak, which
 * is a note, not a bound.
 */
async function sampled<T>(dirs: string[], fn: () => Promise<T>): Promise<{ value: T; disk: number; own: number }> {
  const registryBase = await folderBytes(registryStorage);
  const base = await used();
  const ours = async () => (await Promise.all(dirs.map(folderBytes))).reduce((a, b) => a + b, 0);
  const ownBase = await ours();
  let disk = 0;
  let own = 0;
  let on = true;
  const loop = (async () => {
    while (on) {
      disk = Math.max(disk, (await used()) - base);
      own = Math.max(own, (await ours()) - ownBase);
      await new Promise((r) => setTimeout(r, 50));
    }
  })();
  let value: T;
  try {
    value = await fn();
  } finally {
    on = false;
    await loop;
  }
  const registryGrowth = (await folderBytes(registryStorage)) - registryBase;
  return { value, disk: Math.max(0, disk - registryGrowth), own };
}

describe('what a direct selective compose reads and writes', () => {
  let full: ResolvedImage;
  let min: ResolvedImage;
  let own: string[]; // full's layers that min does not have
  let minLayers: Set<string>;
  const cacheDir = () => join(work, 'cache-bytes');

  beforeAll(async () => {
    full = await client.resolve(specOf(SPEC, 'selective', 'x').images.full, AMD64);
    min = await client.resolve(specOf(SPEC, 'selective', 'x').images.min, AMD64);
    own = full.manifest.layers.map((l) => l.digest).filter((d) => !min.manifest.layers.some((m) => m.digest === d));
    minLayers = new Set(min.manifest.layers.map((l) => l.digest));
    expect(own.length).toBeGreaterThan(0);
    forget(FULL, own);
    expect([...contentStore()].filter((d) => own.includes(d))).toEqual([]);
  });

  test('cold index: each layer holding kept paths streamed once, min only listed; its folders ≤ 1.3 × the output; the engine untouched', async () => {
    const spec = specOf(SPEC, 'selective', 'bytes-cold');
    const before = contentStore();
    const mark = await accessLog.mark();
    const { value: result, disk, own: ownDisk } = await sampled([work], () => compose(spec, cacheDir()));
    const entries = await accessLog.since(mark);
    const r = result.report;
    expect(r.assembly?.mode).toBe('direct');
    const holding = (r.selective?.coldLayers ?? []).map((l) => l.digest);
    // every own layer of the fixture holds kept paths (runtime dependencies, the server)
    expect(new Set(holding)).toEqual(new Set(own));
    const layerBytes = full.manifest.layers.filter((l) => holding.includes(l.digest)).reduce((n, l) => n + l.size, 0);
    const fetched = blobBytes(entries, new Set(own));
    expect(fetched).toBeLessThanOrEqual(layerBytes);
    expect(r.selective?.rangeBytes).toBe(0); // all of it came from the one stream of each layer
    for (const d of own) expect(entries.filter((e) => e.kind === 'blob' && e.method === 'GET' && e.reference === d).length).toBe(1);
    // min's layers are mounted into the result's repository: read only to list them (no cached
    // listing yet), once each, by the action and never by an engine
    const minReads = entries.filter((e) => e.kind === 'blob' && e.method === 'GET' && minLayers.has(e.reference ?? ''));
    expect(minReads.map((e) => [e.reference, e.userAgent])).toEqual(
      expect.arrayContaining([...minLayers].map((d) => [d, 'triton-compose'])),
    );
    expect(minReads.length).toBe(minLayers.size);
    const output = r.platforms[0].uncompressedSize;
    notes.push(
      `direct cold: fetched ${fetched} B of full (its own layers: ${layerBytes} B), ${blobBytes(entries, minLayers)} B of min to list it; peak disk ${disk} B (ours ${ownDisk} B), output ${output} B uncompressed`,
    );
    // The bound is on the compose's own folders (its temporary root and caches are all under
    // `work`): the machine-wide count also sees other writers on this shared disk (the engine
    // finishing an earlier test's work), so it is a note, and the engine's store is checked apart.
    expect(ownDisk).toBeLessThanOrEqual(1.3 * output);
    // (of the blobs this compose could have put there: other tests beside this file pull images of their own)
    const touched = new Set([...own, ...minLayers, ...r.platforms[0].parts.flatMap((p) => p.digests)]);
    expect([...contentStore()].filter((d) => !before.has(d) && touched.has(d))).toEqual([]);
  });

  test("warm index: bytes of full ≤ 1.2 × the kept files' compressed size (from the index) + the index; its folders ≤ 1.3 × the output", async () => {
    // the indexes of the cold run, without its piece records (they would spare every range)
    const cache = join(work, 'cache-warm');
    await cp(cacheDir(), cache, { recursive: true });
    await rm(join(cache, 'pieces'), { recursive: true, force: true });
    const spec = specOf(SPEC, 'selective', 'bytes-warm');
    const mark = await accessLog.mark();
    const { value: result, disk, own: ownDisk } = await sampled([work], () => compose(spec, cache));
    const entries = await accessLog.since(mark);
    const r = result.report;
    expect(r.selective?.coldLayers).toEqual([]);
    const fetched = blobBytes(entries, new Set(own));
    expect(fetched).toBe(r.selective?.rangeBytes);
    // The kept files' compressed size, each layer's kept bytes at that layer's ratio.
    let kept = 0;
    let indexBytes = 0;
    const files = await readImageFiles(client, requireReference(`${R}/selective-compose:bytes-warm`));
    for (const d of own) {
      const index = await readCachedIndex(cache, d);
      if (!index) throw new Error(`no index for ${d}`);
      indexBytes += (await stat(join(cache, `${d.replace(':', '-')}.layer-index`))).size;
      const ratio = index.compressedSize / index.uncompressedSize;
      const last = new Map<string, number>();
      index.entries.forEach((e, i) => last.set(e.path, i));
      for (const [i, e] of index.entries.entries()) {
        if (e.type !== 'file' || last.get(e.path) !== i || !files.has(e.path)) continue;
        // kept: the result holds this path with this content, and a later layer does not write it
        if (files.get(e.path)?.sha256 !== e.sha256) continue;
        kept += e.size * ratio;
      }
    }
    const output = r.platforms[0].uncompressedSize;
    notes.push(
      `direct warm: fetched ${fetched} B of full by ${r.selective?.ranges} ranges; kept ≈ ${Math.round(kept)} B compressed; index ${indexBytes} B; peak disk ${disk} B (ours ${ownDisk} B)`,
    );
    expect(kept).toBeGreaterThan(10_000_000);
    expect(fetched).toBeLessThanOrEqual(1.2 * kept + indexBytes);
    expect(blobBytes(entries, minLayers)).toBe(0);
    expect(ownDisk).toBeLessThanOrEqual(1.3 * output);
    expect([...contentStore()].filter((d) => own.includes(d))).toEqual([]);
    expect(spawnSync('docker', ['image', 'inspect', FULL]).status).not.toBe(0);
  });

  test('piece records: composing again into the same repository reads nothing of full or min', async () => {
    const mark = await accessLog.mark();
    const result = await compose(specOf(SPEC, 'selective', 'bytes-records'), cacheDir());
    const entries = await accessLog.since(mark);
    const r = result.report;
    expect(r.selective).toMatchObject({ ranges: 0, rangeBytes: 0, coldLayers: [], reusedLayers: r.platforms[0].parts.length - 1 });
    expect(blobBytes(entries, new Set([...own, ...minLayers]))).toBe(0);
    expect(r.uploaded).toBeLessThan(20_000); // the config, and nothing else
    const [a, b] = await Promise.all(
      ['bytes-records', 'bytes-cold'].map((t) => client.resolve(requireReference(`${R}/selective-compose:${t}`), AMD64)),
    );
    expect(a.manifest.layers).toEqual(b.manifest.layers);
  });

  test("Buildx assembly: the docker driver pulls the min image's layers (once) even when the result is only pushed", async () => {
    forget(MIN, [...minLayers]);
    const mark = await accessLog.mark();
    const { value: result, disk } = await sampled([work], () =>
      compose(specOf(SPEC, 'selective', 'bytes-min', { assembly: 'buildx', 'compression-level': '1' }), join(work, 'cache-buildx')),
    );
    // BuildKit, its cache empty, compressed every layer it made at the level asked (the gzip
    // header's XFL byte 4: fastest), and sent min's as they are
    const flags = await writtenLayerFlags('bytes-min', requireReference(MIN));
    expect(flags.length).toBeGreaterThan(0);
    expect(flags).toEqual(flags.map(() => 4));
    // BuildKit's reads, not the action's listing of min (a fresh cache folder)
    const entries = (await accessLog.since(mark)).filter((e) => !(e.userAgent ?? '').startsWith('triton-compose'));
    const minBytes = min.manifest.layers.reduce((n, l) => n + l.size, 0);
    const fetched = blobBytes(entries, minLayers);
    notes.push(
      `buildx: BuildKit fetched ${fetched} B of min's ${minBytes} B of layers for a push-only compose; peak disk ${disk} B for an output of ${result.report.platforms[0].uncompressedSize} B`,
    );
    // BuildKit exports the whole image (the OCI stream the action pushes), base layers included.
    expect(fetched).toBe(minBytes);
  });
});
