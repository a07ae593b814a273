// The compose report for a terminal (the CLI's table) and as JSON (--json). Same facts as
// the job summary (summary.ts), with the units and bars of format.ts.
import type { PlatformReport, Report, TrimReport } from './types.js';
import {
  TRIM_LISTED,
  UNITS_NOTE,
  trimLine,
  bar,
  cleanLine,
  cleanText,
  comparisonRows,
  durationList,
  selectiveLine,
  assemblyLine,
  formatBytes,
  formatPercent,
  planRunCommand,
  sbomLine,
  platformTotals,
  savedBytes,
  share,
  shortRef,
  statusWord,
  partLabel,
} from './format.js';

export { formatBytes, formatDuration } from './format.js';

export interface TerminalOptions {
  color: boolean;
  /** Columns of the terminal; bars shrink to fit. Default 80. */
  width?: number;
}

const MAX_BAR = 24;
const MIN_BAR = 4; // narrower than this a bar says nothing: leave it out

type Paint = (text: string, code: string) => string;
const SGR = { bold: '1', dim: '2', red: '31', green: '32', yellow: '33', cyan: '36' } as const;

function left(text: string, width: number): string {
  return text + ' '.repeat(Math.max(0, width - text.length));
}
function right(text: string, width: number): string {
  return ' '.repeat(Math.max(0, width - text.length)) + text;
}

function header(report: Report, paint: Paint): string[] {
  const status = statusWord(report);
  const colour = { succeeded: SGR.green, failed: SGR.red, 'dry run': SGR.yellow }[status];
  const lines = [`${paint('Triton compose', SGR.bold)} ${paint(status, `${SGR.bold};${colour}`)}`];
  const field = (name: string, value: string) => lines.push(`  ${left(name, 10)} ${value}`);
  const pushed =
    status !== 'succeeded'
      ? ''
      : report.skipped
        ? ' (up to date: already holds this compose, nothing built)'
        : report.pushed
          ? ' (pushed)'
          : ' (not pushed)';
  report.tags.forEach((t, i) => field(i === 0 ? 'image' : '', cleanLine(t) + (i === 0 ? pushed : '')));
  if (report.tags.length === 0) field('image', `untagged${pushed}`);
  if (report.digest) field('digest', cleanLine(report.digest));
  else if (report.imageId) field('image id', cleanLine(report.imageId));
  if (report.release) field('release', cleanLine(report.release));
  field('variant', report.gpu ? 'GPU' : 'CPU');
  const platforms = report.platforms.map((p) => cleanLine(p.platform));
  if (platforms.length > 0) field(platforms.length > 1 ? 'platforms' : 'platform', platforms.join(', '));
  for (const s of report.sources) field(s.role, cleanLine((s.name ? `${s.name} ` : '') + shortRef(s.ref)));
  if (!report.ok && report.error) field('error', paint(cleanLine(report.error), SGR.red));
  return lines;
}

function partsTable(p: PlatformReport, width: number, paint: Paint): string[] {
  const total = platformTotals(p);
  const names = p.parts.map((x) => cleanLine(partLabel(x)));
  const nameW = Math.max(5, ...names.map((n) => n.length));
  const kinds = p.parts.map((x) => cleanLine(x.kind));
  const kindW = Math.max(4, ...kinds.map((k) => k.length));
  const room = width - (2 + nameW + 2 + kindW + 2 + 10 + 2 + 12 + 2 + 6 + 2);
  const barW = Math.min(MAX_BAR, room) >= MIN_BAR ? Math.min(MAX_BAR, room) : 0;
  const largest = Math.max(0, ...p.parts.map((x) => x.size));
  // Pad before painting: escape codes have length but no width.
  const line = (name: string, kind: string, c: string, u: string, s: string, b: string) =>
    `  ${left(name, nameW)}  ${kind}  ${right(c, 10)}  ${right(u, 12)}  ${right(s, 6)}  ${b}`.trimEnd();
  const lines = [paint(cleanLine(p.platform), SGR.bold)];
  lines.push(paint(line('part', left('kind', kindW), 'compressed', 'uncompressed', 'share', ''), SGR.dim));
  p.parts.forEach((x, i) => {
    const s = share(x.size, total.size);
    const b = barW > 0 ? paint(bar(x.size, largest, barW), SGR.cyan) : '';
    const kind = paint(left(kinds[i], kindW), SGR.dim);
    lines.push(line(names[i], kind, formatBytes(x.size), formatBytes(x.uncompressedSize), s === undefined ? '–' : formatPercent(s), b));
  });
  const totals = line('total', left('', kindW), formatBytes(total.size), formatBytes(total.uncompressedSize), '', '');
  lines.push(paint(totals, SGR.bold));
  return lines;
}

