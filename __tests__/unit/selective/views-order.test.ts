// The order a cold read starts its layers in: the largest first, so a run does not end on one
// large stream alone.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type FakeRegistry, startFakeRegistry } from '../../helpers/fake-registry.js';
import { prepareDirect } from '../../helpers/direct-run.js';
import { pushTinyPair } from '../../helpers/tiny-images.js';

let work: string;
let fake: FakeRegistry;
beforeEach(async () => {
  work = await mkdtemp(join(tmpdir(), 'views-order-'));
  fake = await startFakeRegistry();
});
afterEach(async () => {
  await fake.close();
  await rm(work, { recursive: true, force: true });
});

test("a cold read lists min's layers and indexes full's own, each once, the largest started first", async () => {
  const { min, full } = await pushTinyPair(fake);
  const layers = full.layers;
  await prepareDirect(fake, work);
  const reads = fake.log.filter((e) => e.method === 'GET' && /\/blobs\/sha256:/.test(e.path) && !e.path.includes('/manifests/'));
  const digestOf = (path: string) => path.slice(path.lastIndexOf('/') + 1);
  const sizeOf = new Map(layers.map((l) => [l.digest, l.size]));
  const read = reads.map((e) => digestOf(e.path)).filter((d) => sizeOf.has(d));
  expect(new Set(read).size).toBe(read.length);
  expect([...read].sort()).toEqual(layers.map((l) => l.digest).sort());
  // In image order min's two layers would go first; here the largest (full's) does. Three are
  // read at once, so the first three may reach the registry in any order, and so may two that
  // start as two streams end together: compared as sets.
  const sizes = read.map((d) => sizeOf.get(d) as number);
  const largestFirst = layers.map((l) => l.size).sort((a, b) => b - a);
  expect(layers.slice(0, min.layers.length).map((l) => l.size)).not.toContain(largestFirst[0]);
  expect([...sizes.slice(0, 3)].sort((a, b) => b - a)).toEqual(largestFirst.slice(0, 3));
  expect([...sizes.slice(3)].sort((a, b) => b - a)).toEqual(largestFirst.slice(3));
});
