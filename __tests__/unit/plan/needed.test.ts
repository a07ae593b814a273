import type { ElfFacts } from '../../../src/layer/elf.js';
import { type Spec, exe, image, lib, view } from '../../helpers/elf-views.js';
import { confFolders, expandPathList, followLinks, planSearchPath, resolveLibrary } from '../../../src/plan/loader.js';
import { planNeeded } from '../../../src/plan/needed.js';
import { libraryFamily, planNeededLibraries } from '../../../src/plan/trim-needed.js';
import { DLOPEN_RULES } from '../../../src/plan/dlopen-rules.js';

const X = '/usr/lib/x86_64-linux-gnu';
const CUDA = '/usr/local/cuda-12.3/targets/x86_64-linux/lib';

const BASE: Spec = {
  '/lib': '->usr/lib',
  '/lib64': '->usr/lib64',
  '/usr/lib64/ld-linux-x86-64.so.2': '->../lib/x86_64-linux-gnu/ld-linux-x86-64.so.2',
  [`${X}/ld-linux-x86-64.so.2`]: lib('ld-linux-x86-64.so.2'),
  [`${X}/libc.so.6`]: lib('libc.so.6', ['ld-linux-x86-64.so.2']),
  [`${X}/libm.so.6`]: lib('libm.so.6', ['libc.so.6']),
  [`${X}/libnss_files.so.2`]: lib('libnss_files.so.2', ['libc.so.6']),
  '/etc/ld.so.conf': { text: '# comment\ninclude /etc/ld.so.conf.d/*.conf\n' },
  '/etc/ld.so.conf.d/x86_64-linux-gnu.conf': { text: `/usr/local/lib/x86_64-linux-gnu\n${X}\n` },
  '/etc/ld.so.conf.d/000_cuda.conf': { text: '/usr/local/cuda/lib64 # CUDA\n' },
  '/usr/local/cuda': '->cuda-12.3',
  '/usr/local/cuda-12.3/lib64': '->targets/x86_64-linux/lib',
};

describe('the loader', () => {
  it('reads ld.so.conf with its includes in name order', () => {
    expect(confFolders(image(BASE).captured)).toEqual(['/usr/local/cuda/lib64', '/usr/local/lib/x86_64-linux-gnu', X]);
    expect(confFolders(new Map([['/etc/ld.so.conf', 'include ld.so.conf\n/opt/a:/opt/b\nhwcap 0 x\nrelative\n']]))).toEqual([
      '/opt/a',
      '/opt/b',
    ]);
  });

  it('expands $ORIGIN, ${ORIGIN} and $LIB, drops relative entries and never climbs above the root', () => {
    expect(expandPathList('$ORIGIN:${ORIGIN}/../lib:/usr/$LIB/x:$LIB/rel:rel:$ORIGINAL:/abs//y/', '/opt/a/b', 62)).toEqual([
      '/opt/a/b',
      '/opt/a/lib',
      '/usr/lib/x86_64-linux-gnu/x',
      '/abs/y',
    ]);
    expect(expandPathList('$ORIGIN/../../../../../..', '/opt/a', 62)).toEqual(['/']);
    expect(expandPathList(undefined, '/x', 62)).toEqual([]);
  });

  it('follows links, folders included, and gives up on a loop', () => {
    const img = image({
      ...BASE,
      [`${CUDA}/libcudart.so.12.3.101`]: lib('libcudart.so.12'),
      [`${CUDA}/libcudart.so.12`]: '->libcudart.so.12.3.101',
      '/a': '->b',
      '/b': '->a',
    });
    expect(followLinks(img, '/usr/local/cuda/lib64/libcudart.so.12')).toEqual({
      path: `${CUDA}/libcudart.so.12.3.101`,
      links: ['/usr/local/cuda', '/usr/local/cuda-12.3/lib64', `${CUDA}/libcudart.so.12`],
    });
    expect(followLinks(img, '/a')).toBeUndefined();
    expect(followLinks(img, '/nothing')).toBeUndefined();
  });

  it("searches RPATH, LD_LIBRARY_PATH, RUNPATH, ld.so.conf's folders and the system's, in that order", () => {
    const img = image({
      ...BASE,
      '/opt/r/libx.so.1': lib('libx.so.1'),
      '/opt/l/libx.so.1': lib('libx.so.1'),
      '/opt/u/libx.so.1': lib('libx.so.1'),
      [`${X}/libx.so.1`]: lib('libx.so.1'),
      '/opt/l/liby.so.1': lib('liby.so.1', [], { class: 32 }),
      [`${X}/liby.so.1`]: lib('liby.so.1'),
    });
    const search = planSearchPath(img, [['LD_LIBRARY_PATH', '/opt/l:relative']], 62);
    expect(search.libraryPath).toEqual(['/opt/l']);
    const find = (facts: ElfFacts, name = 'libx.so.1') =>
      resolveLibrary(img, search, { path: '/opt/bin/p', facts, inherited: [] }, name)?.file;
    expect(find(exe(['libx.so.1'], { rpath: '/opt/r' }))).toBe('/opt/r/libx.so.1');
    expect(find(exe(['libx.so.1'], { rpath: '/opt/r', runpath: '/opt/u' }))).toBe('/opt/l/libx.so.1');
    expect(
      resolveLibrary(
        img,
        { ...search, libraryPath: [] },
        { path: '/opt/bin/p', facts: exe([], { runpath: '/opt/u' }), inherited: [] },
        'libx.so.1',
      )?.file,
    ).toBe('/opt/u/libx.so.1');
    expect(resolveLibrary(img, { ...search, libraryPath: [] }, { path: '/p', facts: exe([]), inherited: [] }, 'libx.so.1')?.file).toBe(
      `${X}/libx.so.1`,
    );
    // another ELF class is passed over, as the loader does
    expect(find(exe([]), 'liby.so.1')).toBe(`${X}/liby.so.1`);
    expect(find(exe([], { runpath: '/etc/../../outside' }), 'libnone.so')).toBeUndefined();
  });
});

