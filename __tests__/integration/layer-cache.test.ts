// Selective mode's per-layer cache files against the real @actions/cache and a local stand-in
// of the Actions cache service (twirp + azurite): what the post step saves, one entry per
// layer, comes back byte for byte on a fresh runner, an index is added when a layer cached as
// min's turns up as full's own, and a second writer or a dead service never fails a run.
// Needs no test bed: everything runs on 127.0.0.1.
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdir, mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { type AddressInfo, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  type LayerRestoreResult,
  type LayerSaveResult,
  type PendingLayer,
  formatPending,
  planLayerKeys,
} from '../../src/cache/actions-layer-store.js';
import { type CacheService, startCacheService } from '../helpers/cache-service.js';
import { layerCacheFiles } from '../../src/layer/cache-files.js';

// Each step is a process of its own: about a second alone, tens of seconds on a busy CI
// machine. The timeout catches a hang only.
const STEPS = 120_000;

const cli = fileURLToPath(new URL('../helpers/layer-cache-cli.ts', import.meta.url));
const repoRoot = fileURLToPath(new URL('../..', import.meta.url));
// A runner's env is all the action gets: nothing of this machine's own Actions settings.
const hostEnv = Object.fromEntries(
  Object.entries(process.env).filter(([k]) => !/^(ACTIONS_|GITHUB_|RUNNER_)/.test(k) && k !== 'NODE_OPTIONS'),
);

interface Run<T> {
  result: T;
  stdout: string;
  warnings: string[];
}

function runCli<T>(env: Record<string, string>, args: string[]): Promise<Run<T>> {
  return new Promise((resolve, reject) => {
    execFile(
      process.execPath,
      ['--import', 'tsx', cli, ...args],
      { cwd: repoRoot, env: { ...hostEnv, ...env }, maxBuffer: 16 << 20 },
      (err, stdout, stderr) => {
        if (err) return reject(new Error(`layer-cache-cli ${args[0]} failed: ${err.message}\n${stdout}\n${stderr}`));
        const lines = stdout.trim().split('\n');
        resolve({
          result: JSON.parse(lines[lines.length - 1] ?? '') as T,
          stdout,
          warnings: lines.filter((l) => l.startsWith('::warning::')),
        });
      },
    );
  });
}

const restore = (env: Record<string, string>, dir: string, digests: string[]) =>
  runCli<LayerRestoreResult>(env, ['restore', dir, JSON.stringify(digests)]);
const save = (env: Record<string, string>, dir: string, pending: PendingLayer[]) =>
  runCli<LayerSaveResult>(env, ['save', dir, formatPending(pending)]);

const FULL_OWN = `sha256:${randomBytes(32).toString('hex')}`;
const MINS = `sha256:${randomBytes(32).toString('hex')}`;
const keys = (digest: string) => planLayerKeys(digest) ?? { index: '', toc: '' };
const exists = (p: string) =>
  stat(p).then(
    () => true,
    () => false,
  );

