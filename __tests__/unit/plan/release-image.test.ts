// A release's facts as its full and min images tell them: versions from the env, Ubuntu and
// CUDA from min (else full), Python from full's dpkg database, the parts from full's folders.
import { planReleaseImageFacts } from '../../../src/plan/release-image.js';
import type { ImageView, ViewEntry } from '../../../src/layer/contents.js';
import type { ImageConfig } from '../../../src/oci/types.js';

function image(env: string[], files: Record<string, string>, dirs: string[] = []): { config: ImageConfig; view: ImageView } {
  const config: ImageConfig = { architecture: 'amd64', os: 'linux', rootfs: { type: 'layers', diff_ids: [] }, config: { Env: env } };
  const entries = new Map<string, ViewEntry>(
    dirs.map((path) => [path, { path, type: 'dir', size: 0, mode: 0o755, uid: 0, gid: 0, layer: 0 }]),
  );
  return { config, view: { entries, captured: new Map(Object.entries(files)) } };
}

const osRelease = (v: string) => `NAME="Ubuntu"\nVERSION_ID="${v}"\nID=ubuntu\n`;
const python3 = 'Package: python3\nStatus: install ok installed\nArchitecture: amd64\nVersion: 3.12.3-0ubuntu2\n';
const T = '/opt/tritonserver';

test('an NGC-shaped pair: every fact the table holds', () => {
  const full = image(
    [
      'CUDA_VERSION=13.0.2.006',
      'NVIDIA_TRITON_SERVER_VERSION=26.08',
      'TRITON_SERVER_VERSION=2.72.0',
      'TRITON_SERVER_GPU_ENABLED=1',
      'DCGM_VERSION=4.6.1-1',
    ],
    { '/etc/os-release': osRelease('24.04'), '/var/lib/dpkg/status': python3 },
    [T, `${T}/backends`, `${T}/backends/python`, `${T}/backends/onnxruntime`, `${T}/repoagents/checksum`, `${T}/caches/local`],
  );
  const min = image(['CUDA_VERSION=13.0.2.006'], { '/etc/os-release': osRelease('24.04') });
  expect(planReleaseImageFacts(full, min)).toEqual({
    release: '26.08',
    triton: '2.72.0',
    ubuntu: '24.04',
    python: '3.12',
    cuda: '13.0.2.006',
    dcgm: '4.6.1-1',
    gpu: true,
    backends: ['onnxruntime', 'python'],
    repoagents: ['checksum'],
    caches: ['local'],
  });
});

test("min's Ubuntu and CUDA win over full's; what no image tells is left out", () => {
  const full = image(['CUDA_VERSION=12.9.1.010', 'NVIDIA_TRITON_SERVER_VERSION=2.61.0'], { '/etc/os-release': osRelease('22.04') });
  const min = image(['CUDA_VERSION=13.0.2.006'], { '/etc/os-release': osRelease('24.04') });
  // The older images put the Triton version in NVIDIA_TRITON_SERVER_VERSION: not a YY.MM release.
  expect(planReleaseImageFacts(full, min)).toEqual({
    triton: '2.61.0',
    ubuntu: '24.04',
    cuda: '13.0.2.006',
    gpu: true,
    backends: [],
    repoagents: [],
    caches: [],
  });
});

test('a Debian base is no Ubuntu release', () => {
  const debian = image([], { '/etc/os-release': 'ID=debian\nVERSION_ID="13"\n' });
  expect(planReleaseImageFacts(debian, debian)).toEqual({ gpu: false, backends: [], repoagents: [], caches: [] });
});
