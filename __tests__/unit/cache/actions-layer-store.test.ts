import { FakeCache } from '../../helpers/fake-actions-cache.js';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import {
  ActionsLayerStore,
  type LayerCacheIO,
  type LayerKeys,
  type PendingLayer,
  LAYER_CACHE_CONCURRENCY,
  describeRestore,
  formatPending,
  heldBy,
  parsePending,
  planLayerKeys,
  planLayerRestore,
  planLayerSave,
  restoreLayerCaches,
  saveLayerCaches,
} from '../../../src/cache/actions-layer-store.js';
import { type LocalFiles, layerCacheFiles, readLocalFiles } from '../../../src/layer/cache-files.js';

const hex = (c: string) => c.repeat(64);
const A = `sha256:${hex('a')}`;
const B = `sha256:${hex('b')}`;
const C = `sha256:${hex('c')}`;
const keysOf = (digest: string) => planLayerKeys(digest) as LayerKeys;

describe('planLayerKeys', () => {
  test('one key per layer digest and kind', () => {
    expect(planLayerKeys(A)).toEqual({
      index: `triton-compose-layer-v1.5.1-sha256-${hex('a')}-index`,
      toc: `triton-compose-layer-v1.5.1-sha256-${hex('a')}-toc`,
    });
  });

  test('within @actions/cache key rules, and neither key a prefix of the other', () => {
    // A restore key matches by prefix: `…-toc` must find the toc entry and nothing else.
    const long = `sha512:${'f'.repeat(128)}`;
    for (const d of [A, long]) {
      const { index, toc } = keysOf(d);
      for (const k of [index, toc]) {
        expect(k).not.toContain(',');
        expect(k.length).toBeLessThanOrEqual(512);
      }
      expect(index.startsWith(toc)).toBe(false);
      expect(toc.startsWith(index)).toBe(false);
    }
    expect(keysOf(A).index).not.toBe(keysOf(B).index);
  });

  test.each(['', 'sha256:', 'sha256:xyz', `sha256:${hex('A')}`, `sha256:${hex('a')},x`, `${hex('a')}`, `sha256:${'a'.repeat(600)}`])(
    '%j has no key',
    (digest) => {
      expect(planLayerKeys(digest)).toBeUndefined();
    },
  );
});

const files = (toc: boolean, index: boolean): LocalFiles => ({ toc, index });

test.each<[string, LocalFiles, boolean]>([
  ['both files here: nothing to ask', files(true, true), false],
  ['nothing here', files(false, false), true],
  ["a table of contents alone: the index may be cached (full's own this time)", files(true, false), true],
  ['an index alone', files(false, true), true],
])('planLayerRestore: %s', (_name, local, asks) => {
  const keys = keysOf(A);
  expect(planLayerRestore(keys, local)).toEqual(asks ? { key: keys.index, restoreKeys: [keys.toc] } : undefined);
});

test('heldBy reads the matched key', () => {
  const keys = keysOf(A);
  expect(heldBy(keys, keys.index)).toBe('index');
  expect(heldBy(keys, keys.toc)).toBe('toc');
  expect(heldBy(keys, undefined)).toBe('none');
  expect(heldBy(keys, keysOf(B).index)).toBe('none');
});

test.each<[string, PendingLayer['held'], LocalFiles, 'index' | 'toc' | undefined]>([
  ["full's own layer read cold", 'none', files(true, true), 'index'],
  ["min's layer read cold", 'none', files(true, false), 'toc'],
  ["cached as min's, full's own this time: the index is new", 'toc', files(true, true), 'index'],
  ["cached as min's and min's again", 'toc', files(true, false), undefined],
  ['never read (no files)', 'none', files(false, false), undefined],
  ['an index without its table of contents is never read', 'none', files(false, true), undefined],
])('planLayerSave: %s', (_name, held, local, kind) => {
  const keys = keysOf(A);
  expect(planLayerSave(keys, held, local)).toBe(kind && keys[kind]);
});

test('pending layers survive the state round trip; junk lines are left out', () => {
  const pending: PendingLayer[] = [
    { digest: A, held: 'none' },
    { digest: B, held: 'toc' },
  ];
  expect(parsePending(formatPending(pending))).toEqual(pending);
  expect(parsePending('')).toEqual([]);
  expect(parsePending(`${A} index\n${B} none extra\nnot-a-digest none\n\n${C} toc`)).toEqual([{ digest: C, held: 'toc' }]);
});

