// Builds the NGC-shaped fixture releases and pushes them to the test bed's registry
// (default 127.0.0.1:5000, or FIXTURE_REGISTRY). Deterministic: the same sources give the
// same digests, and an image whose tag already holds them is not pushed again.
//
//   npm run fixtures [-- --profile large] [-- --force]
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { RegistryClient } from '../src/registry.js';
import { parseReference, type ImageRef } from '../src/reference.js';
import { type Entry, type ImageSpec, type Layer, buildLayer, pushImage } from './fixtures/oci.js';
import { FIXTURE_RELEASES, type FixtureRelease } from './fixtures/releases.js';
import {
  cpuTorchLibEntries, cudaEntries, dpkgEntries, entrypointEntries, osRelease, passwd, pipEntries, rootfsEntries, tritonEntries,
} from './fixtures/layout.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const registry = process.env.FIXTURE_REGISTRY ?? '127.0.0.1:5000';
const force = process.argv.includes('--force');

function ref(name: string): ImageRef {
  const r = parseReference(`${registry}/${name}`);
  if (typeof r === 'string') throw new Error(`bad fixture reference ${name}: ${r}`);
  return r;
}

function applets(): string[] {
  const out = spawnSync('/bin/busybox', ['--list'], { encoding: 'utf8' });
  if (out.status !== 0) throw new Error('busybox-static is missing: run scripts/testbed.sh up');
  return out.stdout.split('\n').filter(Boolean).sort();
}

/** A hash of everything the images are made of, to skip all work when nothing changed. */
function recipeHash(): string {
  const h = createHash('sha256');
  const dir = join(root, 'scripts', 'fixtures');
  for (const f of readdirSync(dir).sort()) h.update(f).update(readFileSync(join(dir, f)));
  h.update(readFileSync(join(root, 'scripts', 'fixtures.ts')));
  h.update(readFileSync('/bin/busybox'));
  h.update(registry);
  return h.digest('hex');
}

function minEnv(r: FixtureRelease): string[] {
  return [
    'PATH=/usr/local/nvidia/bin:/usr/local/cuda/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin',
    `CUDA_VERSION=${r.cuda}`,
    'LD_LIBRARY_PATH=/usr/local/cuda/compat/lib:/usr/local/nvidia/lib:/usr/local/nvidia/lib64',
    'NVIDIA_VISIBLE_DEVICES=all',
    'NVIDIA_DRIVER_CAPABILITIES=compute,utility,video',
    '_CUDA_COMPAT_PATH=/usr/local/cuda/compat',
    `NVIDIA_REQUIRE_CUDA=cuda>=${r.cuda.split('.').slice(0, 2).join('.')} brand=tesla,driver>=470,driver<471`,
    `NVIDIA_TRITON_SERVER_BASE_VERSION=${r.version}`,
  ];
}

function tritonEnv(r: FixtureRelease, gpu: boolean): string[] {
  return [
    `TRITON_SERVER_VERSION=${r.triton}`,
    `NVIDIA_TRITON_SERVER_VERSION=${r.version}`,
    'UCX_MEM_EVENTS=no',
    'TF_ADJUST_HUE_FUSED=1',
    'TF_ADJUST_SATURATION_FUSED=1',
    'TF_ENABLE_WINOGRAD_NONFUSED=1',
    'TF_AUTOTUNE_THRESHOLD=2',
    `TRITON_SERVER_GPU_ENABLED=${gpu ? 1 : 0}`,
    'TRITON_SERVER_USER=triton-server',
    'DEBIAN_FRONTEND=noninteractive',
    'TCMALLOC_RELEASE_RATE=200',
    ...(gpu ? [`DCGM_VERSION=${r.dcgm}`] : []),
    'NVIDIA_PRODUCT_NAME=Triton Server',
    `NVIDIA_BUILD_ID=${r.buildId}`,
    'PYTHONPATH=/opt/tritonserver/backends/dali/wheel/dali',
  ];
}

function tritonLabels(r: FixtureRelease): Record<string, string> {
  return {
    'com.nvidia.tritonserver.version': r.triton,
    'com.nvidia.build.id': r.buildId,
    'com.nvidia.build.ref': r.buildRef,
  };
}

function withPath(env: string[], prefix: string, ld: string): string[] {
  return env.map((e) => (e.startsWith('PATH=') ? `PATH=${prefix}:${e.slice(5)}` : e.startsWith('LD_LIBRARY_PATH=') ? `LD_LIBRARY_PATH=${ld}:${e.slice(16)}` : e));
}

