// A trimmed base: min's layers that lose files written anew from their kept entries (read by
// ranges like a part's), in place in the manifest, the diff IDs and the history; the others
// mounted as they are. Pure planners with exact outputs, then a whole assembly against the
// fake registry, read back tar by tar.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { assembleDirect } from '../../../src/direct/assemble.js';
import { planBaseJob, planTrimmedMin, planWholeLayer } from '../../../src/direct/trim-base.js';
import type { LayerIndex } from '../../../src/layer/index-format.js';
import type { TarEntry } from '../../../src/layer/tar-parse.js';
import { MEDIA, type ResolvedImage } from '../../../src/oci/types.js';
import { type FakeRegistry, startFakeRegistry } from '../../helpers/fake-registry.js';
import { prepareDirect, readBack, sha } from '../../helpers/direct-run.js';
import { readTarReference } from '../../helpers/layer-tar.js';
import { pushTinyPair } from '../../helpers/tiny-images.js';

const D = (n: number) => `sha256:${String(n).repeat(64)}`;
const entry = (path: string, offset: number, size = 10): TarEntry => ({
  path,
  type: 'file',
  mode: 0o644,
  uid: 0,
  gid: 0,
  mtime: 1,
  size,
  offset,
});

test('planBaseJob: the kept entries of the layer, a path written twice as its later entry, each placed in that layer', () => {
  const index = { digest: D(1), entries: [entry('/a', 512), entry('/b', 1536), entry('/a', 2560, 20)] } as unknown as LayerIndex;
  const job = planBaseJob({ digest: D(1), keep: new Set(['/a']), dropped: 1, droppedBytes: 10 }, 2, index);
  expect(job.piece).toEqual({ name: 'base layer 3', kind: 'other', file: '', keep: ['/'] });
  expect(job.entries).toEqual([{ ...entry('/a', 2560, 20), layer: 2 }]);
  expect(() => planBaseJob({ digest: D(2), keep: new Set(), dropped: 1, droppedBytes: 0 }, 0, index)).toThrow(
    `the index of ${D(1)} was given for min layer ${D(2)}`,
  );
});

test('planTrimmedMin: the trimmed layers in place (descriptor, diff ID, history comment), empty-layer history skipped', () => {
  const min = {
    manifest: {
      schemaVersion: 2,
      mediaType: MEDIA.ociManifest,
      config: { mediaType: MEDIA.ociConfig, digest: D(9), size: 1 },
      layers: [1, 2, 3].map((n) => ({ mediaType: 'application/vnd.docker.image.rootfs.diff.tar.gzip', digest: D(n), size: 100 * n })),
    },
    config: {
      architecture: 'amd64',
      os: 'linux',
      rootfs: { type: 'layers', diff_ids: [D(4), D(5), D(6)] },
      history: [
        { created_by: 'ADD rootfs' },
        { created_by: 'ENV A=1', empty_layer: true },
        { created_by: 'RUN cuda', comment: 'buildkit' },
        { created_by: 'COPY x' },
      ],
    },
  } as unknown as ResolvedImage;
  const out = planTrimmedMin(
    min,
    new Map([[1, { layers: [{ digest: D(7), diffId: D(8), size: 50, tarSize: 90 }], dropped: 3, droppedBytes: 1234 }]]),
    'safe',
  );
  expect(out.manifest.layers).toEqual([
    min.manifest.layers[0],
    { mediaType: MEDIA.ociLayerGzip, digest: D(7), size: 50 },
    min.manifest.layers[2],
  ]);
  expect(out.config.rootfs.diff_ids).toEqual([D(4), D(8), D(6)]);
  expect(out.config.history).toEqual([
    { created_by: 'ADD rootfs' },
    { created_by: 'ENV A=1', empty_layer: true },
    { created_by: 'RUN cuda', comment: 'buildkit; trim: safe dropped 3 entries (1234 B)' },
    { created_by: 'COPY x' },
  ]);
  expect(planTrimmedMin(min, new Map(), 'safe')).toBe(min);
});

