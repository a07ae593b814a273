// Env additions, loader configuration, users and owners at each range boundary, against each
// branch's build.py (dockerfile_prepare_container_linux, create_dockerfile_linux) and compose.py.
import {
  findRelease,
  libraryPathFor,
  loaderConfs,
  ownerOf,
  pythonPathFor,
  removedUsers,
  tritonEnvFor,
  TRITON_USER,
} from '../../../../src/spec/releases.js';

const get = (v: string) => {
  const r = findRelease(v);
  if (!r) throw new Error(`no release ${v}`);
  return r;
};

test('LD_LIBRARY_PATH: onnxruntime through 24.05, pytorch always, vllm 25.01 … 26.02', () => {
  expect(libraryPathFor(get('24.05'), 'onnxruntime')).toEqual(['/opt/tritonserver/backends/onnxruntime']);
  expect(libraryPathFor(get('24.06'), 'onnxruntime')).toEqual([]);
  expect(libraryPathFor(get('24.01'), 'pytorch')).toEqual(['/opt/hpcx/ucc/lib', '/opt/hpcx/ucx/lib']);
  expect(libraryPathFor(get('26.08'), 'pytorch')).toEqual(['/opt/hpcx/ucc/lib', '/opt/hpcx/ucx/lib']);
  expect(libraryPathFor(get('24.12'), 'vllm')).toEqual([]);
  expect(libraryPathFor(get('25.01'), 'vllm')).toEqual(['/usr/local/lib', '/usr/local/lib/python3.12/dist-packages/torch/lib']);
  expect(libraryPathFor(get('26.02'), 'vllm')).toEqual(['/usr/local/lib', '/usr/local/lib/python3.12/dist-packages/torch/lib']);
  expect(libraryPathFor(get('26.03'), 'vllm')).toEqual([]);
  expect(libraryPathFor(get('24.01'), 'tensorrtllm')).toEqual([]); // build.py's own tail, not compose's
  expect(libraryPathFor(undefined, 'onnxruntime')).toEqual([]); // custom images: the newest facts
});

test('PYTHONPATH: dali from 24.05', () => {
  expect(pythonPathFor(get('24.04'), 'dali')).toEqual([]);
  expect(pythonPathFor(get('24.05'), 'dali')).toEqual(['/opt/tritonserver/backends/dali/wheel/dali']);
  expect(pythonPathFor(undefined, 'dali')).toEqual(['/opt/tritonserver/backends/dali/wheel/dali']);
});

test('TRITON_* variables for vllm and tensorrtllm from 25.11', () => {
  expect(tritonEnvFor(get('25.10'), 'vllm')).toEqual([]);
  expect(tritonEnvFor(get('25.11'), 'python')).toEqual([]);
  expect(tritonEnvFor(get('25.11'), 'tensorrtllm')).toEqual([
    ['TRITON_CUDACRT_PATH', '/usr/local/cuda/include'],
    ['TRITON_CUDART_PATH', '/usr/local/cuda/include'],
    ['TRITON_CUOBJDUMP_PATH', '/usr/local/cuda/bin/cuobjdump'],
    ['TRITON_CUPTI_PATH', '/usr/local/cuda/include'],
    ['TRITON_NVDISASM_PATH', '/usr/local/cuda/bin/nvdisasm'],
    ['TRITON_PTXAS_PATH', '/usr/local/cuda/bin/ptxas'],
  ]);
});

test('ld.so.conf.d: cuda-compat on GPU always, NVSHMEM in 25.10 (not tensorrtllm) and 25.11', () => {
  const files = (v: string, gpu: boolean, parts: string[] = []) => loaderConfs(get(v), { gpu, parts }).map((c) => c.file);
  expect(files('25.09', true)).toEqual(['00-cuda-compat.conf']);
  expect(files('25.09', false)).toEqual([]);
  expect(files('25.10', false)).toEqual(['libnvshmem3-cuda-13.conf']);
  expect(files('25.10', true, ['tensorrtllm'])).toEqual(['00-cuda-compat.conf']);
  expect(files('25.11', true, ['tensorrtllm'])).toEqual(['00-cuda-compat.conf', 'libnvshmem3-cuda-13.conf']);
  expect(files('25.12', false)).toEqual([]);
});

test('users: triton-server is 1000:1000; the noble image user ubuntu goes from 24.11', () => {
  expect(TRITON_USER).toEqual({ name: 'triton-server', uid: 1000, gid: 1000 });
  expect(removedUsers(get('24.10'))).toEqual(['tensorrt-server']);
  expect(removedUsers(get('24.11'))).toEqual(['tensorrt-server', 'ubuntu']);
});

test('owner of /opt/tritonserver content: 1000:1000 through 26.05, root from 26.06', () => {
  expect([ownerOf(get('24.01')), ownerOf(get('26.05')), ownerOf(get('26.06')), ownerOf(get('26.08'))]).toEqual([
    '1000:1000',
    '1000:1000',
    'root',
    'root',
  ]);
});
