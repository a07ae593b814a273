// Raw inputs (strings, as action.yml or the CLI gives them) → one validated Spec.
// Pure: every error names the input, the bad value and what is accepted, before anything
// touches the engine or a registry.
import { planBuildxNeed } from './assembly.js';
import { ASSEMBLY_MODES, BUILD_CACHE_MODES, type InputName, PART_INPUTS, type PartInput, type RawInputs, type Spec } from './types.js';
import { checkZstd, parseCompression } from './compression-spec.js';
import {
  checkPythonPackages,
  isPartSource,
  parsePrefer,
  parsePythonPackages,
  parseSources,
  planPartSources,
  splitSourced,
} from './sources-spec.js';
import { checkTrim, parseLayerSize, parseTrim } from './trim-spec.js';
import { checkAdded, checkArbitraryUser, parseAdd } from './add-spec.js';
import { parseCacheEntries } from './cache-spec.js';
import { InputError, oneOf, parseBool, parseList } from './lists.js';
import { type ImageRef, parseReference } from '../oci/reference.js';
import { BUILT_IN_BACKENDS, CACHES, REPOAGENTS, RELEASES, type Release, VARIANT_SOURCES, findRelease } from './releases.js';
import { parsePlatform } from '../oci/platform.js';
import { ANNOTATION_TYPE } from '../oci/annotations.js';

const NAME = /^[a-z0-9](?:[a-z0-9_]|-(?!-))*$/;
const LABEL_KEY = /^[A-Za-z0-9][A-Za-z0-9._/-]*$/;
const VERSION = /^\d{2}\.\d{2}$/;

/** A List/CSV of part names: each checked for form, emptiness and duplicates. */
export function parseNames(input: string, text: string): string[] {
  const names: string[] = [];
  for (const line of text.split(/\r?\n/)) {
    if (line.trim() === '') continue;
    for (const raw of line.split(',')) {
      const name = raw.trim();
      if (name === '') throw new InputError(input, `empty name in "${line.trim()}": remove the extra comma`);
      if (!NAME.test(name)) {
        throw new InputError(
          input,
          `"${name}" is not a valid name: use lowercase letters, digits, "_" and single "-" (no spaces, slashes, dots or "--")`,
        );
      }
      if (names.includes(name)) throw new InputError(input, `"${name}" is listed twice`);
      names.push(name);
    }
  }
  return names;
}

function image(input: string, text: string | undefined): ImageRef | undefined {
  const t = (text ?? '').trim();
  if (t === '') return undefined;
  const ref = parseReference(t);
  if (typeof ref === 'string') throw new InputError(input, `"${t}" is not an image reference: ${ref}`);
  return ref;
}

/** A repository without tag or digest (the tags in it are the tool's to write). */
function repositoryOnly(input: string, text: string): ImageRef | undefined {
  const t = text.trim();
  if (t === '') return undefined;
  const ref = parseReference(t);
  if (typeof ref === 'string') throw new InputError(input, `"${t}" is not a repository: ${ref}`);
  if (t.includes('@') || t.lastIndexOf(':') > t.lastIndexOf('/')) {
    throw new InputError(
      input,
      `"${t}" names a tag or digest: give a repository alone, e.g. ghcr.io/acme/triton-compose-index (one tag per layer is written there)`,
    );
  }
  return { registry: ref.registry, repository: ref.repository };
}

function checkKnown(input: string, names: string[], known: readonly string[], where: string): void {
  for (const n of names) {
    if (known.includes(n)) continue;
    throw new InputError(input, `"${n}" is not in ${where}; valid: ${[...known].join(', ')}`);
  }
}

function keyValues(input: string, items: string[], allowType: boolean): string[] {
  for (const item of items) {
    const eq = item.indexOf('=');
    let key = eq > 0 ? item.slice(0, eq) : '';
    if (allowType) key = key.replace(ANNOTATION_TYPE, '');
    if (!LABEL_KEY.test(key)) throw new InputError(input, `"${item}" is not key=value (key: letters, digits, ".", "_", "/", "-")`);
  }
  return items;
}

type Get = (n: InputName) => string;

