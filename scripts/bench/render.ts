// The benchmark's figures as text: a Markdown table with ratios against the baseline, and an
// SVG chart of bytes fetched (stacked by source) and wall time per scenario. Pure.
import type { ScenarioSummary } from './stats.js';

export interface Skipped {
  scenario: string;
  reason: string;
}

const mb = (n: number | undefined) => (n === undefined ? '–' : (n / 1e6).toFixed(1));
const sec = (n: number | undefined) => (n === undefined ? '–' : n.toFixed(1));
const times = (n: number | undefined) => (n === undefined ? '–' : `${n.toFixed(2)}×`);

/** Roles in the order the chart stacks them, with a colour each; "other" (not the run's) is left out. */
export const ROLES: [string, string][] = [
  ['min', '#4e79a7'],
  ['full', '#e15759'],
  ['result', '#59a14f'],
  ['cache', '#f28e2b'],
];

export function renderTable(summaries: ScenarioSummary[], skipped: Skipped[] = []): string {
  const head = [
    'scenario',
    'link',
    'runs',
    'wall s',
    'floor s (wire / CPU)',
    '× floor',
    'CPU s (compose / machine)',
    'fetched MB',
    'from min',
    'from full',
    'result',
    'cache',
    'other (not ours)',
    'peak disk MB',
    'peak RSS MB',
    'index MB',
    'image MB (gz / tar)',
    'time ×',
    'fetched ×',
    'disk ×',
  ];
  const rows = summaries.map((s) => {
    const m = s.medians;
    const runs = s.failed ? `${s.runs - s.failed}/${s.runs}` : String(s.runs);
    const vs = (x: string) => (s.baseline ? x : '');
    return [
      s.baseline ? `${s.scenario} (vs ${s.baseline})` : s.scenario,
      s.link ?? '–',
      runs,
      sec(m.seconds),
      m.wireFloor === undefined && m.cpuFloor === undefined ? '–' : `${sec(m.wireFloor)} / ${sec(m.cpuFloor)}`,
      times(m.overFloor),
      m.cpu === undefined && m.machineCpu === undefined ? '–' : `${sec(m.cpu)} / ${sec(m.machineCpu)}`,
      mb(m.fetched),
      mb(s.bytes.min ?? 0),
      mb(s.bytes.full ?? 0),
      mb(s.bytes.result ?? 0),
      mb(s.bytes.cache ?? 0),
      mb(s.bytes.other ?? 0),
      mb(m.peakDisk),
      mb(m.peakRss),
      mb(m.indexBytes),
      `${mb(m.size)} / ${mb(m.uncompressedSize)}`,
      vs(times(s.ratios.seconds)),
      vs(times(s.ratios.fetched)),
      vs(times(s.ratios.peakDisk)),
    ];
  });
  for (const k of skipped)
    rows.push([k.scenario, '', '0', `skipped: ${k.reason.replace(/\|/g, '\\|')}`, ...Array<string>(head.length - 4).fill('')]);
  const line = (cells: string[]) => `| ${cells.join(' | ')} |`;
  return [line(head), line(head.map((_, i) => (i < 2 ? '---' : '---:'))), ...rows.map(line)].join('\n') + '\n';
}

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
const num = (n: number) => String(Math.round(n * 10) / 10);

/** A chart of two panels with one row per scenario: MB fetched by role, and wall seconds. */
export function renderChart(summaries: ScenarioSummary[], title: string): string {
  const label = 170;
  const panel = 260;
  const gap = 40;
  const row = 24;
  const top = 56;
  const width = label + panel * 2 + gap + 60;
  const height = top + summaries.length * row + 40;
  const maxBytes = Math.max(1, ...summaries.map((s) => ROLES.reduce((n, [r]) => n + (s.bytes[r] ?? 0), 0)));
  const maxSeconds = Math.max(1, ...summaries.map((s) => s.medians.seconds ?? 0));
  const x2 = label + panel + gap;
  const out: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="sans-serif" font-size="12">`,
    `<rect width="${width}" height="${height}" fill="#ffffff"/>`,
    `<text x="10" y="18" font-size="14" font-weight="bold">${esc(title)}</text>`,
    `<text x="${label}" y="${top - 12}">MB fetched from the registry (median)</text>`,
    `<text x="${x2}" y="${top - 12}">wall seconds (median)</text>`,
  ];
  summaries.forEach((s, i) => {
    const y = top + i * row;
    const name = s.link ? `${s.scenario} @ ${s.link}` : s.scenario;
    out.push(`<text x="${label - 6}" y="${y + 15}" text-anchor="end">${esc(name)}</text>`);
    let x = label;
    let total = 0;
    for (const [role, colour] of ROLES) {
      const b = s.bytes[role] ?? 0;
      if (!b) continue;
      const w = (b / maxBytes) * panel;
      out.push(
        `<rect x="${num(x)}" y="${y + 4}" width="${num(w)}" height="${row - 8}" fill="${colour}"><title>${esc(`${role}: ${mb(b)} MB`)}</title></rect>`,
      );
      x += w;
      total += b;
    }
    out.push(`<text x="${num(x + 4)}" y="${y + 15}">${mb(total)}</text>`);
    const secs = s.medians.seconds ?? 0;
    const w = (secs / maxSeconds) * panel;
    out.push(`<rect x="${x2}" y="${y + 4}" width="${num(w)}" height="${row - 8}" fill="#76b7b2"/>`);
    out.push(`<text x="${num(x2 + w + 4)}" y="${y + 15}">${sec(s.medians.seconds)}</text>`);
  });
  let lx = label;
  const ly = top + summaries.length * row + 20;
  for (const [role, colour] of ROLES) {
    out.push(`<rect x="${lx}" y="${ly - 10}" width="10" height="10" fill="${colour}"/>`, `<text x="${lx + 14}" y="${ly}">${role}</text>`);
    lx += 70;
  }
  out.push('</svg>');
  return out.join('\n') + '\n';
}
