import { formatCommand, planBuildx } from '../../src/buildx.js';
import { parseSpec } from '../../src/spec.js';

const paths = { context: '/tmp/w/context', dockerfile: '/tmp/w/Dockerfile.compose', metadataFile: '/tmp/w/metadata.json', iidFile: '/tmp/w/iid.txt' };
const tail = ['--metadata-file', '/tmp/w/metadata.json', '--iidfile', '/tmp/w/iid.txt', '/tmp/w/context'];

test.each<[string, Record<string, string>, string[]]>([
  ['minimal', { 'container-version': '24.01' }, ['buildx', 'build', '--file', '/tmp/w/Dockerfile.compose', '--provenance=false', ...tail]],
  ['push with tags, labels and annotations', { 'container-version': '24.01', tags: 'r.io/a:1,r.io/a:latest', labels: 'a=b', annotations: 'index:x=y', push: 'true' }, [
    'buildx', 'build', '--file', '/tmp/w/Dockerfile.compose', '--tag', 'r.io/a:1', '--tag', 'r.io/a:latest', '--label', 'a=b', '--annotation', 'index:x=y', '--push', '--provenance=false', ...tail,
  ]],
  ['everything', { 'container-version': '24.01', builder: 'b1', platforms: 'linux/amd64,linux/arm64', outputs: 'type=oci,dest=/tmp/o.tar', load: 'true', pull: 'true', 'no-cache': 'true', provenance: 'mode=max', sbom: 'true' }, [
    'buildx', 'build', '--builder', 'b1', '--file', '/tmp/w/Dockerfile.compose', '--platform', 'linux/amd64,linux/arm64', '--output', 'type=oci,dest=/tmp/o.tar',
    '--load', '--pull', '--no-cache', '--provenance=mode=max', '--sbom=true', ...tail,
  ]],
  ['a label value with spaces stays one argument', { 'container-version': '24.01', labels: 'org.example.note=a b; rm -rf /' }, ['buildx', 'build', '--file', '/tmp/w/Dockerfile.compose', '--label', 'org.example.note=a b; rm -rf /', '--provenance=false', ...tail]],
])('%s', (_name, raw, argv) => {
  expect(planBuildx(parseSpec(raw), paths)).toEqual(argv);
});

test('formatCommand quotes what a shell would split', () => {
  expect(formatCommand('docker', ['buildx', 'build', '--label', 'a=b c', "it's"])).toBe(`docker buildx build --label 'a=b c' 'it'\\''s'`);
});
