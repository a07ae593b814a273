import { parseBenchArgs, roundFits } from '../../../scripts/bench/args.js';
import { LOOPBACK } from '../../../scripts/lib/link.js';
import { planBaselineDockerfile } from '../../../scripts/bench/baseline.js';
import { planStaleImages } from '../../../scripts/bench/docker.js';
import { PROFILES, SCENARIOS, SMOKE, fixturesCommand, planCache, selectScenarios, skipReason } from '../../../scripts/bench/scenarios.js';

const HOSTED = { name: '100MB/s,20ms', down: 100e6, up: 100e6, rttMs: 20 };

describe('parseBenchArgs', () => {
  const cases: [string, string[], ReturnType<typeof parseBenchArgs> | string][] = [
    ['defaults', [], { profile: 'default', repeat: 3, out: 'bench-results', smoke: false, budgetSeconds: 900, links: [HOSTED] }],
    [
      'large, with = forms',
      ['--profile=large', '--repeat=2', '--out=/x'],
      { profile: 'large', repeat: 2, out: '/x', smoke: false, budgetSeconds: 3600, links: [HOSTED] },
    ],
    [
      'scenarios and budget',
      ['--scenarios', 'cold, matrix', '--budget', '60'],
      {
        profile: 'default',
        repeat: 3,
        out: 'bench-results',
        smoke: false,
        budgetSeconds: 60,
        links: [HOSTED],
        scenarios: ['cold', 'matrix'],
      },
    ],
    [
      'smoke runs once',
      ['--smoke', '--repeat', '5'],
      { profile: 'default', repeat: 1, out: 'bench-results', smoke: true, budgetSeconds: 900, links: [HOSTED] },
    ],
    [
      'scale: the real family at a quarter of NGC',
      ['--profile', 'scale'],
      { profile: 'scale', repeat: 3, out: 'bench-results', smoke: false, budgetSeconds: 3600, links: [HOSTED] },
    ],
    [
      'busybox',
      ['--profile', 'busybox'],
      { profile: 'busybox', repeat: 3, out: 'bench-results', smoke: false, budgetSeconds: 900, links: [HOSTED] },
    ],
    [
      'two links: each a column',
      ['--link', '200MB/s:50Mbit/s,35ms', '--link=loopback'],
      {
        profile: 'default',
        repeat: 3,
        out: 'bench-results',
        smoke: false,
        budgetSeconds: 900,
        links: [{ name: '200MB/s:6.25MB/s,35ms', down: 200e6, up: 6.25e6, rttMs: 35 }, LOOPBACK],
      },
    ],
    ['a link twice', ['--link', '100MB/s,20ms', '--link', '800Mbit/s,20ms'], '--link 100MB/s,20ms: given twice'],
    [
      'a link without latency',
      ['--link', '100MB/s'],
      '--link 100MB/s: use loopback or BANDWIDTH[:UPLOAD-BANDWIDTH],LATENCY, e.g. 100MB/s,20ms',
    ],
    ['a bad bandwidth', ['--link', '100mbps,20ms'], '--link 100mbps,20ms: "100mbps" is not a bandwidth'],
    ['a zero bandwidth', ['--link', '0MB/s,20ms'], '"0MB/s" is not a bandwidth'],
    ['a bad latency', ['--link', '1GB/s,fast'], '--link 1GB/s,fast: "fast" is not a latency: use e.g. 20ms (a round trip)'],
    ['three bandwidths', ['--link', '1GB/s:1GB/s:1GB/s,1ms'], '--link 1GB/s:1GB/s:1GB/s,1ms: at most two bandwidths, down:up'],
    ['bad profile', ['--profile', 'huge'], '--profile: "huge" is not a profile: use default, scale, busybox, large'],
    ['bad repeat', ['--repeat', '0'], '--repeat: "0" is not a whole number of at least 1'],
    ['missing value', ['--out'], '--out needs a value'],
    ['a flag is not a value', ['--out', '--smoke'], '--out needs a value'],
  ];
  test.each(cases)('%s', (_name, argv, expected) => {
    if (typeof expected === 'string') expect(() => parseBenchArgs(argv)).toThrow(expected);
    else expect(parseBenchArgs(argv)).toEqual(expected);
  });
  test('unknown flag', () => {
    expect(() => parseBenchArgs(['--fast'])).toThrow(/^--fast: unknown flag/);
  });
});

