// Parts from more than one image: the `sources` input (`NAME=IMAGE`, one per line or
// comma-separated) and parts written `name@source` in backends, repoagents and caches. With a
// container-version, NGC's variants have short names (`vllm`, `trtllm`: the variant's tag in the
// full image's repository), and a variant-only backend named alone (`vllm`, `tensorrtllm`) comes
// from its variant. Pure: the images are resolved, and their parts checked, once the compose runs.
import { InputError, parseList } from './lists.js';
import { type ImageRef, parseReference } from '../oci/reference.js';
import { VARIANT_SOURCES } from './releases.js';
import { PART_INPUTS, type PartInput, type PartSourceSpec, type Spec } from './types.js';

/** PEP 503: a distribution's name compared case-insensitively, runs of `-`, `_`, `.` as one `-`. */
export const normalizeName = (name: string): string => name.toLowerCase().replace(/[-_.]+/g, '-');

/** A requirement's distribution, as PEP 503 compares it (extras dropped). */
const normalize = (requirement: string) => normalizeName(requirement.replace(/\[.*$/, ''));

/** The source a part is taken from (`name@source`); undefined: the full image. */
export function partSourceOf(spec: Pick<Spec, 'partSources'>, input: PartInput, name: string): string | undefined {
  return spec.partSources.find((p) => p.input === input && p.name === name)?.source;
}

/** Whether a part or distribution is taken from the source `name` (one an add entry alone reads is not). */
export function isPartSource(spec: Pick<Spec, 'partSources' | 'pythonPackages'>, name: string): boolean {
  return spec.partSources.some((p) => p.source === name) || spec.pythonPackages.some((p) => p.source === name);
}

const SOURCE_NAME = /^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$/;
/** The roles the compose's own images have: a source may not take their names. */
const RESERVED = ['full', 'min', 'gpu-min'];

/** `sources`: each NAME=IMAGE, checked for form, reserved names and duplicates. */
export function parseSources(text: string): Map<string, ImageRef> {
  const out = new Map<string, ImageRef>();
  for (const item of parseList('sources', text, { csv: true })) {
    const eq = item.indexOf('=');
    const name = eq > 0 ? item.slice(0, eq).trim() : '';
    const image = eq > 0 ? item.slice(eq + 1).trim() : '';
    if (!name || !image)
      throw new InputError('sources', `"${item}" is not NAME=IMAGE, e.g. vllm=nvcr.io/nvidia/tritonserver:26.08-vllm-python-py3`);
    if (!SOURCE_NAME.test(name) || name.length > 32)
      throw new InputError(
        'sources',
        `"${name}" is not a source name: lowercase letters and digits, words joined by single "-", at most 32 characters`,
      );
    if (RESERVED.includes(name))
      throw new InputError('sources', `"${name}" names one of the compose's own images (${RESERVED.join(', ')})`);
    if (out.has(name)) throw new InputError('sources', `"${name}" is given twice`);
    const ref = parseReference(image);
    if (typeof ref === 'string') throw new InputError('sources', `${name}: "${image}" is not an image reference: ${ref}`);
    out.set(name, ref);
  }
  return out;
}

/**
 * A part list with `name@source` items: the text with the sources taken off (for the names'
 * own checks) and the source each such name asked for.
 */
export function splitSourced(input: PartInput | 'python-packages', text: string): { text: string; from: Map<string, string> } {
  const from = new Map<string, string>();
  const lines = text.split(/\r?\n/).map((line) =>
    line
      .split(',')
      .map((raw) => {
        const item = raw.trim();
        const at = item.indexOf('@');
        if (at < 0) return raw;
        const name = item.slice(0, at).trim();
        const source = item.slice(at + 1).trim();
        if (!SOURCE_NAME.test(source))
          throw new InputError(
            input,
            `"${item}" is not NAME@SOURCE: SOURCE is a name of the sources input${input === 'backends' ? ' (or, with container-version, vllm or trtllm)' : ''}`,
          );
        if (from.has(name)) throw new InputError(input, `"${name}" is listed twice`);
        from.set(name, source);
        return name;
      })
      .join(','),
  );
  return { text: lines.join('\n'), from };
}

/** The image of an NGC variant's short name: its tag beside the full image, in the same repository. */
function variantImage(full: ImageRef, version: string, suffix: string): ImageRef {
  return { registry: full.registry, repository: full.repository, tag: `${version}${suffix}` };
}

/**
 * Which source each sourced part comes from, and the images of the sources used. `declared` is
 * the sources input; `asked` each part input's `name@source` (and the variant-only backends
 * named alone, when the full image is NGC's); with `version`, vllm and trtllm need no
 * declaring. A source no part names (nor an add entry: `addUsed`) is a note, not an error (a
 * matrix may share one list).
 */
/** The distribution each Python-based backend of NGC's variants runs (its model.py imports it). */
const PYTHON_BACKEND_DISTRIBUTIONS: Readonly<Record<string, string>> = { vllm: 'vllm', tensorrtllm: 'tensorrt_llm' };

export function planPartSources(
  declared: ReadonlyMap<string, ImageRef>,
  asked: Record<PartInput, ReadonlyMap<string, string>>,
  opts: { version?: string; full: ImageRef },
  packages: ReadonlyMap<string, string> = new Map(),
  addUsed: readonly string[] = [],
): {
  parts: PartSourceSpec[];
  sources: { name: string; ref: ImageRef }[];
  notes: string[];
  /** python-packages a Python-based backend of a source brings with it (PYTHON_BACKEND_DISTRIBUTIONS). */
  implied: { requirement: string; source: string; why: string; backend: string }[];
} {
  const parts: PartSourceSpec[] = [];
  const used = new Map<string, ImageRef>();
  const use = (input: string, name: string, source: string) => {
    let ref = declared.get(source);
    const variant = VARIANT_SOURCES[source];
    if (!ref && variant && opts.version) ref = variantImage(opts.full, opts.version, variant.suffix);
    if (!ref) {
      const known = [...declared.keys(), ...(opts.version ? Object.keys(VARIANT_SOURCES) : [])];
      throw new InputError(
        input,
        `"${name}@${source}": no source is named ${source} (${known.length ? `known: ${known.join(', ')}` : 'the sources input is empty'}); declare it in sources as ${source}=IMAGE${variant ? ', or give container-version' : ''}`,
      );
    }
    used.set(source, ref);
  };
  for (const input of PART_INPUTS) {
    for (const [name, source] of asked[input]) {
      use(input, name, source);
      parts.push({ input, name, source });
    }
  }
  for (const [name, source] of packages) use('python-packages', name, source);
  // A Python-based backend of a variant runs the distributions its image installs: they come
  // with it from that image (its closure), as python-packages would bring them.
  const implied: { requirement: string; source: string; why: string; backend: string }[] = [];
  const notes: string[] = [];
  for (const p of parts) {
    const dist = PYTHON_BACKEND_DISTRIBUTIONS[p.name];
    if (p.input !== 'backends' || !dist) continue;
    const carried = [...packages].some(([req, source]) => source === p.source && normalize(req) === normalize(dist));
    if (carried || implied.some((x) => x.source === p.source && x.requirement === dist)) continue;
    const why = `the ${p.name} backend runs it (backends: ${p.name}@${p.source})`;
    implied.push({ requirement: dist, source: p.source, why, backend: `${p.name}@${p.source}` });
    notes.push(
      `backends: ${p.name}@${p.source} runs on ${dist}: its distributions come from ${p.source} with it (python-packages: ${dist}@${p.source})`,
    );
  }
  notes.push(
    ...[...declared.keys()]
      .filter((n) => !used.has(n) && !addUsed.includes(n))
      .map((n) => `sources: ${n} is named by no part (write a part as NAME@${n} to take it from there); it is not read`),
  );
  return { parts, sources: [...used].map(([name, ref]) => ({ name, ref })), notes, implied };
}

const DISTRIBUTION = /^[A-Za-z0-9](?:[A-Za-z0-9._-]*[A-Za-z0-9])?(?:\[\s*[A-Za-z0-9._-]+(?:\s*,\s*[A-Za-z0-9._-]+)*\s*\])?$/;

/**
 * `python-packages`: distribution names (PEP 508's, with extras: `name[extra,…]`), one per line
 * or comma-separated outside brackets, each optionally `@source`. Names compare as pip does.
 */
export function parsePythonPackages(text: string): { requirement: string; source?: string }[] {
  const out: { requirement: string; source?: string }[] = [];
  const seen = new Set<string>();
  const items = text.split(/\r?\n/).flatMap((line) => line.split(/,(?![^[]*\])/));
  for (const raw of items) {
    const item = raw.trim();
    if (item === '') continue;
    const at = item.lastIndexOf('@');
    const requirement = (at > 0 ? item.slice(0, at) : item).trim();
    const source = at > 0 ? item.slice(at + 1).trim() : undefined;
    if (!DISTRIBUTION.test(requirement))
      throw new InputError(
        'python-packages',
        `"${item}" is not a distribution name: letters, digits, ".", "_" and "-", optionally with extras in brackets (e.g. vllm, tinyrope[speed]) and @SOURCE`,
      );
    if (source !== undefined && !SOURCE_NAME.test(source))
      throw new InputError('python-packages', `"${item}": "${source}" is not a source name (a name of the sources input)`);
    const key = normalize(requirement);
    if (seen.has(key)) throw new InputError('python-packages', `"${requirement}" is listed twice`);
    seen.add(key);
    out.push({ requirement, ...(source ? { source } : {}) });
  }
  return out;
}

/** prefer: image names in order, each `full` or a source some part or distribution is taken from. */
export function parsePrefer(text: string, used: readonly string[]): string[] {
  const out: string[] = [];
  for (const name of parseList('prefer', text, { csv: true })) {
    if (name !== 'full' && !used.includes(name))
      throw new InputError(
        'prefer',
        `"${name}" is not an image of this compose: name full or a source a part or distribution is taken from (${['full', ...used].join(', ')})`,
      );
    if (out.includes(name)) throw new InputError('prefer', `"${name}" is listed twice`);
    out.push(name);
  }
  return out;
}

/** python-packages: for the python backend's models, read by byte ranges (the selective source). */
export function checkPythonPackages(spec: Spec): void {
  if (!spec.pythonPackages.length) return;
  // Those a Python-based backend brings with it are named by backends, not python-packages.
  const input = spec.pythonPackages.some((p) => !p.why) ? 'python-packages' : 'backends';
  if (!spec.backends.includes('python'))
    throw new InputError(input, "the distributions are for the python backend's models: keep python in backends");
  if (spec.source !== 'selective')
    throw new InputError(
      input,
      'the distributions are copied file by file, as their RECORD lists them, from byte ranges: use source: selective (the default)',
    );
}
