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
import { parseViewOsRelease } from './image-facts.js';
import { planCpuLibs, planRuntime } from './runtime.js';
import { type ComposePlan, type PlannedPart, type Sources, TRITON_DIR } from './types.js';
import { type Spec } from '../spec/types.js';

export type { ComposePlan, SourceImage, Sources } from './types.js';

function eraOf(release: Release | undefined, view: ImageView): Era {
  if (release) return release.era;
  return parseViewOsRelease(view)?.versionId?.startsWith('24.') ? 'noble' : 'jammy';
}

/** The parts the spec names, sorted by name within each kind; each must be in the full image. */
function planParts(view: ImageView, spec: Spec): PlannedPart[] {
  const parts: PlannedPart[] = [];
  const groups: [PlannedPart['kind'], string[], string][] = [
    ['backend', spec.backends, 'backends'],
    ['repoagent', spec.repoagents, 'repoagents'],
    ['cache', spec.caches, 'caches'],
  ];
  for (const [kind, names, folder] of groups) {
    const present = listFolders(view, `${TRITON_DIR}/${folder}`);
    for (const name of [...names].sort()) {
      if (!present.includes(name)) {
        throw new InputError(
          folder,
          `"${name}" is not in the full image (${TRITON_DIR}/${folder}/ holds: ${present.join(', ') || 'nothing'})`,
        );
      }
      parts.push({ name, kind, path: `${TRITON_DIR}/${folder}/${name}` });
    }
  }
  return parts;
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
  const parts = planParts(view.full, spec);
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
  return plan;
}
