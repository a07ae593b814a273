// The SBOM of a direct assembly is attached to the manifest the assembly wrote, with the
// descriptor the assembly already knows: no request reads that manifest back.
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCompose } from '../../../../src/compose/compose.js';
import { MEDIA } from '../../../../src/oci/types.js';
import { RegistryClient } from '../../../../src/registry/client.js';
import { SPDX_JSON } from '../../../../src/registry/referrers.js';
import { parseSpec } from '../../../../src/spec/spec.js';
import { type FakeRegistry, startFakeRegistry } from '../../../helpers/fake-registry.js';
import { pushTinyPair } from '../../../helpers/tiny-images.js';

let root: string;
let fake: FakeRegistry;
beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), 'sbom-stage-'));
  fake = await startFakeRegistry();
  await pushTinyPair(fake);
});
afterEach(async () => {
  await fake.close();
  await rm(root, { recursive: true, force: true });
});

test('a direct assembly: the SBOM refers to the written manifest, which is never read back', async () => {
  const spec = parseSpec({
    'full-image': `${fake.host}/full:1`,
    'min-image': `${fake.host}/min:1`,
    gpu: 'false',
    backends: 'python,onnxruntime',
    tags: `${fake.host}/out:v1`,
    push: 'true',
  });
  const quiet = { info: () => undefined, warning: () => undefined, startGroup: () => undefined, endGroup: () => undefined };
  const { result, failure } = await runCompose(spec, {
    version: 'test',
    tempRoot: root,
    cacheDir: join(root, 'toc'),
    buildCacheDir: join(root, 'bk'),
    log: quiet,
    registry: new RegistryClient({ retries: 0, timeoutMs: 5_000 }),
  });
  if (failure) throw failure;
  const digest = result?.report.digest ?? '';
  const written = fake.manifest('out', 'v1');
  expect(result?.report.assembly?.mode).toBe('direct');
  expect(written?.mediaType).toBe(MEDIA.ociManifest);
  // the referrers tag schema's index (the fake has no referrers API) names the SBOM's manifest
  const referrers = JSON.parse(fake.manifest('out', digest.replace(':', '-'))?.body.toString('utf8') ?? '{}') as {
    manifests: { digest: string; artifactType: string }[];
  };
  expect(referrers.manifests.map((m) => [m.digest, m.artifactType])).toEqual([[result?.report.sbom?.referrer, SPDX_JSON]]);
  const sbom = JSON.parse(fake.manifest('out', result?.report.sbom?.referrer ?? '')?.body.toString('utf8') ?? '{}') as {
    subject: { mediaType: string; digest: string; size: number };
  };
  expect(sbom.subject).toEqual({ mediaType: MEDIA.ociManifest, digest, size: written?.body.length });
  expect(JSON.parse(await readFile(result?.sbomPath ?? '', 'utf8'))).toMatchObject({ spdxVersion: 'SPDX-2.3' });
  // the manifest is put by the tag, then nothing asks for it by tag or digest
  const reads = fake.log.filter(
    (r) => r.method === 'GET' && (r.path === '/v2/out/manifests/v1' || r.path === `/v2/out/manifests/${digest}`),
  );
  expect(reads).toEqual([]);
});
