// The files a CPU-only image with PyTorch or TensorFlow gets from the GPU min image, at each
// range boundary, against each branch's build.py add_cpu_libs_to_linux_dockerfile.
import { cpuTensorflowLibraries, cpuTorchLibraries, cpuTorchLibraryPath, findRelease, tripletOf } from '../../../../src/spec/releases.js';

const X86 = 'x86_64-linux-gnu';
const copies = (v: string, triplet = X86) => cpuTorchLibraries(findRelease(v), triplet).map((c) => `${c.from} ${c.to}`);

const STUBS_12 = [
  '/usr/local/cuda/lib64/stubs/libcusparse.so /usr/local/cuda/lib64/stubs/libcusparse.so.12',
  '/usr/local/cuda/lib64/stubs/libcusolver.so /usr/local/cuda/lib64/stubs/libcusolver.so.11',
  '/usr/local/cuda/lib64/stubs/libcurand.so /usr/local/cuda/lib64/stubs/libcurand.so.10',
  '/usr/local/cuda/lib64/stubs/libcufft.so /usr/local/cuda/lib64/stubs/libcufft.so.11',
  '/usr/local/cuda/lib64/stubs/libcublas.so /usr/local/cuda/lib64/stubs/libcublas.so.12',
  '/usr/local/cuda/lib64/stubs/libcublasLt.so /usr/local/cuda/lib64/stubs/libcublasLt.so.12',
  '/usr/local/cuda/lib64/stubs/libcublasLt.so /usr/local/cuda/lib64/stubs/libcublasLt.so.11',
];
const STUBS_13 = [
  '/usr/local/cuda/lib64/stubs/libcusparse.so /usr/local/cuda/lib64/stubs/libcusparse.so.12',
  '/usr/local/cuda/lib64/stubs/libcusolver.so /usr/local/cuda/lib64/stubs/libcusolver.so.12',
  '/usr/local/cuda/lib64/stubs/libcurand.so /usr/local/cuda/lib64/stubs/libcurand.so.10',
  '/usr/local/cuda/lib64/stubs/libcufft.so /usr/local/cuda/lib64/stubs/libcufft.so.12',
  '/usr/local/cuda/lib64/stubs/libcublas.so /usr/local/cuda/lib64/stubs/libcublas.so.13',
  '/usr/local/cuda/lib64/stubs/libcublasLt.so /usr/local/cuda/lib64/stubs/libcublasLt.so.13',
];
const HPCX = [
  '/opt/hpcx/ucc/lib/libucc.so.1 /opt/hpcx/ucc/lib/libucc.so.1',
  '/opt/hpcx/ucx/lib/libucm.so.0 /opt/hpcx/ucx/lib/libucm.so.0',
  '/opt/hpcx/ucx/lib/libucp.so.0 /opt/hpcx/ucx/lib/libucp.so.0',
  '/opt/hpcx/ucx/lib/libucs.so.0 /opt/hpcx/ucx/lib/libucs.so.0',
  '/opt/hpcx/ucx/lib/libuct.so.0 /opt/hpcx/ucx/lib/libuct.so.0',
];
const CUDNN_9 = '/usr/lib/x86_64-linux-gnu/libcudnn.so.9 /usr/lib/x86_64-linux-gnu/libcudnn.so.9';
const NCCL = '/usr/lib/x86_64-linux-gnu/libnccl.so.2 /usr/lib/x86_64-linux-gnu/libnccl.so.2';
const T = '/usr/local/cuda/targets/x86_64-linux/lib';
const CUDART_12 = [
  `/usr/local/cuda/lib64/libcudart.so.12 ${T}/libcudart.so.12`,
  `/usr/local/cuda/lib64/libcupti.so.12 ${T}/libcupti.so.12`,
];
const NVTX = `/usr/local/cuda/lib64/libnvToolsExt.so.1 ${T}/libnvToolsExt.so.1`;
const JIT_12 = `/usr/local/cuda/lib64/libnvJitLink.so.12 ${T}/libnvJitLink.so.12`;
const CUDA_13 = [
  `/usr/local/cuda/lib64/libcudart.so.13 ${T}/libcudart.so.13`,
  `/usr/local/cuda/lib64/libcupti.so.13 ${T}/libcupti.so.13`,
  `/usr/local/cuda/lib64/libnvJitLink.so.13 ${T}/libnvJitLink.so.13`,
  `/usr/local/cuda/lib64/libcufile.so.0 ${T}/libcufile.so.0`,
  `/usr/local/cuda/lib64/libnvrtc.so.13 ${T}/libnvrtc.so.13`,
  `/usr/local/cuda/lib64/libcusparseLt.so.0 ${T}/libcusparseLt.so.0`,
];
const NVSHMEM = `/usr/local/cuda/lib64/libnvshmem_host.so.3 ${T}/libnvshmem_host.so.3`;