/** container-version: any YY.MM; the table's row when it knows the release. */
function parseRelease(get: Get): { version?: string; release?: Release; notes: string[] } {
  const version = get('container-version').trim();
  if (version === '') return { notes: [] };
  if (!VERSION.test(version)) throw new InputError('container-version', `"${version}" is not a release: use YY.MM, e.g. 24.01`);
  const release = findRelease(version);
  if (release) return { version, release, notes: [] };
  const known = `${RELEASES[0].version} … ${RELEASES[RELEASES.length - 1].version}`;
  const when = version > RELEASES[RELEASES.length - 1].version ? 'newer than' : 'not in';
  return {
    version,
    notes: [
      `container-version ${version} is ${when} the release table (${known}): the compose takes every fact from the images themselves (Triton version, Ubuntu and Python, packages, parts); runtime-deps: apt and a CPU-only pytorch need the table`,
    ],
  };
}

/** The source images: given ones, else NGC's of the release; what a CPU compose needs. */
function parseImages(raw: RawInputs, get: Get, version: string | undefined) {
  const gpu = parseBool('gpu', get('gpu'), true);
  const full = image('full-image', raw['full-image']);
  const min = image('min-image', raw['min-image']);
  const gpuMin = image('gpu-min-image', raw['gpu-min-image']);
  const ngc = (suffix: string): ImageRef => ({ registry: 'nvcr.io', repository: 'nvidia/tritonserver', tag: `${version}${suffix}` });
  if (!gpu && (!full || !min)) {
    throw new InputError(
      full ? 'min-image' : 'full-image',
      'a CPU-only compose (gpu: false) needs both full-image (a CPU build of Triton; NGC publishes none) and min-image (its base, e.g. ubuntu:22.04)',
    );
  }
  if (!version && (!full || !min)) {
    throw new InputError(
      full ? 'min-image' : min ? 'full-image' : 'container-version',
      'give container-version, or both full-image and min-image',
    );
  }
  return { gpu, full, min, gpuMin, ngc };
}

/**
 * Part names, checked against the release table when the release is known and the full image
 * is NGC's (a part from another source is checked against that image once it is read), and the
 * source of each part written `name@source` (sources-spec.ts).
 */
function parseParts(get: Get, release: Release | undefined, version: string | undefined, full: ImageRef | undefined, ngcFull: ImageRef) {
  const customFull = full !== undefined;
  const split = Object.fromEntries(PART_INPUTS.map((i) => [i, splitSourced(i, get(i))])) as Record<
    PartInput,
    ReturnType<typeof splitSourced>
  >;
  const backends = parseNames('backends', split.backends.text);
  const repoagents = parseNames('repoagents', split.repoagents.text);
  const caches = parseNames('caches', split.caches.text);
  const asked = Object.fromEntries(PART_INPUTS.map((i) => [i, new Map(split[i].from)])) as Record<PartInput, Map<string, string>>;
  // A variant-only backend named alone comes from its variant when the full image is NGC's.
  if (!customFull && version)
    for (const n of backends) {
      const variant = Object.entries(VARIANT_SOURCES).find(([, v]) => v.backend === n)?.[0];
      if (variant && !asked.backends.has(n)) asked.backends.set(n, variant);
    }
  const fromFull = (input: PartInput, names: string[]) => names.filter((n) => !asked[input].has(n));
  if (!customFull && release)
    checkKnown('backends', fromFull('backends', backends), [...release.backends, ...BUILT_IN_BACKENDS], `the ${release.version} release`);
  checkKnown('repoagents', fromFull('repoagents', repoagents), REPOAGENTS, 'the repository agents Triton ships');
  checkKnown('caches', fromFull('caches', caches), CACHES, 'the caches Triton ships');
  const pythonPackages = parsePythonPackages(get('python-packages'));
  const packageSources = new Map(pythonPackages.flatMap((p) => (p.source ? [[p.requirement, p.source] as const] : [])));
  const declared = parseSources(get('sources'));
  const add = parseAdd(get('add'), declared);
  const fromAdd = new Map(add.flatMap((a) => (a.image ? [[a.image.source, a.image.ref] as const] : [])));
  const opts = { ...(version ? { version } : {}), full: full ?? ngcFull };
  const sourced = planPartSources(declared, asked, opts, packageSources, [...fromAdd.keys()]);
  // The images add entries are read from are sources too: resolved once, pinned, read by ranges.
  const sources = [...sourced.sources];
  for (const [name, ref] of fromAdd) if (!sources.some((x) => x.name === name)) sources.push({ name, ref });
  const implied = sourced.implied.map(({ requirement, source, why }) => ({ requirement, source, why }));
  if (implied.length && !backends.includes('python'))
    throw new InputError(
      'backends',
      `${sourced.implied[0].backend} is a Python-based backend, which the python backend runs: add python to backends`,
    );
  return { backends, repoagents, caches, sourced: { ...sourced, sources }, pythonPackages: [...pythonPackages, ...implied], add };
}

