// The CUDA-like libraries of the min image and the parts of /opt/tritonserver, as gcc builds
// them: NGC's paths, sonames and symlink chains, DT_NEEDED chains as NVIDIA's, and NGC's sizes
// (MB, uncompressed, 24.01) that the image maker pads each file to, divided by a profile's
// divisor. One table drives the build script (build.ts) and the image layout (images.ts).
export const CUDA = '/usr/local/cuda/lib64';
export const LIB = '/usr/lib/x86_64-linux-gnu';
export const UCX = '/opt/hpcx/ucx/lib';
export const UCC = '/opt/hpcx/ucc/lib';
export const COMPAT = '/usr/local/cuda/compat/lib';

export interface CudaLib {
  dir: string;
  real: string; // file name, e.g. libcublas.so.12.3.4.1
  soname: string;
  dev?: string; // the unversioned -dev symlink, when NGC's min has it
  sym: string; // entry point (cudalib.c's SYM)
  call?: string; // entry point of a needed library it calls
  needs: string[]; // sonames (DT_NEEDED)
  mb: number;
  /** What builds it; 'debian': the file of Debian's package (LIB/soname in the build root), copied. */
  src?: 'cudalib.c' | 'cudart.c' | 'cuda.c' | 'cudnn.c' | 'nvrtc.c' | 'nvinfer.c' | 'nccl.c' | 'torch.c' | 'torch_cuda.c' | 'debian';
  /** More gcc flags (defines) for its source. */
  cflags?: string;
}

function lib(
  dir: string,
  real: string,
  soname: string,
  sym: string,
  mb: number,
  needs: string[] = [],
  extra: Partial<CudaLib> = {},
): CudaLib {
  return { dir, real, soname, sym, mb, needs, dev: soname.replace(/\.so\..*$/, '.so'), ...extra };
}

/** cuDNN's libraries: 8 (24.01) is a shim over ops/cnn/adv, inference and training each; 9 a shim over graph, engines and ops. */
function cudnnLibraries(major: 8 | 9): CudaLib[] {
  const shim = (v: string, subs: string[]) =>
    lib(LIB, `libcudnn.so.${v}`, `libcudnn.so.${major}`, 'cudnnCreate', 0.1, [], {
      src: 'cudnn.c',
      cflags: `-DSUBS='${subs.map((x) => `"${x}"`).join(',')}'`,
    });
  if (major === 8) {
    const v = '8.9.7';
    const sub = (name: string, sym: string, mb: number, needs: string[] = []) =>
      lib(
        LIB,
        `libcudnn_${name}.so.${v}`,
        `libcudnn_${name}.so.8`,
        sym,
        mb,
        needs.map((n) => `libcudnn_${n}.so.8`),
      );
    const subs = ['ops_infer', 'ops_train', 'cnn_infer', 'cnn_train', 'adv_infer', 'adv_train'];
    return [
      sub('ops_infer', 'cudnnOpsInferVersionCheck', 95),
      sub('ops_train', 'cudnnOpsTrainVersionCheck', 75, ['ops_infer']),
      sub('cnn_infer', 'cudnnCnnInferVersionCheck', 580, ['ops_infer']),
      sub('cnn_train', 'cudnnCnnTrainVersionCheck', 120, ['ops_infer', 'ops_train', 'cnn_infer']),
      sub('adv_infer', 'cudnnAdvInferVersionCheck', 125, ['ops_infer']),
      sub('adv_train', 'cudnnAdvTrainVersionCheck', 115, ['ops_infer', 'ops_train', 'adv_infer']),
      shim(
        v,
        subs.map((x) => `libcudnn_${x}.so.8`),
      ),
    ];
  }
  const v = '9.0.0';
  return [
    lib(LIB, `libcudnn_graph.so.${v}`, 'libcudnn_graph.so.9', 'cudnnBackendCreateDescriptor', 2),
    lib(LIB, `libcudnn_engines_precompiled.so.${v}`, 'libcudnn_engines_precompiled.so.9', 'cudnnEnginesPrecompiledVersion', 580),
    lib(LIB, `libcudnn_ops.so.${v}`, 'libcudnn_ops.so.9', 'cudnnOpsVersionCheck', 100, ['libcudnn_graph.so.9']),
    lib(LIB, `libcudnn_cnn.so.${v}`, 'libcudnn_cnn.so.9', 'cudnnCnnVersionCheck', 4, ['libcudnn_ops.so.9', 'libcudnn_graph.so.9']),
    lib(LIB, `libcudnn_adv.so.${v}`, 'libcudnn_adv.so.9', 'cudnnAdvVersionCheck', 250, ['libcudnn_ops.so.9', 'libcudnn_graph.so.9']),
    shim(v, ['libcudnn_graph.so.9', 'libcudnn_engines_precompiled.so.9', 'libcudnn_ops.so.9', 'libcudnn_cnn.so.9', 'libcudnn_adv.so.9']),
  ];
}

