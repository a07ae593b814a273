// Python distributions as pip installs them, for python-packages: a small fake `vllm` that
// requires others through its METADATA (one by an extra, one only on Windows, one only on old
// Pythons, one only with an extra nobody asks for), each with a RECORD that lists its files
// with their sha256 and size, as pip writes it. speedups has a native extension (build.ts)
// that loads Debian's libyaml, which min lacks. The python model the tests serve imports vllm,
// which imports what it requires, so a distribution missing from the closure fails the load.
import { createHash } from 'node:crypto';

export interface FakeDistribution {
  name: string;
  version: string;
  requires: string[];
  /** Files relative to the site folder: modules, and for vllm a script in ../../../bin. */
  files: Record<string, string | Buffer>;
}

export const FAKE_DISTRIBUTIONS: FakeDistribution[] = [
  {
    name: 'vllm',
    version: '0.0.1',
    requires: [
      'fastjson (>=1.0)',
      'tinyrope[speed] >=0.3',
      'winreg-helper; sys_platform == "win32"',
      'ancient-compat; python_version < "3.8"',
      'vllm-extras-cuda; extra == "cuda"',
    ],
    files: {
      'vllm/__init__.py':
        'import fastjson\nimport tinyrope\n\n\ndef generate(x):\n    return tinyrope.rope(fastjson.loads(fastjson.dumps(x)))\n',
      '../../../bin/vllm': '#!/usr/bin/python3\nimport vllm\n',
    },
  },
  {
    name: 'fastjson',
    version: '1.2',
    requires: ['typing_ext'],
    files: { 'fastjson/__init__.py': 'import json\n\nimport typing_ext  # noqa: F401\n\ndumps = json.dumps\nloads = json.loads\n' },
  },
  { name: 'typing-ext', version: '4.0', requires: [], files: { 'typing_ext.py': 'VERSION = "4.0"\n' } },
  {
    name: 'tinyrope',
    version: '0.3',
    requires: ['speedups; extra == "speed"'],
    files: { 'tinyrope/__init__.py': 'import speedups\n\n\ndef rope(x):\n    return [speedups.double(v) + 1 for v in x]\n' },
  },
  {
    name: 'speedups',
    version: '1.0',
    requires: [],
    files: {
      'speedups/__init__.py':
        'from speedups._native import yaml_version\n\nassert yaml_version().startswith("0."), yaml_version()\n\n\ndef double(v):\n    return v * 2\n',
    },
  },
  { name: 'winreg-helper', version: '1.0', requires: [], files: { 'winreg_helper.py': 'raise ImportError("Windows only")\n' } },
  { name: 'ancient-compat', version: '1.0', requires: [], files: { 'ancient_compat.py': 'raise ImportError("Python < 3.8 only")\n' } },
  { name: 'vllm-extras-cuda', version: '1.0', requires: [], files: { 'vllm_extras_cuda.py': 'CUDA = True\n' } },
];

/** What vllm's closure is on Linux and Python 3.8+, with no extra asked for. */
export const VLLM_CLOSURE = ['vllm', 'fastjson', 'tinyrope', 'typing-ext', 'speedups'];

/** A python model that imports vllm: its answer to [1 2 3 4] is [3 5 7 9]. */
export const LLM_MODEL_PY = `import vllm


class TritonPythonModel:
    def initialize(self, args):
        self.generate = vllm.generate

    def execute(self, inputs):
        return self.generate([float(v) for v in inputs])
`;

/** The vllm backend's own model.py (backends/vllm), as the variant ships it: a model of backend "vllm" runs it. */
export const VLLM_BACKEND_PY = `# The vllm backend: every model of backend "vllm" runs this file with the python backend.
import vllm


class TritonPythonModel:
    def initialize(self, args):
        self.model_repository = args["model_repository"]

    def execute(self, inputs):
        return vllm.generate([float(v) for v in inputs])
`;

const b64 = (data: Buffer) => createHash('sha256').update(data).digest('base64url');

/** The native extension's file name for a Python version (3.13: `_native.cpython-313-x86_64-linux-gnu.so`). */
export const nativeExtensionName = (python: string) => `_native.cpython-${python.replace('.', '')}-x86_64-linux-gnu.so`;

/**
 * The files of every fake distribution under `site` (absolute paths), dist-info included, RECORD
 * as pip writes it; `native` is speedups' extension module, built for `python`.
 */
export function fakeDistributionFiles(site: string, python: string, native: Buffer): { path: string; data: Buffer; mode: number }[] {
  const dists = FAKE_DISTRIBUTIONS.map((d) =>
    d.name === 'speedups' ? { ...d, files: { ...d.files, [`speedups/${nativeExtensionName(python)}`]: native } } : d,
  );
  return distributionFiles(site, dists);
}

/** The files of `dists` installed under `site` as pip installs them (absolute paths). */
export function distributionFiles(site: string, dists: readonly FakeDistribution[]): { path: string; data: Buffer; mode: number }[] {
  const out: { path: string; data: Buffer; mode: number }[] = [];
  const abs = (rel: string) => {
    const parts: string[] = site.split('/');
    for (const p of rel.split('/')) {
      if (p === '..') parts.pop();
      else parts.push(p);
    }
    return parts.join('/');
  };
  for (const d of dists) {
    const info = `${d.name.replace(/-/g, '_')}-${d.version}.dist-info`;
    const metadata = [
      'Metadata-Version: 2.1',
      `Name: ${d.name}`,
      `Version: ${d.version}`,
      ...d.requires.map((r) => `Requires-Dist: ${r}`),
      '',
      `${d.name}: a fixture distribution.`,
      '',
    ].join('\n');
    const files: Record<string, string | Buffer> = { ...d.files, [`${info}/METADATA`]: metadata, [`${info}/INSTALLER`]: 'pip\n' };
    const record = Object.entries(files).map(([rel, data]) => `${rel},sha256=${b64(Buffer.from(data))},${Buffer.byteLength(data)}`);
    record.push(`${info}/RECORD,,`);
    files[`${info}/RECORD`] = `${record.join('\n')}\n`;
    for (const [rel, data] of Object.entries(files))
      out.push({ path: abs(rel), data: Buffer.from(data), mode: rel.startsWith('../') || rel.endsWith('.so') ? 0o755 : 0o644 });
  }
  return out.sort((a, b) => (a.path < b.path ? -1 : 1));
}
