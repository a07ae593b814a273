import { type AssemblyFacts, planAssembly } from '../../../src/spec/assembly.js';

// A selective push with nothing else asked: what the action writes itself.
const push: AssemblyFacts = {
  assembly: 'auto',
  source: 'selective',
  push: true,
  load: false,
  runtimeDeps: 'image',
  gpu: true,
  backends: ['onnxruntime', 'python'],
  outputs: [],
  cacheFrom: [],
  cacheTo: [],
  buildCache: 'none',
};

describe('planAssembly', () => {
  test.each<[string, Partial<AssemblyFacts>, ReturnType<typeof planAssembly>]>([
    ['a selective push: direct', {}, { mode: 'direct', reason: 'a push-only selective compose needs no build step' }],
    ['direct asked', { assembly: 'direct' }, { mode: 'direct', reason: 'assembly: direct' }],
    [
      'provenance false and sbom false stay direct',
      { provenance: 'false', sbom: 'false' },
      { mode: 'direct', reason: 'a push-only selective compose needs no build step' },
    ],
    [
      'a CPU-only compose without pytorch stays direct',
      { gpu: false, backends: ['onnxruntime'] },
      { mode: 'direct', reason: 'a push-only selective compose needs no build step' },
    ],
    ['buildx asked', { assembly: 'buildx' }, { mode: 'buildx', reason: 'assembly: buildx' }],
    [
      'the buildkit source',
      { source: 'buildkit' },
      { mode: 'buildx', reason: 'source: buildkit copies the parts with COPY --from=<full image>' },
    ],
    ['apt runtime deps', { runtimeDeps: 'apt' }, { mode: 'buildx', reason: 'runtime-deps: apt runs apt-get in a build step' }],
    [
      'CPU-only pytorch',
      { gpu: false, backends: ['pytorch'] },
      { mode: 'buildx', reason: 'a CPU-only pytorch copies CUDA libraries from gpu-min-image in a build step' },
    ],
    ['load', { load: true }, { mode: 'buildx', reason: 'load: true puts the image into the engine, which Buildx does' }],
    ['outputs', { outputs: ['type=local,dest=out'] }, { mode: 'buildx', reason: 'outputs are Buildx exporters' }],
    ['no push', { push: false }, { mode: 'buildx', reason: 'push: false keeps the result in the build cache only, which Buildx does' }],
    ['provenance', { provenance: 'mode=max' }, { mode: 'buildx', reason: 'provenance attestations are made by BuildKit' }],
    ['sbom', { sbom: 'true' }, { mode: 'buildx', reason: 'SBOM attestations are made by BuildKit' }],
    [
      'cache-to',
      { cacheTo: [{ type: 'inline', attrs: {}, text: 'type=inline' }] },
      { mode: 'buildx', reason: 'cache-from/cache-to are BuildKit build caches' },
    ],
    ['build-cache', { buildCache: 'registry' }, { mode: 'buildx', reason: 'build-cache: registry is a BuildKit build cache' }],
    [
      'the first need wins: source before load',
      { source: 'buildkit', load: true },
      { mode: 'buildx', reason: 'source: buildkit copies the parts with COPY --from=<full image>' },
    ],
  ])('%s', (_name, change, expected) => {
    expect(planAssembly({ ...push, ...change })).toEqual(expected);
  });
});
