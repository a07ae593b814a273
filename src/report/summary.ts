// The GitHub job summary of a compose run: Markdown with a little inline HTML, as GitHub
// renders $GITHUB_STEP_SUMMARY. GitHub strips <svg> and style attributes, so bars are
// Unicode blocks. Every piece of user text goes through md(), code() or fence().
import type { PlatformReport, Report, TrimReport } from './types.js';
import {
  TRIM_LISTED,
  UNITS_NOTE,
  trimLine,
  assemblyLine,
  bar,
  cleanLine,
  cleanText,
  comparisonRows,
  durationList,
  selectiveLine,
  formatBytes,
  formatExactBytes,
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

const BAR_WIDTH = 20;
const STATUS_ICON = { succeeded: '✅', failed: '❌', 'dry run': '📝' } as const;

/** Plain inline text: HTML entities for <, > and &; backslashes for Markdown's syntax. */
function md(text: string): string {
  return cleanLine(text)
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/[\\`*_[\]|~]/g, '\\$&');
}

/**
 * An inline code span. Its content is never parsed (no entities needed); the delimiter is
 * one backtick longer than any run inside. In a table cell `|` still splits the row unless
 * escaped, and GFM removes that backslash before rendering the code.
 */
function code(text: string, inTable = false): string {
  let t = cleanLine(text);
  if (inTable) t = t.replace(/\|/g, '\\|');
  if (t.length === 0) return '';
  const tick = '`'.repeat(longestRun(t, '`') + 1);
  const pad = t.includes('`') || (t.startsWith(' ') && t.endsWith(' ')) ? ' ' : '';
  return `${tick}${pad}${t}${pad}${tick}`;
}

/** A fenced block whose fence is longer than any backtick run inside, so text can't close it. */
function fence(text: string, info: string): string {
  const body = cleanText(text).replace(/\n+$/, '');
  const f = '`'.repeat(Math.max(3, longestRun(body, '`') + 1));
  return `${f}${info}\n${body}\n${f}`;
}

function longestRun(text: string, ch: string): number {
  let best = 0;
  let run = 0;
  for (const c of text) {
    run = c === ch ? run + 1 : 0;
    best = Math.max(best, run);
  }
  return best;
}

function row(cells: string[]): string {
  return `| ${cells.join(' | ')} |`;
}

function header(report: Report): string {
  const status = statusWord(report);
  const lines = [`## Triton compose: ${STATUS_ICON[status]} ${status}`, ''];
  const tags = report.tags.length > 0 ? report.tags.map((t) => code(t)).join(', ') : '_untagged_';
  const pushed =
    status !== 'succeeded'
      ? ''
      : report.skipped
        ? ' (up to date: already holds this compose, nothing built)'
        : report.pushed
          ? ' (pushed)'
          : ' (not pushed)';
  lines.push(`- **Image:** ${tags}${pushed}`);
  if (report.digest) lines.push(`- **Digest:** ${code(report.digest)}`);
  else if (report.imageId) lines.push(`- **Image ID:** ${code(report.imageId)}`);
  const facts: string[] = [];
  if (report.release) facts.push(`**Release:** ${md(report.release)}`);
  facts.push(`**Variant:** ${report.gpu ? 'GPU' : 'CPU'}`);
  const platforms = report.platforms.map((p) => md(p.platform));
  if (platforms.length > 0) facts.push(`**Platform${platforms.length > 1 ? 's' : ''}:** ${platforms.join(', ')}`);
  lines.push(`- ${facts.join(' · ')}`);
  return lines.join('\n');
}

function failure(report: Report): string {
  const out: string[] = [];
  if (report.error) out.push(`**What failed:** ${md(report.error)}`);
  const tail = report.logTail ?? [];
  if (tail.length > 0) {
    const title = `Build log (last ${tail.length} line${tail.length === 1 ? '' : 's'})`;
    out.push(`<details open><summary>${title}</summary>\n\n${fence(tail.join('\n'), 'text')}\n\n</details>`);
  }
  return out.join('\n\n');
}

function partsTable(p: PlatformReport): string {
  const total = platformTotals(p);
  const largest = Math.max(0, ...p.parts.map((x) => x.size));
  const lines = [
    `### Parts (${md(p.platform)})`,
    '',
    row(['Part', 'Kind', 'Compressed', 'Uncompressed', 'Share', '']),
    row([':--', ':--', '--:', '--:', '--:', ':--']),
  ];
  for (const x of p.parts) {
    const s = share(x.size, total.size);
    lines.push(
      row([
        md(partLabel(x)),
        md(x.kind),
        formatBytes(x.size),
        formatBytes(x.uncompressedSize),
        s === undefined ? '–' : formatPercent(s),
        bar(x.size, largest, BAR_WIDTH),
      ]),
    );
  }
  const exact = (n: number) => `**${formatBytes(n)}**<br><sub>${formatExactBytes(n)}</sub>`;
  lines.push(row(['**Total**', '', exact(total.size), exact(total.uncompressedSize), '', '']));
  return lines.join('\n');
}

function comparison(report: Report): string {
  const rows = comparisonRows(report);
  if (rows.length === 0) return '';
  const largest = Math.max(...rows.map((r) => r.size));
  const several = report.platforms.length > 1;
  // No result row when the build failed before sizes were known: the sources alone.
  const title = rows[0].label === 'result' ? '### Result vs source images' : '### Source images';
  const lines = [title, '', row(['Image', 'Compressed', 'Uncompressed', ''])];
  lines.push(row([':--', '--:', '--:', ':--']));
  for (const r of rows) {
    // Several platforms: say which one the comparison (and Report.saving) is about.
    const which = several ? ` (${md(report.platforms[0].platform)})` : '';
    const label = r.label === 'result' ? `**Result**${which}` : `${r.label} ${code(shortRef(r.ref ?? ''), true)}`;
    const unc = r.uncompressedSize === undefined ? '–' : formatBytes(r.uncompressedSize);
    lines.push(row([label.trimEnd(), formatBytes(r.size), unc, bar(r.size, largest, BAR_WIDTH)]));
  }
  if (report.saving !== undefined) {
    const saved = savedBytes(report);
    const less = saved !== undefined && saved > 0 ? `: ${formatBytes(saved)} less to pull` : '';
    lines.push('', `**Saving: ${formatPercent(report.saving)}** of the full image's compressed size${less}.`);
  }
  return lines.join('\n');
}

/** The most libraries the summary lists (a job summary holds 1 MiB); --json carries them all. */
export const LIBRARIES_LISTED = 400;

/** trim: needed: every library that stays, and why, folded. */
function libraryList(libs: TrimReport['libraries']): string {
  if (!libs?.length) return '';
  const more = libs.length > LIBRARIES_LISTED ? ['', `and ${libs.length - LIBRARIES_LISTED} more: the report's JSON lists them all.`] : [];
  return [
    `<details><summary>Every library of min the loader finds by name that stays, and why (${libs.length})</summary>`,
    '',
    row(['Library', 'Bytes', 'Why']),
    row([':--', '--:', ':--']),
    ...libs.slice(0, LIBRARIES_LISTED).map((x) => row([code(x.path, true), formatBytes(x.size), md(x.reason)])),
    ...more,
    '',
    '</details>',
  ].join('\n');
}

function trimSection(t: TrimReport): string {
  const lines = [`### Trim (${md(t.platform)})`, '', md(trimLine(t)) + '.'];
  if (t.byReason.length > 0) {
    lines.push('', row(['Dropped', 'Files', 'Bytes']), row([':--', '--:', '--:']));
    for (const r of t.byReason) lines.push(row([md(r.reason), String(r.files), formatBytes(r.bytes)]));
  }
  if (t.byFamily?.length) {
    lines.push('', row(['Libraries no kept file loads', 'Files', 'Bytes']), row([':--', '--:', '--:']));
    for (const f of t.byFamily.slice(0, TRIM_LISTED)) lines.push(row([md(f.family), String(f.files), formatBytes(f.bytes)]));
  }
  const list = (title: string, items: TrimReport['dropped']) =>
    items.length === 0
      ? ''
      : [
          `<details><summary>${title}</summary>`,
          '',
          row(['File', 'Bytes', 'Why']),
          row([':--', '--:', ':--']),
          ...items.slice(0, TRIM_LISTED).map((x) => row([code(x.path, true), formatBytes(x.size), md(x.reason)])),
          '',
          '</details>',
        ].join('\n');
  const more = [
    list(`The ${TRIM_LISTED} largest files dropped`, t.dropped),
    list(`The ${TRIM_LISTED} largest files kept, and why`, t.kept),
    libraryList(t.libraries),
  ];
  return [lines.join('\n'), ...more].filter((x) => x.trim() !== '').join('\n\n');
}

function buildFacts(report: Report): string {
  const facts: string[] = [];
  const durations = durationList(report.durations);
  if (durations.length > 0) facts.push(`- **Duration:** ${durations.map(([k, v]) => `${k} ${v}`).join(' · ')}`);
  if (report.cache) {
    const { cached, built } = report.cache;
    facts.push(`- **Cache:** ${cached} step${cached === 1 ? '' : 's'} reused, ${built} built`);
  }
  if (report.bytesFetched !== undefined) facts.push(`- **Fetched:** ${formatBytes(report.bytesFetched)} from registries`);
  const built = assemblyLine(report);
  if (built) facts.push(`- **Built by:** ${md(built)}`);
  const selective = selectiveLine(report);
  if (selective) facts.push(`- **Source:** ${selective.replace(/^full image read selectively: /, 'the full image read selectively: ')}`);
  const sbom = sbomLine(report);
  if (sbom) facts.push(`- ${md(sbom).replace(/^SBOM:/, '**SBOM:**')}`);
  return facts.length > 0 ? `### Build\n\n${facts.join('\n')}` : '';
}

function runIt(report: Report): string {
  const command = planRunCommand(report);
  if (!command) return '';
  const note = 'Ports: 8000 HTTP, 8001 gRPC, 8002 metrics. Put your models in `./model_repository` (one folder per model).';
  return `### Run it\n\n${fence(command, 'sh')}\n\n${note}`;
}

function dockerfile(report: Report): string {
  if (report.dockerfile.trim() === '') return '';
  const where = report.dockerfilePath ? `Written to ${code(report.dockerfilePath)}.\n\n` : '';
  return `<details><summary>Dockerfile</summary>\n\n${where}${fence(report.dockerfile, 'dockerfile')}\n\n</details>`;
}

/** The job summary for $GITHUB_STEP_SUMMARY. Pure: the caller writes it. */
/** python-packages: each distribution copied, with its image and why it is there. */
function pythonSection(report: Report): string {
  if (!report.python?.length) return '';
  const lines = ['### Python distributions', '', row(['Distribution', 'Version', 'From', 'Why']), row([':--', ':--', ':--', ':--'])];
  for (const d of report.python) lines.push(row([md(d.name), md(d.version), d.source ? md(d.source) : 'full', md(d.why)]));
  if (report.pythonLibraries?.length) {
    lines.push('', 'What their native extensions load, brought with them:', '');
    lines.push(row(['Package or file', 'Version', 'From', 'Why']), row([':--', ':--', ':--', ':--']));
    for (const l of report.pythonLibraries)
      lines.push(row([md(l.package ?? l.path ?? ''), md(l.version ?? ''), l.source ? md(l.source) : 'full', md(l.why)]));
  }
  return lines.join('\n');
}

export function renderSummary(report: Report): string {
  const tables = report.platforms.filter((p) => p.parts.length > 0).map(partsTable);
  const compared = comparison(report);
  const sized = tables.length > 0 || compared !== '';
  const sections = [
    header(report),
    report.ok ? '' : failure(report),
    ...tables,
    ...(report.trim ?? []).map(trimSection),
    pythonSection(report),
    compared,
    buildFacts(report),
    runIt(report),
    dockerfile(report),
    sized ? `<sub>${UNITS_NOTE} Compressed: what a pull downloads; uncompressed: the layers on disk.</sub>` : '',
  ];
  return `${sections.filter((s) => s !== '').join('\n\n')}\n`;
}
