// Drill: a direct-assembly compose killed with SIGKILL at ten moments, found by its progress on
// stderr and by the requests a recording proxy sees: in the cold pass (empty cache folder), in
// the warm pass (layer indexes cached, layers still to build) and around the manifest. After
// each kill the tag names either nothing or a whole image, and the same command run again
// succeeds with the digest of an undisturbed run. What a killed run leaves in its temp folder
// is printed (cleanup of killed runs is not asserted here).
import { cp, rm } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { RegistryClient } from '../../src/registry/client.js';
import { type FaultProxy, type FaultRule, type ProxiedRequest, startFaultProxy } from '../helpers/fault-proxy.js';
import {
  type ComposeSpec,
  type Parts,
  type Pins,
  pinFixtures,
  RUN_ID,
  digestOf,
  leftovers,
  makeDirs,
  readTagState,
  runCompose,
  startCompose,
} from '../helpers/drills.js';

const PARTS: Parts = { backends: ['identity', 'python'], repoagents: ['checksum'] };
const client = new RegistryClient();
const upload = /\/blobs\/uploads\//;
const manifest = /\/manifests\//;
const count = (log: ProxiedRequest[], method: string, path: RegExp) => log.filter((e) => e.method === method && path.test(e.path)).length;

interface KillPoint {
  name: string;
  /** cold: an empty cache folder; warm: the layer indexes of the undisturbed run, no piece records. */
  cache: 'cold' | 'warm';
  rules?: FaultRule[];
  line?: RegExp;
  request?: (log: ProxiedRequest[]) => boolean;
}

const POINTS: KillPoint[] = [
  { name: 'the cold pass starts', cache: 'cold', line: /no cached index; streaming it once/ },
  {
    name: 'mid-stream of a whole layer',
    cache: 'cold',
    request: (log) => log.some((e) => e.method === 'GET' && !e.range && /\/blobs\//.test(e.path) && e.bytes > 20_000_000),
  },
  { name: 'the first part layer is written', cache: 'cold', line: /^linux\/amd64 \S+: \d+ entries/ },
  { name: 'the first blob PATCH arrives', cache: 'cold', request: (log) => count(log, 'PATCH', upload) >= 1 },
  { name: 'the first blob upload is closed (PUT)', cache: 'cold', request: (log) => count(log, 'PUT', upload) >= 1 },
  {
    name: 'mid-range GET',
    cache: 'warm',
    rules: [{ method: 'GET', path: /\/blobs\//, ranged: true, fault: { kind: 'stall', afterBytes: 10_000, ms: 5_000 } }],
    request: (log) => log.some((e) => e.fault === 'stall' && e.bytes > 0),
  },
  { name: 'the second blob PATCH arrives', cache: 'warm', request: (log) => count(log, 'PATCH', upload) >= 2 },
  { name: 'between layers (the third blob PUT)', cache: 'warm', request: (log) => count(log, 'PUT', upload) >= 3 },
  {
    name: 'the manifest PUT arrives (held back)',
    cache: 'warm',
    rules: [{ method: 'PUT', path: manifest, fault: { kind: 'delay', ms: 3_000 } }],
    request: (log) => count(log, 'PUT', manifest) >= 1,
  },
  {
    name: 'the manifest PUT is answered',
    cache: 'warm',
    request: (log) => log.some((e) => e.method === 'PUT' && manifest.test(e.path) && e.status === 201),
  },
];

let proxy: FaultProxy;
let pins: Pins;
let expected: string;
let warmCache: string;
const roots: string[] = [];
const spec = (repo: string, dirs: { cacheHome: string; tempDir: string }): ComposeSpec => ({
  source: proxy.host,
  pins,
  tag: `${proxy.host}/drills/${repo}:t`,
  parts: PARTS,
  ...dirs,
});

beforeAll(async () => {
  proxy = await startFaultProxy('http://127.0.0.1:5000');
  pins = await pinFixtures(client);
  const dirs = await makeDirs('kill-base');
  roots.push(dirname(dirs.cacheHome));
  expected = digestOf(await runCompose(spec(`kill-${RUN_ID}-base`, dirs)));
  // The warm start: the layer indexes and configs, without the records of built layers.
  warmCache = dirs.cacheHome;
  await rm(join(warmCache, 'triton-compose', 'toc', 'pieces'), { recursive: true, force: true });
});
afterAll(async () => {
  await proxy.close();
  for (const r of roots) await rm(r, { recursive: true, force: true });
});

test.each(POINTS.map((p, i) => ({ ...p, i })))('SIGKILL when $name: no broken tag, the rerun gives the same digest', async (point) => {
  const dirs = await makeDirs(`kill-${point.i}`);
  roots.push(dirname(dirs.cacheHome));
  if (point.cache === 'warm') await cp(warmCache, dirs.cacheHome, { recursive: true });
  const s = spec(`kill-${RUN_ID}-${point.i}`, dirs);
  proxy.log.length = 0;
  proxy.rules = point.rules ?? [];
  const run = startCompose(s, (line) => {
    if (point.line?.test(line)) run.child.kill('SIGKILL');
  });
  const watch = setInterval(() => point.request?.(proxy.log) && run.child.kill('SIGKILL'), 2);
  const killed = await run.done.finally(() => clearInterval(watch));
  proxy.rules = [];
  expect(killed.signal).toBe('SIGKILL'); // the moment came before the compose ended

  const after = await readTagState(client, s.tag);
  expect(after.missing).toEqual([]);
  if (after.digest) expect(after.digest).toBe(expected);
  const left = await leftovers(dirs.tempDir);
  console.log(
    `${point.name}: killed after ${killed.ms} ms; tag ${after.digest ?? 'absent'}; left in TMPDIR: ${left.join(', ') || 'nothing'}`,
  );

  const rerun = await runCompose(s);
  expect(digestOf(rerun)).toBe(expected);
  const final = await readTagState(client, s.tag);
  expect(final).toMatchObject({ digest: expected, missing: [] });
  const still = await leftovers(dirs.tempDir);
  if (still.length) console.log(`${point.name}: after the rerun TMPDIR still holds: ${still.join(', ')}`);
});
