// The real-fixture images of one era as layer plans: min = Debian base (dpkg's own database),
// CUDA-like libraries (+ what serving never loads), entrypoint; full = min + three package
// layers (dpkg; DCGM's its own), a pip layer (numpy), /opt/tritonserver in one layer, the
// SageMaker serve script where the release has it, and a clean-up layer with whiteouts and an
// opaque folder. Library files are padded to NGC's relative sizes.
import { lstatSync, readFileSync, readdirSync, readlinkSync } from 'node:fs';
import { join } from 'node:path';
import { type Entry, noise } from '../fixtures/oci.js';
import type { ImagePlan, LayerPlan } from '../fixtures/images.js';
import { entrypointEntries } from '../fixtures/layout.js';
import { minEnv, tritonEnv, tritonLabels, withPath } from '../fixtures/images.js';
import { type RealEra, eraCudaLibraries } from './eras.js';
import { type FsEntry, diffLayer, entries } from './tarfs.js';
import { MIN_EXTRAS, backendBuilds } from './libraries.js';
import { VLLM_BACKEND_PY, fakeDistributionFiles } from './python-dists.js';

const T = '/opt/tritonserver';
const MB = 1_000_000;

/** A built file padded with incompressible bytes up to `mb` (divided by the profile's divisor). */
function padded(path: string, data: Buffer, mb: number, divisor: number): Buffer {
  const want = Math.round((mb * MB) / divisor);
  return want > data.length ? Buffer.concat([data, noise(path, want - data.length)]) : data;
}

/** Every file and symlink under `dir` (sorted), as entries under `prefix`. */
function tree(dir: string, prefix: string, pad: (path: string, data: Buffer) => Buffer, own = {}): Entry[] {
  const out: Entry[] = [];
  for (const name of readdirSync(dir).sort()) {
    const p = join(dir, name);
    const path = `${prefix}/${name}`;
    const st = lstatSync(p);
    if (st.isSymbolicLink()) out.push({ path, type: 'symlink', target: readlinkSync(p), ...own });
    else if (st.isDirectory()) out.push({ path, type: 'dir', mode: 0o755, ...own }, ...tree(p, path, pad, own));
    else out.push({ path, data: pad(path, readFileSync(p)), mode: st.mode & 0o777, ...own });
  }
  return out;
}

function cudaLayer(era: RealEra, out: string, divisor: number): Entry[] {
  const e: Entry[] = [];
  for (const l of eraCudaLibraries(era)) {
    e.push({
      path: `${l.dir}/${l.real}`,
      data: padded(`${l.dir}/${l.real}`, readFileSync(join(out, 'lib', l.real)), l.mb, divisor),
      mode: 0o644,
    });
    e.push({ path: `${l.dir}/${l.soname}`, type: 'symlink', target: l.real });
    if (l.dev && l.dev !== l.soname) e.push({ path: `${l.dir}/${l.dev}`, type: 'symlink', target: l.soname });
  }
  for (const [path, mb] of MIN_EXTRAS)
    e.push({ path, size: Math.max(1, Math.round((mb * MB) / divisor)), mode: path.includes('/bin/') ? 0o755 : 0o644 });
  e.push(
    { path: '/etc/ld.so.conf.d/000_cuda.conf', text: '/usr/local/cuda/lib64\n' },
    { path: '/etc/ld.so.conf.d/nvidia.conf', text: '/usr/local/nvidia/lib\n/usr/local/nvidia/lib64\n' },
    { path: '/etc/ld.so.cache', data: readFileSync(join(out, 'ld.so.cache.min')) },
  );
  return e.sort((a, b) => (a.path < b.path ? -1 : 1));
}

/** Sizes (MB) of the backends' own files, by file name, for padding. */
function backendSizes(era: RealEra): Map<string, number> {
  const m = new Map<string, number>();
  for (const b of backendBuilds(era.stack, true, era.torch)) {
    m.set(`${b.name}/libtriton_${b.name}.so`, b.mb);
    for (const l of b.bundled ?? []) m.set(`${b.name}/${l.real}`, l.mb);
  }
  m.set('onnxruntime/libonnxruntime.so.1.16.3', 450);
  m.set('python/libtriton_python.so', 2);
  return m;
}

function tritonLayer(era: RealEra, out: string, divisor: number): Entry[] {
  const sizes = backendSizes(era);
  const own = { uid: 1000, gid: 1000 };
  const pad = (path: string, data: Buffer) => {
    const m = /\/backends\/(.+)$/.exec(path);
    const mb = m ? sizes.get(m[1]) : path.endsWith('libtritonserver.so') ? 30 : undefined;
    return mb ? padded(path, data, mb, divisor) : data;
  };
  const r = era.release;
  return [
    { path: T, type: 'dir', ...own },
    ...tree(join(out, 'opt/tritonserver'), T, pad, own),
    { path: `${T}/LICENSE`, text: 'BSD 3-Clause License (fixture)\n', ...own },
    { path: `${T}/TRITON_VERSION`, text: `${r.triton}\n`, ...own },
    { path: `${T}/NVIDIA_Deep_Learning_Container_License.pdf`, size: Math.round((0.3 * MB) / divisor) + 1, ...own },
    { path: `${T}/include/triton/core/tritonserver.h`, size: 120_000, ...own },
    { path: `${T}/backends/python/triton_python_backend_utils.py`, size: 30_000, ...own },
    { path: `${T}/backends/dali/wheel/dali/nvidia/dali/__init__.py`, size: 20_000, ...own },
    { path: `${T}/python/tritonserver-${r.triton}-py3-none-any.whl`, size: Math.round((2 * MB) / divisor) + 1, ...own },
    { path: `${T}/third-party-src/README`, size: 10_000, ...own },
  ];
}

