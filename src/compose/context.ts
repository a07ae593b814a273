// What compose() carries from stage to stage: the spec, the options, the platforms, and the
// report and result it returns. Stages never write the report themselves: each returns what it
// learned, and record() (or fail(), on the way out) writes it into the report in one place.
import type { PieceStore } from '../direct/piece-repository.js';
import type { AddedTree } from '../selective/added.js';
import type { ComposePlan } from '../plan/plan.js';
import type { Logger } from '../util/log.js';
import { NO_PROGRESS, type Progress } from '../util/progress.js';
import type { RegistryClient } from '../registry/client.js';
import type { Report } from '../report/types.js';
import type { Spec } from '../spec/types.js';

export interface ComposeOptions {
  version: string;
  /** The staging folder of this compose (parts being read and packed, layer spools): removed when it ends. */
  workDir: string;
  /** Where the small files the outputs point at are written (Dockerfile, build context, SBOM, Buildx metadata): kept. */
  resultsDir: string;
  cacheDir: string; // tables of contents, by layer digest
  /** Where build-cache local and actions keep their BuildKit cache folders. */
  buildCacheDir: string;
  log: Logger;
  /** Bytes of the long transfers (cold passes, ranges, uploads, copies); default: none reported. */
  progress?: Progress;
  registry: RegistryClient;
  /** SOURCE_DATE_EPOCH given by the caller (environment); default: the full image's creation time. */
  sourceDateEpoch?: number;
  /**
   * Selective source: bring back the cached indexes and tables of contents of these layers
   * (files named by layerCacheFiles) before they are read; the action restores them from the
   * Actions cache.
   */
  restoreLayerCache?: (digests: string[], cacheDir: string) => Promise<void>;
  /**
   * Direct assembly: where piece records are kept beyond the tool cache (the action: the
   * Actions cache), beside the index repository when one is given.
   */
  pieces?: PieceStore;
  /** Where add's sources must lie (their real paths); default: the working folder (GITHUB_WORKSPACE in a job). */
  workspace?: string;
  /** build-cache actions: fill `dir` from the Actions cache before the build. */
  restoreLocalCache?: (dir: string, about: { series: string; partSet: string; platforms: string[] }) => Promise<void>;
}

export interface ComposeResult {
  report: Report;
  plan?: ComposePlan;
  metadata?: Record<string, unknown>;
  baseImages?: Record<string, string>;
  argv?: string[];
  /** The SBOM of the result (SPDX 2.3 JSON), in the results folder. */
  sbomPath?: string;
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

/** What every stage sees. Later stages extend it with what earlier ones found (Resolved, Viewed, …). */
export interface ComposeContext {
  spec: Spec;
  opts: ComposeOptions;
  log: Logger;
  progress: Progress;
  registry: RegistryClient;
  /** The target platforms; the first one decides what a single value (creation time, saving) is taken from. */
  platforms: string[];
  first: string;
  report: Report;
  result: ComposeResult;
  /** When compose() started: resolving lasts until the views are read. */
  startedAt: number;
  /** add's entries, staged before anything is read (stages/added.ts). */
  added: AddedTree[];
}

/** What a stage learned: report fields (durations merged, not replaced) and result fields. */
export interface Learned {
  report?: Partial<Omit<Report, 'durations'>> & { durations?: Report['durations'] };
  result?: Partial<Omit<ComposeResult, 'report'>>;
}

/** This machine's platform, the target when none is given. */
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

export function startContext(spec: Spec, opts: ComposeOptions): ComposeContext {
  const platforms = spec.platforms.length ? spec.platforms : [defaultPlatform()];
  const report = emptyReport(spec);
  return {
    spec,
    opts,
    log: opts.log,
    progress: opts.progress ?? NO_PROGRESS,
    registry: opts.registry,
    platforms,
    first: platforms[0],
    report,
    result: { report },
    startedAt: Date.now(),
    added: [],
  };
}

/** The one place a stage's findings go into the report and the result. */
export function record(ctx: ComposeContext, learned: Learned): void {
  const { durations, ...fields } = learned.report ?? {};
  Object.assign(ctx.report, fields);
  if (durations) Object.assign(ctx.report.durations, durations);
  Object.assign(ctx.result, learned.result ?? {});
}

/** Ends the compose: what the failing stage learned, the error line, and the partial result. */
export function fail(ctx: ComposeContext, message: string, learned: Learned = {}): never {
  record(ctx, { ...learned, report: { ...learned.report, error: message } });
  throw new ComposeError(message, ctx.result);
}

export const errorText = (err: unknown): string => (err instanceof Error ? err.message : String(err));
