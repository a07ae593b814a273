// The pipeline both front doors run: spec → resolve (registry) → plan → Dockerfile → either
// the direct assembly (direct.ts: the action writes the image to the registry) or buildx →
// result (registry) → report. I/O is here and in the modules it calls by name (resolve*,
// assemble*, exec*, read*); planning and rendering stay pure.
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { PassThrough } from 'node:stream';
import { dirname, join } from 'node:path';
import { readLayerToc } from '../layer/contents.js';
import { planBuildCache, planPartSetId, planSeries } from '../build/build-cache.js';
import { type BuildPaths, formatCommand, planBuildx, usesOciStream } from '../build/buildx.js';
import { COMPOSE_KEY, planComposeKey, planKeyAnnotations, readExistingCompose } from './key.js';
import { renderDockerfile } from '../build/dockerfile.js';
import { execCommand, execPipe, spawnWithInput } from '../build/exec.js';
import { type Published, publishOciStream } from '../registry/publish.js';
import { type ComposePlan, type SourceImage, planCompose } from '../plan/plan.js';
import { type ImageRef, formatName, requireReference } from '../oci/reference.js';
import { restoreFromRegistry, saveToRegistry } from '../cache/index-repository.js';
import { RegistryClient } from '../registry/client.js';
import type { PlatformReport, Report, SourceImageReport } from '../report/types.js';
import { InputError } from '../spec/lists.js';
import { formatBytes } from '../report/format.js';
import { prepareCacheDirs, promoteCacheDir } from '../build/local-cache.js';
import { readSourceViews, resolveSourceImages } from '../plan/resolve.js';
import { addStats, planSelectiveReport } from '../selective/report.js';
import { writePieces } from '../selective/stage.js';
import { type SelectiveViews, readSelectiveViews } from '../selective/views.js';
import { planAssembly } from '../spec/assembly.js';
import { assembleDirect } from '../direct/assemble.js';
import { planColdKeep } from '../plan/pieces.js';
import { mapParts, parseCacheStats, parseMetadata, parsePushSeconds, savingPercent } from '../build/result.js';
import type { LayerToc } from '../layer/contents.js';
import type { Logger } from '../util/log.js';
import { requirePlatform } from '../oci/platform.js';
import { type Spec } from '../spec/types.js';

export interface ComposeOptions {
  version: string;
  workDir: string; // a temporary folder of ours
  cacheDir: string; // tables of contents, by layer digest
  /** Where build-cache local and actions keep their BuildKit cache folders. */
  buildCacheDir: string;
  log: Logger;
  registry: RegistryClient;
  /** SOURCE_DATE_EPOCH given by the caller (environment); default: the full image's creation time. */
  sourceDateEpoch?: number;
  /**
   * Selective source: bring back the cached indexes and tables of contents of these layers
   * (files named by layerCacheFiles) before they are read; the action restores them from the
   * Actions cache.
   */
  restoreLayerCache?: (digests: string[], cacheDir: string) => Promise<void>;
  /** build-cache actions: fill `dir` from the Actions cache before the build. */
  restoreLocalCache?: (dir: string, about: { series: string; partSet: string; platforms: string[] }) => Promise<void>;
}

export interface ComposeResult {
  report: Report;
  plan?: ComposePlan;
  metadata?: Record<string, unknown>;
  baseImages?: Record<string, string>;
  argv?: string[];
}

export class ComposeError extends Error {
  constructor(
    message: string,
    readonly result: ComposeResult,
  ) {
    super(message);
    this.name = 'ComposeError';
  }
}

export function defaultPlatform(): string {
  return `linux/${({ x64: 'amd64', arm64: 'arm64', arm: 'arm', ppc64: 'ppc64le', s390x: 's390x' } as Record<string, string>)[process.arch] ?? process.arch}`;
}

function emptyReport(spec: Spec): Report {
  return {
    ok: false,
    tags: spec.tags,
    gpu: spec.gpu,
    pushed: false,
    dryRun: spec.dryRun,
    platforms: [],
    sources: [],
    durations: {},
    dockerfile: '',
    ...(spec.release ? { release: spec.release.version } : {}),
  };
}

