// python-packages on the real-binary fixtures: the full image holds a fixture vllm and what it
// requires, installed as pip installs them (METADATA, RECORD); a compose asking for vllm gets
// exactly its closure on this Python and platform (not the distributions a marker leaves out),
// by the CLI (direct assembly) and the action (Buildx). A python model that imports vllm loads
// and answers; without the input it fails at load; with any one required distribution removed
// from the composed image, it fails too. speedups' native extension loads Debian's libyaml, which
// min lacks: the compose brings its package, and without it the import fails in the loader. A
// variant whose own typing-ext differs from the full image's at one path stops the compose,
// naming the path and both images, until prefer settles it.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { requireReference } from '../../src/oci/reference.js';
import type { Report } from '../../src/report/types.js';
import { runAction, runCli } from '../helpers/action-run.js';
import { readImageFiles } from '../helpers/image-files.js';
import { R, client, serveRepository } from '../helpers/real-compose.js';
import { writeModelRepository } from '../../scripts/real-fixtures/models.js';
import { LLM_MODEL_PY, VLLM_CLOSURE, distributionFiles, nativeExtensionName } from '../../scripts/real-fixtures/python-dists.js';
import { docker } from '../helpers/action-run.js';

const V = '25.01';
const SITE = '/usr/local/lib/python3.13/dist-packages';
const LIBDIR = '/usr/lib/x86_64-linux-gnu';
const EXT = nativeExtensionName('3.13');
let models: string;

beforeAll(() => {
  models = mkdtempSync(join(tmpdir(), 'python-packages-'));
  writeModelRepository(models, ['python']);
  mkdirSync(join(models, 'm_llm/1'), { recursive: true });
  writeFileSync(join(models, 'm_llm/config.pbtxt'), 'name: "m_llm"\nbackend: "python"\n');
  writeFileSync(join(models, 'm_llm/1/model.py'), LLM_MODEL_PY);
});
afterAll(() => rmSync(models, { recursive: true, force: true }));

const inputs = (tag: string, more: Record<string, string> = {}) => ({
  'container-version': V,
  'full-image': `${R}/real/tritonserver:${V}-py3`,
  'min-image': `${R}/real/tritonserver:${V}-py3-min`,
  backends: 'python',
  tags: `${R}/python-packages:${tag}`,
  push: 'true',
  'compression-level': '1',
  ...more,
});

/** The server on the two models; `before` runs first in the container (as root). */
const serve = (image: string, before?: string) => serveRepository(image, models, { pull: true, ...(before ? { before } : {}) });

