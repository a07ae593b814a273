import { dependencyClosure, packageFiles, parseStatus } from '../../../src/plan/dpkg.js';

const status = (pkgs: [string, string][]) =>
  pkgs.map(([n, d]) => `Package: ${n}\nStatus: install ok installed\nVersion: 1\n${d ? `Depends: ${d}\n` : ''}`).join('\n');

test('parses Depends with versions, arch qualifiers and alternatives', () => {
  const db = parseStatus(
    'Package: a\nStatus: install ok installed\nVersion: 1.0\nPre-Depends: p\nDepends: b (>= 2), c:any | d, e\nDescription: x\n more\n',
  );
  expect(db.get('a')).toEqual({
    name: 'a',
    version: '1.0',
    arch: '',
    installed: true,
    depends: [['p'], ['b'], ['c', 'd'], ['e']],
    provides: [],
  });
});

test('closure follows dependencies the base lacks, and stops at what it has', () => {
  const full = parseStatus(
    status([
      ['libc6', ''],
      ['python3', 'python3.10, libc6'],
      ['python3.10', 'libpython3.10-stdlib'],
      ['libpython3.10-stdlib', 'libffi8 | libffi7, libc6'],
      ['libffi8', 'libc6'],
      ['curl', ''],
    ]),
  );
  const min = parseStatus(status([['libc6', '']]));
  expect(dependencyClosure(full, min, ['python3'])).toEqual({
    packages: ['libffi8', 'libpython3.10-stdlib', 'python3', 'python3.10'],
    missing: [],
  });
});

test('closure names requested packages the source lacks', () => {
  const full = parseStatus(status([['a', '']]));
  expect(dependencyClosure(full, new Map(), ['a', 'libgomp1'])).toEqual({ packages: ['a'], missing: ['libgomp1'] });
});

test('package files come from the arch-qualified list first', () => {
  const captured = new Map([['/var/lib/dpkg/info/libgomp1:amd64.list', '/.\n/usr\n/usr/lib/x86_64-linux-gnu/libgomp.so.1\n']]);
  expect(packageFiles(captured, 'libgomp1', 'amd64')).toEqual(['/usr', '/usr/lib/x86_64-linux-gnu/libgomp.so.1']);
  expect(packageFiles(captured, 'nope', 'amd64')).toBeUndefined();
});
