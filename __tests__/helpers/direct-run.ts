// A direct assembly's input made as the compose stages make it, from source images in the fake
// registry (resolve, selective views, plan, the compose key's label and annotations), and the
// image a tag names read back from it: manifest, config and each layer's tar.
import { createHash } from 'node:crypto';
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import type { FakeRegistry } from './fake-registry.js';
import type { DirectInput } from '../../src/direct/assemble.js';
import { COMPOSE_KEY, planComposeKey, planKeyAnnotations } from '../../src/compose/key.js';
import { planSourceDateEpoch } from '../../src/compose/source-date-epoch.js';
import { planMinIndex } from '../../src/compose/stages/views.js';
import { planCompose } from '../../src/plan/plan.js';
import { planAddedEntries } from '../../src/selective/added.js';
import { type Piece, planColdKeep, planEarlyPieces, planExtraColdKeep } from '../../src/plan/pieces.js';
import { EarlyParts } from '../../src/direct/early-parts.js';
import { MEMORY_STAGE_BYTES } from '../../src/direct/assemble.js';
import { MemoryStage } from '../../src/layer/memory-stage.js';
import { distinctRepositories } from '../../src/registry/copy.js';
import { resolveSourceImages } from '../../src/plan/resolve.js';
import { RegistryClient, type RegistryOptions } from '../../src/registry/client.js';
import { type SelectiveViews, readSelectiveViews } from '../../src/selective/views.js';
import { type TrimPlan, planTrim } from '../../src/plan/trim.js';
import { parseSpec } from '../../src/spec/spec.js';
import type { ImageConfig, Manifest } from '../../src/oci/types.js';
import { requireReference } from '../../src/oci/reference.js';

export const sha = (b: Buffer) => `sha256:${createHash('sha256').update(b).digest('hex')}`;
/** The parts of a compose of the tiny images keeping onnxruntime and python, in order. */
export const PARTS = ['base', 'runtime-deps', 'core', 'onnxruntime', 'python', 'serve'];

export interface Run {
  input: DirectInput;
  lines: { info: string[]; warning: string[] };
}

export interface PrepareOptions {
  /** Subfolder of `work` for the cache and staging folders; default `a`. */
  dir?: string;
  tags?: string;
  labels?: string;
  /** Read the views a second time, from the cached indexes: the parts are then fetched by ranges. */
  warm?: boolean;
  platforms?: string[];
  client?: RegistryOptions;
  /** trim: safe, decided from min's tables of contents as the trim stage decides it. */
  trim?: boolean;
  /** More inputs (e.g. sources, and backends naming name@source). */
  inputs?: Record<string, string>;
  /**
   * As the compose's views stage does for a direct assembly: the parts full gives written while
   * min is still listed (the cold read only), with these pieces (default: planEarlyPieces').
   */
  early?: { pieces?: Piece[] };
}

/**
 * The input of a direct assembly of `full:1` on `min:1` as the compose stages make it: sources
 * resolved, full's layers indexed (cold the first time, from the cache folder after), the plan,
 * the key's label and annotations.
 */
