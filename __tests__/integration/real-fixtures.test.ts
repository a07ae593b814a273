// The real-binary fixture family (npm run fixtures:real): in each era the full image's
// tritonserver (a C program over libtritonserver.so, libb64 and tcmalloc from Debian) loads a
// model of every backend through the real dynamic loader, and onnxruntime, python and pytorch
// answer one request (trixie's pytorch through Debian's libtorch, with Open MPI finding UCX in
// HPC-X's folder through LD_LIBRARY_PATH, as NGC's); the min image, lacking /opt/tritonserver's
// backends, fails naming them.
// Needs `bash scripts/testbed.sh up` and `npm run fixtures:real`.
import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ANSWERS, writeModelRepository } from '../../scripts/real-fixtures/models.js';

const R = process.env.FIXTURE_REGISTRY ?? '127.0.0.1:5000';
const COMMON = ['dali', 'fil', 'identity', 'onnxruntime', 'openvino', 'python', 'pytorch', 'repeat', 'square', 'tensorrt'];
const ERAS = [
  { version: '24.01', suite: 'bookworm', python: '3.11', cudnnOps: 'libcudnn_ops_infer.so.8', backends: [...COMMON, 'tensorflow'] },
  { version: '25.01', suite: 'trixie', python: '3.13', cudnnOps: 'libcudnn_ops.so.9', backends: COMMON },
];

function docker(args: string[]) {
  const r = spawnSync('docker', args, { encoding: 'utf8', timeout: 300_000, maxBuffer: 64 * 1024 * 1024 });
  if (r.error) throw r.error;
  return r;
}

/** Runs `script` with the image's /bin/sh, as root, in a container removed afterwards. */
function shell(image: string, script: string) {
  return docker(['run', '--rm', '--entrypoint', '/bin/sh', image, '-c', script]);
}

/** Runs the fixture server of `image` on a repository of `backends` (mounted read-only). */
function serve(image: string, backends: string[], extra: string[] = []) {
  const repo = writeModelRepository(mkdtempSync(join(tmpdir(), 'tc-real-models-')), backends);
  return docker([
    'run',
    '--rm',
    '-v',
    `${repo}:/models:ro`,
    image,
    'tritonserver',
    '--model-repository=/models',
    '--fixture-infer',
    ...extra,
  ]);
}

/** Runs the full image's server on `backends` after `rm` (as root): its UNAVAILABLE status lines; it must fail. */
function serveWithout(image: string, backends: string[], rm: string): string[] {
  const repo = writeModelRepository(mkdtempSync(join(tmpdir(), 'tc-real-models-')), backends);
  const r = docker([
    'run',
    '--rm',
    '-v',
    `${repo}:/models:ro`,
    '--entrypoint',
    '/bin/sh',
    image,
    '-c',
    `${rm} && exec tritonserver --model-repository=/models`,
  ]);
  expect(r.status).toBe(1);
  return r.stderr.split('\n').filter((l) => /^\| m_\S+ +\| 1 +\| UNAVAILABLE/.test(l));
}

beforeAll(() => {
  if (docker(['info']).status !== 0) throw new Error('docker does not answer: run bash scripts/testbed.sh up');
});

