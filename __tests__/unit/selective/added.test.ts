// add's staging: the workspace's files walked without following a symlink, checked and hashed
// where they lie, copied into staging only when asked (and checked against those hashes), and
// planned as a layer's entries.
import { execFileSync } from 'node:child_process';
import { chmod, mkdir, mkdtemp, readFile, readdir, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { copyAdded, planAddedLayer, stageAdded } from '../../../src/selective/added.js';
import { parseAdd } from '../../../src/spec/add-spec.js';
import type { ComposePlan } from '../../../src/plan/types.js';

let ws: string;
let stage: string;
beforeEach(async () => {
  ws = await mkdtemp(join(tmpdir(), 'added-ws-'));
  stage = await mkdtemp(join(tmpdir(), 'added-stage-'));
  await mkdir(join(ws, 'models/m_custom/1'), { recursive: true });
  await writeFile(join(ws, 'models/m_custom/config.pbtxt'), 'backend: "custom"\n');
  await writeFile(join(ws, 'models/m_custom/1/model.bin'), 'weights');
  await symlink('1', join(ws, 'models/m_custom/latest'));
  await mkdir(join(ws, 'custom'));
  await writeFile(join(ws, 'custom/libtriton_custom.so'), 'ELF');
  await chmod(join(ws, 'custom/libtriton_custom.so'), 0o755);
});
afterEach(async () => {
  await rm(ws, { recursive: true, force: true });
  await rm(stage, { recursive: true, force: true });
});

const stageOf = (text: string) => stageAdded(parseAdd(text), { workspace: ws, stageDir: stage });

test('a folder: every entry below the destination in order, owners as asked; files copied into staging only by copyAdded', async () => {
  const trees = await stageOf('src=models,dest=/models,chown=1000:1000');
  const [tree] = trees;
  expect(await readdir(stage)).toEqual([]);
  await copyAdded(trees);
  expect(tree.name).toBe('add /models');
  expect(tree.file).toBe('added/0.tar');
  expect(tree.entries.map((e) => [e.path, e.type, e.uid, e.gid, e.target ?? e.size])).toEqual([
    ['/models', 'dir', 1000, 1000, 0],
    ['/models/m_custom', 'dir', 1000, 1000, 0],
    ['/models/m_custom/1', 'dir', 1000, 1000, 0],
    ['/models/m_custom/1/model.bin', 'file', 1000, 1000, 7],
    ['/models/m_custom/config.pbtxt', 'file', 1000, 1000, 18],
    ['/models/m_custom/latest', 'symlink', 1000, 1000, '1'],
  ]);
  for (const e of tree.entries.filter((x) => x.type === 'file')) {
    expect(e.stage?.startsWith(stage)).toBe(true);
    expect(await readFile(e.stage as string, 'utf8')).toBe(e.path.endsWith('model.bin') ? 'weights' : 'backend: "custom"\n');
  }
});

test('a file changed between the walk and the copy fails the compose, naming the entry, the file and both hashes', async () => {
  const trees = await stageOf('models:/models');
  await writeFile(join(ws, 'models/m_custom/1/model.bin'), 'weight5');
  await expect(copyAdded(trees)).rejects.toThrow(
    /^add: models:\/models: m_custom\/1\/model\.bin changed while the compose ran \(sha256 [0-9a-f]{64} when the compose key was made, [0-9a-f]{64} now\)/,
  );
});

test('the digest follows content, modes and owners, not where the workspace is', async () => {
  const a = (await stageOf('models:/models'))[0].digest;
  expect((await stageOf('./models/:/models'))[0].digest).toBe(a);
  expect((await stageOf('src=models,dest=/models,chown=1:1'))[0].digest).not.toBe(a);
  await writeFile(join(ws, 'models/m_custom/1/model.bin'), 'weight5');
  const b = (await stageOf('models:/models'))[0].digest;
  expect(b).not.toBe(a);
  await chmod(join(ws, 'models/m_custom/1/model.bin'), 0o600);
  expect((await stageOf('models:/models'))[0].digest).not.toBe(b);
});

test('a single file goes to its destination', async () => {
  const [tree] = await stageOf('custom/libtriton_custom.so:/usr/lib/libextra.so');
  expect(tree.entries.map((e) => [e.path, e.type, e.mode.toString(8)])).toEqual([['/usr/lib/libextra.so', 'file', '755']]);
});

test('a custom backend folder must hold its library or a model.py', async () => {
  await expect(stageOf('custom:/opt/tritonserver/backends/custom')).resolves.toHaveLength(1);
  await expect(stageOf('custom:/opt/tritonserver/backends/other')).rejects.toThrow(
    "add: custom:/opt/tritonserver/backends/other: a backend folder needs libtriton_other.so (or a Python backend's model.py) at its top",
  );
});

test.each([
  ['a source outside the workspace', async () => '../:/x', 'outside the workspace'],
  ['a source that does not exist', async () => 'nothing:/x', 'nothing does not exist in the workspace'],
  [
    'a symlink leading out of what is added',
    async () => {
      await symlink('../../custom/libtriton_custom.so', join(ws, 'models/m_custom/escape'));
      return 'models:/models';
    },
    'the symlink m_custom/escape points at "../../custom/libtriton_custom.so", outside what is added',
  ],
  [
    'an absolute symlink',
    async () => {
      await symlink('/etc/passwd', join(ws, 'models/passwd'));
      return 'models:/models';
    },
    'an absolute path: in the image it would name another file',
  ],
  [
    'a pipe',
    async () => {
      execFileSync('mkfifo', [join(ws, 'models/fifo')]);
      return 'models:/models';
    },
    'fifo is not a folder, file or symlink',
  ],
  [
    'a source that is a symlink out of the workspace',
    async () => {
      await symlink(tmpdir(), join(ws, 'tmp'));
      return 'tmp:/x';
    },
    'outside the workspace',
  ],
])('refuses %s, naming the entry', async (_what, setup, message) => {
  const text = await setup();
  await expect(stageOf(text)).rejects.toThrow(message);
  await expect(stageOf(text)).rejects.toThrow('add: ');
});

test("the layer: the folders above the destination first, root's at the compose's time, or compose.py's owner under the server", async () => {
  const [tree] = await stageOf('custom:/opt/tritonserver/backends/custom');
  const plan = { platforms: ['linux/amd64'], runtime: { mode: 'image', packages: {}, files: {} }, core: [], parts: [], serve: false };
  const entries = planAddedLayer(tree, plan as unknown as ComposePlan, 1700000000);
  expect(entries.map((e) => [e.path, e.uid, e.mode.toString(8), e.mtime])).toEqual([
    ['/opt/tritonserver/backends', 0, '755', 1700000000],
    ['/opt/tritonserver', 0, '755', 1700000000],
    ['/opt', 0, '755', 1700000000],
    ['/opt/tritonserver/backends/custom', 0, '755', 1700000000],
    ['/opt/tritonserver/backends/custom/libtriton_custom.so', 0, '755', 1700000000],
  ]);
  const apt = { ...plan, runtime: { mode: 'apt', owner: '1000:1000' } };
  expect(planAddedLayer(tree, apt as unknown as ComposePlan, 1).map((e) => [e.path, e.uid])).toEqual([
    ['/opt/tritonserver/backends', 1000],
    ['/opt/tritonserver', 0],
    ['/opt', 0],
    ['/opt/tritonserver/backends/custom', 0],
    ['/opt/tritonserver/backends/custom/libtriton_custom.so', 0],
  ]);
});
