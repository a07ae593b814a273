// python-packages, planned: distributions found by their METADATA, requirements and markers read
// as PEP 508 says, the closure with why each is there, the files their RECORD lists.
import { type ImageView, isCaptured } from '../../../src/layer/contents.js';
import {
  evaluateMarker,
  findDistributions,
  parseRequirement,
  planMarkerEnv,
  planPythonClosure,
  planPythonPackages,
} from '../../../src/plan/python-dists.js';

const SITE = '/usr/local/lib/python3.11/dist-packages';
const env = planMarkerEnv('3.11', 'linux/amd64');

/** A view holding each distribution's files, METADATA and RECORD. */
function viewOf(dists: { name: string; version: string; requires?: string[]; files: string[]; noRecord?: boolean }[]): ImageView {
  const entries: ImageView['entries'] = new Map();
  const captured = new Map<string, string>();
  const put = (path: string, type: 'file' | 'dir' = 'file') =>
    entries.set(path, { path, type, size: 1, mode: 0o644, uid: 0, gid: 0, layer: 0 });
  put('/usr/bin/python3.11');
  for (const d of dists) {
    const info = `${SITE}/${d.name.replace(/-/g, '_')}-${d.version}.dist-info`;
    const meta = [
      `Metadata-Version: 2.1`,
      `Name: ${d.name}`,
      `Version: ${d.version}`,
      ...(d.requires ?? []).map((r) => `Requires-Dist: ${r}`),
      '',
      'Requires-Dist: in-the-body',
    ];
    captured.set(`${info}/METADATA`, meta.join('\n'));
    const record = [...d.files, `${info.slice(SITE.length + 1)}/METADATA`].map((f) => `${f},sha256=x,1`);
    if (!d.noRecord) captured.set(`${info}/RECORD`, `${record.join('\n')}\n`);
    for (const f of d.files) put(`${SITE}/${f}`);
  }
  return { entries, captured };
}

const FAKE = viewOf([
  {
    name: 'vllm',
    version: '0.0.1',
    requires: [
      'fastjson (>=1.0)',
      'TinyRope[speed]>=0.3',
      'winreg-helper; sys_platform == "win32"',
      'ancient-compat; python_version < "3.8"',
      'vllm-extras-cuda; extra == "cuda"',
      'modern-compat; python_version >= "3.10" and platform_machine == "x86_64"',
    ],
    files: ['vllm/__init__.py', '../../../bin/vllm'],
  },
  { name: 'fastjson', version: '1.2', requires: ['typing_ext'], files: ['fastjson/__init__.py'] },
  { name: 'typing-ext', version: '4.0', files: ['typing_ext.py'] },
  { name: 'tinyrope', version: '0.3', requires: ['speedups; extra == "speed"'], files: ['tinyrope/__init__.py'] },
  { name: 'speedups', version: '1.0', files: ['speedups/__init__.py'] },
  { name: 'modern-compat', version: '1.0', files: ['modern_compat.py'] },
  { name: 'winreg-helper', version: '1.0', files: ['winreg_helper.py'] },
  { name: 'ancient-compat', version: '1.0', files: ['ancient_compat.py'] },
  { name: 'vllm-extras-cuda', version: '1.0', files: ['vllm_extras_cuda.py'] },
]);

test("a dist-info's METADATA and RECORD are kept by the table of contents, in site-packages folders only", () => {
  expect(isCaptured(`${SITE}/vllm-0.0.1.dist-info/METADATA`)).toBe(true);
  expect(isCaptured('/usr/lib/python3/dist-packages/numpy-1.26.dist-info/RECORD')).toBe(true);
  expect(isCaptured('/opt/venv/lib/python3.12/site-packages/x-1.dist-info/METADATA')).toBe(true);
  expect(isCaptured(`${SITE}/vllm-0.0.1.dist-info/LICENSE`)).toBe(false);
  expect(isCaptured('/home/user/vllm-0.0.1.dist-info/METADATA')).toBe(false);
});

test('requirements: name, extras and marker; the version spec is not needed', () => {
  expect(parseRequirement('TinyRope[speed, Fast_Mode]>=0.3 ; python_version >= "3"')).toEqual({
    name: 'TinyRope',
    extras: ['speed', 'fast-mode'],
    marker: 'python_version >= "3"',
  });
  expect(parseRequirement('fastjson (>=1.0)')).toEqual({ name: 'fastjson', extras: [] });
  expect(parseRequirement('!bad')).toBeUndefined();
});

test.each<[string, string[], boolean]>([
  ['python_version >= "3.10"', [], true],
  ['python_version < "3.8"', [], false],
  ['python_version > "3.9"', [], true], // as versions: 3.11 > 3.9
  ['sys_platform == "win32"', [], false],
  ['sys_platform == "linux" and platform_machine == "x86_64"', [], true],
  ['(sys_platform == "win32" or os_name == "posix") and implementation_name == "cpython"', [], true],
  ['"linux" in sys_platform', [], true],
  ['platform_machine not in "aarch64 ppc64le"', [], true],
  ['extra == "cuda"', [], false],
  ['extra == "CUDA"', ['cuda'], true],
  ['python_version ~= "3.11"', [], true],
  ['platform_release >= "5"', [], false], // not known: false, never guessed in
  ['python_version >= "3" garbage', [], false],
])('marker %s with extras %j: %s', (marker, extras, want) => {
  expect(evaluateMarker(marker, env, extras)).toBe(want);
});

