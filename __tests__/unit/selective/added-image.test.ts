// add from an image, the pure steps: the checks on the image's listing, the entries its layer
// packs (remapped under the destination, the entry's owner, the compose's time), and the
// compose key following the pinned image and the path.
import { planComposeKey } from '../../../src/compose/key.js';
import type { ImageView, ViewEntry } from '../../../src/layer/contents.js';
import type { TarEntry } from '../../../src/layer/tar-parse.js';
import type { Placed } from '../../../src/layer/view.js';
import type { Piece } from '../../../src/plan/pieces.js';
import type { Sources } from '../../../src/plan/types.js';
import { checkImageAdds, planAddedEntries, planAddedKeys } from '../../../src/selective/added.js';
import { planPackEntries } from '../../../src/selective/entries.js';
import type { LayerRead } from '../../../src/selective/views.js';
import { parseSpec } from '../../../src/spec/spec.js';

const D1 = `sha256:${'1'.repeat(64)}`;
const D2 = `sha256:${'2'.repeat(64)}`;
const IMAGE = 'r.io/vendor/models';

type Item = Pick<ViewEntry, 'path' | 'type'> & Partial<ViewEntry>;
function view(items: Item[]): ImageView {
  const entries = new Map<string, ViewEntry>();
  for (const i of items) entries.set(i.path, { size: 0, mode: 0o755, uid: 0, gid: 0, layer: 0, ...i });
  return { entries, captured: new Map() };
}
const MODELS: Item[] = [
  { path: '/srv', type: 'dir' },
  { path: '/srv/models', type: 'dir' },
  { path: '/srv/models/resnet', type: 'dir' },
  { path: '/srv/models/resnet/config.pbtxt', type: 'file', size: 20, mode: 0o644 },
  { path: '/srv/models/resnet/1', type: 'dir' },
  { path: '/srv/models/resnet/1/model.onnx', type: 'file', size: 1000, mode: 0o644 },
  { path: '/srv/models/resnet/latest', type: 'symlink', target: '1' },
  { path: '/srv/models/bert', type: 'dir' },
  { path: '/srv/readme', type: 'file', size: 5 },
];
function sources(items: Item[], digest = D1): Pick<Sources, 'extra' | 'views'> {
  return {
    extra: { 'add-1': { name: IMAGE, reference: `${IMAGE}:1`, digest, platforms: {} } },
    views: { 'linux/amd64': { full: view([]), min: view([]), extra: { 'add-1': view(items) } } },
  };
}
const specOf = (add: string) => parseSpec({ 'container-version': '24.01', add }).add;
const check = (add: string, items: Item[]) => checkImageAdds(specOf(add), sources(items), ['linux/amd64']);

