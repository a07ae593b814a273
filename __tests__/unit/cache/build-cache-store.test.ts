import { mkdir, mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type CacheKeyInput, type CacheKeys, planCacheKeys, sanitizeKeySegment } from '../../../src/cache/build-cache-store.js';
import { prepareCacheDirs, promoteCacheDir } from '../../../src/build/local-cache.js';

const base: CacheKeyInput = {
  release: '24.01',
  parts: ['python', 'onnxruntime'],
  platform: 'linux/amd64',
  runId: '123456789',
  runAttempt: '1',
};
const p = 'triton-compose-buildkit';
// sha256('onnxruntime\npython'), sha256(''), sha256('onnxruntime'), sha256('a'), first 12 hex digits
const onnxPython = '23d173819561';

test.each<[string, CacheKeyInput, CacheKeys]>([
  [
    'one platform',
    base,
    {
      key: `${p}-24.01-linux-amd64-${onnxPython}-123456789-1`,
      restoreKeys: [`${p}-24.01-linux-amd64-${onnxPython}-`, `${p}-24.01-linux-amd64-`],
    },
  ],
  [
    'part order and duplicates do not change the key; the attempt does',
    { ...base, parts: [' onnxruntime', 'python', 'python', ''], runAttempt: '2' },
    {
      key: `${p}-24.01-linux-amd64-${onnxPython}-123456789-2`,
      restoreKeys: [`${p}-24.01-linux-amd64-${onnxPython}-`, `${p}-24.01-linux-amd64-`],
    },
  ],
  [
    'platform list is sorted; no parts',
    { ...base, release: '25.01', parts: [], platform: ['linux/arm64', 'linux/amd64', 'linux/arm64'], runId: '42' },
    {
      key: `${p}-25.01-linux-amd64+linux-arm64-e3b0c44298fc-42-1`,
      restoreKeys: [`${p}-25.01-linux-amd64+linux-arm64-e3b0c44298fc-`, `${p}-25.01-linux-amd64+linux-arm64-`],
    },
  ],
  [
    'a prefix with a comma and spaces is sanitized',
    { ...base, parts: ['onnxruntime'], platform: 'linux/arm64/v8', runId: '7', prefix: 'my cache, v2' },
    {
      key: 'my_cache_v2-24.01-linux-arm64-v8-8eeceae1fd9f-7-1',
      restoreKeys: ['my_cache_v2-24.01-linux-arm64-v8-8eeceae1fd9f-', 'my_cache_v2-24.01-linux-arm64-v8-'],
    },
  ],
  [
    'commas and spaces in release and run id',
    { ...base, release: 'custom,image', parts: ['a'], runId: 'local run' },
    {
      key: `${p}-custom_image-linux-amd64-ca978112ca1b-local_run-1`,
      restoreKeys: [`${p}-custom_image-linux-amd64-ca978112ca1b-`, `${p}-custom_image-linux-amd64-`],
    },
  ],
  [
    'a long release is cut and ends in a hash of the whole',
    { ...base, release: 'x'.repeat(200), parts: ['a'], runId: '1' },
    {
      key: `${p}-${'x'.repeat(35)}~aa20c23e3201-linux-amd64-ca978112ca1b-1-1`,
      restoreKeys: [`${p}-${'x'.repeat(35)}~aa20c23e3201-linux-amd64-ca978112ca1b-`, `${p}-${'x'.repeat(35)}~aa20c23e3201-linux-amd64-`],
    },
  ],
])('planCacheKeys: %s', (_name, input, expected) => {
  const keys = planCacheKeys(input);
  expect(keys).toEqual(expected);
  // What @actions/cache's checkKey enforces, and what restore-key prefix matching needs.
  for (const k of [keys.key, ...keys.restoreKeys]) {
    expect(k).not.toContain(',');
    expect(k.length).toBeLessThanOrEqual(512);
  }
  for (const r of keys.restoreKeys) expect(keys.key.startsWith(r)).toBe(true);
});

test('every segment is bounded, so a key is too', () => {
  const huge = 'y'.repeat(5000);
  const { key } = planCacheKeys({
    release: huge,
    parts: [huge],
    platform: [huge, `${huge}z`],
    runId: huge,
    runAttempt: huge,
    prefix: huge,
  });
  expect(key.length).toBeLessThanOrEqual(6 * 48 + 12 + 5);
});

test.each<[string, string]>([
  [' a b ', 'a_b'],
  [',,,', '_'],
  ['', '_'],
  ['linux/amd64', 'linux-amd64'],
  ['v1.2+meta', 'v1.2+meta'],
  ['ü,é', '_'],
])('sanitizeKeySegment(%j) = %j', (input, expected) => {
  expect(sanitizeKeySegment(input)).toBe(expected);
});

/** A restored folder and a fresh export folder side by side, as build-cache.ts plans them. */
const dirsIn = (root: string) => ({ src: join(root, 'cache'), dest: join(root, 'cache-next') });

describe('promoteCacheDir', () => {
  let root: string;
  beforeEach(async () => {
    root = await mkdtemp(join(tmpdir(), 'build-cache-store-'));
  });
  afterEach(async () => {
    await rm(root, { recursive: true, force: true });
  });

  test('the fresh export replaces the restored folder, so old blobs are gone', async () => {
    const dirs = dirsIn(root);
    await mkdir(join(dirs.src, 'blobs', 'sha256'), { recursive: true });
    await writeFile(join(dirs.src, 'index.json'), 'old');
    await writeFile(join(dirs.src, 'blobs', 'sha256', 'old'), 'old blob');
    await mkdir(join(dirs.dest, 'blobs', 'sha256'), { recursive: true });
    await writeFile(join(dirs.dest, 'index.json'), 'new');
    await writeFile(join(dirs.dest, 'blobs', 'sha256', 'new'), 'new blob');

    expect(await promoteCacheDir(dirs)).toEqual({ promoted: true });
    expect(await readdir(root)).toEqual(['cache']);
    expect(await readdir(join(dirs.src, 'blobs', 'sha256'))).toEqual(['new']);
    expect(await readFile(join(dirs.src, 'index.json'), 'utf8')).toBe('new');
  });

  test('an export without index.json (failed build) keeps the restored folder', async () => {
    const dirs = dirsIn(root);
    await mkdir(dirs.src, { recursive: true });
    await writeFile(join(dirs.src, 'index.json'), 'old');
    await mkdir(join(dirs.dest, 'blobs'), { recursive: true });

    expect(await promoteCacheDir(dirs)).toEqual({ promoted: false, reason: `no complete cache export in ${dirs.dest}` });
    expect(await readFile(join(dirs.src, 'index.json'), 'utf8')).toBe('old');
  });

  test('no export at all keeps the restored folder', async () => {
    const dirs = dirsIn(root);
    expect(await promoteCacheDir(dirs)).toEqual({ promoted: false, reason: `no complete cache export in ${dirs.dest}` });
  });

  test('prepareCacheDirs empties a stale export folder and leaves the restored one', async () => {
    const dirs = dirsIn(root);
    await mkdir(dirs.src, { recursive: true });
    await mkdir(dirs.dest, { recursive: true });
    await writeFile(join(dirs.dest, 'index.json'), 'stale');
    await prepareCacheDirs(dirs);
    expect(await readdir(root)).toEqual(['cache']);
  });
});