function comparison(report: Report, width: number, paint: Paint): string[] {
  const rows = comparisonRows(report);
  if (rows.length === 0) return [];
  const several = report.platforms.length > 1 ? ` (${cleanLine(report.platforms[0].platform)})` : '';
  const title = rows[0].label === 'result' ? `result vs source images${several}` : 'source images';
  const lines = [paint(title, SGR.bold)];
  const barW = Math.min(MAX_BAR, width - 24) >= MIN_BAR ? Math.min(MAX_BAR, width - 24) : 0;
  const largest = Math.max(...rows.map((r) => r.size));
  const labelW = Math.max(8, ...rows.map((r) => cleanLine(r.label).length));
  for (const r of rows) {
    const b = barW > 0 ? `  ${paint(bar(r.size, largest, barW), SGR.cyan)}` : '';
    lines.push(`  ${left(cleanLine(r.label), labelW)}  ${right(formatBytes(r.size), 10)}${b}`);
  }
  if (report.saving !== undefined) {
    const saved = savedBytes(report);
    const less = saved !== undefined && saved > 0 ? ` (${formatBytes(saved)} less to pull)` : '';
    const pct = formatPercent(report.saving);
    lines.push(
      `  ${left('saving', 8)}  ${' '.repeat(Math.max(0, 10 - pct.length))}${paint(pct, `${SGR.bold};${SGR.green}`)}  of full${less}`,
    );
  }
  return lines;
}

function trimBlock(t: TrimReport, paint: Paint): string[] {
  const lines = [paint(`trim (${cleanLine(t.platform)})`, SGR.bold), `  ${cleanLine(trimLine(t))}`];
  for (const r of t.byReason) lines.push(`  ${left(r.reason, 16)}  ${right(`${r.files} files`, 12)}  ${right(formatBytes(r.bytes), 10)}`);
  if (t.byFamily?.length) lines.push(`  unneeded libraries by family`);
  for (const f of (t.byFamily ?? []).slice(0, TRIM_LISTED))
    lines.push(`    ${left(f.family, 24)}  ${right(`${f.files} files`, 12)}  ${right(formatBytes(f.bytes), 10)}`);
  const list = (title: string, items: TrimReport['dropped']) =>
    items.length === 0
      ? []
      : [
          `  ${title}`,
          ...items
            .slice(0, TRIM_LISTED)
            .map((x) => `    ${right(formatBytes(x.size), 10)}  ${cleanLine(x.path)}  ${paint(`(${cleanLine(x.reason)})`, SGR.dim)}`),
        ];
  return [...lines, ...list('largest dropped', t.dropped), ...list('largest kept', t.kept)];
}

function buildFacts(report: Report, paint: Paint): string[] {
  const lines: string[] = [];
  const durations = durationList(report.durations);
  if (durations.length > 0) lines.push(`  ${durations.map(([k, v]) => `${k} ${v}`).join(' · ')}`);
  const other: string[] = [];
  if (report.cache) other.push(`cache ${report.cache.cached} reused, ${report.cache.built} built`);
  if (report.bytesFetched !== undefined) other.push(`fetched ${formatBytes(report.bytesFetched)}`);
  if (other.length > 0) lines.push(`  ${other.join(' · ')}`);
  const built = assemblyLine(report);
  if (built) lines.push(`  built by ${built}`);
  const selective = selectiveLine(report);
  if (selective) lines.push(`  ${selective}`);
  const sbom = sbomLine(report);
  if (sbom) lines.push(`  ${cleanLine(sbom)}`);
  return lines.length > 0 ? [paint('build', SGR.bold), ...lines] : [];
}

