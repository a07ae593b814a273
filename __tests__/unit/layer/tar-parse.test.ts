// Tar names as paths: cleaned as tar and Docker clean them (leading `./` and `/`, repeated and
// trailing slashes, `.` components), `..` kept for the folder writer to refuse; the parser
// gives entries and hardlink targets those paths, symlink targets as written.
import { type TarEntry, TarParser, normalizeTarPath } from '../../../src/layer/tar-parse.js';
import { makeRawTar } from '../../helpers/layer-tar.js';

test.each<[string, string]>([
  ['opt/x', '/opt/x'],
  ['./opt/x', '/opt/x'],
  ['/opt/x', '/opt/x'],
  ['.//./opt//x/', '/opt/x'],
  ['opt/./x', '/opt/x'],
  ['opt/x/.', '/opt/x'],
  ['./././opt/././x/./', '/opt/x'],
  ['', '/'],
  ['.', '/'],
  ['./', '/'],
  ['/', '/'],
  ['.hidden/.wh.x', '/.hidden/.wh.x'],
  ['opt/..x/x..', '/opt/..x/x..'],
  ['../x', '/../x'],
  ['opt/./../x', '/opt/../x'],
  ['..//./x', '/../x'],
])('%j is %j', (name, path) => {
  expect(normalizeTarPath(name)).toBe(path);
});

test('entries and hardlink targets with . components get the clean path; symlink targets stay as written', () => {
  const tar = makeRawTar([
    { name: 'opt/./a/', type: '5', mode: 0o755 },
    { name: './opt/./a/./f', type: '0', data: Buffer.from('f') },
    { name: 'opt/a/h', type: '1', linkname: 'opt/./a/f' },
    { name: 'opt/a/s', type: '2', linkname: './f/.' },
    { name: 'opt/a/../b', type: '0', data: Buffer.from('b') },
  ]);
  const entries: TarEntry[] = [];
  const parser = new TarParser({ entry: (e) => void entries.push(e) });
  parser.write(tar);
  expect(parser.ended).toBe(true);
  expect(entries.map((e) => [e.path, e.type, e.target])).toEqual([
    ['/opt/a', 'dir', undefined],
    ['/opt/a/f', 'file', undefined],
    ['/opt/a/h', 'link', '/opt/a/f'],
    ['/opt/a/s', 'symlink', './f/.'],
    ['/opt/a/../b', 'file', undefined],
  ]);
});

test("an entry's extended attributes are named, from either PAX spelling; the next entry has none of them", () => {
  const tar = makeRawTar([
    {
      name: 'usr/bin/ping',
      type: '0',
      data: Buffer.from('elf'),
      pax: { 'SCHILY.xattr.security.capability': '\u0001\u0000\u0000\u0002', 'LIBARCHIVE.xattr.user.note': 'dGV4dA', mtime: '1.5' },
    },
    { name: 'usr/bin/plain', type: '0', data: Buffer.from('x') },
  ]);
  const entries: TarEntry[] = [];
  new TarParser({ entry: (e) => void entries.push(e) }).write(tar);
  expect(entries.map((e) => [e.path, e.xattrs])).toEqual([
    ['/usr/bin/ping', ['security.capability', 'user.note']],
    ['/usr/bin/plain', undefined],
  ]);
  expect('xattrs' in entries[1]).toBe(false);
});