test('the CLI copies exactly the closure of vllm, each with why; the model that imports it loads and answers', async () => {
  const args = Object.entries({ ...inputs('cli'), 'python-packages': 'vllm', force: 'true' }).flatMap(([k, v]) => [`--${k}`, v]);
  const r = runCli([...args, '--json']);
  expect(r.stderr).not.toMatch(/error/i);
  expect(r.status).toBe(0);
  const report = JSON.parse(r.stdout) as Report;
  expect(report.assembly?.mode).toBe('direct');
  expect(report.python?.map((d) => [d.name, d.why])).toEqual([
    ['vllm', 'asked for (python-packages)'],
    ['fastjson', 'vllm requires fastjson (>=1.0)'],
    ['tinyrope', 'vllm requires tinyrope[speed] >=0.3'],
    ['typing-ext', 'fastjson requires typing_ext'],
    ['speedups', 'tinyrope requires speedups; extra == "speed"'],
  ]);
  expect(report.python?.map((d) => d.name).sort()).toEqual([...VLLM_CLOSURE].sort());
  const files = await readImageFiles(client, requireReference(`${R}/python-packages:cli`));
  for (const f of ['vllm/__init__.py', 'fastjson/__init__.py', 'tinyrope/__init__.py', 'typing_ext.py', 'speedups/__init__.py'])
    expect(files.has(`${SITE}/${f}`)).toBe(true);
  expect(files.get('/usr/local/bin/vllm')).toMatchObject({ type: 'file', mode: 0o755 });
  expect(files.has(`${SITE}/vllm-0.0.1.dist-info/RECORD`)).toBe(true);
  // speedups' extension loads Debian's libyaml, which min lacks: its package comes with it
  expect(report.pythonLibraries).toEqual([
    { package: 'libyaml-0-2', version: expect.stringMatching(/^0\.2\.5-/), why: `libyaml-0.so.2, needed by ${SITE}/speedups/${EXT}` },
  ]);
  expect(files.get(`${SITE}/speedups/${EXT}`)).toMatchObject({ type: 'file', mode: 0o755 });
  expect(files.get(`${LIBDIR}/libyaml-0.so.2`)).toMatchObject({ type: 'symlink' });
  expect(files.get(`${LIBDIR}/libyaml-0.so.2.0.9`)).toMatchObject({ type: 'file' });
  // left out by their markers: Windows only, old Pythons only, an extra nobody asked for
  for (const f of ['winreg_helper.py', 'ancient_compat.py', 'vllm_extras_cuda.py']) expect(files.has(`${SITE}/${f}`)).toBe(false);
  const s = serve(`${R}/python-packages:cli`);
  expect(s.ready).toEqual(['m_llm', 'm_python']);
  expect(s.stderr).toContain("infer 'm_llm': [1 2 3 4] -> [3 5 7 9]");
  expect(s.status).toBe(0);
});

test('without python-packages the model fails at load, naming the module; with any one required distribution removed, too', () => {
  const r = runCli(Object.entries({ ...inputs('none'), force: 'true' }).flatMap(([k, v]) => [`--${k}`, v]));
  expect(r.status).toBe(0);
  const none = serve(`${R}/python-packages:none`);
  expect(none.unavailable).toEqual(['m_llm']);
  expect(none.stderr).toMatch(/No module named '?vllm'?/);
  for (const dep of ['fastjson', 'tinyrope', 'typing_ext.py', 'speedups']) {
    const s = serve(`${R}/python-packages:cli`, `rm -rf ${SITE}/${dep}`);
    expect([dep, s.unavailable]).toEqual([dep, ['m_llm']]);
    expect(s.ready).toEqual(['m_python']);
  }
  // and without the Debian library the extension loads, the import fails in the loader
  const nolib = serve(`${R}/python-packages:cli`, `rm -f ${LIBDIR}/libyaml-0.so.2*`);
  expect(nolib.unavailable).toEqual(['m_llm']);
  expect(nolib.stderr).toContain('libyaml-0.so.2: cannot open shared object file');
});

test('the action with Buildx copies the same files and lists the distributions in its summary; its server runs the model', async () => {
  const a = runAction({ ...inputs('action', { 'python-packages': 'vllm', assembly: 'buildx' }) });
  expect(a.status).toBe(0);
  expect(a.summary).toContain('### Python distributions');
  expect(a.summary).toContain('| speedups | 1.0 | full | tinyrope requires speedups; extra == "speed" |');
  expect(a.summary).toMatch(/\| libyaml-0-2 \| 0\.2\.5-\S+ \| full \| libyaml-0\.so\.2, needed by \S+_native\S+\.so \|/);
  const s = serve(`${R}/python-packages:action`);
  expect(s.ready).toEqual(['m_llm', 'm_python']);
  const site = async (tag: string) =>
    [...(await readImageFiles(client, requireReference(`${R}/python-packages:${tag}`)))]
      .filter(([p]) => p.startsWith(`${SITE}/`) && !p.startsWith(`${SITE}/numpy`))
      .sort(([a], [b]) => (a < b ? -1 : 1));
  expect(await site('action')).toEqual(await site('cli'));
  const yaml = async (tag: string) =>
    [...(await readImageFiles(client, requireReference(`${R}/python-packages:${tag}`)))].filter(([p]) => p.startsWith(`${LIBDIR}/libyaml`));
  expect((await yaml('action')).map(([p]) => p)).toEqual([`${LIBDIR}/libyaml-0.so.2`, `${LIBDIR}/libyaml-0.so.2.0.9`]);
  expect(await yaml('action')).toEqual(await yaml('cli'));
});

