import { checkSpdx } from '../../helpers/spdx-schema.js';
import type { ImageView, ViewEntry } from '../../../src/layer/contents.js';
import type { ComposePlan } from '../../../src/plan/plan.js';
import { parseOsRelease } from '../../../src/plan/image-facts.js';
import { findDistributions, parseDistFolder, parseSourcePackages, planSbomInput } from '../../../src/plan/sbom-input.js';
import { renderSbom } from '../../../src/report/sbom.js';

const AMD64 = 'linux/amd64';

function view(paths: string[], captured: Record<string, string>): ImageView {
  const entries = new Map<string, ViewEntry>();
  for (const p of [...paths, ...Object.keys(captured)]) {
    const dir = p.endsWith('/');
    const path = dir ? p.slice(0, -1) : p;
    entries.set(path, { path, type: dir ? 'dir' : 'file', size: 0, mode: 0o644, uid: 0, gid: 0, layer: 0 });
  }
  return { entries, captured: new Map(Object.entries(captured)) };
}

const stanza = (name: string, version: string, extra = '', status = 'install ok installed') =>
  `Package: ${name}\nStatus: ${status}\n${extra}Architecture: amd64\nVersion: ${version}\nDescription: x\n more\n`;

const OS_RELEASE = 'PRETTY_NAME="Ubuntu 22.04.4 LTS"\nNAME="Ubuntu"\nVERSION_ID="22.04"\nID=ubuntu\nID_LIKE=debian\n';
const min = view(
  [
    '/usr/lib/python3/dist-packages/six-1.16.0.dist-info/',
    '/usr/lib/python3/dist-packages/six-1.16.0.dist-info/METADATA',
    '/opt/elsewhere/foo-1.0.dist-info/METADATA',
  ],
  {
    '/usr/lib/os-release': OS_RELEASE,
    '/var/lib/dpkg/status': [
      stanza('libc6', '2.35-0ubuntu3.6', 'Source: glibc\n'),
      stanza('gone', '1', '', 'deinstall ok config-files'),
    ].join('\n'),
  },
);
const full = view(
  [
    '/usr/lib/python3/dist-packages/six-1.16.0.dist-info/METADATA',
    '/usr/lib/python3/dist-packages/numpy-1.21.5.egg-info/PKG-INFO',
    '/usr/local/lib/python3.10/dist-packages/triton_python_backend_utils-0.1.dist-info/METADATA',
    '/usr/local/lib/python3.10/dist-packages/torch-2.2.0a0+81ea7a4.dist-info/METADATA',
  ],
  {
    '/var/lib/dpkg/status': [
      stanza('libc6', '2.35-0ubuntu3.6', 'Source: glibc\n'),
      stanza('libgomp1', '12.3.0-1ubuntu1~22.04', 'Source: gcc-12 (12.3.0-1ubuntu1~22.04)\n'),
      stanza('python3-numpy', '1:1.21.5-1ubuntu22.04.1', 'Source: numpy\n'),
      stanza('curl', '7.81.0-1ubuntu1.15'),
    ].join('\n'),
  },
);

const basePlan: Omit<ComposePlan, 'runtime'> = {
  gpu: false,
  platforms: [AMD64],
  sources: { full: 'r/full@sha256:1', min: 'r/min@sha256:2' },
  env: [['NVIDIA_TRITON_SERVER_VERSION', '24.01']],
  labels: [],
  core: ['/opt/tritonserver/bin'],
  parts: [
    { name: 'python', kind: 'backend', path: '/opt/tritonserver/backends/python' },
    { name: 'checksum', kind: 'repoagent', path: '/opt/tritonserver/repoagents/checksum' },
  ],
  serve: false,
};
const image = { repository: '127.0.0.1:5000/team/triton', tag: 'v1', digest: `sha256:${'ab'.repeat(32)}` };

