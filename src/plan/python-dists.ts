// Python distributions of an image, as pip leaves them: each `*.dist-info` folder of a
// site-packages folder, its METADATA (name, version, Requires-Dist) and its RECORD (the files it
// installed). A distribution's closure follows Requires-Dist, with each requirement's environment
// marker evaluated for the image's Python and platform (PEP 508) and the extras asked for; the
// files are those RECORD lists. No pip, no network. Pure.
import { type ImageView, isDistInfoFile } from '../layer/contents.js';
import { posix } from 'node:path';
import { normalizeName } from '../spec/sources-spec.js';

export interface Distribution {
  name: string;
  version: string;
  /** The site-packages folder it is installed in. */
  site: string;
  /** Its `.dist-info` folder. */
  distInfo: string;
  requires: string[];
  /** Files RECORD lists, absolute; absent when it has no RECORD. */
  files?: string[];
  /** Paths RECORD lists outside the installation's prefix (where pip writes: its lib, bin, share, include). */
  outside?: string[];
}

/** Where pip writes for a site folder: /usr/local for /usr/local/lib/python3.11/dist-packages, /usr for Debian's. */
const prefixOf = (site: string): string => site.replace(/\/lib\/python[^/]*\/(?:dist|site)-packages$/, '') || '/';

/** METADATA's headers (RFC 822 style) before the body: Name, Version, every Requires-Dist. */
function parseMetadata(text: string): { name?: string; version?: string; requires: string[] } {
  const out: { name?: string; version?: string; requires: string[] } = { requires: [] };
  for (const line of text.split(/\r?\n/)) {
    if (line === '') break; // the body (the description) starts
    const m = /^([A-Za-z-]+):\s*(.*)$/.exec(line);
    if (!m) continue;
    const key = m[1].toLowerCase();
    if (key === 'name') out.name = m[2].trim();
    else if (key === 'version') out.version = m[2].trim();
    else if (key === 'requires-dist') out.requires.push(m[2].trim());
  }
  return out;
}

/** RECORD's paths (the first CSV field; relative to the site folder), absolute; those outside the prefix apart. */
function parseRecord(text: string, site: string): { files: string[]; outside: string[] } {
  const out: string[] = [];
  const outside: string[] = [];
  const prefix = prefixOf(site);
  for (const line of text.split(/\r?\n/)) {
    if (line.trim() === '') continue;
    let path: string;
    if (line.startsWith('"')) {
      const end = line.indexOf('",');
      path = (end > 0 ? line.slice(1, end) : line.slice(1)).replace(/""/g, '"');
    } else path = line.split(',')[0];
    const abs = posix.normalize(posix.isAbsolute(path) ? path : posix.join(site, path));
    if (abs.startsWith(`${prefix}/`)) out.push(abs);
    else outside.push(path);
  }
  return { files: out, outside };
}

/** Every distribution an image's view holds with a METADATA, by normalized name (the first site folder wins). */
export function findDistributions(view: ImageView): Map<string, Distribution> {
  const out = new Map<string, Distribution>();
  const keys = [...view.captured.keys()].filter((p) => p.endsWith('/METADATA') && isDistInfoFile(p)).sort();
  for (const path of keys) {
    const distInfo = posix.dirname(path);
    const site = posix.dirname(distInfo);
    const meta = parseMetadata(view.captured.get(path) ?? '');
    if (!meta.name) continue;
    const text = view.captured.get(`${distInfo}/RECORD`);
    const record = text === undefined ? undefined : parseRecord(text, site);
    const d: Distribution = {
      name: meta.name,
      version: meta.version ?? '',
      site,
      distInfo,
      requires: meta.requires,
      ...(record ? { files: record.files, ...(record.outside.length ? { outside: record.outside } : {}) } : {}),
    };
    const key = normalizeName(meta.name);
    if (!out.has(key)) out.set(key, d);
  }
  return out;
}

/** The facts a marker compares with: the image's Python and platform (PEP 508's environment). */
export interface MarkerEnv {
  python_version: string;
  python_full_version: string;
  sys_platform: string;
  platform_system: string;
  platform_machine: string;
  os_name: string;
  implementation_name: string;
  platform_python_implementation: string;
}

export function planMarkerEnv(python: string, platform: string): MarkerEnv {
  const arch = platform.split('/')[1] ?? 'amd64';
  const machine = ({ amd64: 'x86_64', arm64: 'aarch64', ppc64le: 'ppc64le', s390x: 's390x' } as Record<string, string>)[arch] ?? arch;
  return {
    python_version: python,
    python_full_version: `${python}.0`,
    sys_platform: 'linux',
    platform_system: 'Linux',
    platform_machine: machine,
    os_name: 'posix',
    implementation_name: 'cpython',
    platform_python_implementation: 'CPython',
  };
}

export interface Requirement {
  name: string;
  extras: string[];
  marker?: string;
}