/** The CUDA, cuDNN and TensorRT versions of an era, as its release has them. */
export interface Stack {
  trt: 8 | 10;
  cudnn: 8 | 9;
}

/**
 * `debianUcx`: HPC-X's UCX folder holds Debian's real UCX (libucx0), as the era's Open MPI (which
 * Debian's libtorch needs) resolves every UCX symbol when a backend is opened with RTLD_NOW.
 * What a library opens with dlopen() (the driver, its JIT compilers, NVRTC's builtins, cuDNN's
 * sub-libraries, TensorRT's builder resource, NCCL's network plugin and verbs) is built as the
 * real one behaves: missing, it fails the model that needs it with the loader's message (NCCL's
 * two are optional to it, as they are to NCCL: it says so with NCCL_DEBUG=INFO).
 */
export function cudaLibraries(stack: Stack, debianUcx = false): CudaLib[] {
  const trtMajor = stack.trt;
  const trt = `libnvinfer.so.${trtMajor}`;
  const ucx = debianUcx ? { src: 'debian' as const } : {};
  const trtVer = trtMajor === 8 ? '8.6.1' : '10.8.0';
  const drv = '545.23.08';
  return [
    lib(CUDA, 'libcudart.so.12.3.101', 'libcudart.so.12', 'cudaRuntimeGetVersion', 0.7, [], { src: 'cudart.c' }),
    lib(CUDA, 'libcublasLt.so.12.3.4.1', 'libcublasLt.so.12', 'cublasLtCreate', 530),
    lib(CUDA, 'libcublas.so.12.3.4.1', 'libcublas.so.12', 'cublasCreate', 105, ['libcublasLt.so.12'], { call: 'cublasLtCreate' }),
    lib(CUDA, 'libnvJitLink.so.12.3.101', 'libnvJitLink.so.12', 'nvJitLinkCreate', 50),
    lib(CUDA, 'libcusparse.so.12.2.0.103', 'libcusparse.so.12', 'cusparseCreate', 265, ['libnvJitLink.so.12']),
    lib(CUDA, 'libcusolver.so.11.5.4.101', 'libcusolver.so.11', 'cusolverDnCreate', 120, [
      'libcublas.so.12',
      'libcublasLt.so.12',
      'libcusparse.so.12',
      'libnvJitLink.so.12',
    ]),
    lib(CUDA, 'libcufft.so.11.0.12.1', 'libcufft.so.11', 'cufftCreate', 280),
    lib(CUDA, 'libcurand.so.10.3.4.107', 'libcurand.so.10', 'curandCreateGenerator', 95),
    lib(CUDA, 'libcupti.so.2023.3.1', 'libcupti.so.12', 'cuptiGetVersion', 7),
    lib(CUDA, 'libnvToolsExt.so.1.0.0', 'libnvToolsExt.so.1', 'nvtxInitialize', 0.05),
    lib(CUDA, 'libnvrtc-builtins.so.12.3.107', 'libnvrtc-builtins.so.12.3', 'nvrtcBuiltinsVersion', 7),
    lib(CUDA, 'libnvrtc.so.12.3.107', 'libnvrtc.so.12', 'nvrtcVersion', 60, [], {
      src: 'nvrtc.c',
      cflags: `-DBUILTINS='"libnvrtc-builtins.so.12.3"'`,
    }),
    lib(COMPAT, `libnvidia-ptxjitcompiler.so.${drv}`, 'libnvidia-ptxjitcompiler.so.1', 'nvPTXJitCompile', 25, [], { dev: undefined }),
    lib(COMPAT, `libnvidia-nvvm.so.${drv}`, 'libnvidia-nvvm.so.4', 'nvvmVersion', 40, [], { dev: undefined }),
    lib(COMPAT, `libcuda.so.${drv}`, 'libcuda.so.1', 'cuInit', 30, [], { dev: undefined, src: 'cuda.c' }),
    ...cudnnLibraries(stack.cudnn),
    // rdma-core's verbs: Debian's real one beside Debian's libtorch (its Open MPI's libfabric loads it too)
    ...(debianUcx
      ? [
          lib(LIB, 'libnl-3.so.200.26.0', 'libnl-3.so.200', '', 0.15, [], ucx),
          lib(LIB, 'libnl-route-3.so.200.26.0', 'libnl-route-3.so.200', '', 0.6, [], ucx),
        ]
      : []),
    lib(LIB, 'libibverbs.so.1.14.50.0', 'libibverbs.so.1', 'ibv_get_device_list', 0.15, [], ucx),
    lib(LIB, 'libnccl-net.so.0.0.0', 'libnccl-net.so.0', 'ncclNetPlugin_v7', 0.5),
    lib(LIB, 'libnccl.so.2.19.4', 'libnccl.so.2', 'ncclGetVersion', 230, [], { src: 'nccl.c' }),
    lib(
      LIB,
      `${trt}.${trtVer.split('.').slice(1).join('.')}`,
      trt,
      'createInferRuntime_INTERNAL',
      900,
      [`libcudnn.so.${stack.cudnn}`, 'libcublas.so.12', 'libcudart.so.12'],
      { src: 'nvinfer.c', cflags: `-DBUILDER_RESOURCE='"libnvinfer_builder_resource.so.${trtVer}"'` },
    ),
    lib(
      LIB,
      `libnvinfer_plugin.so.${trtMajor}.${trtVer.split('.').slice(1).join('.')}`,
      `libnvinfer_plugin.so.${trtMajor}`,
      'initLibNvInferPlugins',
      80,
      [trt],
    ),
    lib(LIB, `libnvinfer_builder_resource.so.${trtVer}`, `libnvinfer_builder_resource.so.${trtVer}`, 'builderResourceVersion', 1200, [], {
      dev: undefined,
    }),
    lib(
      LIB,
      `libnvonnxparser.so.${trtMajor}.${trtVer.split('.').slice(1).join('.')}`,
      `libnvonnxparser.so.${trtMajor}`,
      'createNvOnnxParser_INTERNAL',
      3,
      [trt],
    ),
    lib(UCX, 'libucm.so.0.0.0', 'libucm.so.0', 'ucm_init', 1, [], ucx),
    lib(UCX, 'libucs.so.0.0.0', 'libucs.so.0', 'ucs_init', 5, debianUcx ? ['libucm.so.0'] : [], ucx),
    lib(UCX, 'libuct.so.0.0.0', 'libuct.so.0', 'uct_init', 3, ['libucs.so.0'], ucx),
    lib(UCX, 'libucp.so.0.0.0', 'libucp.so.0', 'ucp_init', 6, ['libucs.so.0', 'libuct.so.0', 'libucm.so.0'], ucx),
    lib(UCC, 'libucc.so.1.0.0', 'libucc.so.1', 'ucc_init', 4, ['libucs.so.0']),
  ];
}

