// What trim: needed counts as copied from full: the server, the parts and the runtime files,
// whichever way the runtime comes.
import { planCopied } from '../../../../src/compose/stages/trim.js';
import type { ImageView, ViewEntry } from '../../../../src/layer/contents.js';
import type { ComposePlan } from '../../../../src/plan/types.js';

const entry = (path: string): [string, ViewEntry] => [path, { path, type: 'file', size: 1, mode: 0o644, uid: 0, gid: 0, layer: 0 }];
const view = (paths: string[]): ImageView => ({ entries: new Map(paths.map(entry)), captured: new Map() });

const base = {
  gpu: true,
  platforms: ['linux/amd64'],
  sources: { full: 'r/full@sha256:1', min: 'r/min@sha256:2' },
  env: [],
  labels: [],
  core: ['/opt/tritonserver/bin', '/opt/tritonserver/lib'],
  parts: [{ name: 'python', kind: 'backend' as const, path: '/opt/tritonserver/backends/python' }],
  serve: false,
};

test('with the runtime from the image: the files the plan names for the platform', () => {
  const plan: ComposePlan = {
    ...base,
    runtime: { mode: 'image', packages: {}, files: { 'linux/amd64': ['/usr/lib/x86_64-linux-gnu/libgomp.so.1'] } },
  };
  const views = { full: view([]), min: view([]) };
  expect(planCopied(plan, 'linux/amd64', views)).toEqual([
    '/opt/tritonserver/bin',
    '/opt/tritonserver/lib',
    '/opt/tritonserver/backends/python',
    '/usr/lib/x86_64-linux-gnu/libgomp.so.1',
  ]);
  expect(planCopied(plan, 'linux/arm64', views)).toEqual([
    '/opt/tritonserver/bin',
    '/opt/tritonserver/lib',
    '/opt/tritonserver/backends/python',
  ]);
});

test("with apt: every path of full that min lacks, outside the server's folder, stands in for what the packages install", () => {
  const plan: ComposePlan = {
    ...base,
    runtime: {
      mode: 'apt',
      packages: ['libgomp1'],
      archPackages: {},
      pip: [],
      dcgm: [],
      nvshmem: [],
      keyrings: {},
      loaderConfs: [],
      cudaCompat: false,
      breakSystemPackages: false,
      removedUsers: [],
      owner: '1000:1000',
    },
  };
  const views = {
    full: view(['/usr/lib/libc.so.6', '/usr/lib/libgomp.so.1', '/opt/tritonserver/backends/pytorch/libtorch.so', '/usr/bin/python3']),
    min: view(['/usr/lib/libc.so.6']),
  };
  expect(planCopied(plan, 'linux/amd64', views)).toEqual([
    '/opt/tritonserver/bin',
    '/opt/tritonserver/lib',
    '/opt/tritonserver/backends/python',
    '/usr/lib/libgomp.so.1',
    '/usr/bin/python3',
  ]);
});
