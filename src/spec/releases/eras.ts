// What follows from the Ubuntu era (Python, runtime package names) and the part names that do
// not change by release: repository agents, caches, the built-in ensemble and the variant-only
// backends.
import type { Era, EraFacts } from './types.js';

// Runtime (non -dev) package names: build.py only names the -dev packages, so these are the
// Ubuntu names those pull in; libre2-9 belongs to jammy (r24.01 … r24.10 build.py list it).
export const ERAS: Record<Era, EraFacts> = {
  jammy: {
    ubuntu: '22.04',
    python: '3.10',
    runtime: {
      server: ['libb64-0d', 'libgoogle-perftools4', 'libjemalloc2', 'libnuma1', 'libcurl4', 'libre2-9'],
      gomp: ['libgomp1'],
      python: ['python3', 'libpython3.10', 'libarchive13'],
    },
    pip: ['numpy'],
  },
  noble: {
    ubuntu: '24.04',
    python: '3.12',
    runtime: {
      server: ['libb64-0d', 'libgoogle-perftools4t64', 'libjemalloc2', 'libnuma1', 'libcurl4t64'],
      gomp: ['libgomp1'],
      python: ['python3', 'libpython3.12t64', 'libarchive13t64'],
    },
    pip: ['numpy'],
  },
};

export const REPOAGENTS = ['checksum'] as const;
export const CACHES = ['local', 'redis'] as const;
/** Built into libtritonserver: accepted, never copied. */
export const BUILT_IN_BACKENDS = ['ensemble'] as const;
/**
 * The backends that ship only in their own NGC variant, by the variant's short name in the
 * sources input: its tag suffix and its backend. r26.08 docs/introduction/compatibility.md.
 */
export const VARIANT_SOURCES: Record<string, { suffix: string; backend: string }> = {
  vllm: { suffix: '-vllm-python-py3', backend: 'vllm' },
  trtllm: { suffix: '-trtllm-python-py3', backend: 'tensorrtllm' },
};
