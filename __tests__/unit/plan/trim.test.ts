// What a trim keeps of min's layers, decided entry by entry: the rules of trim: safe (each row
// proven on NGC-shaped paths, and what it must leave alone), keep and drop patterns, license
// texts, and what the kept set needs to stay whole. Exact outputs: planTrim is pure.
import { type TocEntry, mergeLayers } from '../../../src/layer/contents.js';
import { planDropPaths, planRuleOf, planTrim } from '../../../src/plan/trim.js';
import { TRIM_RULES, isLicenseText } from '../../../src/plan/trim-rules.js';

const f = (path: string, size = 100): TocEntry => ({ path, type: 'file', size, mode: 0o644, uid: 0, gid: 0 });
const d = (path: string): TocEntry => ({ path, type: 'dir', size: 0, mode: 0o755, uid: 0, gid: 0 });
const l = (path: string, target: string): TocEntry => ({ path, type: 'link', size: 0, mode: 0o644, uid: 0, gid: 0, target });
const s = (path: string, target: string): TocEntry => ({ path, type: 'symlink', size: 0, mode: 0o777, uid: 0, gid: 0, target });
const safe = { level: 'safe' as const, keep: [], drop: [] };

test.each([
  ['/usr/local/cuda-12.3/targets/x86_64-linux/lib/libcublas_static.a', 'static-archives'],
  ['/usr/lib/x86_64-linux-gnu/libnvinfer_static.a', 'static-archives'],
  ['/usr/local/lib/python3.12/dist-packages/numpy/core/lib/libnpymath.a', 'static-archives'],
  ['/usr/local/cuda/include/cuda_runtime.h', 'headers'],
  ['/usr/local/cuda-12.3/targets/x86_64-linux/include/cudnn.h', 'headers'],
  ['/usr/include/x86_64-linux-gnu/NvInfer.h', 'headers'],
  ['/opt/hpcx/ompi/include/mpi.h', 'headers'],
  ['/usr/share/doc/libcudnn9/changelog.Debian.gz', 'docs'],
  ['/usr/share/man/man1/ls.1.gz', 'docs'],
  ['/usr/local/cuda-12.3/doc/pdf/CUDA_C_Programming_Guide.pdf', 'docs'],
  ['/opt/hpcx/ompi/share/man/man1/mpirun.1', 'docs'],
  ['/opt/nvidia/nsight-compute/2023.3.1/ncu', 'profilers'],
  ['/opt/nvidia/nsight-systems/2023.4.1/bin/nsys', 'profilers'],
  ['/usr/local/cuda/bin/cuda-gdb', 'profilers'],
  ['/usr/local/cuda-12.3/compute-sanitizer/compute-sanitizer', 'profilers'],
  ['/usr/local/cuda/bin/nvcc', 'compilers'],
  ['/usr/local/cuda-12.3/nvvm/bin/cicc', 'compilers'],
  ['/usr/local/cuda-12.3/targets/x86_64-linux/lib/stubs/libcuda.so', 'compilers'],
  ['/var/cache/apt/archives/libgomp1_12.2.0_amd64.deb', 'package-caches'],
  ['/var/lib/apt/lists/deb.debian.org_debian_dists_bookworm_InRelease', 'package-caches'],
  ['/root/.cache/pip/http/a/b', 'package-caches'],
])('%s falls under %s', (path, category) => {
  expect(planRuleOf(path)).toBe(category);
});

test.each([
  // what serving loads or reads, however close its name comes to a rule
  '/usr/local/cuda-12.3/targets/x86_64-linux/lib/libcublas.so.12.3.4.1',
  '/usr/local/cuda/extras/CUPTI/lib64/libcupti.so.12',
  '/usr/local/cuda-12.3/nvvm/lib64/libnvvm.so.4',
  '/usr/lib/x86_64-linux-gnu/libcudnn_ops.so.9',
  '/usr/local/lib/python3.12/dist-packages/numpy/__init__.py',
  '/usr/share/zoneinfo/UTC',
  '/usr/bin/bash',
  '/var/lib/apt/lists',
  '/var/cache/apt/archives/lock',
  '/usr/local/cuda/compat/lib/libcuda.so.1',
  '/opt/tritonserver/include/triton/core/tritonserver.h', // the server's own, copied from full, not min's
  '/usr/share/doca',
])('%s falls under no rule', (path) => {
  expect(planRuleOf(path)).toBeUndefined();
});

test('every rule has a category of its own, in the order the summary lists them', () => {
  expect(TRIM_RULES.map((r) => r.category)).toEqual(['static-archives', 'headers', 'docs', 'profilers', 'compilers', 'package-caches']);
});

test.each([
  ['/usr/share/doc/libc6/copyright', true],
  ['/usr/local/cuda/EULA.txt', true],
  ['/opt/nvidia/nsight-compute/2023.3.1/docs/LICENSE', true],
  ['/usr/share/doc/libc6/COPYING.gz', true],
  ['/usr/share/doc/libc6/changelog.gz', false],
  ['/usr/share/doc/libc6/copyright/x', false],
  ['/usr/lib/licensed.so', false],
])('license text: %s is %s', (path, yes) => {
  expect(isLicenseText(path)).toBe(yes);
});

