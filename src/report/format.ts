// Units, bars and text clean-up shared by the job summary (summary.ts) and the terminal
// table (report.ts), so both say the same numbers the same way.
import type { TrimReport, Report, SourceImageReport, StageDurations } from './types.js';

// SI, as `docker images` and registries' UIs count: 1 MB = 10^6 bytes.
const UNITS = ['B', 'kB', 'MB', 'GB', 'TB', 'PB'];
export const UNITS_NOTE = 'Sizes in SI units: 1 kB = 1000 B, 1 MB = 10^6 B, 1 GB = 10^9 B.';

/** Bytes in SI units with one decimal: "512 B", "58.2 MB". */
export function formatBytes(n: number): string {
  if (!Number.isFinite(n)) return '?';
  if (n < 0) return `-${formatBytes(-n)}`;
  if (Math.round(n) < 1000) return `${Math.round(n)} B`;
  let unit = 1;
  let value = n / 1000;
  // Step up on the rounded value, so 999,960 B reads "1.0 MB", not "1000.0 kB".
  while (unit < UNITS.length - 1 && Number(value.toFixed(1)) >= 1000) {
    unit++;
    value /= 1000;
  }
  return `${value.toFixed(1)} ${UNITS[unit]}`;
}

/** Exact bytes with thousands separators, for when the rounding matters: "90,815,474 B". */
export function formatExactBytes(n: number): string {
  return `${String(Math.round(n)).replace(/\B(?=(\d{3})+(?!\d))/g, ',')} B`;
}

/** Milliseconds for people: "350 ms", "1.2 s", "2 min 5 s", "1 h 3 min". */
export function formatDuration(ms: number): string {
  const t = Number.isFinite(ms) ? Math.max(0, ms) : 0;
  if (Math.round(t) < 1000) return `${Math.round(t)} ms`;
  if (Number((t / 1000).toFixed(1)) < 60) return `${(t / 1000).toFixed(1)} s`;
  const s = Math.round(t / 1000);
  if (s < 3600) return s % 60 === 0 ? `${s / 60} min` : `${Math.floor(s / 60)} min ${s % 60} s`;
  const min = Math.floor((s % 3600) / 60);
  return min === 0 ? `${Math.floor(s / 3600)} h` : `${Math.floor(s / 3600)} h ${min} min`;
}

export function formatPercent(p: number): string {
  return `${p.toFixed(1)}%`;
}

/** `part` of `whole` in percent, or undefined when the whole is unknown. */
export function share(part: number, whole: number): number | undefined {
  return whole > 0 ? (part / whole) * 100 : undefined;
}

const EIGHTHS = ['', '▏', '▎', '▍', '▌', '▋', '▊', '▉'];

/** A bar of Unicode blocks, `width` cells for `max`; eighth blocks give sub-cell steps. */
export function bar(value: number, max: number, width: number): string {
  if (!(value > 0) || !(max > 0) || width <= 0) return '';
  const eighths = Math.round((Math.min(value, max) / max) * width * 8);
  // A part that exists never vanishes: at least one eighth.
  const n = Math.max(1, eighths);
  return '█'.repeat(Math.floor(n / 8)) + EIGHTHS[n % 8];
}