test('image mode: min’s packages and distributions, plus what the plan copies from full with full’s versions', () => {
  const plan: ComposePlan = {
    ...basePlan,
    triton: '2.42.0',
    runtime: {
      mode: 'image',
      packages: { [AMD64]: ['libgomp1', 'python3-numpy'] },
      files: {
        [AMD64]: [
          '/usr/lib/python3/dist-packages/numpy-1.21.5.egg-info/PKG-INFO',
          '/usr/lib/x86_64-linux-gnu/libgomp.so.1',
          '/usr/local/lib/python3.10/dist-packages/triton_python_backend_utils-0.1.dist-info/METADATA',
        ],
      },
    },
  };
  const { input, summary } = planSbomInput({ image, created: 1_700_000_000, plan, platform: AMD64, views: { full, min } });
  expect(input).toEqual({
    image: { ...image, platform: AMD64 },
    created: 1_700_000_000,
    tool: { name: 'triton-compose', version: '0.1.0' },
    distro: { id: 'ubuntu', versionId: '22.04' },
    debs: [
      { name: 'libc6', version: '2.35-0ubuntu3.6', arch: 'amd64', source: 'glibc' },
      { name: 'libgomp1', version: '12.3.0-1ubuntu1~22.04', arch: 'amd64', source: 'gcc-12' },
      { name: 'python3-numpy', version: '1:1.21.5-1ubuntu22.04.1', arch: 'amd64', source: 'numpy' },
    ],
    python: [
      { name: 'six', version: '1.16.0' },
      { name: 'numpy', version: '1.21.5' },
      { name: 'triton_python_backend_utils', version: '0.1' },
    ],
    triton: {
      version: '2.42.0',
      parts: [
        { name: 'python', kind: 'backend' },
        { name: 'checksum', kind: 'repoagent' },
      ],
    },
  });
  expect(summary).toEqual({ packages: 3, distributions: 3, fullPackages: 4, fullDistributions: 4 });
  expect(checkSpdx(renderSbom(input))).toEqual([]);
});

test('python-packages: the distributions copied and the packages their native extensions load, from the full image or a source', () => {
  const site = '/usr/local/lib/python3.10/dist-packages';
  const plan: ComposePlan = {
    ...basePlan,
    runtime: { mode: 'image', packages: { [AMD64]: [] }, files: { [AMD64]: [] } },
    pythonPackages: [
      {
        dists: [{ name: 'torch', version: '2.2.0a0+81ea7a4', why: 'asked for (python-packages)' }],
        excluded: [],
        files: { [AMD64]: [`${site}/torch-2.2.0a0+81ea7a4.dist-info/METADATA`, '/usr/lib/x86_64-linux-gnu/libgomp.so.1'] },
        libraries: [{ package: 'libgomp1', version: 'ignored: full has it', why: 'libgomp.so.1, needed by x' }],
      },
      {
        source: 'pip',
        dists: [{ name: 'fastjson', version: '1.2', why: 'asked for (python-packages)' }],
        excluded: [],
        files: { [AMD64]: [`${site}/fastjson-1.2.dist-info/RECORD`, '/usr/lib/x86_64-linux-gnu/libyaml-0.so.2'] },
        libraries: [
          { package: 'libyaml-0-2', version: '0.2.5-2', why: 'libyaml-0.so.2, needed by y' },
          { path: '/usr/local/lib/libloose.so.1', why: 'libloose.so.1, needed by y' },
        ],
      },
    ],
  };
  const { input } = planSbomInput({ image, created: 1_700_000_000, plan, platform: AMD64, views: { full, min } });
  expect(input.debs).toEqual([
    { name: 'libc6', version: '2.35-0ubuntu3.6', arch: 'amd64', source: 'glibc' },
    { name: 'libgomp1', version: '12.3.0-1ubuntu1~22.04', arch: 'amd64', source: 'gcc-12' },
    { name: 'libyaml-0-2', version: '0.2.5-2' },
  ]);
  expect(input.python).toEqual([
    { name: 'six', version: '1.16.0' },
    { name: 'torch', version: '2.2.0a0+81ea7a4' },
    { name: 'fastjson', version: '1.2' },
  ]);
  expect(checkSpdx(renderSbom(input))).toEqual([]);
});

