import { Readable } from 'node:stream';
import {
  type LayerToc,
  type TocEntry,
  fetchLayerToc,
  listFolders,
  mergeLayers,
  resolveInView,
  tocFromIndex,
} from '../../../src/layer/contents.js';
import { buildLayerIndex } from '../../../src/layer/layer-index.js';
import { type TarItem, makeLayer, memoryClient } from '../../helpers/layer-tar.js';

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

describe("min's listing (fetchLayerToc) and full's (the layer index) agree on every path form", () => {
  const mtime = new Date('2024-01-02T03:04:05Z');
  const long = './opt//tritonserver/' + 'a-folder-name-longer-than-ustar-allows-'.repeat(4) + '/lib.so';
  test.each<[string, TarItem, string]>([
    ['a leading ./, doubled and trailing slashes', { header: { name: './a//b/', type: 'directory', mtime } }, '/a/b'],
    ['the root as "./"', { header: { name: './', type: 'directory', mtime } }, '/'],
    ['the root as "."', { header: { name: '.', type: 'directory', mtime } }, '/'],
    ['a PAX path', { header: { name: long, type: 'file', mtime, size: 1 }, data: Buffer.from('x') }, long.slice(1).replace('//', '/')],
    [
      'a GNU long name',
      {
        header: { name: './usr//lib/' + 'gnu-long-'.repeat(15) + '.so', type: 'file', mtime, size: 1 },
        data: Buffer.from('y'),
        gnuLongName: true,
      },
      '/usr/lib/' + 'gnu-long-'.repeat(15) + '.so',
    ],
    [
      'a hardlink target with ./ and a doubled slash',
      { header: { name: 'usr/bin/x', type: 'link', linkname: './usr//bin/y', mtime } },
      '/usr/bin/x',
    ],
  ])('%s', async (_what, item, path) => {
    const items: TarItem[] = [{ header: { name: 'usr/bin/y', type: 'file', mtime, size: 1 }, data: Buffer.from('z') }, item];
    const layer = await makeLayer(items);
    const min = await fetchLayerToc(memoryClient(layer.gz).client, { registry: 'r', repository: 'x' }, layer.digest);
    const full = tocFromIndex(await buildLayerIndex(Readable.from([layer.gz]), { digest: layer.digest }), {});
    expect(min).toEqual(full);
    expect(min.entries[1].path).toBe(path);
    if (item.header.type === 'link') expect(min.entries[1].target).toBe('/usr/bin/y');
  });

  test('the captured files and the tar size agree too', async () => {
    const items: TarItem[] = [
      { header: { name: './etc//os-release', type: 'file', mtime, size: 10 }, data: Buffer.from('ID=ubuntu\n') },
      { header: { name: 'var/lib/dpkg/status', type: 'file', mtime, size: 0 }, data: Buffer.alloc(0) },
    ];
    const layer = await makeLayer(items);
    const min = await fetchLayerToc(memoryClient(layer.gz).client, { registry: 'r', repository: 'x' }, layer.digest);
    expect(min.captured).toEqual({ '/etc/os-release': 'ID=ubuntu\n', '/var/lib/dpkg/status': '' });
    expect(min.tarSize).toBe(layer.tar.length);
    const full = await buildLayerIndex(Readable.from([layer.gz]), { digest: layer.digest });
    expect(min.entries).toEqual(tocFromIndex(full, {}).entries);
  });
});

describe('resolveInView: a path with its folders followed through symlinks', () => {
  const link = (path: string, target: string): TocEntry => ({ ...f(path, 'symlink'), target });
  const view = mergeLayers([
    layer([
      link('/lib', 'usr/lib'),
      link('/bin', '/usr/bin'),
      f('/usr', 'dir'),
      f('/usr/lib', 'dir'),
      f('/usr/lib/x86_64-linux-gnu', 'dir'),
      f('/usr/lib/x86_64-linux-gnu/libexpat.so.1.8.10'),
      link('/usr/lib/x86_64-linux-gnu/libexpat.so.1', 'libexpat.so.1.8.10'),
      f('/usr/bin', 'dir'),
      f('/usr/bin/dash'),
      link('/opt/up', '../../../../usr'),
      link('/loop/a', 'b'),
      link('/loop/b', 'a'),
    ]),
  ]);

  test.each([
    ['/lib/x86_64-linux-gnu/libexpat.so.1.8.10', '/usr/lib/x86_64-linux-gnu/libexpat.so.1.8.10'],
    ['/lib/x86_64-linux-gnu/libexpat.so.1', '/usr/lib/x86_64-linux-gnu/libexpat.so.1'], // the last name stays a symlink
    ['/bin/dash', '/usr/bin/dash'],
    ['/usr/bin/dash', '/usr/bin/dash'],
    ['/lib', '/lib'],
    ['/opt/up/bin/dash', '/usr/bin/dash'], // .. stops at the root
    ['/lib/x86_64-linux-gnu/./libexpat.so.1.8.10', '/usr/lib/x86_64-linux-gnu/libexpat.so.1.8.10'],
    ['/lib/missing.so', undefined],
    ['/loop/a/x', undefined],
  ])('%s → %s', (path, want) => {
    expect(resolveInView(view, path)).toBe(want);
  });
});
