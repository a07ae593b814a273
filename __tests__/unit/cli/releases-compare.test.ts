// One release's table facts beside its images' facts: which facts disagree, and the text and
// JSON renderings, exactly.
import { planTableFacts } from '../../../src/cli/releases.js';
import { type ReleaseComparison, planMismatches, renderComparisonJson, renderComparisonText } from '../../../src/cli/releases-compare.js';
import type { ReleaseImageFacts } from '../../../src/plan/release-image.js';

const BACKENDS = ['dali', 'fil', 'identity', 'onnxruntime', 'openvino', 'python', 'pytorch', 'repeat', 'square', 'tensorrt'];
const table = planTableFacts('26.08')!;
const agreeing: ReleaseImageFacts = {
  release: '26.08',
  triton: '2.72.0',
  ubuntu: '24.04',
  python: '3.12',
  cuda: '13.0.2.006',
  dcgm: '4.6.1-1',
  gpu: true,
  backends: BACKENDS,
  repoagents: ['checksum'],
  caches: ['local', 'redis'],
};
const images = { full: 'r/tritonserver:26.08-py3@sha256:aa', min: 'r/tritonserver:26.08-py3-min@sha256:bb' };
const known = { first: '24.01', last: '26.08' };

function comparison(image: ReleaseImageFacts, version = '26.08'): ReleaseComparison {
  const t = planTableFacts(version);
  return { version, platform: 'linux/amd64', images, table: t, image, mismatches: t ? planMismatches(t, image) : [], known };
}

test('an image that agrees: no mismatch (CUDA by its major, lists as sets)', () => {
  expect(planMismatches(table, agreeing)).toEqual([]);
  expect(planMismatches(table, { ...agreeing, backends: [...BACKENDS].reverse(), caches: ['redis', 'local'] })).toEqual([]);
});

test('each fact that differs, with both values; a fact the image does not tell differs too', () => {
  const image: ReleaseImageFacts = {
    ...agreeing,
    dcgm: undefined,
    triton: '2.72.1',
    cuda: '12.9.1.010',
    backends: ['python', 'pytorch'],
    gpu: false,
  };
  expect(planMismatches(table, image)).toEqual([
    { fact: 'triton', table: '2.72.0', image: '2.72.1' },
    { fact: 'cuda', table: 13, image: '12.9.1.010' },
    { fact: 'dcgm', table: '4.6.1-1', image: null },
    { fact: 'backends', table: BACKENDS, image: ['python', 'pytorch'] },
  ]);
});

test('text: the table beside the image, each disagreement marked ≠ and summed up', () => {
  const image: ReleaseImageFacts = { ...agreeing, dcgm: '4.6.2-1', backends: ['python', 'pytorch'], repoagents: [] };
  expect(renderComparisonText(comparison(image))).toBe(
    [
      '26.08 on linux/amd64, read from its images:',
      '  full  r/tritonserver:26.08-py3@sha256:aa',
      '  min   r/tritonserver:26.08-py3-min@sha256:bb',
      '',
      '   fact        table (r26.08)                                                                image',
      '   release     26.08                                                                         26.08',
      '   Triton      2.72.0                                                                        2.72.0',
      '   Ubuntu      24.04                                                                         24.04',
      '   Python      3.12                                                                          3.12',
      '   CUDA        13                                                                            13.0.2.006',
      '≠  DCGM        4.6.1-1                                                                       4.6.2-1',
      '   GPU                                                                                       yes',
      '≠  backends    dali fil identity onnxruntime openvino python pytorch repeat square tensorrt  python pytorch',
      '≠  repoagents  checksum                                                                      (none)',
      '   caches      local redis                                                                   local redis',
      '',
      '≠: the images and the table disagree on 3 facts: DCGM, backends, repoagents.',
      '',
    ].join('\n'),
  );
});

test('text: an image that agrees says so', () => {
  const text = renderComparisonText(comparison(agreeing));
  expect(text.split('\n').slice(-3)).toEqual(['', 'The images agree with the table on every fact.', '']);
  expect(text).not.toContain('≠');
});

test('text: a release the table does not know, the images alone, a missing fact as —', () => {
  const image = { ...agreeing, release: '27.01', triton: '2.77.0', cuda: '13.1.1.004', python: undefined };
  expect(renderComparisonText({ ...comparison(image, '27.01'), images: { full: 'f@sha256:cc', min: 'm@sha256:dd' } })).toBe(
    [
      '27.01 on linux/amd64, read from its images:',
      '  full  f@sha256:cc',
      '  min   m@sha256:dd',
      '',
      "27.01 is not in the release table (24.01 … 26.08): the images' facts alone, as a compose would take them.",
      '',
      'fact        image',
      'release     27.01',
      'Triton      2.77.0',
      'Ubuntu      24.04',
      'Python      —',
      'CUDA        13.1.1.004',
      'DCGM        4.6.1-1',
      'GPU         yes',
      'backends    dali fil identity onnxruntime openvino python pytorch repeat square tensorrt',
      'repoagents  checksum',
      'caches      local redis',
      '',
    ].join('\n'),
  );
});

test('JSON: table, image and mismatches; table null for a release the table does not know', () => {
  const image = { ...agreeing, triton: '2.72.1' };
  expect(JSON.parse(renderComparisonJson(comparison(image)))).toEqual({
    version: '26.08',
    platform: 'linux/amd64',
    images,
    known: true,
    table,
    image,
    mismatches: [{ fact: 'triton', table: '2.72.0', image: '2.72.1' }],
  });
  const unknown = JSON.parse(renderComparisonJson(comparison({ ...agreeing, release: '27.01' }, '27.01')));
  expect([unknown.known, unknown.table, unknown.mismatches, unknown.image.release]).toEqual([false, null, [], '27.01']);
});
