// What the SBOM of a composed image lists, from what the compose already knows: min's dpkg
// database and Python distributions (the result's base), plus what the plan copies from full
// (runtime packages, with full's versions, and the distributions among their files; the
// python-packages distributions and the packages their native extensions load), and the Triton parts. Pure: views and plan in, SbomInput and counts for the job summary out.
import { packageFiles, parseStatus } from './dpkg.js';
import { parseViewOsRelease } from './image-facts.js';
import type { ComposePlan } from './plan.js';
import { type ImageView, resolveInView } from '../layer/contents.js';
import type { SbomDebPackage, SbomInput, SbomPythonDist } from '../report/sbom.js';
import type { SbomSummary } from '../report/types.js';
import { VERSION } from '../util/version.js';

export interface SbomFacts {
  /** The result: `registry/repository`, its first tag and digest (none on a dry run). */
  image: { repository: string; tag?: string; digest?: string };
  /** The compose's epoch seconds (SOURCE_DATE_EPOCH). */
  created: number;
  plan: ComposePlan;
  /** The platform the document is about (`linux/amd64`): one SBOM per platform manifest. */
  platform: string;
  views: { full: ImageView; min: ImageView };
  /** Paths of min a trim removes (planDropPaths): what they held is not in the result. */
  removed?: ReadonlySet<string>;
}

const STATUS = '/var/lib/dpkg/status';
/** A distribution's metadata folder (or egg-info file) right under a site-packages or dist-packages folder. */
const DIST_INFO = /\/(?:site|dist)-packages\/([^/]+)\.(dist-info|egg-info)(?:\/|$)/;

/**
 * Name and version of a metadata folder's name: `<name>-<version>` for dist-info (PEP 427 and
 * 376 escape `-` in either as `_`), `<name>[-<version>[-py<X.Y>[-<platform>]]]` for egg-info.
 */
export function parseDistFolder(stem: string, kind: 'dist-info' | 'egg-info'): SbomPythonDist | undefined {
  const dash = stem.indexOf('-');
  if (kind === 'dist-info')
    return dash > 0 && dash < stem.length - 1 ? { name: stem.slice(0, dash), version: stem.slice(dash + 1) } : undefined;
  const [name, version] = stem.split('-');
  if (!name) return undefined;
  return version ? { name, version } : { name };
}

/** The Python distributions whose metadata a list of paths holds, once each. */
export function findDistributions(paths: Iterable<string>): SbomPythonDist[] {
  const out = new Map<string, SbomPythonDist>();
  for (const p of paths) {
    const m = DIST_INFO.exec(p);
    if (!m || out.has(m[0])) continue;
    const dist = parseDistFolder(m[1], m[2] as 'dist-info' | 'egg-info');
    if (dist) out.set(m[0], dist);
  }
  const seen = new Map<string, SbomPythonDist>();
  for (const d of out.values()) seen.set(`${d.name}\n${d.version ?? ''}`, d);
  return [...seen.values()];
}

/** The source package of each binary package that names one (`Source: glibc (2.35-0ubuntu3)`). */
export function parseSourcePackages(status: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const stanza of status.split(/\n\s*\n/)) {
    const name = /^Package:\s*(\S+)/m.exec(stanza)?.[1];
    const source = /^Source:\s*([^\s(]+)/m.exec(stanza)?.[1];
    if (name && source) out.set(name, source);
  }
  return out;
}

/** The installed packages of a dpkg database, with their source packages. */
function installedDebs(status: string): Map<string, SbomDebPackage> {
  const sources = parseSourcePackages(status);
  const out = new Map<string, SbomDebPackage>();
  for (const p of parseStatus(status).values()) {
    if (!p.installed) continue;
    const source = sources.get(p.name);
    out.set(p.name, { name: p.name, version: p.version || undefined, arch: p.arch || undefined, ...(source ? { source } : {}) });
  }
  return out;
}

/**
 * Min's packages a trim removed every file of (folders aside): the result holds nothing of them,
 * so the SBOM does not list them. A package with no file in the view stays listed. Pure.
 */