/** The bytes a list of `bytes=a-b` range requests asked for. */
const rangeBytes = (requests: ReadonlyArray<{ range?: string }>) =>
  requests.reduce((n, r) => n + 1 - Number(/^bytes=(\d+)/.exec(r.range ?? '')?.[1]) + Number(/-(\d+)$/.exec(r.range ?? '')?.[1]), 0);

describe('a direct assembly with trim: safe', () => {
  let work: string;
  let fake: FakeRegistry;
  beforeEach(async () => {
    work = await mkdtemp(join(tmpdir(), 'trim-base-'));
    fake = await startFakeRegistry();
  });
  afterEach(async () => {
    await fake.close();
    await rm(work, { recursive: true, force: true });
  });

  test('writes the layer that loses files from its kept entries, mounts the others, and reuses it on a second run', async () => {
    const pair = await pushTinyPair(fake, ['amd64'], { trimmable: true });
    const gets = (from: number, digest: string) =>
      fake.log.slice(from).filter((l) => l.method === 'GET' && l.path.endsWith(`/blobs/${digest}`));
    const listing = fake.log.length;
    const { input } = await prepareDirect(fake, work, { trim: true });
    const first = fake.log.length;
    // min's layers are streamed once each, to list them and, as a trim may write them anew, to
    // index them and stage what it may keep
    for (const l of pair.min.layers) {
      const whole = gets(listing, l.digest);
      expect(whole.map((r) => [r.status, r.range])).toEqual([[200, undefined]]);
    }
    const out = await assembleDirect(input);
    // so the assembly reads of the layer that loses files one file, by one range: the one the
    // kept hardlink /usr/bin/cuobjdump names, which the rules drop (the listing staged what they
    // keep, the whiteout too); full's parts were staged by its own cold pass
    const read = gets(first, pair.min.layers[2].digest);
    expect(read).toEqual([expect.objectContaining({ status: 206, range: expect.stringMatching(/^bytes=\d+-\d+$/) })]);
    expect(rangeBytes(read)).toBeLessThan(pair.min.layers[2].size);
    expect(out.fetch).toMatchObject({ ranges: 1, files: 1 });
    expect(gets(first, pair.min.layers[0].digest)).toEqual([]);
    const got = readBack(fake, 'out', 'v1');
    // min's first two layers as they are, the third written anew
    expect(got.manifest.layers.slice(0, 2).map((l) => l.digest)).toEqual(pair.min.layers.slice(0, 2).map((l) => l.digest));
    const trimmed = got.manifest.layers[2];
    expect(trimmed.digest).not.toBe(pair.min.layers[2].digest);
    expect(trimmed.size).toBeLessThan(pair.min.layers[2].size);
    expect(out.rewritten['linux/amd64'].get(2)).toMatchObject({
      layers: [expect.objectContaining({ digest: trimmed.digest })],
      dropped: 8,
      droppedBytes: 6_000 + 1_500 + 3_000 + 900 + 400,
    });
    expect(got.config.rootfs.diff_ids).toEqual(got.tars.map(sha));
    expect((got.config.history as Array<{ comment?: string }>)[2].comment).toBe('trim: safe dropped 8 entries (11800 B)');
    expect((await readTarReference(got.tars[2])).map((e) => `${e.type} ${e.name}`)).toEqual([
      'directory usr/',
      'directory usr/bin/',
      'directory usr/local/',
      'directory usr/local/cuda/',
      'directory usr/local/cuda/bin/',
      'file usr/local/cuda/bin/cuobjdump',
      'directory usr/local/cuda/lib64/',
      'file usr/local/cuda/lib64/libcublas.so.12',
      'file usr/local/cuda/lib64/libcudart.so.12',
      'directory usr/share/',
      'directory usr/share/doc/',
      'file usr/share/doc/.wh.old',
      'directory usr/share/doc/cuda/',
      'file usr/share/doc/cuda/copyright',
      'link usr/bin/cuobjdump',
    ]);
    // the base part's size is the trimmed base's
    expect(out.platforms[0].parts[0]).toMatchObject({ name: 'base', digests: got.manifest.layers.slice(0, 3).map((l) => l.digest) });
    expect(out.platforms[0].parts[0].size).toBe(got.manifest.layers.slice(0, 3).reduce((n, l) => n + l.size, 0));
    // again, from the records: nothing read, nothing written, the same image
    const mark = fake.log.length;
    const again = await assembleDirect((await prepareDirect(fake, work, { trim: true, warm: true })).input);
    expect(again).toMatchObject({ digest: out.digest, written: 0 });
    expect(
      fake.log.slice(mark).filter((l) => l.method === 'GET' && l.path.includes('/blobs/') && l.path.includes(pair.min.layers[2].digest)),
    ).toEqual([]);
    // with the index warm, nothing staged and no record: the kept entries by ranges, never the whole layer
    await rm(join(work, 'a', 'cache', 'pieces'), { recursive: true, force: true });
    const warm = fake.log.length;
    const third = await assembleDirect((await prepareDirect(fake, work, { trim: true, warm: true })).input);
    expect(third.digest).toBe(out.digest);
    const [size, ranges] = [pair.min.layers[2].size, gets(warm, pair.min.layers[2].digest)];
    expect(ranges.length).toBeGreaterThan(0);
    for (const r of ranges) expect(r).toMatchObject({ status: 206, range: expect.stringMatching(/^bytes=\d+-\d+$/) });
    expect(rangeBytes(ranges)).toBeLessThan(size);
  });
});

