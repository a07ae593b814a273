// trim: needed on the real-binary fixtures: the base keeps only the shared libraries a kept
// program, part or package can load (DT_NEEDED through the real loader's search, and the dlopen
// rules), and the composed server, run in the engine, still loads and runs every kept model.
// What each dlopen rule keeps is proven necessary in dlopen-rules.test.ts.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ComposeResult } from '../../src/compose/compose.js';
import { requireReference } from '../../src/oci/reference.js';
import { readImageFiles } from '../helpers/image-files.js';
import { R, client, composeIn, realInputs, serveModels } from '../helpers/real-compose.js';
import { ANSWERS } from '../../scripts/real-fixtures/models.js';

const AMD64 = { os: 'linux', architecture: 'amd64' };
const notes: string[] = [];
let work: string;

beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'trim-needed-'));
});
afterAll(async () => {
  await rm(work, { recursive: true, force: true });
  console.log(notes.join('\n'));
});

const raw = (version: string, backends: string, tag: string, more: Record<string, string> = {}) =>
  realInputs('trim-needed', version, backends, tag, more);
const compose = (input: Record<string, string>, cache?: string): Promise<ComposeResult> => composeIn(work, input, cache);
const serve = (image: string, backends: string[]) => serveModels(work, image, backends);

/** CUDA-like libraries of the fixtures' min (scripts/real-fixtures/libraries.ts). */
const CUDA_LIKE =
  /\/lib(?:cudnn|cublas|nvinfer|nvonnxparser|nccl|cufft|cusparse|cusolver|curand|nvJitLink|cupti|cudart|cuda)[^/]*\.so[^/]*$/;

const CASES: Array<{ version: string; backends: string }> = [
  { version: '24.01', backends: 'onnxruntime,python' },
  { version: '24.01', backends: 'pytorch,tensorrt' },
  { version: '25.01', backends: 'python,fil,openvino,onnxruntime' },
];