export async function compose(spec: Spec, opts: ComposeOptions): Promise<ComposeResult> {
  const { log, registry } = opts;
  const platforms = spec.platforms.length ? spec.platforms : [defaultPlatform()];
  const report = emptyReport(spec);
  const result: ComposeResult = { report };
  const fail = (message: string): never => {
    report.error = message;
    throw new ComposeError(message, result);
  };

  let t = Date.now();
  log.startGroup('Resolving source images');
  const images = await resolveSourceImages(registry, spec, platforms).finally(() => log.endGroup());
  const pinned = (s: { name: string; digest: string; reference: string }) => `${s.reference.split('@')[0]}@${s.digest}`;
  result.baseImages = {
    full: pinned(images.full),
    min: pinned(images.min),
    ...(images.gpuMin ? { 'gpu-min': pinned(images.gpuMin) } : {}),
  };
  const first = platforms[0];
  const epoch = opts.sourceDateEpoch ?? planSourceDateEpoch(images.full.platforms[first].config.created);
  report.sourceDateEpoch = epoch;
  const key = planComposeKey(spec, {
    version: opts.version,
    sources: { full: images.full.digest, min: images.min.digest, ...(images.gpuMin ? { gpuMin: images.gpuMin.digest } : {}) },
    platforms,
    sourceDateEpoch: epoch,
  });
  report.composeKey = key;
  const tagRefs = spec.tags.map((t) => requireReference(t)); // validated by the spec

  if (spec.push && !spec.load && !spec.force && !spec.dryRun && spec.outputs.length === 0) {
    const existing = await readExistingCompose(registry, tagRefs, key);
    if (existing) {
      report.durations.resolve = Date.now() - t;
      report.skipped = true;
      report.digest = existing.digest;
      report.ok = true;
      report.pushed = false;
      report.platforms = Object.entries(existing.sizes).map(([p, size]) => ({
        platform: p || first,
        size,
        uncompressedSize: 0,
        parts: [],
      }));
      log.info(
        `Up to date: ${spec.tags.join(', ')} already hold this compose (${key}) at ${existing.digest}; nothing built (force: true builds anyway)`,
      );
      return result;
    }
  }

  // build-cache actions brings back the cache folder, and the layer listings with it, before
  // anything reads a layer.
  const series = planSeries(spec, images.full.digest);
  const cacheCtx = { series, platforms, localRoot: opts.buildCacheDir };
  const localDir = planBuildCache(spec, cacheCtx).local?.dir;
  if (localDir && spec.buildCache === 'actions' && !spec.dryRun) {
    await opts.restoreLocalCache?.(localDir, { series, partSet: planPartSetId(spec), platforms });
  }
  // Buildx fails on a missing cache-from folder: import only one that holds a cache.
  const cache = planBuildCache(spec, { ...cacheCtx, haveLocal: localDir !== undefined && existsSync(join(localDir, 'index.json')) });

  const stageDir = join(opts.workDir, 'stage');
  const layerDigests = [
    ...new Set(
      platforms.flatMap((p) =>
        [...images.min.platforms[p].manifest.layers, ...images.full.platforms[p].manifest.layers].map((l) => l.digest),
      ),
    ),
  ];
  if (spec.source === 'selective' && !spec.dryRun) await opts.restoreLayerCache?.(layerDigests, opts.cacheDir);
  const indexRepo = spec.indexRepository;
  if (indexRepo) {
    const got = await restoreFromRegistry(registry, indexRepo, layerDigests, opts.cacheDir, log);
    if (got.index + got.toc)
      log.info(
        `index-repository: ${got.index} layers restored with their index, ${got.toc} with their listing, from ${formatName(indexRepo)}`,
      );
  }
  /** A compose that worked: the saving, and the layer files this run made into the index repository. */
  const succeed = async (line: string): Promise<ComposeResult> => {
    const full = report.sources.find((s) => s.role === 'full');
    if (full && report.platforms[0]) report.saving = savingPercent(report.platforms[0].size, full.size);
    report.ok = true;
    log.info(line);
    if (indexRepo && !spec.dryRun) {
      const saved = await saveToRegistry(registry, indexRepo, layerDigests, opts.cacheDir, log);
      if (saved.length) log.info(`index-repository: ${saved.length} layers saved to ${formatName(indexRepo)}`);
    }
    return result;
  };
  let selective: SelectiveViews | undefined;
  if (spec.source === 'selective') {
    log.startGroup("Reading the full image's layer indexes");
    try {
      selective = await readSelectiveViews(registry, spec, images, platforms, {
        cacheDir: opts.cacheDir,
        stageDir,
        coldKeep: planColdKeep(spec),
        onCold: (digest, size) => log.info(`${digest} (${formatBytes(size)}): no cached index; streaming it once to index it`),
      });
    } catch (err) {
      await rm(stageDir, { recursive: true, force: true });
      if (err instanceof InputError) throw err;
      return fail(`reading the layers of ${result.baseImages.full} failed: ${err instanceof Error ? err.message : String(err)}`);
    } finally {
      log.endGroup();
    }
  }
  const { sources, tocs } = selective ?? (await readSourceViews(registry, spec, images, platforms, opts.cacheDir));
  report.durations.resolve = Date.now() - t;
  const sizeOf = (role: SourceImageReport['role'], s: typeof sources.full): SourceImageReport => {
    const layers = s.platforms[first].manifest.layers;
    const unc = layers.every((l) => tocs.has(l.digest)) ? layers.reduce((n, l) => n + (tocs.get(l.digest)?.tarSize ?? 0), 0) : undefined;
    return { role, ref: pinned(s), size: layers.reduce((n, l) => n + l.size, 0), ...(unc !== undefined ? { uncompressedSize: unc } : {}) };
  };
  report.sources = [
    sizeOf('full', sources.full),
    sizeOf('min', sources.min),
    ...(sources.gpuMin ? [sizeOf('gpu-min', sources.gpuMin)] : []),
  ];
  for (const s of report.sources) log.info(`${s.role}: ${s.ref}`);

  const plan = planCompose(spec, sources, platforms);
  result.plan = plan;
  const rendered = renderDockerfile(plan, opts.version);
  report.dockerfile = rendered.dockerfile;
  const context = join(opts.workDir, 'context');
  await rm(context, { recursive: true, force: true });
  await mkdir(context, { recursive: true });
  for (const [rel, text] of Object.entries(rendered.context)) {
    await mkdir(dirname(join(context, rel)), { recursive: true });
    await writeFile(join(context, rel), text);
  }
  const dockerfile = spec.dockerfile ?? join(opts.workDir, 'Dockerfile.compose');
  await mkdir(dirname(dockerfile), { recursive: true });
  await writeFile(dockerfile, rendered.dockerfile);
  report.dockerfilePath = dockerfile;

  report.buildCache = { mode: spec.buildCache, from: cache.from, to: cache.to };

  const assembly = planAssembly(spec);
  report.assembly = assembly;
  const keyAnnotations = planKeyAnnotations(key, platforms);
  if (selective && !spec.dryRun && assembly.mode === 'direct') {
    t = Date.now();
    log.startGroup('Writing the image (direct assembly: no engine, no BuildKit)');
    try {
      const out = await assembleDirect({
        client: registry,
        plan,
        views: selective,
        sources,
        full: spec.images.full,
        min: spec.images.min,
        tags: tagRefs,
        epoch,
        labels: [...spec.labels, `${COMPOSE_KEY}=${key}`],
        annotations: [...spec.annotations, ...keyAnnotations],
        tool: `triton-compose ${opts.version}`,
        stageDir,
        cacheDir: opts.cacheDir,
        log,
      });
      report.selective = planSelectiveReport(selective, out.fetch, out.reused);
      report.digest = out.digest;
      report.pushed = true;
      report.uploaded = out.uploaded;
      report.platforms = out.platforms;
      if (out.fetch.skipped.length) log.warning(`not copied (devices and fifos): ${out.fetch.skipped.join(', ')}`);
      log.info(
        `${out.written} part layers written, ${out.reused} already in the repository; ${out.fetch.files} files by ${out.fetch.ranges} ranges (${formatBytes(out.fetch.bytesFetched)})`,
      );
    } catch (err) {
      report.durations.assemble = Date.now() - t;
      return fail(`writing the image from ${result.baseImages.full} failed: ${err instanceof Error ? err.message : String(err)}`);
    } finally {
      log.endGroup();
      await rm(stageDir, { recursive: true, force: true });
    }
    report.durations.assemble = Date.now() - t;
    return succeed(`Pushed ${spec.tags.join(', ')} ${report.digest}`);
  }

  if (selective && !spec.dryRun) {
    t = Date.now();
    log.startGroup('Fetching the parts by byte ranges');
    try {
      const fetched = { ranges: 0, bytesFetched: 0, files: 0, skipped: [] as string[] };
      for (const p of platforms) {
        const r = await writePieces(registry, spec.images.full, plan, p, selective, { stageDir, contextDir: context, mtime: epoch });
        addStats(fetched, r.fetch);
        for (const piece of r.pieces) log.info(`${p} ${piece.name}: ${piece.entries} entries, ${formatBytes(piece.bytes)}`);
      }
      if (fetched.skipped.length) log.warning(`not copied (devices and fifos): ${fetched.skipped.join(', ')}`);
      report.selective = planSelectiveReport(selective, fetched, 0);
      log.info(
        `${fetched.files} files by ${fetched.ranges} ranges (${formatBytes(fetched.bytesFetched)}); ${report.selective.coldLayers.length} layers streamed once to index them`,
      );
    } catch (err) {
      await rm(join(context, 'parts'), { recursive: true, force: true });
      return fail(`selective fetch from ${result.baseImages.full} failed: ${err instanceof Error ? err.message : String(err)}`);
    } finally {
      log.endGroup();
      await rm(stageDir, { recursive: true, force: true });
    }
    report.durations.fetch = Date.now() - t;
  }

  const paths: BuildPaths = {
    context,
    dockerfile,
    metadataFile: join(opts.workDir, 'metadata.json'),
    iidFile: join(opts.workDir, 'iid.txt'),
  };
  const stream = usesOciStream(spec);
  const keyed = stream || spec.outputs.some((o) => /(^|,)type=(oci|image|registry)(,|$)/.test(o));
  const argv = planBuildx(spec, paths, {
    cacheFrom: cache.from,
    cacheTo: cache.to,
    sourceDateEpoch: epoch,
    annotations: keyed ? keyAnnotations : [],
    labels: [`${COMPOSE_KEY}=${key}`],
    output: stream ? 'oci-stream' : 'buildx',
    ...(stream && spec.load && spec.tags[0] ? { imageName: spec.tags[0] } : {}),
  });
  result.argv = argv;
  log.info(`Dockerfile: ${dockerfile}`);
  if (spec.dryRun) {
    if (selective && assembly.mode === 'direct')
      log.info('Dry run: the image would be written directly (no Buildx); the Dockerfile builds the same files with assembly: buildx');
    log.info(`Dry run: ${formatCommand('docker', argv)}`);
    report.ok = true;
    return result;
  }

  // An export folder left by a failed run would carry its blobs into this export.
  if (cache.local) await prepareCacheDirs({ src: cache.local.dir, dest: cache.local.next });
  t = Date.now();
  const lines: string[] = [];
  const onLine = (l: string) => {
    lines.push(l);
    if (lines.length > 4000) lines.splice(0, 1000);
    log.info(l);
  };
  log.startGroup('Building with Buildx');
  let published: Published | undefined;
  let exitCode: number;
  try {
    if (stream) {
      const out = await runOciBuild(argv, { registry, tags: spec.push ? tagRefs : [], load: spec.load ? spec.tags : undefined, onLine });
      exitCode = out.exitCode;
      published = out.published;
    } else {
      exitCode = (await execCommand('docker', argv, { env: { BUILDKIT_PROGRESS: 'plain' }, onLine })).exitCode;
    }
  } catch (err) {
    report.durations.build = Date.now() - t;
    report.logTail = lines.filter((l) => l.trim()).slice(-30);
    return fail(`build failed: ${err instanceof Error ? err.message : String(err)}`);
  } finally {
    log.endGroup();
    // The parts' tars are as big as the parts: BuildKit has them now, and the Dockerfile
    // stays for the user to read.
    if (selective) await rm(join(context, 'parts'), { recursive: true, force: true });
  }
  const seconds = Date.now() - t;
  report.cache = parseCacheStats(lines);
  if (exitCode !== 0) {
    report.durations.build = seconds;
    report.logTail = lines.filter((l) => l.trim()).slice(-30);
    const err = [...lines].reverse().find((l) => /^ERROR:|^error:/i.test(l.trim())) ?? `docker buildx build exited with ${exitCode}`;
    fail(`build failed: ${err.trim()}`);
  }
  if (cache.local) {
    const promoted = await promoteCacheDir({ src: cache.local.dir, dest: cache.local.next });
    if (!promoted.promoted) log.warning(`build-cache: ${promoted.reason}; keeping ${cache.local.dir}`);
  }
  const push = stream ? 0 : parsePushSeconds(lines) * 1000;
  report.durations.build = Math.max(0, seconds - push);
  if (spec.push && !stream) report.durations.push = Math.round(push);

  const metadata = parseMetadata(await readFile(paths.metadataFile, 'utf8').catch(() => ''));
  result.metadata = metadata.raw;
  if (metadata.digest) report.digest = metadata.digest;
  const imageId = (await readFile(paths.iidFile, 'utf8').catch(() => '')).trim();
  if (imageId) report.imageId = imageId;
  report.pushed = spec.push;

  if (published) {
    report.digest = published.digest;
    report.uploaded = published.uploaded;
    report.platforms = published.manifests.map((m) => {
      const p = m.platform ?? first;
      return mapParts(plan, p, m.manifest, sources.min.platforms[p]?.manifest.layers.length ?? 0, published!.tarSizes);
    });
  } else if (spec.push && report.digest) {
    const ref: ImageRef = { registry: tagRefs[0].registry, repository: tagRefs[0].repository, digest: report.digest };
    report.platforms = await readResultSizes(registry, ref, plan, platforms, sources.min, tocs, opts.cacheDir);
  }
  return succeed(`Built ${spec.tags.join(', ') || 'an untagged image'} ${report.digest ?? ''}`.trim());
}

