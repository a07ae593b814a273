// runtime-deps: apt from the release table: the plan (libgfortran5 on arm64, NVSHMEM in 25.10
// and 25.11, the keyring of the release's era, the users in triton-server's way, the TRITON_*
// variables of vllm and tensorrtllm, who owns the copies) and the exact Dockerfile lines it renders.
import { renderAptInstall } from '../../../src/build/dockerfile-apt.js';
import { renderDockerfile } from '../../../src/build/dockerfile.js';
import { planAptEnv, planAptRuntime } from '../../../src/plan/apt.js';
import { planCompose } from '../../../src/plan/plan.js';
import { findRelease } from '../../../src/spec/releases.js';
import { parseSpec } from '../../../src/spec/spec.js';
import { render } from '../../helpers/render.js';
import { fixtureSources } from '../../helpers/sources.js';

const get = (v: string) => {
  const r = findRelease(v);
  if (!r) throw new Error(v);
  return r;
};
const REPOS = 'https://developer.download.nvidia.com/compute/cuda/repos';
const none = { gomp: false, python: false, cpuTorch: false, parts: [] };

test('pytorch on amd64 and arm64: libgfortran5 for arm64 only, chosen when the RUN runs; a keyring per architecture', () => {
  const runtime = planAptRuntime(get('26.08'), true, ['amd64', 'arm64'], { ...none, gomp: true, parts: ['pytorch'] }, '4.6.1-1');
  expect(runtime).toEqual({
    mode: 'apt',
    packages: [
      'clang',
      'curl',
      'dirmngr',
      'git',
      'gperf',
      'libb64-0d',
      'libcurl4-openssl-dev',
      'libgomp1',
      'libgoogle-perftools-dev',
      'libjemalloc-dev',
      'libnuma-dev',
      'libssl-dev',
      'python3-pip',
      'wget',
    ],
    archPackages: { arm64: ['libgfortran5'] },
    pip: [],
    dcgm: ['datacenter-gpu-manager-4-core=1:4.6.1-1', 'datacenter-gpu-manager-4-dev=1:4.6.1-1'],
    nvshmem: [],
    keyrings: {
      amd64: `${REPOS}/ubuntu2404/x86_64/cuda-keyring_1.1-1_all.deb`,
      arm64: `${REPOS}/ubuntu2404/sbsa/cuda-keyring_1.1-1_all.deb`,
    },
    loaderConfs: [],
    cudaCompat: true,
    breakSystemPackages: true,
    removedUsers: ['tensorrt-server', 'ubuntu'],
    owner: 'root',
  });
  expect(renderAptInstall(runtime).join('\n')).toBe(
    [
      'ENV PIP_BREAK_SYSTEM_PACKAGES=1',
      '# Runtime dependencies installed with apt-get, as compose.py does (needs the network).',
      'RUN apt-get update && \\',
      '    DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends \\',
      ...runtime.packages.map((p) => `      ${p} \\`),
      '      $(case "$(dpkg --print-architecture)" in arm64) echo libgfortran5 ;; esac) && \\',
      '    rm -rf /var/lib/apt/lists/*',
      'RUN case "$(dpkg --print-architecture)" in \\',
      `      amd64) keyring="${REPOS}/ubuntu2404/x86_64/cuda-keyring_1.1-1_all.deb" ;; \\`,
      `      arm64) keyring="${REPOS}/ubuntu2404/sbsa/cuda-keyring_1.1-1_all.deb" ;; \\`,
      '    esac && \\',
      '    curl -fsSL -o /tmp/cuda-keyring.deb "$keyring" && \\',
      '    apt-get install -y /tmp/cuda-keyring.deb && rm /tmp/cuda-keyring.deb && apt-get update && \\',
      '    apt-get install -y --no-install-recommends "datacenter-gpu-manager-4-core=1:4.6.1-1" "datacenter-gpu-manager-4-dev=1:4.6.1-1" && rm -rf /var/lib/apt/lists/*',
      'RUN ln -sf ${_CUDA_COMPAT_PATH}/lib.real ${_CUDA_COMPAT_PATH}/lib && \\',
      '    echo ${_CUDA_COMPAT_PATH}/lib > /etc/ld.so.conf.d/00-cuda-compat.conf && \\',
      '    ldconfig && \\',
      '    rm -f ${_CUDA_COMPAT_PATH}/lib',
      'RUN userdel tensorrt-server >/dev/null 2>&1 || true; userdel ubuntu >/dev/null 2>&1 || true; \\',
      '    id -u triton-server >/dev/null 2>&1 || useradd -u 1000 -U -m triton-server; \\',
      '    [ "$(id -u triton-server)" -eq 1000 ] && [ "$(id -g triton-server)" -eq 1000 ]',
    ].join('\n'),
  );
});

