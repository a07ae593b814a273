// Piece records in the Actions cache: one entry per key, written once, brought back into an
// emptied tool cache (a fresh runner has the same path), and never a failure.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ActionsPieceStore, planPieceCacheKey } from '../../../src/cache/actions-piece-store.js';
import type { LayerCacheIO } from '../../../src/cache/actions-layer-store.js';
import { readPieceRecord, writePieceRecord } from '../../../src/direct/piece-records.js';
import { FakeCache } from '../../helpers/fake-actions-cache.js';

const KEY = 'c0'.repeat(32);
const LAYER = { digest: `sha256:${'a1'.repeat(32)}`, diffId: `sha256:${'b2'.repeat(32)}`, size: 1234, tarSize: 10240 };

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'piece-cache-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

test('one key per piece key; nothing for what is not one', () => {
  expect(planPieceCacheKey(KEY)).toBe(`triton-compose-piece-v1-${KEY}`);
  expect(planPieceCacheKey('../' + KEY)).toBeUndefined();
  expect(planPieceCacheKey(KEY.toUpperCase())).toBeUndefined();
});

test('saved once, restored into an emptied tool cache; a miss is false', async () => {
  const cache = new FakeCache();
  const warnings: string[] = [];
  const store = new ActionsPieceStore(cache, { warning: (m) => void warnings.push(m) });
  const tool = join(dir, 'toc');
  expect(await store.restore(KEY, tool)).toBe(false);
  await writePieceRecord(tool, KEY, LAYER);
  await store.save(KEY, tool);
  await store.save(KEY, tool); // the entry is there: looked up, not written again
  await rm(tool, { recursive: true });
  expect(await store.restore(KEY, tool)).toBe(true);
  expect(await readPieceRecord(tool, KEY)).toEqual(LAYER);
  const k = `triton-compose-piece-v1-${KEY}`;
  expect(cache.calls).toEqual([`restore ${k}`, `look up ${k}`, `save ${k}`, `look up ${k}`, `restore ${k}`]);
  expect(warnings).toEqual([]);
});

test('no cache service: nothing asked; a failing one: warnings, never a failure', async () => {
  const off = new FakeCache();
  off.available = false;
  const quiet = new ActionsPieceStore(off, { warning: () => undefined });
  await writePieceRecord(dir, KEY, LAYER);
  expect(await quiet.restore(KEY, dir)).toBe(false);
  await quiet.save(KEY, dir);
  expect(off.calls).toEqual([]);

  // a cache module without the call at all (as a local action runner's stand-in has it)
  const notThere = { ...new FakeCache(), isFeatureAvailable: undefined } as unknown as LayerCacheIO;
  const said: string[] = [];
  const missing = new ActionsPieceStore(notThere, { warning: (m) => void said.push(m) });
  expect(await missing.restore(KEY, dir)).toBe(false);
  await missing.save(KEY, dir);
  expect(said).toEqual([expect.stringMatching(/^actions cache: piece records not kept: .*isFeatureAvailable is not a function/)]);

  const broken: LayerCacheIO = {
    isFeatureAvailable: () => true,
    restoreCache: () => Promise.reject(new Error('Cache service responded with 503')),
    saveCache: () => Promise.reject(new Error('unreachable')),
  };
  const warnings: string[] = [];
  const store = new ActionsPieceStore(broken, { warning: (m) => void warnings.push(m) });
  expect(await store.restore(KEY, dir)).toBe(false);
  await store.save(KEY, dir);
  expect(warnings).toEqual([
    `actions cache: could not restore the piece record ${KEY}: Cache service responded with 503`,
    `actions cache: could not save the piece record ${KEY}: Cache service responded with 503`,
  ]);
});
