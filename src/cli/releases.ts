// `triton-compose releases [--json]`: every NGC release the release table knows, with the facts
// a compose depends on and the server-repo branch they were read from (also the rows of the
// README's release table, scripts/release-table.ts). With --container-version (or the images
// themselves), one release's facts as its images tell them, beside the table's.
import { defaultPlatform } from '../compose/context.js';
import { readReleaseImages } from '../compose/release-images.js';
import { formatReference } from '../oci/reference.js';
import type { RegistryClient } from '../registry/client.js';
import { CACHES, ERAS, RELEASES, REPOAGENTS, findRelease } from '../spec/releases.js';
import { InputError } from '../spec/lists.js';
import { parseSpec } from '../spec/spec.js';
import type { RawInputs, Spec } from '../spec/types.js';
import { message } from '../util/errors.js';
import { parseCliArgs } from './args.js';
import { type ReleaseComparison, type TableFacts, planMismatches, renderComparisonJson, renderComparisonText } from './releases-compare.js';
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

/** The table's facts for one release, with the repository agents and caches every release ships; null when it does not know it. */
export function planTableFacts(version: string): TableFacts | null {
  const row = findRelease(version) && planReleaseFacts().find((r) => r.version === version);
  return row ? { ...row, repoagents: [...REPOAGENTS], caches: [...CACHES] } : null;
}

export const RELEASES_HELP = `Usage: npx triton-compose releases [--json]
       npx triton-compose releases --container-version YY.MM [--full-image REF --min-image REF] [--platforms P] [--json]

List the NGC releases the release table knows (--container-version accepts these), with the
Triton version, Ubuntu, Python, CUDA major, DCGM, backends and the server-repo branch each
row was read from. --json prints them as {"releases": [...]} for scripts.

With --container-version, resolve that release's full and min images (NGC's, or the ones
--full-image and --min-image, or --image full,… and --image min,…, name) and read what they
tell: Triton version, Ubuntu, Python, CUDA, DCGM, GPU, backends, repository agents, caches.
Those are printed beside the table's facts, each fact they disagree on marked ≠; for a release
the table does not know, the images' facts alone. Only manifests, configs and layer listings
are read (cached as a compose caches them); nothing is pulled. --platforms names the one
platform to read (default: this machine's). --json prints {"table", "image", "mismatches", …}.
`;

export interface ReleasesDeps {
  out: (text: string) => void;
  err: (text: string) => void;
  /** The registry client, made only when images are read. */
  createRegistry: () => RegistryClient;
  /** Where layer listings are cached (the compose's folder). */
  cacheDir: string;
}

/** The flags --container-version mode takes: the inputs naming the images, and --json. */
const IMAGE_INPUTS = ['container-version', 'full-image', 'min-image', 'platforms'] as const;
const FLAGS = ['--json', ...IMAGE_INPUTS.map((i) => `--${i}`), '--image'];

/** The image inputs of the command line, or undefined when it asks for the table alone. */
function parseImageInputs(argv: string[]): RawInputs | undefined {
  for (const a of argv) {
    if (a.startsWith('-') && !FLAGS.includes(a.split('=')[0])) {
      throw new InputError(JSON.stringify(a), `unexpected argument; releases takes only ${FLAGS.join(', ')}`);
    }
  }
  const { inputs } = parseCliArgs(argv);
  const picked: RawInputs = {};
  for (const i of IMAGE_INPUTS) if (inputs[i] !== undefined) picked[i] = inputs[i];
  return Object.keys(picked).length ? picked : undefined;
}

function checkOnePlatform(spec: Spec): string {
  if (spec.platforms.length > 1) throw new InputError('platforms', 'releases reads one platform at a time');
  return spec.platforms[0] ?? defaultPlatform();
}

async function runImageFacts(spec: Spec, platform: string, json: boolean, deps: ReleasesDeps): Promise<number> {
  const version = spec.version ?? '';
  let read;
  try {
    read = await readReleaseImages(deps.createRegistry(), spec, platform, deps.cacheDir);
  } catch (err) {
    const names = `${formatReference(spec.images.full)} and ${formatReference(spec.images.min)}`;
    deps.err(`error: releases: cannot read the images ${names} (${platform}): ${message(err)}\n`);
    return 1;
  }
  const release = version || read.facts.release || '';
  const table = planTableFacts(release);
  const comparison: ReleaseComparison = {
    version: release,
    platform,
    images: { full: read.full, min: read.min },
    table,
    image: read.facts,
    mismatches: table ? planMismatches(table, read.facts) : [],
    known: { first: RELEASES[0].version, last: RELEASES[RELEASES.length - 1].version },
  };
  deps.out(json ? renderComparisonJson(comparison) : renderComparisonText(comparison));
  return 0;
}

/** Runs the subcommand with the arguments after `releases`; returns the exit code. */
export async function runReleases(argv: string[], deps: ReleasesDeps): Promise<number> {
  if (argv.includes('-h') || argv.includes('--help')) {
    deps.out(RELEASES_HELP);
    return 0;
  }
  const json = argv.includes('--json');
  let images: { spec: Spec; platform: string } | undefined;
  try {
    const inputs = parseImageInputs(argv);
    const spec = inputs && parseSpec(inputs);
    images = spec && { spec, platform: checkOnePlatform(spec) };
  } catch (err) {
    deps.err(`error: releases: ${message(err)}\n`);
    return 2;
  }
  if (images) return runImageFacts(images.spec, images.platform, json, deps);
  const rows = planReleaseFacts();
  deps.out(json ? renderReleasesJson(rows) : renderReleasesText(rows));
  return 0;
}
