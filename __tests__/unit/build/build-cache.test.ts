import { planBuildCache, planPartSetId, planSeries, platformSlug } from '../../../src/build/build-cache.js';
import { parseSpec } from '../../../src/spec/spec.js';
import { type RawInputs } from '../../../src/spec/types.js';

const base: RawInputs = {
  'container-version': '24.01',
  backends: 'onnxruntime,python',
  tags: 'ghcr.io/acme/triton:24.01-onnx\nghcr.io/acme/triton:latest',
};
const ctx = { series: '24.01', platforms: ['linux/amd64'], localRoot: '/cache/buildkit' };
const set = planPartSetId(parseSpec(base));

test('the part set id ignores order and depends on every layer-changing choice', () => {
  expect(set).toMatch(/^[0-9a-f]{10}$/);
  expect(planPartSetId(parseSpec({ ...base, backends: 'python,onnxruntime' }))).toBe(set);
  expect(planPartSetId(parseSpec({ ...base, backends: 'python' }))).not.toBe(set);
  expect(planPartSetId(parseSpec({ ...base, user: 'triton-server' }))).not.toBe(set);
});

test('series: the release, or the full image digest for custom sources', () => {
  expect(planSeries(parseSpec(base), 'sha256:abc')).toBe('24.01');
  expect(planSeries(parseSpec({ 'full-image': 'r.io/t:f', 'min-image': 'r.io/t:m' }), 'sha256:0123456789abcdef')).toBe(
    'custom-0123456789ab',
  );
  expect(platformSlug(['linux/amd64', 'linux/arm64/v8'])).toBe('amd64_arm64-v8');
});

test.each<[string, RawInputs, typeof ctx & { haveLocal?: boolean }, unknown]>([
  [
    'none: only what the user gave',
    { ...base, 'cache-from': 'type=local,src=/a', 'cache-to': 'type=local,dest=/b' },
    ctx,
    { from: ['type=local,src=/a'], to: ['type=local,dest=/b'] },
  ],
  [
    'registry: own part set first, then the release; next to the first tag; exported once, then tagged as the release',
    { ...base, 'build-cache': 'registry' },
    ctx,
    {
      from: [
        `type=registry,ref=ghcr.io/acme/triton:buildcache-24.01-amd64-${set}`,
        'type=registry,ref=ghcr.io/acme/triton:buildcache-24.01-amd64',
      ],
      to: [`type=registry,ref=ghcr.io/acme/triton:buildcache-24.01-amd64-${set}`],
      alias: { from: `ghcr.io/acme/triton:buildcache-24.01-amd64-${set}`, to: 'ghcr.io/acme/triton:buildcache-24.01-amd64' },
    },
  ],
  [
    'registry with a port in the registry name',
    { ...base, tags: '127.0.0.1:5000/t/x:1', 'build-cache': 'registry' },
    { ...ctx, platforms: ['linux/amd64', 'linux/arm64'] },
    {
      from: [
        `type=registry,ref=127.0.0.1:5000/t/x:buildcache-24.01-amd64_arm64-${set}`,
        'type=registry,ref=127.0.0.1:5000/t/x:buildcache-24.01-amd64_arm64',
      ],
      to: [`type=registry,ref=127.0.0.1:5000/t/x:buildcache-24.01-amd64_arm64-${set}`],
      alias: { from: `127.0.0.1:5000/t/x:buildcache-24.01-amd64_arm64-${set}`, to: '127.0.0.1:5000/t/x:buildcache-24.01-amd64_arm64' },
    },
  ],
  [
    'gha: a scope per part set and one per release',
    { ...base, 'build-cache': 'gha' },
    ctx,
    {
      from: [`type=gha,scope=triton-compose-24.01-amd64-${set}`, 'type=gha,scope=triton-compose-24.01-amd64'],
      to: [`type=gha,scope=triton-compose-24.01-amd64-${set}`, 'type=gha,scope=triton-compose-24.01-amd64'],
    },
  ],
  [
    'local without a cache yet: export only',
    { ...base, 'build-cache': 'local' },
    ctx,
    {
      from: [],
      to: ['type=local,dest=/cache/buildkit/24.01-amd64.next'],
      local: { dir: '/cache/buildkit/24.01-amd64', next: '/cache/buildkit/24.01-amd64.next' },
    },
  ],
  [
    'actions with a restored cache: import and export to a fresh folder',
    { ...base, 'build-cache': 'actions' },
    { ...ctx, haveLocal: true },
    {
      from: ['type=local,src=/cache/buildkit/24.01-amd64'],
      to: ['type=local,dest=/cache/buildkit/24.01-amd64.next'],
      local: { dir: '/cache/buildkit/24.01-amd64', next: '/cache/buildkit/24.01-amd64.next' },
    },
  ],
])('%s', (_name, raw, c, expected) => {
  expect(planBuildCache(parseSpec(raw), c)).toEqual(expected);
});