describe('checks on the image, before anything is written', () => {
  test('a folder of files and relative symlinks inside it passes, and says what it adds', () => {
    expect(check(`image:${IMAGE}:1:/srv/models/resnet:/models/resnet`, MODELS)).toEqual([
      expect.objectContaining({ from: `${IMAGE}@${D1}:/srv/models/resnet`, entries: 5, bytes: 1020 }),
    ]);
  });

  test.each<[string, string, Item[], string]>([
    [
      'a path the image lacks, listing its parent folder',
      `image:${IMAGE}:1:/srv/models/yolo:/models/yolo`,
      MODELS,
      `add: image:${IMAGE}:1:/srv/models/yolo:/models/yolo: ${IMAGE}@${D1} has no /srv/models/yolo; /srv/models there holds bert, resnet`,
    ],
    [
      'a path whose parent is missing too',
      `image:${IMAGE}:1:/opt/models:/models`,
      MODELS,
      `add: image:${IMAGE}:1:/opt/models:/models: ${IMAGE}@${D1} has no /opt/models; /opt is not there either`,
    ],
    [
      'a symlink leading outside the path',
      `image:${IMAGE}:1:/srv/models/resnet:/models/resnet`,
      [...MODELS, { path: '/srv/models/resnet/2', type: 'symlink', target: '../../readme' }],
      `add: image:${IMAGE}:1:/srv/models/resnet:/models/resnet: the symlink 2 points at "../../readme", outside what is added: add the folder that holds both`,
    ],
    [
      'an absolute symlink',
      `image:${IMAGE}:1:/srv/models/resnet:/models/resnet`,
      [...MODELS, { path: '/srv/models/resnet/1/w', type: 'symlink', target: '/etc/shadow' }],
      `add: image:${IMAGE}:1:/srv/models/resnet:/models/resnet: the symlink 1/w points at "/etc/shadow", an absolute path: in the image it would name another file; make it relative`,
    ],
    [
      'a path that is a symlink',
      `image:${IMAGE}:1:/srv/models/resnet/latest:/models/latest`,
      MODELS,
      `add: image:${IMAGE}:1:/srv/models/resnet/latest:/models/latest: /srv/models/resnet/latest in ${IMAGE}@${D1} is a symlink to "1": give the path it points at`,
    ],
    [
      'a device',
      `image:${IMAGE}:1:/srv/models:/models`,
      [...MODELS, { path: '/srv/models/null', type: 'other' }],
      `add: image:${IMAGE}:1:/srv/models:/models: /srv/models/null in ${IMAGE}@${D1} is not a folder, file or symlink (a device, pipe or socket cannot be added)`,
    ],
    [
      'a name that is not UTF-8',
      `image:${IMAGE}:1:/srv/models:/models`,
      [...MODELS, { path: '/srv/models/\uFFFD', type: 'file' }],
      `add: image:${IMAGE}:1:/srv/models:/models: "/srv/models/\uFFFD" in ${IMAGE}@${D1} is not a valid UTF-8 name (or its link target is not)`,
    ],
    [
      'a backend folder without its library or model.py',
      `image:${IMAGE}:1:/srv/models/resnet:/opt/tritonserver/backends/mine`,
      MODELS,
      `add: image:${IMAGE}:1:/srv/models/resnet:/opt/tritonserver/backends/mine: a backend folder needs libtriton_mine.so (or a Python backend's model.py) at its top, as Triton loads backends/mine`,
    ],
  ])('refuses %s', (_what, add, items, message) => {
    expect(() => check(add, items)).toThrow(message);
  });

  test('a backend folder with its library at the top passes', () => {
    const items: Item[] = [...MODELS, { path: '/srv/b', type: 'dir' }, { path: '/srv/b/libtriton_mine.so', type: 'file', size: 9 }];
    expect(check(`image:${IMAGE}:1:/srv/b:/opt/tritonserver/backends/mine`, items)).toHaveLength(1);
  });
});