const isPython = (p: string) =>
  /^\/usr\/(lib|include|share\/doc)\/(x86_64-linux-gnu\/)?(lib)?python3/.test(p) ||
  /^\/usr\/bin\/(py|python)/.test(p) ||
  p.startsWith('/var/lib/dpkg/');

export interface EraTrees {
  base: Map<string, FsEntry>;
  full: Map<string, FsEntry>;
  /** full with DCGM's package installed by dpkg (build.ts). */
  dcgm: Map<string, FsEntry>;
}

export function realImages(era: RealEra, trees: EraTrees, out: string, divisor: number, suffix: string): ImagePlan[] {
  const r = era.release;
  const L = (entries: Entry[], comment: string): LayerPlan => ({ entries, comment });
  const min = [
    L(entries(trees.base), `rootfs: Debian ${era.suite} (mmdebstrap, variant apt)`),
    L(cudaLayer(era, out, divisor), 'CUDA, cuDNN, NCCL, TensorRT, HPC-X, Nsight Compute'),
    L(entrypointEntries(r), 'entrypoint'),
  ];
  const labels = {
    'com.nvidia.cuda.version': r.cuda,
    'org.opencontainers.image.ref.name': 'debian',
    'org.opencontainers.image.version': era.suite,
  };
  const entrypoint = ['/opt/nvidia/nvidia_entrypoint.sh'];
  const pkgs = diffLayer(trees.base, trees.full);
  const passwd = trees.full.get('/etc/passwd')?.data?.toString() ?? '';
  const group = trees.full.get('/etc/group')?.data?.toString() ?? '';
  const site = `/usr/local/lib/python${era.python}/dist-packages`;
  const full = [
    ...min,
    L(
      pkgs.filter((e) => !isPython(e.path)),
      'apt-get install: server runtime packages',
    ),
    L(
      [
        ...pkgs.filter((e) => isPython(e.path)),
        { path: '/etc/ld.so.cache', data: readFileSync(join(out, 'ld.so.cache.full')) },
        { path: '/etc/passwd', text: `${passwd}triton-server:x:1000:1000::/home/triton-server:/bin/sh\n` },
        { path: '/etc/group', text: `${group}triton-server:x:1000:\n` },
        { path: '/home/triton-server', type: 'dir', uid: 1000, gid: 1000 },
      ],
      'apt-get install: python3, libpython; triton-server user',
    ),
    L(
      // the ld.so.cache dpkg's trigger wrote knows no CUDA library: the one above stays
      diffLayer(trees.full, trees.dcgm).filter((e) => e.path !== '/etc/ld.so.cache'),
      'install_dcgm_libraries: datacenter-gpu-manager',
    ),
    L(
      [
        ...tree(join(out, 'numpy'), site, (_p, d) => d),
        ...fakeDistributionFiles(site, era.python, readFileSync(join(out, 'pyext', '_native.so'))),
      ],
      'pip3 install numpy vllm (a fixture vllm and what it requires, with METADATA and RECORD as pip writes them)',
    ),
    L(tritonLayer(era, out, divisor), 'COPY build/install /opt/tritonserver'),
    // build.py's SageMaker endpoint, where the release has it: its serve script, a layer of its own
    ...(r.serve
      ? [
          L(
            [
              {
                path: '/usr/bin/serve',
                text: '#!/bin/sh\nexec /opt/tritonserver/bin/tritonserver --model-repository=/opt/ml/model "$@"\n',
                mode: 0o755,
                uid: 1000,
                gid: 1000,
              },
            ],
            'COPY --chown=1000:1000 docker/sagemaker/serve /usr/bin/.',
          ),
        ]
      : []),
    L(
      [
        { path: '/usr/share/doc/.wh.libjemalloc2', data: Buffer.alloc(0) },
        { path: '/opt/nvidia/entrypoint.d/.wh..wh..opq', data: Buffer.alloc(0) },
        ...entrypointEntries(r)
          .filter((e) => e.path.startsWith('/opt/nvidia/entrypoint.d/'))
          .map((e) => ({ ...e, text: `${e.text ?? ''}# replaced by a later layer\n` })),
      ],
      'RUN rm -rf /usr/share/doc/libjemalloc2 && replace entrypoint.d',
    ),
  ];
  const fullEnv = withPath(minEnv(r), `${T}/bin`, '/opt/hpcx/ucc/lib:/opt/hpcx/ucx/lib').concat(tritonEnv(r, true));
  const fullImage = {
    name: `real/tritonserver:${r.version}-py3${suffix}`,
    layers: full,
    env: fullEnv,
    labels: { ...labels, ...tritonLabels(r) },
    entrypoint,
    workdir: T,
    architecture: 'amd64',
  };
  return [
    { name: `real/tritonserver:${r.version}-py3-min${suffix}`, layers: min, env: minEnv(r), labels, entrypoint, architecture: 'amd64' },
    fullImage,
    // NGC's vllm variant, as build.py makes it: the full image with the vllm backend, a
    // Python-based backend (its model.py, run by the python backend), and vLLM installed.
    ...(suffix === ''
      ? [
          {
            ...fullImage,
            name: `real/tritonserver:${r.version}-vllm-python-py3`,
            layers: [...full, L([{ path: `${T}/backends/vllm/model.py`, text: VLLM_BACKEND_PY }], 'COPY the vllm backend')],
          },
        ]
      : []),
  ];
}
