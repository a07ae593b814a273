// The Buildx build: its command line (with the cache, SOURCE_DATE_EPOCH and the compose key),
// shown on a dry run, or run with its output streamed to the log — through the OCI stream to the
// registry and `docker load`, or with Buildx's own exporters.
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { type BuildPaths, formatCommand, planBuildx, usesOciStream } from '../../build/buildx.js';
import { execCommand } from '../../build/exec.js';
import { prepareCacheDirs } from '../../build/local-cache.js';
import { runOciBuild } from '../../build/oci-build.js';
import type { Published } from '../../registry/publish.js';
import { type ComposeResult, errorText, fail, record } from '../context.js';
import { COMPOSE_KEY } from '../key.js';
import type { Rendered } from './render.js';

export interface BuildCommand {
  paths: BuildPaths;
  /** The OCI stream export (publishOciStream) rather than Buildx's exporters. */
  stream: boolean;
  argv: string[];
}

export interface BuildRun {
  exitCode: number;
  published?: Published;
  /** Buildx's output (the last few thousand lines) and how long it ran, in milliseconds. */
  lines: string[];
  ms: number;
}

export function planBuildStage(ctx: Rendered): BuildCommand {
  const { spec, opts } = ctx;
  const paths: BuildPaths = {
    context: ctx.contextDir,
    dockerfile: ctx.dockerfile,
    metadataFile: join(opts.resultsDir, 'metadata.json'),
    iidFile: join(opts.resultsDir, 'iid.txt'),
  };
  const stream = usesOciStream(spec);
  const keyed = stream || spec.outputs.some((o) => /(^|,)type=(oci|image|registry)(,|$)/.test(o));
  const argv = planBuildx(spec, paths, {
    cacheFrom: ctx.cache.from,
    cacheTo: ctx.cache.to,
    sourceDateEpoch: ctx.epoch,
    annotations: keyed ? ctx.keyAnnotations : [],
    labels: [`${COMPOSE_KEY}=${ctx.key}`],
    output: stream ? 'oci-stream' : 'buildx',
    ...(stream && spec.load && spec.tags[0] ? { imageName: spec.tags[0] } : {}),
  });
  record(ctx, { result: { argv } });
  ctx.log.info(`Dockerfile: ${ctx.dockerfile}`);
  return { paths, stream, argv };
}

/** A dry run ends with the command it would run (and says when the image would be written directly). */
export function dryRunStage(ctx: Rendered, build: BuildCommand): ComposeResult {
  if (ctx.spec.trim.level !== 'none')
    ctx.log.info(
      `Dry run: trim: ${ctx.spec.trim.level} listed what the base keeps and drops; the Dockerfile below builds the same files on a one-layer trimmed base, the direct assembly rewrites only min's layers that lose files`,
    );
  else if (ctx.selective && ctx.assembly.mode === 'direct')
    ctx.log.info('Dry run: the image would be written directly (no Buildx); the Dockerfile builds the same files with assembly: buildx');
  ctx.log.info(`Dry run: ${formatCommand('docker', build.argv)}`);
  record(ctx, { report: { ok: true } });
  return ctx.result;
}

export async function runBuildStage(ctx: Rendered, build: BuildCommand): Promise<BuildRun> {
  const { spec, log, cache } = ctx;
  // An export folder left by a failed run would carry its blobs into this export.
  if (cache.local) await prepareCacheDirs({ src: cache.local.dir, dest: cache.local.next });
  const t = Date.now();
  const lines: string[] = [];
  const onLine = (l: string) => {
    lines.push(l);
    if (lines.length > 4000) lines.splice(0, 1000);
    log.info(l);
  };
  log.startGroup('Building with Buildx');
  let out: { exitCode: number; published?: Published };
  try {
    if (build.stream) {
      const load = spec.load ? spec.tags : undefined;
      out = await runOciBuild(build.argv, {
        registry: ctx.registry,
        tags: spec.push ? ctx.tagRefs : [],
        load,
        onLine,
        progress: ctx.progress,
        spoolDir: ctx.opts.workDir,
      });
    } else {
      out = { exitCode: (await execCommand('docker', build.argv, { env: { BUILDKIT_PROGRESS: 'plain' }, onLine })).exitCode };
    }
  } catch (err) {
    return fail(ctx, `build failed: ${errorText(err)}`, {
      report: { durations: { build: Date.now() - t }, logTail: lines.filter((l) => l.trim()).slice(-30) },
    });
  } finally {
    log.endGroup();
    // The parts' tars are as big as the parts: BuildKit has them now, and the Dockerfile
    // stays for the user to read.
    if (ctx.selective) await rm(join(ctx.contextDir, 'parts'), { recursive: true, force: true });
    await rm(join(ctx.contextDir, 'added'), { recursive: true, force: true });
  }
  return { ...out, lines, ms: Date.now() - t };
}