describe('the closure of what stays', () => {
  const img = image({
    ...BASE,
    '/opt/tritonserver/bin/tritonserver': exe(['libtritonserver.so', 'libc.so.6'], { runpath: '$ORIGIN/../lib' }),
    '/opt/tritonserver/lib/libtritonserver.so': lib('libtritonserver.so', ['libcudart.so.12', 'libc.so.6']),
    '/opt/tritonserver/backends/trt/libtriton_trt.so': lib('libtriton_trt.so', ['libnvinfer.so.10'], {
      runpath: '$ORIGIN/../../../../../..:$ORIGIN',
    }),
    [`${CUDA}/libcudart.so.12.3.101`]: lib('libcudart.so.12'),
    [`${CUDA}/libcudart.so.12`]: '->libcudart.so.12.3.101',
    [`${CUDA}/libcudart.so`]: '->libcudart.so.12',
    [`${CUDA}/libcublas.so.12`]: lib('libcublas.so.12'),
    [`${X}/libnvinfer.so.10`]: lib('libnvinfer.so.10', ['libcudnn.so.9', 'libmissing.so.1']),
    [`${X}/libcudnn.so.9`]: lib('libcudnn.so.9'),
    [`${X}/libcudnn_ops.so.9`]: lib('libcudnn_ops.so.9', ['libcudnn_graph.so.9']),
    [`${X}/libcudnn_graph.so.9`]: lib('libcudnn_graph.so.9'),
  });
  const candidates = new Set([
    `${CUDA}/libcudart.so.12.3.101`,
    `${CUDA}/libcudart.so.12`,
    `${CUDA}/libcudart.so`,
    `${CUDA}/libcublas.so.12`,
    `${X}/libnvinfer.so.10`,
    `${X}/libcudnn.so.9`,
    `${X}/libcudnn_ops.so.9`,
    `${X}/libcudnn_graph.so.9`,
    `${X}/libm.so.6`,
  ]);
  const roots = [
    { path: '/opt/tritonserver/bin/tritonserver', reason: 'part' },
    { path: '/opt/tritonserver/backends/trt/libtriton_trt.so', reason: 'part' },
  ];

  it('keeps what the roots need, what the kept open with dlopen, and links to kept files; nothing else', () => {
    const r = planNeeded({ img, search: planSearchPath(img, [], 62), roots, candidates });
    expect(Object.fromEntries(r.kept)).toEqual({
      [`${CUDA}/libcudart.so.12`]: 'needed by /opt/tritonserver/lib/libtritonserver.so',
      [`${CUDA}/libcudart.so.12.3.101`]: 'needed by /opt/tritonserver/lib/libtritonserver.so',
      [`${X}/libnvinfer.so.10`]: 'needed by /opt/tritonserver/backends/trt/libtriton_trt.so',
      [`${X}/libcudnn.so.9`]: `needed by ${X}/libnvinfer.so.10`,
      [`${X}/libcudnn_graph.so.9`]: `dlopen rule: cuDNN 9 sub-libraries (opened by ${X}/libcudnn.so.9)`,
      [`${X}/libcudnn_ops.so.9`]: `dlopen rule: cuDNN 9 sub-libraries (opened by ${X}/libcudnn.so.9)`,
      [`${CUDA}/libcudart.so`]: `link to ${CUDA}/libcudart.so.12.3.101, which stays`,
    });
    expect(r.unresolved).toEqual([{ name: 'libmissing.so.1', by: `${X}/libnvinfer.so.10` }]);
    expect(r.rulesUsed).toEqual(['cudnn9-sub-libraries', 'glibc-runtime']);
    expect(r.incomplete).toEqual([]);
  });

  it('without the cuDNN rule, the sub-library only it opens goes', () => {
    const r = planNeeded({
      img,
      search: planSearchPath(img, [], 62),
      roots,
      candidates,
      rules: DLOPEN_RULES.filter((x) => x.id !== 'cudnn9-sub-libraries'),
    });
    expect(r.kept.has(`${X}/libcudnn_ops.so.9`)).toBe(false);
    expect(r.kept.has(`${X}/libcudnn_graph.so.9`)).toBe(false);
  });

  it('lists a loaded file it could not read whole', () => {
    const bad = image({ ...BASE, '/opt/p': exe(['libc.so.6'], { incomplete: 'dynamic section outside the file' }) });
    const r = planNeeded({
      img: bad,
      search: planSearchPath(bad, [], 62),
      roots: [{ path: '/opt/p', reason: 'x' }],
      candidates: new Set(),
    });
    expect(r.incomplete).toEqual([{ path: '/opt/p', why: 'dynamic section outside the file' }]);
  });
});