describe('an entry that steps out of the staging folder', () => {
  let work: string;
  let fake: FakeRegistry;
  beforeEach(async () => {
    work = await mkdtemp(join(tmpdir(), 'trim-base-'));
    fake = await startFakeRegistry();
  });
  afterEach(async () => {
    await fake.close();
    await rm(work, { recursive: true, force: true });
  });
  const escape = { header: { name: 'usr/../../escape', type: 'file' as const, mode: 0o644 }, data: Buffer.from('x') };

  test("in min: refused by a cold trim's listing, naming min's image and the entry; only listed without a trim", async () => {
    await pushTinyPair(fake, ['amd64'], { trimmable: true, minLayer: [escape] });
    await expect(prepareDirect(fake, work, { trim: true })).rejects.toThrow(
      `${fake.host}/min:1: refusing to extract "/usr/../../escape": it is not a plain absolute path`,
    );
    // listed alone (no trim), min's layers are only read, never staged
    await expect(prepareDirect(fake, work, { dir: 'b' })).resolves.toBeDefined();
  });

  test("in full's own layer: refused by its cold pass, naming full's image and the entry", async () => {
    await pushTinyPair(fake, ['amd64'], { fullLayer: [escape] });
    await expect(prepareDirect(fake, work)).rejects.toThrow(
      `${fake.host}/full:1: refusing to extract "/usr/../../escape": it is not a plain absolute path`,
    );
  });
});

test('planWholeLayer: a min layer only too large keeps every entry; one with a device or attributes cannot be cut', () => {
  const file = (path: string, more: object = {}) => ({ path, type: 'file' as const, size: 1, mode: 0o644, uid: 0, gid: 0, ...more });
  expect(planWholeLayer(D(1), 5e9, [file('/a'), file('/b')], 2e9)).toEqual({
    digest: D(1),
    keep: new Set(['/a', '/b']),
    dropped: 0,
    droppedBytes: 0,
  });
  expect(() => planWholeLayer(D(1), 5e9, [file('/a'), { ...file('/dev/null'), type: 'other' as const }], 2e9)).toThrow(
    `min layer ${D(1)} is 5000000000 bytes, more than max-layer-size (2000000000), and cannot be cut: it holds /dev/null, a device or fifo, which a rewritten layer cannot carry; raise max-layer-size`,
  );
  expect(() => planWholeLayer(D(1), 5e9, [file('/usr/bin/ping', { xattrs: ['security.capability'] })], 2e9)).toThrow(
    'it holds /usr/bin/ping, a file with extended attributes (security.capability), which a rewritten layer cannot carry',
  );
});
