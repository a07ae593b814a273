import { sha256 } from '../../../src/oci/digest.js';
import { MEDIA } from '../../../src/oci/types.js';
import { RegistryClient } from '../../../src/registry/client.js';
import {
  EMPTY_CONFIG,
  SPDX_JSON,
  attachReferrer,
  planReferrerManifest,
  planReferrersIndex,
  planReferrersTag,
} from '../../../src/registry/referrers.js';

const HEX = 'ab'.repeat(32);
const subject = { mediaType: MEDIA.ociManifest, digest: `sha256:${HEX}`, size: 1234, platform: { os: 'linux', architecture: 'amd64' } };
const data = Buffer.from('{"spdxVersion":"SPDX-2.3"}\n');
const blob = { data, mediaType: SPDX_JSON, artifactType: SPDX_JSON };

test('the artifact manifest: empty config, the blob as its one layer, the subject without extra fields', () => {
  const { manifest, body, descriptor } = planReferrerManifest(subject, {
    ...blob,
    annotations: { 'org.opencontainers.image.created': '2023-11-14T22:13:20Z' },
  });
  expect(manifest).toEqual({
    schemaVersion: 2,
    mediaType: MEDIA.ociManifest,
    artifactType: SPDX_JSON,
    config: { mediaType: 'application/vnd.oci.empty.v1+json', digest: sha256('{}'), size: 2 },
    layers: [{ mediaType: SPDX_JSON, digest: sha256(data), size: data.length }],
    subject: { mediaType: MEDIA.ociManifest, digest: `sha256:${HEX}`, size: 1234 },
    annotations: { 'org.opencontainers.image.created': '2023-11-14T22:13:20Z' },
  });
  expect(JSON.parse(body.toString())).toEqual(manifest);
  expect(descriptor).toEqual({
    mediaType: MEDIA.ociManifest,
    digest: sha256(body),
    size: body.length,
    artifactType: SPDX_JSON,
    annotations: { 'org.opencontainers.image.created': '2023-11-14T22:13:20Z' },
  });
  expect(EMPTY_CONFIG.digest).toBe('sha256:44136fa355b3678a1146ad16f7e8649e94fb4fc21fe77e8310c060f61caaff8a');
  expect(planReferrerManifest(subject, blob).manifest).not.toHaveProperty('annotations');
});

test('the referrers tag of a digest', () => {
  expect(planReferrersTag(`sha256:${HEX}`)).toBe(`sha256-${HEX}`);
  expect(() => planReferrersTag('sha256:../../x')).toThrow('not a sha256 digest');
});

describe('the referrers index', () => {
  const d = (n: string) => ({ mediaType: MEDIA.ociManifest, digest: `sha256:${n.repeat(64)}`, size: 10, artifactType: SPDX_JSON });
  test('a new one when the tag does not exist', () => {
    expect(planReferrersIndex(undefined, d('1'))).toEqual({ schemaVersion: 2, mediaType: MEDIA.ociIndex, manifests: [d('1')] });
  });
  test('the descriptor appended to what is there, nothing when it is there already', () => {
    const existing = { schemaVersion: 2, mediaType: MEDIA.ociIndex, manifests: [d('1')] };
    expect(planReferrersIndex(existing, d('2'))).toEqual({ schemaVersion: 2, mediaType: MEDIA.ociIndex, manifests: [d('1'), d('2')] });
    expect(planReferrersIndex(existing, d('1'))).toBeUndefined();
  });
  test('entries that are not descriptors are dropped', () => {
    const existing = { schemaVersion: 2, manifests: [null, 'x', { digest: '../../etc' }, { ...d('3'), size: '1' }, d('1')] };
    expect(planReferrersIndex(existing, d('2'))?.manifests).toEqual([d('1'), d('2')]);
  });
  test.each([null, 'text', [], { manifests: 'x' }, { mediaType: MEDIA.ociManifest, manifests: [] }])(
    'a tag holding %j is refused',
    (existing) => {
      expect(() => planReferrersIndex(existing, d('1'))).toThrow('something other than an OCI index');
    },
  );
});

/** A registry in memory: blobs and manifests by path, and whether it answers OCI-Subject. */
function fakeRegistry(referrersApi: boolean) {
  const store = new Map<string, { body: Buffer; type: string }>();
  const calls: string[] = [];
  const fetchImpl = (async (input: string | URL, init?: RequestInit) => {
    const url = new URL(String(input));
    const method = init?.method ?? 'GET';
    const path = url.pathname.replace('/v2/sbom/x/', '');
    calls.push(`${method} ${path}`);
    const headers = new Headers(init?.headers as Record<string, string>);
    const body = init?.body ? Buffer.from(init.body as Buffer) : Buffer.alloc(0);
    if (method === 'HEAD') return new Response(null, { status: store.has(path) ? 200 : 404 });
    if (method === 'POST') return new Response(null, { status: 202, headers: { location: '/v2/sbom/x/blobs/uploads/1' } });
    if (method === 'PUT' && path.startsWith('blobs/uploads/')) {
      store.set(`blobs/${url.searchParams.get('digest')}`, { body, type: '' });
      return new Response(null, { status: 201 });
    }
    if (method === 'PUT') {
      store.set(path, { body, type: headers.get('content-type') ?? '' });
      const subject = (JSON.parse(body.toString()) as { subject?: { digest: string } }).subject;
      return new Response(null, { status: 201, headers: referrersApi && subject ? { 'oci-subject': subject.digest } : {} });
    }
    const hit = store.get(path);
    return hit ? new Response(hit.body, { status: 200, headers: { 'content-type': hit.type } }) : new Response('{}', { status: 404 });
  }) as typeof fetch;
  return { store, calls, client: new RegistryClient({ fetchImpl, retries: 0 }) };
}

const ref = { registry: '127.0.0.1:5000', repository: 'sbom/x' };

test('a registry with the referrers API: blobs and the manifest by digest, no tag', async () => {
  const reg = fakeRegistry(true);
  const r = await attachReferrer(reg.client, ref, subject, blob);
  const { descriptor } = planReferrerManifest(subject, blob);
  expect(r).toEqual({ digest: descriptor.digest, referrersApi: true });
  expect([...reg.store.keys()].sort()).toEqual(
    [`blobs/${EMPTY_CONFIG.digest}`, `blobs/${sha256(data)}`, `manifests/${descriptor.digest}`].sort(),
  );
});

test('a registry without it: the referrers tag index is made, then left alone on a second attach', async () => {
  const reg = fakeRegistry(false);
  const r = await attachReferrer(reg.client, ref, subject, blob);
  const { descriptor } = planReferrerManifest(subject, blob);
  expect(r).toEqual({ digest: descriptor.digest, referrersApi: false, fallbackTag: `sha256-${HEX}`, indexUpdated: true });
  const index = reg.store.get(`manifests/sha256-${HEX}`);
  expect(index?.type).toBe(MEDIA.ociIndex);
  expect(JSON.parse(index?.body.toString() ?? '')).toEqual({ schemaVersion: 2, mediaType: MEDIA.ociIndex, manifests: [descriptor] });
  reg.calls.length = 0;
  expect(await attachReferrer(reg.client, ref, subject, blob)).toEqual({ ...r, indexUpdated: false });
  expect(reg.calls.filter((c) => c.startsWith('PUT'))).toEqual([`PUT manifests/${descriptor.digest}`]);
});