// ANSI/OSC sequences, other C0/C1 controls, and bidi overrides (which can make text read
// differently than it is); tabs stay. Build logs carry colour codes, and neither a
// terminal nor a summary should let user text carry control sequences.
const CONTROL =
  // eslint-disable-next-line no-control-regex
  /\u001b\[[0-?]*[ -/]*[@-~]|\u001b\][^\u0007\u001b]*(?:\u0007|\u001b\\)?|[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g;

/** Text without control sequences, one line kept as one line. */
export function cleanLine(text: string): string {
  return text.replace(/[\r\n]+/g, ' ').replace(CONTROL, '');
}

/** Lines of text (a Dockerfile, a log) without control sequences. */
export function cleanText(text: string): string {
  return text.replace(/\r\n?/g, '\n').replace(CONTROL, '');
}

/** "name@sha256:<12 hex>…": enough to tell images apart without a 64-digit wall. */
export function shortRef(ref: string): string {
  return ref.replace(/(@sha256:[0-9a-f]{12})[0-9a-f]{52}\b/, '$1…');
}

export function statusWord(report: Report): 'succeeded' | 'failed' | 'dry run' {
  if (!report.ok) return 'failed';
  return report.dryRun ? 'dry run' : 'succeeded';
}

/** Known stage durations in run order, as [stage, "1.2 s"]; plus the total when several. */
export function durationList(d: StageDurations): [string, string][] {
  const known = (['resolve', 'fetch', 'assemble', 'build', 'push'] as const).filter((k) => d[k] !== undefined);
  const list: [string, string][] = known.map((k) => [k, formatDuration(d[k] as number)]);
  if (known.length > 1) list.push(['total', formatDuration(known.reduce((t, k) => t + (d[k] as number), 0))]);
  return list;
}

/** Who wrote the image and why, in one line (undefined when not known, e.g. a skipped run). */
export function assemblyLine(report: Report): string | undefined {
  const a = report.assembly;
  if (!a || report.skipped) return undefined;
  const sent = report.uploaded !== undefined ? `; ${formatBytes(report.uploaded)} uploaded` : '';
  const trimmed = (report.trim ?? []).some((t) => t.layers.some((l) => l.trimmed));
  const min = trimmed ? "min's layers mounted, or trimmed from byte ranges of them" : "min's layers never pulled";
  if (a.mode === 'direct') return `written directly to the registry (no engine, no BuildKit; ${min})${sent}`;
  return `Buildx (${a.reason})${sent}`;
}

/** How a selective compose read the full image, in one line (undefined for the buildkit source). */
export function selectiveLine(report: Report): string | undefined {
  const s = report.selective;
  if (!s) return undefined;
  const cold = s.coldLayers.length;
  const streamed = s.coldLayers.reduce((n, l) => n + l.size, 0);
  const parts = [
    `${formatBytes(s.rangeBytes)} by ${s.ranges} range${s.ranges === 1 ? '' : 's'} (${s.files} file${s.files === 1 ? '' : 's'})`,
  ];
  if (cold > 0) parts.push(`${cold} layer${cold === 1 ? '' : 's'} streamed once to index (${formatBytes(streamed)})`);
  if (s.warmLayers > 0) parts.push(`${s.warmLayers} indexed layer${s.warmLayers === 1 ? '' : 's'} reused`);
  if (s.reusedLayers) parts.push(`${s.reusedLayers} part layer${s.reusedLayers === 1 ? '' : 's'} already in the repository, not fetched`);
  parts.push(`${s.sharedLayers} shared with min skipped`);
  return `full image read selectively: ${parts.join(', ')}`;
}

export interface ComparisonRow {
  label: string; // "result", "min", "GPU min", "full"
  ref?: string;
  size: number;
  uncompressedSize?: number;
}

const ROLE_LABEL: Record<SourceImageReport['role'], string> = { min: 'min', 'gpu-min': 'GPU min', full: 'full', source: 'source' };
const ROLE_ORDER: SourceImageReport['role'][] = ['min', 'gpu-min', 'full', 'source'];

/** A source as the report names it: its role, and a sources input's image by its name too. */
export const sourceLabel = (s: Pick<SourceImageReport, 'role' | 'name'>): string =>
  s.role === 'source' && s.name ? `source ${s.name}` : ROLE_LABEL[s.role];

/** A part as the report names it: `name@source` when it comes from a sources input's image; an add entry from an image, with where from. */
export const partLabel = (p: { name: string; source?: string; from?: string }): string =>
  p.from ? `${p.name} from ${p.from}` : p.source ? `${p.name}@${p.source}` : p.name;

/**
 * Result (first platform, as Report.saving is) then sources from smallest role to full;
 * none without a source of known size, since a result compared with nothing says nothing.
 */
export function comparisonRows(report: Report): ComparisonRow[] {
  const sources: ComparisonRow[] = [];
  for (const role of ROLE_ORDER) {
    for (const s of report.sources.filter((x) => x.role === role && x.size > 0)) {
      sources.push({ label: sourceLabel(s), ref: s.ref, size: s.size, uncompressedSize: s.uncompressedSize });
    }
  }
  const first = report.platforms[0] ? platformTotals(report.platforms[0]) : undefined;
  if (sources.length === 0 || !first || !(first.size > 0)) return sources;
  return [{ label: 'result', size: first.size, uncompressedSize: first.uncompressedSize }, ...sources];
}

/** Bytes the result saves against the full image, when both are known. */
export function savedBytes(report: Report): number | undefined {
  const full = report.sources.find((s) => s.role === 'full');
  const first = report.platforms[0] ? platformTotals(report.platforms[0]) : undefined;
  return full && first && full.size > 0 && first.size > 0 ? full.size - first.size : undefined;
}

/** A platform's total: the manifest's sum, or the parts' when that is not known (failures). */
export function platformTotals(p: Report['platforms'][number]): { size: number; uncompressedSize: number } {
  const sum = (f: (x: (typeof p.parts)[number]) => number) => p.parts.reduce((t, x) => t + f(x), 0);
  return {
    size: p.size > 0 ? p.size : sum((x) => x.size),
    uncompressedSize: p.uncompressedSize > 0 ? p.uncompressedSize : sum((x) => x.uncompressedSize),
  };
}

/** Triton's ports: HTTP, gRPC, metrics. */
const TRITON_PORTS = [8000, 8001, 8002];

/**
 * How to start the result: a `docker run` of Triton's own quick start, pinned by digest where
 * the result was pushed (a tag can move), with GPUs for a GPU image, the three ports and a
 * model repository mounted at /models. Undefined when nothing runnable was made.
 */
export function planRunCommand(report: Report): string | undefined {
  if (!report.ok || report.dryRun) return undefined;
  const name = report.tags[0]?.replace(/(@[^@]*)$/, '');
  let image: string | undefined;
  if (name && report.digest && (report.pushed || report.skipped)) image = `${name.replace(/:[^:/]*$/, '')}@${report.digest}`;
  else image = name ?? report.imageId;
  if (!image) return undefined;
  const ports = TRITON_PORTS.map((p) => `-p ${p}:${p}`).join(' ');
  const gpus = report.gpu ? ' --gpus=all' : '';
  return `docker run --rm${gpus} ${ports} -v "$PWD/model_repository:/models" ${image} tritonserver --model-repository=/models`;
}

/** What the SBOM lists against the full image, and where it went: one line, or undefined without an SBOM. */
export function sbomLine(report: Report): string | undefined {
  const s = report.sbom;
  if (!s) return undefined;
  const trimmed = s.trimmedPackages ? `, ${s.trimmedPackages} of min's left out: the trim dropped all their files` : '';
  const kept = `SBOM: ${s.packages} Debian packages and ${s.distributions} Python distributions (the full image has ${s.fullPackages} and ${s.fullDistributions}${trimmed})`;
  return s.referrer ? `${kept}; attached to the image as ${s.referrer}` : kept;
}

/** How many of the largest dropped and kept files the summary and the terminal list (--json has all). */
export const TRIM_LISTED = 10;

/** A trim in one line: what was dropped of min, and what the base became. */
export function trimLine(t: TrimReport): string {
  const dropped = t.bytes - t.keptBytes;
  const files = t.dropped.length;
  const before = t.layers.reduce((n, l) => n + l.size, 0);
  const written = t.layers.some((l) => l.trimmed);
  const after = t.layers.reduce((n, l) => n + (l.trimmed?.size ?? l.size), 0);
  const base = written
    ? `; base ${formatBytes(before)} → ${formatBytes(after)} compressed (${formatPercent((100 * (before - after)) / before)} less)`
    : '';
  return `trim: ${t.level} dropped ${formatBytes(dropped)} of min's ${formatBytes(t.bytes)} (${files} file${files === 1 ? '' : 's'})${base}`;
}