test.each([
  ['default', ['scripts/real-fixtures.ts', '--profile', 'bench'], 'real/tritonserver:24.01-py3-bench'],
  ['scale', ['scripts/real-fixtures.ts', '--profile', 'scale'], 'real/tritonserver:24.01-py3-scale'],
  ['busybox', ['scripts/fixtures.ts', '--profile', 'bench'], 'tritonserver:24.01-py3-bench'],
  ['large', ['scripts/fixtures.ts', '--profile', 'large'], 'tritonserver:24.01-py3-large'],
] as const)('profile %s: its fixtures command and full image', (name, command, full) => {
  expect(fixturesCommand(PROFILES[name])).toEqual(command);
  expect(PROFILES[name].full).toBe(full);
});

test.each([
  [0, [], 10, true],
  [100, [100], 200, true],
  [101, [100], 200, false],
  [150, [50, 100], 240, false],
])('roundFits(%p, %p, %p) = %p', (elapsed, rounds, budget, expected) => {
  expect(roundFits(elapsed, rounds, budget)).toBe(expected);
});

test('the cross-registry scenarios are measured against a baseline that pushes to another registry too', () => {
  const cross = SCENARIOS.filter((s) => s.otherRegistry);
  expect(cross.map((s) => [s.id, s.baseline])).toEqual([
    ['baseline-cross', undefined],
    ['selective-cold-cross', 'baseline-cross'],
    ['selective-warm-cross', 'baseline-cross'],
  ]);
  expect(selectScenarios(SCENARIOS, ['selective-cold-cross']).map((s) => s.id)).toEqual(['baseline-cross', 'selective-cold-cross']);
});