describe('planning', () => {
  const entry = (path: string, type: TarEntry['type'], more: Partial<TarEntry> = {}): Placed<TarEntry> => ({
    path,
    type,
    mode: 0o755,
    uid: 1234,
    gid: 1234,
    mtime: 99,
    size: 0,
    offset: 0,
    layer: 0,
    ...more,
  });

  test('the entries under the path are written under the destination with the entry owner, the compose time and plain permissions', () => {
    const piece: Piece = {
      name: 'add /models/resnet',
      kind: 'add',
      file: 'add-0.tar',
      keep: ['/srv/models/resnet'],
      source: 'add-1',
      add: { dest: '/models/resnet', uid: 1000, gid: 1000 },
    };
    const job = {
      piece,
      entries: [
        entry('/srv/models/resnet', 'dir'),
        entry('/srv/models/resnet/1', 'dir', { mode: 0o700 }),
        entry('/srv/models/resnet/1/model.onnx', 'file', { mode: 0o4755, size: 1000 }),
        entry('/srv/models/resnet/1/copy.onnx', 'link', { target: '/srv/models/resnet/1/model.onnx' }),
        entry('/srv/models/resnet/1/shared.bin', 'link', { target: '/srv/other/shared.bin' }),
        entry('/srv/models/resnet/latest', 'symlink', { target: '1', mode: 0o777 }),
      ],
    };
    const layers: LayerRead[] = [{ digest: D1, how: 'cold', size: 1 }];
    const staged = (p: string) => `/stage/${D1.slice(7)}${p}`;
    expect(planPackEntries(job, layers, '/stage', 1704067200)).toEqual([
      { path: '/models', type: 'dir', mode: 0o755, uid: 0, gid: 0, mtime: 1704067200, size: 0 },
      { path: '/models/resnet', type: 'dir', mode: 0o755, uid: 1000, gid: 1000, mtime: 1704067200, size: 0 },
      { path: '/models/resnet/1', type: 'dir', mode: 0o700, uid: 1000, gid: 1000, mtime: 1704067200, size: 0 },
      {
        path: '/models/resnet/1/model.onnx',
        type: 'file',
        mode: 0o755,
        uid: 1000,
        gid: 1000,
        mtime: 1704067200,
        size: 1000,
        stage: staged('/srv/models/resnet/1/model.onnx'),
      },
      {
        path: '/models/resnet/1/copy.onnx',
        type: 'link',
        mode: 0o755,
        uid: 1000,
        gid: 1000,
        mtime: 1704067200,
        size: 0,
        target: '/models/resnet/1/model.onnx',
        stage: staged('/srv/models/resnet/1/copy.onnx'),
      },
      // a hardlink to a file outside the path: copied, no target to link to
      {
        path: '/models/resnet/1/shared.bin',
        type: 'link',
        mode: 0o755,
        uid: 1000,
        gid: 1000,
        mtime: 1704067200,
        size: 0,
        stage: staged('/srv/models/resnet/1/shared.bin'),
      },
      { path: '/models/resnet/latest', type: 'symlink', mode: 0o777, uid: 1000, gid: 1000, mtime: 1704067200, size: 0, target: '1' },
    ]);
  });

  test("the plan keeps the input's order: a workspace entry's context tar, an image's piece with where it is from", () => {
    const spec = parseSpec({ 'container-version': '24.01', add: `m:/m\nimage:${IMAGE}:1:/srv/models:/models` });
    const tree = { spec: spec.add[0], name: 'add /m', file: 'added/0.tar', entries: [], copies: [], digest: 'sha256:w' };
    expect(planAddedEntries(spec.add, [tree], { 'add-1': { name: IMAGE, digest: D1 } })).toEqual([
      { name: 'add /m', dest: '/m', file: 'added/0.tar' },
      {
        name: 'add /models',
        dest: '/models',
        file: 'add-1.tar',
        image: { source: 'add-1', path: '/srv/models', owner: { uid: 0, gid: 0 }, from: `${IMAGE}@${D1}:/srv/models` },
      },
    ]);
  });
});

describe('the compose key', () => {
  const input = { version: '0.1.0', sources: { full: 'sha256:f', min: 'sha256:m' }, platforms: ['linux/amd64'], sourceDateEpoch: 1 };
  const keyOf = (add: string, digest: string) => {
    const spec = parseSpec({ 'container-version': '24.01', add });
    return planComposeKey(spec, { ...input, added: planAddedKeys(spec.add, [], { 'add-1': { name: IMAGE, digest } }) });
  };
  const key = keyOf(`image:${IMAGE}:1:/srv/models:/models`, D1);

  test('follows the pinned image, the path, the destination and the owner', () => {
    expect(keyOf(`image:${IMAGE}:1:/srv/models:/models`, D1)).toBe(key);
    expect(keyOf(`image:${IMAGE}:1:/srv/models:/models`, D2)).not.toBe(key);
    expect(keyOf(`image:${IMAGE}:1:/srv/other:/models`, D1)).not.toBe(key);
    expect(keyOf(`image:${IMAGE}:1:/srv/models:/elsewhere`, D1)).not.toBe(key);
    expect(keyOf(`src=image:${IMAGE}:1:/srv/models,dest=/models,chown=1000`, D1)).not.toBe(key);
  });
});
