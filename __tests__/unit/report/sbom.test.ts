import { checkSpdx } from '../../helpers/spdx-schema.js';
import { type SbomInput, renderSbom, renderSbomJson, renderSpdxDate } from '../../../src/report/sbom.js';
import { renderDebPurl, renderOciPurl, renderPypiPurl } from '../../../src/report/purl.js';

const DIGEST = `sha256:${'ab'.repeat(32)}`;
const tool = { name: 'triton-compose', version: '0.1.0' };
const small: SbomInput = {
  image: { repository: '127.0.0.1:5000/team/triton', tag: 'v1', digest: DIGEST, platform: 'linux/amd64' },
  created: 1_700_000_000,
  tool,
  distro: { id: 'ubuntu', versionId: '22.04' },
  debs: [
    { name: 'libgomp1', version: '12.3.0-1ubuntu1~22.04', arch: 'amd64', source: 'gcc-12' },
    { name: 'libc6', version: '2.35-0ubuntu3.6', arch: 'amd64', source: 'glibc' },
  ],
  python: [{ name: 'Numpy', version: '1.26.4' }],
  triton: { version: '2.42.0', parts: [{ name: 'python', kind: 'backend' }] },
};

const NOA = { downloadLocation: 'NOASSERTION', filesAnalyzed: false, licenseConcluded: 'NOASSERTION', licenseDeclared: 'NOASSERTION' };
const purlRef = (locator: string) => [{ referenceCategory: 'PACKAGE-MANAGER', referenceType: 'purl', referenceLocator: locator }];
const contains = (id: string) => ({ spdxElementId: 'SPDXRef-Image', relationshipType: 'CONTAINS', relatedSpdxElement: id });

test('a small compose gives exactly this document', () => {
  expect(renderSbom(small)).toEqual({
    spdxVersion: 'SPDX-2.3',
    dataLicense: 'CC0-1.0',
    SPDXID: 'SPDXRef-DOCUMENT',
    name: '127.0.0.1:5000/team/triton:v1',
    documentNamespace: 'https://spdx.org/spdxdocs/triton-compose-127.0.0.1-5000-team-triton-v1-cea7834a34f5d2f8286f8a4f80572fdf',
    creationInfo: { created: '2023-11-14T22:13:20Z', creators: ['Tool: triton-compose-0.1.0'] },
    documentDescribes: ['SPDXRef-Image'],
    packages: [
      {
        SPDXID: 'SPDXRef-Image',
        name: '127.0.0.1:5000/team/triton:v1',
        versionInfo: DIGEST,
        ...NOA,
        copyrightText: 'NOASSERTION',
        primaryPackagePurpose: 'CONTAINER',
        externalRefs: purlRef(
          `pkg:oci/triton@sha256%3A${'ab'.repeat(32)}?arch=amd64&repository_url=127.0.0.1%3A5000%2Fteam%2Ftriton&tag=v1`,
        ),
      },
      {
        SPDXID: 'SPDXRef-triton-tritonserver',
        name: 'tritonserver',
        versionInfo: '2.42.0',
        supplier: 'Organization: NVIDIA',
        ...NOA,
        copyrightText: 'NOASSERTION',
        primaryPackagePurpose: 'APPLICATION',
      },
      {
        SPDXID: 'SPDXRef-triton-backend-python',
        name: 'triton-backend-python',
        versionInfo: '2.42.0',
        supplier: 'Organization: NVIDIA',
        ...NOA,
        copyrightText: 'NOASSERTION',
      },
      {
        SPDXID: 'SPDXRef-deb-libc6',
        name: 'libc6',
        versionInfo: '2.35-0ubuntu3.6',
        ...NOA,
        copyrightText: 'NOASSERTION',
        sourceInfo: 'built from source package glibc',
        externalRefs: purlRef('pkg:deb/ubuntu/libc6@2.35-0ubuntu3.6?arch=amd64&distro=ubuntu-22.04&upstream=glibc'),
      },
      {
        SPDXID: 'SPDXRef-deb-libgomp1',
        name: 'libgomp1',
        versionInfo: '12.3.0-1ubuntu1~22.04',
        ...NOA,
        copyrightText: 'NOASSERTION',
        sourceInfo: 'built from source package gcc-12',
        externalRefs: purlRef('pkg:deb/ubuntu/libgomp1@12.3.0-1ubuntu1~22.04?arch=amd64&distro=ubuntu-22.04&upstream=gcc-12'),
      },
      {
        SPDXID: 'SPDXRef-pypi-Numpy',
        name: 'Numpy',
        versionInfo: '1.26.4',
        ...NOA,
        copyrightText: 'NOASSERTION',
        externalRefs: purlRef('pkg:pypi/numpy@1.26.4'),
      },
    ],
    relationships: [
      { spdxElementId: 'SPDXRef-DOCUMENT', relationshipType: 'DESCRIBES', relatedSpdxElement: 'SPDXRef-Image' },
      contains('SPDXRef-triton-tritonserver'),
      contains('SPDXRef-triton-backend-python'),
      contains('SPDXRef-deb-libc6'),
      contains('SPDXRef-deb-libgomp1'),
      contains('SPDXRef-pypi-Numpy'),
    ],
  });
  expect(checkSpdx(renderSbom(small))).toEqual([]);
});