describe('trim: needed over min and full', () => {
  const min = view({
    ...BASE,
    '/usr/bin/sh': exe(['libc.so.6']),
    [`${CUDA}/libcudart.so.12`]: lib('libcudart.so.12'),
    [`${CUDA}/libcublas.so.12`]: lib('libcublas.so.12', ['libcublasLt.so.12']),
    [`${CUDA}/libcublasLt.so.12`]: lib('libcublasLt.so.12'),
    [`${CUDA}/libcublas_static.a`]: { text: '' },
    '/usr/local/cuda-12.3/nvvm/lib64/libnvvm.so.4': lib('libnvvm.so.4', ['libm.so.6']),
  });
  const full = view({
    ...BASE,
    '/opt/tritonserver/bin/tritonserver': exe(['libc.so.6', 'libcudart.so.12']),
    '/opt/tritonserver/backends/python/libtriton_python.so': lib('libtriton_python.so', ['libc.so.6']),
    '/opt/tritonserver/backends/blas/libtriton_blas.so': lib('libtriton_blas.so', ['libcublas.so.12']),
  });
  const src = { min, full, copied: ['/opt/tritonserver/bin', '/opt/tritonserver/backends/python'], env: [] as [string, string][] };
  const safe = (p: string) => p.endsWith('.a');

  it("drops min's libraries only a part left out needs; min's programs and folders outside the loader's stay roots", () => {
    const r = planNeededLibraries(src, safe, () => undefined);
    expect([...r.candidates].sort()).toEqual([
      `${X}/ld-linux-x86-64.so.2`,
      `${X}/libc.so.6`,
      `${X}/libm.so.6`,
      `${X}/libnss_files.so.2`,
      // a link to a candidate is one too, wherever it is
      '/usr/lib64/ld-linux-x86-64.so.2',
      `${CUDA}/libcublas.so.12`,
      `${CUDA}/libcublasLt.so.12`,
      `${CUDA}/libcudart.so.12`,
    ]);
    expect([...r.kept.keys()].sort()).toEqual([
      `${X}/ld-linux-x86-64.so.2`,
      `${X}/libc.so.6`,
      `${X}/libm.so.6`,
      `${X}/libnss_files.so.2`,
      '/usr/lib64/ld-linux-x86-64.so.2',
      `${CUDA}/libcudart.so.12`,
    ]);
    expect(r.kept.get('/usr/lib64/ld-linux-x86-64.so.2')).toBe('interpreter of /opt/tritonserver/bin/tritonserver');
    expect(r.kept.get(`${X}/libm.so.6`)).toBe('needed by /usr/local/cuda-12.3/nvvm/lib64/libnvvm.so.4');
    expect(r.fallback).toBeUndefined();
  });

  it('a keep pattern on a library pulls its closure in', () => {
    const r = planNeededLibraries(src, safe, (p) => (p.endsWith('libcublas.so.12') ? '**/libcublas.so.12' : undefined));
    expect(r.candidates.has(`${CUDA}/libcublas.so.12`)).toBe(false);
    expect(r.kept.get(`${CUDA}/libcublasLt.so.12`)).toBe(`needed by ${CUDA}/libcublas.so.12`);
  });

  it('keeps every library when a loaded file could not be read whole', () => {
    const broken = view({ ...BASE, '/opt/tritonserver/bin/tritonserver': exe([], { incomplete: 'string table past the prefix kept' }) });
    const r = planNeededLibraries({ ...src, full: broken }, safe, () => undefined);
    expect(r.kept.size).toBe(r.candidates.size);
    expect(r.fallback).toBe(
      '/opt/tritonserver/bin/tritonserver could not be read whole (string table past the prefix kept), so what it loads is unknown',
    );
  });
});

