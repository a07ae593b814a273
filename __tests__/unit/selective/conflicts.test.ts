// Two images placing one path: found by content, settled by prefer, or returned.
import type { Placed } from '../../../src/layer/view.js';
import type { TarEntry } from '../../../src/layer/tar-parse.js';
import { settleConflicts } from '../../../src/selective/conflicts.js';

const entry = (path: string, more: Partial<TarEntry> = {}): Placed<TarEntry> => ({
  path,
  type: 'file',
  mode: 0o644,
  uid: 0,
  gid: 0,
  mtime: 0,
  size: 1,
  offset: 0,
  sha256: 'a'.repeat(64),
  layer: 0,
  ...more,
});
const S = '/usr/local/lib/python3.13/dist-packages';
const job = (source: string | undefined, entries: Placed<TarEntry>[]) => ({
  piece: { name: source ?? 'runtime-deps', ...(source ? { source } : {}) },
  entries,
});

const jobs = [
  job(undefined, [
    entry(`${S}/numpy`, { type: 'dir' }),
    entry(`${S}/numpy/__init__.py`),
    entry(`${S}/typing_ext.py`),
    entry(`${S}/same.py`),
  ]),
  job('vllm', [
    entry(`${S}/numpy`, { type: 'dir', mode: 0o700 }),
    entry(`${S}/numpy/__init__.py`, { sha256: 'b'.repeat(64) }),
    entry(`${S}/typing_ext.py`, { type: 'symlink', target: 'elsewhere.py', sha256: undefined }),
    entry(`${S}/same.py`),
    entry(`${S}/vllm/__init__.py`),
  ]),
];

test('another sha256, or a file against a symlink, is a conflict; the same content or a folder is not', () => {
  const r = settleConflicts(jobs, []);
  expect(r.conflicts).toEqual([
    { path: `${S}/numpy/__init__.py`, images: ['full', 'vllm'] },
    { path: `${S}/typing_ext.py`, images: ['full', 'vllm'] },
  ]);
  expect(r.jobs).toEqual(jobs);
});

test('prefer settles them: the preferred image keeps the path, the others lose it; the first preferred present wins', () => {
  const vllm = settleConflicts(jobs, ['vllm']);
  expect(vllm.conflicts).toEqual([]);
  expect(vllm.jobs[0].entries.map((e) => e.path)).toEqual([`${S}/numpy`, `${S}/same.py`]);
  expect(vllm.jobs[1]).toEqual(jobs[1]);
  const full = settleConflicts(jobs, ['other', 'full', 'vllm']);
  expect(full.jobs[0]).toEqual(jobs[0]);
  expect(full.jobs[1].entries.map((e) => e.path)).toEqual([`${S}/numpy`, `${S}/same.py`, `${S}/vllm/__init__.py`]);
});

test('pieces of one image never conflict with each other', () => {
  const one = [job('vllm', [entry('/a')]), job('vllm', [entry('/a', { sha256: 'c'.repeat(64) })])];
  expect(settleConflicts(one, []).conflicts).toEqual([]);
});