test('the same compose gives the same bytes whatever the order of its input; duplicates count once', () => {
  const shuffled: SbomInput = {
    ...small,
    debs: [...small.debs].reverse().concat(small.debs[0]),
    python: [{ name: 'Numpy', version: '1.26.4' }, ...small.python],
  };
  expect(renderSbomJson(shuffled)).toBe(renderSbomJson(small));
  expect(renderSbomJson(small).endsWith('}\n')).toBe(true);
  expect(JSON.parse(renderSbomJson(small))).toEqual(renderSbom(small));
});

test('the namespace follows the content: another digest or time is another document', () => {
  const ns = (i: SbomInput) => renderSbom(i).documentNamespace;
  expect(ns({ ...small, created: small.created + 1 })).not.toBe(ns(small));
  expect(ns({ ...small, image: { ...small.image, digest: `sha256:${'cd'.repeat(32)}` } })).not.toBe(ns(small));
  expect(ns({ ...small })).toBe(ns(small));
});

test('a dry run (no digest) and an apt-mode compose (no versions) still give a valid document', () => {
  const doc = renderSbom({
    image: { repository: 'example.com/triton' },
    created: 0,
    tool,
    debs: [{ name: 'curl' }],
    python: [],
  });
  expect(doc.name).toBe('example.com/triton');
  expect(doc.creationInfo.created).toBe('1970-01-01T00:00:00Z');
  expect(doc.packages.map((p) => [p.SPDXID, p.versionInfo, p.externalRefs?.[0].referenceLocator])).toEqual([
    ['SPDXRef-Image', 'NOASSERTION', undefined],
    ['SPDXRef-deb-curl', 'NOASSERTION', 'pkg:deb/debian/curl'],
  ]);
  expect(checkSpdx(doc)).toEqual([]);
});

test('hostile names give sanitized, unique IDs and percent-encoded purls', () => {
  const doc = renderSbom({
    image: { repository: '127.0.0.1:5000/x', tag: 't\u0000ag', digest: DIGEST },
    created: 1_700_000_000,
    tool,
    distro: { id: 'Ubuntu "evil"', versionId: '22.04' },
    debs: [
      { name: 'a b', version: '1:2.0 beta"#?', arch: 'amd64' },
      { name: 'a_b', version: '1', arch: 'amd64' },
      { name: 'a-b', version: '1', arch: 'amd64' },
      { name: 'zé\u001b[31m', version: '1', arch: 'amd\n64' },
      { name: '\u0007', version: '1' },
    ],
    python: [
      { name: 'Foo.Bar_baz', version: '1.0+local' },
      { name: "x'(y)*!\uD800", version: '2' },
    ],
    triton: { parts: [{ name: '../../etc', kind: 'backend' }] },
  });
  expect(checkSpdx(doc)).toEqual([]);
  expect(doc.packages.map((p) => [p.SPDXID, p.name, p.externalRefs?.[0].referenceLocator])).toEqual([
    ['SPDXRef-Image', '127.0.0.1:5000/x:tag', `pkg:oci/x@sha256%3A${'ab'.repeat(32)}?repository_url=127.0.0.1%3A5000%2Fx&tag=tag`],
    ['SPDXRef-triton-tritonserver', 'tritonserver', undefined],
    ['SPDXRef-triton-backend-..-..-etc', 'triton-backend-../../etc', undefined],
    ['SPDXRef-deb-a-b', 'a b', 'pkg:deb/debian/a%20b@1%3A2.0%20beta%22%23%3F?arch=amd64'],
    ['SPDXRef-deb-a-b-2', 'a-b', 'pkg:deb/debian/a-b@1?arch=amd64'],
    ['SPDXRef-deb-a-b-3', 'a_b', 'pkg:deb/debian/a_b@1?arch=amd64'],
    ['SPDXRef-deb-z-31m', 'zé[31m', 'pkg:deb/debian/z%C3%A9%5B31m@1?arch=amd64'],
    ['SPDXRef-pypi-Foo.Bar-baz', 'Foo.Bar_baz', 'pkg:pypi/foo-bar-baz@1.0%2Blocal'],
    ['SPDXRef-pypi-x-y-', "x'(y)*!\uFFFD", 'pkg:pypi/x%27%28y%29%2A%21%EF%BF%BD@2'],
  ]);
  // the versions of the parts are unknown: said so, not left out
  expect(doc.packages[2].versionInfo).toBe('NOASSERTION');
  expect(JSON.parse(JSON.stringify(doc))).toEqual(doc);
});

test('dates are whole UTC seconds, clamped to what the form can say', () => {
  expect(renderSpdxDate(1_700_000_000.9)).toBe('2023-11-14T22:13:20Z');
  expect(renderSpdxDate(-5)).toBe('1970-01-01T00:00:00Z');
  expect(renderSpdxDate(Number.NaN)).toBe('1970-01-01T00:00:00Z');
  expect(renderSpdxDate(1e15)).toBe('9999-12-31T23:59:59Z');
});