export async function prepareDirect(fake: FakeRegistry, work: string, opts: PrepareOptions = {}): Promise<Run> {
  const platforms = opts.platforms ?? ['linux/amd64'];
  const spec = parseSpec({
    'full-image': `${fake.host}/full:1`,
    'min-image': `${fake.host}/min:1`,
    gpu: 'false',
    backends: 'python,onnxruntime',
    tags: opts.tags ?? `${fake.host}/out:v1`,
    labels: opts.labels ?? '',
    push: 'true',
    ...opts.inputs,
  });
  const client = new RegistryClient({ retries: 2, timeoutMs: 5_000, ...opts.client });
  const images = await resolveSourceImages(client, spec, platforms);
  const cacheDir = join(work, opts.dir ?? 'a', 'cache');
  const stageDir = join(work, opts.dir ?? 'a', 'stage');
  // as the compose's views stage does for a trim: min's layers indexed as they are listed
  const indexMin = opts.trim ? planMinIndex({ ...spec, trim: SAFE }) : undefined;
  const lines = { info: [] as string[], warning: [] as string[] };
  const log = { info: (m: string) => void lines.info.push(m), warning: (m: string) => void lines.warning.push(m) };
  const epoch = planSourceDateEpoch(images.full.platforms[platforms[0]].config.created);
  const memory = new MemoryStage(MEMORY_STAGE_BYTES);
  const tags = spec.tags.map((t) => requireReference(t));
  const early = opts.early
    ? new EarlyParts(
        { client, epoch, stageDir, cacheDir, log, memory },
        spec.images.full,
        distinctRepositories(tags)[0],
        opts.early.pieces ?? planEarlyPieces(spec),
      )
    : undefined;
  const read = (cold: boolean) =>
    readSelectiveViews(client, spec, images, platforms, {
      cacheDir,
      stageDir,
      coldKeep: planColdKeep(spec),
      extraColdKeep: planExtraColdKeep(spec),
      ...(indexMin ? { indexMin } : {}),
      ...(early && cold ? { onOwnIndexed: (p, layers, tocs) => early.start(p, layers, tocs) } : {}),
    });
  let views = await read(true);
  if (opts.warm) {
    await early?.settle();
    await rm(stageDir, { recursive: true, force: true });
    views = await read(false);
  }
  const key = planComposeKey(spec, {
    version: '0.0.0-test',
    sources: { full: images.full.digest, min: images.min.digest },
    platforms,
    sourceDateEpoch: epoch,
  });
  const plan = planCompose(spec, views.sources, platforms);
  // add's entries from images (the workspace's are staged by the test that gives them).
  if (spec.add.some((a) => a.image)) plan.added = planAddedEntries(spec.add, [], views.sources.extra);
  const input: DirectInput = {
    client,
    plan,
    views,
    sources: views.sources,
    full: spec.images.full,
    extraSources: Object.fromEntries(spec.sources.map((x) => [x.name, x.ref])),
    min: spec.images.min,
    tags,
    epoch,
    labels: [...spec.labels, `${COMPOSE_KEY}=${key}`],
    annotations: [...spec.annotations, ...planKeyAnnotations(key, platforms)],
    tool: 'triton-compose 0.0.0-test',
    stageDir,
    cacheDir,
    ...(opts.trim ? { trim: planTrims(views, platforms) } : {}),
    log,
    ...(early ? { early, memory } : {}),
  };
  return { input, lines };
}

const SAFE = { level: 'safe' as const, keep: [], drop: [] };

/** trim: safe of each platform's min, from the tables of contents the views read. */
function planTrims(views: SelectiveViews, platforms: string[]): Record<string, TrimPlan> {
  const out: Record<string, TrimPlan> = {};
  for (const p of platforms) {
    const layers = views.sources.min.platforms[p].manifest.layers.map((l) => ({
      digest: l.digest,
      entries: views.tocs.get(l.digest)?.entries ?? [],
    }));
    out[p] = planTrim(layers, SAFE);
  }
  return out;
}

/** What the registry holds under a tag: the manifest, its config, and each layer's tar. */
export function readBack(fake: FakeRegistry, repository: string, tag: string) {
  const m = fake.manifest(repository, tag);
  if (!m) throw new Error(`no ${repository}:${tag}`);
  const manifest = JSON.parse(m.body.toString('utf8')) as Manifest;
  const blob = (d: string) => fake.blob(repository, d) ?? Buffer.alloc(0);
  return {
    digest: sha(m.body),
    mediaType: m.mediaType,
    manifest,
    config: JSON.parse(blob(manifest.config.digest).toString('utf8')) as ImageConfig,
    tars: manifest.layers.map((l) => gunzipSync(blob(l.digest))),
  };
}