describe.each(CASES)('trim: needed, $version $backends', ({ version, backends }) => {
  test('drops the libraries nothing kept loads; every kept model loads and runs; each kept library says why', async () => {
    const kept = backends.split(',');
    const tag = `${version}-${kept.join('-')}`;
    const whole = await compose(raw(version, backends, `${tag}-none`));
    const result = await compose(raw(version, backends, `${tag}-needed`, { trim: 'needed' }));
    const t = result.report.trim?.[0];
    if (!t) throw new Error('no trim report');
    expect(t.level).toBe('needed');
    const unneeded = t.dropped.filter((d) => d.reason === 'unneeded-library');
    expect(unneeded.length).toBeGreaterThan(0);
    for (const d of unneeded) expect(d.path).toMatch(/\.so(?:\.|$)/);
    expect(t.byFamily?.length).toBeGreaterThan(0);
    // every CUDA-like library left in the image is there for a reason the report gives
    const files = await readImageFiles(client, requireReference(`${R}/trim-needed:${tag}-needed`));
    const why = new Map(t.kept.map((k) => [k.path, k.reason]));
    for (const [p, f] of files) {
      if (f.type === 'file' && CUDA_LIKE.test(p) && !p.startsWith('/opt/tritonserver/'))
        expect([p, why.get(p)]).toEqual([
          p,
          expect.stringMatching(/^(needed by|dlopen rule|interpreter of|a library outside the loader's folders)/),
        ]);
    }
    const r = serve(`${R}/trim-needed:${tag}-needed`, kept);
    expect(r.ready).toEqual(kept.map((k) => `m_${k}`).sort());
    for (const k of kept) if (ANSWERS[k]) expect(r.stderr).toContain(`infer 'm_${k}': [1 2 3 4] -> ${ANSWERS[k]}`);
    expect(r.status).toBe(0);
    // trim: safe on the same set and era: every kept model runs too, and needed is the smaller
    const safe = await compose(raw(version, backends, `${tag}-safe`, { trim: 'safe' }));
    const rs = serve(`${R}/trim-needed:${tag}-safe`, kept);
    expect(rs.ready).toEqual(kept.map((k) => `m_${k}`).sort());
    expect(rs.status).toBe(0);
    const size = (c: ComposeResult) => c.report.platforms[0].size;
    expect(size(result)).toBeLessThan(size(safe));
    notes.push(
      `trim: needed ${version} ${backends}: ${size(result)} B of the untrimmed ${size(whole)} B (${((100 * size(result)) / size(whole)).toFixed(1)} %), ${unneeded.length} libraries dropped`,
    );
    expect(size(result)).toBeLessThan(size(whole));
  });
});

describe('trim: needed on a python-only compose', () => {
  test('keeps no CUDA-like library python cannot reach; reproducible from a cold cache; its base shared with another part set that needs the same', async () => {
    const py = await compose(raw('25.01', 'python', 'python-needed', { trim: 'needed' }));
    const t = py.report.trim?.[0];
    if (!t) throw new Error('no trim report');
    const files = await readImageFiles(client, requireReference(`${R}/trim-needed:python-needed`));
    const cudaLike = [...files.keys()]
      .filter((p) => files.get(p)?.type === 'file' && CUDA_LIKE.test(p))
      .map((p) => p.slice(p.lastIndexOf('/') + 1));
    // the server's own library needs the CUDA runtime in GPU builds, and the runtime opens the driver
    expect(cudaLike.sort()).toEqual([expect.stringMatching(/^libcuda\.so\./), expect.stringMatching(/^libcudart\.so\./)]);
    const r = serve(`${R}/trim-needed:python-needed`, ['python']);
    expect(r.ready).toEqual(['m_python']);
    expect(r.status).toBe(0);
    const again = await compose(raw('25.01', 'python', 'python-needed-again', { trim: 'needed' }), 'cache-cold');
    expect(again.report.digest).toBe(py.report.digest);
    // a local response cache needs no library of min's: the same base layers
    const cached = await compose(raw('25.01', 'python', 'python-cache-needed', { trim: 'needed', caches: 'local' }));
    const min = await client.resolve(requireReference(`${R}/real/tritonserver:25.01-py3-min`), AMD64);
    const base = async (tag: string) =>
      (await client.resolve(requireReference(`${R}/trim-needed:${tag}`), AMD64)).manifest.layers.slice(0, min.manifest.layers.length);
    expect(await base('python-cache-needed')).toEqual(await base('python-needed'));
    expect(cached.report.digest).not.toBe(py.report.digest);
    const whole = await compose(raw('25.01', 'python', 'python-none'));
    notes.push(`trim: needed 25.01 python: ${py.report.platforms[0].size} B of the untrimmed ${whole.report.platforms[0].size} B`);
  });

  test('a library only a model opens at run time is kept by a keep pattern, with what it needs', async () => {
    const tag = 'python-keep-cudnn-ops';
    const r = await compose(raw('25.01', 'python', tag, { trim: 'needed', keep: '/usr/lib/x86_64-linux-gnu/libcudnn_ops.so.9*' }));
    const t = r.report.trim?.[0];
    const why = new Map(t?.kept.map((k) => [k.path, k.reason]));
    expect(why.get('/usr/lib/x86_64-linux-gnu/libcudnn_ops.so.9.0.0')).toBe('keep pattern /usr/lib/x86_64-linux-gnu/libcudnn_ops.so.9*');
    expect(why.get('/usr/lib/x86_64-linux-gnu/libcudnn_graph.so.9.0.0')).toBe('needed by /usr/lib/x86_64-linux-gnu/libcudnn_ops.so.9.0.0');
    const files = await readImageFiles(client, requireReference(`${R}/trim-needed:${tag}`));
    expect(files.get('/usr/lib/x86_64-linux-gnu/libcudnn_ops.so.9')?.type).toBe('symlink');
    expect(files.has('/usr/lib/x86_64-linux-gnu/libcudnn_adv.so.9.0.0')).toBe(false);
  });
});

test('Buildx builds the same trimmed image: the same files, the same config, and its server runs', async () => {
  const version = '24.01';
  const backends = 'onnxruntime,python';
  const direct = await compose(raw(version, backends, 'buildx-same-direct', { trim: 'needed' }));
  const built = await compose(raw(version, backends, 'buildx-same-buildx', { trim: 'needed', assembly: 'buildx' }));
  expect(direct.report.assembly?.mode).toBe('direct');
  expect(built.report.assembly?.mode).toBe('buildx');
  expect(built.report.dockerfile).toContain('FROM scratch AS base');
  const [a, b] = [
    await readImageFiles(client, requireReference(`${R}/trim-needed:buildx-same-direct`)),
    await readImageFiles(client, requireReference(`${R}/trim-needed:buildx-same-buildx`)),
  ];
  const differ = [...new Set([...a.keys(), ...b.keys()])].filter((p) => JSON.stringify(a.get(p)) !== JSON.stringify(b.get(p)));
  expect(differ.map((p) => `${p}: ${JSON.stringify(a.get(p))} vs ${JSON.stringify(b.get(p))}`)).toEqual([]);
  const config = async (tag: string) => (await client.resolve(requireReference(`${R}/trim-needed:${tag}`), AMD64)).config.config;
  const [ca, cb] = [await config('buildx-same-direct'), await config('buildx-same-buildx')];
  const pick = (x: typeof ca) => [
    x?.Env,
    x?.Entrypoint,
    x?.Cmd,
    x?.User,
    x?.WorkingDir,
    { ...x?.Labels, 'io.github.triton-compose.key': '' },
  ];
  expect(pick(cb)).toEqual(pick(ca));
  const r = serve(`${R}/trim-needed:buildx-same-buildx`, ['onnxruntime', 'python']);
  expect(r.ready).toEqual(['m_onnxruntime', 'm_python']);
  expect(r.status).toBe(0);
  notes.push(`trim: needed with Buildx: ${built.report.platforms[0].size} B (direct: ${direct.report.platforms[0].size} B)`);
});