/** Where the result goes: tags, push, platforms, exporters, builder. */
function parseDestination(get: Get) {
  const tags = parseList('tags', get('tags'), { csv: true });
  for (const t of tags) {
    const r = parseReference(t);
    if (typeof r === 'string') throw new InputError('tags', `"${t}" is not an image reference: ${r}`);
  }
  const push = parseBool('push', get('push'), false);
  if (push && tags.length === 0) throw new InputError('tags', 'push: true needs at least one tag');
  const platforms = parseList('platforms', get('platforms'), { csv: true });
  for (const p of platforms) if (!parsePlatform(p)) throw new InputError('platforms', `"${p}" is not os/arch[/variant], e.g. linux/amd64`);
  const outputs = parseList('outputs', get('outputs'), { csv: false });
  for (const o of outputs) {
    const type = /(?:^|,)type=([a-z]+)/.exec(o)?.[1];
    if (!type || !['registry', 'image', 'oci', 'docker', 'local', 'tar', 'cacheonly'].includes(type)) {
      throw new InputError('outputs', `"${o}" needs type=registry|image|oci|docker|local|tar|cacheonly`);
    }
  }
  const builder = get('builder').trim();
  if (builder && !/^[A-Za-z0-9][A-Za-z0-9_.-]*$/.test(builder)) throw new InputError('builder', `"${builder}" is not a builder name`);
  return { tags, push, platforms, outputs, builder };
}

function parseAttestation(get: Get, input: 'provenance' | 'sbom'): string | undefined {
  const t = get(input).trim();
  if (t === '') return undefined;
  if (t === 'true' || t === 'false' || /^[a-z-]+=[A-Za-z0-9._:/-]*(,[a-z-]+=[A-Za-z0-9._:/-]*)*$/.test(t)) return t;
  throw new InputError(input, `"${t}" is not true, false or key=value[,key=value] (e.g. mode=max)`);
}

/** user, build-cache, dockerfile and index-repository: the single values checked before the Spec is put together. */
function parseSingles(get: Get, tags: string[]) {
  const user = get('user').trim();
  if (user && !/^(?:[a-z_][a-z0-9_-]{0,31}|\d+)(?::(?:[a-z_][a-z0-9_-]{0,31}|\d+))?$/.test(user)) {
    throw new InputError('user', `"${user}" is not a user name or uid[:gid], e.g. triton-server or 1000:1000`);
  }
  const buildCache = oneOf('build-cache', get('build-cache'), BUILD_CACHE_MODES, 'none');
  if (buildCache === 'registry' && tags.length === 0) {
    throw new InputError(
      'build-cache',
      'registry keeps the cache next to the first tag (<repository>:buildcache-<release>-<arch>): give tags, or use cache-to/cache-from',
    );
  }
  const dockerfile = get('dockerfile').trim();
  if (/[\n\r\0]/.test(dockerfile)) throw new InputError('dockerfile', 'the path must be one line');
  return { user, buildCache, dockerfile, indexRepository: repositoryOnly('index-repository', get('index-repository')) };
}

/** What the release table must know: a release it does not know can only compose from the images. */
function checkNeedsTable(spec: Spec, version: string | undefined): void {
  if (spec.release || !version) return;
  const newer = `${version} is not in the release table (${RELEASES[0].version} … ${RELEASES[RELEASES.length - 1].version})`;
  if (spec.runtimeDeps === 'apt') {
    throw new InputError(
      'runtime-deps',
      `apt installs the packages build.py lists per release, and ${newer}: use image (the default), which takes them from the full image`,
    );
  }
  if (!spec.gpu && spec.backends.includes('pytorch')) {
    throw new InputError(
      'backends',
      `a CPU-only pytorch copies the CUDA libraries build.py lists per release, and ${newer}: compose it from a release the table knows`,
    );
  }
}

