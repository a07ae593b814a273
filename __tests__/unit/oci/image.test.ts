import {
  type ConfigInput,
  type WrittenLayer,
  encodeJson,
  planBaseLayer,
  planImageConfig,
  planIndex,
  planManifest,
} from '../../../src/oci/image.js';
import { type ImageConfig } from '../../../src/oci/types.js';
import { planAnnotations } from '../../../src/oci/annotations.js';

const d = (n: number) => `sha256:${String(n).repeat(64).slice(0, 64)}`;

const minConfig: ImageConfig = {
  architecture: 'amd64',
  os: 'linux',
  config: {
    Env: ['PATH=/usr/local/cuda/bin:/usr/bin:/bin', 'CUDA_VERSION=12.3.2.001', 'LD_LIBRARY_PATH=/usr/local/cuda/compat/lib'],
    Labels: { 'com.nvidia.cuda.version': '12.3.2.001', 'org.opencontainers.image.version': '22.04' },
    Entrypoint: ['/opt/nvidia/nvidia_entrypoint.sh'],
    Cmd: ['/bin/bash'],
    WorkingDir: '/',
  },
  rootfs: { type: 'layers', diff_ids: [d(1), d(2)] },
  history: [
    { created: '2023-12-01T00:00:00Z', created_by: 'base' },
    { created: '2023-12-01T00:00:00Z', created_by: 'cuda' },
  ],
};

const layers: WrittenLayer[] = [
  { name: 'core', digest: d(3), diffId: d(4), size: 100, tarSize: 300, paths: ['/opt/tritonserver/bin', '/opt/tritonserver/lib'] },
  { name: 'onnxruntime', digest: d(5), diffId: d(6), size: 50, tarSize: 80, paths: ['/opt/tritonserver/backends/onnxruntime'] },
];

const input: ConfigInput = {
  min: { config: minConfig },
  plan: {
    env: [
      ['PATH', '/opt/tritonserver/bin:/usr/local/cuda/bin:/usr/bin:/bin'],
      ['TRITON_SERVER_VERSION', '2.42.0'],
      ['LD_LIBRARY_PATH', '/opt/tritonserver/backends/onnxruntime:/usr/local/cuda/compat/lib'],
    ],
    labels: [
      ['com.nvidia.tritonserver.version', '2.42.0'],
      ['org.opencontainers.image.base.name', 'r.io/t:24.01-py3-min'],
    ],
    user: 'triton-server',
    entrypoint: ['/opt/nvidia/nvidia_entrypoint.sh'],
  },
  labels: ['org.opencontainers.image.title=mine', 'io.github.triton-compose.key=sha256:abc'],
  epoch: 1704067200,
  layers,
  tool: 'triton-compose 1.2.3',
};

describe('planImageConfig', () => {
  test("min's config with the final stage on top, as BuildKit applies it", () => {
    const at = '2024-01-01T00:00:00Z';
    const c = { created: at, comment: 'triton-compose 1.2.3' };
    expect(planImageConfig(input)).toEqual({
      architecture: 'amd64',
      os: 'linux',
      config: {
        // an existing key keeps its place, a new one goes last
        Env: [
          'PATH=/opt/tritonserver/bin:/usr/local/cuda/bin:/usr/bin:/bin',
          'CUDA_VERSION=12.3.2.001',
          'LD_LIBRARY_PATH=/opt/tritonserver/backends/onnxruntime:/usr/local/cuda/compat/lib',
          'TRITON_SERVER_VERSION=2.42.0',
        ],
        Entrypoint: ['/opt/nvidia/nvidia_entrypoint.sh'],
        // ENTRYPOINT drops the inherited CMD
        WorkingDir: '/opt/tritonserver',
        User: 'triton-server',
        Labels: {
          'com.nvidia.cuda.version': '12.3.2.001',
          'com.nvidia.tritonserver.version': '2.42.0',
          'io.github.triton-compose.key': 'sha256:abc',
          'org.opencontainers.image.base.name': 'r.io/t:24.01-py3-min',
          'org.opencontainers.image.title': 'mine',
          'org.opencontainers.image.version': '22.04',
        },
      },
      created: at,
      history: [
        ...(minConfig.history ?? []),
        {
          ...c,
          created_by:
            'ENV PATH=/opt/tritonserver/bin:/usr/local/cuda/bin:/usr/bin:/bin TRITON_SERVER_VERSION=2.42.0 LD_LIBRARY_PATH=/opt/tritonserver/backends/onnxruntime:/usr/local/cuda/compat/lib',
          empty_layer: true,
        },
        {
          ...c,
          created_by: 'LABEL com.nvidia.tritonserver.version=2.42.0 org.opencontainers.image.base.name=r.io/t:24.01-py3-min',
          empty_layer: true,
        },
        { ...c, created_by: 'COPY core: 2 paths' },
        { ...c, created_by: 'COPY onnxruntime: /opt/tritonserver/backends/onnxruntime' },
        { ...c, created_by: 'WORKDIR /opt/tritonserver', empty_layer: true },
        { ...c, created_by: 'USER triton-server', empty_layer: true },
        { ...c, created_by: 'ENTRYPOINT ["/opt/nvidia/nvidia_entrypoint.sh"]', empty_layer: true },
      ],
      rootfs: { type: 'layers', diff_ids: [d(1), d(2), d(4), d(6)] },
    });
  });

  test("without an entrypoint of its own, the base's CMD stays; a CMD of the plan replaces it", () => {
    const kept = planImageConfig({ ...input, plan: { env: [], labels: [] } });
    expect([kept.config?.Entrypoint, kept.config?.Cmd, kept.config?.User]).toEqual([
      ['/opt/nvidia/nvidia_entrypoint.sh'],
      ['/bin/bash'],
      undefined,
    ]);
    const cmd = planImageConfig({ ...input, plan: { env: [], labels: [], cmd: ['tritonserver'] } });
    expect(cmd.config?.Cmd).toEqual(['tritonserver']);
    expect(cmd.history?.slice(-1)).toEqual([
      { created: '2024-01-01T00:00:00Z', created_by: 'CMD ["tritonserver"]', comment: 'triton-compose 1.2.3', empty_layer: true },
    ]);
  });

  test('one history entry with a layer per layer, so tools can pair them', () => {
    const c = planImageConfig(input);
    const withLayer = (c.history as { empty_layer?: boolean }[]).filter((h) => !h.empty_layer).length;
    expect(withLayer).toBe(c.rootfs.diff_ids.length);
  });

  test('a label value may hold "="', () => {
    expect(planImageConfig({ ...input, labels: ['a=b=c'] }).config?.Labels?.a).toBe('b=c');
  });
});

