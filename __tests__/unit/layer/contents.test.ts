import { mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import {
  CAPTURE_LIMITS,
  CaptureBudget,
  type LayerToc,
  type TocEntry,
  fetchLayerToc,
  listFolders,
  readLayerToc,
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

  test("min's listing names each entry's extended attributes (what a trim must not lose); the index keeps none", async () => {
    const items: TarItem[] = [
      {
        header: { name: 'usr/bin/ping', type: 'file', mtime, size: 1, pax: { 'SCHILY.xattr.security.capability': 'cap' } },
        data: Buffer.from('p'),
      },
      { header: { name: 'usr/bin/ls', type: 'file', mtime, size: 1 }, data: Buffer.from('l') },
    ];
    const layer = await makeLayer(items);
    const min = await fetchLayerToc(memoryClient(layer.gz).client, { registry: 'r', repository: 'x' }, layer.digest);
    expect(min.entries.map((e) => [e.path, e.xattrs])).toEqual([
      ['/usr/bin/ping', ['security.capability']],
      ['/usr/bin/ls', undefined],
    ]);
    const full = await buildLayerIndex(Readable.from([layer.gz]), { digest: layer.digest });
    expect(full.entries.map((e) => e.xattrs)).toEqual([undefined, undefined]);
  });
});

describe('CaptureBudget: the files a table of contents keeps, within limits', () => {
  const MiB = 1024 * 1024;
  const at = (path: string, size: number, type: 'file' | 'symlink' = 'file') => ({ path, size, type });

  test('only the dpkg database, the account files and os-release are kept, and only as files', () => {
    const b = new CaptureBudget('sha256:l');
    const kept = [
      at('/var/lib/dpkg/status', 1),
      at('/var/lib/dpkg/info/libgomp1:amd64.list', 1),
      at('/etc/passwd', 1),
      at('/usr/lib/os-release', 1),
      at('/var/lib/dpkg/info/libgomp1:amd64.md5sums', 1),
      at('/var/lib/dpkg/info/x/y.list', 1),
      at('/etc/os-release', 0, 'symlink'),
      at('/opt/tritonserver/bin/tritonserver', 1),
    ].map((e) => b.take(e));
    expect(kept).toEqual([true, true, true, true, false, false, false, false]);
  });

  test('a file over the file limit is refused, naming the layer, the entry and both sizes', () => {
    const b = new CaptureBudget('sha256:l');
    expect(b.take(at('/var/lib/dpkg/status', CAPTURE_LIMITS.file))).toBe(true);
    expect(() => new CaptureBudget('sha256:l').take(at('/var/lib/dpkg/status', CAPTURE_LIMITS.file + 1))).toThrow(
      `refusing to read "/var/lib/dpkg/status" of layer sha256:l: it is ${64 * MiB + 1} bytes, more than the ${64 * MiB} such a file may be`,
    );
  });

  test('files that each fit but together pass the layer limit: the one that passes it is refused', () => {
    const b = new CaptureBudget('sha256:l');
    for (let i = 0; i < 4; i++) expect(b.take(at(`/var/lib/dpkg/info/p${i}.list`, 64 * MiB))).toBe(true);
    expect(() => b.take(at('/var/lib/dpkg/info/p4.list', 1))).toThrow(
      `refusing to read "/var/lib/dpkg/info/p4.list" of layer sha256:l: with it, the layer's dpkg database, account files and os-release come to ${256 * MiB + 1} bytes, more than ${256 * MiB}`,
    );
    // files not captured do not count
    expect(new CaptureBudget('sha256:l').take(at('/opt/big', 10 * 1024 * MiB))).toBe(false);
  });

  test("min's listing stops at a dpkg database of 65 MiB of zeros (a blob of some 64 KiB)", async () => {
    const mtime = new Date('2024-01-02T03:04:05Z');
    const size = 65 * MiB;
    const layer = await makeLayer([{ header: { name: 'var/lib/dpkg/status', type: 'file', mtime, size }, data: Buffer.alloc(size) }]);
    expect(layer.gz.length).toBeLessThan(MiB);
    await expect(fetchLayerToc(memoryClient(layer.gz).client, { registry: 'r', repository: 'x' }, layer.digest)).rejects.toThrow(
      `refusing to read "/var/lib/dpkg/status" of layer ${layer.digest}: it is ${size} bytes`,
    );
    // through the cache folder, as composes list min: the image is named too, and nothing is cached
    const cacheDir = mkdtempSync(join(tmpdir(), 'toc-cache-'));
    const min = { registry: 'r.example', repository: 'nvidia/tritonserver', tag: '24.01-py3-min' };
    await expect(readLayerToc(memoryClient(layer.gz).client, min, layer.digest, cacheDir)).rejects.toThrow(
      `r.example/nvidia/tritonserver:24.01-py3-min: refusing to read "/var/lib/dpkg/status" of layer ${layer.digest}`,
    );
    expect(readdirSync(cacheDir)).toEqual([]);
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