/** A Requires-Dist value: `name[extra,…] (version spec) ; marker`. The version spec is not needed: what the image holds is taken. */
export function parseRequirement(text: string): Requirement | undefined {
  const semi = text.indexOf(';');
  const head = (semi >= 0 ? text.slice(0, semi) : text).trim();
  const marker = semi >= 0 ? text.slice(semi + 1).trim() : undefined;
  const m = /^([A-Za-z0-9](?:[A-Za-z0-9._-]*[A-Za-z0-9])?)\s*(?:\[([^\]]*)\])?/.exec(head);
  if (!m) return undefined;
  const extras = (m[2] ?? '')
    .split(',')
    .map((e) => normalizeName(e.trim()))
    .filter(Boolean);
  return { name: m[1], extras, ...(marker ? { marker } : {}) };
}

/** Compares two dotted versions numerically (non-numeric parts as strings). */
function compareVersions(a: string, b: string): number {
  const pa = a.split('.');
  const pb = b.split('.');
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const x = pa[i] ?? '0';
    const y = pb[i] ?? '0';
    const nx = Number(x);
    const ny = Number(y);
    const c = Number.isNaN(nx) || Number.isNaN(ny) ? x.localeCompare(y) : nx - ny;
    if (c !== 0) return c < 0 ? -1 : 1;
  }
  return 0;
}

const VERSION_KEYS = new Set(['python_version', 'python_full_version', 'implementation_version']);

/**
 * A PEP 508 marker's value for `env` and the extras asked for: `and`, `or`, parentheses, the
 * comparison operators (versions compared as versions, `in` and `not in` on strings). An
 * unknown variable or form is false, so a requirement that cannot be read is left out, never
 * guessed in.
 */
