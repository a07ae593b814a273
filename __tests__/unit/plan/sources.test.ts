// Parts from more than one image, planned: a part written name@source is looked for in that
// image and read from it; a source that carries an OS must be built on min; the Dockerfile of
// the buildkit source copies it from a stage of that image, pinned.
import { renderDockerfile } from '../../../src/build/dockerfile.js';
import { planCompose } from '../../../src/plan/plan.js';
import { planPieces } from '../../../src/plan/pieces.js';
import { parseSpec } from '../../../src/spec/spec.js';
import { fixtureSources, withExtraSource } from '../../helpers/sources.js';

const P = ['linux/amd64'];
const T = '/opt/tritonserver';
const VENDOR = [`${T}/backends/custom/libtriton_custom.so`, `${T}/backends/python/libtriton_python.so`];

const spec = (backends: string, more: Record<string, string> = {}) =>
  parseSpec({ 'container-version': '24.01', sources: 'vendor=registry.test:5000/vendor:1', backends, ...more });

test('a part from a source: planned with its source, read from it, pinned in the plan', () => {
  const src = withExtraSource(fixtureSources('24.01', true), 'vendor', VENDOR, { onMin: true });
  const plan = planCompose(spec('onnxruntime,custom@vendor'), src, P);
  expect(plan.parts).toEqual([
    { name: 'custom', kind: 'backend', path: `${T}/backends/custom`, source: 'vendor' },
    { name: 'onnxruntime', kind: 'backend', path: `${T}/backends/onnxruntime` },
  ]);
  expect(plan.sources.extra).toEqual({ vendor: `registry.test:5000/vendor@${src.extra.vendor.digest}` });
  expect(planPieces(plan, P[0]).map((p) => [p.name, p.source])).toEqual([
    ['runtime-deps', undefined],
    ['core', undefined],
    ['custom', 'vendor'],
    ['onnxruntime', undefined],
    ['serve', undefined],
  ]);
});

test('the same part name from the full image and from a source: each where it was asked for', () => {
  const src = withExtraSource(fixtureSources('24.01', true), 'vendor', VENDOR, { onMin: true });
  const plan = planCompose(spec('onnxruntime,python@vendor'), src, P);
  expect(plan.parts.map((p) => [p.name, p.source])).toEqual([
    ['onnxruntime', undefined],
    ['python', 'vendor'],
  ]);
});

test("a part its source lacks: the error names the part, the source's image and what it holds", () => {
  const src = withExtraSource(fixtureSources('24.01', true), 'vendor', VENDOR, { onMin: true });
  expect(() => planCompose(spec('onnxruntime@vendor'), src, P)).toThrow(
    `backends: "onnxruntime@vendor" is not in vendor (registry.test:5000/vendor:1) (${T}/backends/ holds: custom, python)`,
  );
});

test('a source with an OS not built on min is refused, naming both; a source of part folders alone is not', () => {
  const base = fixtureSources('24.01', true);
  const other = withExtraSource(base, 'vendor', [...VENDOR, '/etc/os-release'], { onMin: false });
  expect(() => planCompose(spec('custom@vendor'), other, P)).toThrow(
    `sources: vendor (registry.test:5000/vendor:1) is not built on the min image (${base.min.reference}): its first layers are not min's`,
  );
  const scratch = withExtraSource(base, 'vendor', VENDOR, { onMin: false });
  expect(planCompose(spec('custom@vendor'), scratch, P).parts.map((p) => p.source)).toEqual(['vendor']);
});

test("the buildkit source's Dockerfile: a stage per source, pinned, and the part copied from it; the selective one names it", () => {
  const src = withExtraSource(fixtureSources('24.01', true), 'vendor', VENDOR, { onMin: true });
  const pinned = `registry.test:5000/vendor@${src.extra.vendor.digest}`;
  const buildkit = renderDockerfile(planCompose(spec('onnxruntime,custom@vendor', { source: 'buildkit' }), src, P), 'test').dockerfile;
  expect(buildkit).toContain('# Backends: custom@vendor onnxruntime; repoagents: -; caches: -.');
  expect(buildkit).toContain(`# Parts @vendor come from ${pinned}.`);
  expect(buildkit).toContain(`FROM ${pinned} AS source-vendor`);
  expect(buildkit).toContain(`COPY --link --from=source-vendor ${T}/backends/custom ${T}/backends/custom`);
  expect(buildkit).toContain(`COPY --link --from=full ${T}/backends/onnxruntime ${T}/backends/onnxruntime`);
  const selective = renderDockerfile(planCompose(spec('onnxruntime,custom@vendor'), src, P), 'test').dockerfile;
  expect(selective).toContain(`# Parts @vendor were read from byte ranges of ${pinned}.`);
  expect(selective).not.toContain('AS source-vendor');
});
