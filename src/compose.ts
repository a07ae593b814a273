// The pipeline both front doors run: spec → resolve (registry) → plan → Dockerfile →
// buildx → result (registry) → report. I/O is here and in the modules it calls by name
// (resolve*, exec*, read*); planning and rendering stay pure.
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { readLayerToc } from './contents.js';
import { type BuildPaths, formatCommand, planBuildx } from './buildx.js';
import { renderDockerfile } from './dockerfile.js';
import { execCommand } from './exec.js';
import { type ComposePlan, type SourceImage, planCompose } from './plan.js';
import { type ImageRef, parseReference } from './reference.js';
import { RegistryClient, requirePlatform } from './registry.js';
import type { PlatformReport, Report, SourceImageReport } from './report-types.js';
import { resolveSources } from './resolve.js';
import { mapParts, parseCacheStats, parseMetadata, parsePushSeconds, savingPercent } from './result.js';
import type { Spec } from './spec.js';
import type { LayerToc } from './contents.js';

export interface Logger {
  info(message: string): void;
  warning(message: string): void;
  startGroup(name: string): void;
  endGroup(): void;
}

export interface ComposeOptions {
  version: string;
  workDir: string; // a temporary folder of ours
  cacheDir: string; // tables of contents, by layer digest
  log: Logger;
  registry: RegistryClient;
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
  const { sources, tocs } = await resolveSources(registry, spec, platforms, opts.cacheDir).finally(() => log.endGroup());
  report.durations.resolve = Date.now() - t;
  const pinned = (s: { name: string; digest: string; reference: string }) => `${s.reference.split('@')[0]}@${s.digest}`;
  result.baseImages = { full: pinned(sources.full), min: pinned(sources.min), ...(sources.gpuMin ? { 'gpu-min': pinned(sources.gpuMin) } : {}) };
  const first = platforms[0];
  const sizeOf = (role: SourceImageReport['role'], s: typeof sources.full): SourceImageReport => {
    const layers = s.platforms[first].manifest.layers;
    const unc = layers.every((l) => tocs.has(l.digest)) ? layers.reduce((n, l) => n + (tocs.get(l.digest)?.tarSize ?? 0), 0) : undefined;
    return { role, ref: pinned(s), size: layers.reduce((n, l) => n + l.size, 0), ...(unc !== undefined ? { uncompressedSize: unc } : {}) };
  };
  report.sources = [sizeOf('full', sources.full), sizeOf('min', sources.min), ...(sources.gpuMin ? [sizeOf('gpu-min', sources.gpuMin)] : [])];
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
  const paths: BuildPaths = { context, dockerfile, metadataFile: join(opts.workDir, 'metadata.json'), iidFile: join(opts.workDir, 'iid.txt') };
  const argv = planBuildx(spec, paths);
  result.argv = argv;
  log.info(`Dockerfile: ${dockerfile}`);
  if (spec.dryRun) {
    log.info(`Dry run: ${formatCommand('docker', argv)}`);
    report.ok = true;
    return result;
  }

  t = Date.now();
  const lines: string[] = [];
  log.startGroup('Building with Buildx');
  const run = await execCommand('docker', argv, {
    env: { BUILDKIT_PROGRESS: 'plain' },
    onLine: (l) => {
      lines.push(l);
      if (lines.length > 4000) lines.splice(0, 1000);
      log.info(l);
    },
  }).finally(() => log.endGroup());
  const seconds = Date.now() - t;
  report.cache = parseCacheStats(lines);
  if (run.exitCode !== 0) {
    report.durations.build = seconds;
    report.logTail = lines.filter((l) => l.trim()).slice(-30);
    const err = [...lines].reverse().find((l) => /^ERROR:|^error:/i.test(l.trim())) ?? `docker buildx build exited with ${run.exitCode}`;
    fail(`build failed: ${err.trim()}`);
  }
  const push = parsePushSeconds(lines) * 1000;
  report.durations.build = Math.max(0, seconds - push);
  if (spec.push) report.durations.push = Math.round(push);

  const metadata = parseMetadata(await readFile(paths.metadataFile, 'utf8').catch(() => ''));
  result.metadata = metadata.raw;
  if (metadata.digest) report.digest = metadata.digest;
  const imageId = (await readFile(paths.iidFile, 'utf8').catch(() => '')).trim();
  if (imageId) report.imageId = imageId;
  report.pushed = spec.push;

  if (spec.push && report.digest) {
    const tag = parseReference(spec.tags[0]) as ImageRef; // validated by the spec
    const ref: ImageRef = { registry: tag.registry, repository: tag.repository, digest: report.digest };
    report.platforms = await readResultSizes(registry, ref, plan, platforms, sources.min, tocs, opts.cacheDir);
    const full = report.sources.find((s) => s.role === 'full');
    if (full && report.platforms[0]) report.saving = savingPercent(report.platforms[0].size, full.size);
  }
  report.ok = true;
  log.info(`Built ${spec.tags.join(', ') || 'an untagged image'} ${report.digest ?? ''}`.trim());
  return result;
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
