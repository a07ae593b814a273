import type { TocEntry } from '../../../src/layer/contents.js';
import { type ViewableEntry, type ViewOptions, planFinalView } from '../../../src/layer/view.js';
import { fixtureSources } from '../../helpers/sources.js';

/** `/a/` is a folder, `/a` a file, `/a@` a symlink. */
const layer = (...paths: string[]): ViewableEntry[] =>
  paths.map((p) =>
    p.endsWith('/')
      ? { path: p.slice(0, -1), type: 'dir' }
      : p.endsWith('@')
        ? { path: p.slice(0, -1), type: 'symlink' }
        : { path: p, type: 'file' },
  );

/**
 * An independent statement of the same rules, applying layers bottom-up and deleting trees as
 * whiteouts come (the way contents.ts once did it): the oracle the planner is checked against.
 */
function referenceMerge(layers: TocEntry[][]): Map<string, number> {
  const view = new Map<string, { type: string; layer: number }>();
  const removeTree = (dir: string, keepDir: boolean) => {
    const prefix = dir === '/' ? '/' : dir + '/';
    for (const p of [...view.keys()]) if (p.startsWith(prefix)) view.delete(p);
    if (!keepDir) view.delete(dir);
  };
  layers.forEach((entries, layer) => {
    for (const e of entries) {
      const slash = e.path.lastIndexOf('/');
      const dir = e.path.slice(0, slash) || '/';
      const base = e.path.slice(slash + 1);
      if (base === '.wh..wh..opq') removeTree(dir, true);
      else if (base.startsWith('.wh.')) removeTree((dir === '/' ? '' : dir) + '/' + base.slice(4), false);
    }
    for (const e of entries) {
      if (e.path.slice(e.path.lastIndexOf('/') + 1).startsWith('.wh.')) continue;
      // A non-folder replaces whatever folder is there, an implicit parent included, with its tree.
      if (e.type !== 'dir') removeTree(e.path, false);
      view.set(e.path, { type: e.type, layer });
    }
  });
  return new Map([...view].map(([p, v]) => [p, v.layer]));
}

const cases: Array<[string, ViewableEntry[][], ViewOptions, string[]]> = [
  ['later layers win', [layer('/a/', '/a/x'), layer('/a/x')], {}, ['/a:0', '/a/x:1']],
  ['a whiteout deletes a file', [layer('/a/', '/a/x', '/a/y'), layer('/a/.wh.x')], {}, ['/a:0', '/a/y:0']],
  ['a whiteout deletes a folder and all below', [layer('/a/', '/a/b/', '/a/b/c', '/a/bc'), layer('/a/.wh.b')], {}, ['/a:0', '/a/bc:0']],
  [
    'an opaque folder keeps only its own layer below it',
    [layer('/a/', '/a/old', '/a/d/', '/a/d/x'), layer('/a/', '/a/.wh..wh..opq', '/a/new')],
    {},
    ['/a:1', '/a/new:1'],
  ],
  [
    'a whiteout beside a new entry of the same name: the new one stays',
    [layer('/a/', '/a/x/', '/a/x/old'), layer('/a/x', '/a/.wh.x')],
    {},
    ['/a:0', '/a/x:1'],
  ],
  [
    'the whiteout first, then the entry, in one layer',
    [layer('/a/x/', '/a/x/old'), layer('/a/.wh.x', '/a/x/', '/a/x/new')],
    {},
    ['/a/x:1', '/a/x/new:1'],
  ],
  ['a file hides a lower folder tree', [layer('/a/', '/a/x/', '/a/x/y'), layer('/a/x')], {}, ['/a:0', '/a/x:1']],
  ['a symlink hides a lower folder tree', [layer('/lib/', '/lib/x'), layer('/lib@')], {}, ['/lib:1']],
  ['a folder over a file: the file goes', [layer('/a'), layer('/a/', '/a/b')], {}, ['/a:1', '/a/b:1']],
  ['whiteouts reach through several layers', [layer('/a/', '/a/x'), layer('/b'), layer('/a/.wh.x')], {}, ['/a:0', '/b:1']],
  ['a whiteout only hides lower layers, not higher ones', [layer('/a/', '/a/x'), layer('/a/.wh.x'), layer('/a/x')], {}, ['/a:0', '/a/x:2']],
  [
    'kept prefixes: the path and below, not siblings that share a prefix',
    [layer('/o/', '/o/b/', '/o/b/onnx/', '/o/b/onnx/lib', '/o/b/onnxruntime/', '/o/b/onnxruntime/lib')],
    { keep: ['/o/b/onnxruntime'] },
    ['/o/b/onnxruntime:0', '/o/b/onnxruntime/lib:0'],
  ],
  [
    'excluded layers still hide and are hidden, but give nothing',
    [layer('/a/', '/a/x', '/a/y'), layer('/a/.wh.y', '/a/z')],
    { exclude: new Set([0]) },
    ['/a/z:1'],
  ],
  ['nothing kept', [layer('/a')], { keep: [] }, []],
];

