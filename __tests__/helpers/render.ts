// Renders a fixture release's Dockerfile as the Dockerfile tests need it: the planner and the
// renderer over the in-memory fixture sources (GPU, or CPU-only on the Ubuntu base), one platform.
import { renderDockerfile } from '../../src/build/dockerfile.js';
import { planCompose } from '../../src/plan/plan.js';
import { RELEASES } from '../../src/spec/releases.js';
import { parseSpec } from '../../src/spec/spec.js';
import { fixtureSources } from './sources.js';

const P = ['linux/amd64'];

export function render(version: string, gpu: boolean, backends: string, extra: Record<string, string> = {}) {
  const release = RELEASES.find((r) => r.version === version);
  if (!release) throw new Error(version);
  const era = release.era === 'jammy' ? '24.01' : '25.01';
  const sources = fixtureSources(era, gpu, release);
  const spec = parseSpec({
    'container-version': version,
    backends,
    gpu: String(gpu),
    source: 'buildkit',
    ...(gpu
      ? {}
      : {
          'full-image': `registry.test:5000/tritonserver:${version}-cpu-only-py3`,
          'min-image': `registry.test:5000/ubuntu:${release.era === 'jammy' ? '22.04' : '24.04'}`,
        }),
    ...extra,
  });
  return renderDockerfile(planCompose(spec, sources, P), '0.1.0');
}
