// The benchmark's scenarios as data: what each one composes, with which tool, from which cache,
// and which baseline its ratios are taken against. Pure: the runner (run.ts) interprets it.

export type Tool = 'baseline' | 'action';
export type CacheMode = 'registry' | 'local';
/** The action's `source`: byte ranges of the full image, or BuildKit's COPY --from it. */
export type Source = 'selective' | 'buildkit';

export interface Scenario {
  id: string;
  title: string;
  tool: Tool;
  /** Part sets composed in a row on one builder (one for most, four for a matrix). */
  partSets: string[][];
  /** The scenario whose run of the same round is the denominator of this one's ratios. */
  baseline?: string;
  /**
   * A warm run: an unmeasured compose first exports this cache, then builder state and local
   * images are removed, and the measured compose imports it (and exports to a new place, as a
   * CI job would).
   */
  cache?: CacheMode;
  /** The action's source (`--source`); the baseline has none. */
  source?: Source;
  /** `--assembly buildx`: the selective source's parts built by Buildx instead of written directly. */
  assembly?: 'buildx';
  /**
   * A warm layer index: an unmeasured compose of the first part set first fills the tool cache
   * (layer indexes and tables of contents), then builder state and local images are removed,
   * so the measured compose starts with nothing warm but the index.
   */
  warmIndex?: boolean;
  /**
   * With warmIndex: keep the seeding compose's piece records (it pushed to the same
   * repository), so the measured compose finds its part layers there and fetches none. Without
   * it the records are removed and every part is read by ranges.
   */
  records?: boolean;
  /**
   * With warmIndex: the seeding compose and the measured one keep layer indexes and piece
   * records in an index repository (`--index-repository`), and the tool cache is emptied
   * in between, as a fresh hosted runner starts.
   */
  freshRunner?: boolean;
  /** `--trim`: the base trimmed (the result's size is the figure to read). */
  trim?: 'safe' | 'needed';
  /**
   * The result goes to a second registry of its own (started empty for the run, behind a link
   * of the same shape), as a compose from nvcr.io into ghcr.io does: min's layers cannot be
   * mounted there, so they cross the link down and up. A warm index is seeded into the test
   * bed's registry, so the measured compose still has to copy them.
   */
  otherRegistry?: boolean;
  /** CLI flags the scenario needs; when `--help` lacks one, it is skipped with that reason. */
  requires?: string[];
}

export type ProfileName = 'default' | 'scale' | 'busybox' | 'large';

export interface Profile {
  name: ProfileName;
  /**
   * The fixtures that hold its images, each with digests no test image shares: the real-binary
   * family's bench and scale profiles (scripts/real-fixtures.ts) or the busybox family's
   * (scripts/fixtures.ts).
   */
  fixtures: 'real-bench' | 'real-scale' | 'bench' | 'large';
  release: string;
  full: string; // repository:tag under the registry
  min: string;
}

export const PROFILES: Record<ProfileName, Profile> = {
  default: {
    name: 'default',
    fixtures: 'real-bench',
    release: '24.01',
    full: 'real/tritonserver:24.01-py3-bench',
    min: 'real/tritonserver:24.01-py3-min-bench',
  },
  scale: {
    name: 'scale',
    fixtures: 'real-scale',
    release: '24.01',
    full: 'real/tritonserver:24.01-py3-scale',
    min: 'real/tritonserver:24.01-py3-min-scale',
  },
  busybox: {
    name: 'busybox',
    fixtures: 'bench',
    release: '24.01',
    full: 'tritonserver:24.01-py3-bench',
    min: 'tritonserver:24.01-py3-min-bench',
  },
  large: {
    name: 'large',
    fixtures: 'large',
    release: '24.01',
    full: 'tritonserver:24.01-py3-large',
    min: 'tritonserver:24.01-py3-min-large',
  },
};

/** The command that builds (or finds present) a profile's fixture images. */
export function fixturesCommand(profile: Profile): string[] {
  if (profile.fixtures === 'real-bench') return ['scripts/real-fixtures.ts', '--profile', 'bench'];
  if (profile.fixtures === 'real-scale') return ['scripts/real-fixtures.ts', '--profile', 'scale'];
  return ['scripts/fixtures.ts', '--profile', profile.fixtures];
}

