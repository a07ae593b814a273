import { existsSync, linkSync, mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { bytesOfFiles, DiskSampler, measureFolders, peakGrowth } from '../../../scripts/bench/disk.js';

test.each([
  [[], 0],
  [[100], 0],
  [[100, 150, 130, 90], 50],
  [[100, 90, 80], 0],
  [[100, 100, 400, 100], 300],
])('peakGrowth(%p) = %p', (samples, expected) => {
  expect(peakGrowth(samples)).toBe(expected);
});

// tmpfs when there is one: no other test writes there, so its counters move only with this one.
const quiet = existsSync('/dev/shm') ? '/dev/shm' : tmpdir();

test('measureFolders counts a file system once however many folders it holds, and the sampler sees growth', async () => {
  const root = mkdtempSync(join(quiet, 'bench-disk-'));
  try {
    mkdirSync(join(root, 'a'));
    mkdirSync(join(root, 'b'));
    const before = await measureFolders([join(root, 'a'), join(root, 'b')]);
    expect(before).toEqual(expect.any(Number));
    expect(await measureFolders([join(root, 'a')])).toBe(before);
    expect(await measureFolders([join(root, 'missing')])).toBeUndefined();
    const sampler = new DiskSampler([join(root, 'a'), join(root, 'b')], 20);
    await sampler.start();
    const MiB = 1 << 20;
    writeFileSync(join(root, 'a', 'f'), Buffer.alloc(4 * MiB, 1));
    linkSync(join(root, 'a', 'f'), join(root, 'b', 'f'));
    await new Promise((r) => setTimeout(r, 100));
    rmSync(join(root, 'a', 'f'));
    rmSync(join(root, 'b', 'f'));
    const samples = await sampler.stop();
    expect(samples.length).toBeGreaterThanOrEqual(3);
    // the 4 MiB once, though two folders link it; gone again by the last sample
    expect(peakGrowth(samples)).toBeGreaterThanOrEqual(4 * MiB);
    expect(peakGrowth(samples)).toBeLessThan(5 * MiB);
    expect(samples[samples.length - 1]).toBeLessThan(samples[0] + MiB);
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
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
