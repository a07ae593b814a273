// Drill: a direct-assembly compose killed with SIGKILL at ten moments, each caught the moment it
// happens: by a line of its progress on stderr, or by the request the recording proxy reports
// (no fixed sleeps). In the cold pass (empty cache folder), in the warm pass (layer indexes
// cached, layers still to build) and around the manifest. After each kill the tag names either
// nothing or a whole image, and the same command run again succeeds with the digest of one
// undisturbed run. Moments run two at a time through one proxy, each pushing to a repository of
// its own; one that watches the full image's reads reads it under a path of its own (kp<i>/, the
// same image), the others straight from the test bed. Min keeps one name: the base label holds it.
import { cp, rm } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { RegistryClient } from '../../src/registry/client.js';
import { type FaultProxy, type FaultRule, type ProxiedRequest, startFaultProxy } from '../helpers/fault-proxy.js';
import {
  FIXTURES,
  type ComposeResult,
  type ComposeSpec,
  type Parts,
  type Pins,
  type TagState,
  pinFixtures,
  RUN_ID,
  digestOf,
  leftovers,
  makeDirs,
  readTagState,
  runCompose,
  startCompose,
} from '../helpers/drills.js';

// Five part layers (core, runtime-deps, serve, identity, checksum) and range reads, little to pack.
const PARTS: Parts = { backends: ['identity'], repoagents: ['checksum'] };
/** Moments run at once: a compose keeps about one core busy. */
const LANES = 2;
const client = new RegistryClient();
const upload = /\/blobs\/uploads\//;
const manifest = /\/manifests\//;
const count = (log: ProxiedRequest[], method: string, path: RegExp) => log.filter((e) => e.method === method && path.test(e.path)).length;

interface KillPoint {
  name: string;
  /** cold: an empty cache folder; warm: the layer indexes of the undisturbed run, no piece records. */
  cache: 'cold' | 'warm';
  /** The full image is read through the proxy (to see or break those reads); else straight from the test bed. */
  seesSource?: boolean;
  /** Faults for this moment's own requests only; paths after its repository (`^blobs/`). */
  rules?: FaultRule[];
  line?: RegExp;
  request?: (log: ProxiedRequest[]) => boolean;
}

