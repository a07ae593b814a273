// The SBOM attached to a pushed image as an OCI 1.1 referrer, against the test bed's registry
// (distribution 2.8, which has no referrers API): a tiny image is pushed, its SBOM attached,
// and the referrers tag index, the artifact manifest and the blob are read back.
import { gzipSync } from 'node:zlib';
import { checkSpdx } from '../helpers/spdx-schema.js';
import { sha256 } from '../../src/oci/digest.js';
import { requireReference } from '../../src/oci/reference.js';
import { type Index, MEDIA, type Manifest } from '../../src/oci/types.js';
import { RegistryClient } from '../../src/registry/client.js';
import { SPDX_JSON, attachReferrer, fetchManifestDescriptor, planReferrerManifest } from '../../src/registry/referrers.js';
import { renderSbomJson } from '../../src/report/sbom.js';

const client = new RegistryClient();
const tag = `run-${Date.now()}`;
const ref = requireReference(`127.0.0.1:5000/sbom-test/tiny:${tag}`);

/**
 * A one-layer image (an empty tar) pushed under `ref`'s tag; its manifest's digest. The run's
 * tag is a label, so every run has its own subject and referrers tag to start from.
 */
async function pushTinyImage(): Promise<string> {
  const layer = gzipSync(Buffer.alloc(1024));
  const config = Buffer.from(
    JSON.stringify({
      architecture: 'amd64',
      os: 'linux',
      rootfs: { type: 'layers', diff_ids: [sha256(Buffer.alloc(1024))] },
      config: { Labels: { run: tag } },
    }),
  );
  await client.pushBlob(ref, sha256(layer), layer);
  await client.pushBlob(ref, sha256(config), config);
  const manifest: Manifest = {
    schemaVersion: 2,
    mediaType: MEDIA.ociManifest,
    config: { mediaType: MEDIA.ociConfig, digest: sha256(config), size: config.length },
    layers: [{ mediaType: MEDIA.ociLayerGzip, digest: sha256(layer), size: layer.length }],
  };
  return client.putManifest(ref, tag, Buffer.from(JSON.stringify(manifest)), MEDIA.ociManifest);
}

const sbomOf = (digest: string, created: number) =>
  Buffer.from(
    renderSbomJson({
      image: { repository: `${ref.registry}/${ref.repository}`, tag, digest, platform: 'linux/amd64' },
      created,
      tool: { name: 'triton-compose', version: 'test' },
      distro: { id: 'ubuntu', versionId: '22.04' },
      debs: [{ name: 'libc6', version: '2.35-0ubuntu3.6', arch: 'amd64', source: 'glibc' }],
      python: [{ name: 'numpy', version: '1.26.4' }],
      triton: { version: '2.42.0', parts: [{ name: 'python', kind: 'backend' }] },
    }),
  );

test('an SBOM is attached as a referrer: the referrers tag lists it, the artifact names the image, the blob is the document', async () => {
  const digest = await pushTinyImage();
  const subject = await fetchManifestDescriptor(client, ref, digest);
  expect(subject).toEqual({ mediaType: MEDIA.ociManifest, digest, size: expect.any(Number) });
  const sbom = sbomOf(digest, 1_700_000_000);
  const blob = { data: sbom, mediaType: SPDX_JSON, artifactType: SPDX_JSON };

  const result = await attachReferrer(client, ref, subject, blob);
  const { descriptor } = planReferrerManifest(subject, blob);
  const fallbackTag = `sha256-${digest.slice(7)}`;
  expect(result).toEqual({ digest: descriptor.digest, referrersApi: false, fallbackTag, indexUpdated: true });

  const index = JSON.parse((await client.getManifest(ref, fallbackTag)).body.toString()) as Index;
  expect(index).toEqual({ schemaVersion: 2, mediaType: MEDIA.ociIndex, manifests: [descriptor] });

  const artifact = await client.getManifest(ref, result.digest);
  const manifest = JSON.parse(artifact.body.toString()) as Manifest & { artifactType: string; subject: unknown };
  expect(manifest.artifactType).toBe(SPDX_JSON);
  expect(manifest.subject).toEqual(subject);
  expect(manifest.config.mediaType).toBe('application/vnd.oci.empty.v1+json');
  expect((await client.getBlob(ref, manifest.config.digest)).toString()).toBe('{}');
  expect(manifest.layers).toEqual([{ mediaType: SPDX_JSON, digest: sha256(sbom), size: sbom.length }]);
  const back = await client.getBlob(ref, manifest.layers[0].digest);
  expect(back.equals(sbom)).toBe(true);
  expect(checkSpdx(JSON.parse(back.toString()))).toEqual([]);

  // The same SBOM again changes nothing; another one joins the list.
  expect(await attachReferrer(client, ref, subject, blob)).toEqual({ ...result, indexUpdated: false });
  const later = { ...blob, data: sbomOf(digest, 1_700_000_600) };
  const second = await attachReferrer(client, ref, subject, later);
  expect(second.indexUpdated).toBe(true);
  const both = JSON.parse((await client.getManifest(ref, fallbackTag)).body.toString()) as Index;
  expect(both.manifests.map((d) => d.digest)).toEqual([result.digest, second.digest]);
  // The image itself is untouched.
  expect(await client.headManifest(ref)).toBe(digest);
});
