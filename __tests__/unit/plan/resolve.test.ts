import { planNearestTags, resolveSourceImages } from '../../../src/plan/resolve.js';
import { RegistryClient } from '../../../src/registry/client.js';
import { parseSpec } from '../../../src/spec/spec.js';
import { type FakeRegistry, startFakeRegistry } from '../../helpers/fake-registry.js';

test.each<[string, string[], string[]]>([
  [
    'a release one month off: the same variant first',
    ['26.08-py3', '26.08-py3-min', '26.07-py3', '25.12-py3', '26.08-vllm-python-py3'],
    ['26.08-py3', '26.07-py3', '25.12-py3', '26.08-py3-min', '26.08-vllm-python-py3'],
  ],
  ['nothing listed', [], []],
])('nearest tags to 26.09-py3: %s', (_why, tags, expected) => {
  expect(planNearestTags('26.09-py3', tags)).toEqual(expected);
});

describe('a tag the registry does not have', () => {
  let reg: FakeRegistry;
  beforeAll(async () => {
    reg = await startFakeRegistry();
    const config = Buffer.from('{"architecture":"amd64","os":"linux","rootfs":{"type":"layers","diff_ids":[]}}');
    const configDigest = reg.putBlob('nvidia/tritonserver', config);
    const manifest = Buffer.from(
      JSON.stringify({
        schemaVersion: 2,
        mediaType: 'application/vnd.oci.image.manifest.v1+json',
        config: { mediaType: 'application/vnd.oci.image.config.v1+json', digest: configDigest, size: config.length },
        layers: [],
      }),
    );
    for (const tag of ['26.08-py3', '26.08-py3-min', '26.07-py3'])
      reg.putManifest('nvidia/tritonserver', tag, manifest, 'application/vnd.oci.image.manifest.v1+json');
  });
  afterAll(() => reg.close());

  test('is named as a person reads it, with the nearest tags the repository has', async () => {
    const spec = parseSpec({
      'full-image': `${reg.host}/nvidia/tritonserver:27.13-py3`,
      'min-image': `${reg.host}/nvidia/tritonserver:26.08-py3-min`,
    });
    await expect(resolveSourceImages(new RegistryClient({ retries: 0 }), spec, ['linux/amd64'])).rejects.toThrow(
      `${reg.host} has no tritonserver:27.13-py3 (${reg.host}/nvidia/tritonserver); nearest tags: 26.08-py3, 26.07-py3, 26.08-py3-min`,
    );
  });
});