describe('planManifest and planIndex', () => {
  const config = { mediaType: 'application/vnd.oci.image.config.v1+json', digest: d(7), size: 1234 };
  const base = [
    { mediaType: 'application/vnd.docker.image.rootfs.diff.tar.gzip', digest: d(8), size: 10, annotations: { x: 'y' } },
    { mediaType: 'application/vnd.oci.image.layer.v1.tar+gzip', digest: d(9), size: 20 },
  ];

  test("min's layers as OCI layers, then the written ones", () => {
    expect(planManifest(config, base, layers, { k: 'v' })).toEqual({
      schemaVersion: 2,
      mediaType: 'application/vnd.oci.image.manifest.v1+json',
      config,
      layers: [
        { mediaType: 'application/vnd.oci.image.layer.v1.tar+gzip', digest: d(8), size: 10 },
        { mediaType: 'application/vnd.oci.image.layer.v1.tar+gzip', digest: d(9), size: 20 },
        { mediaType: 'application/vnd.oci.image.layer.v1.tar+gzip', digest: d(3), size: 100 },
        { mediaType: 'application/vnd.oci.image.layer.v1.tar+gzip', digest: d(5), size: 50 },
      ],
      annotations: { k: 'v' },
    });
    expect(planManifest(config, [], [], {}).annotations).toBeUndefined();
  });

  test('zstd base layers keep their compression under the OCI name', () => {
    expect(planBaseLayer({ mediaType: 'application/vnd.docker.image.rootfs.diff.tar.zstd', digest: d(1), size: 1 }).mediaType).toBe(
      'application/vnd.oci.image.layer.v1.tar+zstd',
    );
  });

  test("the index lists the platforms' manifests", () => {
    const m = {
      mediaType: 'application/vnd.oci.image.manifest.v1+json',
      digest: d(1),
      size: 5,
      platform: { os: 'linux', architecture: 'arm64' },
    };
    expect(planIndex([m], { a: 'b' })).toEqual({
      schemaVersion: 2,
      mediaType: 'application/vnd.oci.image.index.v1+json',
      manifests: [m],
      annotations: { a: 'b' },
    });
  });

  test('JSON bytes are compact and in key order, so the digest is stable', () => {
    expect(encodeJson({ b: 1, a: [1, 2] }).toString()).toBe('{"b":1,"a":[1,2]}');
  });
});

describe('planAnnotations', () => {
  test('Buildx annotation syntax sorted by where each goes', () => {
    expect(
      planAnnotations(
        [
          'org.opencontainers.image.title=plain goes to every manifest',
          'manifest:a=1',
          'manifest[linux/arm64]:only.arm=yes',
          'manifest-descriptor:desc=2',
          'index:idx=3',
          'index-descriptor:ignored=4',
          'manifest:eq=x=y',
        ],
        ['linux/amd64', 'linux/arm64'],
      ),
    ).toEqual({
      manifest: {
        'linux/amd64': { 'org.opencontainers.image.title': 'plain goes to every manifest', a: '1', eq: 'x=y' },
        'linux/arm64': { 'org.opencontainers.image.title': 'plain goes to every manifest', a: '1', 'only.arm': 'yes', eq: 'x=y' },
      },
      manifestDescriptor: { 'linux/amd64': { desc: '2' }, 'linux/arm64': { desc: '2' } },
      index: { idx: '3' },
    });
  });
});
