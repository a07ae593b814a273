// Drill: eight composes of release 24.01 with different part sets, started together into one
// repository with one cold cache folder between them. Every one must succeed, a part must be
// the same layer in every image that holds it, and each image must equal the one the same
// compose gives when run alone afterwards.
import { rm } from 'node:fs/promises';
import { dirname } from 'node:path';
import { RegistryClient } from '../../src/registry/client.js';
import { FIXTURES, type Parts, type Pins, RUN_ID, digestOf, makeDirs, pinFixtures, readTagState, runCompose } from '../helpers/drills.js';

// Small parts, each in several sets: what is tested is eight writers of the same layers (core,
// runtime-deps, serve, and each part below) into one repository and one cache folder at once,
// not the packing of big layers. onnxruntime (14 MB) and fil (5 MB) make uploads that overlap.
const SETS: Parts[] = [
  { backends: ['identity', 'repeat'], repoagents: ['checksum'] },
  { backends: ['onnxruntime', 'identity'] },
  { backends: ['square'], caches: ['local'] },
  { backends: ['identity', 'repeat', 'square'] },
  { backends: ['fil', 'onnxruntime'], repoagents: ['checksum'], caches: ['local'] },
  { backends: ['fil', 'square'] },
  { backends: ['repeat'], caches: ['redis'] },
  { backends: ['onnxruntime', 'fil', 'identity'], repoagents: ['checksum'] },
];
const together = `${FIXTURES}/drills/together-${RUN_ID}`;
const alone = `${FIXTURES}/drills/alone-${RUN_ID}`;
const client = new RegistryClient();

interface Report {
  digest: string;
  platforms: { parts: { name: string; digests: string[] }[] }[];
}

let dirs: { cacheHome: string; tempDir: string };
let pins: Pins;
beforeAll(async () => {
  dirs = await makeDirs('together');
  pins = await pinFixtures(client);
});
afterAll(async () => rm(dirname(dirs.cacheHome), { recursive: true, force: true }));

test('8 composes at once into one repository: all succeed, each part one layer, the same images as one by one', async () => {
  const spec = (repo: string, i: number, force = false) => ({
    source: FIXTURES,
    pins,
    tag: `${repo}:set${i}`,
    parts: SETS[i],
    force,
    ...dirs,
  });
  const runs = await Promise.all(SETS.map((_, i) => runCompose(spec(together, i))));
  console.log(`together: ${runs.map((r) => r.ms).join(', ')} ms`);
  const digests = runs.map(digestOf);
  const reports = runs.map((r) => JSON.parse(r.stdout) as Report);

  // Read every manifest back: its layers are the parts the report names, all present.
  const layerOf = new Map<string, Set<string>>();
  for (const [i, report] of reports.entries()) {
    const state = await readTagState(client, `${together}:set${i}`);
    expect(state.digest).toBe(digests[i]);
    expect(state.missing).toEqual([]);
    const parts = report.platforms[0].parts;
    expect(state.layers).toEqual(parts.flatMap((p) => p.digests));
    for (const p of parts) {
      const seen = layerOf.get(p.name) ?? new Set<string>();
      for (const d of p.digests) seen.add(d);
      layerOf.set(p.name, seen);
    }
  }
  // The same part is the same layer in every image that holds it (so it is stored once).
  // runtime-deps is not one part: it holds the packages the chosen backends need.
  const shared = [...layerOf].filter(([name]) => name !== 'base' && name !== 'runtime-deps');
  for (const [name, seen] of shared) expect([name, seen.size]).toEqual([name, 1]);
  expect(layerOf.get('base')?.size).toBe(3); // the min image's three layers

  // One by one afterwards, forced, into another repository: the same image digests.
  const sequential: string[] = [];
  const t0 = Date.now();
  for (const i of SETS.keys()) sequential.push(digestOf(await runCompose(spec(alone, i, true))));
  console.log(`one by one: ${Date.now() - t0} ms`);
  expect(sequential).toEqual(digests);
});
