import { ARTIFACT_TYPE, MEDIA_INDEX, MEDIA_TOC, planArtifactManifest, planArtifactTag } from '../../../src/cache/index-repository.js';

const hex = 'ab'.repeat(32);

test('one tag per layer digest, naming the file formats; nothing for what is not a digest', () => {
  expect(planArtifactTag(`sha256:${hex}`)).toBe(`layer-v5.1-sha256-${hex}`);
  expect(planArtifactTag(`sha256:${hex}`)!.length).toBeLessThanOrEqual(128); // a tag's limit
  expect(planArtifactTag('sha256:../../x')).toBeUndefined();
  expect(planArtifactTag('latest')).toBeUndefined();
});

test('the artifact: an empty config, the files as layers with their names, the layer it describes', () => {
  const toc = Buffer.from('toc');
  const index = Buffer.from('index!');
  expect(
    planArtifactManifest(`sha256:${hex}`, [
      { mediaType: MEDIA_TOC, data: toc, name: `sha256-${hex}.toc.json.gz` },
      { mediaType: MEDIA_INDEX, data: index, name: `sha256-${hex}.layer-index` },
    ]),
  ).toEqual({
    schemaVersion: 2,
    mediaType: 'application/vnd.oci.image.manifest.v1+json',
    artifactType: ARTIFACT_TYPE,
    config: {
      mediaType: 'application/vnd.oci.empty.v1+json',
      digest: 'sha256:44136fa355b3678a1146ad16f7e8649e94fb4fc21fe77e8310c060f61caaff8a',
      size: 2,
    },
    layers: [
      {
        mediaType: 'application/vnd.triton-compose.toc.v1+json+gzip',
        digest: 'sha256:4ebde790877e2f92305cfb30ed1c0e2943dc00dfc24b49e3dc2a47889ca44151',
        size: 3,
        annotations: { 'org.opencontainers.image.title': `sha256-${hex}.toc.json.gz` },
      },
      {
        mediaType: 'application/vnd.triton-compose.layer-index.v1',
        digest: expect.stringMatching(/^sha256:[a-f0-9]{64}$/),
        size: 6,
        annotations: { 'org.opencontainers.image.title': `sha256-${hex}.layer-index` },
      },
    ],
    annotations: { 'io.github.triton-compose.layer': `sha256:${hex}` },
  });
});
