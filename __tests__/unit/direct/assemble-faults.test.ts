// The direct assembly against a fake registry that misbehaves: parts read by ranges through short
// answers, uploads cut mid-body, a layer that answers another range than asked, tokens that stop
// working and answers that say "later". Each image written must be the one a clean run writes.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type DirectInput, assembleDirect } from '../../../src/direct/assemble.js';
import { MemoryStage } from '../../../src/layer/memory-stage.js';
import { type FakeRegistry, type FakeRegistryOptions, startFakeRegistry } from '../../helpers/fake-registry.js';
import { type PrepareOptions, prepareDirect, readBack as readBackFrom, sha } from '../../helpers/direct-run.js';
import { type PushedImage, pushTinyPair } from '../../helpers/tiny-images.js';

let work: string;
let fake: FakeRegistry;
let pair: { min: PushedImage; full: PushedImage };
beforeEach(async () => {
  work = await mkdtemp(join(tmpdir(), 'direct-faults-'));
});
afterEach(async () => {
  await fake?.close();
  await rm(work, { recursive: true, force: true });
});

async function start(options: FakeRegistryOptions = {}): Promise<void> {
  fake = await startFakeRegistry(options);
  pair = await pushTinyPair(fake);
}
const prepare = (opts: PrepareOptions = {}) => prepareDirect(fake, work, opts);
const readBack = (repository: string, tag: string) => readBackFrom(fake, repository, tag);
const since = (mark: number) => fake.log.slice(mark);

