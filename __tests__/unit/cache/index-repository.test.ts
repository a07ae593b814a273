import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  ARTIFACT_TYPE,
  type ArtifactFile,
  MEDIA_INDEX,
  MEDIA_TOC,
  RegistryLayerStore,
  planArtifactManifest,
  planArtifactTag,
} from '../../../src/cache/index-repository.js';
import { layerCacheFiles } from '../../../src/layer/cache-files.js';
import type { ImageRef } from '../../../src/oci/reference.js';
import type { Manifest } from '../../../src/oci/types.js';
import type { RegistryClient } from '../../../src/registry/client.js';

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

/** A client whose calls take a while, in an order of their own, counting how many run at once. */
function slowClient(opts: { failManifestOf?: string; held?: (tag: string) => Manifest | undefined }) {
  const calls = { now: 0, most: 0, pushed: [] as string[], manifests: [] as string[] };
  const slow = async <T>(ms: number, work: () => T): Promise<T> => {
    calls.most = Math.max(calls.most, ++calls.now);
    await new Promise((r) => setTimeout(r, ms));
    calls.now--;
    return work();
  };
  const delay = (tag: string) => 5 + (parseInt(tag.slice(-2), 16) % 7) * 4; // ends out of order
  const client = {
    getManifestIfAny: (ref: ImageRef) =>
      slow(delay(ref.tag as string), () => {
        if (opts.failManifestOf && ref.tag?.endsWith(opts.failManifestOf)) throw new Error('502 Bad Gateway');
        const doc = opts.held?.(ref.tag as string);
        return doc ? { body: Buffer.from(JSON.stringify(doc)), mediaType: doc.mediaType, digest: 'sha256:x' } : undefined;
      }),
    getBlob: (_from: ImageRef, digest: string) => slow(3, () => Buffer.from(`blob ${digest}`)),
    pushBlob: (ref: ImageRef, digest: string) => slow(delay(ref.tag as string), () => void calls.pushed.push(digest)),
    putManifest: (_to: ImageRef, tag: string) => slow(2, () => void calls.manifests.push(tag)),
  };
  return { calls, client: client as unknown as RegistryClient };
}

const REPO: ImageRef = { registry: 'r.example', repository: 'store' };
const layerDigest = (i: number) => `sha256:${String(i).padStart(2, '0').repeat(32)}`;

test('restore: layers four at a time, each counted by what it brought back, a failure warned of in the layers order', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'store-'));
  try {
    const digests = Array.from({ length: 9 }, (_, i) => layerDigest(i + 1));
    const files = (d: string): ArtifactFile[] => [
      { mediaType: MEDIA_TOC, data: Buffer.from('t'), name: 'a.toc.json.gz' } as ArtifactFile,
      ...(d === layerDigest(3) ? [] : [{ mediaType: MEDIA_INDEX, data: Buffer.from('i'), name: 'a.layer-index' } as ArtifactFile]),
    ];
    const byTag = new Map(digests.map((d) => [planArtifactTag(d) as string, planArtifactManifest(d, files(d))]));
    byTag.delete(planArtifactTag(layerDigest(7)) as string); // the repository lacks one
    const { calls, client } = slowClient({ held: (tag) => byTag.get(tag), failManifestOf: layerDigest(5).slice(-64) });
    const warnings: string[] = [];
    const store = new RegistryLayerStore(client, REPO, dir, { info: () => undefined, warning: (m) => void warnings.push(m) });
    // one layer present already: not asked for
    const [toc1, index1] = layerCacheFiles(dir, layerDigest(1));
    await writeFile(toc1, 't');
    await writeFile(index1, 'i');
    expect(await store.restore([...digests, layerDigest(2)])).toEqual({ layers: 9, present: 1, restoredIndex: 5, restoredToc: 1 });
    expect(calls.most).toBe(4);
    expect(warnings).toEqual([`index-repository: could not restore ${layerDigest(5)} from r.example/store: 502 Bad Gateway`]);
    expect(await readFile(layerCacheFiles(dir, layerDigest(3))[0], 'utf8')).toMatch(/^blob sha256:/);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

test('save: layers four at a time, saved and failed tags in the layers order whatever order they end in', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'store-'));
  try {
    const digests = Array.from({ length: 7 }, (_, i) => layerDigest(i + 11));
    for (const d of digests.filter((d) => d !== layerDigest(13))) {
      const [toc, index] = layerCacheFiles(dir, d);
      await writeFile(toc, `toc ${d}`);
      await writeFile(index, `index ${d}`);
    }
    // the repository holds one already, with its index
    const heldTag = planArtifactTag(layerDigest(12)) as string;
    const held = planArtifactManifest(layerDigest(12), [
      { mediaType: MEDIA_TOC, data: Buffer.from('t'), name: 'a' },
      { mediaType: MEDIA_INDEX, data: Buffer.from('i'), name: 'b' },
    ]);
    const { calls, client } = slowClient({
      held: (tag) => (tag === heldTag ? held : undefined),
      failManifestOf: layerDigest(16).slice(-64),
    });
    const warnings: string[] = [];
    const store = new RegistryLayerStore(client, REPO, dir, { info: () => undefined, warning: (m) => void warnings.push(m) });
    const tag = (i: number) => planArtifactTag(layerDigest(i)) as string;
    expect(await store.save(digests)).toEqual({ saved: [tag(11), tag(14), tag(15), tag(17)], failed: [tag(16)] });
    expect(calls.most).toBe(4);
    expect(calls.manifests.sort()).toEqual([tag(11), tag(14), tag(15), tag(17)].sort());
    expect(warnings).toEqual([`index-repository: could not save ${layerDigest(16)} to r.example/store: 502 Bad Gateway`]);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});