test('python-packages from a source: the closure read from that image, each named with it; the model loads', () => {
  const more = { sources: `pip=${R}/real/tritonserver:${V}-py3`, 'python-packages': 'vllm@pip', force: 'true' };
  const r = runCli([...Object.entries({ ...inputs('source', more) }).flatMap(([k, v]) => [`--${k}`, v]), '--json']);
  expect(r.status).toBe(0);
  const report = JSON.parse(r.stdout) as Report;
  expect(report.python?.map((d) => `${d.name}@${d.source}`)).toEqual(VLLM_CLOSURE.map((n) => `${n}@pip`));
  expect(report.platforms[0].parts.map((p) => [p.name, p.source]).filter(([n]) => String(n).startsWith('python-packages'))).toEqual([
    ['python-packages@pip', 'pip'],
  ]);
  const s = serve(`${R}/python-packages:source`);
  expect(s.ready).toEqual(['m_llm', 'm_python']);
});

/** A variant built on the 25.01 min: llmtool, requiring its own typing-ext 5.0, whose typing_ext.py differs from the full image's. */
function pushVariant(tag: string): void {
  const ctx = mkdtempSync(join(tmpdir(), 'variant-'));
  const files = distributionFiles(SITE, [
    { name: 'llmtool', version: '1.0', requires: ['typing-ext'], files: { 'llmtool/__init__.py': 'import typing_ext\n' } },
    { name: 'typing-ext', version: '5.0', requires: [], files: { 'typing_ext.py': 'VERSION = "5.0"\n' } },
  ]);
  for (const f of files) {
    mkdirSync(join(ctx, 'root', f.path, '..'), { recursive: true });
    writeFileSync(join(ctx, 'root', f.path), f.data, { mode: f.mode });
  }
  writeFileSync(join(ctx, 'Dockerfile'), `FROM ${R}/real/tritonserver:${V}-py3-min\nCOPY root/ /\n`);
  const r = docker(['buildx', 'build', '--pull', '--provenance=false', '--push', '-t', tag, ctx]);
  rmSync(ctx, { recursive: true, force: true });
  if (r.status !== 0) throw new Error(r.stderr);
}

test('two images placing one path differently stop the compose, naming the path and both; prefer takes it from one', async () => {
  const variant = `${R}/real/tritonserver:${V}-variant-conflict`;
  pushVariant(variant);
  const more = { sources: `variant=${variant}`, 'python-packages': 'vllm\nllmtool@variant', force: 'true' };
  const args = (tag: string, extra: Record<string, string> = {}) =>
    Object.entries(inputs(tag, { ...more, ...extra })).flatMap(([k, v]) => [`--${k}`, v]);
  const stopped = runCli(args('conflict'));
  expect(stopped.status).not.toBe(0);
  expect(stopped.stderr).toContain(
    `prefer: 1 path is placed by two images with different content: ${SITE}/typing_ext.py: full (${R}/real/tritonserver@sha256:`,
  );
  expect(stopped.stderr).toMatch(
    /and variant \(127\.0\.0\.1:5000\/real\/tritonserver@sha256:[0-9a-f]{64}\)\. Name the image to take them from in prefer/,
  );
  await expect(client.resolve(requireReference(`${R}/python-packages:conflict`), { os: 'linux', architecture: 'amd64' })).rejects.toThrow();

  for (const [tag, prefer, version] of [
    ['prefer-variant', 'variant', '5.0'],
    ['prefer-full', 'full', '4.0'],
  ] as const) {
    const r = runCli(args(tag, { prefer }));
    expect(r.status).toBe(0);
    const files = await readImageFiles(client, requireReference(`${R}/python-packages:${tag}`));
    const ours = (await readImageFiles(client, requireReference(`${R}/python-packages:cli`))).get(`${SITE}/typing_ext.py`);
    expect(files.get(`${SITE}/typing_ext.py`)?.sha256 === ours?.sha256).toBe(version === '4.0');
    expect(files.has(`${SITE}/llmtool/__init__.py`)).toBe(true);
    expect(serve(`${R}/python-packages:${tag}`).ready).toEqual(['m_llm', 'm_python']);
  }
});

