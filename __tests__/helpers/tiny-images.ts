// A tiny CPU-only pair of source images pushed into the fake registry: "min" (an Ubuntu-like
// base, two layers) and "full" (min's layers, then a layer of runtime packages with their dpkg
// database and one with a /opt/tritonserver tree), small enough for a direct assembly in a unit test.
import { createHash } from 'node:crypto';
import type { FakeRegistry } from './fake-registry.js';
import { type TarItem, makeLayer, noise, prose } from './layer-tar.js';
import { MEDIA } from '../../src/oci/types.js';

const mtime = new Date('2024-01-02T03:04:05Z');
const sha = (b: Buffer) => `sha256:${createHash('sha256').update(b).digest('hex')}`;

const dir = (name: string, mode = 0o755): TarItem => ({ header: { name: `${name}/`, type: 'directory', mode, mtime, uid: 0, gid: 0 } });
const file = (name: string, data: Buffer | string, mode = 0o644, uid = 0): TarItem => {
  const body = Buffer.isBuffer(data) ? data : Buffer.from(data);
  return { header: { name, type: 'file', mode, mtime, uid, gid: uid, size: body.length }, data: body };
};
const symlink = (name: string, linkname: string): TarItem => ({ header: { name, type: 'symlink', linkname, mode: 0o777, mtime } });
const hardlink = (name: string, linkname: string): TarItem => ({ header: { name, type: 'link', linkname, mtime } });

/** The items with a folder entry before each item for every parent folder not listed yet, as real layers have. */
function withParents(items: TarItem[]): TarItem[] {
  const seen = new Set<string>();
  const out: TarItem[] = [];
  for (const item of items) {
    const parts = item.header.name.replace(/\/$/, '').split('/');
    for (let i = 1; i < parts.length; i++) {
      const d = parts.slice(0, i).join('/');
      if (!seen.has(d)) out.push(dir(d));
      seen.add(d);
    }
    if (item.header.type === 'directory') seen.add(item.header.name.replace(/\/$/, ''));
    out.push(item);
  }
  return out;
}

/** A dpkg status stanza of an installed package. */
const stanza = (name: string, version = '1.0-1', arch = 'amd64') =>
  `Package: ${name}\nStatus: install ok installed\nArchitecture: ${arch}\nVersion: ${version}\nDescription: ${name}\n`;

/** What min has of the runtime packages a CPU compose keeping onnxruntime and python asks for (jammy names). */
const MIN_PACKAGES = ['libgoogle-perftools4', 'libjemalloc2', 'libnuma1', 'libcurl4', 'libre2-9', 'libpython3.10', 'libarchive13'];
const L = 'usr/lib/x86_64-linux-gnu';
const T = 'opt/tritonserver';

const OS_RELEASE = 'NAME="Ubuntu"\nVERSION_ID="22.04"\nID=ubuntu\n';

export function minLayers(): TarItem[][] {
  return [
    withParents([
      file('etc/os-release', OS_RELEASE),
      file('etc/passwd', 'root:x:0:0:root:/root:/bin/sh\n'),
      file('var/lib/dpkg/status', [...MIN_PACKAGES.map((p) => stanza(p)), stanza('python3', '3.10.6-1')].join('\n')),
      file('bin/sh', noise(5_000, 2), 0o755),
      dir('tmp', 0o1777),
    ]),
    withParents([file(`${L}/libcurl.so.4`, noise(7_500, 4), 0o644), file(`${T}/README.base`, 'not the full image\n')]),
  ];
}

