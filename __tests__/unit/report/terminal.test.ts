// The terminal table and --json, rendered in full for the recorded runs of summary.test.ts,
// and the units both renderers share.
import type { Report } from '../../../src/report/types.js';
import { formatBytes, formatDuration, renderJson, renderTerminal } from '../../../src/report/terminal.js';

import { onePart, manyParts, cpu, platforms, failure, text } from '../../helpers/reports.js';

const NOTE = 'Sizes in SI units: 1 kB = 1000 B, 1 MB = 10^6 B, 1 GB = 10^9 B.';

// eslint-disable-next-line no-control-regex
const ANSI = /\u001b/;

describe('renderTerminal', () => {
  it('renders a one-part result, leaving out what is not known', () => {
    expect(renderTerminal(onePart, { color: false })).toBe(
      text([
        'Triton compose succeeded',
        '  image      triton:local (not pushed)',
        '  image id   sha256:7d7d7d7d7d7d7d7d7d7d7d7d7d7d7d7d7d7d7d7d7d7d7d7d7d7d7d7d7d7d7d7d',
        '  release    24.01',
        '  variant    GPU',
        '  platform   linux/amd64',
        '',
        'linux/amd64',
        '  part   kind  compressed  uncompressed   share',
        '  base   base     58.2 MB      155.8 MB  100.0%  ████████████████████████',
        '  total           58.2 MB      155.8 MB',
        '',
        'build',
        '  build 850 ms',
        '',
        'run it',
        '  docker run --rm --gpus=all -p 8000:8000 -p 8001:8001 -p 8002:8002 -v "$PWD/model_repository:/models" triton:local tritonserver --model-repository=/models',
        '',
        NOTE,
      ]),
    );
  });

  it('renders many parts with the comparison and build facts', () => {
    expect(renderTerminal(manyParts, { color: false })).toBe(
      text([
        'Triton compose succeeded',
        '  image      ghcr.io/acme/tritonserver:24.01-onnx-python (pushed)',
        '             ghcr.io/acme/tritonserver:latest',
        '  digest     sha256:3f9a0c3f9a0c3f9a0c3f9a0c3f9a0c3f9a0c3f9a0c3f9a0c3f9a0c3f9a0c3f9a',
        '  release    24.01',
        '  variant    GPU',
        '  platform   linux/amd64',
        '  full       nvcr.io/nvidia/tritonserver:24.01-py3@sha256:9e9e9e9e9e9e…',
        '  min        nvcr.io/nvidia/tritonserver:24.01-py3-min@sha256:5c5c5c5c5c5c…',
        '',
        'linux/amd64',
        '  part          kind          compressed  uncompressed   share',
        '  base          base             58.2 MB      155.8 MB   64.1%  ████████████████',
        '  runtime-deps  runtime-deps      9.1 MB       31.3 MB   10.0%  ██▌',
        '  core          core              6.0 MB       19.0 MB    6.7%  █▋',
        '  onnxruntime   backend          14.4 MB       52.3 MB   15.8%  ████',
        '  python        backend           3.1 MB       11.0 MB    3.4%  ▉',
        '  total                          90.8 MB      269.4 MB',
        '',
        'result vs source images',
        '  result       90.8 MB  ██████████▏',
        '  min          58.2 MB  ██████▌',
        '  full        216.4 MB  ████████████████████████',
        '  saving         58.0%  of full (125.6 MB less to pull)',
        '',
        'build',
        '  resolve 1.2 s · build 2 min 5 s · push 14.3 s · total 2 min 21 s',
        '  cache 12 reused, 3 built · fetched 38.2 MB',
        '',
        'run it',
        '  docker run --rm --gpus=all -p 8000:8000 -p 8001:8001 -p 8002:8002 -v "$PWD/model_repository:/models" ghcr.io/acme/tritonserver@sha256:3f9a0c3f9a0c3f9a0c3f9a0c3f9a0c3f9a0c3f9a0c3f9a0c3f9a0c3f9a0c3f9a tritonserver --model-repository=/models',
        '',
        NOTE,
      ]),
    );
  });

  it('renders a CPU compose', () => {
    expect(renderTerminal(cpu, { color: false })).toBe(
      text([
        'Triton compose succeeded',
        '  image      registry.example.com/ml/triton-cpu:24.01 (pushed)',
        '  digest     sha256:c0ffeec0ffeec0ffeec0ffeec0ffeec0ffeec0ffeec0ffeec0ffeec0ffeec0ff',
        '  release    24.01',
        '  variant    CPU',
        '  platform   linux/amd64',
        '  full       nvcr.io/nvidia/tritonserver:24.01-py3@sha256:9e9e9e9e9e9e…',
        '  min        docker.io/library/ubuntu:22.04@sha256:e4e4e4e4e4e4…',
        '',
        'linux/amd64',
        '  part          kind          compressed  uncompressed   share',
        '  base          base             29.5 MB       77.9 MB   46.9%  ████████████████',
        '  runtime-deps  runtime-deps     12.5 MB       41.6 MB   19.8%  ██████▊',
        '  core          core              6.0 MB       19.0 MB    9.6%  ███▎',
        '  onnxruntime   backend          11.9 MB       41.0 MB   18.9%  ██████▌',
        '  python        backend           3.1 MB       11.0 MB    4.9%  █▋',
        '  total                          63.0 MB      190.4 MB',
        '',
        'result vs source images',
        '  result       63.0 MB  ███████',
        '  min          29.5 MB  ███▎',
        '  full        216.4 MB  ████████████████████████',
        '  saving         70.9%  of full (153.4 MB less to pull)',
        '',
        'build',
        '  resolve 930 ms · build 3 min 32 s · push 9.1 s · total 3 min 42 s',
        '  cache 0 reused, 9 built · fetched 241.9 MB',
        '',
        'run it',
        '  docker run --rm -p 8000:8000 -p 8001:8001 -p 8002:8002 -v "$PWD/model_repository:/models" registry.example.com/ml/triton-cpu@sha256:c0ffeec0ffeec0ffeec0ffeec0ffeec0ffeec0ffeec0ffeec0ffeec0ffeec0ff tritonserver --model-repository=/models',
        '',
        NOTE,
      ]),
    );
  });

  it('renders one table per platform and compares the first', () => {
    expect(renderTerminal(platforms, { color: false })).toBe(
      text([
        'Triton compose succeeded',
        '  image      ghcr.io/acme/tritonserver:24.01-python (pushed)',
        '  digest     sha256:ab12ab12ab12ab12ab12ab12ab12ab12ab12ab12ab12ab12ab12ab12ab12ab12',
        '  release    24.01',
        '  variant    GPU',
        '  platforms  linux/amd64, linux/arm64',
        '  full       nvcr.io/nvidia/tritonserver:24.01-py3@sha256:9e9e9e9e9e9e…',
        '  min        nvcr.io/nvidia/tritonserver:24.01-py3-min@sha256:5c5c5c5c5c5c…',
        '',
        'linux/amd64',
        '  part          kind          compressed  uncompressed   share',
        '  base          base             58.2 MB      155.8 MB   76.2%  ████████████████',
        '  runtime-deps  runtime-deps      9.1 MB       31.3 MB   11.9%  ██▌',
        '  core          core              6.0 MB       19.0 MB    7.9%  █▋',
        '  python        backend           3.1 MB       11.0 MB    4.0%  ▉',
        '  total                          76.4 MB      217.1 MB',
        '',
        'linux/arm64',
        '  part          kind          compressed  uncompressed   share',
        '  base          base             55.9 MB      149.4 MB   76.3%  ████████████████',
        '  runtime-deps  runtime-deps      8.7 MB       30.1 MB   11.9%  ██▌',
        '  core          core              5.7 MB       18.0 MB    7.8%  █▋',
        '  python        backend           3.0 MB       10.6 MB    4.0%  ▉',
        '  total                          73.3 MB      208.2 MB',
        '',
        'result vs source images (linux/amd64)',
        '  result       76.4 MB  ████████▌',
        '  min          58.2 MB  ██████▌',
        '  full        216.4 MB  ████████████████████████',
        '  saving         64.7%  of full (140.0 MB less to pull)',
        '',
        'build',
        '  resolve 2.3 s · build 5 min 2 s · push 21.9 s · total 5 min 26 s',
        '  cache 18 reused, 4 built',
        '',
        'run it',
        '  docker run --rm --gpus=all -p 8000:8000 -p 8001:8001 -p 8002:8002 -v "$PWD/model_repository:/models" ghcr.io/acme/tritonserver@sha256:ab12ab12ab12ab12ab12ab12ab12ab12ab12ab12ab12ab12ab12ab12ab12ab12 tritonserver --model-repository=/models',
        '',
        NOTE,
      ]),
    );
  });

  it('renders a failure: what failed, the log tail, and only the sizes known', () => {
    expect(renderTerminal(failure, { color: false })).toBe(
      text([
        'Triton compose failed',
        '  image      ghcr.io/acme/tritonserver:24.01-trt',
        '  release    24.01',
        '  variant    GPU',
        '  full       nvcr.io/nvidia/tritonserver:24.01-py3@sha256:9e9e9e9e9e9e…',
        '  min        nvcr.io/nvidia/tritonserver:24.01-py3-min@sha256:5c5c5c5c5c5c…',
        '  error      docker buildx build exited with code 1: "/opt/tritonserver/backends/tensorrt": not found',
        '',
        'last 4 lines of the build log',
        '  │ #12 [stage-1 3/3] COPY --link --from=full /opt/tritonserver/backends/tensorrt /opt/tritonserver/backends/tensorrt',
        '  │ #12 ERROR: failed to calculate checksum of ref 6a0f: "/opt/tritonserver/backends/tensorrt": not found',
        '  │ ------',
        '  │ ERROR: failed to solve: failed to compute cache key: "/opt/tritonserver/backends/tensorrt": not found',
        '',
        'source images',
        '  min          58.2 MB  ██████▌',
        '  full        216.4 MB  ████████████████████████',
        '',
        'build',
        '  resolve 2.1 s · build 48.9 s · total 51.0 s',
        '',
        NOTE,
      ]),
    );
  });
});