test.each(cases)('%s', (_name, layers, opts, want) => {
  expect(planFinalView(layers, opts).map((e) => `${e.path}:${e.layer}`)).toEqual(want);
});

const repeated: Array<[string, ViewableEntry[][], string[]]> = [
  ['a path twice in one layer: the later entry wins', [layer('/a', '/a@')], ['/a:0:symlink']],
  ['a folder, then a symlink of the same name in one layer', [layer('/lib/', '/lib@')], ['/lib:0:symlink']],
  ['a symlink, then a folder of the same name in one layer', [layer('/lib@', '/lib/', '/lib/x')], ['/lib:0:dir', '/lib/x:0:file']],
  ['a file written after a folder tree in one layer hides the tree', [layer('/a/', '/a/x', '/a')], ['/a:0:file']],
  ['a file between a tree and a folder of its name hides the tree', [layer('/a/', '/a/x'), layer('/a', '/a/')], ['/a:1:dir']],
];

test.each(repeated)('%s', (_name, layers, want) => {
  expect(planFinalView(layers).map((e) => `${e.path}:${e.layer}:${e.type}`)).toEqual(want);
});

test('agrees with the reference rules on every fixture image', () => {
  for (const era of ['24.01', '25.01'] as const) {
    const sources = fixtureSources(era, true);
    for (const which of ['full', 'min'] as const) {
      const view = sources.views['linux/amd64'][which];
      const tocs: TocEntry[][] = [];
      for (const [, e] of view.entries) (tocs[e.layer] ??= []).push(e);
      // Merging the merged entries again is the identity; both must agree.
      const ours = planFinalView(tocs.map((t) => t ?? [])).map((e) => e.path);
      expect(ours).toEqual([...referenceMerge(tocs.map((t) => t ?? [])).keys()].sort());
    }
  }
});

test('agrees with the reference rules on random stacks with whiteouts', () => {
  let seed = 42;
  const rand = (n: number) => (seed = (seed * 1103515245 + 12345) % 2 ** 31) % n;
  const names = ['/a', '/a/b', '/a/b/c', '/a/d', '/e', '/e/f'];
  for (let round = 0; round < 300; round++) {
    const layers: TocEntry[][] = [];
    for (let l = 0; l < 1 + rand(4); l++) {
      const entries: TocEntry[] = [];
      for (let k = 0; k < 1 + rand(5); k++) {
        const p = names[rand(names.length)];
        const kind = rand(5);
        const parent = p.slice(0, p.lastIndexOf('/')) || '';
        const path = kind === 3 ? `${parent}/.wh.${p.slice(p.lastIndexOf('/') + 1)}` : kind === 4 ? `${p}/.wh..wh..opq` : p;
        entries.push({ path, type: kind === 0 ? 'file' : 'dir', size: 0, mode: 0, uid: 0, gid: 0 });
      }
      layers.push(entries);
    }
    const want = [...referenceMerge(layers)].map(([path, layer]) => `${path}:${layer}`).sort();
    expect(
      planFinalView(layers)
        .map((e) => `${e.path}:${e.layer}`)
        .sort(),
    ).toEqual(want);
  }
});