describe.each(ERAS)('real fixtures $version ($suite)', ({ version, suite, python, cudnnOps, backends }) => {
  const full = `${R}/real/tritonserver:${version}-py3`;
  const min = `${R}/real/tritonserver:${version}-py3-min`;

  beforeAll(() => {
    for (const image of [full, min]) {
      const pull = docker(['pull', '-q', image]);
      if (pull.status !== 0) throw new Error(`${image} is not in the registry (${pull.stderr.trim()}): run npm run fixtures:real`);
    }
  }, 300_000);

  test("the root file system is Debian's own, with dpkg's database and the era's Python", () => {
    const r = shell(
      full,
      `. /etc/os-release; echo $VERSION_CODENAME; dpkg-query -W -f='\${Status}\\n' libb64-0d libgomp1; python3 -c 'import sys, numpy; print(sys.version_info[:2], numpy.__file__)'`,
    );
    expect(r.stderr).toBe('');
    expect(r.stdout.split('\n').slice(0, 3)).toEqual([suite, 'install ok installed', 'install ok installed']);
    expect(r.stdout).toContain(`(${python.replace('.', ', ')}) /usr/local/lib/python${python}/dist-packages/numpy/__init__.py`);
  });

  test('the full image loads a model of every backend, all READY, and answers one request each', () => {
    const r = serve(full, backends, ['--cache-config=local,size=1048576']);
    for (const b of backends) expect(r.stderr).toMatch(new RegExp(`\\| m_${b} +\\| 1 +\\| READY +\\|`));
    expect(r.stderr).not.toContain('UNAVAILABLE');
    for (const [b, answer] of Object.entries(ANSWERS)) expect(r.stderr).toContain(`infer 'm_${b}': [1 2 3 4] -> ${answer}`);
    expect(r.stderr).toContain('Started HTTPService at 0.0.0.0:8000');
    expect(r.status).toBe(0);
  });

  test("the server and the backends are real ELF objects with the loader's DT_NEEDED chains", () => {
    const r = shell(full, 'ldd /opt/tritonserver/bin/tritonserver; ldd /opt/tritonserver/backends/tensorrt/libtriton_tensorrt.so');
    expect(r.stdout).toMatch(/libtritonserver\.so => \/opt\/tritonserver\/bin\/\.\.\/lib\/libtritonserver\.so/);
    expect(r.stdout).toMatch(/libb64\.so\.0d => \/(usr\/)?lib\/x86_64-linux-gnu\/libb64\.so\.0d/);
    expect(r.stdout).toMatch(/libtcmalloc\.so\.4 => /);
    expect(r.stdout).toMatch(/libcublasLt\.so\.12 => \/usr\/local\/cuda\/lib64\/libcublasLt\.so\.12/);
    expect(r.stdout).not.toContain('not found');
  });

  test("a backend bundles only what the image lacks: no library of the image's own folders twice", () => {
    // As NVIDIA bundles them: ONNX Runtime's own closure, never glibc, libstdc++ or zlib.
    const r = shell(
      full,
      'for f in /opt/tritonserver/backends/*/*.so*; do b=${f##*/}; for d in /usr/lib/x86_64-linux-gnu /usr/local/cuda/lib64; do [ ! -e "$d/$b" ] || echo "$f $d"; done; done',
    );
    expect(r.stderr).toBe('');
    expect(r.stdout).toBe('');
  });

  test('the min image has no server: the same repository fails, naming what is missing', () => {
    // min's CUDA libraries, dpkg database and loader are there; the server and backends are not
    const r = serve(min, backends);
    expect(r.status).not.toBe(0);
    expect(r.stderr + r.stdout).toMatch(/tritonserver: not found/);
    // the full image's server on min's root file system (no runtime packages, no backends)
    const bare = shell(min, 'ls /opt/tritonserver/backends 2>&1; ldconfig -p | grep -c libcudart.so.12');
    expect(bare.stdout).toContain('No such file or directory');
    expect(bare.stdout.trim().split('\n').pop()).toBe('1');
  });

  test("a model of a backend the image lacks fails at load with Triton's message", () => {
    const r = shell(
      full,
      'rm -rf /opt/tritonserver/backends/onnxruntime && mkdir -p /m/m_onnxruntime && echo \'backend: "onnxruntime"\' > /m/m_onnxruntime/config.pbtxt && tritonserver --model-repository=/m',
    );
    expect(r.status).toBe(1);
    expect(r.stderr).toContain(
      "UNAVAILABLE: Invalid argument: unable to find backend library for backend 'onnxruntime', try specifying runtime on the model configuration.",
    );
    expect(r.stderr).toContain('error: creating server: Internal - failed to load all models');
  });

  test.each([
    [
      'libgomp.so.1 (a runtime package file)',
      `rm ${'$'}(readlink -f /usr/lib/x86_64-linux-gnu/libgomp.so.1) /usr/lib/x86_64-linux-gnu/libgomp.so.1`,
      suite === 'bookworm' ? ['m_onnxruntime', 'm_pytorch'] : ['m_pytorch'],
      'libgomp.so.1: cannot open shared object file: No such file or directory',
    ],
    [
      'a soname symlink',
      'rm /opt/hpcx/ucc/lib/libucc.so.1',
      ['m_pytorch'],
      'libucc.so.1: cannot open shared object file: No such file or directory',
    ],
    [
      "a UCX library of HPC-X's folder, found only through LD_LIBRARY_PATH",
      'rm /opt/hpcx/ucx/lib/libucm.so.0*',
      ['m_pytorch'],
      'libucm.so.0: cannot open shared object file: No such file or directory',
    ],
    [
      'a sub-library cuDNN opens with dlopen',
      `rm /usr/lib/x86_64-linux-gnu/${cudnnOps}*`,
      ['m_tensorrt'],
      `Could not load library ${cudnnOps}. Error: ${cudnnOps}: cannot open shared object file: No such file or directory`,
    ],
    ['numpy', `rm -r /usr/local/lib/python${python}/dist-packages/numpy`, ['m_python'], "ModuleNotFoundError: No module named 'numpy'"],
  ])("removing %s fails exactly the models that need it, with the loader's message", (_what, rm, models, message) => {
    const failed = serveWithout(full, backends, rm);
    // bookworm's ONNX Runtime stand-in is built with OpenMP; trixie's real one does not load libgomp
    expect(failed.map((l) => l.split(' ')[1])).toEqual(models);
    for (const l of failed) expect(l).toContain(message);
  });
});

