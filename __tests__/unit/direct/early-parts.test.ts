// Parts written while min's layers are still listed: the full image's parts are sent once its
// own layers are indexed, the assembly takes them under its own piece keys, and the image has
// the layers a compose without them writes. A piece planned otherwise is not taken.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { assembleDirect } from '../../../src/direct/assemble.js';
import { planEarlyParts } from '../../../src/compose/stages/views.js';
import { planCompose } from '../../../src/plan/plan.js';
import { planEarlyPieces, planGroupWritable, planPieces } from '../../../src/plan/pieces.js';
import { requireReference } from '../../../src/oci/reference.js';
import { parseSpec } from '../../../src/spec/spec.js';
import { type FakeRegistry, startFakeRegistry } from '../../helpers/fake-registry.js';
import { type PrepareOptions, prepareDirect, readBack } from '../../helpers/direct-run.js';
import { type PushedImage, pushTinyPair } from '../../helpers/tiny-images.js';

let work: string;
const running: FakeRegistry[] = [];
beforeEach(async () => {
  work = await mkdtemp(join(tmpdir(), 'early-parts-'));
});
afterEach(async () => {
  await Promise.all(running.splice(0).map((r) => r.close()));
  await rm(work, { recursive: true, force: true });
});

async function registry(): Promise<{ fake: FakeRegistry; min: PushedImage }> {
  const fake = await startFakeRegistry();
  running.push(fake);
  const { min } = await pushTinyPair(fake);
  return { fake, min };
}

