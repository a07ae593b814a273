// Every dlopen rule of trim: needed, proven necessary on the real-binary fixtures: the libraries
// a rule alone keeps (the report names the rule as their reason) are forced out with a drop
// pattern, as if the rule were missing, and the composed server then fails the model that needs
// them at load, with the loader's message. NCCL's network plugin and verbs are optional to NCCL:
// without them it falls back to sockets and says so with NCCL_DEBUG=INFO, which is asserted.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import picomatch from 'picomatch';
import { DLOPEN_RULES } from '../../src/plan/dlopen-rules.js';
import { R, composeIn, realInputs, serveModels } from '../helpers/real-compose.js';

const CUDA = '/usr/local/cuda/lib64';
const COMPAT = '/usr/local/cuda/compat/lib';
const LIB = '/usr/lib/x86_64-linux-gnu';
const NO_FILE = 'cannot open shared object file: No such file or directory';
let work: string;

beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'dlopen-rules-'));
});
afterAll(() => rm(work, { recursive: true, force: true }));

interface RuleCase {
  rule: string;
  version: string;
  backends: string;
  /** What the rule alone keeps: its files (the report lists files) and their links. */
  drop: string[];
  model: string;
  /** The server's message once they are gone. */
  message: string;
}

const CASES: RuleCase[] = [
  {
    rule: 'cudnn8-sub-libraries',
    version: '24.01',
    backends: 'tensorrt',
    drop: [`${LIB}/libcudnn_{ops,cnn,adv}_{infer,train}.so*`],
    model: 'm_tensorrt',
    message: `Could not load library libcudnn_ops_infer.so.8. Error: libcudnn_ops_infer.so.8: ${NO_FILE}`,
  },
  {
    rule: 'cudnn9-sub-libraries',
    version: '25.01',
    backends: 'tensorrt',
    drop: [`${LIB}/libcudnn_{graph,engines_*,ops,cnn,adv}.so*`],
    model: 'm_tensorrt',
    message: `Could not load library libcudnn_graph.so.9. Error: libcudnn_graph.so.9: ${NO_FILE}`,
  },
  {
    rule: 'cudart-driver',
    version: '25.01',
    backends: 'tensorrt',
    drop: [`${COMPAT}/libcuda.so*`],
    model: 'm_tensorrt',
    message: `CUDA initialization failure with error: 35. libcuda.so.1: ${NO_FILE}`,
  },
  {
    rule: 'cuda-driver-jit',
    version: '25.01',
    backends: 'tensorrt',
    drop: [`${COMPAT}/libnvidia-{ptxjitcompiler,nvvm}.so*`],
    model: 'm_tensorrt',
    message: `CUDA_ERROR_JIT_COMPILER_NOT_FOUND: PTX JIT compiler library not found (libnvidia-ptxjitcompiler.so.1: ${NO_FILE})`,
  },
  {
    rule: 'tensorrt-builder-resource',
    version: '25.01',
    backends: 'tensorrt',
    drop: [`${LIB}/libnvinfer_builder_resource.so*`],
    model: 'm_tensorrt',
    message: `Error Code 6: API Usage Error (Unable to load library: libnvinfer_builder_resource.so.10.8.0: ${NO_FILE})`,
  },
  {
    rule: 'pytorch-lazy-cuda',
    version: '25.01',
    backends: 'pytorch',
    drop: [`${CUDA}/libnvrtc.so*`],
    model: 'm_pytorch',
    message: `Error in dlopen: libnvrtc.so.12: ${NO_FILE}`,
  },
  {
    rule: 'nvrtc-builtins',
    version: '24.01',
    backends: 'pytorch',
    drop: [`${CUDA}/libnvrtc-builtins.so*`],
    model: 'm_pytorch',
    message: `nvrtc: error: failed to open libnvrtc-builtins.so.12.3. Make sure that libnvrtc-builtins.so.12.3 is installed correctly. (libnvrtc-builtins.so.12.3: ${NO_FILE})`,
  },
];

const what = (id: string) => {
  const r = DLOPEN_RULES.find((x) => x.id === id);
  if (!r) throw new Error(`no rule ${id}`);
  return r.what;
};

