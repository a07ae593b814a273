import { parseAdd } from '../../../src/spec/add-spec.js';
import { groupWritable } from '../../../src/plan/pieces.js';
import { parseSpec } from '../../../src/spec/spec.js';

describe('add', () => {
  test('SRC:DEST and the key=value form, owners root by default, destinations normalized', () => {
    expect(
      parseAdd(
        './models:/models/\nsrc=backends/custom,dest=/opt/tritonserver/backends/custom,chown=1000:1000\nsource=a b,target=/x//y,chown=7',
      ),
    ).toEqual([
      { src: './models', dest: '/models', owner: { uid: 0, gid: 0 }, text: './models:/models/' },
      {
        src: 'backends/custom',
        dest: '/opt/tritonserver/backends/custom',
        owner: { uid: 1000, gid: 1000 },
        text: 'src=backends/custom,dest=/opt/tritonserver/backends/custom,chown=1000:1000',
      },
      { src: 'a b', dest: '/x/y', owner: { uid: 7, gid: 7 }, text: 'source=a b,target=/x//y,chown=7' },
    ]);
    expect(parseAdd('')).toEqual([]);
    expect(parseSpec({ 'container-version': '24.01', add: 'm:/models' }).add).toEqual([
      { src: 'm', dest: '/models', owner: { uid: 0, gid: 0 }, text: 'm:/models' },
    ]);
  });

  test.each([
    ['no destination', './models', 'is not SRC:DEST'],
    ['a relative destination', 'src=m,dest=models', 'not an absolute path'],
    ['a destination with ..', 'm:/opt/../etc', '"." or ".." component'],
    ['the root as destination', 'm:/', 'the destination is /'],
    ['a destination under /proc', 'm:/proc/x', 'the container runtime mounts over'],
    ['an owner by name', 'src=m,dest=/m,chown=triton-server', 'not UID[:GID] in numbers'],
    ['an owner past 32 bits', 'src=m,dest=/m,chown=4294967296', 'not UID[:GID] in numbers'],
    ['an unknown key', 'src=m,dest=/m,mode=0755', '"mode" is not a key of add'],
    ['two entries into one folder', 'a:/models\nb:/models/one', 'which "a:/models" writes too'],
    ['the same destination twice', 'a:/m\nb:/m', 'which "a:/m" writes too'],
  ])('refuses %s, naming the input', (_what, text, message) => {
    expect(() => parseAdd(text)).toThrow(`add: `);
    expect(() => parseAdd(text)).toThrow(message);
  });

  test('refuses an entry that would write into a kept part or the server, and takes one beside them', () => {
    const input = { 'container-version': '24.01', backends: 'python,onnxruntime' };
    expect(() => parseSpec({ ...input, add: 'b:/opt/tritonserver/backends/python' })).toThrow(
      'add: "b:/opt/tritonserver/backends/python" goes into /opt/tritonserver/backends/python, which the compose copies from the full image',
    );
    expect(() => parseSpec({ ...input, add: 'b:/opt/tritonserver/lib/extra' })).toThrow('goes into /opt/tritonserver/lib');
    expect(parseSpec({ ...input, add: 'b:/opt/tritonserver/backends/custom' }).add[0].dest).toBe('/opt/tritonserver/backends/custom');
  });
});