describe('vLLM plus ONNX in one image: the vllm backend and vLLM from the variant, the classic backends from the full image', () => {
  let repo: string;
  beforeAll(() => {
    repo = mkdtempSync(join(tmpdir(), 'vllm-onnx-'));
    writeModelRepository(repo, ['onnxruntime', 'python']);
    mkdirSync(join(repo, 'm_vllm/1'), { recursive: true });
    writeFileSync(join(repo, 'm_vllm/config.pbtxt'), 'name: "m_vllm"\nbackend: "vllm"\n');
  });
  afterAll(() => rmSync(repo, { recursive: true, force: true }));

  const llm = (tag: string, more: Record<string, string> = {}) =>
    inputs(tag, { backends: 'onnxruntime,python,vllm@vllm', 'python-packages': 'vllm@vllm', ...more });

  function serveAll(image: string) {
    const r = serveRepository(image, repo, { pull: true });
    expect(r.ready).toEqual(['m_onnxruntime', 'm_python', 'm_vllm']);
    expect(r.stderr).toContain("infer 'm_vllm': [1 2 3 4] -> [3 5 7 9]");
    expect(r.stderr).toContain("infer 'm_onnxruntime': [1 2 3 4] -> [2 4 6 8]");
    expect(r.stderr).toContain("infer 'm_python': [1 2 3 4] -> [4 7 10 13]");
    expect(r.status).toBe(0);
  }

  test('the CLI: the variant found by its short name beside the full image; every model loads and answers', () => {
    const r = runCli([...Object.entries({ ...llm('vllm-cli'), force: 'true' }).flatMap(([k, v]) => [`--${k}`, v]), '--json']);
    expect(r.stderr).not.toMatch(/error/i);
    expect(r.status).toBe(0);
    const report = JSON.parse(r.stdout) as Report;
    expect(report.sources.find((s) => s.role === 'source')?.ref).toMatch(
      /^127\.0\.0\.1:5000\/real\/tritonserver:25\.01-vllm-python-py3@sha256:/,
    );
    expect(report.platforms[0].parts.filter((p) => p.kind === 'backend').map((p) => `${p.name}@${p.source ?? 'full'}`)).toEqual([
      'onnxruntime@full',
      'python@full',
      'vllm@vllm',
    ]);
    expect(report.python?.map((d) => d.name)).toEqual(['vllm', 'fastjson', 'tinyrope', 'typing-ext', 'speedups']);
    serveAll(`${R}/python-packages:vllm-cli`);
  });

  test('the action with Buildx, the backend alone: vLLM and what it requires come with it from the variant', () => {
    const a = runAction(inputs('vllm-action', { backends: 'onnxruntime,python,vllm@vllm', assembly: 'buildx' }));
    expect(a.status).toBe(0);
    expect(a.summary).toContain('| vllm | 0.0.1 | vllm | the vllm backend runs it (backends: vllm@vllm) |');
    expect(a.summary).toContain('| speedups | 1.0 | vllm | tinyrope requires speedups; extra == "speed" |');
    serveAll(`${R}/python-packages:vllm-action`);
  });

  test('the vllm backend without the python backend that runs it is refused before anything is read', () => {
    const r = runCli(Object.entries(inputs('vllm-bare', { backends: 'onnxruntime,vllm@vllm' })).flatMap(([k, v]) => [`--${k}`, v]));
    expect(r.status).not.toBe(0);
    expect(r.stderr).toContain('backends: vllm@vllm is a Python-based backend, which the python backend runs: add python to backends');
  });
});
