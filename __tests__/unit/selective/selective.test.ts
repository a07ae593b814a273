import { createWriteStream } from 'node:fs';
import { mkdir, mkdtemp, readFile, readdir, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { PassThrough } from 'node:stream';
import { join } from 'node:path';
import { GrowingFile, MemoryStage } from '../../../src/layer/memory-stage.js';
import { Arrivals, StagingFailed } from '../../../src/selective/arrivals.js';
import { type PackEntry, packEntries, packTo, readPackedDataSize, stagePath } from '../../../src/selective/pack.js';
import { readTarReference } from '../../helpers/layer-tar.js';
import { planColdKeep, planExtraColdKeep, planPieces } from '../../../src/plan/pieces.js';
import type { ComposePlan } from '../../../src/plan/plan.js';
import { planPackEntries, planParents, planPieceEntries } from '../../../src/selective/entries.js';
import { type LayerRead, planSpacing } from '../../../src/selective/views.js';
import { prefixMatcher } from '../../../src/layer/view.js';
import { tocFromIndex } from '../../../src/layer/contents.js';
import type { TarEntry } from '../../../src/layer/tar-parse.js';
import { type LayerIndex } from '../../../src/layer/index-format.js';

const T = '/opt/tritonserver';
const entry = (path: string, type: TarEntry['type'], extra: Partial<TarEntry> = {}): TarEntry => ({
  path,
  type,
  mode: type === 'dir' ? 0o755 : 0o644,
  uid: 1000,
  gid: 1000,
  mtime: 1_700_000_000,
  size: 0,
  offset: 0,
  ...extra,
});
const index = (digest: string, entries: TarEntry[]): LayerIndex => ({
  digest,
  compressedSize: 100,
  uncompressedSize: 400,
  spacing: 1 << 20,
  checkpoints: [],
  entries,
});

const plan = {
  gpu: true,
  platforms: ['linux/amd64'],
  sources: { full: 'r/full@sha256:1', min: 'r/min@sha256:2' },
  env: [],
  labels: [],
  core: [`${T}/bin`, `${T}/lib`, `${T}/LICENSE`],
  parts: [
    { name: 'onnxruntime', kind: 'backend', path: `${T}/backends/onnxruntime` },
    { name: 'checksum', kind: 'repoagent', path: `${T}/repoagents/checksum` },
  ],
  runtime: {
    mode: 'image',
    packages: { 'linux/amd64': ['libb64-0d'] },
    files: { 'linux/amd64': ['/usr/lib/x86_64-linux-gnu/libb64.so.0d'] },
  },
  serve: true,
} satisfies ComposePlan;

test('pieces: one tar per part in the Dockerfile order, with runtime-deps and core first and serve last', () => {
  expect(planPieces(plan, 'linux/amd64')).toEqual([
    { name: 'runtime-deps', kind: 'runtime-deps', file: 'runtime-deps.tar', keep: ['/usr/lib/x86_64-linux-gnu/libb64.so.0d'] },
    { name: 'core', kind: 'core', file: 'core.tar', keep: [`${T}/bin`, `${T}/lib`, `${T}/LICENSE`] },
    { name: 'onnxruntime', kind: 'backend', file: 'backend-onnxruntime.tar', keep: [`${T}/backends/onnxruntime`] },
    { name: 'checksum', kind: 'repoagent', file: 'repoagent-checksum.tar', keep: [`${T}/repoagents/checksum`] },
    { name: 'serve', kind: 'other', file: 'serve.tar', keep: ['/usr/bin/serve'] },
  ]);
  const vllm = { input: 'backends' as const, name: 'vllm', source: 'vllm' };
  expect(planExtraColdKeep({ partSources: [vllm] })).toEqual({ vllm: [`${T}/backends/vllm`] });
  expect(planColdKeep({ backends: ['python', 'vllm'], repoagents: [], caches: ['redis'], partSources: [vllm] })).toEqual([
    `${T}/LICENSE`,
    `${T}/TRITON_VERSION`,
    `${T}/NVIDIA_Deep_Learning_Container_License.pdf`,
    `${T}/bin`,
    `${T}/lib`,
    `${T}/include`,
    '/opt/nvidia',
    '/usr/bin/serve',
    `${T}/backends/python`,
    `${T}/caches/redis`,
  ]);
});

test('prefixMatcher finds the kept prefix a path is at or under, and nothing for a sibling with a common prefix', () => {
  const match = prefixMatcher(
    new Map([
      [`${T}/backends/onnx`, 'a'],
      ['/usr/bin/serve', 'b'],
    ]),
  );
  expect(match(`${T}/backends/onnx`)).toBe('a');
  expect(match(`${T}/backends/onnx/lib/x.so`)).toBe('a');
  expect(match(`${T}/backends/onnxruntime/x.so`)).toBeUndefined();
  expect(match('/usr/bin/serve')).toBe('b');
  expect(match('/usr/bin')).toBeUndefined();
});

test('checkpoint spacing grows with the layer: 1 MiB up to 256 MB, 4 MiB from 768 MB', () => {
  const MiB = 1 << 20;
  expect([1, 100 * MiB, 256 * MiB, 257 * MiB, 600 * MiB, 768 * MiB, 5000 * MiB].map(planSpacing)).toEqual([
    MiB,
    MiB,
    MiB,
    2 * MiB,
    3 * MiB,
    3 * MiB,
    4 * MiB,
  ]);
});

test("piece entries: the final view over full's own layers, min's layers skipped but still hiding, whiteouts honoured", () => {
  const layers: LayerRead[] = [
    { digest: 'sha256:min', how: 'shared', size: 1 },
    {
      digest: 'sha256:a',
      how: 'cold',
      size: 1,
      index: index('sha256:a', [
        entry(`${T}/backends/onnxruntime`, 'dir'),
        entry(`${T}/backends/onnxruntime/old.so`, 'file', { size: 3 }),
        entry(`${T}/backends/onnxruntime/keep.so`, 'file', { size: 4 }),
        entry(`${T}/bin/tritonserver`, 'file'),
      ]),
    },
    {
      digest: 'sha256:b',
      how: 'warm',
      size: 1,
      index: index('sha256:b', [
        entry(`${T}/backends/onnxruntime/.wh.old.so`, 'file'),
        entry(`${T}/backends/onnxruntime/keep.so`, 'file', { size: 5 }),
        entry('/usr/bin/serve', 'file'),
      ]),
    },
  ];
  const tocs = new Map([
    [
      'sha256:min',
      {
        version: 1,
        digest: 'sha256:min',
        tarSize: 0,
        captured: {},
        entries: [{ path: '/usr/lib/x86_64-linux-gnu/libb64.so.0d', type: 'file' as const, size: 1, mode: 0o644, uid: 0, gid: 0 }],
      },
    ],
  ]);
  const pieces = planPieces(plan, 'linux/amd64');
  const got = planPieceEntries(layers, tocs, pieces);
  const view = (name: string) => (got.get(pieces.find((p) => p.name === name)!) ?? []).map((e) => `${e.path}@${e.layer}:${e.size}`);
  expect(view('onnxruntime')).toEqual([`${T}/backends/onnxruntime@1:0`, `${T}/backends/onnxruntime/keep.so@2:5`]);
  expect(view('runtime-deps')).toEqual([]); // min has it
  expect(view('core')).toEqual([`${T}/bin/tritonserver@1:0`]);
  expect(view('serve')).toEqual(['/usr/bin/serve@2:0']);
});

test('piece entries: a kept name that was not UTF-8 (read as U+FFFD) is refused, naming it and its layer; one not kept is left alone', () => {
  const layersWith = (...names: string[]): LayerRead[] => [
    {
      digest: 'sha256:a',
      how: 'cold',
      size: 1,
      index: index(
        'sha256:a',
        names.map((n) => entry(n, 'file')),
      ),
    },
  ];
  const pieces = planPieces(plan, 'linux/amd64');
  expect(() => planPieceEntries(layersWith(`${T}/backends/onnxruntime/bad-\uFFFD.so`), new Map(), pieces)).toThrow(
    `refusing to copy "${T}/backends/onnxruntime/bad-\uFFFD.so" from layer sha256:a: the name is not valid UTF-8 (or holds U+FFFD), ` +
      "so the image would not get the source's name; rename it in the source image or leave its part out",
  );
  expect(planPieceEntries(layersWith('/srv/elsewhere/bad-\uFFFD'), new Map(), pieces).get(pieces[0])).toEqual([]);
});

test("parents: the folders above kept paths that the piece does not hold, root's and 0755 at the build time", () => {
  const piece = planPieces(plan, 'linux/amd64')[2];
  expect(
    planParents(piece, new Set([`${T}/backends/onnxruntime`]), 42).map((e) => [e.path, e.type, e.mode, e.uid, e.gid, e.mtime]),
  ).toEqual([
    [`${T}/backends`, 'dir', 0o755, 0, 0, 42],
    [T, 'dir', 0o755, 0, 0, 42],
    ['/opt', 'dir', 0o755, 0, 0, 42],
  ]);
});

describe("apt mode: compose.py's --chown=1000:1000 (through r26.05) in the tars, as the COPY lines give it", () => {
  const aptRuntime = (owner: '1000:1000' | 'root') => ({
    mode: 'apt' as const,
    packages: [],
    archPackages: {},
    pip: [],
    dcgm: [],
    nvshmem: [],
    keyrings: {},
    loaderConfs: [],
    cudaCompat: false,
    breakSystemPackages: false,
    removedUsers: [],
    owner,
  });
  const apt = { ...plan, core: [...plan.core, '/opt/nvidia'], runtime: aptRuntime('1000:1000') } satisfies ComposePlan;
  const layers: LayerRead[] = [
    {
      digest: 'sha256:a',
      how: 'cold',
      size: 1,
      index: index('sha256:a', [
        entry(`${T}/backends/onnxruntime`, 'dir', { uid: 0, gid: 0 }),
        entry(`${T}/backends/onnxruntime/lib.so`, 'file', { uid: 0, gid: 0 }),
        entry(`${T}/bin/tritonserver`, 'file', { uid: 0, gid: 0 }),
        entry('/opt/nvidia/nvidia_entrypoint.sh', 'file', { uid: 0, gid: 0 }),
        entry('/usr/bin/serve', 'file', { uid: 0, gid: 0 }),
      ]),
    },
  ];
  const packed = (p: ComposePlan) => {
    const pieces = planPieces(p, 'linux/amd64');
    const entries = planPieceEntries(layers, new Map(), pieces);
    return pieces.map((piece) => [
      piece.name,
      planPackEntries({ piece, entries: entries.get(piece) ?? [] }, layers, '/stage', 42).map((e) => `${e.path} ${e.uid}:${e.gid}`),
    ]);
  };

  test('through r26.05: every copied path under /opt/tritonserver/ and serve, and backends/; not /opt, /opt/tritonserver, /usr/bin or /opt/nvidia', () => {
    expect(planPieces(apt, 'linux/amd64').map((p) => [p.name, p.owner])).toEqual([
      ['core', { uid: 1000, gid: 1000 }],
      ['onnxruntime', { uid: 1000, gid: 1000 }],
      ['checksum', { uid: 1000, gid: 1000 }],
      ['serve', { uid: 1000, gid: 1000 }],
    ]);
    expect(packed(apt)).toEqual([
      ['core', ['/opt/tritonserver 0:0', '/opt 0:0', '/opt/nvidia/nvidia_entrypoint.sh 0:0', `${T}/bin/tritonserver 1000:1000`]],
      [
        'onnxruntime',
        [
          `${T}/backends 1000:1000`,
          `${T} 0:0`,
          '/opt 0:0',
          `${T}/backends/onnxruntime 1000:1000`,
          `${T}/backends/onnxruntime/lib.so 1000:1000`,
        ],
      ],
      ['checksum', [`${T}/repoagents 1000:1000`, `${T} 0:0`, '/opt 0:0']],
      ['serve', ['/usr/bin 0:0', '/usr 0:0', '/usr/bin/serve 1000:1000']],
    ]);
  });

  test("from r26.06 (root's) and in image mode: the full image's owners, the part's own folder root's as COPY --link makes it", () => {
    const root = { ...apt, runtime: aptRuntime('root') } satisfies ComposePlan;
    expect(planPieces(root, 'linux/amd64').every((p) => p.owner === undefined)).toBe(true);
    expect(packed(root)[1]).toEqual([
      'onnxruntime',
      [`${T}/backends 0:0`, `${T} 0:0`, '/opt 0:0', `${T}/backends/onnxruntime 0:0`, `${T}/backends/onnxruntime/lib.so 0:0`],
    ]);
    expect(planPieces(plan, 'linux/amd64').every((p) => p.owner === undefined)).toBe(true);
  });
});

test("image mode, a full image whose server is 1000:1000 (NGC through 26.05): each folder a COPY copies into is root's, what it holds keeps its owner", () => {
  const layers: LayerRead[] = [
    {
      digest: 'sha256:a',
      how: 'cold',
      size: 1,
      index: index('sha256:a', [
        entry(`${T}/bin`, 'dir'),
        entry(`${T}/bin/tritonserver`, 'file'),
        entry(`${T}/lib`, 'dir'),
        entry(`${T}/lib/sub`, 'dir'),
        entry(`${T}/LICENSE`, 'file'),
        entry(`${T}/backends/onnxruntime`, 'dir'),
        entry(`${T}/backends/onnxruntime/lib.so`, 'file'),
      ]),
    },
  ];
  const pieces = planPieces(plan, 'linux/amd64');
  const entries = planPieceEntries(layers, new Map(), pieces);
  const packed = (name: string) => {
    const piece = pieces.find((p) => p.name === name)!;
    return planPackEntries({ piece, entries: entries.get(piece) ?? [] }, layers, '/stage', 42).map((e) => `${e.path} ${e.uid}:${e.gid}`);
  };
  expect(packed('core')).toEqual([
    `${T} 0:0`,
    '/opt 0:0',
    `${T}/LICENSE 1000:1000`,
    `${T}/bin 0:0`,
    `${T}/bin/tritonserver 1000:1000`,
    `${T}/lib 0:0`,
    `${T}/lib/sub 1000:1000`,
  ]);
  expect(packed('onnxruntime')).toEqual([
    `${T}/backends 0:0`,
    `${T} 0:0`,
    '/opt 0:0',
    `${T}/backends/onnxruntime 0:0`,
    `${T}/backends/onnxruntime/lib.so 1000:1000`,
  ]);
});

test('tocFromIndex: the planner\'s form, devices as "other", captured files kept', () => {
  const toc = tocFromIndex(
    index('sha256:a', [entry('/a', 'file', { size: 2 }), entry('/dev/x', 'char'), entry('/l', 'symlink', { target: 'a' })]),
    { '/etc/os-release': 'ID=ubuntu\n' },
  );
  expect(toc).toEqual({
    version: 5,
    digest: 'sha256:a',
    tarSize: 400,
    captured: { '/etc/os-release': 'ID=ubuntu\n' },
    entries: [
      { path: '/a', type: 'file', size: 2, mode: 0o644, uid: 1000, gid: 1000 },
      { path: '/dev/x', type: 'other', size: 0, mode: 0o644, uid: 1000, gid: 1000 },
      { path: '/l', type: 'symlink', size: 0, mode: 0o644, uid: 1000, gid: 1000, target: 'a' },
    ],
  });
});

test('packEntries writes owners, modes, times, symlinks and hardlinks, and removes each staged file once packed', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'pack-'));
  try {
    const stage = (p: string) => stagePath(join(dir, 'stage'), 'sha256:abc', p);
    await mkdir(join(dir, 'stage', 'abc', 'opt', 'p'), { recursive: true });
    await writeFile(stage('/opt/p/a.so'), 'data-a');
    await writeFile(stage('/opt/p/copy'), 'data-b');
    const tar = join(dir, 'p.tar');
    const r = await packEntries(
      [
        { path: '/opt/p/link', type: 'link', mode: 0o644, uid: 1000, gid: 1000, mtime: 5, size: 0, target: '/opt/p/a.so' },
        {
          path: '/opt/p/copy',
          type: 'link',
          mode: 0o600,
          uid: 2,
          gid: 3,
          mtime: 6,
          size: 0,
          target: '/elsewhere',
          stage: stage('/opt/p/copy'),
        },
        { path: '/opt/p/a.so', type: 'file', mode: 0o4755, uid: 1000, gid: 1000, mtime: 7, size: 6, stage: stage('/opt/p/a.so') },
        { path: '/opt/p/s', type: 'symlink', mode: 0o777, uid: 0, gid: 0, mtime: 8, size: 0, target: 'a.so' },
        { path: '/opt/p', type: 'dir', mode: 0o750, uid: 1000, gid: 1000, mtime: 9, size: 0 },
      ],
      tar,
    );
    expect(r.entries).toBe(5);
    const seen = (await readTarReference(await readFile(tar))).map(({ header: h, data }) => [
      h.name,
      h.type,
      h.mode,
      h.uid,
      h.gid,
      h.mtime?.getTime(),
      h.linkname ?? '',
      data.toString(),
    ]);
    expect(seen).toEqual([
      ['opt/p/', 'directory', 0o750, 1000, 1000, 9000, '', ''],
      ['opt/p/a.so', 'file', 0o4755, 1000, 1000, 7000, '', 'data-a'],
      ['opt/p/s', 'symlink', 0o777, 0, 0, 8000, 'a.so', ''],
      ['opt/p/copy', 'file', 0o600, 2, 3, 6000, '', 'data-b'], // its target is not in this tar: a copy
      ['opt/p/link', 'link', 0o644, 1000, 1000, 5000, 'opt/p/a.so', ''],
    ]);
    await expect(readFile(stage('/opt/p/a.so'))).rejects.toThrow();
    await expect(readFile(stage('/opt/p/copy'))).rejects.toThrow();
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

test('packEntries never follows a staged symlink: a hardlink staged as one is packed as that symlink, a file staged as one is refused', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'pack-'));
  try {
    const secret = join(dir, 'host-secret');
    await writeFile(secret, 'host-canary');
    const stage = (p: string) => stagePath(join(dir, 'stage'), 'sha256:abc', p);
    await mkdir(join(dir, 'stage', 'abc', 'opt', 'p'), { recursive: true });
    await symlink(secret, stage('/opt/p/h'));
    await symlink(secret, stage('/opt/p/f'));
    const link = { path: '/opt/p/h', type: 'link' as const, mode: 0o644, uid: 0, gid: 0, mtime: 5, size: 0, target: '/opt/p/s' };
    const tar = join(dir, 'p.tar');
    await packEntries([{ ...link, stage: stage('/opt/p/h') }], tar);
    const bytes = await readFile(tar);
    expect(bytes.includes('host-canary')).toBe(false);
    const seen = (await readTarReference(bytes)).map(({ header: h }) => [h.name, h.type, h.mode, h.linkname]);
    expect(seen).toEqual([['opt/p/h', 'symlink', 0o777, secret]]);
    const file = { path: '/opt/p/f', type: 'file' as const, mode: 0o644, uid: 0, gid: 0, mtime: 5, size: 11, stage: stage('/opt/p/f') };
    await expect(packEntries([file], join(dir, 'f.tar'))).rejects.toThrow('the staged data of "/opt/p/f" cannot be read (it is a symlink)');
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

/** A regular file's pack entry, its data staged at `stage`. */
const stagedFile = (f: { path: string; data: Buffer }, stage: string) => ({
  path: f.path,
  type: 'file' as const,
  mode: 0o644,
  uid: 0,
  gid: 0,
  mtime: 1,
  size: f.data.length,
  stage,
});

test('packEntries reads small files ahead and streams large ones, in path order, each with its own data; a staged size that is not the index size is refused', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'pack-'));
  try {
    const stage = (p: string) => stagePath(join(dir, 'stage'), 'sha256:abc', p);
    await mkdir(join(dir, 'stage', 'abc', 'opt', 'p'), { recursive: true });
    const files: { path: string; data: Buffer }[] = [];
    for (let i = 0; i < 300; i++) files.push({ path: `/opt/p/f${String(i).padStart(3, '0')}`, data: Buffer.from(`file ${i} `.repeat(i)) });
    // two past the read-ahead size, among the small ones
    files.splice(100, 0, { path: '/opt/p/f099-large', data: Buffer.alloc(1_500_000, 7) });
    files.splice(200, 0, { path: '/opt/p/f198-large', data: Buffer.alloc((1 << 20) + 1, 9) });
    for (const f of files) await writeFile(stage(f.path), f.data);
    const entry = (f: { path: string; data: Buffer }) => stagedFile(f, stage(f.path));
    // given in reverse: packed in path order all the same
    const r = await packEntries([...files].reverse().map(entry), join(dir, 'p.tar'));
    expect(r.entries).toBe(302);
    const seen = (await readTarReference(await readFile(join(dir, 'p.tar')))).map((e) => [e.name, e.data] as const);
    const want = [...files].sort((a, b) => (a.path < b.path ? -1 : 1));
    expect(seen.map(([n]) => n)).toEqual(want.map((f) => f.path.slice(1)));
    for (const [i, [, data]] of seen.entries()) expect(data.equals(want[i].data)).toBe(true);

    await writeFile(stage('/opt/p/short'), 'abc');
    const short = { ...entry({ path: '/opt/p/short', data: Buffer.from('abcd') }) };
    await expect(packEntries([short], join(dir, 's.tar'))).rejects.toThrow('the staged data of "/opt/p/short" is 3 bytes, not 4');
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

/** Two files held in memory and two on disk, a large and a small one of each, in path order. */
const heldAndStaged = () => [
  { path: '/opt/p/a-held-large', data: Buffer.alloc(1_500_000, 3), held: true },
  { path: '/opt/p/b-held-small', data: Buffer.from('small and held'), held: true },
  { path: '/opt/p/c-staged-large', data: Buffer.alloc((1 << 20) + 1, 4), held: false },
  { path: '/opt/p/d-staged-small', data: Buffer.from('small on disk'), held: false },
];

/** The tar at `out` holds `files` in their order, each with its own data. */
async function expectTarHolds(out: string, files: ReadonlyArray<{ path: string; data: Buffer }>): Promise<void> {
  const seen = await readTarReference(await readFile(out));
  expect(seen.map((e) => [e.name, e.data.equals(files.find((f) => f.path === `/${e.name}`)?.data ?? Buffer.alloc(0))])).toEqual(
    files.map((f) => [f.path.slice(1), true]),
  );
}

test('packTo takes held files from the memory stage, a large one whole, and staged ones from the folder; each let go once packed', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'pack-held-'));
  try {
    const stage = (p: string) => stagePath(join(dir, 'stage'), 'sha256:abc', p);
    await mkdir(join(dir, 'stage', 'abc', 'opt', 'p'), { recursive: true });
    const memory = new MemoryStage(4 << 20);
    const files = heldAndStaged();
    for (const f of files) {
      if (f.held) expect(memory.put(stage(f.path), f.data)).toBe(true);
      else await writeFile(stage(f.path), f.data);
    }
    const entries = files.map((f) => stagedFile(f, stage(f.path)));
    const out = join(dir, 'p.tar');
    expect(await readPackedDataSize(entries, memory)).toBe(files.reduce((n, f) => n + f.data.length, 0));
    await packTo(entries, createWriteStream(out), { memory });
    await expectTarHolds(out, files);
    expect(memory.bytes).toBe(0);
    expect(await readdir(join(dir, 'stage', 'abc', 'opt', 'p'))).toEqual([]);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

test('packTo beside its staging: each file is read once it arrives, held or on disk, large or small, and packed in path order', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'pack-ready-'));
  try {
    const stage = (p: string) => stagePath(join(dir, 'stage'), 'sha256:abc', p);
    await mkdir(join(dir, 'stage', 'abc', 'opt', 'p'), { recursive: true });
    const memory = new MemoryStage(4 << 20);
    const files = heldAndStaged();
    const arrivals = new Arrivals();
    const out = join(dir, 'p.tar');
    let packed = false;
    // nothing is staged yet when packing starts
    const packing = packTo(
      files.map((f) => stagedFile(f, stage(f.path))),
      createWriteStream(out),
      { memory, ready: (p) => arrivals.wait(p) },
    ).then(() => (packed = true));
    // they arrive last first, a turn of the event loop apart
    for (const f of [...files].reverse()) {
      await new Promise((r) => setImmediate(r));
      expect(packed).toBe(false);
      if (f.held) expect(memory.put(stage(f.path), f.data)).toBe(true);
      else await writeFile(stage(f.path), f.data);
      arrivals.arrive(stage(f.path));
    }
    arrivals.end();
    await packing;
    await expectTarHolds(out, files);
    expect(memory.bytes).toBe(0);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

test('packTo beside a staging that fails: it stops with the staging failure at the first file that did not arrive', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'pack-ready-fail-'));
  try {
    const stage = (p: string) => stagePath(join(dir, 'stage'), 'sha256:abc', p);
    await mkdir(join(dir, 'stage', 'abc', 'opt', 'p'), { recursive: true });
    const here = { path: '/opt/p/a-here', data: Buffer.from('here') };
    await writeFile(stage(here.path), here.data);
    const arrivals = new Arrivals();
    arrivals.arrive(stage(here.path));
    const packing = packTo(
      [here, { path: '/opt/p/b-missing', data: Buffer.from('never') }].map((f) => stagedFile(f, stage(f.path))),
      createWriteStream(join(dir, 'p.tar')),
      { ready: (p) => arrivals.wait(p) },
    );
    arrivals.end(new Error('bytes 0-99 of layer sha256:abc could not be read'));
    await expect(packing).rejects.toThrow(new StagingFailed(new Error('bytes 0-99 of layer sha256:abc could not be read')));
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

test('packTo sends a large file still arriving in memory as its bytes come, and ends it only once it is checked; a damaged one fails the tar', async () => {
  const memory = new MemoryStage(4 << 20);
  const stage = '/stage/abc/opt/p/lib.so';
  const data = Buffer.alloc(3 << 20);
  for (let i = 0; i < data.length; i++) data[i] = (i * 7) & 0xff;
  const file = new GrowingFile(Buffer.alloc(data.length));
  memory.reserve(data.length);
  memory.arrive(stage, file);
  const out = new PassThrough();
  const got: Buffer[] = [];
  out.on('data', (c: Buffer) => got.push(c));
  const received = () => got.reduce((n, c) => n + c.length, 0);
  let packed = false;
  const packing = packTo([stagedFile({ path: '/opt/p/lib.so', data }, stage)], out, { memory }).then(() => (packed = true));
  file.grow(data.subarray(0, 1 << 20));
  await new Promise((r) => setTimeout(r, 20));
  expect(received()).toBeGreaterThanOrEqual((1 << 20) + 512); // header and the first MiB, before the rest came
  file.grow(data.subarray(1 << 20));
  await new Promise((r) => setTimeout(r, 20));
  expect(packed).toBe(false); // every byte is in, but not yet checked
  memory.putReserved(stage, file.data);
  file.finish();
  await packing;
  const [e] = await readTarReference(Buffer.concat(got));
  expect([e.name, e.data.equals(data), memory.bytes]).toEqual(['opt/p/lib.so', true, 0]);

  const bad = new GrowingFile(Buffer.alloc(data.length));
  memory.arrive(stage, bad);
  const failing = packTo([stagedFile({ path: '/opt/p/lib.so', data }, stage)], new PassThrough().resume(), { memory });
  bad.grow(data);
  bad.fail(new Error('"/opt/p/lib.so" has the wrong content'));
  await expect(failing).rejects.toThrow('"/opt/p/lib.so" has the wrong content');
});

test('a hardlink copy still arriving in memory: its size comes from the index, not the stage, and it is packed as a file as its bytes come', async () => {
  const memory = new MemoryStage(4 << 20);
  const stage = '/stage/abc/opt/p/copy.so';
  const data = Buffer.alloc(1_500_000, 5);
  const file = new GrowingFile(Buffer.alloc(data.length));
  memory.reserve(data.length);
  memory.arrive(stage, file);
  const link: PackEntry = { ...stagedFile({ path: '/opt/p/copy.so', data }, stage), type: 'link', size: 0, target: '/opt/q/lib.so' };
  // nothing is staged on disk: reading the stage for the size would fail
  expect(await readPackedDataSize([link], memory, () => data.length)).toBe(data.length);
  const out = new PassThrough();
  const got: Buffer[] = [];
  out.on('data', (c: Buffer) => got.push(c));
  const packing = packTo([link], out, { memory });
  file.grow(data);
  memory.putReserved(stage, file.data);
  file.finish();
  await packing;
  const [e] = await readTarReference(Buffer.concat(got));
  expect([e.name, e.type, e.data.equals(data)]).toEqual(['opt/p/copy.so', 'file', true]);
});