describe('add from an image', () => {
  const HEX = 'a'.repeat(64);
  const vendor = { registry: '127.0.0.1:5000', repository: 'vendor/models', tag: '1.0' };

  test('image:REF:PATH:DEST splits on ":/" (REF keeps its port and tag, or its digest); the key=value form takes image:REF:PATH', () => {
    expect(parseAdd('image:127.0.0.1:5000/vendor/models:1.0:/models/resnet:/models/resnet')).toEqual([
      {
        src: 'image:127.0.0.1:5000/vendor/models:1.0:/models/resnet',
        dest: '/models/resnet',
        owner: { uid: 0, gid: 0 },
        text: 'image:127.0.0.1:5000/vendor/models:1.0:/models/resnet:/models/resnet',
        image: { source: 'add-1', ref: vendor, path: '/models/resnet' },
      },
    ]);
    expect(parseAdd(`image:ghcr.io/acme/models@sha256:${HEX}:/srv//m/:/models`)[0]).toMatchObject({
      dest: '/models',
      image: { source: 'add-1', ref: { registry: 'ghcr.io', repository: 'acme/models', digest: `sha256:${HEX}` }, path: '/srv/m' },
    });
    expect(parseAdd('src=image:127.0.0.1:5000/vendor/models:1.0:/models/bert,dest=/m/bert,chown=1000:1000')[0]).toMatchObject({
      dest: '/m/bert',
      owner: { uid: 1000, gid: 1000 },
      image: { source: 'add-1', ref: vendor, path: '/models/bert' },
    });
  });

  test('an image is one source whatever the entries it gives: a declared name, or the declared image, keeps its name; others are add-N', () => {
    const declared = new Map([
      ['vendor', vendor],
      ['add-1', { registry: 'r.io', repository: 'taken', tag: '1' }],
    ]);
    const got = parseAdd(
      [
        'image:vendor:/models/a:/models/a',
        'image:127.0.0.1:5000/vendor/models:1.0:/models/b:/models/b',
        'image:r.io/other:2:/x:/x',
        'src=image:r.io/other:2:/y,dest=/y',
        'image:r.io/third:3:/z:/z',
      ].join('\n'),
      declared,
    );
    expect(got.map((a) => a.image?.source)).toEqual(['vendor', 'vendor', 'add-2', 'add-2', 'add-3']);
  });

  test('the spec resolves each image once, as a source; a declared source only add reads is no note; prefer does not name add-N', () => {
    const spec = parseSpec({
      'container-version': '24.01',
      sources: 'vendor=127.0.0.1:5000/vendor/models:1.0',
      add: 'image:vendor:/models/a:/models/a\nimage:r.io/other:2:/x:/x\nimage:r.io/other:2:/y:/y',
    });
    expect(spec.sources).toEqual([
      { name: 'vendor', ref: vendor },
      { name: 'add-1', ref: { registry: 'r.io', repository: 'other', tag: '2' } },
    ]);
    expect(spec.notes).toEqual([]);
    expect(() => parseSpec({ 'container-version': '24.01', add: 'image:r.io/other:2:/x:/x', prefer: 'add-1' })).toThrow(
      'prefer: "add-1" is not an image of this compose: name full or a source a part or distribution is taken from (full)',
    );
  });

  test.each([
    [
      'no path nor destination',
      'image:r.io/m:1',
      '"image:r.io/m:1" is not image:REF:PATH:DEST (e.g. image:ghcr.io/acme/models:1.0:/models/resnet:/models/resnet; PATH and DEST absolute)',
    ],
    ['no destination', 'image:r.io/m:1:/models', '"image:r.io/m:1:/models" is not image:REF:PATH:DEST'],
    [
      'no path, key=value',
      'src=image:r.io/m:1,dest=/m',
      'src=image:r.io/m:1,dest=/m: "image:r.io/m:1" is not image:REF:PATH (REF a name of the sources input or an image reference, PATH absolute in it, e.g. image:ghcr.io/acme/models:1.0:/models/resnet)',
    ],
    [
      'a reference that is none',
      'image:Acme/M:1:/m:/m',
      'image:Acme/M:1:/m:/m: "Acme/M:1" is neither a name of the sources input (none declared) nor an image reference: ',
    ],
    [
      'a path with ..',
      'image:r.io/m:1:/a/../b:/m',
      'image:r.io/m:1:/a/../b:/m: the path in the image "/a/../b" has a "." or ".." component',
    ],
    ['the root as path', 'image:r.io/m:1:/:/m', 'image:r.io/m:1:/:/m: the path in the image is /: name a folder or file'],
    [
      'a destination under /proc',
      'image:r.io/m:1:/m:/proc/m',
      'image:r.io/m:1:/m:/proc/m: /proc/m is under /proc, /sys, /dev, which the container runtime mounts over',
    ],
    [
      'two entries into one folder',
      'image:r.io/m:1:/a:/models\nimage:r.io/m:1:/b:/models/b',
      '"image:r.io/m:1:/b:/models/b" goes into /models/b, which "image:r.io/m:1:/a:/models" writes too: give each entry a destination of its own',
    ],
  ])('refuses %s, naming the entry and what is accepted', (_what, text, message) => {
    expect(() => parseAdd(text)).toThrow(`add: ${message}`);
  });

  test('refuses an entry into a kept part, and with source: buildkit a path the COPY line would read otherwise', () => {
    expect(() =>
      parseSpec({ 'container-version': '24.01', backends: 'python', add: 'image:r.io/m:1:/b:/opt/tritonserver/backends/python' }),
    ).toThrow(
      'add: "image:r.io/m:1:/b:/opt/tritonserver/backends/python" goes into /opt/tritonserver/backends/python, which the compose copies from the full image',
    );
    const raw = { 'container-version': '24.01', source: 'buildkit' };
    expect(() => parseSpec({ ...raw, add: 'src=image:r.io/m:1:/my models,dest=/m' })).toThrow(
      'add: src=image:r.io/m:1:/my models,dest=/m: with source: buildkit the entry is a COPY --from line, and "/my models" holds a character other than letters, digits and ._+@%=,:~/- (white space, quotes, $, \\ and wildcards are read by the Dockerfile): use source: selective (the default)',
    );
    expect(() => parseSpec({ ...raw, add: 'image:r.io/m:1:/m/*:/m' })).toThrow('"/m/*" holds a character other than');
    expect(parseSpec({ ...raw, add: 'image:r.io/m:1:/m:/m' }).add[0].image?.path).toBe('/m');
    expect(parseSpec({ 'container-version': '24.01', add: 'src=image:r.io/m:1:/my models,dest=/m' }).add[0].image?.path).toBe('/my models');
  });
});

