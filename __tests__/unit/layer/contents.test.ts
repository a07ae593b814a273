import { type LayerToc, type TocEntry, listFolders, mergeLayers } from '../../../src/layer/contents.js';

const f = (path: string, type: TocEntry['type'] = 'file'): TocEntry => ({ path, type, size: 1, mode: 0o644, uid: 0, gid: 0 });
const layer = (entries: TocEntry[], captured: Record<string, string> = {}): LayerToc => ({
  version: 1,
  digest: 'sha256:x',
  tarSize: 0,
  entries,
  captured,
});

test('later layers win, whiteouts delete files and trees, opaque folders reset', () => {
  const view = mergeLayers([
    layer([f('/a', 'dir'), f('/a/one'), f('/a/two'), f('/b', 'dir'), f('/b/old'), f('/etc/os-release')], { '/etc/os-release': 'v1' }),
    layer([f('/a/.wh.one'), f('/b/.wh..wh..opq'), f('/b/new'), f('/etc/os-release')], { '/etc/os-release': 'v2' }),
  ]);
  expect([...view.entries.keys()].sort()).toEqual(['/a', '/a/two', '/b', '/b/new', '/etc/os-release']);
  expect(view.captured.get('/etc/os-release')).toBe('v2');
  expect(view.entries.get('/b/new')?.layer).toBe(1);
});

test('a whiteout of a folder removes everything under it', () => {
  const view = mergeLayers([layer([f('/opt/t/backends/x/lib.so'), f('/opt/t/backends/y/lib.so')]), layer([f('/opt/t/backends/.wh.x')])]);
  expect(listFolders(view, '/opt/t/backends')).toEqual(['y']);
});