describe('layer cache store with @actions/cache and a local cache service', () => {
  let service: CacheService;
  let work: string;
  let dir: string;
  /** What the run wrote, by path, to compare restored files with. */
  const written = new Map<string, Buffer>();

  /** As a run leaves a layer: a table of contents, and for full's own layers an index. */
  async function writeLayer(digest: string, index: boolean): Promise<void> {
    const [toc, idx] = layerCacheFiles(dir, digest) as [string, string];
    await mkdir(dir, { recursive: true });
    for (const [path, size] of index
      ? ([
          [toc, 3000],
          [idx, 300_000],
        ] as const)
      : ([[toc, 3000]] as const)) {
      const data = randomBytes(size);
      await writeFile(path, data);
      written.set(path, data);
    }
  }

  async function expectRestored(digest: string, index: boolean): Promise<void> {
    const [toc, idx] = layerCacheFiles(dir, digest) as [string, string];
    expect(await readFile(toc)).toEqual(written.get(toc));
    if (index) expect(await readFile(idx)).toEqual(written.get(idx));
    else expect(await exists(idx)).toBe(false);
  }

  beforeAll(async () => {
    service = await startCacheService();
    work = await mkdtemp(join(tmpdir(), 'layer-cache-test-'));
    // One fixed path, as in the action: @actions/cache puts the paths in the cache version.
    dir = join(work, 'tool-cache', 'triton-compose', 'toc');
  }, 60_000);

  afterAll(async () => {
    await service?.stop();
    if (work) await rm(work, { recursive: true, force: true });
  }, STEPS);

  test(
    'a cold run saves one entry per layer; a fresh runner gets the files back byte for byte',
    async () => {
      const cold = await restore(service.env, dir, [FULL_OWN, MINS]);
      expect(cold.result).toEqual({
        available: true,
        layers: 2,
        present: 0,
        restoredIndex: 0,
        restoredToc: 0,
        pending: [
          { digest: FULL_OWN, held: 'none' },
          { digest: MINS, held: 'none' },
        ],
      });
      expect(cold.warnings).toEqual([]);
      for (const d of [FULL_OWN, MINS]) for (const p of layerCacheFiles(dir, d)) expect(await exists(p)).toBe(false);

      // The run indexes full's own layer and lists min's.
      await writeLayer(FULL_OWN, true);
      await writeLayer(MINS, false);
      const saved = await save(service.env, dir, cold.result.pending);
      expect(saved.warnings).toEqual([]);
      expect(saved.result.failed).toEqual([]);
      expect([...saved.result.saved].sort()).toEqual([keys(FULL_OWN).index, keys(MINS).toc].sort());
      expect(
        service
          .entries()
          .map((e) => [e.key, e.finalized])
          .sort(),
      ).toEqual(
        [
          [keys(FULL_OWN).index, true],
          [keys(MINS).toc, true],
        ].sort(),
      );

      // A fresh runner: an empty tool cache at the same path.
      await rm(dir, { recursive: true });
      const warm = await restore(service.env, dir, [FULL_OWN, MINS]);
      if (warm.warnings.length) console.log(warm.stdout);
      expect(warm.warnings).toEqual([]);
      expect(warm.result).toMatchObject({ present: 0, restoredIndex: 1, restoredToc: 1, pending: [{ digest: MINS, held: 'toc' }] });
      await expectRestored(FULL_OWN, true);
      await expectRestored(MINS, false);

      // Nothing new this time: the post step writes nothing.
      const none = await save(service.env, dir, warm.result.pending);
      expect(none.result).toEqual({ saved: [], failed: [] });
    },
    STEPS * 4,
  );

  test(
    "a layer cached as min's gets its index saved when another compose reads it as full's own",
    async () => {
      const r = await restore(service.env, dir, [MINS]);
      expect(r.result).toMatchObject({ restoredToc: 1, pending: [{ digest: MINS, held: 'toc' }] });
      await writeLayer(MINS, true);
      expect((await save(service.env, dir, r.result.pending)).result).toEqual({ saved: [keys(MINS).index], failed: [] });
      // Both kinds are saved with the same path list, so they share one cache version and one
      // restore call finds either.
      const versions = service
        .entries()
        .filter((e) => e.key.includes(MINS.slice(7)))
        .map((e) => e.version);
      expect(versions).toHaveLength(2);
      expect(versions[0]).toBe(versions[1]);

      await rm(dir, { recursive: true });
      const again = await restore(service.env, dir, [MINS, FULL_OWN]);
      expect(again.result).toMatchObject({ restoredIndex: 2, restoredToc: 0, pending: [] });
      await expectRestored(MINS, true);
      await expectRestored(FULL_OWN, true);
    },
    STEPS * 3,
  );

  test(
    "a second job saving the same layer is refused without a warning; a branch reads the default branch's entries",
    async () => {
      const before = service.entries().length;
      const twice = await save(service.env, dir, [{ digest: FULL_OWN, held: 'none' }]);
      expect(twice.result).toEqual({ saved: [], failed: [keys(FULL_OWN).index] });
      expect(twice.warnings).toEqual([]);
      expect(twice.stdout).toContain(`layer-cache: the cache service did not take ${keys(FULL_OWN).index}`);
      expect(service.entries()).toHaveLength(before);

      await rm(dir, { recursive: true });
      const feature = await restore(service.envFor('refs/heads/feature'), dir, [FULL_OWN]);
      expect(feature.result).toMatchObject({ restoredIndex: 1, pending: [] });
      await expectRestored(FULL_OWN, true);
    },
    STEPS * 2,
  );

  test(
    'a cache service that is down is never a failure (a warning when restoring)',
    async () => {
      const port = await new Promise<number>((resolve) => {
        const s = createServer().listen(0, '127.0.0.1', () => {
          const p = (s.address() as AddressInfo).port;
          s.close(() => resolve(p));
        });
      });
      const down = { ...service.env, ACTIONS_RESULTS_URL: `http://127.0.0.1:${port}/` };
      const other = `sha256:${randomBytes(32).toString('hex')}`;

      await rm(dir, { recursive: true, force: true });
      const r = await restore(down, dir, [other]);
      expect(r.result).toMatchObject({ available: true, pending: [{ digest: other, held: 'none' }] });
      expect(r.warnings.join('\n')).toMatch(/^::warning::Failed to restore: .*ECONNREFUSED/m);

      await writeLayer(other, true);
      // @actions/cache 6 reports a reservation that could not be made, for any reason, as the
      // same info line as a refused one (another job saving the key), so a dead service at save
      // time is info lines too, not a warning per layer: no failure either way.
      const s = await save(down, dir, r.result.pending);
      expect(s.result).toEqual({ saved: [], failed: [keys(other).index] });
      expect(s.stdout).toContain(`layer-cache: the cache service did not take ${keys(other).index}`);
    },
    STEPS * 2,
  );
});