/** What min carries that serving never loads: static archives, headers, a profiler, docs, tools. */
export const MIN_EXTRAS: [string, number][] = [
  [`${CUDA}/libcublas_static.a`, 150],
  [`${CUDA}/libcublasLt_static.a`, 600],
  [`${CUDA}/libcufft_static.a`, 290],
  [`${CUDA}/libcusparse_static.a`, 280],
  [`${CUDA}/libcudart_static.a`, 1.2],
  [`${LIB}/libcudnn_engines_precompiled_static_v9.a`, 700],
  [`${LIB}/libnvinfer_static.a`, 1400],
  ['/usr/local/cuda/include/cuda_runtime.h', 0.12],
  ['/usr/local/cuda/include/cublas_v2.h', 0.02],
  ['/usr/local/cuda/include/cudnn.h', 0.01],
  ['/usr/local/cuda/include/NvInfer.h', 0.4],
  ['/usr/local/cuda/bin/nvcc', 22],
  ['/usr/local/cuda/bin/ptxas', 30],
  ['/usr/local/cuda/bin/cuobjdump', 10],
  ['/usr/local/cuda/bin/compute-sanitizer', 5],
  ['/opt/nvidia/nsight-compute/2023.3.1/ncu', 1],
  ['/opt/nvidia/nsight-compute/2023.3.1/target/linux-desktop-glibc_2_11_3-x64/libTreeLauncherTargetInjection.so', 25],
  ['/opt/nvidia/nsight-compute/2023.3.1/host/linux-desktop-glibc_2_11_3-x64/libQt6Core.so.6', 8],
  ['/opt/nvidia/nsight-compute/2023.3.1/host/linux-desktop-glibc_2_11_3-x64/ncu-ui.bin', 120],
  ['/opt/nvidia/nsight-compute/2023.3.1/sections/SpeedOfLight.section', 0.01],
  ['/opt/nvidia/nsight-compute/2023.3.1/docs/ReleaseNotes/index.html', 0.5],
  ['/usr/share/doc/cuda/EULA.txt', 0.06],
  ['/usr/local/cuda/doc/pdf/CUDA_C_Programming_Guide.pdf', 5],
];

