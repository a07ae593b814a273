import { floorsOf } from '../../../scripts/bench/floors.js';
import { LOOPBACK } from '../../../scripts/lib/link.js';
import { parseUsage, planUsageHook } from '../../../scripts/bench/run.js';
import { parseBusySeconds } from '../../../scripts/bench/cpu.js';
import { median, metric, ratio, type RunMeasure, summarize } from '../../../scripts/bench/stats.js';

const run = (
  scenario: string,
  round: number,
  seconds: number,
  bytes: Record<string, number>,
  extra: Partial<RunMeasure> = {},
): RunMeasure => ({
  scenario,
  round,
  ok: true,
  seconds,
  bytes,
  clients: {},
  manifestBytes: 0,
  peakDisk: 1000 * seconds,
  size: 50,
  uncompressedSize: 60,
  composes: 1,
  ...extra,
});

test.each([
  [[], undefined],
  [[3], 3],
  [[3, 1, 2], 2],
  [[4, 1, 3, 2], 2.5],
  [[5, 5, 1], 5],
])('median(%p) = %p', (values, expected) => {
  expect(median(values)).toBe(expected);
});

test.each([
  [2, 4, 0.5],
  [3, 0, undefined],
  [undefined, 4, undefined],
  [4, undefined, undefined],
])('ratio(%p, %p) = %p', (v, b, expected) => {
  expect(ratio(v, b)).toBe(expected);
});

test("fetched leaves out traffic that is not the run's; sourceFetched is min + full", () => {
  const r = run('x', 1, 1, { min: 10, full: 20, result: 5, cache: 2, other: 1000 });
  expect([metric(r, 'fetched'), metric(r, 'sourceFetched'), metric(r, 'seconds'), metric(r, 'size'), metric(r, 'indexBytes')]).toEqual([
    37,
    30,
    1,
    50,
    undefined,
  ]);
  expect(metric({ ...r, indexBytes: 4096 }, 'indexBytes')).toBe(4096);
});

test('index bytes: a median where the runs have them, no ratio against a baseline without', () => {
  const runs = [
    run('baseline', 1, 10, { min: 100 }),
    run('selective', 1, 5, { min: 100 }, { indexBytes: 300 }),
    run('selective', 2, 5, { min: 100 }, { indexBytes: 500 }),
  ];
  const [base, selective] = summarize(runs, [{ id: 'baseline' }, { id: 'selective', baseline: 'baseline' }]);
  expect(base.medians.indexBytes).toBeUndefined();
  expect(selective.medians.indexBytes).toBe(400);
  expect(selective.ratios.indexBytes).toBeUndefined();
  expect(selective.ratios.seconds).toBe(0.5);
});

test('summaries: medians per scenario, ratios as medians of per-round pairs, failures kept out', () => {
  const runs = [
    run('baseline', 1, 10, { min: 100, full: 300 }),
    run('baseline', 2, 20, { min: 100, full: 300 }),
    run('baseline', 3, 12, { min: 100, full: 300 }),
    run('cold', 1, 5, { min: 100, full: 100, result: 10 }),
    run('cold', 2, 30, { min: 100, full: 100, result: 30 }),
    run('cold', 3, 6, { min: 100, full: 100 }),
    run('warm', 1, 1, {}, { ok: false, error: 'boom' }),
    run('warm', 2, 2, { cache: 40 }),
    run('warm', 3, 3, { cache: 40 }),
  ];
  const s = summarize(runs, [{ id: 'baseline' }, { id: 'cold', baseline: 'baseline' }, { id: 'warm', baseline: 'baseline' }]);
  expect(s).toEqual([
    {
      scenario: 'baseline',
      runs: 3,
      failed: 0,
      pairs: 0,
      ratios: {},
      medians: { seconds: 12, fetched: 400, sourceFetched: 400, peakDisk: 12000, size: 50, uncompressedSize: 60 },
      bytes: { full: 300, min: 100 },
    },
    {
      scenario: 'cold',
      baseline: 'baseline',
      runs: 3,
      failed: 0,
      pairs: 3,
      medians: { seconds: 6, fetched: 210, sourceFetched: 200, peakDisk: 6000, size: 50, uncompressedSize: 60 },
      bytes: { full: 100, min: 100, result: 10 },
      // per round: seconds 0.5, 1.5, 0.5; fetched 0.525, 0.575, 0.5
      ratios: { seconds: 0.5, fetched: 0.525, sourceFetched: 0.5, peakDisk: 0.5, size: 1, uncompressedSize: 1 },
    },
    {
      scenario: 'warm',
      baseline: 'baseline',
      runs: 3,
      failed: 1,
      pairs: 2,
      medians: { seconds: 2.5, fetched: 40, sourceFetched: 0, peakDisk: 2500, size: 50, uncompressedSize: 60 },
      bytes: { cache: 40 },
      // rounds 2 and 3: seconds 0.1 and 0.25; fetched 0.1 and 0.1
      ratios: { seconds: 0.175, fetched: 0.1, sourceFetched: 0, peakDisk: 0.175, size: 1, uncompressedSize: 1 },
    },
  ]);
});

