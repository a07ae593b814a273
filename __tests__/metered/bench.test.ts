// The benchmark end to end on the test bed: `npm run bench -- --smoke` composes one tiny part
// set the compose.py way and with the action's selective source, and must write the JSON, the
// Markdown table and the chart, with bytes attributed to the source images, over the default
// link (a pacing proxy) with each run's floors. Needs `bash scripts/testbed.sh up`.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ZlibRates } from '../../scripts/bench/floors.js';
import type { RunMeasure, ScenarioSummary } from '../../scripts/bench/stats.js';

const root = fileURLToPath(new URL('../..', import.meta.url));

test('npm run bench -- --smoke writes the JSON, the table and the chart', () => {
  const out = mkdtempSync(join(tmpdir(), 'bench-smoke-'));
  const r = spawnSync('npx', ['tsx', 'scripts/bench.ts', '--smoke', '--out', out], { cwd: root, encoding: 'utf8', timeout: 300_000 });
  if (r.status !== 0) throw new Error(`bench exited ${r.status}:\n${r.stderr}\n${r.stdout}`);

  const json = JSON.parse(readFileSync(join(out, 'bench-smoke.json'), 'utf8')) as {
    runs: RunMeasure[];
    summaries: ScenarioSummary[];
    zlibRates: ZlibRates;
  };
  expect(json.zlibRates.cores).toBeGreaterThan(0);
  expect(json.zlibRates.level).toBe(6);
  // native inflate is several times faster than deflate at level 6, on any machine
  expect(json.zlibRates.inflate).toBeGreaterThan(2 * json.zlibRates.deflate);
  expect(json.runs.map((x) => [x.scenario, x.round, x.ok])).toEqual([
    ['baseline', 1, true],
    ['selective-cold', 1, true],
  ]);
  for (const run of json.runs) {
    // Every run read min's layers, and full's own ones at least once (selective: to index them).
    expect(run.bytes.min).toBeGreaterThan(10e6);
    expect(run.bytes.full).toBeGreaterThan(10e6);
    expect(run.seconds).toBeGreaterThan(0);
    expect(run.size).toBeGreaterThan(0);
    expect(run.uncompressedSize).toBeGreaterThanOrEqual(run.size!);
    // Everything went over the link, and it counted it: what the registry logged sending (blob
    // bodies and manifests of the run) came down the link, give or take tokens and headers.
    expect(run.link).toBe('100MB/s,20ms');
    const logged = (run.bytes.min ?? 0) + (run.bytes.full ?? 0) + (run.bytes.result ?? 0) + run.manifestBytes;
    expect(run.work!.down).toBeGreaterThan(0.95 * logged);
    expect(run.work!.down).toBeLessThan(1.05 * logged + 100_000);
    expect(run.work!.inflated).toBe(logged - run.manifestBytes);
    // Both pushed new layers (compressed on the way), and the wire floor is the slower direction.
    expect(run.work!.up).toBeGreaterThan(0);
    expect(run.work!.deflated).toBeGreaterThan(run.work!.up);
    expect(run.floors!.wire).toBeCloseTo(Math.max(run.work!.down, run.work!.up) / 100e6, 2);
    expect(run.floors!.cpu).toBeGreaterThan(0);
    expect(run.floors!.floor).toBe(Math.max(run.floors!.wire, run.floors!.cpu));
    // No run beats its floor.
    expect(run.seconds).toBeGreaterThan(run.floors!.floor);
  }
  const [baseline, selective] = json.runs;
  // Same parts, same files. The layer tars differ by a few kB only: the baseline's WORKDIR is
  // an empty layer (a 1024-byte tar), which a directly written image has not.
  const kB = (n: number) => n * 1024;
  expect(baseline.uncompressedSize! - selective.uncompressedSize!).toBeGreaterThanOrEqual(kB(1));
  expect(baseline.uncompressedSize! - selective.uncompressedSize!).toBeLessThan(kB(8));
  // A cold selective run streams each of full's own layers once, while it builds the index it
  // leaves behind: no more of full than the baseline's pull, all of it by the action.
  expect(selective.bytes.full).toBeLessThanOrEqual(baseline.bytes.full);
  expect(selective.clients['triton-compose']).toBeGreaterThanOrEqual(selective.bytes.full);
  expect(selective.indexBytes).toBeGreaterThan(0);
  expect(baseline.indexBytes).toBeUndefined();
  // the CLI's own peak memory, from the hook the bench loads into it; none for docker's
  expect(selective.peakRss).toBeGreaterThan(30e6);
  expect(selective.peakRss).toBeLessThan(1e9);
  expect(baseline.peakRss).toBeUndefined();
  // the CLI's CPU time from the same hook, and the whole machine's busy time around each run,
  // which holds the CLI's (ticks of 10 ms, so within a few of them)
  expect(selective.cpu).toBeGreaterThan(0.2);
  expect(selective.machineCpu).toBeGreaterThan(selective.cpu! - 0.1);
  expect(baseline.cpu).toBeUndefined();
  expect(baseline.machineCpu).toBeGreaterThan(0);
  const s = json.summaries.find((x) => x.scenario === 'selective-cold')!;
  expect(s.pairs).toBe(1);
  expect(s.ratios.seconds).toBeGreaterThan(0);

  const md = readFileSync(join(out, 'bench-smoke.md'), 'utf8');
  expect(md).toContain('| selective-cold (vs baseline) | 100MB/s,20ms | 1 |');
  expect(r.stdout).toContain('| baseline | 100MB/s,20ms | 1 |');
  expect(readFileSync(join(out, 'bench-smoke.svg'), 'utf8')).toMatch(
    /^<svg [^>]*>[\s\S]*<text x="164" y="71" text-anchor="end">baseline @ 100MB\/s,20ms<\/text>[\s\S]*<\/svg>\n$/,
  );
});