function logTail(report: Report, paint: Paint): string[] {
  const tail = report.ok ? [] : (report.logTail ?? []);
  if (tail.length === 0) return [];
  const title = paint(`last ${tail.length} line${tail.length === 1 ? '' : 's'} of the build log`, SGR.bold);
  return [title, ...tail.map((l) => paint(`  │ ${cleanText(l).replace(/\n/g, ' ')}`.trimEnd(), SGR.dim))];
}

/** The report as a terminal table; ANSI colours only when `opts.color`. */
export function renderTerminal(report: Report, opts: TerminalOptions): string {
  const width = opts.width ?? 80;
  const paint: Paint = opts.color ? (text, code) => (text === '' ? '' : `\x1b[${code}m${text}\x1b[0m`) : (text) => text;
  const tables = report.platforms.filter((p) => p.parts.length > 0).map((p) => partsTable(p, width, paint));
  const compared = comparison(report, width, paint);
  const run = planRunCommand(report);
  const runBlock = run ? [paint('run it', SGR.bold), `  ${cleanLine(run)}`] : [];
  const trims = (report.trim ?? []).map((t) => trimBlock(t, paint));
  const python = report.python?.length
    ? [
        paint('python distributions', SGR.bold),
        ...report.python.map(
          (d) => `  ${cleanLine(d.name)} ${cleanLine(d.version)}${d.source ? ` @${cleanLine(d.source)}` : ''}: ${cleanLine(d.why)}`,
        ),
        ...(report.pythonLibraries ?? []).map(
          (l) =>
            `  library ${cleanLine(l.package ?? l.path ?? '')}${l.version ? ` ${cleanLine(l.version)}` : ''}${l.source ? ` @${cleanLine(l.source)}` : ''}: ${cleanLine(l.why)}`,
        ),
      ]
    : [];
  const blocks = [
    header(report, paint),
    logTail(report, paint),
    ...tables,
    ...trims,
    python,
    compared,
    buildFacts(report, paint),
    runBlock,
  ];
  if (tables.length > 0 || compared.length > 0) blocks.push([paint(UNITS_NOTE, SGR.dim)]);
  return `${blocks
    .filter((b) => b.length > 0)
    .map((b) => b.join('\n'))
    .join('\n\n')}\n`;
}

// Key order of --json: the order of report-types.ts, so output is stable whatever order the
// report was built in. Keys not listed (fields added later) follow, sorted.
const ORDER = {
  report: ['ok', 'tags', 'digest', 'imageId', 'release', 'gpu', 'pushed', 'dryRun', 'platforms', 'sources', 'saving'].concat([
    'durations',
    'cache',
    'bytesFetched',
    'dockerfile',
    'dockerfilePath',
    'error',
    'logTail',
  ]),
  platform: ['platform', 'size', 'uncompressedSize', 'parts'],
  part: ['name', 'kind', 'source', 'from', 'digests', 'size', 'uncompressedSize'],
  source: ['role', 'name', 'ref', 'size', 'uncompressedSize'],
  durations: ['resolve', 'fetch', 'build', 'push'],
  cache: ['cached', 'built'],
};

function ordered(value: object, keys: string[]): Record<string, unknown> {
  const src = value as Record<string, unknown>;
  const rest = Object.keys(src)
    .filter((k) => !keys.includes(k))
    .sort();
  const out: Record<string, unknown> = {};
  for (const k of [...keys, ...rest]) if (src[k] !== undefined) out[k] = src[k];
  return out;
}

/** The report for --json: stable key order, 2-space indent, trailing newline. */
export function renderJson(report: Report): string {
  const doc = ordered(
    {
      ...report,
      platforms: report.platforms.map((p) => ordered({ ...p, parts: p.parts.map((x) => ordered(x, ORDER.part)) }, ORDER.platform)),
      sources: report.sources.map((s) => ordered(s, ORDER.source)),
      durations: ordered(report.durations, ORDER.durations),
      cache: report.cache && ordered(report.cache, ORDER.cache),
    },
    ORDER.report,
  );
  return `${JSON.stringify(doc, null, 2)}\n`;
}
