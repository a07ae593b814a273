// Libraries opened with dlopen() at run time, which no DT_NEEDED entry shows: a `trim: needed`
// keeps them whenever the library that opens them is kept. One row per fact, with where it comes
// from; `opens` are file-name globs searched from the opener, as its dlopen() would search.
// A row may hold for a range of NGC releases only (YY.MM, both ends included). Pure data.
//
// Only what min holds can be dropped, and every ELF file a kept part brings is a root, so a row
// is needed only for an opener whose targets lie in min: ONNX Runtime's execution providers, for
// one, sit beside it in the backend's folder and stay with it (their DT_NEEDED entries are
// followed like any root's). Each row is proven necessary on the fixtures
// (__tests__/metered/dlopen-rules.test.ts), except glibc's, whose misses glibc itself forgives
// (an NSS module absent is skipped; libgcc_s is needed by libstdc++ in every image with apt).

export interface DlopenRule {
  id: string;
  /** In words, for the summary: "dlopen rule: <what>". */
  what: string;
  /** File names (or sonames) of the kept library that opens them. */
  by: RegExp;
  /** File-name globs (`*` within a name) of what it opens. */
  opens: string[];
  /** NGC releases the row holds for; absent ends are open. */
  releases?: { from?: string; to?: string };
  /** Where the fact comes from. */
  source: string;
}

export const DLOPEN_RULES: readonly DlopenRule[] = [
  {
    id: 'cudnn9-sub-libraries',
    what: 'cuDNN 9 sub-libraries',
    by: /^libcudnn\.so\.9(?:\.|$)/,
    opens: [
      'libcudnn_graph.so.9',
      'libcudnn_engines_*.so.9',
      'libcudnn_heuristic.so.9',
      'libcudnn_ops.so.9',
      'libcudnn_cnn.so.9',
      'libcudnn_adv.so.9',
    ],
    source: 'cuDNN 9 API overview (docs.nvidia.com/deeplearning/cudnn): libcudnn.so is a shim that loads its sub-libraries on demand',
  },
  {
    id: 'cudnn8-sub-libraries',
    what: 'cuDNN 8 sub-libraries',
    by: /^libcudnn\.so\.8(?:\.|$)/,
    opens: ['libcudnn_ops_*.so.8', 'libcudnn_cnn_*.so.8', 'libcudnn_adv_*.so.8'],
    source: 'cuDNN 8 API reference (docs.nvidia.com/deeplearning/cudnn): libcudnn.so.8 is a shim over the ops, cnn and adv libraries',
  },
  {
    id: 'cudart-driver',
    what: 'the CUDA driver (forward-compatibility copy) the runtime opens',
    by: /^libcudart\.so\.\d+(?:\.|$)/,
    opens: ['libcuda.so.1'],
    source:
      'CUDA runtime API: libcudart loads libcuda.so.1 at its first call; NGC images carry a compat copy under /usr/local/cuda/compat/lib',
  },
  {
    id: 'cuda-driver-jit',
    what: "the CUDA driver's JIT compilers",
    by: /^libcuda\.so\.1(?:\.|$)/,
    opens: ['libnvidia-ptxjitcompiler.so.1', 'libnvidia-nvvm.so.4'],
    source: 'CUDA forward-compatibility package (cuda-compat): libcuda.so.1 opens the PTX JIT and NVVM libraries beside it',
  },
  {
    id: 'nvrtc-builtins',
    what: "NVRTC's builtins",
    by: /^libnvrtc\.so\.\d+(?:\.|$)/,
    opens: ['libnvrtc-builtins.so.*'],
    source: 'NVRTC user guide, "Builtins": libnvrtc opens libnvrtc-builtins.so.<major.minor> at compile time',
  },
  {
    id: 'tensorrt-builder-resource',
    what: "TensorRT's builder resource and lean runtime",
    by: /^libnvinfer\.so\.(?:8|10)(?:\.|$)/,
    opens: ['libnvinfer_builder_resource.so.*', 'libnvinfer_lean.so.*', 'libnvinfer_dispatch.so.*'],
    source:
      'TensorRT developer guide, "Version compatibility" and "Lean runtime": libnvinfer opens them when an engine is built or deserialized',
  },
  {
    id: 'pytorch-lazy-cuda',
    what: "PyTorch's lazily loaded NVRTC and driver",
    by: /^libtorch_cuda\.so$/,
    opens: ['libnvrtc.so.*', 'libcuda.so.1'],
    source: 'pytorch aten/src/ATen/cuda/detail/LazyNVRTC.cpp: NVRTC and the driver API are opened on first use',
  },
  {
    id: 'nccl-network',
    what: "NCCL's network plugins and verbs",
    by: /^libnccl\.so\.2(?:\.|$)/,
    opens: ['libnccl-net*.so', 'libibverbs.so.1'],
    source: 'NCCL environment variables, NCCL_NET_PLUGIN: libnccl opens libnccl-net.so and libibverbs.so.1 when it sets up its transports',
  },
  {
    id: 'glibc-runtime',
    what: 'glibc name services and unwinder',
    by: /^libc\.so\.6$/,
    opens: ['libnss_*.so.2', 'libgcc_s.so.1'],
    source: 'glibc nss/nsswitch.c (NSS modules by name) and sysdeps/pthread/unwind-link.c (libgcc_s for cancellation)',
  },
];

/** Whether a rule holds for a release (YY.MM; an unknown release takes every rule). Pure. */
export function ruleHolds(rule: DlopenRule, release: string | undefined): boolean {
  if (!release || !rule.releases) return true;
  const n = (v: string) => Number(v.replace('.', ''));
  const { from, to } = rule.releases;
  return (!from || n(release) >= n(from)) && (!to || n(release) <= n(to));
}
