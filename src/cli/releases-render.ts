// Renders the release facts: an aligned table for the terminal, JSON for machines and a
// Markdown table for the README. Pure.

export interface ReleaseFacts {
  version: string;
  triton: string;
  ubuntu: string;
  python: string;
  cudaMajor: number;
  dcgm: string;
  backends: string[];
  /** Branch of triton-inference-server/server the facts come from. */
  branch: string;
}

const HEAD = ['release', 'Triton', 'Ubuntu', 'Python', 'CUDA', 'DCGM', 'branch', 'backends'];

function cells(r: ReleaseFacts): string[] {
  return [r.version, r.triton, r.ubuntu, r.python, String(r.cudaMajor), r.dcgm, r.branch, r.backends.join(' ')];
}

export function renderReleasesText(rows: readonly ReleaseFacts[]): string {
  const table = [HEAD, ...rows.map(cells)];
  const widths = HEAD.map((_, i) => Math.max(...table.map((row) => row[i].length)));
  return table.map((row) => row.map((c, i) => (i === row.length - 1 ? c : c.padEnd(widths[i]))).join('  ')).join('\n') + '\n';
}

export function renderReleasesJson(rows: readonly ReleaseFacts[]): string {
  return JSON.stringify({ releases: rows }, null, 2) + '\n';
}

/** Rows with the same backends and DCGM as the previous say so, to keep the README readable. */
export function renderReleasesMarkdown(rows: readonly ReleaseFacts[]): string {
  const out = ['| release | Triton | Ubuntu / Python | CUDA | DCGM | backends | branch |', '|---|---|---|---|---|---|---|'];
  let previous = '';
  for (const r of rows) {
    const backends = r.backends.join(', ');
    out.push(
      `| ${r.version} | ${r.triton} | ${r.ubuntu} / ${r.python} | ${r.cudaMajor} | ${r.dcgm} | ${backends === previous ? '〃' : backends} | \`${r.branch}\` |`,
    );
    previous = backends;
  }
  return out.join('\n') + '\n';
}