describe('renderTerminal colour and width', () => {
  const all = [onePart, manyParts, cpu, platforms, failure];

  it('writes no escape codes at all without colour, even from user text', () => {
    const evil: Report = {
      ...failure,
      tags: ['\x1b[2Jx:\x1b]8;;http://e\x07t\x1b]8;;\x07'],
      error: '\x1b[31mboom\x1b[0m\r\nsecond line',
      logTail: ['\x1b[1m#5\x1b[0m DONE\x9b', 'tab\there'],
    };
    for (const r of [...all, evil]) expect(renderTerminal(r, { color: false })).not.toMatch(ANSI);
    const out = renderTerminal(evil, { color: false });
    expect(out).toContain('  image      x:t\n');
    expect(out).toContain('  error      boom second line\n');
    expect(out).toContain('  │ #5 DONE\n  │ tab\there\n');
  });

  it('colours only by adding SGR codes around the same text', () => {
    const coloured = renderTerminal(manyParts, { color: true });
    expect(coloured).toMatch(ANSI);
    expect(coloured.split('\n')[0]).toBe('\x1b[1mTriton compose\x1b[0m \x1b[1;32msucceeded\x1b[0m');
    // eslint-disable-next-line no-control-regex
    expect(coloured.replace(/\u001b\[[0-9;]*m/g, '')).toBe(renderTerminal(manyParts, { color: false }));
  });

  it('shrinks bars to the width, and leaves them out when there is no room', () => {
    const narrow = renderTerminal(onePart, { color: false, width: 60 });
    expect(narrow).toContain('\n  base   base     58.2 MB      155.8 MB  100.0%  ███████████\n');
    const tiny = renderTerminal(manyParts, { color: false, width: 40 });
    expect(tiny).toContain('\n  base          base             58.2 MB      155.8 MB   64.1%\n');
    expect(tiny).toContain('\n  full        216.4 MB  ████████████████\n');
  });
});

describe('renderJson', () => {
  it('orders keys as report-types.ts does, whatever the build order, with 2-space indent and a newline', () => {
    const scrambled = {
      dockerfile: 'FROM x\n',
      durations: { push: 3, resolve: 1 },
      sources: [{ size: 2, ref: 'r', role: 'min' }],
      platforms: [
        {
          parts: [{ uncompressedSize: 4, size: 3, digests: ['d'], kind: 'core', name: 'core' }],
          uncompressedSize: 4,
          size: 3,
          platform: 'linux/amd64',
        },
      ],
      dryRun: false,
      pushed: false,
      gpu: false,
      digest: undefined,
      tags: ['t'],
      ok: true,
    } as Report;
    expect(renderJson(scrambled)).toBe(
      text([
        '{',
        '  "ok": true,',
        '  "tags": [',
        '    "t"',
        '  ],',
        '  "gpu": false,',
        '  "pushed": false,',
        '  "dryRun": false,',
        '  "platforms": [',
        '    {',
        '      "platform": "linux/amd64",',
        '      "size": 3,',
        '      "uncompressedSize": 4,',
        '      "parts": [',
        '        {',
        '          "name": "core",',
        '          "kind": "core",',
        '          "digests": [',
        '            "d"',
        '          ],',
        '          "size": 3,',
        '          "uncompressedSize": 4',
        '        }',
        '      ]',
        '    }',
        '  ],',
        '  "sources": [',
        '    {',
        '      "role": "min",',
        '      "ref": "r",',
        '      "size": 2',
        '    }',
        '  ],',
        '  "durations": {',
        '    "resolve": 1,',
        '    "push": 3',
        '  },',
        '  "dockerfile": "FROM x\\n"',
        '}',
      ]),
    );
  });

  it('keeps every field, so the JSON reads back as the report', () => {
    for (const r of [manyParts, failure, platforms]) expect(JSON.parse(renderJson(r))).toEqual(r);
  });
});

describe('formatBytes', () => {
  it.each([
    [0, '0 B'],
    [999, '999 B'],
    [1_000, '1.0 kB'],
    [58_213_304, '58.2 MB'],
    [999_960, '1.0 MB'],
    [216_436_210, '216.4 MB'],
    [7_340_032_000, '7.3 GB'],
    [-1_500, '-1.5 kB'],
  ])('%d bytes is %s', (n, s) => expect(formatBytes(n)).toBe(s));
});

describe('formatDuration', () => {
  it.each([
    [0, '0 ms'],
    [850, '850 ms'],
    [999.6, '1.0 s'],
    [1_240, '1.2 s'],
    [59_960, '1 min'],
    [125_310, '2 min 5 s'],
    [3_600_000, '1 h'],
    [3_785_000, '1 h 3 min'],
  ])('%d ms is %s', (ms, s) => expect(formatDuration(ms)).toBe(s));
});

describe('the build lines of the terminal report', () => {
  it('names who wrote the image', () => {
    const direct = renderTerminal(
      { ...onePart, durations: { resolve: 300, assemble: 1_500 }, assembly: { mode: 'direct', reason: 'x' }, uploaded: 2_000 },
      { color: false },
    );
    expect(direct).toContain(
      "\nbuild\n  resolve 300 ms · assemble 1.5 s · total 1.8 s\n  built by written directly to the registry (no engine, no BuildKit; min's layers never pulled); 2.0 kB uploaded\n",
    );
    const buildx = renderTerminal({ ...onePart, assembly: { mode: 'buildx', reason: 'assembly: buildx' } }, { color: false });
    expect(buildx).toContain('  built by Buildx (assembly: buildx)\n');
  });
});