/** SOURCE_DATE_EPOCH as the environment gives it (reproducible-builds.org: a decimal count of seconds). */
export function parseSourceDateEpoch(text: string | undefined): number | undefined {
  const t = (text ?? '').trim();
  if (t === '') return undefined;
  if (!/^\d{1,12}$/.test(t)) throw new InputError('SOURCE_DATE_EPOCH', `"${t}" is not a number of seconds since 1970 (e.g. 1700000000)`);
  return Number(t);
}

/** SOURCE_DATE_EPOCH from the full image's creation time (the same for every run of a release). */
export function planSourceDateEpoch(created: string | undefined): number {
  const ms = created ? Date.parse(created) : NaN;
  return Number.isFinite(ms) ? Math.floor(ms / 1000) : 0;
}

/** The OCI stream build: Buildx's stdout goes to the registry (and into `docker load`). */
async function runOciBuild(
  argv: string[],
  o: { registry: RegistryClient; tags: ImageRef[]; load?: string[]; onLine: (l: string) => void },
): Promise<{ exitCode: number; published?: Published }> {
  let published: Published | undefined;
  const loader = o.load ? spawnWithInput('docker', ['load']) : undefined;
  const { exitCode } = await execPipe('docker', argv, {
    env: { BUILDKIT_PROGRESS: 'plain' },
    onLine: o.onLine,
    consume: async (stdout) => {
      if (loader) {
        const tee = new PassThrough({ highWaterMark: 1 << 20 });
        stdout.pipe(tee);
        stdout.pipe(loader.stdin);
        published = await publishOciStream(tee, o.registry, o.tags);
      } else {
        published = await publishOciStream(stdout, o.registry, o.tags);
      }
    },
  });
  if (loader) {
    const loaded = await loader.done;
    if (loaded.exitCode !== 0) throw new Error(`docker load failed: ${loaded.stderr.trim() || loaded.stdout.trim()}`);
    for (const l of loaded.stdout.split('\n')) if (l.trim()) o.onLine(l.trim());
    const [name, ...more] = o.load ?? [];
    for (const tag of more) {
      const r = await execCommand('docker', ['tag', name, tag]);
      if (r.exitCode !== 0) throw new Error(`docker tag ${name} ${tag} failed: ${r.stderr.trim()}`);
    }
  }
  return { exitCode, ...(published ? { published } : {}) };
}