describe('restore and save', () => {
  let dir: string;
  let cache: FakeCache;
  const lines: string[] = [];
  const log = { info: (m: string) => void lines.push(`info ${m}`), warning: (m: string) => void lines.push(`warning ${m}`) };

  /** What the run leaves: a table of contents, and an index for full's own layers. */
  const writeLayer = async (digest: string, index: boolean) => {
    const [toc, idx] = layerCacheFiles(dir, digest);
    await mkdir(dir, { recursive: true });
    await writeFile(toc as string, `toc of ${digest}`);
    if (index) await writeFile(idx as string, `index of ${digest}`);
  };

  beforeEach(async () => {
    dir = join(await mkdtemp(join(tmpdir(), 'layer-cache-store-')), 'toc');
    cache = new FakeCache();
    lines.length = 0;
  });
  afterEach(async () => {
    await rm(dirname(dir), { recursive: true, force: true });
  });

  test('a cold run records every layer; the post step saves what the run wrote; the next runner gets it all back', async () => {
    const first = await restoreLayerCaches([A, B, A, C], dir, log, cache);
    expect(first).toEqual({
      available: true,
      layers: 3,
      present: 0,
      restoredIndex: 0,
      restoredToc: 0,
      pending: [
        { digest: A, held: 'none' },
        { digest: B, held: 'none' },
        { digest: C, held: 'none' },
      ],
    });
    expect(describeRestore(first)).toBe(
      'layer-cache: 3 layers: 0 on disk already, 0 restored with their index, 0 with their table of contents alone, 3 not in the Actions cache',
    );

    // The run: A full's own, B min's, C not read at all (the run stopped early).
    await writeLayer(A, true);
    await writeLayer(B, false);
    const saved = await saveLayerCaches(parsePending(formatPending(first.pending)), dir, log, cache);
    expect(saved).toEqual({ saved: expect.arrayContaining([keysOf(A).index, keysOf(B).toc]), failed: [] });
    expect(saved.saved).toHaveLength(2);
    expect([...cache.entries.keys()].sort()).toEqual([keysOf(A).index, keysOf(B).toc].sort());
    // Both paths, always: the entry's version is its path list, whatever of it existed.
    for (const [key, e] of cache.entries) expect(e.version).toBe(layerCacheFiles(dir, key.includes(hex('a')) ? A : B).join('|'));

    // A fresh runner.
    await rm(dir, { recursive: true });
    cache.calls.length = 0;
    const second = await restoreLayerCaches([A, B], dir, log, cache);
    expect(second).toMatchObject({ present: 0, restoredIndex: 1, restoredToc: 1, pending: [{ digest: B, held: 'toc' }] });
    expect(await readLocalFiles(dir, A)).toEqual(files(true, true));
    expect(await readLocalFiles(dir, B)).toEqual(files(true, false));
    expect(await readFile(layerCacheFiles(dir, A)[1] as string, 'utf8')).toBe(`index of ${A}`);

    // Nothing new: the post step saves nothing.
    cache.calls.length = 0;
    expect(await saveLayerCaches(second.pending, dir, log, cache)).toEqual({ saved: [], failed: [] });
    expect(cache.calls).toEqual([]);
  });

  test("files on disk are not asked for; a layer cached as min's gets its index saved when full's own", async () => {
    await writeLayer(A, true);
    await writeLayer(B, false);
    await saveLayerCaches([{ digest: B, held: 'none' }], dir, log, cache);
    expect([...cache.entries.keys()]).toEqual([keysOf(B).toc]);

    cache.calls.length = 0;
    const r = await restoreLayerCaches([A, B], dir, log, cache);
    // A is complete on disk; B has no index, so the cache is asked (and holds the toc alone).
    expect(cache.calls).toEqual([`restore ${keysOf(B).index}`]);
    expect(r).toMatchObject({ present: 1, restoredIndex: 0, restoredToc: 1, pending: [{ digest: B, held: 'toc' }] });

    // This compose reads B as full's own: the run writes its index.
    await writeLayer(B, true);
    expect((await saveLayerCaches(r.pending, dir, log, cache)).saved).toEqual([keysOf(B).index]);

    await rm(dir, { recursive: true });
    const again = await restoreLayerCaches([B], dir, log, cache);
    expect(again).toMatchObject({ restoredIndex: 1, pending: [] });
    expect(await readLocalFiles(dir, B)).toEqual(files(true, true));
  });

  test('as a LayerFileStore: what it holds is looked up without restoring, unless a restore told it', async () => {
    await writeLayer(A, true);
    await writeLayer(B, false);
    await saveLayerCaches(
      [
        { digest: A, held: 'none' },
        { digest: B, held: 'none' },
      ],
      dir,
      log,
      cache,
    );
    await rm(dir, { recursive: true });
    cache.calls.length = 0;
    const store = new ActionsLayerStore(dir, log, cache, [{ digest: C, held: 'none' }]);
    expect(await store.holds([A, B, C, 'not a digest'])).toEqual(
      new Map([
        [A, 'index'],
        [B, 'toc'],
        [C, 'none'],
      ]),
    );
    expect(cache.calls.sort()).toEqual([`look up ${keysOf(A).index}`, `look up ${keysOf(B).index}`]);
    expect(await readLocalFiles(dir, A)).toEqual(files(false, false));
    // Saving asks nothing more: B's index is new, A's entry is whole, C left no files.
    await writeLayer(B, true);
    cache.calls.length = 0;
    expect(await store.save([A, B, C])).toEqual({ saved: [keysOf(B).index], failed: [] });
    expect(cache.calls).toEqual([`save ${keysOf(B).index}`]);
  });

  test(`at most ${LAYER_CACHE_CONCURRENCY} restores and saves at once`, async () => {
    const many = Array.from({ length: 20 }, (_, i) => `sha256:${i.toString(16).padStart(64, '0')}`);
    const r = await restoreLayerCaches(many, dir, log, cache);
    expect(cache.maxInFlight).toBe(LAYER_CACHE_CONCURRENCY);
    expect(r.pending.map((p) => p.digest)).toEqual(many);
    for (const d of many) await writeLayer(d, true);
    cache.maxInFlight = 0;
    expect((await saveLayerCaches(r.pending, dir, log, cache)).saved).toHaveLength(20);
    expect(cache.maxInFlight).toBe(LAYER_CACHE_CONCURRENCY);
  });

  test('no cache service: one info line, nothing tried, nothing recorded', async () => {
    cache.available = false;
    expect(await restoreLayerCaches([A], dir, log, cache)).toMatchObject({ available: false, pending: [] });
    await writeLayer(A, true);
    expect(await saveLayerCaches([{ digest: A, held: 'none' }], dir, log, cache)).toEqual({ saved: [], failed: [keysOf(A).index] });
    expect(cache.calls).toEqual([]);
    expect(lines.every((l) => l.startsWith('info '))).toBe(true);
  });

  test('what @actions/cache throws is a warning; the layer stays pending, and a refused save is an info line', async () => {
    const throwing: LayerCacheIO = {
      isFeatureAvailable: () => true,
      restoreCache: () => Promise.reject(new Error('Key Validation Error')),
      saveCache: () => Promise.reject(new Error('disk full')),
    };
    const r = await restoreLayerCaches([A, 'not a digest'], dir, log, throwing);
    expect(r).toMatchObject({ layers: 1, pending: [{ digest: A, held: 'none' }] });
    expect(lines).toEqual([`warning layer-cache: could not restore ${A}: Key Validation Error`]);

    await writeLayer(A, true);
    lines.length = 0;
    expect(await saveLayerCaches(r.pending, dir, log, throwing)).toEqual({ saved: [], failed: [keysOf(A).index] });
    expect(lines).toEqual([`warning layer-cache: could not save ${keysOf(A).index}: disk full`]);

    // Another job saved the layer first: the service refuses, @actions/cache returns -1.
    cache.entries.set(keysOf(A).index, { version: '', files: new Map() });
    lines.length = 0;
    expect(await saveLayerCaches(r.pending, dir, log, cache)).toEqual({ saved: [], failed: [keysOf(A).index] });
    expect(lines).toEqual([
      `info layer-cache: the cache service did not take ${keysOf(A).index} (another job may have saved it; see above)`,
    ]);
  });
});
