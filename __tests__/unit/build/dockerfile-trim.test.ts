import { spawnSync } from 'node:child_process';
import { linkSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { renderDockerfile } from '../../../src/build/dockerfile.js';
import { DROP_SCRIPT, renderBaseConfig } from '../../../src/build/dockerfile-trim.js';
import { planCompose } from '../../../src/plan/plan.js';
import { RELEASES } from '../../../src/spec/releases.js';
import { parseSpec } from '../../../src/spec/spec.js';
import { fixtureSources } from '../../helpers/sources.js';

const P = ['linux/amd64'];

test("exact Dockerfile on a trimmed base: a stage removes the listed paths from min, a scratch stage copies the rest, min's config is written back", () => {
  const release = RELEASES.find((r) => r.version === '24.01');
  const sources = fixtureSources('24.01', true, release);
  const spec = parseSpec({ 'container-version': '24.01', backends: 'python', trim: 'needed', load: 'true' });
  const config = {
    Env: ['PATH=/usr/local/cuda/bin:/usr/bin:/bin', 'CUDA_VERSION=12.3.2'],
    Labels: { 'com.nvidia.cuda.version': '12.3.2', 'org.opencontainers.image.ref.name': 'ubuntu' },
    Entrypoint: ['/opt/nvidia/nvidia_entrypoint.sh'],
    ExposedPorts: { '8000/tcp': {} },
  };
  const drop = ['/usr/local/cuda/lib64/libcublas.so.12', '/usr/share/doc/a b\nc'];
  const { dockerfile, context } = renderDockerfile(planCompose(spec, sources, P), '0.1.0', {
    level: 'needed',
    drop: { 'linux/amd64': drop },
    config,
  });
  const steps = dockerfile.split('\n').filter((l) => /^(FROM|ADD|COPY|RUN|USER|ENTRYPOINT|CMD|EXPOSE|ARG)\b|^ {4}sh /.test(l));
  expect(steps).toEqual([
    `FROM registry.test:5000/tritonserver@${sources.min.digest} AS min`,
    'FROM min AS trimmed',
    'ARG TARGETOS',
    'ARG TARGETARCH',
    'USER 0',
    'RUN --network=none --mount=type=bind,from=min,target=/run/min,rw \\',
    '    sh /run/triton-compose/drop.sh "/run/triton-compose/$TARGETOS-$TARGETARCH.list" /run/min /out',
    'FROM scratch AS base',
    'COPY --link --from=trimmed /out/ /',
    'FROM base',
    'ARG TARGETOS',
    'ARG TARGETARCH',
    'EXPOSE 8000/tcp',
    'ENTRYPOINT ["/opt/nvidia/nvidia_entrypoint.sh"]',
    'ADD --link parts/${TARGETOS}-${TARGETARCH}/runtime-deps.tar /',
    'ADD --link parts/${TARGETOS}-${TARGETARCH}/core.tar /',
    'ADD --link parts/${TARGETOS}-${TARGETARCH}/backend-python.tar /',
    'ADD --link parts/${TARGETOS}-${TARGETARCH}/serve.tar /',
    'ENTRYPOINT ["/opt/nvidia/nvidia_entrypoint.sh"]',
  ]);
  // min's env and labels come right after FROM base, before the plan's (which win where they overlap)
  const afterBase = dockerfile.slice(dockerfile.indexOf('FROM base'));
  expect(afterBase.indexOf('ENV PATH="/usr/local/cuda/bin:/usr/bin:/bin"')).toBeGreaterThan(0);
  expect(afterBase.indexOf('CUDA_VERSION="12.3.2"')).toBeLessThan(afterBase.indexOf('TRITON_SERVER_VERSION='));
  // the list is NUL-separated, so a name with a space or a newline is one path
  expect(context).toEqual({
    'trim/drop.sh': DROP_SCRIPT,
    'trim/linux-amd64.list': '/usr/local/cuda/lib64/libcublas.so.12\0/usr/share/doc/a b\nc\0',
  });
  expect(() =>
    renderDockerfile(planCompose(spec, sources, P), '0.1.0', { level: 'needed', drop: { 'linux/amd64': ['relative'] }, config }),
  ).toThrow('a trim cannot drop "relative": not an absolute path');
});

test("min's config written back: every field FROM scratch lacks, checked; what a Buildx trim cannot carry is refused", () => {
  expect(
    renderBaseConfig({
      Env: ['A=1', 'EMPTY='],
      Labels: { b: '2', a: '$x "y"' },
      User: 'triton:1000',
      ExposedPorts: { '8001/tcp': {}, '8002': {} },
      Volumes: { '/data': {} },
      StopSignal: 'SIGTERM',
      Entrypoint: ['/bin/sh', '-c'],
      Cmd: ['echo hi'],
    }),
  ).toEqual([
    'ENV A="1" \\\n    EMPTY=""',
    'LABEL "a"="\\$x \\"y\\"" \\\n    "b"="2"',
    'USER triton:1000',
    'EXPOSE 8001/tcp 8002',
    'VOLUME ["/data"]',
    'STOPSIGNAL SIGTERM',
    'ENTRYPOINT ["/bin/sh","-c"]',
    'CMD ["echo hi"]',
  ]);
  expect(() => renderBaseConfig({ User: 'root\nRUN rm -rf /' })).toThrow("min's config has the user");
  expect(() => renderBaseConfig({ ExposedPorts: { '80 && x': {} } })).toThrow("min's config has the port");
  expect(() => renderBaseConfig({ Healthcheck: { Test: ['CMD', 'true'] } })).toThrow('HEALTHCHECK');
  expect(() => renderBaseConfig({ Env: ['BAD NAME=1'] })).toThrow('cannot be written to a Dockerfile');
  expect(renderBaseConfig({ Shell: [], OnBuild: null })).toEqual([]);
});

test('the drop script copies the root less exactly the listed paths: names with spaces and newlines, links not followed, hardlinks kept', () => {
  const work = mkdtempSync(join(tmpdir(), 'drop-script-'));
  try {
    const root = join(work, 'root');
    mkdirSync(join(root, 'lib/sub'), { recursive: true });
    mkdirSync(join(root, 'keep'), { recursive: true });
    writeFileSync(join(root, 'lib/libgone.so.1'), 'gone');
    writeFileSync(join(root, 'lib/a b\nc'), 'odd name');
    writeFileSync(join(root, 'lib/sub/x'), 'x');
    writeFileSync(join(root, 'keep/target'), 'target');
    symlinkSync('../keep', join(root, 'lib/link-to-dir'));
    linkSync(join(root, 'keep/target'), join(root, 'keep/hard'));
    writeFileSync(join(work, 'script'), DROP_SCRIPT);
    writeFileSync(
      join(work, 'list'),
      ['/lib/libgone.so.1', '/lib/a b\nc', '/lib/sub', '/lib/link-to-dir', '/not/there'].map((p) => `${p}\0`).join(''),
    );
    const r = spawnSync('/bin/sh', [join(work, 'script'), join(work, 'list'), root, join(work, 'out')], { encoding: 'utf8' });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const out = join(work, 'out');
    expect(readdirSync(join(out, 'lib'))).toEqual([]);
    expect(readdirSync(join(out, 'keep')).sort()).toEqual(['hard', 'target']);
    expect(statSync(join(out, 'keep/hard')).ino).toBe(statSync(join(out, 'keep/target')).ino);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
});