/** The full image's own layers: runtime packages, the server tree, then a later layer that changes the python backend. */
export function fullLayers(): TarItem[][] {
  const status = [...MIN_PACKAGES, 'python3', 'libb64-0d', 'libgomp1'].map((p) => stanza(p, p === 'python3' ? '3.10.6-1' : '1.0-1'));
  const list = (files: string[]) => ['/.', '/usr', '/usr/lib', `/${L}`, ...files.map((f) => `/${f}`)].join('\n') + '\n';
  return [
    withParents([
      file('etc/passwd', 'root:x:0:0:root:/root:/bin/sh\ntriton-server:x:1000:1000::/home/triton-server:/bin/sh\n'),
      file('etc/group', 'root:x:0:\ntriton-server:x:1000:\n'),
      file('var/lib/dpkg/status', status.join('\n')),
      file('var/lib/dpkg/info/libb64-0d:amd64.list', list([`${L}/libb64.so.0d`, `${L}/libb64.so.0d.0.0`])),
      file('var/lib/dpkg/info/libgomp1:amd64.list', list([`${L}/libgomp.so.1`])),
      file(`${L}/libb64.so.0d.0.0`, noise(3_000, 5)),
      symlink(`${L}/libb64.so.0d`, 'libb64.so.0d.0.0'),
      file(`${L}/libgomp.so.1`, noise(10_000, 6)),
      file('usr/bin/serve', '#!/bin/sh\nexec /opt/tritonserver/bin/tritonserver "$@"\n', 0o755),
    ]),
    withParents([
      file(`${T}/LICENSE`, prose(3_000, 1)),
      file(`${T}/TRITON_VERSION`, '2.42.0\n'),
      file(`${T}/bin/tritonserver`, noise(15_000, 7), 0o755),
      file(`${T}/lib/libtritonserver.so`, noise(20_000, 8)),
      file(`${T}/backends/onnxruntime/libtriton_onnxruntime.so`, noise(12_500, 9)),
      file(`${T}/backends/onnxruntime/libonnxruntime.so.1.16.3`, noise(22_500, 10), 0o755),
      symlink(`${T}/backends/onnxruntime/libonnxruntime.so`, 'libonnxruntime.so.1.16.3'),
      hardlink(`${T}/backends/onnxruntime/libonnxruntime.so.1`, `${T}/backends/onnxruntime/libonnxruntime.so.1.16.3`),
      file(`${T}/backends/python/libtriton_python.so`, noise(10_000, 11)),
      file(`${T}/backends/python/triton_python_backend_stub`, noise(7_500, 12), 0o755),
      file(`${T}/backends/python/old_utils.py`, prose(2_000, 13)),
      file(`${T}/backends/tensorrt/libtriton_tensorrt.so`, noise(17_500, 14)),
      file(`${T}/repoagents/checksum/libtritonrepoagent_checksum.so`, noise(2_500, 15)),
    ]),
    withParents([
      file(`${T}/backends/python/triton_python_backend_utils.py`, prose(8_000, 16), 0o644, 1000),
      file(`${T}/backends/python/.wh.old_utils.py`, ''),
    ]),
  ];
}

export interface PushedLayer {
  digest: string;
  diffId: string;
  size: number;
  tar: Buffer;
}

export interface PushedImage {
  layers: PushedLayer[];
  manifestDigest: string;
  config: Record<string, unknown>;
}

/**
 * Pushes the layers, and per architecture a config and an OCI manifest, into `repository`:
 * the manifest under `tag`, or for several architectures an index over them (the layers shared).
 */
export async function pushImage(
  fake: FakeRegistry,
  repository: string,
  tag: string,
  layers: TarItem[][],
  config: { Env: string[]; Labels: Record<string, string>; Cmd?: string[]; created: string },
  architectures: readonly string[] = ['amd64'],
): Promise<PushedImage> {
  const pushed: PushedLayer[] = [];
  for (const items of layers) {
    const l = await makeLayer(items);
    fake.putBlob(repository, l.gz);
    pushed.push({ digest: l.digest, diffId: sha(l.tar), size: l.gz.length, tar: l.tar });
  }
  const manifests = architectures.map((architecture) => {
    const doc = {
      architecture,
      os: 'linux',
      created: config.created,
      config: { Env: config.Env, Labels: config.Labels, ...(config.Cmd ? { Cmd: config.Cmd } : {}) },
      rootfs: { type: 'layers', diff_ids: pushed.map((l) => l.diffId) },
      history: pushed.map(() => ({ created: config.created, created_by: 'fixture' })),
    };
    const configBody = Buffer.from(JSON.stringify(doc));
    const body = Buffer.from(
      JSON.stringify({
        schemaVersion: 2,
        mediaType: MEDIA.ociManifest,
        config: { mediaType: MEDIA.ociConfig, digest: fake.putBlob(repository, configBody), size: configBody.length },
        layers: pushed.map((l) => ({ mediaType: MEDIA.ociLayerGzip, digest: l.digest, size: l.size })),
      }),
    );
    return { doc, body, architecture };
  });
  if (manifests.length === 1) {
    return {
      layers: pushed,
      manifestDigest: fake.putManifest(repository, tag, manifests[0].body, MEDIA.ociManifest),
      config: manifests[0].doc,
    };
  }
  const index = Buffer.from(
    JSON.stringify({
      schemaVersion: 2,
      mediaType: MEDIA.ociIndex,
      manifests: manifests.map((m) => ({
        mediaType: MEDIA.ociManifest,
        digest: fake.putManifest(repository, sha(m.body), m.body, MEDIA.ociManifest),
        size: m.body.length,
        platform: { os: 'linux', architecture: m.architecture },
      })),
    }),
  );
  return { layers: pushed, manifestDigest: fake.putManifest(repository, tag, index, MEDIA.ociIndex), config: manifests[0].doc };
}

