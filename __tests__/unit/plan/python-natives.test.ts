import { type Spec, lib, view } from '../../helpers/elf-views.js';
import { planNativeLibraries } from '../../../src/plan/python-natives.js';

const X = '/usr/lib/x86_64-linux-gnu';
const SITE = '/usr/local/lib/python3.13/dist-packages';
const EXT = `${SITE}/speedups/_native.cpython-313-x86_64-linux-gnu.so`;

const stanza = (name: string, version: string, depends = '') =>
  [
    `Package: ${name}`,
    'Status: install ok installed',
    `Architecture: amd64`,
    `Version: ${version}`,
    ...(depends ? [`Depends: ${depends}`] : []),
  ].join('\n');
const status = (...stanzas: string[]) => ({ text: `${stanzas.join('\n\n')}\n` });

const MIN: Spec = {
  [`${X}/ld-linux-x86-64.so.2`]: lib('ld-linux-x86-64.so.2'),
  [`${X}/libc.so.6`]: lib('libc.so.6', ['ld-linux-x86-64.so.2']),
  '/etc/ld.so.conf': { text: 'include /etc/ld.so.conf.d/*.conf\n' },
  '/etc/ld.so.conf.d/local.conf': { text: '/usr/local/lib\n' },
  '/var/lib/dpkg/status': status(stanza('libc6', '2.41-12')),
};

/** The source image: min, a package (and its dependency) min lacks, a file no package lists, the distribution. */
const SOURCE: Spec = {
  ...MIN,
  [`${X}/libyaml-0.so.2.0.9`]: lib('libyaml-0.so.2', ['libc.so.6', 'libbar.so.1']),
  [`${X}/libyaml-0.so.2`]: '->libyaml-0.so.2.0.9',
  [`${X}/libbar.so.1`]: lib('libbar.so.1', ['libc.so.6']),
  '/usr/share/doc/libyaml-0-2/copyright': { text: 'copyright\n' },
  '/usr/local/lib/libloose.so.1': lib('libloose.so.1', ['libc.so.6']),
  [`${SITE}/speedups/__init__.py`]: { text: 'from speedups._native import *\n' },
  [`${SITE}/speedups.libs/libbundled.so.1`]: lib('libbundled.so.1', ['libc.so.6']),
  '/var/lib/dpkg/status': status(
    stanza('libc6', '2.41-12'),
    stanza('libyaml-0-2', '0.2.5-2', 'libc6 (>= 2.14), libbar1'),
    stanza('libbar1', '1.0-1', 'libc6'),
  ),
  '/var/lib/dpkg/info/libyaml-0-2:amd64.list': {
    text: `/.\n/usr\n/usr/lib\n${X}\n${X}/libyaml-0.so.2.0.9\n${X}/libyaml-0.so.2\n/usr/share/doc/libyaml-0-2/copyright\n`,
  },
  '/var/lib/dpkg/info/libbar1:amd64.list': { text: `/.\n${X}/libbar.so.1\n` },
};

const plan = (ext: ReturnType<typeof lib>, more: Partial<Parameters<typeof planNativeLibraries>[0]> = {}, extra: Spec = {}) => {
  const source = view({ ...SOURCE, [EXT]: ext, ...extra });
  return planNativeLibraries({
    source,
    full: source,
    min: view(MIN),
    fromFull: [],
    dists: [EXT, `${SITE}/speedups/__init__.py`, `${SITE}/speedups.libs/libbundled.so.1`],
    carried: new Set(),
    env: [],
    arch: 'amd64',
    ...more,
  });
};

