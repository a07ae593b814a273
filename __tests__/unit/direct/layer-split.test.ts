// max-layer-size: a piece cut by path into layers whose tars fit the budget, hardlinks beside
// the files they name; exact outputs of the pure planner, then whole assemblies against the
// fake registry (parts cut, a trimmed min layer cut, a min layer cut with nothing trimmed),
// read back and checked layer by layer.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { assembleDirect } from '../../../src/direct/assemble.js';
import { planLayerSplit, planTarBudget } from '../../../src/direct/layer-split.js';
import type { PackEntry } from '../../../src/selective/pack.js';
import { type FakeRegistry, startFakeRegistry } from '../../helpers/fake-registry.js';
import { prepareDirect, readBack, sha } from '../../helpers/direct-run.js';
import { readTarReference } from '../../helpers/layer-tar.js';
import { pushTinyPair } from '../../helpers/tiny-images.js';

const e = (path: string, type: PackEntry['type'], size = 0, target?: string): PackEntry => ({
  path,
  type,
  mode: 0o644,
  uid: 0,
  gid: 0,
  mtime: 1,
  size,
  ...(target ? { target } : {}),
});
const paths = (layers: PackEntry[][]) => layers.map((l) => l.map((x) => x.path));

test('planTarBudget leaves room for gzip on data that does not compress', () => {
  expect(planTarBudget(2e9)).toBe(1998000975);
  expect(planTarBudget(40_000)).toBe(38_937);
});

test('entries in path order fill each layer up to the budget; a hardlink goes with its file; a file too large alone gets a layer', () => {
  const entries = [
    e('/b/y', 'file', 4000),
    e('/a', 'dir'),
    e('/a/x', 'file', 3000),
    e('/c/l', 'link', 0, '/a/x'),
    e('/b', 'dir'),
    e('/b/z', 'symlink', 0, 'y'),
    e('/d/out', 'link', 0, '/elsewhere'),
  ];
  // cost: end 1024; each entry 1536 and its data padded to 512
  const layers = planLayerSplit(entries, 10_000, (x) => (x.path === '/d/out' ? 2500 : 0));
  expect(paths(layers)).toEqual([['/a', '/a/x', '/c/l'], ['/b', '/b/y', '/b/z'], ['/d/out']]);
  expect(paths(planLayerSplit(entries, 1e9, () => 2500))).toEqual([['/a', '/a/x', '/c/l', '/b', '/b/y', '/b/z', '/d/out']]);
  // a file past the budget alone gets a layer of its own (compressed, it may fit; the writer checks)
  expect(paths(planLayerSplit([e('/a', 'file', 10), e('/big', 'file', 9000), e('/c', 'file', 10)], 10_000, () => 0))).toEqual([
    ['/a'],
    ['/big'],
    ['/c'],
  ]);
  expect(paths(planLayerSplit([], 10_000, () => 0))).toEqual([[]]);
});