function removedPackages(min: ImageView, debs: ReadonlyMap<string, SbomDebPackage>, removed: ReadonlySet<string>): string[] {
  const out: string[] = [];
  for (const [name, deb] of debs) {
    const files = (packageFiles(min.captured, name, deb.arch ?? '') ?? [])
      .map((p) => (min.entries.has(p) ? p : resolveInView(min, p)))
      .filter((p): p is string => p !== undefined && min.entries.get(p)?.type !== 'dir');
    if (files.length > 0 && files.every((p) => removed.has(p))) out.push(name);
  }
  return out;
}

/** `name=version` as apt takes it; the version when pinned. */
function aptName(spec: string): SbomDebPackage {
  const i = spec.indexOf('=');
  return i > 0 ? { name: spec.slice(0, i), version: spec.slice(i + 1) } : { name: spec };
}

/** `numpy<2`, `virtualenv`, `x==1.0` as pip takes them: the name, and the version when pinned exactly. */
function pipName(spec: string): SbomPythonDist {
  const m = /^([A-Za-z0-9][A-Za-z0-9._-]*)\s*(?:==\s*([^\s,;]+))?/.exec(spec);
  if (!m) return { name: spec };
  return m[2] && !m[2].includes('*') ? { name: m[1], version: m[2] } : { name: m[1] };
}

function tritonVersion(plan: ComposePlan): string | undefined {
  if (plan.triton) return plan.triton;
  const env = new Map(plan.env);
  return env.get('TRITON_SERVER_VERSION') ?? env.get('NVIDIA_TRITON_SERVER_VERSION');
}

/** The SBOM input of one platform of a compose, and what it counts against the full image. Pure. */
export function planSbomInput(facts: SbomFacts): { input: SbomInput; summary: SbomSummary } {
  const { plan, platform, views } = facts;
  const fullStatus = views.full.captured.get(STATUS) ?? '';
  const full = installedDebs(fullStatus);
  const debs = installedDebs(views.min.captured.get(STATUS) ?? '');
  const removed = facts.removed ?? new Set<string>();
  const trimmed = removedPackages(views.min, debs, removed);
  for (const name of trimmed) debs.delete(name);
  const python = findDistributions([...views.min.entries.keys()].filter((p) => !removed.has(p)));
  if (plan.runtime.mode === 'image') {
    for (const name of plan.runtime.packages[platform] ?? []) debs.set(name, full.get(name) ?? { name });
    python.push(...findDistributions(plan.runtime.files[platform] ?? []));
  } else {
    const arch = platform.split('/')[1] ?? '';
    const { packages, archPackages, dcgm, nvshmem } = plan.runtime;
    for (const spec of [...packages, ...(archPackages[arch] ?? []), ...dcgm, ...nvshmem]) {
      const deb = aptName(spec);
      debs.set(deb.name, deb);
    }
    python.push(...plan.runtime.pip.map(pipName));
  }
  // python-packages: the distributions, and the packages their native extensions load.
  for (const g of plan.pythonPackages ?? []) {
    python.push(...findDistributions(g.files[platform] ?? []));
    for (const l of g.libraries ?? [])
      if (l.package && !debs.has(l.package))
        debs.set(
          l.package,
          g.source ? { name: l.package, ...(l.version ? { version: l.version } : {}) } : (full.get(l.package) ?? { name: l.package }),
        );
  }
  const distro = parseViewOsRelease(views.min);
  const version = tritonVersion(plan);
  const input: SbomInput = {
    image: { ...facts.image, platform },
    created: facts.created,
    tool: { name: 'triton-compose', version: VERSION },
    ...(distro ? { distro } : {}),
    debs: [...debs.values()],
    python,
    triton: {
      ...(version ? { version } : {}),
      parts: plan.parts.map((p) => ({ name: p.name, kind: p.kind, ...(p.source ? { from: plan.sources.extra?.[p.source] } : {}) })),
    },
  };
  const distinct = (list: SbomPythonDist[]) => new Set(list.map((d) => `${d.name}\n${d.version ?? ''}`)).size;
  const summary: SbomSummary = {
    packages: debs.size,
    distributions: distinct(python),
    fullPackages: full.size,
    fullDistributions: distinct(findDistributions(views.full.entries.keys())),
    ...(facts.removed ? { trimmedPackages: trimmed.length } : {}),
  };
  return { input, summary };
}