test('a layer with nothing to drop is kept whole; one that loses files keeps the rest, with folders above kept entries', () => {
  const plan = planTrim(
    [
      { digest: 'sha256:a', entries: [d('/usr'), d('/usr/bin'), f('/usr/bin/bash', 1000)] },
      {
        digest: 'sha256:b',
        entries: [
          d('/usr'),
          d('/usr/local'),
          d('/usr/local/cuda'),
          d('/usr/local/cuda/include'),
          f('/usr/local/cuda/include/cuda.h', 50),
          d('/usr/local/cuda/lib64'),
          f('/usr/local/cuda/lib64/libcudart.so.12', 700),
          f('/usr/local/cuda/lib64/libcudart_static.a', 300),
          d('/usr/share'),
          d('/usr/share/doc'),
          d('/usr/share/doc/cuda'),
          f('/usr/share/doc/cuda/copyright', 7),
          f('/usr/share/doc/cuda/README', 9),
          d('/usr/share/man'),
          d('/usr/share/man/man1'),
          f('/usr/share/man/man1/nvcc.1', 11),
        ],
      },
    ],
    safe,
  );
  expect(plan.layers[0]).toEqual({ digest: 'sha256:a', keep: new Set(['/usr', '/usr/bin', '/usr/bin/bash']), dropped: 0, droppedBytes: 0 });
  expect([...plan.layers[1].keep]).toEqual([
    '/usr',
    '/usr/local',
    '/usr/local/cuda',
    '/usr/local/cuda/lib64',
    '/usr/local/cuda/lib64/libcudart.so.12',
    '/usr/share',
    '/usr/share/doc',
    '/usr/share/doc/cuda',
    '/usr/share/doc/cuda/copyright',
  ]);
  expect(plan.layers[1]).toMatchObject({ dropped: 7, droppedBytes: 370 });
  expect(plan.byReason).toEqual({
    'static-archives': { files: 1, bytes: 300 },
    headers: { files: 1, bytes: 50 },
    docs: { files: 2, bytes: 20 },
  });
  expect(plan.dropped.map((x) => [x.path, x.size, x.reason])).toEqual([
    ['/usr/local/cuda/lib64/libcudart_static.a', 300, 'static-archives'],
    ['/usr/local/cuda/include/cuda.h', 50, 'headers'],
    ['/usr/share/man/man1/nvcc.1', 11, 'docs'],
    ['/usr/share/doc/cuda/README', 9, 'docs'],
  ]);
  expect(plan.kept.map((x) => [x.path, x.layer, x.reason])).toEqual([
    ['/usr/bin/bash', 0, 'no rule of trim: safe matches'],
    ['/usr/local/cuda/lib64/libcudart.so.12', 1, 'no rule of trim: safe matches'],
    ['/usr/share/doc/cuda/copyright', 1, 'license text'],
  ]);
  expect([plan.bytes, plan.keptBytes]).toEqual([2077, 1707]);
});

test('keep patterns win over rules and drop patterns; drop patterns add to the rules; a folder pattern takes all below it', () => {
  const plan = planTrim(
    [
      {
        digest: 'sha256:a',
        entries: [
          f('/usr/local/cuda/include/cuda_fp16.h', 5),
          f('/usr/local/cuda/include/cuda.h', 6),
          f('/opt/big/model.bin', 1000),
          f('/opt/big/keep.txt', 1),
          f('/usr/share/locale/de/LC_MESSAGES/x.mo', 3),
        ],
      },
    ],
    { level: 'safe', keep: ['/usr/local/cuda/include/cuda_fp16.h', '/opt/big/*.txt'], drop: ['/opt/big', '/usr/share/locale/**'] },
  );
  expect(plan.kept.map((x) => [x.path, x.reason])).toEqual([
    ['/usr/local/cuda/include/cuda_fp16.h', 'keep pattern /usr/local/cuda/include/cuda_fp16.h'],
    ['/opt/big/keep.txt', 'keep pattern /opt/big/*.txt'],
  ]);
  expect(plan.dropped.map((x) => [x.path, x.reason])).toEqual([
    ['/opt/big/model.bin', 'drop-pattern'],
    ['/usr/local/cuda/include/cuda.h', 'headers'],
    ['/usr/share/locale/de/LC_MESSAGES/x.mo', 'drop-pattern'],
  ]);
});

