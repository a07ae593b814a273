import { planOutputs } from '../../src/outputs.js';
import type { Report } from '../../src/report-types.js';

const skipped: Report = {
  ok: true, tags: ['r.io/a:1'], digest: 'sha256:d', gpu: true, pushed: false, dryRun: false, skipped: true, composeKey: 'sha256:k',
  platforms: [{ platform: 'linux/amd64', size: 1234, uncompressedSize: 0, parts: [] }], sources: [], durations: {}, dockerfile: '',
};

test('a skipped run reports the existing image: digest, compressed size, key; nothing it does not know', () => {
  expect(planOutputs({ report: skipped })).toEqual({ digest: 'sha256:d', size: '1234', 'compose-key': 'sha256:k', skipped: 'true' });
});