const POINTS: KillPoint[] = [
  { name: 'the cold pass starts', cache: 'cold', line: /no cached index; streaming it once/ },
  {
    name: 'mid-stream of a whole layer',
    cache: 'cold',
    seesSource: true,
    request: (log) => log.some((e) => e.method === 'GET' && !e.range && /\/blobs\//.test(e.path) && e.bytes > 20_000_000),
  },
  { name: 'the first part layer is written', cache: 'cold', line: /^linux\/amd64 \S+: \d+ entries/ },
  { name: 'the first blob PATCH arrives', cache: 'cold', request: (log) => count(log, 'PATCH', upload) >= 1 },
  { name: 'the first blob upload is closed (PUT)', cache: 'cold', request: (log) => count(log, 'PUT', upload) >= 1 },
  {
    name: 'mid-range GET',
    cache: 'warm',
    seesSource: true,
    rules: [{ method: 'GET', path: /^blobs\//, ranged: true, fault: { kind: 'stall', afterBytes: 10_000, ms: 5_000 } }],
    request: (log) => log.some((e) => e.fault === 'stall' && e.bytes > 0),
  },
  { name: 'the second blob PATCH arrives', cache: 'warm', request: (log) => count(log, 'PATCH', upload) >= 2 },
  { name: 'between layers (the third blob PUT)', cache: 'warm', request: (log) => count(log, 'PUT', upload) >= 3 },
  {
    name: 'the manifest PUT arrives (held back)',
    cache: 'warm',
    rules: [{ method: 'PUT', path: /^manifests\//, fault: { kind: 'delay', ms: 3_000 } }],
    request: (log) => log.some((e) => e.method === 'PUT' && manifest.test(e.path) && e.fault === 'delay'),
  },
  {
    name: 'the manifest PUT is answered',
    cache: 'warm',
    request: (log) => log.some((e) => e.method === 'PUT' && manifest.test(e.path) && e.status === 201),
  },
];

interface Outcome {
  killed: ComposeResult;
  after: TagState;
  rerun: ComposeResult;
  final: TagState;
}

let proxy: FaultProxy;
let pins: Pins;
let expected: string;
/** Each moment's outcome, settled (a failure is thrown in that moment's test, not as an unhandled rejection). */
let outcomes: Promise<{ ok: Outcome } | { error: unknown }>[] = [];
const roots: string[] = [];
/** Who hears the proxy: each running moment, by the paths that are its own. */
const listeners = new Set<(entry: ProxiedRequest) => void>();

const source = (i: number | 'base') => `/v2/kp${i}/tritonserver/`;
const target = (i: number | 'base') => `/v2/drills/kill-${RUN_ID}-${i}/`;
const spec = (i: number | 'base', dirs: { cacheHome: string; tempDir: string }): ComposeSpec => ({
  source: proxy.host,
  // Only the moments that watch the full image's reads pay for carrying them through the proxy.
  fullSource: i !== 'base' && POINTS[i].seesSource ? `${proxy.host}/kp${i}` : FIXTURES,
  pins,
  tag: `${proxy.host}/drills/kill-${RUN_ID}-${i}:t`,
  parts: PARTS,
  ...dirs,
});
const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
/** A rule that matches only moment i's requests. */
const scoped = (rule: FaultRule, i: number): FaultRule => ({
  ...rule,
  path: new RegExp(`^(?:${escape(source(i))}|${escape(target(i))})${rule.path.source.replace(/^\^/, '')}`),
});

/** At most `lanes` jobs at once, in the order they are queued. */
function planLanes(lanes: number): <T>(job: () => Promise<T>) => Promise<T> {
  let running = 0;
  const waiting: (() => void)[] = [];
  return async (job) => {
    if (running >= lanes) await new Promise<void>((r) => waiting.push(r));
    running++;
    try {
      return await job();
    } finally {
      running--;
      waiting.shift()?.();
    }
  };
}

async function runPoint(point: KillPoint, i: number, warmCache: string | undefined): Promise<Outcome> {
  const dirs = await makeDirs(`kill-${i}`);
  roots.push(dirname(dirs.cacheHome));
  if (warmCache) await cp(warmCache, dirs.cacheHome, { recursive: true });
  const s = spec(i, dirs);
  const removeRules = proxy.addRules((point.rules ?? []).map((r) => scoped(r, i)));
  const own: ProxiedRequest[] = [];
  const seen = new Set<ProxiedRequest>();
  const run = startCompose(s, (line) => {
    if (point.line?.test(line)) run.child.kill('SIGKILL');
  });
  const hear = (e: ProxiedRequest) => {
    if (!seen.has(e)) {
      if (!e.path.startsWith(source(i)) && !e.path.startsWith(target(i))) return;
      seen.add(e);
      own.push(e);
    }
    if (point.request?.(own)) run.child.kill('SIGKILL');
  };
  listeners.add(hear);
  const killed = await run.done.finally(() => {
    listeners.delete(hear);
    removeRules();
  });
  const after = await readTagState(client, s.tag);
  const left = await leftovers(dirs.tempDir);
  console.log(
    `${point.name}: killed after ${killed.ms} ms; tag ${after.digest ?? 'absent'}; left in TMPDIR: ${left.join(', ') || 'nothing'}`,
  );
  const rerun = await runCompose(s);
  const final = await readTagState(client, s.tag);
  const still = await leftovers(dirs.tempDir);
  console.log(`${point.name}: the rerun took ${rerun.ms} ms; TMPDIR then holds: ${still.join(', ') || 'nothing'}`);
  return { killed, after, rerun, final };
}

beforeAll(async () => {
  proxy = await startFaultProxy('http://127.0.0.1:5000', [], { rewrite: (path) => path.replace(/^\/v2\/kp[^/]+\//, '/v2/') });
  proxy.onChange = (entry) => listeners.forEach((hear) => hear(entry));
  pins = await pinFixtures(client);
  const lane = planLanes(LANES);
  // The undisturbed run, once: its digest is every rerun's, its layer indexes the warm moments' start.
  const base = lane(async () => {
    const dirs = await makeDirs('kill-base');
    roots.push(dirname(dirs.cacheHome));
    const run = await runCompose(spec('base', dirs));
    console.log(`the undisturbed run took ${run.ms} ms`);
    // The warm start: the layer indexes and configs, without the records of built layers.
    await rm(join(dirs.cacheHome, 'triton-compose', 'toc', 'pieces'), { recursive: true, force: true });
    return { digest: digestOf(run), warmCache: dirs.cacheHome };
  });
  // Cold moments first: they need nothing of the undisturbed run, so they overlap it.
  const order = [...POINTS.keys()].sort((a, b) => Number(POINTS[a].cache === 'warm') - Number(POINTS[b].cache === 'warm'));
  const settled = new Map<number, (typeof outcomes)[number]>();
  for (const i of order) {
    const point = POINTS[i];
    const job = lane(async () => runPoint(point, i, point.cache === 'warm' ? (await base).warmCache : undefined));
    settled.set(
      i,
      job.then(
        (ok) => ({ ok }),
        (error: unknown) => ({ error }),
      ),
    );
  }
  outcomes = POINTS.map((_, i) => settled.get(i)!);
  expected = (await base).digest;
});
afterAll(async () => {
  await Promise.all(outcomes); // nothing left running when the proxy closes
  await proxy.close();
  for (const r of roots) await rm(r, { recursive: true, force: true });
});

test.each(POINTS.map((p, i) => ({ ...p, i })))('SIGKILL when $name: no broken tag, the rerun gives the same digest', async (point) => {
  const outcome = await outcomes[point.i];
  if ('error' in outcome) throw outcome.error;
  const { killed, after, rerun, final } = outcome.ok;
  expect(killed.signal).toBe('SIGKILL'); // the moment came before the compose ended
  expect(after.missing).toEqual([]);
  if (after.digest) expect(after.digest).toBe(expected);
  expect(digestOf(rerun)).toBe(expected);
  expect(final).toMatchObject({ digest: expected, missing: [] });
});
