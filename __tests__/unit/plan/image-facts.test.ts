import { planImageFacts, planPackageName } from '../../../src/plan/image-facts.js';
import type { ImageView } from '../../../src/layer/contents.js';
import type { ImageConfig } from '../../../src/oci/types.js';

const stanza = (name: string, version: string, status = 'install ok installed') =>
  `Package: ${name}\nStatus: ${status}\nArchitecture: amd64\nVersion: ${version}\n`;

function image(env: string[], files: Record<string, string>): [ImageConfig, ImageView] {
  const config: ImageConfig = { architecture: 'amd64', os: 'linux', rootfs: { type: 'layers', diff_ids: [] }, config: { Env: env } };
  return [config, { entries: new Map(), captured: new Map(Object.entries(files)) }];
}

const noble = {
  '/etc/os-release': 'PRETTY_NAME="Ubuntu 24.04.1 LTS"\nNAME="Ubuntu"\nVERSION_ID="24.04"\nID=ubuntu\n',
  '/var/lib/dpkg/status': [
    stanza('python3', '3.12.3-0ubuntu2'),
    stanza('libpython3.12t64', '3.12.3-1ubuntu0.1'),
    stanza('libcurl4t64', '8.5.0-2ubuntu10.4'),
    stanza('libgoogle-perftools4t64', '2.15-3build1'),
    stanza('libb64-0d', '1.2-5build1'),
  ].join('\n'),
};

test('a noble GPU image: versions from the env, distribution and Python from the image', () => {
  const facts = planImageFacts(
    ...image(['TRITON_SERVER_VERSION=2.61.0', 'TRITON_SERVER_GPU_ENABLED=1', 'CUDA_VERSION=12.9.1.010', 'DCGM_VERSION=3.3.6'], noble),
  );
  expect({ ...facts, packages: facts.packages.size }).toEqual({
    triton: '2.61.0',
    gpu: true,
    cuda: '12.9.1.010',
    dcgm: '3.3.6',
    os: { id: 'ubuntu', versionId: '24.04' },
    python: '3.12',
    packages: 5,
  });
});

test.each<[string, string[], Record<string, string>, Partial<ReturnType<typeof planImageFacts>>]>([
  ['the older name of the Triton version', ['NVIDIA_TRITON_SERVER_VERSION=24.01'], {}, { triton: '24.01', gpu: false }],
  ['no GPU flag: CUDA_VERSION decides', ['CUDA_VERSION=12.3.2'], {}, { gpu: true, cuda: '12.3.2' }],
  ['a GPU flag of 0 wins over CUDA_VERSION', ['TRITON_SERVER_GPU_ENABLED=0', 'CUDA_VERSION=12.3.2'], {}, { gpu: false, cuda: '12.3.2' }],
  ['a version with a newline is ignored', ['CUDA_VERSION=12.3\nRUN id', 'DCGM_VERSION=$(id)'], {}, { gpu: true }],
  ['os-release with a crafted ID is ignored', [], { '/etc/os-release': 'ID="ubuntu;id"\nVERSION_ID="24.04"\n' }, { gpu: false }],
  [
    'os-release under /usr/lib',
    [],
    { '/usr/lib/os-release': 'ID=debian\nVERSION_ID="13"\n' },
    { gpu: false, os: { id: 'debian', versionId: '13' } },
  ],
  [
    'os-release in single quotes',
    [],
    { '/etc/os-release': "ID='ubuntu'\nVERSION_ID='22.04'\n" },
    { gpu: false, os: { id: 'ubuntu', versionId: '22.04' } },
  ],
  ['os-release without VERSION_ID', [], { '/etc/os-release': 'ID=ubuntu\n' }, { gpu: false }],
  [
    'Python from libpython when python3 is not installed',
    [],
    {
      '/var/lib/dpkg/status': [stanza('python3', '3.10.6-1', 'deinstall ok config-files'), stanza('libpython3.10', '3.10.12-1')].join('\n'),
    },
    { gpu: false, python: '3.10' },
  ],
  ['a python3 version that is not one', [], { '/var/lib/dpkg/status': stanza('python3', 'x.y') }, { gpu: false }],
])('%s', (_why, env, files, expected) => {
  const facts: Partial<ReturnType<typeof planImageFacts>> = { ...planImageFacts(...image(env, files)) };
  delete facts.packages;
  expect(facts).toEqual(expected);
});

test.each<[string, string, string | undefined]>([
  ['the name as asked', 'libb64-0d', 'libb64-0d'],
  ['the t64 name of a jammy name', 'libcurl4', 'libcurl4t64'],
  ['a t64 name asked, the image has it', 'libgoogle-perftools4t64', 'libgoogle-perftools4t64'],
  ["libpython follows the image's Python", 'libpython3.10', 'libpython3.12t64'],
  ['missing under every name', 'libnuma1', undefined],
])('package name in the image: %s', (_why, asked, expected) => {
  const [config, view] = image([], noble);
  expect(planPackageName(planImageFacts(config, view), asked)).toBe(expected);
});

test('a jammy image keeps the old names', () => {
  const [config, view] = image([], {
    '/var/lib/dpkg/status': [stanza('libcurl4', '7.81.0-1'), stanza('libpython3.10', '3.10.12-1'), stanza('python3', '3.10.6-1')].join(
      '\n',
    ),
  });
  const facts = planImageFacts(config, view);
  expect([planPackageName(facts, 'libcurl4t64'), planPackageName(facts, 'libpython3.12t64')]).toEqual(['libcurl4', 'libpython3.10']);
});
