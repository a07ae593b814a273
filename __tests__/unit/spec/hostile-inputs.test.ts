// Inputs crafted to get past validation: injection into Dockerfile lines, argv, tags, labels,
// annotations and cache entries; look-alike characters; empty and repeated items; huge values.
// parseSpec and parseCliArgs are pure, so a refusal here is a refusal before any registry or
// engine call. Each row: the input, the value, and what the one-line error must say.
import { parseCliArgs } from '../../../src/cli/args.js';
import { parseSpec } from '../../../src/spec/spec.js';
import type { RawInputs } from '../../../src/spec/types.js';

// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/;
const base: RawInputs = { 'container-version': '24.01' };
const huge = (n: number) => 'a'.repeat(n);

// [why, inputs over base, the input the error names, a fragment of what it says]
const rows: [string, RawInputs, string, string][] = [
  // compression-level
  ['a compression level of 10', { 'compression-level': '10' }, 'compression-level', 'use 0 (no compression) to 9'],
  ['a negative compression level', { 'compression-level': '-1' }, 'compression-level', 'use 0 (no compression) to 9'],
  [
    'a compression level with an output option',
    { 'compression-level': '1,force-compression=true' },
    'compression-level',
    'not a gzip level',
  ],
  ['a compression level in full-width digits', { 'compression-level': '１' }, 'compression-level', 'not a gzip level'],
  [
    'a compression level beside outputs',
    { 'compression-level': '1', outputs: 'type=local,dest=/tmp/o' },
    'compression-level',
    'in the output',
  ],
  // layer-compression
  ['a compression not offered', { 'layer-compression': 'brotli' }, 'layer-compression', 'not one of: gzip, zstd'],
  ['a zstd level of 0', { 'layer-compression': 'zstd', 'compression-level': '0' }, 'compression-level', 'use 1 (fastest) to 22'],
  ['a zstd level of 23', { 'layer-compression': 'zstd', 'compression-level': '23' }, 'compression-level', 'not a zstd level'],
  [
    'zstd beside outputs',
    { 'layer-compression': 'zstd', outputs: 'type=local,dest=/tmp/o' },
    'layer-compression',
    'give compression=zstd in the output',
  ],
  // trim, keep, drop
  ['a trim level not offered', { trim: 'all' }, 'trim', 'not one of: none, safe, needed'],
  ['a keep pattern without a trim', { keep: '/usr/include' }, 'keep', 'set trim: safe'],
  ['a drop pattern without a trim', { drop: '/usr/include' }, 'drop', 'set trim: safe'],
  ['a relative keep pattern', { trim: 'safe', 'dry-run': 'true', keep: 'usr/include' }, 'keep', 'not an absolute path pattern'],
  ['a drop pattern stepping up', { trim: 'safe', 'dry-run': 'true', drop: '/opt/../etc/**' }, 'drop', '".." component'],
  ['a keep pattern with a NUL', { trim: 'safe', 'dry-run': 'true', keep: '/usr/\0x' }, 'keep', 'NUL character'],
  // max-layer-size
  ['a layer size with no number', { 'max-layer-size': 'GB' }, 'max-layer-size', 'not a size'],
  ['a layer size in an unknown unit', { 'max-layer-size': '2GX' }, 'max-layer-size', 'not a size'],
  ['a negative layer size', { 'max-layer-size': '-2GB' }, 'max-layer-size', 'not a size'],
  ['a layer size below 16 MB', { 'max-layer-size': '1MB', push: 'true', tags: 'r.io/a:b' }, 'max-layer-size', 'at least 16MB'],
  ['a layer size past 2^53', { 'max-layer-size': '99999999TB', push: 'true', tags: 'r.io/a:b' }, 'max-layer-size', 'too large'],
  ['a layer size with Buildx', { 'max-layer-size': '2GB', push: 'true', tags: 'r.io/a:b', load: 'true' }, 'max-layer-size', 'load: true'],
  [
    'a layer size without a push (Buildx would keep the result)',
    { 'max-layer-size': '2GB' },
    'max-layer-size',
    'push: false keeps the result',
  ],
  [
    'a layer size with assembly buildx',
    { 'max-layer-size': '2GB', push: 'true', tags: 'r.io/a:b', assembly: 'buildx' },
    'max-layer-size',
    'assembly: buildx',
  ],
  [
    'a layer size with the buildkit source',
    { 'max-layer-size': '2GB', push: 'true', tags: 'r.io/a:b', source: 'buildkit' },
    'max-layer-size',
    'source: buildkit',
  ],
  // container-version
  ['a version with a newline', { 'container-version': '24.01\nRUN id' }, 'container-version', 'use YY.MM'],
  ['a version with a suffix', { 'container-version': '24.01-py3' }, 'container-version', 'use YY.MM'],
  ['a version in full-width digits', { 'container-version': '２４.０１' }, 'container-version', 'use YY.MM'],
  ['a version that is a path', { 'container-version': '../24.01' }, 'container-version', 'use YY.MM'],
  // part names
  ['a backend with a shell substitution', { backends: 'python$(id)' }, 'backends', 'not a valid name'],
  ['a backend with a path', { backends: '../../etc' }, 'backends', 'not a valid name'],
  ['a backend with a Cyrillic look-alike', { backends: 'onnxruntіme' }, 'backends', 'not a valid name'],
  ['a backend with a zero-width space', { backends: 'python\u200b' }, 'backends', 'not a valid name'],
  ['a backend with upper case', { backends: 'Python' }, 'backends', 'not a valid name'],
  ['a backend with a double dash', { backends: 'on--nx' }, 'backends', 'not a valid name'],
  ['an empty backend between commas', { backends: 'python,,onnxruntime' }, 'backends', 'empty name'],
  ['a backend listed twice', { backends: 'python\npython' }, 'backends', 'listed twice'],
  ['an unknown backend', { backends: 'pytorchh' }, 'backends', 'is not in the 24.01 release'],
  ['ten thousand backends', { backends: Array.from({ length: 10_000 }, (_, i) => `b${i}`).join(',') }, 'backends', 'is not in'],
  ['a repoagent with a semicolon', { repoagents: 'checksum;rm' }, 'repoagents', 'not a valid name'],
  ['an unknown repoagent', { repoagents: 'relocation' }, 'repoagents', 'is not in'],
  ['a cache with a space', { caches: 'local redis' }, 'caches', 'not a valid name'],
  ['a cache listed twice', { caches: 'local,local' }, 'caches', 'listed twice'],
  // images
  ['a full image with a space', { 'full-image': 'r.io/t:x y', 'min-image': 'r.io/t:m' }, 'full-image', 'white space'],
  ['a full image with a newline', { 'full-image': 'r.io/t:x\nFROM evil', 'min-image': 'r.io/t:m' }, 'full-image', 'white space'],
  ['a min image with upper case', { 'full-image': 'r.io/t:x', 'min-image': 'r.io/Tri:m' }, 'min-image', 'lowercase'],
  ['a min image with a short digest', { 'full-image': 'r.io/t:x', 'min-image': 'r.io/t@sha256:abc' }, 'min-image', 'sha256:<64 hex'],
  ['a full image with a bad tag', { 'full-image': 'r.io/t:-x', 'min-image': 'r.io/t:m' }, 'full-image', 'tag'],
  ['a full image of 600 characters', { 'full-image': `r.io/${huge(600)}`, 'min-image': 'r.io/t:m' }, 'full-image', '1 to 512'],
  ['a registry with a bad port', { 'full-image': 'r.io:99999999/t:x', 'min-image': 'r.io/t:m' }, 'full-image', 'registry'],
  ['a gpu-min image with a quote', { 'gpu-min-image': 'r.io/t:"x"' }, 'gpu-min-image', 'tag'],
  ['full-image alone', { 'container-version': '', 'full-image': 'r.io/t:x' }, 'min-image', 'both full-image and min-image'],
  ['neither release nor images', { 'container-version': '' }, 'container-version', 'give container-version'],
  // tags
  ['a tag with a newline inside a CSV item', { tags: '"r.io/a:b\nRUN id"' }, 'tags', 'not a comma-separated line'],
  ['a tag with upper case', { tags: 'ghcr.io/Acme/t:1' }, 'tags', 'lowercase'],
  ['a tag with a shell substitution', { tags: 'ghcr.io/a/t:$(id)' }, 'tags', 'tag'],
  ['a tag of 129 characters', { tags: `ghcr.io/a/t:${huge(129)}` }, 'tags', 'at most 128'],
  ['a tag with a full-width colon', { tags: 'ghcr.io/a/t：1' }, 'tags', 'lowercase'],
  ['push without tags', { push: 'true' }, 'tags', 'needs at least one tag'],
  // labels and annotations
  ['a label without a key', { labels: '=value' }, 'labels', 'is not key=value'],
  ['a label key with a space', { labels: 'a b=c' }, 'labels', 'is not key=value'],
  ['a label key with a quote', { labels: 'a"b=c' }, 'labels', 'is not key=value'],
  ['a label key with a dollar', { labels: '$HOME=c' }, 'labels', 'is not key=value'],
  ['a label key with a newline in CSV quoting', { labels: 'a\u0085b=c' }, 'labels', 'is not key=value'],
  ['a label with no equals sign', { labels: 'justakey' }, 'labels', 'is not key=value'],
  ['an annotation with an unknown type', { annotations: 'layer:a=b' }, 'annotations', 'is not key=value'],
  ['an annotation with a bad platform list', { annotations: 'manifest[linux/AMD64]:a=b' }, 'annotations', 'is not key=value'],
  ['an annotation key with a Greek look-alike', { annotations: 'οrg.x=1' }, 'annotations', 'is not key=value'],
  // booleans and choices
  ['push as yes', { push: 'yes', tags: 'r.io/a:b' }, 'push', 'true or false'],
  ['gpu as 1', { gpu: '1' }, 'gpu', 'true or false'],
  ['load with a trailing word', { load: 'true false' }, 'load', 'true or false'],
  ['an unknown runtime-deps', { 'runtime-deps': 'pip' }, 'runtime-deps', 'image'],
  ['an unknown source', { source: 'pull' }, 'source', 'selective'],
  ['an unknown assembly', { assembly: 'docker' }, 'assembly', 'auto'],
  ['direct assembly with load', { assembly: 'direct', load: 'true' }, 'assembly', 'direct cannot write this image'],
  ['an unknown build-cache', { 'build-cache': 's3' }, 'build-cache', 'none'],
  ['build-cache registry without tags', { 'build-cache': 'registry' }, 'build-cache', 'give tags'],
  // platforms, outputs, builder, attestations, user, paths
  ['a platform with a space', { platforms: 'linux/amd 64' }, 'platforms', 'os/arch'],
  ['a platform with upper case', { platforms: 'Linux/amd64' }, 'platforms', 'os/arch'],
  ['a platform with four parts', { platforms: 'linux/arm64/v8/x' }, 'platforms', 'os/arch'],
  ['an output without a type', { outputs: 'dest=/tmp/x' }, 'outputs', 'needs type='],
  ['an output of an unknown type', { outputs: 'type=shell,cmd=id' }, 'outputs', 'needs type='],
  ['a builder with a semicolon', { builder: 'b;id' }, 'builder', 'not a builder name'],
  ['a builder starting with a dash', { builder: '--privileged' }, 'builder', 'not a builder name'],
  ['provenance with a space', { provenance: 'mode=max builder-id=x' }, 'provenance', 'key=value'],
  ['sbom with a newline', { sbom: 'generator=x\nRUN id' }, 'sbom', 'key=value'],
  ['a user with a shell substitution', { user: '$(id)' }, 'user', 'not a user name'],
  ['a user with three parts', { user: '1000:1000:1000' }, 'user', 'not a user name'],
  ['a user name of 40 characters', { user: huge(40) }, 'user', 'not a user name'],
  ['a dockerfile path with a NUL', { dockerfile: '/tmp/a\0b' }, 'dockerfile', 'one line'],
  ['an index repository with a tag', { 'index-repository': 'ghcr.io/a/idx:v1' }, 'index-repository', 'names a tag or digest'],
  // cache entries (their values can hold tokens)
  ['a cache-from of an unknown type', { 'cache-from': 'type=s3,bucket=x' }, 'cache-from', 'registry'],
  ['a cache-to with an unknown key', { 'cache-to': 'type=registry,ref=r.io/a:c,evil=1' }, 'cache-to', 'evil'],
  ['a cache-to mode out of range', { 'cache-to': 'type=registry,ref=r.io/a:c,mode=all' }, 'cache-to', 'min or max'],
  ['a cache-from ref with a space', { 'cache-from': 'type=registry,ref=r.io/a:c d' }, 'cache-from', 'not an image reference'],
  ['a cache-to compression level of 99', { 'cache-to': 'type=registry,ref=r.io/a:c,compression-level=99' }, 'cache-to', '0 to 22'],
  ['a local cache digest that is not one', { 'cache-from': 'type=local,src=/x,digest=sha256:zz' }, 'cache-from', 'sha256:<64'],
];