test('floors: the larger of wire (per direction) and CPU (inflate + deflate on all cores)', () => {
  const rates = { level: 6, cores: 2, deflate: 100e6, inflate: 400e6 };
  const link = { name: '100MB/s:20MB/s,20ms', down: 100e6, up: 20e6, rttMs: 20 };
  // down 2 s, up 1 s: the wire floor is the slower direction; CPU 1 s + 0.5 s
  expect(floorsOf({ down: 200e6, up: 20e6, inflated: 400e6, deflated: 50e6 }, link, rates)).toEqual({ wire: 2, cpu: 1.5, floor: 2 });
  expect(floorsOf({ down: 200e6, up: 20e6, inflated: 400e6, deflated: 300e6 }, link, rates)).toEqual({ wire: 2, cpu: 4, floor: 4 });
  // straight to the registry there is no wire floor
  expect(floorsOf({ down: 200e6, up: 20e6, inflated: 4e6, deflated: 0 }, LOOPBACK, rates)).toEqual({ wire: 0, cpu: 0.01, floor: 0.01 });
});

test('runs over two links are summarized apart and paired with the baseline over the same link', () => {
  const f = (floor: number) => ({ wire: floor, cpu: floor / 2, floor });
  const runs = [
    run('baseline', 1, 20, { min: 100 }, { link: 'a', floors: f(10) }),
    run('selective', 1, 15, { min: 50 }, { link: 'a', floors: f(5) }),
    run('baseline', 1, 8, { min: 100 }, { link: 'loopback', floors: f(0) }),
    run('selective', 1, 2, { min: 50 }, { link: 'loopback', floors: f(0) }),
  ];
  const s = summarize(runs, [{ id: 'baseline' }, { id: 'selective', baseline: 'baseline' }]);
  expect(s.map((x) => [x.scenario, x.link, x.medians.seconds, x.medians.overFloor, x.ratios.seconds])).toEqual([
    ['baseline', 'a', 20, 2, undefined],
    ['baseline', 'loopback', 8, undefined, undefined],
    ['selective', 'a', 15, 3, 0.75],
    ['selective', 'loopback', 2, undefined, 0.25],
  ]);
  expect(s[2].medians.wireFloor).toBe(5);
  // a run whose bytes take a few milliseconds is not bound by them: no ratio
  expect(metric(run('rerun', 1, 1.5, {}, { floors: { wire: 0.001, cpu: 0, floor: 0.099 } }), 'overFloor')).toBeUndefined();
  expect(metric(run('rerun', 1, 1.5, {}, { floors: { wire: 0.1, cpu: 0, floor: 0.1 } }), 'overFloor')).toBe(15);
  expect(s[2].medians.cpuFloor).toBe(2.5);
});

test('peak RSS and CPU: the hook node loads before the CLI, the largest peak and the summed CPU of its lines', () => {
  const hook = planUsageHook('/tmp/a "b"/rss');
  expect(hook).toMatch(/^--import=data:text\/javascript,[^\s"]+$/); // one word, no double quote
  expect(decodeURIComponent(hook.slice('--import=data:text/javascript,'.length))).toBe(
    `import{appendFileSync}from'node:fs';process.on('exit',()=>{const u=process.resourceUsage();appendFileSync("/tmp/a \\"b\\"/rss",u.maxRSS*1024+' '+(u.userCPUTime+u.systemCPUTime)+'\\n')});`,
  );
  expect(parseUsage('43708416 1500000\n244023296 8250000\n')).toEqual({ peakRss: 244023296, cpu: 9.75 });
  expect(parseUsage('')).toEqual({});
  expect(parseUsage('12x 5\n43708416\n')).toEqual({});
});

test('parseBusySeconds: every state but idle and I/O wait, over USER_HZ; a text without the cpu line is unread', () => {
  const stat = ['cpu  1000 20 300 90000 400 5 6 7 50 0', 'cpu0 500 10 150 45000 200 2 3 3 25 0', 'intr 123'].join('\n');
  expect(parseBusySeconds(stat)).toBe(13.38);
  expect(parseBusySeconds(stat, 1000)).toBe(1.338);
  expect(parseBusySeconds('intr 1\n')).toBeUndefined();
  expect(parseBusySeconds('cpu  1 2 x 4 5 6 7 8\n')).toBeUndefined();
});