test('every action scenario names its source; the baselines have none', () => {
  const row = (s: (typeof SCENARIOS)[number]) => [
    s.id,
    s.tool,
    s.source,
    s.baseline,
    s.cache,
    s.warmIndex ?? false,
    s.partSets.length,
    s.requires,
    s.assembly,
    s.records,
    s.trim,
  ];
  expect(SCENARIOS.map(row)).toEqual([
    ['baseline', 'baseline', undefined, undefined, undefined, false, 1, undefined, undefined, undefined, undefined],
    ['cold', 'action', 'buildkit', 'baseline', undefined, false, 1, ['--source'], undefined, undefined, undefined],
    [
      'warm-registry',
      'action',
      'buildkit',
      'baseline',
      'registry',
      false,
      1,
      ['--cache-from', '--cache-to', '--source'],
      undefined,
      undefined,
      undefined,
    ],
    [
      'warm-local',
      'action',
      'buildkit',
      'baseline',
      'local',
      false,
      1,
      ['--cache-from', '--cache-to', '--source'],
      undefined,
      undefined,
      undefined,
    ],
    ['selective-cold', 'action', 'selective', 'baseline', undefined, false, 1, ['--source'], undefined, undefined, undefined],
    ['selective-warm', 'action', 'selective', 'baseline', undefined, true, 1, ['--source'], undefined, undefined, undefined],
    ['selective-rerun', 'action', 'selective', 'baseline', undefined, true, 1, ['--source'], undefined, true, undefined],
    // a fresh runner: the index repository holds what the tool cache would
    [
      'selective-fresh-runner',
      'action',
      'selective',
      'baseline',
      undefined,
      true,
      1,
      ['--source', '--index-repository'],
      undefined,
      undefined,
      undefined,
    ],
    [
      'selective-buildx',
      'action',
      'selective',
      'baseline',
      undefined,
      false,
      1,
      ['--source', '--assembly'],
      'buildx',
      undefined,
      undefined,
    ],
    ['selective-trim-safe', 'action', 'selective', 'baseline', undefined, true, 1, ['--source', '--trim'], undefined, undefined, 'safe'],
    [
      'selective-trim-needed',
      'action',
      'selective',
      'baseline',
      undefined,
      true,
      1,
      ['--source', '--trim'],
      undefined,
      undefined,
      'needed',
    ],
    ['baseline-cross', 'baseline', undefined, undefined, undefined, false, 1, undefined, undefined, undefined, undefined],
    ['selective-cold-cross', 'action', 'selective', 'baseline-cross', undefined, false, 1, ['--source'], undefined, undefined, undefined],
    ['selective-warm-cross', 'action', 'selective', 'baseline-cross', undefined, true, 1, ['--source'], undefined, undefined, undefined],
    ['matrix-baseline', 'baseline', undefined, undefined, undefined, false, 4, undefined, undefined, undefined, undefined],
    ['matrix', 'action', 'buildkit', 'matrix-baseline', undefined, false, 4, ['--source'], undefined, undefined, undefined],
    ['selective-matrix', 'action', 'selective', 'matrix-baseline', undefined, false, 4, ['--source'], undefined, undefined, undefined],
    [
      'selective-matrix-trim-safe',
      'action',
      'selective',
      'matrix-baseline',
      undefined,
      false,
      4,
      ['--source', '--trim'],
      undefined,
      undefined,
      'safe',
    ],
    [
      'selective-matrix-trim-needed',
      'action',
      'selective',
      'matrix-baseline',
      undefined,
      false,
      4,
      ['--source', '--trim'],
      undefined,
      undefined,
      'needed',
    ],
  ]);
  expect(SCENARIOS.find((s) => s.id === 'selective-matrix')!.partSets).toEqual(SCENARIOS.find((s) => s.id === 'matrix')!.partSets);
  expect(SMOKE.map(row)).toEqual([
    ['baseline', 'baseline', undefined, undefined, undefined, false, 1, undefined, undefined, undefined, undefined],
    ['selective-cold', 'action', 'selective', 'baseline', undefined, false, 1, ['--source'], undefined, undefined, undefined],
  ]);
});

test('selectScenarios adds the baselines the chosen ones are compared with, in table order', () => {
  expect(selectScenarios(SCENARIOS, ['matrix', 'warm-local']).map((s) => s.id)).toEqual([
    'baseline',
    'warm-local',
    'matrix-baseline',
    'matrix',
  ]);
  expect(selectScenarios(SCENARIOS, ['selective-matrix']).map((s) => s.id)).toEqual(['matrix-baseline', 'selective-matrix']);
  expect(selectScenarios(SCENARIOS, undefined).map((s) => s.id)).toEqual([
    'baseline',
    'cold',
    'warm-registry',
    'warm-local',
    'selective-cold',
    'selective-warm',
    'selective-rerun',
    'selective-fresh-runner',
    'selective-buildx',
    'selective-trim-safe',
    'selective-trim-needed',
    'baseline-cross',
    'selective-cold-cross',
    'selective-warm-cross',
    'matrix-baseline',
    'matrix',
    'selective-matrix',
    'selective-matrix-trim-safe',
    'selective-matrix-trim-needed',
  ]);
  expect(() => selectScenarios(SCENARIOS, ['cold', 'hot'])).toThrow(
    '--scenarios: unknown hot; known: baseline, cold, warm-registry, warm-local, selective-cold, selective-warm, selective-rerun, selective-fresh-runner, selective-buildx, selective-trim-safe, selective-trim-needed, baseline-cross, selective-cold-cross, selective-warm-cross, matrix-baseline, matrix, selective-matrix, selective-matrix-trim-safe, selective-matrix-trim-needed',
  );
});