test('a kept hardlink keeps the file it names; whiteouts stay; a symlink to a dropped file is kept as it is', () => {
  const plan = planTrim(
    [
      {
        digest: 'sha256:a',
        entries: [
          f('/usr/local/cuda/bin/tool', 40),
          l('/usr/bin/tool', '/usr/local/cuda/bin/tool'),
          s('/usr/bin/nvcc', '/usr/local/cuda/bin/nvcc'),
          f('/usr/local/cuda/bin/nvcc', 30),
          f('/usr/share/doc/.wh.gone', 0),
          f('/usr/include/.wh..wh..opq', 0),
        ],
      },
    ],
    safe,
  );
  expect(plan.kept.map((x) => [x.path, x.reason])).toEqual([
    ['/usr/local/cuda/bin/tool', 'hard-linked by /usr/bin/tool'],
    ['/usr/include/.wh..wh..opq', 'opaque folder marker'],
    ['/usr/share/doc/.wh.gone', 'whiteout'],
  ]);
  expect([...plan.layers[0].keep].sort()).toEqual([
    '/usr/bin/nvcc',
    '/usr/bin/tool',
    '/usr/include/.wh..wh..opq',
    '/usr/local/cuda/bin/tool',
    '/usr/share/doc/.wh.gone',
  ]);
  expect(plan.dropped.map((x) => x.path)).toEqual(['/usr/local/cuda/bin/nvcc']);
});

test('a layer holding a device is kept whole, its files counted as kept with the reason; a path written twice counts once', () => {
  const dev: TocEntry = { path: '/dev/null', type: 'other', size: 0, mode: 0o666, uid: 0, gid: 0 };
  const plan = planTrim([{ digest: 'sha256:a', entries: [dev, f('/usr/include/a.h', 5), f('/usr/include/a.h', 8)] }], safe);
  expect(plan.layers[0]).toEqual({
    digest: 'sha256:a',
    keep: new Set(['/dev/null', '/usr/include/a.h']),
    dropped: 0,
    droppedBytes: 0,
    untouched: 'it holds /dev/null, a device or fifo, which a rewritten layer cannot carry',
  });
  expect(plan.kept).toEqual([{ path: '/usr/include/a.h', size: 8, layer: 0, reason: expect.stringMatching(/^layer left whole: /) }]);
  expect(plan.dropped).toEqual([]);
  expect(plan.byReason).toEqual({});
});

test('a folder a rule matches stays, and counts nowhere, when a keep pattern keeps what is below it', () => {
  const plan = planTrim([{ digest: 'sha256:a', entries: [d('/usr/include'), f('/usr/include/zlib.h', 9)] }], {
    level: 'safe',
    keep: ['/usr/include/zlib.h'],
    drop: [],
  });
  expect([...plan.layers[0].keep]).toEqual(['/usr/include', '/usr/include/zlib.h']);
  expect(plan.layers[0].dropped).toBe(0);
  expect(plan.byReason).toEqual({});
  const bare = planTrim([{ digest: 'sha256:a', entries: [d('/usr/include'), d('/usr/include/x')] }], safe);
  expect(bare.layers[0]).toMatchObject({ dropped: 2, droppedBytes: 0 });
  expect(bare.byReason).toEqual({});
  expect(bare.dropped).toEqual([]);
});

test('a layer that would lose files but keeps one with extended attributes is kept whole; a dropped one does not hold it back', () => {
  const cap = { ...f('/usr/bin/ping', 70), xattrs: ['security.capability'] };
  const held = planTrim([{ digest: 'sha256:a', entries: [cap, f('/usr/include/a.h', 5)] }], safe);
  expect(held.layers[0]).toMatchObject({
    dropped: 0,
    untouched: 'it holds /usr/bin/ping with extended attributes (security.capability), which a rewritten layer would lose',
  });
  const free = planTrim(
    [{ digest: 'sha256:a', entries: [{ ...f('/usr/include/b.h', 5), xattrs: ['user.x'] }, f('/usr/bin/ls', 9)] }],
    safe,
  );
  expect(free.layers[0]).toMatchObject({ dropped: 1, droppedBytes: 5 });
  expect(free.layers[0].untouched).toBeUndefined();
});

test('the paths a Buildx build removes: those of the final view whose layer drops them; a layer left whole drops nothing', () => {
  const layers = [
    { digest: 'sha256:a', entries: [d('/usr'), d('/usr/include'), f('/usr/include/a.h'), f('/usr/bin/sh'), f('/usr/lib/libx.a')] },
    {
      digest: 'sha256:b',
      entries: [d('/usr'), f('/usr/lib/libx.a'), f('/usr/include/b.h'), { ...f('/dev/null'), type: 'other' as const }],
    },
    { digest: 'sha256:c', entries: [f('/usr/local/doc.txt'), d('/usr/share'), d('/usr/share/doc'), f('/usr/share/doc/x/changelog.gz')] },
  ];
  const plan = planTrim(layers, safe);
  expect(plan.layers[1].untouched).toMatch(/a device or fifo/);
  expect(plan.layers[0].keep.has('/usr/include')).toBe(true);
  const view = mergeLayers(layers.map((x) => ({ version: 4, digest: x.digest, tarSize: 0, entries: x.entries, captured: {} })));
  // /usr/lib/libx.a is layer b's, left whole; /usr/include/a.h goes, but not its folder: layer b's
  // /usr/include/b.h stays below it (a Buildx build removes a folder with all it holds)
  expect(planDropPaths(plan, view)).toEqual(['/usr/include/a.h', '/usr/share/doc', '/usr/share/doc/x/changelog.gz']);
});
