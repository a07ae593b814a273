// Recorded compose results shared by the tests of the two renderers (job summary and terminal).
import type { PartKind, PartSize, Report } from '../../src/report/types.js';

export const digest = (seed: string) => `sha256:${seed.repeat(64).slice(0, 64)}`;
export const part = (name: string, kind: PartKind, size: number, uncompressedSize: number, layers = 1): PartSize => ({
  name,
  kind,
  digests: Array.from({ length: layers }, (_, i) => digest(`${i}${name.length}`)),
  size,
  uncompressedSize,
});
export const FULL_REF = `nvcr.io/nvidia/tritonserver:24.01-py3@${digest('9e')}`;
export const MIN_REF = `nvcr.io/nvidia/tritonserver:24.01-py3-min@${digest('5c')}`;
export const FULL = { role: 'full', ref: FULL_REF, size: 216_436_210, uncompressedSize: 612_089_856 } as const;
export const MIN = { role: 'min', ref: MIN_REF, size: 58_213_304, uncompressedSize: 155_847_680 } as const;
export const BASE = part('base', 'base', 58_213_304, 155_847_680, 3);
export const DEPS = part('runtime-deps', 'runtime-deps', 9_104_551, 31_275_008);
export const CORE = part('core', 'core', 6_048_912, 18_964_480);
export const ONNX = part('onnxruntime', 'backend', 14_377_265, 52_336_640);
export const PYTHON = part('python', 'backend', 3_071_442, 10_967_040);
export const COPY = (dir: string) => `COPY --link --from=full /opt/tritonserver/${dir} /opt/tritonserver/${dir}`;

export const onePart: Report = {
  ok: true,
  tags: ['triton:local'],
  imageId: digest('7d'),
  release: '24.01',
  gpu: true,
  pushed: false,
  dryRun: false,
  platforms: [{ platform: 'linux/amd64', size: 58_213_304, uncompressedSize: 155_847_680, parts: [BASE] }],
  sources: [],
  durations: { build: 850 },
  dockerfile: `FROM ${MIN_REF}\n`,
};

export const manyParts: Report = {
  ok: true,
  tags: ['ghcr.io/acme/tritonserver:24.01-onnx-python', 'ghcr.io/acme/tritonserver:latest'],
  digest: digest('3f9a0c'),
  release: '24.01',
  gpu: true,
  pushed: true,
  dryRun: false,
  platforms: [{ platform: 'linux/amd64', size: 90_815_474, uncompressedSize: 269_390_848, parts: [BASE, DEPS, CORE, ONNX, PYTHON] }],
  sources: [FULL, MIN],
  saving: 58.04,
  durations: { resolve: 1_240, build: 125_310, push: 14_330 },
  cache: { cached: 12, built: 3 },
  bytesFetched: 38_162_514,
  dockerfile: [
    `FROM ${FULL_REF} AS full`,
    `FROM ${MIN_REF}`,
    COPY('bin'),
    COPY('lib'),
    COPY('backends/onnxruntime'),
    COPY('backends/python'),
  ].join('\n'),
  dockerfilePath: '/home/runner/work/_temp/triton-compose/Dockerfile',
};

export const UBUNTU_REF = `docker.io/library/ubuntu:22.04@${digest('e4')}`;
export const cpu: Report = {
  ok: true,
  tags: ['registry.example.com/ml/triton-cpu:24.01'],
  digest: digest('c0ffee'),
  release: '24.01',
  gpu: false,
  pushed: true,
  dryRun: false,
  platforms: [
    {
      platform: 'linux/amd64',
      size: 63_037_187,
      uncompressedSize: 190_371_840,
      parts: [
        part('base', 'base', 29_534_055, 77_864_960),
        part('runtime-deps', 'runtime-deps', 12_480_331, 41_553_920),
        CORE,
        part('onnxruntime', 'backend', 11_902_447, 41_021_440),
        PYTHON,
      ],
    },
  ],
  sources: [FULL, { role: 'min', ref: UBUNTU_REF, size: 29_534_055 }],
  saving: 70.87,
  durations: { resolve: 930, build: 212_400, push: 9_050 },
  cache: { cached: 0, built: 9 },
  bytesFetched: 241_880_113,
  dockerfile: [`FROM ${FULL_REF} AS full`, `FROM ${UBUNTU_REF}`, COPY('bin'), COPY('lib')].join('\n'),
};

export const platforms: Report = {
  ok: true,
  tags: ['ghcr.io/acme/tritonserver:24.01-python'],
  digest: digest('ab12'),
  release: '24.01',
  gpu: true,
  pushed: true,
  dryRun: false,
  platforms: [
    { platform: 'linux/amd64', size: 76_438_209, uncompressedSize: 217_054_208, parts: [BASE, DEPS, CORE, PYTHON] },
    {
      platform: 'linux/arm64',
      size: 73_284_006,
      uncompressedSize: 208_179_200,
      parts: [
        part('base', 'base', 55_880_412, 149_422_080, 3),
        part('runtime-deps', 'runtime-deps', 8_733_190, 30_126_080),
        part('core', 'core', 5_716_388, 18_032_640),
        part('python', 'backend', 2_954_016, 10_598_400),
      ],
    },
  ],
  sources: [FULL, MIN],
  saving: 64.68,
  durations: { resolve: 2_310, build: 301_700, push: 21_900 },
  cache: { cached: 18, built: 4 },
  dockerfile: `FROM ${FULL_REF} AS full\nFROM ${MIN_REF}\n${COPY('backends/python')}\n`,
};

export const failure: Report = {
  ok: false,
  tags: ['ghcr.io/acme/tritonserver:24.01-trt'],
  release: '24.01',
  gpu: true,
  pushed: false,
  dryRun: false,
  platforms: [],
  sources: [FULL, MIN],
  durations: { resolve: 2_105, build: 48_920 },
  dockerfile: `FROM ${FULL_REF} AS full\nFROM ${MIN_REF}\n${COPY('backends/tensorrt')}\n`,
  error: 'docker buildx build exited with code 1: "/opt/tritonserver/backends/tensorrt": not found',
  logTail: [
    `#12 [stage-1 3/3] ${COPY('backends/tensorrt')}`,
    '#12 ERROR: failed to calculate checksum of ref 6a0f: "/opt/tritonserver/backends/tensorrt": not found',
    '------',
    'ERROR: failed to solve: failed to compute cache key: "/opt/tritonserver/backends/tensorrt": not found',
  ],
};

export const text = (lines: string[]) => `${lines.join('\n')}\n`;