// Where the era has Debian's libtorch with its C shim (trixie): the pytorch backend runs its op
// through it, bundles the closure the image lacks, and leaves UCX to HPC-X's folder.
describe("real fixtures 25.01 (trixie): pytorch on Debian's libtorch", () => {
  const full = `${R}/real/tritonserver:25.01-py3`;
  const P = '/opt/tritonserver/backends/pytorch';

  test('libtorch_cpu and its closure are in the backend folder; libgomp and UCX come from the image', () => {
    const r = shell(
      full,
      `stat -c %s ${P}/libtorch_cpu.so.2.6; ldd ${P}/libtriton_pytorch.so | grep -E 'libtorch_cpu|libdnnl|libmpi|libucp|libgomp' | sed 's/ (0x.*//'`,
    );
    expect(r.stderr).toBe('');
    const [size, ...links] = r.stdout.trim().split('\n');
    expect(Number(size)).toBeGreaterThan(200e6); // Debian's libtorch_cpu.so.2.6 is 266 MB
    expect(links.map((l) => l.trim()).sort()).toEqual([
      `libdnnl.so.3.6 => ${P}/libdnnl.so.3.6`,
      'libgomp.so.1 => /lib/x86_64-linux-gnu/libgomp.so.1',
      `libmpi.so.40 => ${P}/libmpi.so.40`,
      `libtorch_cpu.so.2.6 => ${P}/libtorch_cpu.so.2.6`,
      'libucp.so.0 => /opt/hpcx/ucx/lib/libucp.so.0',
    ]);
  });

  test('removing a library libtorch needs from its bundle fails the pytorch model alone', () => {
    const failed = serveWithout(full, ['onnxruntime', 'pytorch', 'python'], `rm ${P}/libdnnl.so.3.6`);
    expect(failed.map((l) => l.split(' ')[1])).toEqual(['m_pytorch']);
    expect(failed[0]).toContain('libdnnl.so.3.6: cannot open shared object file: No such file or directory');
  });
});