test('apt mode: package names (a pinned version kept), pip names, the Triton version from the env', () => {
  const plan: ComposePlan = {
    ...basePlan,
    env: [
      ['NVIDIA_TRITON_SERVER_VERSION', '24.01'],
      ['TRITON_SERVER_VERSION', '2.42.0'],
    ],
    parts: [],
    runtime: {
      mode: 'apt',
      packages: ['curl', 'libgomp1'],
      archPackages: { arm64: ['libgfortran5'] },
      pip: ['numpy<2', 'virtualenv', 'pkg==1.0'],
      dcgm: ['datacenter-gpu-manager=1:3.2.6'],
      nvshmem: [],
      keyrings: {},
      loaderConfs: [],
      cudaCompat: true,
      breakSystemPackages: false,
      removedUsers: ['tensorrt-server'],
      owner: '1000:1000',
    },
  };
  const { input, summary } = planSbomInput({ image: { repository: 'r/x' }, created: 5, plan, platform: AMD64, views: { full, min } });
  expect(input.debs).toEqual([
    { name: 'libc6', version: '2.35-0ubuntu3.6', arch: 'amd64', source: 'glibc' },
    { name: 'curl' },
    { name: 'libgomp1' },
    { name: 'datacenter-gpu-manager', version: '1:3.2.6' },
  ]);
  expect(input.python).toEqual([
    { name: 'six', version: '1.16.0' },
    { name: 'numpy' },
    { name: 'virtualenv' },
    { name: 'pkg', version: '1.0' },
  ]);
  expect(input.triton).toEqual({ version: '2.42.0', parts: [] });
  expect(summary).toEqual({ packages: 4, distributions: 4, fullPackages: 4, fullDistributions: 4 });
  const doc = renderSbom(input);
  expect(doc.packages.find((p) => p.name === 'curl')?.versionInfo).toBe('NOASSERTION');
  expect(checkSpdx(doc)).toEqual([]);
});

test('without plan.triton or TRITON_SERVER_VERSION, the container version stands in; no os-release, no distro', () => {
  const plan: ComposePlan = { ...basePlan, runtime: { mode: 'image', packages: {}, files: {} } };
  const bare = view([], {});
  const { input, summary } = planSbomInput({ image, created: 0, plan, platform: AMD64, views: { full: bare, min: bare } });
  expect(input.triton?.version).toBe('24.01');
  expect(input.distro).toBeUndefined();
  expect(input.debs).toEqual([]);
  expect(summary).toEqual({ packages: 0, distributions: 0, fullPackages: 0, fullDistributions: 0 });
});

test('os-release: quoted and bare values, escapes, no ID', () => {
  expect(parseOsRelease(OS_RELEASE)).toEqual({ id: 'ubuntu', versionId: '22.04' });
  expect(parseOsRelease('ID=\'debian\'\nVERSION_ID="12\\"x"\n')).toEqual({ id: 'debian', versionId: '12"x' });
  expect(parseOsRelease('ID=alpine\n')).toEqual({ id: 'alpine' });
  expect(parseOsRelease('NAME=x\n')).toBeUndefined();
});

test.each<[string, 'dist-info' | 'egg-info', ReturnType<typeof parseDistFolder>]>([
  ['numpy-1.26.4', 'dist-info', { name: 'numpy', version: '1.26.4' }],
  ['typing_extensions-4.9.0', 'dist-info', { name: 'typing_extensions', version: '4.9.0' }],
  ['torch-2.2.0a0+81ea7a4', 'dist-info', { name: 'torch', version: '2.2.0a0+81ea7a4' }],
  ['broken', 'dist-info', undefined],
  ['-1.0', 'dist-info', undefined],
  ['x-', 'dist-info', undefined],
  ['numpy-1.21.5', 'egg-info', { name: 'numpy', version: '1.21.5' }],
  ['PyYAML-5.4.1-py3.10-linux-x86_64', 'egg-info', { name: 'PyYAML', version: '5.4.1' }],
  ['devpkg', 'egg-info', { name: 'devpkg' }],
])('metadata folder %s.%s', (stem, kind, want) => {
  expect(parseDistFolder(stem, kind)).toEqual(want);
});

