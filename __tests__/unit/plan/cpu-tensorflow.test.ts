import { plannedLayers } from '../../../src/build/result.js';
import { planCompose } from '../../../src/plan/plan.js';
import { planAssembly } from '../../../src/spec/assembly.js';
import { RELEASES } from '../../../src/spec/releases.js';
import { parseSpec } from '../../../src/spec/spec.js';
import { fixtureSources } from '../../helpers/sources.js';

const cpu = (version: string, backends: string) =>
  parseSpec({
    'container-version': version,
    gpu: 'false',
    backends,
    'full-image': `registry.test:5000/tritonserver:${version}-cpu-only-py3`,
    'min-image': 'registry.test:5000/ubuntu:22.04',
  });

test('a CPU-only tensorflow of 24.01 copies NCCL from the GPU min image, with Buildx', () => {
  const spec = cpu('24.01', 'tensorflow');
  expect(spec.images.gpuMin?.tag).toBe('24.01-py3-min');
  expect(planAssembly(spec).reason).toBe('a CPU-only tensorflow copies NCCL from gpu-min-image in a build step');
  const release = RELEASES.find((r) => r.version === '24.01');
  const plan = planCompose(spec, fixtureSources('24.01', false, release), ['linux/amd64']);
  expect(plan.cpuLibs).toEqual({
    amd64: [{ from: '/usr/lib/x86_64-linux-gnu/libnccl.so.2', to: '/usr/lib/x86_64-linux-gnu/libnccl.so.2' }],
  });
  // the copy is its own layer, named for what it is: CPU-only backend libraries, not PyTorch's
  expect(plannedLayers(plan).map((l) => l.name)).toEqual(['runtime-deps', 'core', 'cpu-libs', 'tensorflow', 'serve', 'workdir']);
});

test('a CPU-only tensorflow of 25.01 (noble, the last era with tensorflow) copies NCCL too, from the fixture as built', () => {
  const spec = parseSpec({
    'container-version': '25.01',
    gpu: 'false',
    backends: 'tensorflow',
    'full-image': 'registry.test:5000/tritonserver:25.01-cpu-only-py3',
    'min-image': 'registry.test:5000/ubuntu:24.04',
  });
  expect(spec.images.gpuMin?.tag).toBe('25.01-py3-min');
  const plan = planCompose(spec, fixtureSources('25.01', false), ['linux/amd64']);
  expect(plan.cpuLibs).toEqual({
    amd64: [{ from: '/usr/lib/x86_64-linux-gnu/libnccl.so.2', to: '/usr/lib/x86_64-linux-gnu/libnccl.so.2' }],
  });
});

test('with pytorch too, the PyTorch list (which holds NCCL) is the one copied', () => {
  const spec = cpu('24.01', 'tensorflow,pytorch');
  const release = RELEASES.find((r) => r.version === '24.01');
  const plan = planCompose(spec, fixtureSources('24.01', false, release), ['linux/amd64']);
  expect(plan.cpuLibs?.amd64.map((c) => c.to)).toContain('/usr/lib/x86_64-linux-gnu/libnccl.so.2');
  expect(plan.cpuLibs?.amd64.length).toBeGreaterThan(1);
});