test('the closure: what the roots require, markers and extras honoured, each with why; the files RECORD lists that the image has', () => {
  const c = planPythonClosure(FAKE, ['vllm'], env, 'the full image');
  expect(c.dists.map((d) => [d.name, d.version, d.why])).toEqual([
    ['vllm', '0.0.1', 'asked for (python-packages)'],
    ['fastjson', '1.2', 'vllm requires fastjson (>=1.0)'],
    ['tinyrope', '0.3', 'vllm requires TinyRope[speed]>=0.3'],
    ['modern-compat', '1.0', 'vllm requires modern-compat; python_version >= "3.10" and platform_machine == "x86_64"'],
    ['typing-ext', '4.0', 'fastjson requires typing_ext'],
    ['speedups', '1.0', 'tinyrope requires speedups; extra == "speed"'],
  ]);
  expect(c.excluded.map((x) => x.requirement)).toEqual([
    'winreg-helper; sys_platform == "win32"',
    'ancient-compat; python_version < "3.8"',
    'vllm-extras-cuda; extra == "cuda"',
  ]);
  // RECORD's paths are relative to the site folder; the script above it too; only what the image holds
  expect(c.dists[0].files).toEqual([`${SITE}/vllm/__init__.py`]);
  expect(findDistributions(FAKE).get('vllm')?.files).toContain('/usr/local/bin/vllm');
  // on arm64 the machine marker is false
  const arm = planPythonClosure(FAKE, ['vllm'], planMarkerEnv('3.11', 'linux/arm64'), 'x');
  expect(arm.dists.map((d) => d.name)).not.toContain('modern-compat');
});

test('a missing distribution names the image, the chain and what it has; one without RECORD is refused', () => {
  const lacking = viewOf([{ name: 'vllm', version: '1', requires: ['fastjson'], files: ['vllm/__init__.py'] }]);
  expect(() => planPythonClosure(lacking, ['vllm'], env, 'vendor (r/v:1)')).toThrow(
    'vendor (r/v:1) has no Python distribution fastjson (vllm requires fastjson); it has vllm',
  );
  const noRecord = viewOf([{ name: 'debian-style', version: '1', files: ['d.py'], noRecord: true }]);
  expect(() => planPythonClosure(noRecord, ['debian-style'], env, 'the full image')).toThrow(
    `the full image: debian-style 1 (asked for (python-packages)) has no RECORD in ${SITE}/debian_style-1.dist-info, so its files are not known`,
  );
});

test("a RECORD path outside the installation's prefix is refused when its distribution is copied", () => {
  const hostile = viewOf([{ name: 'evil', version: '1', files: ['../../../../../../etc/shadow', 'evil.py'] }]);
  expect(findDistributions(hostile).get('evil')?.outside).toEqual(['../../../../../../etc/shadow']);
  expect(() => planPythonClosure(hostile, ['evil'], env, 'the full image')).toThrow(
    `the full image: evil 1's RECORD lists "../../../../../../etc/shadow", outside /usr/local where pip installs it: refused`,
  );
});

test('python-packages per image: the full image and a source apart, files per platform', () => {
  const views = {
    'linux/amd64': { full: FAKE, extra: { vllm: viewOf([{ name: 'typing-ext', version: '5.0', files: ['typing_ext.py'] }]) } },
  };
  const planned = planPythonPackages(
    [{ requirement: 'fastjson' }, { requirement: 'typing-ext', source: 'vllm' }],
    views,
    { full: 'r/full@sha256:f', extra: { vllm: 'r/vllm@sha256:v' } },
    ['linux/amd64'],
  );
  expect(planned.map((g) => [g.source, g.dists.map((d) => `${d.name} ${d.version}`), g.files['linux/amd64']])).toEqual([
    [undefined, ['fastjson 1.2', 'typing-ext 4.0'], [`${SITE}/fastjson/__init__.py`, `${SITE}/typing_ext.py`]],
    ['vllm', ['typing-ext 5.0'], [`${SITE}/typing_ext.py`]],
  ]);
});

test('a crafted RECORD: quoted paths with commas and doubled quotes are read as CSV; an absolute path inside the prefix is kept, one outside refused', () => {
  const view: ImageView = { entries: new Map(), captured: new Map() };
  const info = `${SITE}/odd-1.dist-info`;
  view.captured.set(`${info}/METADATA`, 'Name: odd\nVersion: 1\n');
  view.captured.set(
    `${info}/RECORD`,
    ['"odd,name.py",sha256=x,1', '"say ""hi"".py",,', '/usr/local/share/odd.txt,,', '/etc/passwd,,'].join('\n'),
  );
  expect(findDistributions(view).get('odd')).toMatchObject({
    files: [`${SITE}/odd,name.py`, `${SITE}/say "hi".py`, '/usr/local/share/odd.txt'],
    outside: ['/etc/passwd'],
  });
});