test('pytorch on arm64 alone: libgfortran5 in the one list, the sbsa keyring written out', () => {
  const runtime = planAptRuntime(get('26.08'), true, ['arm64'], { ...none, gomp: true, parts: ['pytorch'] }, '4.6.1-1');
  expect(runtime.packages).toContain('libgfortran5');
  expect([runtime.archPackages, runtime.keyrings]).toEqual([{}, { arm64: `${REPOS}/ubuntu2404/sbsa/cuda-keyring_1.1-1_all.deb` }]);
});

test("the keyring of the release's era: ubuntu2204 1.0-1 through 24.10, ubuntu2404 1.1-1 from 24.11", () => {
  const keyring = (v: string) => planAptRuntime(get(v), true, ['amd64'], none, get(v).dcgm).keyrings;
  expect(keyring('24.10')).toEqual({ amd64: `${REPOS}/ubuntu2204/x86_64/cuda-keyring_1.0-1_all.deb` });
  expect(keyring('24.11')).toEqual({ amd64: `${REPOS}/ubuntu2404/x86_64/cuda-keyring_1.1-1_all.deb` });
  expect(planAptRuntime(get('24.10'), true, ['amd64'], none, '3.2.6').removedUsers).toEqual(['tensorrt-server']);
});

test('NVSHMEM in 25.10 (not with tensorrtllm) and 25.11, with its loader configuration; none without NVIDIA packages; the compat folder on GPU', () => {
  const nv = (v: string, gpu: boolean, parts: string[]) => {
    const r = planAptRuntime(get(v), gpu, ['amd64'], { ...none, parts }, get(v).dcgm);
    return { nvshmem: r.nvshmem, keyrings: Object.keys(r.keyrings), confs: r.loaderConfs.map((c) => c.file), compat: r.cudaCompat };
  };
  const conf = ['libnvshmem3-cuda-13.conf'];
  expect(nv('25.09', false, ['python'])).toEqual({ nvshmem: [], keyrings: [], confs: [], compat: false });
  expect(nv('25.10', false, ['python'])).toEqual({ nvshmem: ['libnvshmem3-cuda-13'], keyrings: ['amd64'], confs: conf, compat: false });
  expect(nv('25.10', true, ['tensorrtllm'])).toEqual({ nvshmem: [], keyrings: ['amd64'], confs: [], compat: true });
  expect(nv('25.11', true, ['tensorrtllm'])).toEqual({ nvshmem: ['libnvshmem3-cuda-13'], keyrings: ['amd64'], confs: conf, compat: true });
  expect(nv('25.12', false, ['python'])).toEqual({ nvshmem: [], keyrings: [], confs: [], compat: false });
});

test('exact apt block of a CPU-only 25.10 python compose: NVSHMEM from the CUDA repository, its folder made known to the loader', () => {
  const { dockerfile } = render('25.10', false, 'python', { 'runtime-deps': 'apt' });
  const start = dockerfile.indexOf('ENV PIP_BREAK_SYSTEM_PACKAGES=1\n# Runtime');
  const end = dockerfile.indexOf('COPY --link --from=core');
  expect(dockerfile.slice(start, end)).toBe(
    [
      'ENV PIP_BREAK_SYSTEM_PACKAGES=1',
      '# Runtime dependencies installed with apt-get, as compose.py does (needs the network).',
      'RUN apt-get update && \\',
      '    DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends \\',
      '      clang \\',
      '      curl \\',
      '      dirmngr \\',
      '      git \\',
      '      gperf \\',
      '      libarchive-dev \\',
      '      libb64-0d \\',
      '      libcurl4-openssl-dev \\',
      '      libgoogle-perftools-dev \\',
      '      libjemalloc-dev \\',
      '      libnuma-dev \\',
      '      libpython3-dev \\',
      '      python3 \\',
      '      python3-pip \\',
      '      python3-setuptools \\',
      '      python3-wheel \\',
      '      wget && \\',
      '    rm -rf /var/lib/apt/lists/*',
      'RUN python3 -m pip install --no-cache-dir --upgrade "numpy<2" "virtualenv"',
      `RUN curl -fsSL -o /tmp/cuda-keyring.deb "${REPOS}/ubuntu2404/x86_64/cuda-keyring_1.1-1_all.deb" && \\`,
      '    apt-get install -y /tmp/cuda-keyring.deb && rm /tmp/cuda-keyring.deb && apt-get update && \\',
      '    apt-get install -y --no-install-recommends "libnvshmem3-cuda-13" && rm -rf /var/lib/apt/lists/*',
      `RUN dirname "$(dpkg -L libnvshmem3-cuda-13 | grep -m 1 '/libnvshmem_host\\.so')" > /etc/ld.so.conf.d/libnvshmem3-cuda-13.conf && ldconfig`,
      'RUN userdel tensorrt-server >/dev/null 2>&1 || true; userdel ubuntu >/dev/null 2>&1 || true; \\',
      '    id -u triton-server >/dev/null 2>&1 || useradd -u 1000 -U -m triton-server; \\',
      '    [ "$(id -u triton-server)" -eq 1000 ] && [ "$(id -g triton-server)" -eq 1000 ]',
      '',
    ].join('\n'),
  );
});

