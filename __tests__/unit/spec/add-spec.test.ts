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
    ['an image source', 'image:nvcr.io/x:1:/models', 'adding from an image is not offered'],
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