test('purls: vendor and distro only from a valid os-release ID, the source only when it differs', () => {
  expect(
    renderDebPurl({ name: 'curl', version: '7.81.0-1', arch: 'arm64', source: 'curl', distro: { id: 'debian', versionId: '12' } }),
  ).toBe('pkg:deb/debian/curl@7.81.0-1?arch=arm64&distro=debian-12');
  expect(renderDebPurl({ name: 'curl', distro: { id: 'ubuntu' } })).toBe('pkg:deb/ubuntu/curl?distro=ubuntu');
  expect(renderDebPurl({ name: 'curl', distro: { id: '../x' } })).toBe('pkg:deb/debian/curl');
  expect(renderPypiPurl('Typing_Extensions', '4.9.0')).toBe('pkg:pypi/typing-extensions@4.9.0');
  expect(renderOciPurl('nvcr.io/nvidia/TritonServer', DIGEST)).toBe(
    `pkg:oci/tritonserver@sha256%3A${'ab'.repeat(32)}?repository_url=nvcr.io%2Fnvidia%2FTritonServer`,
  );
});

describe('the SPDX 2.3 schema catches a broken document', () => {
  const good = renderSbom(small);
  const broken = (change: (d: Record<string, unknown>) => void): string[] => {
    const d = JSON.parse(JSON.stringify(good)) as Record<string, unknown>;
    change(d);
    return checkSpdx(d);
  };
  const pkgs = (d: Record<string, unknown>) => d.packages as Record<string, unknown>[];

  test.each<[string, (d: Record<string, unknown>) => void, string]>([
    ['a bad SPDXID', (d) => (pkgs(d)[1].SPDXID = 'SPDXRef-has space'), '/packages/1/SPDXID pattern'],
    ['a missing namespace', (d) => delete d.documentNamespace, '/ required documentNamespace'],
    ['a namespace with #', (d) => (d.documentNamespace = 'https://example.com/doc#1'), '/documentNamespace pattern'],
    ['another version', (d) => (d.spdxVersion = 'SPDX-2.2'), '/spdxVersion const'],
    ['another data license', (d) => (d.dataLicense = 'MIT'), '/dataLicense const'],
    [
      'a date with milliseconds',
      (d) => ((d.creationInfo as { created: string }).created = '2023-11-14T22:13:20.000Z'),
      '/creationInfo/created pattern',
    ],
    [
      'a creator of no kind',
      (d) => ((d.creationInfo as { creators: string[] }).creators = ['triton-compose']),
      '/creationInfo/creators/0 pattern',
    ],
    ['an empty download location', (d) => (pkgs(d)[0].downloadLocation = ''), '/packages/0/downloadLocation pattern'],
    [
      'an unknown relationship',
      (d) => ((d.relationships as Record<string, string>[])[1].relationshipType = 'HOLDS'),
      '/relationships/1/relationshipType enum',
    ],
    [
      'a purl with a space',
      (d) => ((pkgs(d)[3].externalRefs as Record<string, string>[])[0].referenceLocator = 'pkg:deb/ubuntu/a b'),
      '/packages/3/externalRefs/0/referenceLocator pattern',
    ],
    [
      'a purl of another category',
      (d) => ((pkgs(d)[3].externalRefs as Record<string, string>[])[0].referenceCategory = 'SECURITY'),
      '/packages/3/externalRefs/0/referenceType enum',
    ],
    ['a misspelt field', (d) => (pkgs(d)[0].versionInfos = '1'), '/packages/0 additionalProperties versionInfos'],
    ['a duplicate SPDXID', (d) => (pkgs(d)[2].SPDXID = 'SPDXRef-triton-tritonserver'), 'SPDXID SPDXRef-triton-tritonserver is not unique'],
    [
      'a dangling relationship',
      (d) => ((d.relationships as Record<string, string>[])[1].relatedSpdxElement = 'SPDXRef-nothing'),
      'relationship names unknown element SPDXRef-nothing',
    ],
  ])('%s', (_what, change, error) => {
    expect(broken(change)).toContain(error);
  });
});

test('a part taken from another image than the full one says which, and claims no supplier or version for it', () => {
  const from = '127.0.0.1:5000/vendor@sha256:' + 'ab'.repeat(32);
  const doc = renderSbom({
    ...small,
    triton: { version: '2.42.0', parts: [...(small.triton?.parts ?? []), { name: 'custom', kind: 'backend', from }] },
  });
  const pkg = (name: string) => doc.packages.find((p) => p.name === name);
  expect(pkg('triton-backend-custom')).toMatchObject({ versionInfo: 'NOASSERTION', sourceInfo: `taken from ${from}` });
  expect(pkg('triton-backend-custom')?.supplier).toBeUndefined();
  expect(pkg('triton-backend-python')).toMatchObject({ versionInfo: '2.42.0', supplier: 'Organization: NVIDIA' });
  expect(checkSpdx(doc)).toEqual([]);
});