const PATH = 'PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin';

/**
 * A third layer of min for a trim: what serving never opens (a static archive, a header, docs
 * and a man page, nvcc, a hardlink to it from a kept path), beside a license text, a kept
 * library and a whiteout.
 */
export function trimmableLayer(): TarItem[] {
  return withParents([
    file('usr/local/cuda/lib64/libcudart.so.12', noise(4_000, 20), 0o755),
    file('usr/local/cuda/lib64/libcublas.so.12', noise(14_000, 28), 0o755),
    file('usr/local/cuda/lib64/libcudart_static.a', noise(6_000, 21)),
    file('usr/local/cuda/include/cuda.h', prose(1_500, 22)),
    file('usr/local/cuda/bin/nvcc', noise(3_000, 23), 0o755),
    file('usr/local/cuda/bin/cuobjdump', noise(2_000, 24), 0o755),
    hardlink('usr/bin/cuobjdump', 'usr/local/cuda/bin/cuobjdump'),
    file('usr/share/doc/cuda/README', prose(900, 25)),
    file('usr/share/doc/cuda/copyright', prose(300, 26)),
    file('usr/share/man/man1/nvcc.1.gz', noise(400, 27)),
    file('usr/share/doc/.wh.old', ''),
  ]);
}

/** min as `min:1` and full (on min's layers) as `full:1`, for each architecture (an index over several). */
export async function pushTinyPair(
  fake: FakeRegistry,
  architectures: readonly string[] = ['amd64'],
  opts: { trimmable?: boolean; minLayer?: TarItem[]; fullLayer?: TarItem[] } = {},
): Promise<{ min: PushedImage; full: PushedImage }> {
  const base = [...minLayers(), ...(opts.trimmable ? [trimmableLayer()] : []), ...(opts.minLayer ? [opts.minLayer] : [])];
  const min = await pushImage(
    fake,
    'min',
    '1',
    base,
    {
      Env: [PATH],
      Labels: { 'org.opencontainers.image.version': '22.04' },
      Cmd: ['/bin/sh'],
      created: '2024-01-02T03:04:05Z',
    },
    architectures,
  );
  const full = await pushImage(
    fake,
    'full',
    '1',
    [...base, ...fullLayers(), ...(opts.fullLayer ? [opts.fullLayer] : [])],
    {
      Env: [
        'PATH=/opt/tritonserver/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin',
        'TRITON_SERVER_VERSION=2.42.0',
        'NVIDIA_TRITON_SERVER_VERSION=24.01',
        'TRITON_SERVER_GPU_ENABLED=0',
      ],
      Labels: { 'org.opencontainers.image.version': '22.04', 'com.nvidia.tritonserver.version': '2.42.0' },
      created: '2024-01-20T00:00:00Z',
    },
    architectures,
  );
  return { min, full };
}

/**
 * A vendor's image built on min (min's layers, then one of its own): a custom backend, and a
 * python backend folder of its own (`backends/python` with a different library).
 */
export async function pushTinyVendor(fake: FakeRegistry, architectures: readonly string[] = ['amd64']): Promise<PushedImage> {
  const own = withParents([
    file(`${T}/backends/custom/libtriton_custom.so`, noise(4_000, 11), 0o755),
    file(`${T}/backends/custom/custom.conf`, 'threads=2\n'),
    file(`${T}/backends/python/libtriton_python.so`, noise(2_000, 12), 0o755),
  ]);
  return pushImage(fake, 'vendor', '1', [...minLayers(), own], { Env: [PATH], Labels: {}, created: '2024-02-01T00:00:00Z' }, architectures);
}

/**
 * A vendor's image of model files alone (FROM scratch, one layer): a large archive first, then a
 * model repository under /srv/models, so reading the models by ranges skips the archive's bytes.
 */
export async function pushTinyModels(fake: FakeRegistry): Promise<PushedImage> {
  const own = withParents([
    file('srv/archive.bin', noise(6 * 1024 * 1024, 31)),
    file('srv/models/resnet/config.pbtxt', 'name: "resnet"\nbackend: "onnxruntime"\n', 0o644, 1234),
    file('srv/models/resnet/1/model.onnx', noise(20_000, 32), 0o4755, 1234),
    hardlink('srv/models/resnet/1/same.onnx', 'srv/models/resnet/1/model.onnx'),
    symlink('srv/models/resnet/latest', '1'),
  ]);
  return pushImage(fake, 'models', '1', [own], { Env: [PATH], Labels: {}, created: '2024-03-01T00:00:00Z' });
}