test('a warm assembly fetches the parts by ranges, resumes short answers, and writes the same image as a cold one', async () => {
  await start();
  const cold = await assembleDirect((await prepare({ dir: 'cold' })).input);
  const { input } = await prepare({ dir: 'warm', warm: true, tags: `${fake.host}/warm:v1` });
  fake.rules.push({ method: 'GET', path: /^\/v2\/full\/blobs\//, times: 2, fault: { kind: 'short', bytes: 2_000 } });
  const mark = fake.log.length;
  const out = await assembleDirect(input);
  expect(out).toMatchObject({ digest: cold.digest, written: 5, reused: 0 });
  expect(out.fetch.files).toBe(14);
  expect(out.fetch.ranges).toBeGreaterThanOrEqual(2);
  const reads = since(mark).filter((e) => e.method === 'GET' && e.path.startsWith('/v2/full/blobs/'));
  expect(reads.every((e) => e.range !== undefined)).toBe(true);
  expect(reads.filter((e) => e.fault === 'short')).toHaveLength(2);
  expect(readBack('warm', 'v1').tars.map(sha)).toEqual(readBack('out', 'v1').tars.map(sha));
});

/** A memory stage that counts the files it took and those it had no room for. */
class CountingStage extends MemoryStage {
  taken = 0;
  refused = 0;
  override put(path: string, data: Buffer): boolean {
    const ok = super.put(path, data);
    if (ok) this.taken++;
    else this.refused++;
    return ok;
  }
}

test("a warm assembly holds the parts' small files in memory and lets go of each once packed; with no room, the same image through the staging folder", async () => {
  await start();
  const cold = await assembleDirect((await prepare({ dir: 'cold' })).input);
  const roomy = new CountingStage(1 << 20);
  const warm = await prepare({ dir: 'warm', warm: true, tags: `${fake.host}/warm:v1` });
  const out = await assembleDirect({ ...warm.input, memory: roomy });
  expect(out).toMatchObject({ digest: cold.digest, written: 5 });
  expect(out.fetch.files).toBeGreaterThan(0);
  expect(roomy).toMatchObject({ taken: out.fetch.files, refused: 0, bytes: 0 });
  const none = await prepare({ dir: 'none', warm: true, tags: `${fake.host}/none:v1` });
  const noRoom = new CountingStage(0);
  const out2 = await assembleDirect({ ...none.input, memory: noRoom });
  expect(out2).toMatchObject({ digest: cold.digest, written: 5 });
  expect(noRoom.refused).toBeGreaterThan(0);
  expect(noRoom.taken + noRoom.refused).toBe(out2.fetch.files);
  expect(noRoom.bytes).toBe(0);
  expect(readBack('none', 'v1').tars.map(sha)).toEqual(readBack('warm', 'v1').tars.map(sha));
});

test('an upload dropped mid-body is sent again and gives the same image; one dropped every try fails', async () => {
  await start();
  const { input, lines } = await prepare();
  const clean = await assembleDirect(input);
  // The same views again, without the piece records: the parts are fetched by ranges and sent again.
  const again = (repository: string, records: string): DirectInput => ({
    ...input,
    tags: [{ registry: fake.host, repository, tag: 'v1' }],
    cacheDir: join(work, records),
    concurrency: 1,
  });
  fake.rules.push({ method: 'PATCH', path: /^\/v2\/again\/blobs\/uploads\//, fault: { kind: 'drop', afterBytes: 5_000 } });
  const out = await assembleDirect(again('again', 'records-again'));
  expect(out).toMatchObject({ digest: clean.digest, written: 5, uploaded: clean.uploaded });
  expect(fake.log.filter((e) => e.fault === 'drop').map((e) => e.method)).toEqual(['PATCH']);
  expect(lines.warning).toEqual([
    // core is written first: it has the most data
    expect.stringMatching(/^linux\/amd64 core: sending its layer failed \(.+\); sending it again \(try 2 of 3\)$/),
  ]);
  expect(readBack('again', 'v1').tars.map(sha)).toEqual(readBack('out', 'v1').tars.map(sha));

  lines.warning.length = 0;
  fake.rules.push({ method: 'PATCH', path: /^\/v2\/broken\/blobs\/uploads\//, times: 3, fault: { kind: 'drop', afterBytes: 1 } });
  await expect(assembleDirect(again('broken', 'records-broken'))).rejects.toThrow(/PATCH http:\/\/.+\/v2\/broken\/blobs\/uploads\//);
  expect(lines.warning).toHaveLength(2);
  expect(fake.manifest('broken', 'v1')).toBeUndefined();
});

test('a part whose source layer answers another range fails, naming the layer, and its upload is not tried again', async () => {
  await start();
  const { input, lines } = await prepare({ warm: true });
  fake.rules.push({ method: 'GET', path: /^\/v2\/full\/blobs\//, times: 100, fault: { kind: 'wrong-range', by: 512 } });
  const prepareLayer = pair.full.layers[3].digest; // core comes first (the most data), from full's second own layer
  await expect(assembleDirect({ ...input, concurrency: 1 })).rejects.toThrow(
    new RegExp(`blob ${prepareLayer} of ${fake.host}/full:1: the registry answered another range than bytes \\d+-\\d+`),
  );
  expect(fake.manifest('out', 'v1')).toBeUndefined();
  // the layer was being sent beside its staging: the failed staging ends it, once, without a retry
  expect(lines.warning).toEqual([]);
  expect(since(0).filter((e) => e.method === 'POST' && e.status === 202 && e.path.startsWith('/v2/out/blobs/uploads/'))).toHaveLength(1);
});

test('a registry that drops its tokens unannounced and asks to come back later gets the same image', async () => {
  await start({ auth: { scheme: 'bearer', users: [{ username: 'ci', password: 'pw' }], tokenRequests: 5 } });
  const { input, lines } = await prepare({ client: { credentials: () => ({ username: 'ci', password: 'pw' }) } });
  const clean = await assembleDirect(input);
  const issued = fake.tokensIssued();
  fake.rules.push(
    { method: 'POST', path: /^\/v2\/later\/blobs\/uploads\/$/, fault: { kind: 'status', status: 500 } },
    { method: 'HEAD', path: /^\/v2\/later\/blobs\//, fault: { kind: 'status', status: 429, retryAfter: '0' } },
    { method: 'PUT', path: /^\/v2\/later\/blobs\/uploads\//, fault: { kind: 'status', status: 503, retryAfter: '0' } },
    { method: 'PUT', path: /^\/v2\/later\/manifests\//, fault: { kind: 'status', status: 503, retryAfter: '0' } },
  );
  const tags = [{ registry: fake.host, repository: 'later', tag: 'v1' }];
  const out = await assembleDirect({ ...input, tags, cacheDir: join(work, 'records-later') });
  expect(out).toMatchObject({ digest: clean.digest, written: 5, uploaded: clean.uploaded });
  expect(fake.rules.map((r) => r.times)).toEqual([0, 0, 0, 0]);
  expect(fake.tokensIssued()).toBeGreaterThan(issued + 1); // renewed as they ran out, mid-assembly
  expect(readBack('later', 'v1').tars.map(sha)).toEqual(readBack('out', 'v1').tars.map(sha));
  // A token dropped between an upload's POST and its streamed PATCH costs that layer a resend, not the compose.
  for (const w of lines.warning)
    expect(w).toMatch(/^linux\/amd64 [a-z-]+: sending its layer failed \(PATCH .+ answered HTTP 401\); sending it again/);
});
