import { type Held, planAsk, planSaveKind, planStoreDigests } from '../../../src/cache/layer-file-store.js';
import type { LocalFiles } from '../../../src/layer/cache-files.js';

const files = (toc: boolean, index: boolean): LocalFiles => ({ toc, index });

test.each<[string, Held, LocalFiles, 'index' | 'toc' | undefined]>([
  ["full's own layer, nothing stored", 'none', files(true, true), 'index'],
  ["min's layer, nothing stored", 'none', files(true, false), 'toc'],
  ["stored as min's, full's own this time: the index is new", 'toc', files(true, true), 'index'],
  ["stored as min's and min's again", 'toc', files(true, false), undefined],
  ['stored whole', 'index', files(true, true), undefined],
  ['stored whole, read as min this time', 'index', files(true, false), undefined],
  ['never read (no files)', 'none', files(false, false), undefined],
  ['an index without its table of contents is never read', 'none', files(false, true), undefined],
])('planSaveKind: %s', (_name, held, local, kind) => {
  expect(planSaveKind(held, local)).toBe(kind);
});

test('a store is asked for a layer unless both its files are on disk', () => {
  expect([files(true, true), files(true, false), files(false, true), files(false, false)].map(planAsk)).toEqual([false, true, true, true]);
});

test('the digests a store names, once each, in the order asked', () => {
  expect(planStoreDigests(['b', 'x', 'a', 'b'], (d) => (d === 'x' ? undefined : d))).toEqual(['b', 'a']);
});
