// Drill: the target registry dies and comes back in the middle of an upload. A registry of the
// drill's own (its own port and storage folder) takes a compose whose sources stay on the test
// bed's registry; once an upload into it holds a few MB, the registry is killed and started
// again. The compose must recover or fail with one clear line; the tag never names a missing
// blob; the same command run again succeeds.
import { mkdtemp, readdir, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { RegistryClient } from '../../src/registry/client.js';
import type { OwnRegistry } from '../../scripts/lib/own-registry.js';
import {
  FIXTURES,
  pinFixtures,
  RUN_ID,
  digestOf,
  makeDirs,
  readTagState,
  runCompose,
  startCompose,
  startDrillRegistry,
} from '../helpers/drills.js';

const client = new RegistryClient();
let dir: string;
let registry: OwnRegistry;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'drill-registry-'));
  registry = await startDrillRegistry(dir);
});
afterAll(async () => {
  await registry.stop('SIGTERM');
  await rm(dir, { recursive: true, force: true });
});

/** The largest upload in progress in the registry's storage, in bytes. */
async function largestUpload(repository: string): Promise<number> {
  const uploads = join(dir, 'data', 'docker', 'registry', 'v2', 'repositories', repository, '_uploads');
  let largest = 0;
  for (const id of await readdir(uploads).catch(() => [])) {
    const size = await stat(join(uploads, id, 'data')).then(
      (s) => s.size,
      () => 0,
    );
    largest = Math.max(largest, size);
  }
  return largest;
}

test('the registry restarted mid-upload: the compose recovers or fails in one line, the tag is never broken', async () => {
  const repository = `drills/restart-${RUN_ID}`;
  const dirs = await makeDirs('restart');
  const spec = {
    source: FIXTURES,
    pins: await pinFixtures(client),
    tag: `${registry.host}/${repository}:t`,
    // python's runtime packages make one layer of ~20 MB: its upload is the one the restart cuts.
    parts: { backends: ['python'] },
    ...dirs,
  };
  const run = startCompose(spec);
  let restarted = false;
  let exited = false;
  void run.done.then(() => (exited = true));
  while (!exited && !restarted) {
    if ((await largestUpload(repository)) > 4_000_000) {
      await registry.stop('SIGKILL');
      await new Promise((r) => setTimeout(r, 1_500));
      await registry.start();
      restarted = true;
    }
    await new Promise((r) => setTimeout(r, 10));
  }
  const first = await run.done;
  expect(restarted).toBe(true); // the upload was under way when the registry went
  const state = await readTagState(client, spec.tag);
  expect(state.missing).toEqual([]);
  console.log(`restart drill: first run exit ${first.status} after ${first.ms} ms; tag ${state.digest ?? 'absent'}\n${first.stderr}`);
  if (first.status === 0) {
    expect(state.digest).toBe(digestOf(first));
  } else {
    const errors = first.stderr.split('\n').filter((l) => l.startsWith('error: '));
    expect(errors).toHaveLength(1);
    expect(first.stderr).not.toMatch(/^\s+at /m); // no stack trace
    expect(state.digest).toBeUndefined();
  }

  const again = await runCompose(spec);
  const digest = digestOf(again);
  expect(await readTagState(client, spec.tag)).toMatchObject({ digest, missing: [] });
  if (first.status === 0) expect(digest).toBe(digestOf(first));
  await rm(dirname(dirs.cacheHome), { recursive: true, force: true });
});
