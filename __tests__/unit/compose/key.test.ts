import { planComposeKey, planKeyAnnotations } from '../../../src/compose/key.js';
import { parseSourceDateEpoch, planSourceDateEpoch } from '../../../src/compose/source-date-epoch.js';
import { parseSpec } from '../../../src/spec/spec.js';
import { type RawInputs } from '../../../src/spec/types.js';

const base: RawInputs = { 'container-version': '24.01', backends: 'onnxruntime,python', tags: 'r.io/a:1' };
const input = { version: '0.1.0', sources: { full: 'sha256:f', min: 'sha256:m' }, platforms: ['linux/amd64'], sourceDateEpoch: 1704067200 };
const key = planComposeKey(parseSpec(base), input);

test('the same compose gives the same key, whatever the order or the tags', () => {
  expect(key).toMatch(/^sha256:[0-9a-f]{64}$/);
  expect(planComposeKey(parseSpec({ ...base, backends: 'python,onnxruntime', tags: 'r.io/b:2' }), input)).toBe(key);
});

test.each<[string, RawInputs, Partial<typeof input>]>([
  ['another part', { ...base, backends: 'onnxruntime' }, {}],
  ['another full image', base, { sources: { full: 'sha256:g', min: 'sha256:m' } }],
  ['another min image', base, { sources: { full: 'sha256:f', min: 'sha256:n' } }],
  ['another tool version', base, { version: '0.2.0' }],
  ['another timestamp', base, { sourceDateEpoch: 1 }],
  ['another platform', base, { platforms: ['linux/arm64'] }],
  ['a label', { ...base, labels: 'a=b' }, {}],
  ['provenance', { ...base, provenance: 'mode=max' }, {}],
  ['the user', { ...base, user: 'triton-server' }, {}],
  ['a compression level other than the default', { ...base, 'compression-level': '1' }, {}],
])('%s changes the key', (_name, raw, change) => {
  expect(planComposeKey(parseSpec(raw), { ...input, ...change })).not.toBe(key);
});

test("add's files change the key; a compose without add keeps the key it had", () => {
  expect(planComposeKey(parseSpec(base), { ...input, added: [] })).toBe(key);
  const one = planComposeKey(parseSpec({ ...base, add: 'm:/models' }), { ...input, added: ['sha256:a'] });
  expect(one).not.toBe(key);
  expect(planComposeKey(parseSpec({ ...base, add: 'm:/models' }), { ...input, added: ['sha256:b'] })).not.toBe(one);
});

test('compression-level 6, the default, keeps the key of a compose that did not give it', () => {
  expect(planComposeKey(parseSpec({ ...base, 'compression-level': '6' }), input)).toBe(key);
});

test('zstd and its level are in the key; gzip at the default level keeps the key it had', () => {
  const bx: RawInputs = { ...base, assembly: 'buildx' };
  const gzip = planComposeKey(parseSpec(bx), input);
  expect(planComposeKey(parseSpec({ ...bx, 'layer-compression': 'gzip', 'compression-level': '6' }), input)).toBe(gzip);
  const zstd = planComposeKey(parseSpec({ ...bx, 'layer-compression': 'zstd' }), input);
  expect(zstd).not.toBe(gzip);
  expect(planComposeKey(parseSpec({ ...bx, 'layer-compression': 'zstd', 'compression-level': '3' }), input)).toBe(zstd);
  expect(planComposeKey(parseSpec({ ...bx, 'layer-compression': 'zstd', 'compression-level': '6' }), input)).not.toBe(zstd);
});

test('the key goes on every manifest, and on the index when there is one', () => {
  expect(planKeyAnnotations('sha256:k', ['linux/amd64'])).toEqual(['manifest:io.github.triton-compose.key=sha256:k']);
  expect(planKeyAnnotations('sha256:k', ['linux/amd64', 'linux/arm64'])).toEqual([
    'manifest:io.github.triton-compose.key=sha256:k',
    'index:io.github.triton-compose.key=sha256:k',
  ]);
});

test('SOURCE_DATE_EPOCH: the full image creation time, or the environment', () => {
  expect(planSourceDateEpoch('2024-01-01T00:00:00Z')).toBe(1704067200);
  expect(planSourceDateEpoch(undefined)).toBe(0);
  expect(planSourceDateEpoch('not a date')).toBe(0);
  expect(parseSourceDateEpoch(' 1700000000 ')).toBe(1700000000);
  expect(parseSourceDateEpoch('')).toBeUndefined();
  expect(() => parseSourceDateEpoch('yesterday')).toThrow(
    'SOURCE_DATE_EPOCH: "yesterday" is not a number of seconds since 1970 (e.g. 1700000000)',
  );
});

test("a part's source and that source's digest change the key; a compose without sources keeps the key it had", () => {
  const raw = { ...base, sources: 'vendor=r.io/v:1', backends: 'onnxruntime,python@vendor' };
  const withSource = { ...input, sources: { ...input.sources, extra: { vendor: 'sha256:v' } } };
  const one = planComposeKey(parseSpec(raw), withSource);
  expect(one).not.toBe(key);
  expect(planComposeKey(parseSpec(raw), { ...input, sources: { ...input.sources, extra: { vendor: 'sha256:w' } } })).not.toBe(one);
  expect(planComposeKey(parseSpec({ ...raw, backends: 'onnxruntime@vendor,python' }), withSource)).not.toBe(one);
  // a declared source no part names is not read and does not count
  expect(planComposeKey(parseSpec({ ...base, sources: 'vendor=r.io/v:1' }), input)).toBe(key);
});

test('python-packages and prefer are in the key', () => {
  const raw = { ...base, sources: 'v=r.io/v:1', 'python-packages': 'x@v' };
  const withSource = { ...input, sources: { ...input.sources, extra: { v: 'sha256:v' } } };
  const one = planComposeKey(parseSpec(raw), withSource);
  expect(planComposeKey(parseSpec({ ...raw, 'python-packages': 'x@v\ny' }), withSource)).not.toBe(one);
  expect(planComposeKey(parseSpec({ ...raw, prefer: 'v' }), withSource)).not.toBe(one);
});
