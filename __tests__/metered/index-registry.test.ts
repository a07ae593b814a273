// Layer indexes kept in the user's registry (index-repository), against the test bed's
// registry: a compose on an empty cache folder streams the full image's own layers once and
// leaves one artifact per layer; a compose on another empty folder, as another machine would
// start, restores them and reads the full image by ranges only, and min not at all; and one
// composing into the repository that holds the part layers finds their piece records there
// too, and reads and writes no layer at all.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AccessLog, findRegistryLog, uploadedBlobs } from '../../scripts/lib/access-log.js';
import { type ComposeResult, runCompose } from '../../src/compose/compose.js';
import { ARTIFACT_TYPE, MEDIA_INDEX, MEDIA_TOC, planArtifactTag } from '../../src/cache/index-repository.js';
import { PIECE_ARTIFACT_TYPE } from '../../src/direct/piece-repository.js';
import { requireReference } from '../../src/oci/reference.js';
import { RegistryClient } from '../../src/registry/client.js';
import { parseSpec } from '../../src/spec/spec.js';
import { type Manifest } from '../../src/oci/types.js';

const R = '127.0.0.1:5000';
const AMD64 = { os: 'linux', architecture: 'amd64' };
const client = new RegistryClient();
const accessLog = new AccessLog(findRegistryLog(process.cwd()));
const quiet = { info: () => undefined, warning: () => undefined, startGroup: () => undefined, endGroup: () => undefined };
// repositories of this run only: what earlier runs left in the registry must not help
const run = Date.now();
const store = `${R}/index-store/run-${run}`;
const target = `index-registry/run-${run}`;
let work: string;

beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'index-registry-'));
});
afterAll(async () => {
  await rm(work, { recursive: true, force: true });
});

async function compose(tag: string, cacheDir: string, repository = target): Promise<ComposeResult> {
  const spec = parseSpec({
    'container-version': '25.01',
    'full-image': `${R}/tritonserver:25.01-py3-metered`,
    'min-image': `${R}/tritonserver:25.01-py3-min-metered`,
    backends: 'python,onnxruntime',
    tags: `${R}/${repository}:${tag}`,
    push: 'true',
    force: 'true',
    'index-repository': store,
  });
  const { result, failure } = await runCompose(spec, {
    version: 'test',
    tempRoot: work,
    cacheDir,
    buildCacheDir: join(work, 'bk'),
    log: quiet,
    registry: client,
  });
  if (failure) throw failure;
  if (!result) throw new Error('no result');
  return result;
}

test('an artifact per layer and per piece is saved after a cold compose; other machines restore them instead of streaming', async () => {
  const [full, min] = await Promise.all(
    ['25.01-py3-metered', '25.01-py3-min-metered'].map((t) => client.resolve(requireReference(`${R}/tritonserver:${t}`), AMD64)),
  );
  const minLayers = new Set(min.manifest.layers.map((l) => l.digest));
  const own = full.manifest.layers.map((l) => l.digest).filter((d) => !minLayers.has(d));

  const cold = await compose('cold', join(work, 'machine-a'));
  expect(new Set(cold.report.selective?.coldLayers.map((l) => l.digest))).toEqual(new Set(own));
  for (const d of [...minLayers, ...own]) {
    const m = JSON.parse(
      (await client.getManifest(requireReference(`${store}:${planArtifactTag(d)}`))).body.toString('utf8'),
    ) as Manifest & { artifactType: string; annotations: Record<string, string> };
    expect(m.artifactType).toBe(ARTIFACT_TYPE);
    expect(m.annotations['io.github.triton-compose.layer']).toBe(d);
    // full's own layers with their index, min's with their listing alone
    expect(m.layers.map((l) => l.mediaType)).toEqual(minLayers.has(d) ? [MEDIA_TOC] : [MEDIA_TOC, MEDIA_INDEX]);
  }

  // one piece record per part layer written, each naming a layer of the result
  const tags = (await (await client.request(requireReference(store), 'GET', 'tags/list')).json()) as { tags: string[] };
  const pieceTags = tags.tags.filter((t) => t.startsWith('piece-v1-'));
  const result = await client.resolve(requireReference(`${R}/${target}:cold`), AMD64);
  const resultLayers = new Set(result.manifest.layers.map((l) => l.digest));
  expect(pieceTags.length).toBeGreaterThan(2);
  for (const t of pieceTags) {
    const m = JSON.parse((await client.getManifest(requireReference(`${store}:${t}`))).body.toString('utf8')) as Manifest & {
      artifactType: string;
      annotations: Record<string, string>;
    };
    expect(m.artifactType).toBe(PIECE_ARTIFACT_TYPE);
    expect(`piece-v1-${m.annotations['io.github.triton-compose.piece']}`).toBe(t);
    expect(resultLayers.has((JSON.parse(m.annotations['io.github.triton-compose.piece-record']) as { digest: string }).digest)).toBe(true);
  }

  // Another machine, another repository: the part layers are not there, so it reads full's
  // own layers by ranges only, and min's not at all.
  let mark = await accessLog.mark();
  const warm = await compose('warm', join(work, 'machine-b'), `${target}-other`);
  let entries = (await accessLog.since(mark)).filter((e) => e.kind === 'blob' && e.method === 'GET');
  expect(warm.report.selective?.coldLayers).toEqual([]);
  expect(warm.report.selective?.warmLayers).toBe(own.length);
  expect(warm.report.selective?.reusedLayers).toBeUndefined();
  expect(entries.filter((e) => own.includes(e.reference ?? '') && e.status !== 206)).toEqual([]);
  expect(entries.filter((e) => own.includes(e.reference ?? '')).length).toBeGreaterThan(0);
  expect(entries.filter((e) => minLayers.has(e.reference ?? ''))).toEqual([]);
  // the same image from either machine
  expect(warm.report.digest).toBe(cold.report.digest);

  // A third machine, into the repository that holds the part layers: the piece records say
  // which they are, so not a byte of either image is read and no layer is sent.
  mark = await accessLog.mark();
  const fresh = await compose('fresh', join(work, 'machine-c'));
  const all = await accessLog.since(mark);
  entries = all.filter((e) => e.kind === 'blob' && e.method === 'GET');
  expect(entries.filter((e) => own.includes(e.reference ?? '') || minLayers.has(e.reference ?? ''))).toEqual([]);
  // (what it uploads is its SBOM, which names the tag)
  const image = new Set([...resultLayers, result.manifest.config.digest]);
  expect(uploadedBlobs(all).filter((b) => image.has(b.digest))).toEqual([]);
  expect(fresh.report.selective?.reusedLayers).toBe(pieceTags.length);
  expect(fresh.report.digest).toBe(cold.report.digest);
});
