import { composedEnv, planEnv } from '../../../src/plan/image-config.js';
import type { ImageConfig } from '../../../src/oci/types.js';

const config = (env: string[]): ImageConfig => ({
  architecture: 'amd64',
  os: 'linux',
  config: { Env: env },
  rootfs: { type: 'layers', diff_ids: [] },
});

describe('planEnv', () => {
  test("sets what full adds over min, and prepends the parts' library path to min's", () => {
    const full = new Map([
      ['PATH', '/opt/tritonserver/bin:/usr/bin'],
      ['TRITON_SERVER_VERSION', '2.54.0'],
      ['LD_LIBRARY_PATH', '/opt/hpcx/ucx/lib:/usr/local/cuda/compat/lib'],
    ]);
    const min = new Map([
      ['PATH', '/usr/bin'],
      ['LD_LIBRARY_PATH', '/usr/local/cuda/compat/lib'],
    ]);
    expect(planEnv(full, min, ['/opt/hpcx/ucx/lib'], [])).toEqual([
      ['PATH', '/opt/tritonserver/bin:/usr/bin'],
      ['TRITON_SERVER_VERSION', '2.54.0'],
      ['LD_LIBRARY_PATH', '/opt/hpcx/ucx/lib:/usr/local/cuda/compat/lib'],
    ]);
    // no part needs a library path: min's stays in the image as it is, and the compose sets none
    expect(planEnv(full, min, [], [])).toEqual([
      ['PATH', '/opt/tritonserver/bin:/usr/bin'],
      ['TRITON_SERVER_VERSION', '2.54.0'],
    ]);
  });
});

describe('composedEnv', () => {
  test("is min's environment with the compose's over it: min's LD_LIBRARY_PATH stays when the compose sets none", () => {
    const min = config(['PATH=/usr/bin', 'LD_LIBRARY_PATH=/usr/local/cuda/compat/lib', 'BROKEN', 'CUDA_VERSION=12.3']);
    expect(composedEnv(min, [['PATH', '/opt/tritonserver/bin:/usr/bin']])).toEqual([
      ['PATH', '/opt/tritonserver/bin:/usr/bin'],
      ['LD_LIBRARY_PATH', '/usr/local/cuda/compat/lib'],
      ['CUDA_VERSION', '12.3'],
    ]);
    expect(composedEnv(min, [['LD_LIBRARY_PATH', '/opt/hpcx/ucx/lib:/usr/local/cuda/compat/lib']])).toContainEqual([
      'LD_LIBRARY_PATH',
      '/opt/hpcx/ucx/lib:/usr/local/cuda/compat/lib',
    ]);
  });
});