describe('a direct assembly with max-layer-size', () => {
  let work: string;
  let fake: FakeRegistry;
  beforeEach(async () => {
    work = await mkdtemp(join(tmpdir(), 'layer-split-'));
    fake = await startFakeRegistry();
  });
  afterEach(async () => {
    await fake.close();
    await rm(work, { recursive: true, force: true });
  });

  /** Each layer's entry names, and every file's content by path across the image. */
  async function contents(tars: Buffer[]) {
    const files = new Map<string, string>();
    for (const t of tars)
      for (const x of await readTarReference(t)) if (x.type === 'file') files.set(x.name, sha(x.data ?? Buffer.alloc(0)));
    return files;
  }

  test('a part larger than the cap becomes several layers under it, with the same files; a second run reuses each', async () => {
    await pushTinyPair(fake);
    const whole = await assembleDirect((await prepareDirect(fake, work, { dir: 'w', tags: `${fake.host}/out:whole` })).input);
    const { input } = await prepareDirect(fake, work, { dir: 'c' });
    const out = await assembleDirect({ ...input, maxLayerSize: 40_000 });
    const got = readBack(fake, 'out', 'v1');
    const before = readBack(fake, 'out', 'whole');
    expect(got.manifest.layers.length).toBeGreaterThan(before.manifest.layers.length);
    for (const l of got.manifest.layers) expect(l.size).toBeLessThanOrEqual(40_000);
    expect(await contents(got.tars)).toEqual(await contents(before.tars));
    expect(got.config.rootfs.diff_ids).toEqual(got.tars.map(sha));
    // one history entry per layer, a cut part's named by its place
    const made = (got.config.history as Array<{ empty_layer?: boolean; created_by?: string }>).filter((h) => !h.empty_layer);
    expect(made).toHaveLength(got.manifest.layers.length);
    const cut = out.platforms[0].parts.filter((p) => p.kind !== 'base' && p.digests.length > 1);
    expect(cut.length).toBeGreaterThan(0);
    for (const p of cut) expect(made.filter((h) => h.created_by?.startsWith(`COPY ${p.name} (layer `)).length).toBe(p.digests.length);
    expect(out.platforms[0].parts.map((p) => p.name)).toEqual(whole.platforms[0].parts.map((p) => p.name));
    // again: the same image, every layer from its record
    const again = await assembleDirect({ ...(await prepareDirect(fake, work, { dir: 'c', warm: true })).input, maxLayerSize: 40_000 });
    expect(again).toMatchObject({ digest: out.digest, written: 0 });
  });

  test('a trimmed min layer larger than the cap is cut too; a min layer only too large is rewritten whole and cut', async () => {
    const pair = await pushTinyPair(fake, ['amd64'], { trimmable: true });
    const big = pair.min.layers[2];
    expect(big.size).toBeGreaterThan(28_000);
    // trim and cut: the trimmed layer 3 becomes two layers, with the trim's history note on each
    const trimmed = await assembleDirect({ ...(await prepareDirect(fake, work, { dir: 't', trim: true })).input, maxLayerSize: 28_000 });
    const t = readBack(fake, 'out', 'v1');
    const rewritten = trimmed.rewritten['linux/amd64'].get(2);
    const n = rewritten?.layers.length ?? 0;
    expect(n).toBeGreaterThanOrEqual(2);
    expect(t.manifest.layers.slice(2, 2 + n).map((l) => l.digest)).toEqual(rewritten?.layers.map((l) => l.digest));
    for (const l of t.manifest.layers) expect(l.size).toBeLessThanOrEqual(28_000);
    expect((t.config.history as Array<{ comment?: string }>).slice(2, 2 + n).map((h) => h.comment)).toEqual(
      Array.from({ length: n }, (_x, k) => `trim: safe dropped 8 entries (11800 B); layer ${k + 1} of ${n} under max-layer-size`),
    );
    expect(t.config.rootfs.diff_ids).toEqual(t.tars.map(sha));
    // no trim: layer 3 is over the cap, so it is written anew whole, cut in two; the others mounted
    const { input } = await prepareDirect(fake, work, { dir: 'n', tags: `${fake.host}/out:cut` });
    const cut = await assembleDirect({ ...input, maxLayerSize: 28_000 });
    const c = readBack(fake, 'out', 'cut');
    expect(c.manifest.layers.slice(0, 2).map((l) => l.digest)).toEqual(pair.min.layers.slice(0, 2).map((l) => l.digest));
    expect(cut.rewritten['linux/amd64'].get(2)).toMatchObject({ dropped: 0, droppedBytes: 0 });
    const m = cut.rewritten['linux/amd64'].get(2)?.layers.length ?? 0;
    expect(m).toBeGreaterThanOrEqual(2);
    for (const l of c.manifest.layers) expect(l.size).toBeLessThanOrEqual(28_000);
    const names = async (tars: Buffer[]) =>
      (await Promise.all(tars.map(readTarReference)))
        .flat()
        .map((x) => `${x.type} ${x.name}`)
        .sort();
    expect(await names(c.tars.slice(2, 2 + m))).toEqual(await names([pair.min.layers[2].tar]));
    expect(await contents(c.tars)).toEqual(await contents([...pair.min.layers.map((l) => l.tar), ...c.tars.slice(2 + m)]));
  });

  test('a file that does not compress under the cap fails the compose, naming the part and the file', async () => {
    await pushTinyPair(fake);
    const { input } = await prepareDirect(fake, work);
    await expect(assembleDirect({ ...input, maxLayerSize: 20_000 })).rejects.toThrow(
      /^linux\/amd64 (core|onnxruntime) \(layer \d of \d\): its layer is \d+ bytes compressed, more than max-layer-size \(20000\); "\/opt\/tritonserver\/(lib\/libtritonserver\.so|backends\/onnxruntime\/libonnxruntime\.so\.1\.16\.3)" alone is (20000|22500) bytes: raise max-layer-size$/,
    );
  });
});