describe('what python-packages native extensions load', () => {
  it('brings the package that ships a library min lacks, with its dependencies min lacks, each with why', () => {
    expect(plan(lib('', ['libyaml-0.so.2', 'libc.so.6']))).toEqual({
      libraries: [
        { package: 'libbar1', version: '1.0-1', why: 'dependency of libyaml-0-2' },
        { package: 'libyaml-0-2', version: '0.2.5-2', why: `libyaml-0.so.2, needed by ${EXT}` },
      ],
      files: [`${X}/libbar.so.1`, `${X}/libyaml-0.so.2`, `${X}/libyaml-0.so.2.0.9`, '/usr/share/doc/libyaml-0-2/copyright'],
      unresolved: [],
    });
  });

  it('brings nothing for what min has, what the distribution bundles (RUNPATH $ORIGIN) or what the compose carries already', () => {
    const bundled = lib('', ['libc.so.6', 'libbundled.so.1'], { runpath: '$ORIGIN/../speedups.libs' });
    expect(plan(bundled)).toEqual({ libraries: [], files: [], unresolved: [] });
    const carried = plan(lib('', ['libyaml-0.so.2']), {
      carried: new Set(['libyaml-0-2', 'libbar1']),
      fromFull: [`${X}/libyaml-0.so.2`, `${X}/libyaml-0.so.2.0.9`, `${X}/libbar.so.1`],
    });
    expect(carried).toEqual({ libraries: [], files: [], unresolved: [] });
    // carried by name only (apt installs it): not brought again
    expect(plan(lib('', ['libyaml-0.so.2']), { carried: new Set(['libyaml-0-2', 'libbar1']) }).libraries).toEqual([]);
  });

  it('brings a library no package lists as the file, and what it needs in turn', () => {
    const extra: Spec = { '/usr/local/lib/libloose.so.1': lib('libloose.so.1', ['libbar.so.1']) };
    expect(plan(lib('', ['libloose.so.1']), {}, extra)).toEqual({
      libraries: [
        { path: '/usr/local/lib/libloose.so.1', why: `libloose.so.1, needed by ${EXT}` },
        { package: 'libbar1', version: '1.0-1', why: 'libbar.so.1, needed by /usr/local/lib/libloose.so.1' },
      ],
      files: [`${X}/libbar.so.1`, '/usr/local/lib/libloose.so.1'],
      unresolved: [],
    });
  });

  it('names what no image holds (a driver library the runtime mounts) and who needs it', () => {
    expect(plan(lib('', ['libcuda.so.1', 'libc.so.6']))).toEqual({
      libraries: [],
      files: [],
      unresolved: [{ name: 'libcuda.so.1', by: EXT }],
    });
  });

  it("on a merged-/usr root, a package listed under /lib is brought from /usr, never /lib itself (the base's link)", () => {
    const merged: Spec = {
      '/lib': '->usr/lib',
      '/usr/lib/libmerged.so.1': lib('libmerged.so.1'),
      '/var/lib/dpkg/status': status(stanza('libc6', '2.41-12'), stanza('libmerged1', '1-1', 'libc6')),
      '/var/lib/dpkg/info/libmerged1:amd64.list': { text: '/.\n/lib\n/lib/libmerged.so.1\n' },
    };
    const got = plan(lib('', ['libmerged.so.1']), {}, merged);
    expect(got.libraries).toEqual([{ package: 'libmerged1', version: '1-1', why: `libmerged.so.1, needed by ${EXT}` }]);
    expect(got.files).toEqual(['/usr/lib/libmerged.so.1']);
  });

  it('a crafted extension: names with a path, not ELF, or of another machine are not brought, only named', () => {
    const extra: Spec = {
      '/usr/lib/libarm.so.1': lib('libarm.so.1', [], { machine: 183 }),
      '/usr/lib/libtext.so.1': { text: 'not an ELF file\n' },
    };
    const got = plan(lib('', ['../../etc/passwd', '/etc/passwd', 'libarm.so.1', 'libtext.so.1']), {}, extra);
    expect(got).toEqual({
      libraries: [],
      files: [],
      unresolved: ['../../etc/passwd', '/etc/passwd', 'libarm.so.1', 'libtext.so.1'].map((name) => ({ name, by: EXT })),
    });
  });

  it('has nothing to do without ELF files', () => {
    const source = view(SOURCE);
    const input = { source, full: source, min: view(MIN), fromFull: [], carried: new Set<string>(), env: [], arch: 'amd64' };
    expect(planNativeLibraries({ ...input, dists: [`${SITE}/speedups/__init__.py`] })).toEqual({
      libraries: [],
      files: [],
      unresolved: [],
    });
  });
});