/** How each backend is built: its own libraries (bundled in its folder) and what they need. */
export interface BackendBuild {
  name: string;
  /** cflags for backend.c, or its own source. */
  src: string;
  cflags?: string;
  needs: string[]; // sonames
  bundled?: CudaLib[]; // libraries in the backend folder (RUNPATH $ORIGIN)
  /** Debian's libraries (file names under LIB) linked and copied into the folder, with what they need that the image lacks. */
  debian?: string[];
  mb: number;
}

const bundled = (real: string, soname: string, sym: string, mb: number, needs: string[] = [], extra: Partial<CudaLib> = {}): CudaLib => ({
  dir: '',
  real,
  soname,
  sym,
  mb,
  needs,
  ...extra,
});

/** Sonames of Debian's libtorch when the era has it: its libraries are then linked, not stood in for. */
export interface DebianTorch {
  cpu: string;
  torch: string;
  c10: string;
}

export function backendBuilds(stack: Stack, tensorflow: boolean, torch?: DebianTorch): BackendBuild[] {
  const trtMajor = stack.trt;
  const cudnn = `libcudnn.so.${stack.cudnn}`;
  const cudart = ['libcudart.so.12'];
  // What PyTorch's CUDA side needs, as NGC's: CUDA, NCCL, and HPC-X (through LD_LIBRARY_PATH only).
  const torchCuda = ['libcudart.so.12', 'libcublas.so.12', 'libnccl.so.2', 'libucp.so.0', 'libucc.so.1'];
  const out: BackendBuild[] = [
    { name: 'identity', src: 'backend.c', needs: cudart, mb: 0.05 },
    { name: 'repeat', src: 'backend.c', needs: cudart, mb: 0.05 },
    { name: 'square', src: 'backend.c', cflags: '-DOP=1', needs: cudart, mb: 0.05 },
    {
      name: 'tensorrt',
      src: 'backend.c',
      cflags: '-DINIT=createInferRuntime_INTERNAL',
      needs: [`libnvinfer.so.${trtMajor}`, `libnvinfer_plugin.so.${trtMajor}`, ...cudart],
      mb: 3,
    },
    {
      name: 'openvino',
      src: 'backend.c',
      cflags: '-DINIT=ov_core_create',
      needs: ['libopenvino.so.2330'],
      mb: 0.5,
      bundled: [
        bundled('libopenvino.so.2023.3.0', 'libopenvino.so.2330', 'ov_core_create', 60),
        bundled('libopenvino_intel_cpu_plugin.so', 'libopenvino_intel_cpu_plugin.so', 'ov_cpu_plugin', 45, ['libopenvino.so.2330']),
      ],
    },
    {
      name: 'fil',
      src: 'backend.c',
      needs: ['libcuml++.so', ...cudart],
      mb: 0.5,
      bundled: [
        bundled('libcuml++.so', 'libcuml++.so', 'cumlHandleCreate', 300, [
          'libcublas.so.12',
          'libcusolver.so.11',
          'libcusparse.so.12',
          'libcudart.so.12',
        ]),
      ],
    },
    {
      name: 'dali',
      src: 'backend.c',
      cflags: '-DINIT=daliInitialize',
      needs: ['libdali.so', ...cudart],
      mb: 0.5,
      bundled: [bundled('libdali.so', 'libdali.so', 'daliInitialize', 1000, ['libcudart.so.12', 'libnvJitLink.so.12'])],
    },
    torch
      ? {
          name: 'pytorch',
          src: 'pytorch.c',
          cflags: '-DREAL_TORCH',
          needs: ['libtorch_cuda.so'],
          mb: 1,
          bundled: [
            bundled('libtorch_cuda.so', 'libtorch_cuda.so', '', 1500, [cudnn, ...torchCuda], { src: 'torch_cuda.c', cflags: '-DAT_INIT' }),
          ],
          debian: [torch.cpu, torch.torch, torch.c10],
        }
      : {
          name: 'pytorch',
          src: 'pytorch.c',
          needs: ['libtorch.so', 'libtorch_cpu.so', 'libtorch_cuda.so'],
          mb: 1,
          bundled: [
            bundled('libtorch_cpu.so', 'libtorch_cpu.so', '', 500, ['libgomp.so.1', ...torchCuda], { src: 'torch.c' }),
            bundled('libtorch_cuda.so', 'libtorch_cuda.so', '', 1500, ['libtorch_cpu.so', cudnn, 'libcudart.so.12', 'libnccl.so.2'], {
              src: 'torch_cuda.c',
            }),
            bundled('libtorch.so', 'libtorch.so', 'at_torch_init', 0.01, ['libtorch_cpu.so', 'libtorch_cuda.so']),
          ],
        },
  ];
  if (tensorflow) {
    out.push({
      name: 'tensorflow',
      src: 'backend.c',
      cflags: '-DINIT=TF_NewStatus',
      needs: ['libtensorflow_cc.so.2', ...cudart],
      mb: 1,
      bundled: [
        bundled('libtensorflow_framework.so.2.14.0', 'libtensorflow_framework.so.2', 'TF_FrameworkVersion', 60, ['libcudart.so.12']),
        bundled('libtensorflow_cc.so.2.14.0', 'libtensorflow_cc.so.2', 'TF_NewStatus', 1100, [
          'libtensorflow_framework.so.2',
          'libcublas.so.12',
          cudnn,
        ]),
      ],
    });
  }
  return out;
}