/** The trim: needed compose of a set, and why it keeps each library. */
async function reasons(version: string, backends: string, tag: string, drop?: string[]) {
  const more: Record<string, string> = { trim: 'needed', ...(drop ? { drop: drop.join('\n') } : {}) };
  const c = await composeIn(work, realInputs('dlopen-rules', version, backends, tag, more));
  const t = c.report.trim?.[0];
  if (!t?.libraries) throw new Error('no libraries in the trim report');
  return new Map(t.libraries.map((l) => [l.path, l.reason]));
}

/** One trim: needed compose per set, shared by its rules, its model checked READY once. */
const composed = new Map<string, Promise<Map<string, string>>>();
function withEveryRule(version: string, backends: string): Promise<Map<string, string>> {
  const tag = `${version}-${backends}-all`;
  let found = composed.get(tag);
  if (!found) {
    found = reasons(version, backends, tag).then((why) => {
      const r = serveModels(work, `${R}/dlopen-rules:${tag}`, [backends]);
      if (r.ready.join() !== `m_${backends}`) throw new Error(`m_${backends} is not READY in ${tag}:\n${r.stderr.slice(-2000)}`);
      return why;
    });
    composed.set(tag, found);
  }
  return found;
}

test.each(CASES)("without $rule, $model fails at load with the loader's message", async (c) => {
  const tag = `${c.version}-${c.rule}`;
  const why = await withEveryRule(c.version, c.backends);
  const match = picomatch(c.drop);
  const alone = [...why].filter(([p]) => match(p));
  // the files dropped are kept by a dlopen rule, at least one by this one
  expect(alone.length).toBeGreaterThan(0);
  for (const [p, reason] of alone) expect([p, reason]).toEqual([p, expect.stringMatching(/^dlopen rule: /)]);
  expect(alone.some(([, reason]) => reason.startsWith(`dlopen rule: ${what(c.rule)} `))).toBe(true);
  const left = await reasons(c.version, c.backends, `${tag}-without`, c.drop);
  expect([...left.keys()].filter((p) => match(p))).toEqual([]);
  const r = serveModels(work, `${R}/dlopen-rules:${tag}-without`, [c.model.slice(2)]);
  expect(r.unavailable).toEqual([c.model]);
  expect(r.stderr).toContain(c.message);
  expect(r.status).toBe(1);
});

test('without nccl-network, NCCL falls back to its own sockets and says so; the model still loads', async () => {
  const tag = '24.01-nccl-network';
  const drop = [`${LIB}/libnccl-net.so*`, `${LIB}/libibverbs.so*`];
  const why = await withEveryRule('24.01', 'pytorch');
  const match = picomatch(drop);
  const alone = [...why].filter(([p]) => match(p));
  expect(alone.map(([p]) => p.slice(p.lastIndexOf('/') + 1)).sort()).toEqual(['libibverbs.so.1.14.50.0', 'libnccl-net.so.0.0.0']);
  for (const [p, reason] of alone) expect([p, reason]).toEqual([p, expect.stringMatching(/^dlopen rule: NCCL's /)]);
  const kept = serveModels(work, `${R}/dlopen-rules:24.01-pytorch-all`, ['pytorch'], ['NCCL_DEBUG=INFO']);
  expect(kept.ready).toEqual(['m_pytorch']);
  expect(kept.stderr).toContain('NCCL INFO NET/Plugin: Loaded net plugin libnccl-net.so');
  await reasons('24.01', 'pytorch', `${tag}-without`, drop);
  const r = serveModels(work, `${R}/dlopen-rules:${tag}-without`, ['pytorch'], ['NCCL_DEBUG=INFO']);
  expect(r.ready).toEqual(['m_pytorch']);
  expect(r.stderr).toContain(`NCCL INFO NET/Plugin: Plugin load returned 2 : libnccl-net.so: ${NO_FILE} : when loading libnccl-net.so`);
  expect(r.stderr).toContain(`NCCL INFO Failed to open libibverbs.so[.1] (libibverbs.so.1: ${NO_FILE})`);
});
