import { formatCommand, planBuildx, usesOciStream } from '../../../src/build/buildx.js';
import { parseSpec } from '../../../src/spec/spec.js';

const paths = {
  context: '/tmp/w/context',
  dockerfile: '/tmp/w/Dockerfile.compose',
  metadataFile: '/tmp/w/metadata.json',
  iidFile: '/tmp/w/iid.txt',
};
const tail = ['--metadata-file', '/tmp/w/metadata.json', '--iidfile', '/tmp/w/iid.txt', '/tmp/w/context'];

test.each<[string, Record<string, string>, string[]]>([
  ['minimal', { 'container-version': '24.01' }, ['buildx', 'build', '--file', '/tmp/w/Dockerfile.compose', '--provenance=false', ...tail]],
  [
    'push with tags, labels and annotations',
    { 'container-version': '24.01', tags: 'r.io/a:1,r.io/a:latest', labels: 'a=b', annotations: 'index:x=y', push: 'true' },
    [
      'buildx',
      'build',
      '--file',
      '/tmp/w/Dockerfile.compose',
      '--tag',
      'r.io/a:1',
      '--tag',
      'r.io/a:latest',
      '--label',
      'a=b',
      '--annotation',
      'index:x=y',
      '--push',
      '--provenance=false',
      ...tail,
    ],
  ],
  [
    'everything',
    {
      'container-version': '24.01',
      builder: 'b1',
      platforms: 'linux/amd64,linux/arm64',
      outputs: 'type=oci,dest=/tmp/o.tar',
      load: 'true',
      pull: 'true',
      'no-cache': 'true',
      provenance: 'mode=max',
      sbom: 'true',
    },
    [
      'buildx',
      'build',
      '--builder',
      'b1',
      '--file',
      '/tmp/w/Dockerfile.compose',
      '--platform',
      'linux/amd64,linux/arm64',
      '--output',
      'type=oci,dest=/tmp/o.tar',
      '--load',
      '--pull',
      '--no-cache',
      '--provenance=mode=max',
      '--sbom=true',
      ...tail,
    ],
  ],
  [
    'a label value with spaces stays one argument',
    { 'container-version': '24.01', labels: 'org.example.note=a b; rm -rf /' },
    ['buildx', 'build', '--file', '/tmp/w/Dockerfile.compose', '--label', 'org.example.note=a b; rm -rf /', '--provenance=false', ...tail],
  ],
])('%s', (_name, raw, argv) => {
  expect(planBuildx(parseSpec(raw), paths)).toEqual(argv);
});

test('formatCommand quotes what a shell would split', () => {
  expect(formatCommand('docker', ['buildx', 'build', '--label', 'a=b c', "it's"])).toBe(`docker buildx build --label 'a=b c' 'it'\\''s'`);
});

test('extras: caches, the timestamp, the key, and the OCI stream instead of --push/--load', () => {
  const spec = parseSpec({ 'container-version': '24.01', tags: 'r.io/a:1', push: 'true', load: 'true', 'no-cache': 'true' });
  expect(usesOciStream(spec)).toBe(true);
  expect(
    planBuildx(spec, paths, {
      cacheFrom: ['type=registry,ref=r.io/a:buildcache-24.01-amd64'],
      cacheTo: ['type=registry,ref=r.io/a:buildcache-24.01-amd64'],
      sourceDateEpoch: 1704067200,
      annotations: ['manifest:io.github.triton-compose.key=sha256:k'],
      labels: ['io.github.triton-compose.key=sha256:k'],
      output: 'oci-stream',
      imageName: 'r.io/a:1',
    }),
  ).toEqual([
    'buildx',
    'build',
    '--file',
    '/tmp/w/Dockerfile.compose',
    '--tag',
    'r.io/a:1',
    '--label',
    'io.github.triton-compose.key=sha256:k',
    '--annotation',
    'manifest:io.github.triton-compose.key=sha256:k',
    '--build-arg',
    'SOURCE_DATE_EPOCH=1704067200',
    '--output',
    'type=oci,dest=-,rewrite-timestamp=true,name=r.io/a:1',
    '--no-cache',
    '--cache-from',
    'type=registry,ref=r.io/a:buildcache-24.01-amd64',
    '--cache-to',
    'type=registry,ref=r.io/a:buildcache-24.01-amd64',
    '--provenance=false',
    ...tail,
  ]);
});

test('compression-level goes to the OCI stream: BuildKit compresses the layers it makes at that level', () => {
  const spec = parseSpec({ 'container-version': '24.01', tags: 'r.io/a:1', push: 'true', 'compression-level': '1' });
  const args = planBuildx(spec, paths, { output: 'oci-stream' });
  expect(args[args.indexOf('--output') + 1]).toBe('type=oci,dest=-,rewrite-timestamp=true,compression=gzip,compression-level=1');
});

test('layer-compression: zstd goes to the OCI stream at its level, 3 when none is given', () => {
  const zstd = (more: Record<string, string>) => {
    const spec = parseSpec({ 'container-version': '24.01', tags: 'r.io/a:1', push: 'true', 'layer-compression': 'zstd', ...more });
    const args = planBuildx(spec, paths, { output: 'oci-stream' });
    return args[args.indexOf('--output') + 1];
  };
  expect(zstd({ assembly: 'buildx' })).toBe('type=oci,dest=-,rewrite-timestamp=true,compression=zstd,compression-level=3');
  expect(zstd({ assembly: 'buildx', 'compression-level': '19' })).toBe(
    'type=oci,dest=-,rewrite-timestamp=true,compression=zstd,compression-level=19',
  );
});

test('user outputs are passed as they are, without the OCI stream', () => {
  const spec = parseSpec({ 'container-version': '24.01', outputs: 'type=local,dest=/tmp/out', push: 'false' });
  expect(usesOciStream(spec)).toBe(false);
  expect(usesOciStream(parseSpec({ 'container-version': '24.01' }))).toBe(false);
  expect(planBuildx(spec, paths, { output: 'buildx', sourceDateEpoch: 0 })).toEqual([
    'buildx',
    'build',
    '--file',
    '/tmp/w/Dockerfile.compose',
    '--build-arg',
    'SOURCE_DATE_EPOCH=0',
    '--output',
    'type=local,dest=/tmp/out',
    '--provenance=false',
    ...tail,
  ]);
});
