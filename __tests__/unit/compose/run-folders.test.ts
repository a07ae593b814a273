// The folders of a compose under its temp root: a staging folder removed when the compose ends,
// a results folder that stays, and what runs killed before they could clean up left behind,
// removed by the next run without touching the folders of runs still going.
import { spawnSync } from 'node:child_process';
import { mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCompose } from '../../../src/compose/compose.js';
import { isLive, makeRunFolders, removeStaleFolders, removeStaging } from '../../../src/compose/run-folders.js';
import { RegistryClient } from '../../../src/registry/client.js';
import { parseSpec } from '../../../src/spec/spec.js';

let root: string;
beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), 'run-folders-'));
});
afterEach(async () => rm(root, { recursive: true, force: true }));

/** The pid of a process that has ended. */
function deadPid(): number {
  const r = spawnSync('true');
  return r.pid as number;
}

async function folder(name: string, files: string[] = ['data']): Promise<void> {
  for (const f of files) {
    await mkdir(join(root, name, f, '..'), { recursive: true });
    await writeFile(join(root, name, f), 'x');
  }
}

test('isLive: this process and pid 1 live; an ended process does not', () => {
  expect([isLive(process.pid), isLive(1), isLive(deadPid())]).toEqual([true, true, false]);
});

test("stale folders of ended runs are removed; live runs' folders, and names not ours, are left alone", async () => {
  const dead = deadPid();
  await folder(`triton-compose-${dead}-abc123`, ['parts/big.tar']);
  await folder(`triton-compose-results-${dead}-abc123`, ['Dockerfile.compose', 'context/parts/big.tar', 'context/entrypoint.sh']);
  await folder(`triton-compose-${process.pid}-live12`);
  await folder(`triton-compose-results-${process.pid}-live12`, ['context/parts/big.tar']);
  // a run that ended cleanly: its results stay, with no parts left to remove or to name
  await folder(`triton-compose-results-${dead}-clean1`, ['Dockerfile.compose', 'context/entrypoint.sh']);
  await folder('triton-compose-Xy12ab'); // an older version's name, no pid: whose it is cannot be told
  await folder('someone-else');
  const removed = await removeStaleFolders(root);
  expect(removed.sort()).toEqual([
    join(root, `triton-compose-${dead}-abc123`),
    join(root, `triton-compose-results-${dead}-abc123`, 'context', 'parts'),
  ]);
  expect((await readdir(root)).sort()).toEqual(
    [
      `triton-compose-${process.pid}-live12`,
      'triton-compose-Xy12ab',
      `triton-compose-results-${dead}-abc123`,
      `triton-compose-results-${dead}-clean1`,
      `triton-compose-results-${process.pid}-live12`,
      'someone-else',
    ].sort(),
  );
  // A killed run's results stay (the outputs it gave may point there); only its parts' tars go.
  expect((await readdir(join(root, `triton-compose-results-${dead}-abc123`), { recursive: true })).sort()).toEqual([
    'Dockerfile.compose',
    'context',
    'context/entrypoint.sh',
  ]);
  // nothing is left to remove, so a second run names nothing
  expect(await removeStaleFolders(root)).toEqual([]);
  expect(await removeStaleFolders(join(root, 'no-such-folder'))).toEqual([]);
});

test('the run folders hold the pid; removing the staging keeps the results but their parts', async () => {
  const folders = await makeRunFolders(root);
  expect(folders.staging).toMatch(new RegExp(`/triton-compose-${process.pid}-\\w+$`));
  expect(folders.results).toMatch(new RegExp(`/triton-compose-results-${process.pid}-\\w+$`));
  await mkdir(join(folders.results, 'context', 'parts'), { recursive: true });
  await writeFile(join(folders.results, 'Dockerfile.compose'), 'FROM x');
  await writeFile(join(folders.staging, 'spool'), 'x');
  await removeStaging(folders);
  expect(await readdir(root)).toEqual([folders.results.slice(root.length + 1)]);
  expect(await readdir(folders.results, { recursive: true })).toEqual(['Dockerfile.compose', 'context']);
});

test('a compose that fails leaves only its results folder in the temp root, and removes a killed run’s staging', async () => {
  await folder(`triton-compose-${deadPid()}-killed`, ['stage/layer.tar']);
  const spec = parseSpec({
    'container-version': '24.01',
    'full-image': '127.0.0.1:9/tritonserver:24.01-py3', // nothing listens: resolving fails
    'min-image': '127.0.0.1:9/tritonserver:24.01-py3-min',
    backends: 'python',
  });
  const info: string[] = [];
  const log = { info: (m: string) => info.push(m), warning: () => undefined, startGroup: () => undefined, endGroup: () => undefined };
  const registry = new RegistryClient({ retries: 0, timeoutMs: 2_000 });
  const { failure } = await runCompose(spec, {
    version: 'test',
    tempRoot: root,
    cacheDir: join(root, 'toc'),
    buildCacheDir: join(root, 'bk'),
    log,
    registry,
  });
  expect(failure).toBeDefined();
  expect(await readdir(root)).toEqual([expect.stringMatching(new RegExp(`^triton-compose-results-${process.pid}-`))]);
  expect(info.filter((l) => l.includes('left by a run that was stopped'))).toHaveLength(1);
});