test('skipReason reads the flags from --help', () => {
  const warm = SCENARIOS.find((s) => s.id === 'warm-local')!;
  const selective = SCENARIOS.find((s) => s.id === 'selective-warm')!;
  expect(
    skipReason(warm, '  --cache-from ENTRY   import\n  --cache-to ENTRY   export\n  --source selective|buildkit   where parts are read\n'),
  ).toBeUndefined();
  expect(skipReason(warm, '  --cache NAME   response cache\n  --no-cache   no\n')).toBe(
    'the CLI has no --cache-from / --cache-to / --source flag yet (node dist/cli/index.js --help)',
  );
  expect(skipReason(selective, '  --source selective|buildkit   where parts are read\n')).toBeUndefined();
  expect(skipReason(selective, '  --cache-from ENTRY   import\n')).toBe('the CLI has no --source flag yet (node dist/cli/index.js --help)');
  expect(skipReason(SCENARIOS[0], '')).toBeUndefined();
});

test.each([
  ['registry', 'seed', { from: [], to: ['type=registry,ref=r:5000/c:t,mode=max'] }],
  ['registry', 'measure', { from: ['type=registry,ref=r:5000/c:t'], to: ['type=registry,ref=r:5000/c:t-next,mode=max'] }],
  ['local', 'seed', { from: [], to: ['type=local,dest=/d,mode=max'] }],
  ['local', 'measure', { from: ['type=local,src=/d'], to: ['type=local,dest=/d-next,mode=max'] }],
] as const)('planCache(%s, %s)', (mode, phase, expected) => {
  expect(planCache(mode, { registryRef: 'r:5000/c:t', localDir: '/d' }, phase)).toEqual(expected);
});

describe('planBaselineDockerfile', () => {
  const action = [
    '# Generated by triton-compose',
    'FROM r:5000/tritonserver@sha256:aaa AS full',
    'FROM r:5000/tritonserver@sha256:bbb AS min',
    'FROM scratch AS core',
    'COPY --from=full /opt/tritonserver/bin /opt/tritonserver/bin',
    'FROM min',
    'COPY --link --from=core / /',
    'COPY --link --from=full /opt/tritonserver/backends/python /opt/tritonserver/backends/python',
  ].join('\n');
  test('sources by tag, no --link, everything else as the action writes it', () => {
    expect(planBaselineDockerfile(action, { full: 'r:5000/t:full', min: 'r:5000/t:min' })).toBe(
      [
        '# Generated by triton-compose',
        'FROM r:5000/t:full AS full',
        'FROM r:5000/t:min AS min',
        'FROM scratch AS core',
        'COPY --from=full /opt/tritonserver/bin /opt/tritonserver/bin',
        'FROM min',
        'COPY --from=core / /',
        'COPY --from=full /opt/tritonserver/backends/python /opt/tritonserver/backends/python',
      ].join('\n'),
    );
  });
  test('a Dockerfile without both source stages is refused', () => {
    expect(() => planBaselineDockerfile('FROM x AS full\n', { full: 'f', min: 'm' })).toThrow(
      'the action\'s Dockerfile has no "FROM … AS full" and "FROM … AS min" stages',
    );
  });
});

test("planStaleImages: every local image with a fixture's ID, by its name (whatever the host), or by its ID when it has none", () => {
  const full = `sha256:${'a'.repeat(64)}`;
  const min = `sha256:${'b'.repeat(64)}`;
  const other = `sha256:${'c'.repeat(64)}`;
  const listing = [
    `${full} 127.0.0.1:41987/real/tritonserver:24.01-py3-scale`,
    `${full} 127.0.0.1:5000/real/tritonserver:24.01-py3-scale`,
    `${min} <none>:<none>`,
    `${other} 127.0.0.1:5000/real/tritonserver:24.01-py3`,
    '',
  ].join('\n');
  expect(planStaleImages(listing, new Set([full, min]))).toEqual([
    '127.0.0.1:41987/real/tritonserver:24.01-py3-scale',
    '127.0.0.1:5000/real/tritonserver:24.01-py3-scale',
    min,
  ]);
  expect(planStaleImages(listing, new Set())).toEqual([]);
});