async function readResultSizes(
  registry: RegistryClient,
  ref: ImageRef,
  plan: ComposePlan,
  platforms: string[],
  min: SourceImage,
  tocs: Map<string, LayerToc>,
  cacheDir: string,
): Promise<PlatformReport[]> {
  const out: PlatformReport[] = [];
  for (const p of platforms) {
    const resolved = await registry.resolve(ref, requirePlatform(p));
    const tarSizes = new Map<string, number>();
    for (const l of resolved.manifest.layers) {
      const known = tocs.get(l.digest);
      tarSizes.set(l.digest, known ? known.tarSize : (await readLayerToc(registry, ref, l.digest, cacheDir)).tarSize);
    }
    out.push(mapParts(plan, p, resolved.manifest, min.platforms[p].manifest.layers.length, tarSizes));
  }
  return out;
}

/**
 * What both front doors do around compose(): a fresh work folder under `tempRoot`, and a
 * failure turned into the partial result it carries (outputs and the summary still report it).
 */
export async function runCompose(
  spec: Spec,
  opts: Omit<ComposeOptions, 'workDir'> & { tempRoot: string },
): Promise<{ result?: ComposeResult; failure?: unknown }> {
  const { tempRoot, ...rest } = opts;
  try {
    const workDir = await mkdtemp(join(tempRoot, 'triton-compose-'));
    return { result: await compose(spec, { ...rest, workDir }) };
  } catch (failure) {
    return failure instanceof ComposeError ? { result: failure.result, failure } : { failure };
  }
}
