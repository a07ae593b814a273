// Piece records in an index repository: the artifact's shape, what is refused when reading it
// back, and a fresh runner's assembly (an empty cache folder) that finds them in the fake
// registry and reuses the part layers the target holds.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { assembleDirect } from '../../../src/direct/assemble.js';
import { readPieceRecord, writePieceRecord } from '../../../src/direct/piece-records.js';
import {
  PIECE_ARTIFACT_TYPE,
  type PieceStore,
  RegistryPieceStore,
  chainPieceStores,
  planPieceManifest,
  planPieceTag,
  readPieceManifest,
} from '../../../src/direct/piece-repository.js';
import { requireReference } from '../../../src/oci/reference.js';
import { RegistryClient } from '../../../src/registry/client.js';
import { type FakeRegistry, startFakeRegistry } from '../../helpers/fake-registry.js';
import { prepareDirect, readBack } from '../../helpers/direct-run.js';
import { pushTinyPair } from '../../helpers/tiny-images.js';

const KEY = 'c0'.repeat(32);
const LAYER = { digest: `sha256:${'a1'.repeat(32)}`, diffId: `sha256:${'b2'.repeat(32)}`, size: 1234, tarSize: 10240 };

test('one tag per piece key; nothing for what is not a key', () => {
  expect(planPieceTag(KEY)).toBe(`piece-v1-${KEY}`);
  expect(planPieceTag('C0'.repeat(32))).toBeUndefined();
  expect(planPieceTag('../x')).toBeUndefined();
});

test('the artifact: the empty blob as config and layer, the key and the record annotated', () => {
  const empty = {
    mediaType: 'application/vnd.oci.empty.v1+json',
    digest: 'sha256:44136fa355b3678a1146ad16f7e8649e94fb4fc21fe77e8310c060f61caaff8a',
    size: 2,
  };
  expect(planPieceManifest(KEY, LAYER)).toEqual({
    schemaVersion: 2,
    mediaType: 'application/vnd.oci.image.manifest.v1+json',
    artifactType: PIECE_ARTIFACT_TYPE,
    config: empty,
    layers: [empty],
    annotations: {
      'io.github.triton-compose.piece': KEY,
      'io.github.triton-compose.piece-record': JSON.stringify(LAYER),
    },
  });
});

describe('readPieceManifest refuses what is not a record of this key', () => {
  const good = planPieceManifest(KEY, LAYER);
  const body = (doc: unknown) => Buffer.from(typeof doc === 'string' ? doc : JSON.stringify(doc));
  const note = (record: unknown) => ({ ...good, annotations: { ...good.annotations, 'io.github.triton-compose.piece-record': record } });
  test.each<[string, unknown]>([
    ['not JSON', '{"schemaVersion": 2,'],
    ['another artifact type', { ...good, artifactType: 'application/vnd.triton-compose.layer-cache.v1' }],
    ['another key', { ...good, annotations: { ...good.annotations, 'io.github.triton-compose.piece': 'd0'.repeat(32) } }],
    ['no annotations', { ...good, annotations: undefined }],
    ['a record that is not text', note({ digest: LAYER.digest })],
    ['a record that is not JSON', note('digest=sha256:…')],
    ['a digest that is not one', note(JSON.stringify({ ...LAYER, digest: 'sha256:../../etc' }))],
    ['a size of zero', note(JSON.stringify({ ...LAYER, size: 0 }))],
    ['a size past 2^53', note(JSON.stringify({ ...LAYER, tarSize: 2 ** 60 }))],
  ])('%s', (_name, doc) => {
    expect(readPieceManifest(KEY, body(doc))).toBeUndefined();
  });
  test('a good one', () => {
    expect(readPieceManifest(KEY, body(good))).toEqual(LAYER);
  });
});