test('distributions only under site-packages or dist-packages, once each', () => {
  expect(
    findDistributions([
      '/usr/lib/python3/dist-packages/a-1.dist-info',
      '/usr/lib/python3/dist-packages/a-1.dist-info/RECORD',
      '/usr/local/lib/python3.10/site-packages/a-1.dist-info/RECORD',
      '/usr/lib/python3/dist-packages/a/sub/b-2.dist-info/RECORD',
      '/opt/b-2.dist-info/RECORD',
      '/usr/lib/python3/dist-packages/c.egg-info',
    ]),
  ).toEqual([{ name: 'a', version: '1' }, { name: 'c' }]);
});

test('source packages with and without a version', () => {
  expect(parseSourcePackages('Package: a\nSource: b (1.0)\n\nPackage: c\nVersion: 1\n\nPackage: d\nSource: e\n')).toEqual(
    new Map([
      ['a', 'b'],
      ['d', 'e'],
    ]),
  );
});

test("a trim: min's packages whose every file it dropped, and distributions whose metadata it dropped, are left out", () => {
  const trimmedMin = view(
    [
      '/usr/lib/x86_64-linux-gnu/',
      '/usr/lib/x86_64-linux-gnu/libcudnn.so.9.0.0',
      '/usr/lib/x86_64-linux-gnu/libc.so.6',
      '/usr/share/doc/libcudnn9/copyright',
      '/usr/lib/python3/dist-packages/six-1.16.0.dist-info/METADATA',
    ],
    {
      '/var/lib/dpkg/status': [stanza('libc6', '2.35'), stanza('libcudnn9', '9.0.0'), stanza('meta', '1')].join('\n'),
      '/var/lib/dpkg/info/libc6:amd64.list': '/.\n/usr\n/usr/lib/x86_64-linux-gnu\n/usr/lib/x86_64-linux-gnu/libc.so.6\n',
      // a folder of the package is not a file of it; a listed path the view lacks does not count
      '/var/lib/dpkg/info/libcudnn9:amd64.list':
        '/usr/lib/x86_64-linux-gnu\n/usr/lib/x86_64-linux-gnu/libcudnn.so.9.0.0\n/usr/share/doc/libcudnn9/copyright\n/usr/lib/x86_64-linux-gnu/gone.so\n',
      '/var/lib/dpkg/info/meta.list': '/usr/share/doc/meta\n',
    },
  );
  const plan: ComposePlan = { ...basePlan, runtime: { mode: 'image', packages: { [AMD64]: [] }, files: { [AMD64]: [] } } };
  const removed = new Set([
    '/usr/lib/x86_64-linux-gnu/libcudnn.so.9.0.0',
    '/usr/share/doc/libcudnn9/copyright',
    '/usr/lib/python3/dist-packages/six-1.16.0.dist-info/METADATA',
  ]);
  const { input, summary } = planSbomInput({ image, created: 1, plan, platform: AMD64, views: { full, min: trimmedMin }, removed });
  expect(input.debs.map((d) => d.name)).toEqual(['libc6', 'meta']);
  expect(input.python).toEqual([]);
  expect(summary.trimmedPackages).toBe(1);
  // without a trim, nothing is left out and nothing is counted
  const whole = planSbomInput({ image, created: 1, plan, platform: AMD64, views: { full, min: trimmedMin } });
  expect(whole.input.debs.map((d) => d.name)).toEqual(['libc6', 'libcudnn9', 'meta']);
  expect(whole.summary.trimmedPackages).toBeUndefined();
});
