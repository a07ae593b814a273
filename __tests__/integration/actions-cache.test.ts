// The build cache store against the real @actions/cache and a local stand-in of the Actions
// cache service (twirp + azurite): what is saved comes back byte for byte, by exact key and
// by restore-key prefix, newest first, scoped by branch; a dead service only warns.
// Needs no test bed: everything runs on 127.0.0.1.
import { execFile } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { mkdir, mkdtemp, readFile, readdir, rm, stat, writeFile } from 'node:fs/promises';
import { type AddressInfo, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type CacheKeys, type RestoreResult, type SaveResult, planCacheKeys } from '../../src/cache/build-cache-store.js';
import { type CacheService, startCacheService } from '../helpers/cache-service.js';

// Each step is a process of its own: about a second alone, but tens of seconds in CI, where
// this file runs beside the engine lane on a busy machine. The timeout catches a hang only.
const STEPS = 120_000;

const cli = fileURLToPath(new URL('../helpers/build-cache-cli.ts', import.meta.url));
const repoRoot = fileURLToPath(new URL('../..', import.meta.url));

interface Run<T> {
  result: T;
  stdout: string;
  warnings: string[];
}

// A runner's env is all the action gets: nothing of this machine's own Actions settings.
const hostEnv = Object.fromEntries(
  Object.entries(process.env).filter(([k]) => !/^(ACTIONS_|GITHUB_|RUNNER_)/.test(k) && k !== 'NODE_OPTIONS'),
);