const ONE = [['onnxruntime', 'python']];
/** Four part sets of one release, as a workflow's matrix would list them. */
const MATRIX = [['onnxruntime'], ['onnxruntime', 'python'], ['python', 'pytorch'], ['onnxruntime', 'tensorrt']];
const SOURCE = ['--source'];
const ASSEMBLY = ['--source', '--assembly'];
const CACHE_FLAGS = ['--cache-from', '--cache-to', ...SOURCE];

export const SCENARIOS: Scenario[] = [
  { id: 'baseline', title: 'compose.py way: docker pull + docker build + docker push', tool: 'baseline', partSets: ONE },
  {
    id: 'cold',
    title: 'this action, cold (buildkit source; empty builder, no local images)',
    tool: 'action',
    source: 'buildkit',
    partSets: ONE,
    baseline: 'baseline',
    requires: SOURCE,
  },
  {
    id: 'warm-registry',
    title: 'this action, warm from a registry cache (buildkit source)',
    tool: 'action',
    source: 'buildkit',
    partSets: ONE,
    baseline: 'baseline',
    cache: 'registry',
    requires: CACHE_FLAGS,
  },
  {
    id: 'warm-local',
    title: 'this action, warm from a local cache folder (buildkit source)',
    tool: 'action',
    source: 'buildkit',
    partSets: ONE,
    baseline: 'baseline',
    cache: 'local',
    requires: CACHE_FLAGS,
  },
  {
    id: 'selective-cold',
    title: 'this action, cold (selective source, written directly; no layer index)',
    tool: 'action',
    source: 'selective',
    partSets: ONE,
    baseline: 'baseline',
    requires: SOURCE,
  },
  {
    id: 'selective-warm',
    title: 'this action, selective source written directly, with a warm layer index and no piece records',
    tool: 'action',
    source: 'selective',
    partSets: ONE,
    baseline: 'baseline',
    warmIndex: true,
    requires: SOURCE,
  },
  {
    id: 'selective-rerun',
    title: 'this action, the same compose again into the same repository (layer index and piece records warm)',
    tool: 'action',
    source: 'selective',
    partSets: ONE,
    baseline: 'baseline',
    warmIndex: true,
    records: true,
    requires: SOURCE,
  },
  {
    id: 'selective-fresh-runner',
    title:
      'this action, the same compose again into the same repository from an empty tool cache, with layer indexes and piece records in an index repository (--index-repository)',
    tool: 'action',
    source: 'selective',
    partSets: ONE,
    baseline: 'baseline',
    warmIndex: true,
    freshRunner: true,
    requires: [...SOURCE, '--index-repository'],
  },
  {
    id: 'selective-buildx',
    title: 'this action, cold, selective source built with Buildx (--assembly buildx; empty builder, no local images, no layer index)',
    tool: 'action',
    source: 'selective',
    assembly: 'buildx',
    partSets: ONE,
    baseline: 'baseline',
    requires: ASSEMBLY,
  },
  {
    id: 'selective-trim-safe',
    title: 'this action, as selective-warm with --trim safe (the base written anew without what serving never opens)',
    tool: 'action',
    source: 'selective',
    trim: 'safe',
    partSets: ONE,
    baseline: 'baseline',
    warmIndex: true,
    requires: [...SOURCE, '--trim'],
  },
  {
    id: 'selective-trim-needed',
    title: "this action, as selective-warm with --trim needed (safe, and min's libraries no kept file can load)",
    tool: 'action',
    source: 'selective',
    trim: 'needed',
    partSets: ONE,
    baseline: 'baseline',
    warmIndex: true,
    requires: [...SOURCE, '--trim'],
  },
  {
    id: 'baseline-cross',
    title: 'compose.py way into another registry: docker pull + docker build + docker push to a second registry',
    tool: 'baseline',
    partSets: ONE,
    otherRegistry: true,
  },
  {
    id: 'selective-cold-cross',
    title: "this action, as selective-cold into another registry (min's layers copied across, from the streams that list them)",
    tool: 'action',
    source: 'selective',
    partSets: ONE,
    baseline: 'baseline-cross',
    otherRegistry: true,
    requires: SOURCE,
  },
  {
    id: 'selective-warm-cross',
    title: "this action, as selective-warm into another registry (min's layers copied across)",
    tool: 'action',
    source: 'selective',
    partSets: ONE,
    baseline: 'baseline-cross',
    warmIndex: true,
    otherRegistry: true,
    requires: SOURCE,
  },
  { id: 'matrix-baseline', title: 'compose.py way, four part sets in a row', tool: 'baseline', partSets: MATRIX },
  {
    id: 'matrix',
    title: 'this action, four part sets in a row on one builder (buildkit source)',
    tool: 'action',
    source: 'buildkit',
    partSets: MATRIX,
    baseline: 'matrix-baseline',
    requires: SOURCE,
  },
  {
    id: 'selective-matrix',
    title:
      'this action, four part sets in a row into one repository (selective source written directly; index warm after the first, shared parts reused)',
    tool: 'action',
    source: 'selective',
    partSets: MATRIX,
    baseline: 'matrix-baseline',
    requires: SOURCE,
  },
  {
    id: 'selective-matrix-trim-safe',
    title: 'this action, as selective-matrix with --trim safe (the trimmed base written once, shared by the four sets)',
    tool: 'action',
    source: 'selective',
    trim: 'safe',
    partSets: MATRIX,
    baseline: 'matrix-baseline',
    requires: [...SOURCE, '--trim'],
  },
  {
    id: 'selective-matrix-trim-needed',
    title:
      'this action, as selective-matrix with --trim needed (each set keeps the libraries it can load; sets that need the same share the base)',
    tool: 'action',
    source: 'selective',
    trim: 'needed',
    partSets: MATRIX,
    baseline: 'matrix-baseline',
    requires: [...SOURCE, '--trim'],
  },
];

