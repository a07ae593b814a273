// `triton-compose releases`: the rows, their text, JSON and Markdown renderings, the arguments.
import { planReleaseFacts, planTableFacts, runReleases } from '../../../src/cli/releases.js';
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
  const run = async (argv: string[]) => {
    const out: string[] = [];
    const err: string[] = [];
    let registries = 0;
    const code = await runReleases(argv, {
      out: (t) => out.push(t),
      err: (t) => err.push(t),
      createRegistry: () => {
        registries++;
        throw new Error('no registry in unit tests');
      },
      cacheDir: '/nowhere',
    });
    return { code, out: out.join(''), err: err.join(''), registries };
  };
  test('text by default, JSON with --json; no registry asked', async () => {
    expect(await run([])).toEqual({ code: 0, out: renderReleasesText(rows), err: '', registries: 0 });
    expect(await run(['--json'])).toEqual({ code: 0, out: renderReleasesJson(rows), err: '', registries: 0 });
  });
  test('help names both forms', async () => {
    const help = (await run(['--help'])).out;
    expect(help).toContain('Usage: npx triton-compose releases [--json]');
    expect(help).toContain('npx triton-compose releases --container-version YY.MM [--full-image REF --min-image REF]');
  });
  test('flags a compose takes but releases does not are refused, before any registry', async () => {
    expect(await run(['--container-version', '26.08', '--backends', 'python'])).toEqual({
      code: 2,
      out: '',
      err: 'error: releases: "--backends": unexpected argument; releases takes only --json, --container-version, --full-image, --min-image, --platforms, --image\n',
      registries: 0,
    });
    expect((await run(['extra'])).err).toBe(
      'error: releases: "extra": unexpected argument (only flags are taken; repeat a flag for several values); see --help\n',
    );
  });
  test('the images are checked as a compose checks them', async () => {
    expect((await run(['--container-version', '26.8'])).err).toBe(
      'error: releases: container-version: "26.8" is not a release: use YY.MM, e.g. 24.01\n',
    );
    expect((await run(['--full-image', 'r/full:1'])).err).toBe(
      'error: releases: min-image: give container-version, or both full-image and min-image\n',
    );
    expect((await run(['--image', 'full,r/full:1'])).err).toBe('error: releases: --image: give both --image full,… and --image min,…\n');
    expect((await run(['--container-version', '26.08', '--platforms', 'linux/amd64,linux/arm64'])).err).toBe(
      'error: releases: platforms: releases reads one platform at a time\n',
    );
  });
  test('images that cannot be read: exit 1, both named', async () => {
    expect(await run(['--container-version', '26.08', '--platforms', 'linux/amd64'])).toEqual({
      code: 1,
      out: '',
      err: 'error: releases: cannot read the images nvcr.io/nvidia/tritonserver:26.08-py3 and nvcr.io/nvidia/tritonserver:26.08-py3-min (linux/amd64): no registry in unit tests\n',
      registries: 1,
    });
  });
});

test('the table facts of one release: the row, with the agents and caches every release ships; null for one it does not know', () => {
  expect(planTableFacts('26.08')).toEqual({
    version: '26.08',
    triton: '2.72.0',
    ubuntu: '24.04',
    python: '3.12',
    cudaMajor: 13,
    dcgm: '4.6.1-1',
    backends: ['dali', 'fil', 'identity', 'onnxruntime', 'openvino', 'python', 'pytorch', 'repeat', 'square', 'tensorrt'],
    branch: 'r26.08',
    repoagents: ['checksum'],
    caches: ['local', 'redis'],
  });
  expect(planTableFacts('27.01')).toBeNull();
});
