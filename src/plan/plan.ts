// Spec + what the source images hold → a ComposePlan: every decision the Dockerfile needs,
// as data. Pure. Image facts (env, labels, entrypoint, files, dpkg database) come from the
// images; per-release facts from the release table; nothing from the host.
import { type ImageView, listFolders } from '../layer/contents.js';
import { InputError } from '../spec/lists.js';
import { ERAS, type Era, type Release, libraryPathFor, pythonPathFor } from '../spec/releases.js';
import {
  checkConfigText,
  checkEnvNames,
  checkSources,
  checkUser,
  envMap,
  has,
  planCore,
  planDcgmVersion,
  planEnv,
  planLabels,
} from './image-config.js';
import { planAptEnv } from './apt.js';
import { planPythonPackages } from './python-dists.js';
import { planPythonNatives } from './python-natives.js';
import { isPartSource } from '../spec/sources-spec.js';
import { parseViewOsRelease } from './image-facts.js';
import { planCpuLibs, planRuntime } from './runtime.js';
import { PART_INPUTS, specParts } from './pieces.js';
import { type ComposePlan, PART_FOLDERS, type PlannedPart, type Sources } from './types.js';
import { type Spec } from '../spec/types.js';

export type { ComposePlan, SourceImage, Sources } from './types.js';

function eraOf(release: Release | undefined, view: ImageView): Era {
  if (release) return release.era;
  return parseViewOsRelease(view)?.versionId?.startsWith('24.') ? 'noble' : 'jammy';
}

/**
 * The parts the spec names, sorted by name within each kind; each must be in the image it is
 * taken from (the full image, or its extra source).
 */
function planParts(view: { full: ImageView; extra: Record<string, ImageView> }, spec: Spec, src: Sources): PlannedPart[] {
  const parts = specParts(spec);
  for (const { name, kind, source } of parts) {
    const folder = PART_FOLDERS[kind];
    const from = source ? view.extra[source] : view.full;
    const present = listFolders(from, folder);
    if (!present.includes(name)) {
      const image = source ? `${source} (${src.extra[source].reference})` : 'the full image';
      throw new InputError(
        PART_INPUTS[kind],
        `"${name}${source ? `@${source}` : ''}" is not in ${image} (${folder}/ holds: ${present.join(', ') || 'nothing'})`,
      );
    }
  }
  return parts;
}

/**
 * An extra source that carries an operating system must be built on min (min's layers first,
 * as NGC builds its variants): its parts were built against that base, and the result keeps
 * one base. A source of part folders alone (FROM scratch) has no base to mix.
 */
function checkSourceBases(spec: Spec, src: Sources, platform: string): void {
  const min = src.min.platforms[platform].manifest.layers.map((l) => l.digest);
  for (const [name, image] of Object.entries(src.extra)) {
    // An image only add entries read gives files, not parts built against a base.
    if (!isPartSource(spec, name)) continue;
    if (!has(src.views[platform].extra[name], '/etc/os-release')) continue;
    const layers = image.platforms[platform].manifest.layers.map((l) => l.digest);
    if (min.every((d, i) => layers[i] === d)) continue;
    throw new InputError(
      'sources',
      `${name} (${image.reference}) is not built on the min image (${src.min.reference}): its first layers are not min's, so its parts were built for another base; compose them on that image's own min (min-image), or take the parts from an image built on this one`,
    );
  }
}

export function planCompose(spec: Spec, src: Sources, platforms: string[]): ComposePlan {
  const first = platforms[0];
  const fullConfig = src.full.platforms[first].config;
  const minConfig = src.min.platforms[first].config;
  const fullEnv = envMap(fullConfig);
  const minEnv = envMap(minConfig);
  const view = src.views[first];
  checkSources(spec, fullEnv, minEnv, view.full);
  checkEnvNames(src.full.name, fullEnv);
  checkConfigText(src.full.name, fullEnv, fullConfig.config?.Labels ?? {});
  checkSourceBases(spec, src, first);
  const parts = planParts(view, spec, src);
  const kept = new Set(parts.map((p) => p.name));
  const need = {
    gomp: kept.has('onnxruntime') || kept.has('pytorch'),
    python: kept.has('python'),
    cpuTorch: !spec.gpu && kept.has('pytorch'),
    parts: [...kept],
  };
  const runtime = planRuntime(spec, src, platforms, ERAS[eraOf(spec.release, view.full)], need, planDcgmVersion(src.full.name, fullEnv));
  const cpuLibs = planCpuLibs(spec, src, platforms, kept);
  const libraryPath = [...cpuLibs.libraryPath, ...parts.flatMap((p) => libraryPathFor(spec.release, p.name))];
  const env = planEnv(
    fullEnv,
    minEnv,
    libraryPath,
    parts.flatMap((p) => pythonPathFor(spec.release, p.name)),
  );
  // apt mode runs the prepare block's setup: its TRITON_* variables too, where the image lacks them.
  if (runtime.mode === 'apt' && spec.release) env.push(...planAptEnv(spec.release, [...kept], env));
  const serve = has(view.full, '/usr/bin/serve');
  const labels = planLabels(fullConfig, minConfig, serve, src.min);
  const entrypoint = fullConfig.config?.Entrypoint ?? undefined;
  const core = planCore(view, entrypoint);
  checkUser(spec.user, view.full);

  const plan: ComposePlan = {
    gpu: spec.gpu,
    platforms,
    sources: {
      full: `${src.full.name}@${src.full.digest}`,
      min: `${src.min.name}@${src.min.digest}`,
      ...(src.gpuMin && cpuLibs.cpuLibs ? { gpuMin: `${src.gpuMin.name}@${src.gpuMin.digest}` } : {}),
      ...(Object.keys(src.extra).length
        ? { extra: Object.fromEntries(Object.entries(src.extra).map(([n, s]) => [n, `${s.name}@${s.digest}`])) }
        : {}),
    },
    env,
    labels,
    core,
    parts,
    runtime,
    serve,
  };
  if (spec.release) plan.release = spec.release.version;
  if (spec.source === 'selective') plan.source = 'selective';
  const triton = fullEnv.get('TRITON_SERVER_VERSION');
  if (triton) plan.triton = triton;
  if (cpuLibs.cpuLibs) plan.cpuLibs = cpuLibs.cpuLibs;
  if (entrypoint) plan.entrypoint = entrypoint;
  if (fullConfig.config?.Cmd) plan.cmd = fullConfig.config.Cmd;
  if (spec.user) plan.user = spec.user;
  if (spec.prefer.length) plan.prefer = spec.prefer;
  if (spec.pythonPackages.length) {
    try {
      plan.pythonPackages = planPythonPackages(
        spec.pythonPackages,
        src.views,
        { full: plan.sources.full, extra: plan.sources.extra ?? {} },
        platforms,
      );
    } catch (err) {
      throw new InputError('python-packages', err instanceof Error ? err.message : String(err));
    }
    planPythonNatives(plan, src, platforms);
  }
  return plan;
}