async function images(): Promise<[string, ImageSpec][]> {
  const list = applets();
  const out: [string, ImageSpec][] = [];
  for (const r of FIXTURE_RELEASES) {
    const era = r.era;
    const fullPkgs = era.full;
    const cpuPkgs = era.full.filter((p) => !era.cpuDrop.includes(p.name));
    const serve: Entry[] = r.serve ? [{ path: '/usr/bin/serve', text: '#!/bin/sh\nexec /opt/tritonserver/bin/tritonserver --model-repository=/opt/ml/model "$@"\n', mode: 0o755 }] : [];
    const rootfs = await buildLayer([...rootfsEntries(list), osRelease(era), ...passwd(false), ...dpkgEntries(era.base, era.base)], `rootfs: busybox-static, Ubuntu ${era.ubuntu} base`);
    const cuda = await buildLayer([...cudaEntries(r), { path: '/etc/ld.so.conf.d/000_cuda.conf', text: '/usr/local/cuda/lib64\n' }], 'CUDA, cuDNN, NCCL, TensorRT, HPC-X');
    const entry = await buildLayer(entrypointEntries(r), 'entrypoint');
    const min: Layer[] = [rootfs, cuda, entry];
    const labels = { 'com.nvidia.cuda.version': r.cuda, 'org.opencontainers.image.ref.name': 'ubuntu', 'org.opencontainers.image.version': era.ubuntu };
    const entrypoint = ['/opt/nvidia/nvidia_entrypoint.sh'];
    out.push([`tritonserver:${r.version}-py3-min`, { layers: min, env: minEnv(r), labels, entrypoint, architecture: 'amd64' }]);

    const prepare = await buildLayer(
      [...passwd(true), ...dpkgEntries([...era.base, ...fullPkgs], fullPkgs), ...pipEntries(r), ...serve, { path: '/home/triton-server', type: 'dir', uid: 1000, gid: 1000 }],
      'prepare container: runtime packages, triton-server user, DCGM',
    );
    const triton = await buildLayer(tritonEntries(r, true, r.backends), 'COPY build/install /opt/tritonserver');
    const fullEnv = withPath(minEnv(r), '/opt/tritonserver/bin', '/opt/hpcx/ucc/lib:/opt/hpcx/ucx/lib').concat(tritonEnv(r, true));
    out.push([
      `tritonserver:${r.version}-py3`,
      { layers: [...min, prepare, triton], env: fullEnv, labels: { ...labels, ...tritonLabels(r) }, entrypoint, workdir: '/opt/tritonserver', architecture: 'amd64' },
    ]);

    // A CPU-only pair as users build it themselves (NGC publishes none): an Ubuntu-like base
    // and a full image built on it.
    const ubuntuEnv = ['PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin'];
    const ubuntuLabels = { 'org.opencontainers.image.ref.name': 'ubuntu', 'org.opencontainers.image.version': era.ubuntu };
    out.push([`ubuntu:${era.ubuntu}`, { layers: [rootfs], env: ubuntuEnv, labels: ubuntuLabels, cmd: ['/bin/sh'], architecture: 'amd64' }]);
    const cpuPrepare = await buildLayer(
      [...passwd(true), ...dpkgEntries([...era.base, ...cpuPkgs], cpuPkgs), ...pipEntries(r), ...cpuTorchLibEntries(), ...entrypointEntries(r), ...serve],
      'prepare container (CPU only)',
    );
    const cpuBackends = r.backends.filter((b) => !['tensorrt', 'dali'].includes(b));
    const cpuTriton = await buildLayer(tritonEntries(r, false, cpuBackends), 'COPY build/install /opt/tritonserver');
    const cpuEnv = [
      'PATH=/opt/tritonserver/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin',
      'LD_LIBRARY_PATH=/usr/local/cuda/targets/x86_64-linux/lib:/opt/hpcx/ucc/lib:/opt/hpcx/ucx/lib',
      ...tritonEnv(r, false).filter((e) => !e.startsWith('PYTHONPATH=')),
    ];
    out.push([
      `tritonserver:${r.version}-cpu-only-py3`,
      { layers: [rootfs, cpuPrepare, cpuTriton], env: cpuEnv, labels: { ...ubuntuLabels, ...tritonLabels(r) }, entrypoint, workdir: '/opt/tritonserver', architecture: 'amd64' },
    ]);
  }
  return out;
}

async function main(): Promise<void> {
  const stampFile = join(root, '.testbed', `fixtures-${registry.replace(/[^A-Za-z0-9.-]/g, '_')}.json`);
  const recipe = recipeHash();
  const client = new RegistryClient();
  if (!force) {
    try {
      const stamp = JSON.parse(readFileSync(stampFile, 'utf8')) as { recipe: string; digests: Record<string, string> };
      if (stamp.recipe === recipe) {
        const heads = await Promise.all(Object.entries(stamp.digests).map(async ([name, d]) => (await client.headManifest(ref(name))) === d));
        if (heads.every(Boolean)) {
          console.log(`fixtures: all ${heads.length} images present in ${registry}, nothing to do`);
          return;
        }
      }
    } catch {
      // no stamp, or an old one: build
    }
  }
  const digests: Record<string, string> = {};
  for (const [name, spec] of await images()) {
    const { digest, pushed } = await pushImage(client, ref(name), spec);
    const mb = spec.layers.reduce((n, l) => n + l.gz.length, 0) / 1e6;
    console.log(`fixtures: ${pushed ? 'pushed ' : 'present'} ${registry}/${name} ${digest} (${mb.toFixed(1)} MB, ${spec.layers.length} layers)`);
    digests[name] = digest;
  }
  mkdirSync(dirname(stampFile), { recursive: true });
  writeFileSync(stampFile, JSON.stringify({ recipe, digests }, null, 2) + '\n');
}

main().catch((err: unknown) => {
  console.error(`fixtures: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
});
