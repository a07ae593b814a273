import { planRunCommand, sbomLine } from '../../../src/report/format.js';
import type { Report } from '../../../src/report/types.js';

const base: Report = {
  ok: true,
  tags: [],
  gpu: true,
  pushed: false,
  dryRun: false,
  platforms: [],
  sources: [],
  durations: {},
  dockerfile: '',
};
const D = `sha256:${'ab'.repeat(32)}`;
const tail = 'tritonserver --model-repository=/models';
const ports = '-p 8000:8000 -p 8001:8001 -p 8002:8002 -v "$PWD/model_repository:/models"';

test.each<[string, Partial<Report>, string | undefined]>([
  [
    'pushed: the repository pinned by digest',
    { tags: ['ghcr.io/a/t:1', 'ghcr.io/a/t:latest'], digest: D, pushed: true },
    `docker run --rm --gpus=all ${ports} ghcr.io/a/t@${D} ${tail}`,
  ],
  [
    'a registry with a port',
    { tags: ['127.0.0.1:5000/a/t:1'], digest: D, pushed: true },
    `docker run --rm --gpus=all ${ports} 127.0.0.1:5000/a/t@${D} ${tail}`,
  ],
  [
    'up to date: pinned too',
    { tags: ['ghcr.io/a/t:1'], digest: D, skipped: true },
    `docker run --rm --gpus=all ${ports} ghcr.io/a/t@${D} ${tail}`,
  ],
  ['loaded, not pushed: the tag', { tags: ['triton:local'], imageId: D }, `docker run --rm --gpus=all ${ports} triton:local ${tail}`],
  ['untagged load: the image ID', { imageId: D, gpu: false }, `docker run --rm ${ports} ${D} ${tail}`],
  ['a dry run: nothing to run', { tags: ['ghcr.io/a/t:1'], dryRun: true }, undefined],
  ['a failure: nothing to run', { tags: ['ghcr.io/a/t:1'], ok: false }, undefined],
  ['nothing named: nothing to run', {}, undefined],
])('%s', (_why, over, expected) => {
  expect(planRunCommand({ ...base, ...over })).toBe(expected);
});

test.each<[string, Report['sbom'], string | undefined]>([
  ['no SBOM', undefined, undefined],
  [
    'written, not attached',
    { packages: 120, distributions: 3, fullPackages: 410, fullDistributions: 57 },
    'SBOM: 120 Debian packages and 3 Python distributions (the full image has 410 and 57)',
  ],
  [
    'attached to the pushed image',
    { packages: 120, distributions: 3, fullPackages: 410, fullDistributions: 57, referrer: 'sha256:ab' },
    'SBOM: 120 Debian packages and 3 Python distributions (the full image has 410 and 57); attached to the image as sha256:ab',
  ],
  [
    'after a trim that dropped every file of some packages',
    { packages: 110, distributions: 3, fullPackages: 410, fullDistributions: 57, trimmedPackages: 10 },
    "SBOM: 110 Debian packages and 3 Python distributions (the full image has 410 and 57, 10 of min's left out: the trim dropped all their files)",
  ],
])('the SBOM line: %s', (_why, sbom, expected) => {
  expect(sbomLine({ ...base, ...(sbom ? { sbom } : {}) })).toBe(expected);
});