const partUploads = (fake: FakeRegistry) => fake.log.filter((e) => e.method === 'PUT' && /^\/v2\/out\/blobs\/uploads\//.test(e.path));

/**
 * Keeps the body of min's last layer from the registry until `uploads` layers have been put in
 * `out` (or 5 s have passed): its listing is then still open while full's own layers are
 * indexed. Says which of the two let it go.
 */
function holdMinListing(fake: FakeRegistry, min: PushedImage, uploads: number): { by: () => string } {
  let by = 'not yet';
  const until = new Promise<void>((resolve) => {
    const timer = setTimeout(() => {
      by = 'timeout';
      clearInterval(poll);
      resolve();
    }, 5_000);
    const poll = setInterval(() => {
      if (partUploads(fake).length < uploads) return;
      by = 'uploads';
      clearTimeout(timer);
      clearInterval(poll);
      resolve();
    }, 5);
  });
  const last = min.layers[min.layers.length - 1].digest;
  fake.rules.push({ method: 'GET', path: new RegExp(`^/v2/min/blobs/${last}$`), fault: { kind: 'hold', until } });
  return { by: () => by };
}

async function composeWith(opts: PrepareOptions, hold?: number) {
  const { fake, min } = await registry();
  const held = hold === undefined ? undefined : holdMinListing(fake, min, hold);
  const { input, lines } = await prepareDirect(fake, work, { dir: hold === undefined ? 'plain' : 'early', ...opts });
  const heldBy = held?.by();
  const uploadsBeforePlan = partUploads(fake).length;
  const out = await assembleDirect(input);
  return { fake, out, lines, heldBy, uploadsBeforePlan, image: readBack(fake, 'out', 'v1') };
}

test("the full image's parts are written while min is listed, and the assembly takes them: the same layers", async () => {
  const plain = await composeWith({});
  const early = await composeWith({ early: {} }, 2);

  // min's listing was let go by the two part layers' uploads, before the views (and the plan) were done
  expect(early.heldBy).toBe('uploads');
  expect(early.uploadsBeforePlan).toBe(2);
  expect(early.lines.info).toContain("linux/amd64: writing onnxruntime, python while min's layers are still listed");
  // the same layers (the images differ only in the registry their sources are named in)
  expect(early.image.manifest.layers).toEqual(plain.image.manifest.layers);
  expect(early.image.config.rootfs).toEqual(plain.image.config.rootfs);
  // each part layer is sent once: the assembly sent the three others and took the two
  expect(partUploads(early.fake)).toHaveLength(partUploads(plain.fake).length);
  expect(early.out).toMatchObject({ written: 5, reused: 0, uploaded: plain.out.uploaded });
  expect(early.out.fetch).toEqual(plain.out.fetch);
  const wrote = (lines: string[]) => lines.filter((l) => / B compressed \(sha256:/.test(l)).sort();
  expect(wrote(early.lines.info)).toEqual(wrote(plain.lines.info));
});

test('a piece the plan makes otherwise is not taken: the assembly writes its own, and the early layer is counted as sent', async () => {
  const plain = await composeWith({});
  // as arbitrary-user would make them, which this compose is not: other owners and modes, other keys
  const spec = parseSpec({
    'full-image': 'r.example/full:1',
    'min-image': 'r.example/min:1',
    backends: 'python,onnxruntime',
    'arbitrary-user': 'true',
  });
  const otherwise = planEarlyPieces(spec);
  const early = await composeWith({ early: { pieces: otherwise } }, 2);

  expect(early.heldBy).toBe('uploads');
  expect(early.image.manifest.layers).toEqual(plain.image.manifest.layers);
  // two early layers nobody takes, then all five of the assembly's
  expect(partUploads(early.fake)).toHaveLength(partUploads(plain.fake).length + 2);
  expect(early.out.written).toBe(5);
  expect(early.out.uploaded).toBeGreaterThan(plain.out.uploaded);
});

test('with every listing cached, nothing more is written before the plan', async () => {
  const { fake, min } = await registry();
  const held = holdMinListing(fake, min, 2);
  const { input, lines } = await prepareDirect(fake, work, { early: {}, warm: true });
  expect(held.by()).toBe('uploads');
  // the cold read's line alone: the warm read, its listings cached, offered nothing
  expect(lines.info.filter((l) => l.includes('while min'))).toHaveLength(1);
  expect(partUploads(fake)).toHaveLength(2);
  const out = await assembleDirect(input);
  expect(out).toMatchObject({ written: 5, reused: 0 });
  expect(partUploads(fake)).toHaveLength(6); // the five part layers and the config
});

describe('planEarlyPieces', () => {
  const base = { 'full-image': 'r.example/full:1', 'min-image': 'r.example/min:1' };

  test('the part pieces planPieces makes once the plan is made, from the spec alone', async () => {
    const { fake } = await registry();
    for (const extra of [{}, { 'arbitrary-user': 'true' }] as Record<string, string>[]) {
      const { input } = await prepareDirect(fake, work, { dir: `p${Object.keys(extra).length}`, inputs: extra });
      const spec = parseSpec({
        'full-image': `${fake.host}/full:1`,
        'min-image': `${fake.host}/min:1`,
        gpu: 'false',
        backends: 'python,onnxruntime',
        ...extra,
      });
      const plan = planCompose(spec, input.sources, ['linux/amd64']);
      const writable = planGroupWritable(spec);
      if (writable) plan.groupWritable = writable;
      const parts = planPieces(plan, 'linux/amd64').filter((p) => p.kind === 'backend');
      expect(planEarlyPieces(spec)).toEqual(parts);
    }
  });

  test('apt mode, and parts from another source, are left to the plan', () => {
    expect(planEarlyPieces(parseSpec({ ...base, backends: 'python', 'runtime-deps': 'apt', 'container-version': '24.01' }))).toEqual([]);
    const spec = parseSpec({ ...base, backends: 'python,vllm@llm', sources: 'llm=r.example/vllm:1' });
    expect(planEarlyPieces(spec).map((p) => p.name)).toEqual(['python']);
  });

  test('planEarlyParts: only where the compose writes the image itself, to the first repository', () => {
    const tags = [requireReference('r.example/out:v1'), requireReference('r.example/mirror:v1')];
    const spec = parseSpec({ ...base, backends: 'python', tags: 'r.example/out:v1', push: 'true' });
    expect(planEarlyParts(spec, tags)?.to).toMatchObject({ registry: 'r.example', repository: 'out' });
    expect(planEarlyParts({ ...spec, dryRun: true }, tags)).toBeUndefined();
    expect(planEarlyParts({ ...spec, assembly: 'buildx' }, tags)).toBeUndefined();
    expect(planEarlyParts(spec, [])).toBeUndefined();
    expect(planEarlyParts({ ...spec, backends: [] }, tags)).toBeUndefined();
  });
});