export function evaluateMarker(marker: string, env: MarkerEnv, extras: readonly string[]): boolean {
  const tokens = marker
    .match(/\s*(\(|\)|===|==|!=|<=|>=|~=|<|>|not\s+in\b|in\b|and\b|or\b|"[^"]*"|'[^']*'|[A-Za-z_.]+)/g)
    ?.map((t) => t.trim());
  if (!tokens || tokens.join('').replace(/\s/g, '') !== marker.replace(/\s/g, '')) return false;
  let i = 0;
  const value = (t: string): { text: string; variable?: string } => {
    if (/^["']/.test(t)) return { text: t.slice(1, -1) };
    if (t === 'extra') return { text: '', variable: 'extra' };
    const v = (env as unknown as Record<string, string>)[t];
    return v === undefined ? { text: '\u0000unknown', variable: t } : { text: v, variable: t };
  };
  const compare = (l: { text: string; variable?: string }, op: string, r: { text: string; variable?: string }): boolean => {
    if (l.variable === 'extra' || r.variable === 'extra') {
      const want = normalizeName(l.variable === 'extra' ? r.text : l.text);
      const has = extras.includes(want);
      return op === '==' || op === '===' ? has : op === '!=' ? !has : false;
    }
    if (l.text.startsWith('\u0000') || r.text.startsWith('\u0000')) return false;
    if (/^not\s+in$/.test(op)) return !r.text.includes(l.text);
    if (op === 'in') return r.text.includes(l.text);
    const versions = VERSION_KEYS.has(l.variable ?? '') || VERSION_KEYS.has(r.variable ?? '');
    const c = versions ? compareVersions(l.text, r.text) : l.text === r.text ? 0 : l.text < r.text ? -1 : 1;
    switch (op) {
      case '==':
      case '===':
        return c === 0;
      case '!=':
        return c !== 0;
      case '<':
        return c < 0;
      case '<=':
        return c <= 0;
      case '>':
        return c > 0;
      case '>=':
        return c >= 0;
      case '~=':
        return c >= 0 && compareVersions(l.text.split('.').slice(0, -1).join('.'), r.text.split('.').slice(0, -1).join('.')) === 0;
      default:
        return false;
    }
  };
  const atom = (): boolean => {
    if (tokens[i] === '(') {
      i++;
      const v = or();
      i++; // ')'
      return v;
    }
    const l = value(tokens[i++] ?? '');
    const op = tokens[i++] ?? '';
    const r = value(tokens[i++] ?? '');
    return compare(l, op, r);
  };
  const and = (): boolean => {
    let v = atom();
    while (tokens[i] === 'and') {
      i++;
      v = atom() && v;
    }
    return v;
  };
  const or = (): boolean => {
    let v = and();
    while (tokens[i] === 'or') {
      i++;
      v = and() || v;
    }
    return v;
  };
  const result = or();
  return i === tokens.length && result;
}

export interface ClosureDist {
  name: string;
  version: string;
  /** Why it is there: asked for, or the requirement (and whose) that pulled it in. */
  why: string;
  files: string[];
}

/**
 * The distributions `roots` need, walked through Requires-Dist (markers for `env`, extras as
 * asked), in the order found, each with why and its RECORD's files present in the view.
 * Throws with the chain when one is missing or has no RECORD.
 */
export function planPythonClosure(
  view: ImageView,
  roots: readonly (string | { requirement: string; why?: string })[],
  env: MarkerEnv,
  image: string,
): { dists: ClosureDist[]; excluded: { requirement: string; by: string }[] } {
  const all = findDistributions(view);
  const out = new Map<string, ClosureDist>();
  const extrasOf = new Map<string, Set<string>>();
  const excluded: { requirement: string; by: string }[] = [];
  const queue: { name: string; extras: string[]; why: string }[] = roots.map((root) => {
    const r = typeof root === 'string' ? root : root.requirement;
    const req = parseRequirement(r);
    const why = (typeof root === 'string' ? undefined : root.why) ?? 'asked for (python-packages)';
    return { name: req?.name ?? r, extras: req?.extras ?? [], why };
  });
  while (queue.length) {
    const { name, extras, why } = queue.shift() as (typeof queue)[number];
    const key = normalizeName(name);
    const dist = all.get(key);
    if (!dist) {
      const have = [...all.values()].map((d) => d.name).sort();
      throw new Error(`${image} has no Python distribution ${name} (${why}); it has ${have.join(', ') || 'none with a METADATA'}`);
    }
    const seen = extrasOf.get(key) ?? new Set<string>();
    const newExtras = extras.filter((e) => !seen.has(e));
    if (out.has(key) && newExtras.length === 0) continue;
    for (const e of extras) seen.add(e);
    extrasOf.set(key, seen);
    if (!out.has(key)) {
      if (!dist.files)
        throw new Error(`${image}: ${dist.name} ${dist.version} (${why}) has no RECORD in ${dist.distInfo}, so its files are not known`);
      if (dist.outside)
        throw new Error(
          `${image}: ${dist.name} ${dist.version}'s RECORD lists "${dist.outside[0]}", outside ${prefixOf(dist.site)} where pip installs it: refused`,
        );
      out.set(key, {
        name: dist.name,
        version: dist.version,
        why,
        files: dist.files.filter((f) => view.entries.has(f) && view.entries.get(f)?.type !== 'dir').sort(),
      });
    }
    for (const text of dist.requires) {
      const req = parseRequirement(text);
      if (!req) continue;
      if (req.marker && !evaluateMarker(req.marker, env, [...seen])) {
        excluded.push({ requirement: text, by: dist.name });
        continue;
      }
      queue.push({ name: req.name, extras: req.extras, why: `${dist.name} requires ${text}` });
    }
  }
  return { dists: [...out.values()], excluded };
}

/**
 * A library python-packages brings for a native extension (python-natives.ts): a dpkg package
 * (with its version), or the file (`path`) when no package lists it; `why` is `libyaml-0.so.2,
 * needed by /usr/…/_native….so` or `dependency of libyaml-0-2`.
 */
export type NativeLibrary = { package?: string; version?: string; path?: string; why: string };

/** The python-packages of one image (the full one, or a source), with their closure. */
export interface PlannedPythonPackages {
  /** The extra source they are read from; absent: the full image. */
  source?: string;
  /** The closure on the first platform: each distribution, its version and why it is there. */
  dists: { name: string; version: string; why: string }[];
  /** Requirements a marker left out (the requirement and who asked). */
  excluded: { requirement: string; by: string }[];
  /** The files to copy, per platform: the distributions', then what their native extensions load (libraries). */
  files: Record<string, string[]>;
  /** On the first platform: the dpkg packages (or loose files) brought for the native extensions, and why. */
  libraries?: NativeLibrary[];
  /** On the first platform: libraries an extension needs that no image of the compose holds, and who needs them. */
  unresolved?: { name: string; by: string }[];
}

/** The Python version an image runs (its /usr/bin/pythonX.Y), for markers; `3` when none is found. */
function pythonOf(view: ImageView): string {
  const found = [...view.entries.keys()].flatMap((p) => /^\/usr(?:\/local)?\/bin\/python(\d+\.\d+)$/.exec(p)?.[1] ?? []);
  return found.sort(compareVersions).at(-1) ?? '3';
}

/**
 * python-packages, planned per image they come from: the closure of each group's requirements in
 * that image's view, per platform. Throws Error with the image and the chain when one is missing.
 */
export function planPythonPackages(
  asked: readonly { requirement: string; source?: string; why?: string }[],
  views: Record<string, { full: ImageView; extra: Record<string, ImageView> }>,
  images: { full: string; extra: Record<string, string> },
  platforms: readonly string[],
): PlannedPythonPackages[] {
  const out: PlannedPythonPackages[] = [];
  for (const source of [...new Set(asked.map((a) => a.source))]) {
    const roots = asked.filter((a) => a.source === source);
    const image = source ? `${source} (${images.extra[source]})` : `the full image (${images.full})`;
    const files: Record<string, string[]> = {};
    let first: ReturnType<typeof planPythonClosure> | undefined;
    for (const p of platforms) {
      const view = source ? views[p].extra[source] : views[p].full;
      const closure = planPythonClosure(view, roots, planMarkerEnv(pythonOf(view), p), image);
      first ??= closure;
      files[p] = [...new Set(closure.dists.flatMap((d) => d.files))].sort();
    }
    if (!first) continue;
    out.push({
      ...(source ? { source } : {}),
      dists: first.dists.map(({ name, version, why }) => ({ name, version, why })),
      excluded: first.excluded,
      files,
    });
  }
  return out;
}