describe('arbitrary-user', () => {
  test('is off by default, and needs the selective source and the runtime from the image', () => {
    expect(parseSpec({ 'container-version': '24.01' }).arbitraryUser).toBe(false);
    expect(parseSpec({ 'container-version': '24.01', 'arbitrary-user': 'true' }).arbitraryUser).toBe(true);
    expect(() => parseSpec({ 'container-version': '24.01', 'arbitrary-user': 'true', source: 'buildkit' })).toThrow(
      'arbitrary-user: the compose sets the group and modes of what it packs, and source: buildkit copies the parts as the full image has them',
    );
    expect(() => parseSpec({ 'container-version': '24.01', 'arbitrary-user': 'true', 'runtime-deps': 'apt' })).toThrow(
      'runtime-deps: apt installs them as apt does',
    );
    expect(() => parseSpec({ 'container-version': '24.01', 'arbitrary-user': 'yes' })).toThrow('arbitrary-user: "yes" is not a boolean');
  });

  test("what is at or below a listed folder becomes group 0's with the owner's permissions; the rest is left as it is", () => {
    const folders = ['/opt/tritonserver', '/models'];
    const e = (path: string, mode: number, gid = 1000) => ({ path, mode, gid, uid: 1000 });
    expect(groupWritable(e('/opt/tritonserver', 0o755), folders)).toEqual(e('/opt/tritonserver', 0o775, 0));
    expect(groupWritable(e('/opt/tritonserver/bin/tritonserver', 0o755), folders)).toEqual(
      e('/opt/tritonserver/bin/tritonserver', 0o775, 0),
    );
    expect(groupWritable(e('/models/m/1/model.py', 0o640), folders)).toEqual(e('/models/m/1/model.py', 0o660, 0));
    expect(groupWritable(e('/models/m/secret', 0o4700), folders)).toEqual(e('/models/m/secret', 0o4770, 0));
    expect(groupWritable(e('/opt/tritonserverx', 0o755), folders)).toEqual(e('/opt/tritonserverx', 0o755));
    expect(groupWritable(e('/opt', 0o755, 0), folders)).toEqual(e('/opt', 0o755, 0));
    expect(groupWritable(e('/models', 0o700), undefined)).toEqual(e('/models', 0o700));
  });
});