/**
 * What --smoke runs: one tiny part set, the baseline and a cold selective compose, once. It
 * proves the harness (runs, byte attribution, the three outputs); the buildkit source's cold
 * compose, which doubled its time, is measured by the full runs and compared file by file with
 * the other assemblies in the integration tests.
 */
export const SMOKE: Scenario[] = [
  { id: 'baseline', title: 'compose.py way (smoke)', tool: 'baseline', partSets: [['identity']] },
  {
    id: 'selective-cold',
    title: 'this action, cold, selective source (smoke)',
    tool: 'action',
    source: 'selective',
    partSets: [['identity']],
    baseline: 'baseline',
    requires: SOURCE,
  },
];

/**
 * The scenarios to run, in order: the ones asked for, plus the baselines they are measured
 * against (a ratio needs its baseline's run of the same round).
 */
export function selectScenarios(all: Scenario[], ids: string[] | undefined): Scenario[] {
  if (!ids) return all;
  const known = new Set(all.map((s) => s.id));
  const unknown = ids.filter((id) => !known.has(id));
  if (unknown.length) throw new Error(`--scenarios: unknown ${unknown.join(', ')}; known: ${[...known].join(', ')}`);
  const want = new Set(ids);
  for (const s of all) if (want.has(s.id) && s.baseline) want.add(s.baseline);
  return all.filter((s) => want.has(s.id));
}

/** Why a scenario cannot run with this CLI, or undefined when it can. */
export function skipReason(s: Scenario, help: string): string | undefined {
  const missing = (s.requires ?? []).filter((flag) => !new RegExp(`(^|\\s)${flag.replace(/-/g, '\\-')}(\\s|=|$)`, 'm').test(help));
  return missing.length ? `the CLI has no ${missing.join(' / ')} flag yet (node dist/cli/index.js --help)` : undefined;
}

/** Docker's --cache-from / --cache-to values for a warm run's import, and where it exports. */
export function planCache(
  mode: CacheMode,
  where: { registryRef: string; localDir: string },
  phase: 'seed' | 'measure',
): { from: string[]; to: string[] } {
  if (mode === 'registry') {
    const seed = `type=registry,ref=${where.registryRef}`;
    if (phase === 'seed') return { from: [], to: [`${seed},mode=max`] };
    return { from: [seed], to: [`type=registry,ref=${where.registryRef}-next,mode=max`] };
  }
  if (phase === 'seed') return { from: [], to: [`type=local,dest=${where.localDir},mode=max`] };
  return { from: [`type=local,src=${where.localDir}`], to: [`type=local,dest=${where.localDir}-next,mode=max`] };
}