describe('hostile inputs are refused before anything runs', () => {
  test('there are at least 60 rows', () => expect(rows.length).toBeGreaterThanOrEqual(60));
  test.each(rows)('%s', (_why, over, input, says) => {
    let error: unknown;
    try {
      parseSpec({ ...base, ...over });
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(Error);
    const text = (error as Error).message;
    expect(text.startsWith(`${input}: `)).toBe(true);
    expect(text).toContain(says);
    // One line, with no control character a log or a terminal would act on.
    expect(text).not.toMatch(CONTROL);
    expect(text.length).toBeLessThan(1200);
  });
});

// [why, argv, the flag the error names, a fragment of what it says]
const cliRows: [string, string[], string, string][] = [
  ['a positional argument', ['--backend', 'python', 'RUN'], '"RUN"', 'unexpected argument'],
  ['a flag that looks like an injected one', ['--push;id'], '--push;id', 'unknown flag'],
  ['an unknown flag close to a real one', ['--tag', 'r.io/a:b'], '--tag', 'did you mean --tags'],
  ['a value that is another flag', ['--backend', '--push'], '--backend', 'needs a value'],
  ['a switch given a value', ['--json=yes'], '--json', 'takes no value'],
  ['--image without a name', ['--image', 'r.io/t:x'], '--image', 'NAME,IMAGE'],
  ['--image with an unknown name', ['--image', 'base,r.io/t:x'], '--image', 'not an image name'],
  ['--image __proto__', ['--image', '__proto__,r.io/t:x'], '--image', 'not an image name'],
  [
    'a single-value input given twice',
    ['--container-version', '24.01', '--container-version', '24.02'],
    '--container-version',
    'conflicts',
  ],
  ['quiet and verbose together', ['-q', '-v'], '-v', 'cannot be combined'],
];

describe('hostile command lines are refused with the flag named', () => {
  test.each(cliRows)('%s', (_why, argv, flag, says) => {
    let error: unknown;
    try {
      parseCliArgs(argv);
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(Error);
    const text = (error as Error).message;
    expect(text.startsWith(`${flag}: `)).toBe(true);
    expect(text).toContain(says);
    expect(text).not.toMatch(CONTROL);
  });
});
