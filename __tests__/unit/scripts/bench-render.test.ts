import { renderChart, renderTable } from '../../../scripts/bench/render.js';
import type { ScenarioSummary } from '../../../scripts/bench/stats.js';

const SUMMARIES: ScenarioSummary[] = [
  {
    scenario: 'baseline',
    runs: 3,
    failed: 0,
    pairs: 0,
    ratios: {},
    medians: { seconds: 10, fetched: 400e6, sourceFetched: 400e6, peakDisk: 800e6, size: 70e6, uncompressedSize: 72e6, machineCpu: 12.5 },
    bytes: { min: 100e6, full: 300e6, other: 5e6 },
  },
  {
    scenario: 'selective-warm',
    link: '100MB/s,20ms',
    baseline: 'baseline',
    runs: 3,
    failed: 1,
    pairs: 2,
    medians: {
      seconds: 2.5,
      fetched: 0,
      sourceFetched: 0,
      peakDisk: 100e6,
      size: 70e6,
      uncompressedSize: 72e6,
      indexBytes: 3.2e6,
      peakRss: 250e6,
      cpu: 3.04,
      machineCpu: 4.46,
      wireFloor: 1.2,
      cpuFloor: 0.84,
      overFloor: 2.083,
    },
    bytes: {},
    ratios: { seconds: 0.25, fetched: 0, peakDisk: 0.125 },
  },
];

test('renderTable: medians in MB and seconds, index MB only where there is one, ratios only against a baseline, skipped rows say why', () => {
  expect(renderTable(SUMMARIES, [{ scenario: 'warm-registry', reason: 'no --cache-from | --cache-to' }])).toBe(
    [
      '| scenario | link | runs | wall s | floor s (wire / CPU) | × floor | CPU s (compose / machine) | fetched MB | from min | from full | result | cache | other (not ours) | peak disk MB | peak RSS MB | index MB | image MB (gz / tar) | time × | fetched × | disk × |',
      '| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
      '| baseline | – | 3 | 10.0 | – | – | – / 12.5 | 400.0 | 100.0 | 300.0 | 0.0 | 0.0 | 5.0 | 800.0 | – | – | 70.0 / 72.0 |  |  |  |',
      '| selective-warm (vs baseline) | 100MB/s,20ms | 2/3 | 2.5 | 1.2 / 0.8 | 2.08× | 3.0 / 4.5 | 0.0 | 0.0 | 0.0 | 0.0 | 0.0 | 0.0 | 100.0 | 250.0 | 3.2 | 70.0 / 72.0 | 0.25× | 0.00× | 0.13× |',
      '| warm-registry |  | 0 | skipped: no --cache-from \\| --cache-to |  |  |  |  |  |  |  |  |  |  |  |  |  |  |  |  |',
      '',
    ].join('\n'),
  );
});

test('renderTable: a metric without a value is a dash', () => {
  const s: ScenarioSummary = { scenario: 'cold', baseline: 'baseline', runs: 1, failed: 1, pairs: 0, medians: {}, bytes: {}, ratios: {} };
  expect(renderTable([s]).split('\n')[2]).toBe(
    '| cold (vs baseline) | – | 0/1 | – | – | – | – | – | 0.0 | 0.0 | 0.0 | 0.0 | 0.0 | – | – | – | – / – | – | – | – |',
  );
});

test('renderChart: stacked MB by source, seconds, escaped labels', () => {
  const svg = renderChart(SUMMARIES, 'bench <default>');
  expect(svg.split('\n')).toEqual([
    '<svg xmlns="http://www.w3.org/2000/svg" width="790" height="144" viewBox="0 0 790 144" font-family="sans-serif" font-size="12">',
    '<rect width="790" height="144" fill="#ffffff"/>',
    '<text x="10" y="18" font-size="14" font-weight="bold">bench &lt;default&gt;</text>',
    '<text x="170" y="44">MB fetched from the registry (median)</text>',
    '<text x="470" y="44">wall seconds (median)</text>',
    '<text x="164" y="71" text-anchor="end">baseline</text>',
    '<rect x="170" y="60" width="65" height="16" fill="#4e79a7"><title>min: 100.0 MB</title></rect>',
    '<rect x="235" y="60" width="195" height="16" fill="#e15759"><title>full: 300.0 MB</title></rect>',
    '<text x="434" y="71">400.0</text>',
    '<rect x="470" y="60" width="260" height="16" fill="#76b7b2"/>',
    '<text x="734" y="71">10.0</text>',
    '<text x="164" y="95" text-anchor="end">selective-warm @ 100MB/s,20ms</text>',
    '<text x="174" y="95">0.0</text>',
    '<rect x="470" y="84" width="65" height="16" fill="#76b7b2"/>',
    '<text x="539" y="95">2.5</text>',
    '<rect x="170" y="114" width="10" height="10" fill="#4e79a7"/>',
    '<text x="184" y="124">min</text>',
    '<rect x="240" y="114" width="10" height="10" fill="#e15759"/>',
    '<text x="254" y="124">full</text>',
    '<rect x="310" y="114" width="10" height="10" fill="#59a14f"/>',
    '<text x="324" y="124">result</text>',
    '<rect x="380" y="114" width="10" height="10" fill="#f28e2b"/>',
    '<text x="394" y="124">cache</text>',
    '</svg>',
    '',
  ]);
});
