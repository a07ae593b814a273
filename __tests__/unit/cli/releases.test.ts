// `triton-compose releases`: the rows, their text, JSON and Markdown renderings, the arguments.
import { planReleaseFacts, runReleases } from '../../../src/cli/releases.js';
import { renderReleasesJson, renderReleasesMarkdown, renderReleasesText } from '../../../src/cli/releases-render.js';

const rows = planReleaseFacts();
const pick = (...versions: string[]) => rows.filter((r) => versions.includes(r.version));

test('one row per release of the table, 24.01 … 26.08', () => {
  expect(rows.length).toBe(32);
  expect([rows[0].version, rows[rows.length - 1].version]).toEqual(['24.01', '26.08']);
});

test('text: aligned columns, backends last', () => {
  expect(renderReleasesText(pick('24.10', '25.08'))).toBe(
    [
      'release  Triton  Ubuntu  Python  CUDA  DCGM     branch  backends',
      '24.10    2.51.0  22.04   3.10    12    3.2.6    r24.10  dali fil identity onnxruntime openvino python pytorch repeat square tensorflow tensorrt',
      '25.08    2.60.0  24.04   3.12    13    4.4.0-1  r25.08  dali fil identity onnxruntime openvino python pytorch repeat square tensorrt',
      '',
    ].join('\n'),
  );
});

test('JSON: {"releases": [...]} with every fact of a row', () => {
  expect(JSON.parse(renderReleasesJson(pick('24.02', '26.06')))).toEqual({
    releases: [
      {
        version: '24.02',
        triton: '2.43.0',
        ubuntu: '22.04',
        python: '3.10',
        cudaMajor: 12,
        dcgm: '3.2.6',
        backends: ['dali', 'fil', 'identity', 'openvino', 'python', 'pytorch', 'repeat', 'square', 'tensorflow', 'tensorrt'],
        branch: 'r24.02',
      },
      {
        version: '26.06',
        triton: '2.70.0',
        ubuntu: '24.04',
        python: '3.12',
        cudaMajor: 13,
        dcgm: '4.5.3-1',
        backends: ['dali', 'fil', 'identity', 'onnxruntime', 'openvino', 'python', 'pytorch', 'repeat', 'square', 'tensorrt'],
        branch: 'r26.06',
      },
    ],
  });
});

test('Markdown: a backend list equal to the row above is a ditto mark', () => {
  expect(renderReleasesMarkdown(pick('25.02', '25.03', '25.04'))).toBe(
    [
      '| release | Triton | Ubuntu / Python | CUDA | DCGM | backends | branch |',
      '|---|---|---|---|---|---|---|',
      '| 25.02 | 2.55.0 | 24.04 / 3.12 | 12 | 3.3.6 | dali, fil, identity, onnxruntime, openvino, python, pytorch, repeat, square, tensorflow, tensorrt | `r25.02` |',
      '| 25.03 | 2.56.0 | 24.04 / 3.12 | 12 | 3.3.6 | dali, fil, identity, onnxruntime, openvino, python, pytorch, repeat, square, tensorrt | `r25.03` |',
      '| 25.04 | 2.57.0 | 24.04 / 3.12 | 12 | 3.3.6 | 〃 | `r25.04` |',
      '',
    ].join('\n'),
  );
});

describe('runReleases', () => {
  const run = (argv: string[]) => {
    const out: string[] = [];
    const err: string[] = [];
    const code = runReleases(
      argv,
      (t) => out.push(t),
      (t) => err.push(t),
    );
    return { code, out: out.join(''), err: err.join('') };
  };
  test('text by default, JSON with --json', () => {
    expect(run([])).toEqual({ code: 0, out: renderReleasesText(rows), err: '' });
    expect(run(['--json'])).toEqual({ code: 0, out: renderReleasesJson(rows), err: '' });
  });
  test('help, and anything else refused', () => {
    expect(run(['--help']).out).toContain('Usage: npx triton-compose releases [--json]');
    expect(run(['--container-version', '24.01'])).toEqual({
      code: 2,
      out: '',
      err: 'error: releases: unexpected argument "--container-version"; it takes only --json\n',
    });
  });
});