describe("who owns the copies: compose.py's --chown=1000:1000 through r26.05, root's from r26.06", () => {
  const parts = { repoagents: 'checksum', caches: 'local', 'runtime-deps': 'apt' };
  /** The core stage, up to the final stage. */
  const coreStage = (dockerfile: string) => {
    const start = dockerfile.indexOf('FROM scratch AS core');
    return dockerfile.slice(start, dockerfile.indexOf('\n\nFROM min', start));
  };
  /** The final stage from its copy of core on. */
  const finalCopies = (dockerfile: string) => dockerfile.slice(dockerfile.indexOf('COPY --link --from=core'));
  test("26.05: every copy of the server and its parts with --chown=1000:1000, /opt/tritonserver made root's first", () => {
    const { dockerfile } = render('26.05', true, 'onnxruntime,python', parts);
    expect(coreStage(dockerfile)).toBe(
      [
        'FROM scratch AS core',
        'WORKDIR /opt/tritonserver',
        'COPY --chown=1000:1000 --from=full /opt/tritonserver/LICENSE /opt/tritonserver/TRITON_VERSION /opt/tritonserver/NVIDIA_Deep_Learning_Container_License.pdf /opt/tritonserver/',
        'COPY --chown=1000:1000 --from=full /opt/tritonserver/bin /opt/tritonserver/bin',
        'COPY --chown=1000:1000 --from=full /opt/tritonserver/lib /opt/tritonserver/lib',
        'COPY --chown=1000:1000 --from=full /opt/tritonserver/include /opt/tritonserver/include',
      ].join('\n'),
    );
    expect(finalCopies(dockerfile)).toBe(
      [
        'COPY --link --from=core / /',
        'COPY --chown=1000:1000 --from=full /opt/tritonserver/backends/onnxruntime /opt/tritonserver/backends/onnxruntime',
        'COPY --chown=1000:1000 --from=full /opt/tritonserver/backends/python /opt/tritonserver/backends/python',
        'COPY --chown=1000:1000 --from=full /opt/tritonserver/repoagents/checksum /opt/tritonserver/repoagents/checksum',
        'COPY --chown=1000:1000 --from=full /opt/tritonserver/caches/local /opt/tritonserver/caches/local',
        'WORKDIR /opt/tritonserver',
        'ENTRYPOINT ["/opt/nvidia/nvidia_entrypoint.sh"]',
        '',
      ].join('\n'),
    );
  });

  test("26.06: the same copies without --chown (the full image's owners, root's), and no WORKDIR before them", () => {
    const { dockerfile } = render('26.06', true, 'onnxruntime,python', parts);
    expect(coreStage(dockerfile)).toBe(
      [
        'FROM scratch AS core',
        'COPY --from=full /opt/tritonserver/LICENSE /opt/tritonserver/TRITON_VERSION /opt/tritonserver/NVIDIA_Deep_Learning_Container_License.pdf /opt/tritonserver/',
        'COPY --from=full /opt/tritonserver/bin /opt/tritonserver/bin',
        'COPY --from=full /opt/tritonserver/lib /opt/tritonserver/lib',
        'COPY --from=full /opt/tritonserver/include /opt/tritonserver/include',
      ].join('\n'),
    );
    expect(finalCopies(dockerfile)).toBe(
      [
        'COPY --link --from=core / /',
        'COPY --from=full /opt/tritonserver/backends/onnxruntime /opt/tritonserver/backends/onnxruntime',
        'COPY --from=full /opt/tritonserver/backends/python /opt/tritonserver/backends/python',
        'COPY --from=full /opt/tritonserver/repoagents/checksum /opt/tritonserver/repoagents/checksum',
        'COPY --from=full /opt/tritonserver/caches/local /opt/tritonserver/caches/local',
        'WORKDIR /opt/tritonserver',
        'ENTRYPOINT ["/opt/nvidia/nvidia_entrypoint.sh"]',
        '',
      ].join('\n'),
    );
  });

  test("a CPU-only 26.05: the entrypoint folder compose.py takes from its build context stays root's; image mode keeps --link and no --chown", () => {
    const { dockerfile } = render('26.05', false, 'python', { 'runtime-deps': 'apt' });
    expect(dockerfile).toContain('COPY --chown=1000:1000 --from=full /opt/tritonserver/bin /opt/tritonserver/bin\n');
    expect(dockerfile).toContain('COPY --from=full /opt/nvidia /opt/nvidia\n');
    const image = render('26.05', true, 'python').dockerfile;
    expect(image).not.toContain('--chown');
    expect(image).toContain('COPY --link --from=full /opt/tritonserver/backends/python /opt/tritonserver/backends/python\n');
  });
});

