// `triton-compose releases [--json]`: every NGC release the release table knows, with the facts
// a compose depends on and the server-repo branch they were read from. Also the rows the
// README's release table is generated from (scripts/release-table.ts).
import { ERAS, RELEASES } from '../spec/releases.js';
import { type ReleaseFacts, renderReleasesJson, renderReleasesText } from './releases-render.js';

export function planReleaseFacts(): ReleaseFacts[] {
  return RELEASES.map((r) => ({
    version: r.version,
    triton: r.triton,
    ubuntu: ERAS[r.era].ubuntu,
    python: ERAS[r.era].python,
    cudaMajor: r.cudaMajor,
    dcgm: r.dcgm,
    backends: [...r.backends],
    branch: r.branch,
  }));
}

export const RELEASES_HELP = `Usage: npx triton-compose releases [--json]

List the NGC releases the release table knows (--container-version accepts these), with the
Triton version, Ubuntu, Python, CUDA major, DCGM, backends and the server-repo branch each
row was read from. --json prints them as {"releases": [...]} for scripts.
`;

/** Runs the subcommand with the arguments after `releases`; returns the exit code. */
export function runReleases(
  argv: string[],
  out: (text: string) => void = (text) => process.stdout.write(text),
  err: (text: string) => void = (text) => process.stderr.write(text),
): number {
  if (argv.includes('-h') || argv.includes('--help')) {
    out(RELEASES_HELP);
    return 0;
  }
  const unknown = argv.filter((a) => a !== '--json');
  if (unknown.length) {
    err(`error: releases: unexpected argument ${JSON.stringify(unknown[0])}; it takes only --json\n`);
    return 2;
  }
  const rows = planReleaseFacts();
  out(argv.includes('--json') ? renderReleasesJson(rows) : renderReleasesText(rows));
  return 0;
}
