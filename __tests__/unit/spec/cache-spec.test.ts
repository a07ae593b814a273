import { cacheSecrets, parseCacheEntry } from '../../../src/spec/cache-spec.js';
import { parseSpec } from '../../../src/spec/spec.js';

describe('parseCacheEntry accepts Buildx syntax', () => {
  test.each<[string, 'cache-from' | 'cache-to', string, unknown]>([
    [
      'registry import',
      'cache-from',
      'type=registry,ref=ghcr.io/acme/triton:buildcache',
      { type: 'registry', attrs: { ref: 'ghcr.io/acme/triton:buildcache' }, text: 'type=registry,ref=ghcr.io/acme/triton:buildcache' },
    ],
    [
      'a bare reference is a registry import',
      'cache-from',
      'ghcr.io/acme/triton:cache',
      { type: 'registry', attrs: { ref: 'ghcr.io/acme/triton:cache' }, text: 'type=registry,ref=ghcr.io/acme/triton:cache' },
    ],
    [
      'registry export with tuning',
      'cache-to',
      'type=registry,ref=r.io/a:c,mode=max,image-manifest=true,oci-mediatypes=true,compression=zstd,compression-level=3',
      {
        type: 'registry',
        attrs: {
          ref: 'r.io/a:c',
          mode: 'max',
          'image-manifest': 'true',
          'oci-mediatypes': 'true',
          compression: 'zstd',
          'compression-level': '3',
        },
        text: 'type=registry,ref=r.io/a:c,mode=max,image-manifest=true,oci-mediatypes=true,compression=zstd,compression-level=3',
      },
    ],
    [
      'local import',
      'cache-from',
      'type=local,src=/tmp/cache',
      { type: 'local', attrs: { src: '/tmp/cache' }, text: 'type=local,src=/tmp/cache' },
    ],
    [
      'local export',
      'cache-to',
      'type=local,dest=/tmp/cache,mode=min',
      { type: 'local', attrs: { dest: '/tmp/cache', mode: 'min' }, text: 'type=local,dest=/tmp/cache,mode=min' },
    ],
    [
      'gha with a scope',
      'cache-to',
      'type=gha,scope=triton-24.01,mode=max',
      { type: 'gha', attrs: { scope: 'triton-24.01', mode: 'max' }, text: 'type=gha,scope=triton-24.01,mode=max' },
    ],
    ['inline export', 'cache-to', 'type=inline', { type: 'inline', attrs: {}, text: 'type=inline' }],
    [
      'quoted value with a comma',
      'cache-to',
      'type=local,"dest=/tmp/a,b"',
      { type: 'local', attrs: { dest: '/tmp/a,b' }, text: 'type=local,"dest=/tmp/a,b"' },
    ],
  ])('%s', (_name, input, text, expected) => {
    expect(parseCacheEntry(input, text)).toEqual(expected);
  });
});

describe('parseCacheEntry rejects, naming the input and what is accepted', () => {
  test.each<[string, 'cache-from' | 'cache-to', string, string]>([
    ['unknown type', 'cache-from', 'type=s4,ref=x', 'cache-from: type "s4" is not supported; use one of: registry, local, gha, inline'],
    [
      'no type',
      'cache-to',
      'ref=r.io/a:c,mode=max',
      'cache-to: "ref=r.io/a:c,mode=max" has no type: start with type=registry|local|gha|inline',
    ],
    [
      'unknown key',
      'cache-to',
      'type=registry,ref=r.io/a:c,mdoe=max',
      'cache-to: type=registry does not take "mdoe" here; accepted: ref, mode, ignore-error, compression, compression-level, force-compression, oci-mediatypes, image-manifest',
    ],
    [
      'export key on import',
      'cache-from',
      'type=registry,ref=r.io/a:c,mode=max',
      'cache-from: type=registry does not take "mode" here; accepted: ref',
    ],
    [
      'local import uses src, not dest',
      'cache-from',
      'type=local,dest=/tmp/c',
      'cache-from: type=local does not take "dest" here; accepted: src, digest, tag',
    ],
    ['bad mode', 'cache-to', 'type=local,dest=/tmp/c,mode=all', 'cache-to: mode=all: use min or max'],
    [
      'bad compression level',
      'cache-to',
      'type=registry,ref=r.io/a:c,compression-level=99',
      'cache-to: compression-level=99: use a whole number from 0 to 22',
    ],
    ['registry without ref', 'cache-to', 'type=registry,mode=max', 'cache-to: type=registry needs ref=… in "type=registry,mode=max"'],
    ['local export without dest', 'cache-to', 'type=local,mode=max', 'cache-to: type=local needs dest=… in "type=local,mode=max"'],
    [
      'bad reference',
      'cache-from',
      'type=registry,ref=Bad Ref',
      'cache-from: ref=Bad Ref: "Bad Ref" is not an image reference: must not contain white space',
    ],
    [
      'bare value that is no reference',
      'cache-from',
      'not a ref',
      'cache-from: "not a ref" is not an image reference: must not contain white space (a bare value is a registry reference; otherwise use type=…,key=value)',
    ],
    [
      'inline import',
      'cache-from',
      'type=inline',
      'cache-from: type=inline is for cache-to; to read an inline cache, give the image reference (type=registry,ref=<image>)',
    ],
    ['key twice', 'cache-to', 'type=local,dest=/a,dest=/b', 'cache-to: "dest" is given twice in "type=local,dest=/a,dest=/b"'],
    ['field without =', 'cache-to', 'type=local,dest=/a,max', 'cache-to: "max" in "type=local,dest=/a,max" is not key=value'],
  ])('%s', (_name, input, text, message) => {
    expect(() => parseCacheEntry(input, text)).toThrow(message);
  });
});

describe('cache inputs in the spec', () => {
  test('one entry per line, commas kept inside an entry', () => {
    const spec = parseSpec({
      'container-version': '24.01',
      'cache-from': 'type=registry,ref=r.io/a:c\ntype=local,src=/tmp/c',
      'cache-to': 'type=gha,mode=max,token=s3cret',
    });
    expect(spec.cacheFrom.map((e) => e.text)).toEqual(['type=registry,ref=r.io/a:c', 'type=local,src=/tmp/c']);
    expect(cacheSecrets(spec)).toEqual(['s3cret']);
  });

  test.each<[string, Record<string, string>, string]>([
    [
      'unknown build-cache mode',
      { 'container-version': '24.01', 'build-cache': 'max' },
      'build-cache: "max" is not one of: none, registry, gha, actions, local',
    ],
    [
      'registry mode needs a tag',
      { 'container-version': '24.01', 'build-cache': 'registry' },
      'build-cache: registry keeps the cache next to the first tag (<repository>:buildcache-<release>-<arch>): give tags, or use cache-to/cache-from',
    ],
    ['force is a boolean', { 'container-version': '24.01', force: 'yes' }, 'force: "yes" is not a boolean: use true or false'],
  ])('%s', (_name, raw, message) => {
    expect(() => parseSpec(raw)).toThrow(message);
  });
});