function runCli<T>(env: Record<string, string>, args: string[]): Promise<Run<T>> {
  return new Promise((resolve, reject) => {
    execFile(
      process.execPath,
      ['--import', 'tsx', cli, ...args],
      { cwd: repoRoot, env: { ...hostEnv, ...env }, maxBuffer: 16 << 20 },
      (err, stdout, stderr) => {
        if (err) return reject(new Error(`build-cache-cli ${args[0]} failed: ${err.message}\n${stdout}\n${stderr}`));
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

const restore = (env: Record<string, string>, dir: string, keys: CacheKeys) =>
  runCli<RestoreResult>(env, ['restore', dir, JSON.stringify(keys)]);
const save = (env: Record<string, string>, dir: string, key: string, restoredKey?: string) =>
  runCli<SaveResult>(env, ['save', dir, key, ...(restoredKey ? [restoredKey] : [])]);

/** Relative path → sha256 of the content (or `dir`), for byte-for-byte comparison. */
async function snapshot(dir: string): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  const walk = async (d: string): Promise<void> => {
    for (const e of await readdir(d, { withFileTypes: true })) {
      const p = join(d, e.name);
      if (e.isDirectory()) {
        out[relative(dir, p)] = 'dir';
        await walk(p);
      } else {
        out[relative(dir, p)] = createHash('sha256')
          .update(await readFile(p))
          .digest('hex');
      }
    }
  };
  await walk(dir);
  return out;
}

// Shaped like a BuildKit local cache export (OCI layout), with incompressible blobs so the
// archive is not trivially small.
async function writeCacheFolder(dir: string, seed: string): Promise<void> {
  await mkdir(join(dir, 'blobs', 'sha256'), { recursive: true });
  await writeFile(join(dir, 'index.json'), JSON.stringify({ schemaVersion: 2, seed }));
  await writeFile(join(dir, 'oci-layout'), '{"imageLayoutVersion":"1.0.0"}');
  await writeFile(join(dir, 'blobs', 'sha256', `big-${seed}`), randomBytes(1 << 20));
  await writeFile(join(dir, 'blobs', 'sha256', `small-${seed}`), randomBytes(1000));
  await writeFile(join(dir, 'blobs', 'sha256', 'empty'), '');
}

const exists = (p: string) =>
  stat(p).then(
    () => true,
    () => false,
  );

const keysOf = (runId: string, parts = ['onnxruntime', 'python'], release = '24.01') =>
  planCacheKeys({ release, parts, platform: 'linux/amd64', runId, runAttempt: '1' });

describe('build cache store with @actions/cache and a local cache service', () => {
  let service: CacheService;
  let work: string;
  let dir: string;

  beforeAll(async () => {
    service = await startCacheService();
    work = await mkdtemp(join(tmpdir(), 'actions-cache-test-'));
    // One fixed path, as in the action: @actions/cache puts the path in the cache version.
    dir = join(work, 'buildkit', 'cache');
  }, 60_000);

  afterAll(async () => {
    await service?.stop();
    if (work) await rm(work, { recursive: true, force: true });
  }, STEPS);

  test(
    'save, then restore by exact key and by prefix, byte for byte',
    async () => {
      const run1 = keysOf('1001');
      await writeCacheFolder(dir, 'one');
      const saved = await snapshot(dir);

      const s = await save(service.env, dir, run1.key);
      expect(s.result).toEqual({ saved: true, key: run1.key, cacheId: 1 });
      expect(s.warnings).toEqual([]);
      expect(service.entries()).toEqual([
        expect.objectContaining({ key: run1.key, scope: 'refs/heads/main', finalized: true, sizeBytes: expect.any(Number) }),
      ]);
      expect(service.entries()[0]!.sizeBytes).toBeGreaterThan(1 << 20);

      await rm(dir, { recursive: true });
      const exact = await restore(service.env, dir, run1);
      expect(exact.result).toEqual({ hit: 'exact', key: run1.key });
      expect(await snapshot(dir)).toEqual(saved);

      // The next run of the same part set starts from this run's cache.
      await rm(dir, { recursive: true });
      const prefix = await restore(service.env, dir, keysOf('1002'));
      expect(prefix.result).toEqual({ hit: 'prefix', key: run1.key });
      expect(prefix.warnings).toEqual([]);
      expect(await snapshot(dir)).toEqual(saved);
    },
    STEPS,
  );

  test(
    'the newest entry of a prefix wins; another part set falls back to the release',
    async () => {
      await rm(dir, { recursive: true, force: true });
      await writeCacheFolder(dir, 'two');
      const newer = await snapshot(dir);
      expect((await save(service.env, dir, keysOf('1003').key)).result).toMatchObject({ saved: true });

      await rm(dir, { recursive: true });
      expect((await restore(service.env, dir, keysOf('1004'))).result).toEqual({ hit: 'prefix', key: keysOf('1003').key });
      expect(await snapshot(dir)).toEqual(newer);

      await rm(dir, { recursive: true });
      expect((await restore(service.env, dir, keysOf('1005', ['pytorch']))).result).toEqual({ hit: 'prefix', key: keysOf('1003').key });
      expect(await snapshot(dir)).toEqual(newer);
    },
    STEPS,
  );

  test(
    'a miss leaves the folder alone and does not warn',
    async () => {
      await rm(dir, { recursive: true, force: true });
      const miss = await restore(service.env, dir, keysOf('1006', ['onnxruntime'], '25.01'));
      expect(miss.result).toEqual({ hit: 'none' });
      expect(miss.warnings).toEqual([]);
      expect(await exists(dir)).toBe(false);
    },
    STEPS,
  );

  test(
    'save skips an exact hit, an empty folder, and a key that exists',
    async () => {
      const run1 = keysOf('1001');
      expect((await save(service.env, dir, run1.key, run1.key)).result).toEqual({
        saved: false,
        reason: `${run1.key} was restored as an exact hit`,
      });

      await mkdir(join(work, 'empty'), { recursive: true });
      const empty = await save(service.env, join(work, 'empty'), keysOf('1007').key);
      expect(empty.result).toEqual({ saved: false, reason: `${join(work, 'empty')} is missing or empty` });
      expect(empty.warnings).toEqual([]);

      // The service answers 409 to a second writer of one key; it stays a warning.
      await writeCacheFolder(dir, 'three');
      const before = service.entries().length;
      const again = await save(service.env, dir, run1.key);
      expect(again.result).toEqual({
        saved: false,
        reason: `the cache service did not take ${run1.key} (an entry may already exist; see above)`,
      });
      expect(again.warnings).toEqual([
        `::warning::build-cache: not saved: the cache service did not take ${run1.key} (an entry may already exist; see above)`,
      ]);
      expect(service.entries()).toHaveLength(before);
    },
    STEPS,
  );

  test(
    'a branch reads the default branch cache; the default branch does not read a branch',
    async () => {
      const feature = service.envFor('refs/heads/feature');
      await rm(dir, { recursive: true, force: true });
      expect((await restore(feature, dir, keysOf('2001'))).result).toEqual({ hit: 'prefix', key: keysOf('1003').key });

      await writeCacheFolder(dir, 'feature');
      expect((await save(feature, dir, keysOf('2001', ['python']).key)).result).toMatchObject({ saved: true });
      await rm(dir, { recursive: true });
      expect((await restore(service.env, dir, keysOf('2002', ['python']))).result).toEqual({ hit: 'prefix', key: keysOf('1003').key });
    },
    STEPS,
  );

  test(
    'a cache service that is down is a warning, not a failure',
    async () => {
      // A port that was just free: connections are refused, as from a service that is gone.
      const port = await new Promise<number>((resolve) => {
        const s = createServer().listen(0, '127.0.0.1', () => {
          const p = (s.address() as AddressInfo).port;
          s.close(() => resolve(p));
        });
      });
      const down = { ...service.env, ACTIONS_RESULTS_URL: `http://127.0.0.1:${port}/` };

      await rm(dir, { recursive: true, force: true });
      const r = await restore(down, dir, keysOf('3001'));
      expect(r.result).toEqual({ hit: 'none' });
      expect(r.warnings.join('\n')).toMatch(/^::warning::Failed to restore: .*ECONNREFUSED/m);

      await writeCacheFolder(dir, 'down');
      const s = await save(down, dir, keysOf('3001').key);
      expect(s.result).toMatchObject({ saved: false });
      expect(s.warnings.length).toBeGreaterThan(0);
    },
    STEPS,
  );

  test(
    'no cache service in the env: a warning, and nothing is tried',
    async () => {
      const none = Object.fromEntries(Object.entries(service.env).filter(([k]) => k !== 'ACTIONS_RESULTS_URL'));
      await rm(dir, { recursive: true, force: true });
      const r = await restore(none, dir, keysOf('4001'));
      expect(r.result).toEqual({ hit: 'none' });
      expect(r.warnings).toEqual([
        '::warning::build-cache: the GitHub Actions cache service is not available here; building without a restored cache',
      ]);

      await writeCacheFolder(dir, 'none');
      const s = await save(none, dir, keysOf('4001').key);
      expect(s.result).toEqual({ saved: false, reason: 'the GitHub Actions cache service is not available here' });
    },
    STEPS,
  );
});
