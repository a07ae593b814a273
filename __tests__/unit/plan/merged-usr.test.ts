// Runtime dependencies on a merged-/usr root (Debian since bookworm, Ubuntu since 21.04): dpkg's
// lists name files by the path the package ships (/lib/…), the layers hold them under /usr/lib,
// and /lib is a symlink that dpkg also lists as one of the package's folders.
import { planCompose } from '../../../src/plan/plan.js';
import { parseSpec } from '../../../src/spec/spec.js';
import { fixtureSources } from '../../helpers/sources.js';

const LIB = '/usr/lib/x86_64-linux-gnu';

test('files listed under /lib are copied from /usr/lib, and the /lib symlink itself is not', () => {
  const spec = parseSpec({
    'container-version': '24.01',
    backends: 'onnxruntime',
    'full-image': 'registry.test:5000/tritonserver:24.01-py3',
    'min-image': 'registry.test:5000/tritonserver:24.01-py3-min',
  });
  const sources = fixtureSources('24.01', true);
  const full = sources.views['linux/amd64'].full;
  const listFile = [...full.captured.keys()].find((k) => /\/libb64-0d(:amd64)?\.list$/.test(k));
  if (!listFile) throw new Error('the fixture has no libb64-0d list');
  const files = (full.captured.get(listFile) ?? '').split('\n').filter((l) => l.startsWith(`${LIB}/`));
  expect(files.length).toBeGreaterThan(0);
  // The package now ships them under /lib, as libexpat1 does; the image has /lib → usr/lib.
  const shipped = files.map((f) => f.replace(/^\/usr/, ''));
  full.captured.set(listFile, ['/.', '/lib', '/lib/x86_64-linux-gnu', ...shipped, ''].join('\n'));
  full.entries.set('/lib', { path: '/lib', type: 'symlink', target: 'usr/lib', size: 0, mode: 0o777, uid: 0, gid: 0, layer: 0 });

  const plan = planCompose(spec, sources, ['linux/amd64']);
  if (plan.runtime.mode !== 'image') throw new Error('image mode expected');
  const copied = plan.runtime.files['linux/amd64'];
  for (const f of files) expect(copied).toContain(f);
  expect(copied.filter((p) => p === '/lib' || p.startsWith('/lib/'))).toEqual([]);
});