describe('TRITON_* variables of vllm and tensorrtllm (r25.11 on)', () => {
  const env = (v: string, parts: string[], has: [string, string][] = []) => planAptEnv(get(v), parts, has);
  test('none before 25.11 or for other parts; once for both parts; not over what the image sets', () => {
    expect(env('25.10', ['vllm'])).toEqual([]);
    expect(env('26.08', ['python', 'pytorch'])).toEqual([]);
    const all: [string, string][] = [
      ['TRITON_CUDACRT_PATH', '/usr/local/cuda/include'],
      ['TRITON_CUDART_PATH', '/usr/local/cuda/include'],
      ['TRITON_CUOBJDUMP_PATH', '/usr/local/cuda/bin/cuobjdump'],
      ['TRITON_CUPTI_PATH', '/usr/local/cuda/include'],
      ['TRITON_NVDISASM_PATH', '/usr/local/cuda/bin/nvdisasm'],
      ['TRITON_PTXAS_PATH', '/usr/local/cuda/bin/ptxas'],
    ];
    expect(env('25.11', ['vllm', 'tensorrtllm'])).toEqual(all);
    expect(env('26.08', ['tensorrtllm'], [['TRITON_PTXAS_PATH', '/opt/ptxas']])).toEqual(all.slice(0, 5));
  });

  test('a vllm compose of 25.11 in apt mode: the variables in its ENV', () => {
    const sources = fixtureSources('25.01', true, get('25.11'));
    const vllm = '/opt/tritonserver/backends/vllm';
    sources.views['linux/amd64'].full.entries.set(vllm, { path: vllm, type: 'dir', size: 0, mode: 0o755, uid: 0, gid: 0, layer: 0 });
    const spec = parseSpec({
      'container-version': '25.11',
      'full-image': 'registry.test:5000/tritonserver:25.11-vllm-python-py3',
      'min-image': 'registry.test:5000/tritonserver:25.11-py3-min',
      backends: 'vllm',
      'runtime-deps': 'apt',
      source: 'buildkit',
    });
    const { dockerfile } = renderDockerfile(planCompose(spec, sources, ['linux/amd64']), '0.1.0');
    expect(dockerfile).toContain(
      [
        '    TRITON_CUDACRT_PATH="/usr/local/cuda/include" \\',
        '    TRITON_CUDART_PATH="/usr/local/cuda/include" \\',
        '    TRITON_CUOBJDUMP_PATH="/usr/local/cuda/bin/cuobjdump" \\',
        '    TRITON_CUPTI_PATH="/usr/local/cuda/include" \\',
        '    TRITON_NVDISASM_PATH="/usr/local/cuda/bin/nvdisasm" \\',
        '    TRITON_PTXAS_PATH="/usr/local/cuda/bin/ptxas"\n',
      ].join('\n'),
    );
    expect(render('25.11', true, 'python', { 'runtime-deps': 'apt' }).dockerfile).not.toContain('TRITON_PTXAS_PATH');
  });
});
