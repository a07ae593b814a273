import { readFileSync } from 'node:fs';
import { planOutputs } from '../../../src/action/outputs.js';
import type { Report } from '../../../src/report/types.js';
import { INPUT_NAMES } from '../../../src/spec/types.js';

const skipped: Report = {
  ok: true,
  tags: ['r.io/a:1'],
  digest: 'sha256:d',
  gpu: true,
  pushed: false,
  dryRun: false,
  skipped: true,
  composeKey: 'sha256:k',
  platforms: [{ platform: 'linux/amd64', size: 1234, uncompressedSize: 0, parts: [] }],
  sources: [],
  durations: {},
  dockerfile: '',
};

test('a skipped run reports the existing image: digest, compressed size, key; nothing it does not know', () => {
  expect(planOutputs({ report: skipped })).toEqual({
    digest: 'sha256:d',
    name: 'r.io/a',
    size: '1234',
    'compose-key': 'sha256:k',
    skipped: 'true',
  });
});

test('action.yml declares exactly the inputs the spec reads and the outputs a run can set', () => {
  const yml = readFileSync(new URL('../../../action.yml', import.meta.url), 'utf8');
  const section = (name: string) => {
    const body = yml.split(new RegExp(`^${name}:\\n`, 'm'))[1]?.split(/^\S/m)[0] ?? '';
    return [...body.matchAll(/^ {2}([a-z][a-z-]*):\s*$/gm)].map((m) => m[1]);
  };
  expect(section('inputs')).toEqual([...INPUT_NAMES]);
  const full: Report = {
    ...skipped,
    skipped: false,
    pushed: true,
    imageId: 'sha256:i',
    saving: 50,
    platforms: [{ platform: 'linux/amd64', size: 1, uncompressedSize: 2, parts: [] }],
    sources: [
      { role: 'full', ref: 'f@sha256:1', size: 9 },
      { role: 'min', ref: 'm@sha256:2', size: 3 },
    ],
    dockerfilePath: '/tmp/D',
  };
  const set = Object.keys(
    planOutputs({ report: full, metadata: {}, baseImages: { full: 'f', min: 'm' }, sbomPath: '/tmp/sbom.spdx.json' }),
  );
  expect(set.sort()).toEqual(section('outputs').sort());
});

test('a pushed compose gives exactly what actions/attest-build-provenance asks for: name without tag, sha256 digest', () => {
  const digest = `sha256:${'ab'.repeat(32)}`;
  const pushed: Report = {
    ...skipped,
    skipped: false,
    pushed: true,
    digest,
    tags: ['ghcr.io/acme/tritonserver:26.08-onnx', 'ghcr.io/acme/tritonserver:latest'],
  };
  const out = planOutputs({ report: pushed });
  expect({ name: out.name, digest: out.digest }).toEqual({ name: 'ghcr.io/acme/tritonserver', digest });
  expect(out.digest).toMatch(/^sha256:[0-9a-f]{64}$/);
  expect(planOutputs({ report: { ...pushed, tags: ['127.0.0.1:5000/errors/triton@' + digest] } }).name).toBe(
    '127.0.0.1:5000/errors/triton',
  );
  expect(planOutputs({ report: { ...pushed, tags: ['user/app:1'] } }).name).toBe('index.docker.io/user/app');
  // The tags already held it: the same subject.
  expect(planOutputs({ report: { ...pushed, pushed: false, skipped: true } }).name).toBe('ghcr.io/acme/tritonserver');
  // Only loaded: no registry holds it, so no subject.
  expect(planOutputs({ report: { ...pushed, pushed: false } }).name).toBeUndefined();
});

test('parts: a part of a sources image says which; base-images names each source', () => {
  const part = (name: string, source?: string) => ({
    name,
    kind: 'backend' as const,
    digests: ['sha256:p'],
    size: 1,
    uncompressedSize: 2,
    ...(source ? { source } : {}),
  });
  const out = planOutputs({
    report: {
      ...skipped,
      skipped: false,
      platforms: [{ platform: 'linux/amd64', size: 2, uncompressedSize: 4, parts: [part('python'), part('custom', 'vendor')] }],
    },
    baseImages: { full: 'f@sha256:f', min: 'm@sha256:m', 'source-vendor': 'v@sha256:v' },
  });
  expect(JSON.parse(out.parts ?? '[]')).toEqual([
    { name: 'python', kind: 'backend', digest: 'sha256:p', size: 1, uncompressedSize: 2 },
    { name: 'custom', kind: 'backend', source: 'vendor', digest: 'sha256:p', size: 1, uncompressedSize: 2 },
  ]);
  expect(JSON.parse(out['base-images'] ?? '{}')).toMatchObject({ 'source-vendor': 'v@sha256:v' });
});