test.each([
  [
    '24.01',
    [
      ...STUBS_12,
      ...CUDART_12,
      NVTX,
      JIT_12,
      ...HPCX,
      '/usr/lib/x86_64-linux-gnu/libcudnn.so.8 /usr/lib/x86_64-linux-gnu/libcudnn.so.8',
      NCCL,
    ],
  ],
  ['24.02', [...STUBS_12, ...CUDART_12, NVTX, JIT_12, ...HPCX, CUDNN_9, NCCL]],
  ['25.03', [...STUBS_12, ...CUDART_12, NVTX, JIT_12, ...HPCX, CUDNN_9, NCCL]],
  ['25.04', [...STUBS_12, ...CUDART_12, JIT_12, ...HPCX, CUDNN_9, NCCL]],
  ['25.07', [...STUBS_12, ...CUDART_12, JIT_12, ...HPCX, CUDNN_9, NCCL]],
  ['25.08', [...STUBS_13, ...CUDA_13, ...HPCX, CUDNN_9, NCCL]],
  ['25.12', [...STUBS_13, ...CUDA_13, ...HPCX, CUDNN_9, NCCL]],
  ['26.01', [...STUBS_13, ...CUDA_13, NVSHMEM, ...HPCX, CUDNN_9, NCCL]],
  ['26.08', [...STUBS_13, ...CUDA_13, NVSHMEM, ...HPCX, CUDNN_9, NCCL]],
])('CPU PyTorch copies of %s, in build.py order', (v, expected) => {
  expect(copies(v)).toEqual(expected);
});

test('arm64: sbsa targets folder, aarch64 library folder; without a release, the 25.07 set', () => {
  const arm = copies('26.08', 'aarch64-linux-gnu');
  expect(arm).toContain('/usr/local/cuda/lib64/libcudart.so.13 /usr/local/cuda/targets/sbsa-linux/lib/libcudart.so.13');
  expect(arm).toContain('/usr/lib/aarch64-linux-gnu/libnccl.so.2 /usr/lib/aarch64-linux-gnu/libnccl.so.2');
  expect(cpuTorchLibraries(undefined, X86)).toEqual(cpuTorchLibraries(findRelease('25.07'), X86));
  expect(cpuTorchLibraryPath(X86)).toEqual([T, '/usr/local/cuda/lib64/stubs']);
  expect(cpuTorchLibraryPath('aarch64-linux-gnu')).toEqual(['/usr/local/cuda/targets/sbsa-linux/lib', '/usr/local/cuda/lib64/stubs']);
  expect([tripletOf('amd64'), tripletOf('arm64'), tripletOf('ppc64le')]).toEqual([X86, 'aarch64-linux-gnu', undefined]);
});

test('CPU TensorFlow gets NCCL through 25.02', () => {
  const r = (v: string) => {
    const x = findRelease(v);
    if (!x) throw new Error(v);
    return x;
  };
  expect(cpuTensorflowLibraries(r('25.02'), X86)).toEqual([
    { from: '/usr/lib/x86_64-linux-gnu/libnccl.so.2', to: '/usr/lib/x86_64-linux-gnu/libnccl.so.2' },
  ]);
  expect(cpuTensorflowLibraries(r('25.03'), X86)).toEqual([]);
});