describe('library families', () => {
  it.each([
    ['/usr/lib/x86_64-linux-gnu/libcudnn_engines_precompiled.so.9.0.0', 'cuDNN'],
    ['/usr/local/cuda/lib64/libcublasLt.so.12.3.4.1', 'cuBLAS'],
    ['/usr/lib/x86_64-linux-gnu/libnvinfer_builder_resource.so.10.8.0', 'TensorRT'],
    ['/usr/lib/x86_64-linux-gnu/libnvonnxparser.so.10', 'TensorRT'],
    ['/opt/hpcx/ucx/lib/libucs.so.0.0.0', 'HPC-X (UCX, UCC)'],
    ['/usr/local/cuda/compat/lib/libcuda.so.545.23.08', 'CUDA runtime and driver'],
    ['/usr/lib/x86_64-linux-gnu/libssl.so.3', 'libssl'],
    ['/usr/lib/x86_64-linux-gnu/libicuuc.so.72.1', 'libicuuc'],
    ['/usr/lib/x86_64-linux-gnu/libLLVM-15.so.1', 'libLLVM'],
  ])('%s: %s', (path, family) => {
    expect(libraryFamily(path)).toBe(family);
  });
});

test('a crafted ld.so.conf: includes that loop or nest without end are read once, relative folders ignored', () => {
  const captured = new Map([
    ['/etc/ld.so.conf', 'include /etc/ld.so.conf\ninclude ld.so.conf.d/*.conf\n/opt/a\n'],
    ['/etc/ld.so.conf.d/a.conf', 'include /etc/ld.so.conf.d/*.conf\n../../escape\n/opt/b\n'],
    ['/etc/ld.so.conf.d/b.conf', 'include /etc/ld.so.conf\n/opt/a\n/opt/../../c\n'],
  ]);
  // read in place, depth first, as ldconfig reads them: a.conf's include reaches b.conf first
  expect(confFolders(captured)).toEqual(['/opt/a', '/c', '/opt/b']);
});
