// `triton-compose releases --container-version`: the release table's facts for one release
// beside what its images say, each fact the two disagree on marked; for a release the table
// does not know, the images' facts alone. Comparison and renderings (text, JSON) are pure.
import type { ReleaseImageFacts } from '../compose/release-images.js';
import type { ReleaseFacts } from './releases-render.js';

export interface TableFacts extends ReleaseFacts {
  repoagents: string[];
  caches: string[];
}

type Value = string | number | boolean | string[] | null;

/** A fact the table and the images disagree on, with both values as the JSON form gives them. */
export interface Mismatch {
  fact: string;
  table: Value;
  image: Value;
}

export interface ReleaseComparison {
  version: string;
  platform: string;
  images: { full: string; min: string };
  /** The table's row, or null for a release the table does not know. */
  table: TableFacts | null;
  image: ReleaseImageFacts;
  mismatches: Mismatch[];
  /** The releases the table knows, first and last, for the note on a release it does not. */
  known: { first: string; last: string };
}

interface Fact {
  key: string;
  label: string;
  table: (t: TableFacts) => Value;
  image: (i: ReleaseImageFacts) => Value;
  /** Whether the image's value agrees with the table's; absent: the table has no such fact. */
  agrees?: (t: Value, i: Value) => boolean;
}

const same = (t: Value, i: Value) => JSON.stringify(t) === JSON.stringify(i);
const sameSet = (t: Value, i: Value) => Array.isArray(t) && Array.isArray(i) && same([...t].sort(), [...i].sort());

const FACTS: readonly Fact[] = [
  { key: 'release', label: 'release', table: (t) => t.version, image: (i) => i.release ?? null, agrees: same },
  { key: 'triton', label: 'Triton', table: (t) => t.triton, image: (i) => i.triton ?? null, agrees: same },
  { key: 'ubuntu', label: 'Ubuntu', table: (t) => t.ubuntu, image: (i) => i.ubuntu ?? null, agrees: same },
  { key: 'python', label: 'Python', table: (t) => t.python, image: (i) => i.python ?? null, agrees: same },
  // The table knows the CUDA major; the image its full version.
  {
    key: 'cuda',
    label: 'CUDA',
    table: (t) => t.cudaMajor,
    image: (i) => i.cuda ?? null,
    agrees: (t, i) => typeof i === 'string' && i.split('.')[0] === String(t),
  },
  { key: 'dcgm', label: 'DCGM', table: (t) => t.dcgm, image: (i) => i.dcgm ?? null, agrees: same },
  { key: 'gpu', label: 'GPU', table: () => null, image: (i) => i.gpu },
  { key: 'backends', label: 'backends', table: (t) => t.backends, image: (i) => i.backends, agrees: sameSet },
  { key: 'repoagents', label: 'repoagents', table: (t) => t.repoagents, image: (i) => i.repoagents, agrees: sameSet },
  { key: 'caches', label: 'caches', table: (t) => t.caches, image: (i) => i.caches, agrees: sameSet },
];

/** The facts the table and the images disagree on, in the table's order (a fact an image does not tell disagrees). */
export function planMismatches(table: TableFacts, image: ReleaseImageFacts): Mismatch[] {
  const out: Mismatch[] = [];
  for (const f of FACTS) {
    const [t, i] = [f.table(table), f.image(image)];
    if (f.agrees && !f.agrees(t, i)) out.push({ fact: f.key, table: t, image: i });
  }
  return out;
}

function cell(v: Value): string {
  if (v === null) return '—';
  if (Array.isArray(v)) return v.length ? v.join(' ') : '(none)';
  if (typeof v === 'boolean') return v ? 'yes' : 'no';
  return String(v);
}

function align(rows: string[][]): string[] {
  const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => r[i].length)));
  return rows.map((r) =>
    r
      .map((c, i) => (i === r.length - 1 ? c : c.padEnd(widths[i])))
      .join('  ')
      .trimEnd(),
  );
}

export function renderComparisonText(c: ReleaseComparison): string {
  const head = [`${c.version} on ${c.platform}, read from its images:`, `  full  ${c.images.full}`, `  min   ${c.images.min}`, ''];
  const { table } = c;
  if (!table) {
    const note = `${c.version} is not in the release table (${c.known.first} … ${c.known.last}): the images' facts alone, as a compose would take them.`;
    const rows = align([['fact', 'image'], ...FACTS.map((f) => [f.label, cell(f.image(c.image))])]);
    return [...head, note, '', ...rows, ''].join('\n');
  }
  const differs = new Set(c.mismatches.map((m) => m.fact));
  const rows = align([
    ['', 'fact', `table (${table.branch})`, 'image'],
    ...FACTS.map((f) => [differs.has(f.key) ? '≠' : '', f.label, f.agrees ? cell(f.table(table)) : '', cell(f.image(c.image))]),
  ]);
  const labels = FACTS.filter((f) => differs.has(f.key)).map((f) => f.label);
  const summary = labels.length
    ? `≠: the images and the table disagree on ${labels.length === 1 ? '1 fact' : `${labels.length} facts`}: ${labels.join(', ')}.`
    : `The images agree with the table on every fact.`;
  return [...head, ...rows, '', summary, ''].join('\n');
}

export function renderComparisonJson(c: ReleaseComparison): string {
  const { version, platform, images, table, image, mismatches } = c;
  return JSON.stringify({ version, platform, images, known: table !== null, table, image, mismatches }, null, 2) + '\n';
}