describe('against the fake registry', () => {
  let fake: FakeRegistry;
  let work: string;
  beforeEach(async () => {
    fake = await startFakeRegistry();
    work = await mkdtemp(join(tmpdir(), 'pieces-'));
  });
  afterEach(async () => {
    await fake.close();
    await rm(work, { recursive: true, force: true });
  });

  test('save writes a record once; restore brings it into another cache folder; a miss and a refusal are no record', async () => {
    const warnings: string[] = [];
    const client = new RegistryClient({ retries: 0, timeoutMs: 5_000 });
    const store = new RegistryPieceStore(client, requireReference(`${fake.host}/index`), { warning: (m) => void warnings.push(m) });
    const [a, b, c] = ['a', 'b', 'c'].map((d) => join(work, d));
    expect(await store.restore(KEY, a)).toBe(false);
    await store.save(KEY, a); // nothing in a yet: nothing to save
    const puts = () => fake.log.filter((e) => e.method === 'PUT' && e.path.includes('/manifests/')).length;
    expect(puts()).toBe(0);
    await writePieceRecord(a, KEY, LAYER);
    await store.save(KEY, a);
    expect(puts()).toBe(1);
    await store.save(KEY, a); // already there: nothing written
    expect(puts()).toBe(1);
    expect(await store.restore(KEY, b)).toBe(true);
    expect(await readPieceRecord(b, KEY)).toEqual(LAYER);
    // someone else's artifact under the tag is not a record
    fake.putManifest(
      'index',
      `piece-v1-${KEY}`,
      Buffer.from(JSON.stringify({ schemaVersion: 2, layers: [] })),
      'application/vnd.oci.image.manifest.v1+json',
    );
    expect(await store.restore(KEY, c)).toBe(false);
    expect(await readPieceRecord(c, KEY)).toBeUndefined();
    // a registry that refuses: a warning, never a failure
    fake.rules.push({ path: /manifests/, times: 10, fault: { kind: 'status', status: 403 } });
    expect(await store.restore(KEY, c)).toBe(false);
    await store.save(KEY, a);
    expect(warnings).toEqual([
      expect.stringMatching(new RegExp(`^index-repository: could not read the piece record ${KEY} in ${fake.host}/index: `)),
      expect.stringMatching(new RegExp(`^index-repository: could not save the piece record ${KEY} in ${fake.host}/index: `)),
    ]);
  });

  test('a chain of stores: a restore asks each in turn, once a key; a save tells each store not known to hold the record', async () => {
    const calls: string[] = [];
    const store = (name: string, has: boolean): PieceStore => ({
      restore: async (key) => (calls.push(`${name} restore ${key.slice(0, 2)}`), has),
      save: async (key) => void calls.push(`${name} save ${key.slice(0, 2)}`),
    });
    expect(chainPieceStores([])).toBeUndefined();
    const chain = chainPieceStores([store('a', false), store('b', true), store('c', true)])!;
    expect(await chain.restore(KEY, work)).toBe(true);
    await chain.save(KEY, work); // b gave it: not asked again
    await chain.save(KEY, work); // a and c were told: nothing more
    const OTHER = 'd0'.repeat(32);
    await chain.save(OTHER, work);
    expect(calls).toEqual(['a restore c0', 'b restore c0', 'a save c0', 'c save c0', 'a save d0', 'b save d0', 'c save d0']);
    // a key no store holds is asked for once a run
    calls.length = 0;
    const none = chainPieceStores([store('a', false), store('b', false)])!;
    expect([await none.restore(OTHER, work), await none.restore(OTHER, work)]).toEqual([false, false]);
    expect(calls).toEqual(['a restore d0', 'b restore d0']);
    // one store alone: its own record is not saved back to it
    calls.length = 0;
    const one = chainPieceStores([store('x', true)])!;
    expect(await one.restore(KEY, work)).toBe(true);
    await one.save(KEY, work);
    expect(calls).toEqual(['x restore c0']);
  });

  test('a fresh runner (an empty cache folder) finds the records and reuses the layers the target holds', async () => {
    await pushTinyPair(fake);
    const client = new RegistryClient({ retries: 0, timeoutMs: 5_000 });
    const warnings: string[] = [];
    const pieces = () => new RegistryPieceStore(client, requireReference(`${fake.host}/index`), { warning: (m) => void warnings.push(m) });
    const first = await prepareDirect(fake, work, { dir: 'runner-1' });
    const asked = (from: number) =>
      fake.log
        .slice(from)
        .filter((e) => e.path.includes('/manifests/piece-v1-') && e.method !== 'PUT')
        .map((e) => `${e.method} ${e.status}`);
    const cold = await assembleDirect({ ...first.input, pieces: pieces() });
    expect(cold).toMatchObject({ written: 5, reused: 0 });
    // each record asked for once, in one GET, before the pieces are written; then each saved (a HEAD first)
    expect(asked(0)).toEqual([...Array<string>(5).fill('GET 404'), ...Array<string>(5).fill('HEAD 404')]);

    const second = await prepareDirect(fake, work, { dir: 'runner-2', tags: `${fake.host}/out:v2` });
    const mark = fake.log.length;
    const out = await assembleDirect({ ...second.input, pieces: pieces() });
    expect(out).toMatchObject({ written: 0, reused: 5, digest: cold.digest });
    expect(asked(mark)).toEqual(Array<string>(5).fill('GET 200'));
    expect(out.fetch).toEqual({ ranges: 0, bytesFetched: 0, files: 0, skipped: [] });
    expect(fake.log.slice(mark).filter((e) => e.method === 'PATCH' || e.path.startsWith('/v2/full/'))).toEqual([]);
    expect(readBack(fake, 'out', 'v2').digest).toBe(cold.digest);

    // into a repository without the layers, the records do not stand in for them
    const third = await prepareDirect(fake, work, { dir: 'runner-3', tags: `${fake.host}/elsewhere:v1` });
    const other = await assembleDirect({ ...third.input, pieces: pieces() });
    expect(other).toMatchObject({ written: 5, reused: 0, digest: cold.digest });
    expect(warnings).toEqual([]);
  });
});