export function parseSpec(raw: RawInputs): Spec {
  const get: Get = (n) => raw[n] ?? '';
  const { version, release, notes } = parseRelease(get);
  const { gpu, full, min, gpuMin: givenGpuMin, ngc } = parseImages(raw, get, version);
  const { backends, repoagents, caches, sourced, pythonPackages, add } = parseParts(get, release, version, full, ngc('-py3'));
  let gpuMin = givenGpuMin;
  // A CPU-only tensorflow of a known release gets NCCL from the GPU min image, as build.py does.
  if (!gpu && backends.includes('tensorflow') && !backends.includes('pytorch') && !gpuMin && release) gpuMin = ngc('-py3-min');
  if (!gpu && backends.includes('pytorch') && !gpuMin) {
    if (!version) {
      throw new InputError(
        'gpu-min-image',
        'a CPU-only compose with pytorch copies CUDA libraries from a GPU min image: give gpu-min-image or container-version',
      );
    }
    if (release) gpuMin = ngc('-py3-min');
  }
  const { tags, push, platforms, outputs, builder } = parseDestination(get);
  const { user, buildCache, dockerfile, indexRepository } = parseSingles(get, tags);
  const spec: Spec = {
    release,
    ...(version ? { version } : {}),
    notes: [...notes, ...sourced.notes],
    images: { full: full ?? ngc('-py3'), min: min ?? ngc('-py3-min'), ...(gpuMin ? { gpuMin } : {}) },
    customFull: full !== undefined,
    sources: sourced.sources,
    partSources: sourced.parts,
    pythonPackages,
    prefer: parsePrefer(
      get('prefer'),
      sourced.sources.filter((s) => isPartSource({ partSources: sourced.parts, pythonPackages }, s.name)).map((s) => s.name),
    ),
    gpu,
    backends: backends.filter((b) => !(BUILT_IN_BACKENDS as readonly string[]).includes(b)),
    repoagents,
    caches,
    runtimeDeps: oneOf('runtime-deps', get('runtime-deps'), ['image', 'apt'] as const, 'image'),
    source: oneOf('source', get('source'), ['selective', 'buildkit'] as const, 'selective'),
    assembly: oneOf('assembly', get('assembly'), ASSEMBLY_MODES, 'auto'),
    tags,
    labels: keyValues('labels', parseList('labels', get('labels'), { csv: false }), false),
    annotations: keyValues('annotations', parseList('annotations', get('annotations'), { csv: false }), true),
    push,
    load: parseBool('load', get('load'), false),
    pull: parseBool('pull', get('pull'), false),
    noCache: parseBool('no-cache', get('no-cache'), false),
    cacheFrom: parseCacheEntries('cache-from', parseList('cache-from', get('cache-from'), { csv: false })),
    cacheTo: parseCacheEntries('cache-to', parseList('cache-to', get('cache-to'), { csv: false })),
    buildCache,
    force: parseBool('force', get('force'), false),
    dryRun: parseBool('dry-run', get('dry-run'), false),
    summary: parseBool('summary', get('summary'), true),
    platforms,
    outputs,
    trim: parseTrim(get),
    add,
    arbitraryUser: parseBool('arbitrary-user', get('arbitrary-user'), false),
    ...parseCompression(get('layer-compression'), get('compression-level'), outputs),
  };
  if (user) spec.user = user;
  if (builder) spec.builder = builder;
  const provenance = parseAttestation(get, 'provenance');
  if (provenance !== undefined) spec.provenance = provenance;
  const sbom = parseAttestation(get, 'sbom');
  if (sbom !== undefined) spec.sbom = sbom;
  if (dockerfile) spec.dockerfile = dockerfile;
  if (indexRepository) spec.indexRepository = indexRepository;
  const maxLayerSize = parseLayerSize(get('max-layer-size'));
  if (maxLayerSize !== undefined) spec.maxLayerSize = maxLayerSize;
  checkNeedsTable(spec, version);
  checkTrim(spec);
  checkAdded(spec);
  checkArbitraryUser(spec);
  checkPythonPackages(spec);
  checkZstd(spec);
  if (spec.assembly === 'direct') {
    const need = planBuildxNeed(spec);
    if (need) throw new InputError('assembly', `direct cannot write this image: ${need}; use auto (the default) or buildx`);
  }
  return spec;
}
