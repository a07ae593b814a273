import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { bytesOfFiles, DiskSampler, measureFolders, parseDuTotal, peakGrowth } from '../../../scripts/bench/disk.js';

test.each([
  ['1000\t/var/lib/docker\n200\t/tmp/x\n1200\ttotal\n', 1200],
  ["du: cannot access '/var/lib/docker/tmp/x': No such file or directory\n5\t/a\n5\ttotal", 5],
  ['1000\t/var/lib/docker\n', undefined],
  ['', undefined],
])('parseDuTotal(%p) = %p', (out, expected) => {
  expect(parseDuTotal(out)).toBe(expected);
});

test.each([
  [[], 0],
  [[100], 0],
  [[100, 150, 130, 90], 50],
  [[100, 90, 80], 0],
  [[100, 100, 400, 100], 300],
])('peakGrowth(%p) = %p', (samples, expected) => {
  expect(peakGrowth(samples)).toBe(expected);
});

test('measureFolders counts a file hard-linked from two folders once, and the sampler sees growth', async () => {
  const root = mkdtempSync(join(tmpdir(), 'bench-disk-'));
  mkdirSync(join(root, 'a'));
  mkdirSync(join(root, 'b'));
  const before = await measureFolders([join(root, 'a'), join(root, 'b')]);
  expect(before).toBeGreaterThan(0);
  const sampler = new DiskSampler([join(root, 'a'), join(root, 'b')], 20);
  await sampler.start();
  writeFileSync(join(root, 'a', 'f'), Buffer.alloc(100_000));
  await new Promise((r) => setTimeout(r, 100));
  const samples = await sampler.stop();
  expect(samples.length).toBeGreaterThanOrEqual(2);
  expect(samples[0]).toBe(before);
  expect(peakGrowth(samples)).toBe(100_000);
});

test('bytesOfFiles sums the files of one folder that end in the suffix, and 0 for a missing folder', async () => {
  const root = mkdtempSync(join(tmpdir(), 'bench-index-'));
  writeFileSync(join(root, 'sha256-aa.layer-index'), Buffer.alloc(1000));
  writeFileSync(join(root, 'sha256-bb.layer-index'), Buffer.alloc(234));
  writeFileSync(join(root, 'sha256-aa.toc.json.gz'), Buffer.alloc(5000));
  mkdirSync(join(root, 'sub.layer-index'));
  writeFileSync(join(root, 'sub.layer-index', 'x.layer-index'), Buffer.alloc(7));
  expect(await bytesOfFiles(root, '.layer-index')).toBe(1234);
  expect(await bytesOfFiles(join(root, 'missing'), '.layer-index')).toBe(0);
});
