// The dpkg database as Ubuntu keeps it (/var/lib/dpkg/status and info/<pkg>[:arch].list),
// and the closure of a package set over `Depends`/`Pre-Depends`, minus what the base has.
// Field syntax: https://www.debian.org/doc/debian-policy/ch-relationships.html

export interface DpkgPackage {
  name: string;
  version: string;
  arch: string;
  installed: boolean;
  /** Alternatives per dependency: [["libc6"], ["libcurl4", "libcurl4t64"]]. */
  depends: string[][];
  provides: string[];
}

export function parseStatus(text: string): Map<string, DpkgPackage> {
  const out = new Map<string, DpkgPackage>();
  for (const stanza of text.split(/\n\s*\n/)) {
    const fields = new Map<string, string>();
    let last = '';
    for (const line of stanza.split('\n')) {
      if (/^\s/.test(line) && last) fields.set(last, `${fields.get(last)}\n${line.trim()}`);
      else {
        const m = /^([A-Za-z0-9-]+):\s*(.*)$/.exec(line);
        if (m) fields.set((last = m[1].toLowerCase()), m[2]);
      }
    }
    const name = fields.get('package');
    if (!name) continue;
    const rel = (f: string) =>
      (fields.get(f) ?? '')
        .split(',')
        .map((d) =>
          d
            .split('|')
            .map((alt) => alt.trim().split(/[\s(:]/)[0])
            .filter(Boolean),
        )
        .filter((alts) => alts.length > 0);
    out.set(name, {
      name,
      version: fields.get('version') ?? '',
      arch: fields.get('architecture') ?? '',
      installed: /\binstalled$/.test(fields.get('status') ?? ''),
      depends: [...rel('pre-depends'), ...rel('depends')],
      provides: rel('provides').map((a) => a[0]),
    });
  }
  return out;
}

export interface Closure {
  /** Packages to bring over, sorted. */
  packages: string[];
  /** Requested names that the source database does not have. */
  missing: string[];
}

/**
 * Every package `wanted` needs that `base` lacks: a breadth-first walk over Depends, taking
 * the first alternative either side has; a dependency the base already satisfies (by name or
 * Provides) is not followed.
 */
export function dependencyClosure(source: Map<string, DpkgPackage>, base: Map<string, DpkgPackage>, wanted: string[]): Closure {
  const provided = (db: Map<string, DpkgPackage>) => {
    const names = new Set<string>();
    for (const p of db.values()) if (p.installed) [p.name, ...p.provides].forEach((n) => names.add(n));
    return names;
  };
  const inBase = provided(base);
  const providers = new Map<string, string>();
  for (const p of source.values()) if (p.installed) for (const v of p.provides) if (!providers.has(v)) providers.set(v, p.name);
  const take = new Set<string>();
  const missing: string[] = [];
  const queue = [...wanted];
  while (queue.length > 0) {
    const name = queue.shift() as string;
    if (take.has(name) || inBase.has(name)) continue;
    const pkg = source.get(name) ?? source.get(providers.get(name) ?? '');
    if (!pkg || !pkg.installed) {
      if (wanted.includes(name)) missing.push(name);
      continue;
    }
    take.add(pkg.name);
    for (const alts of pkg.depends) {
      if (alts.some((a) => inBase.has(a) || take.has(a))) continue;
      const first = alts.find((a) => source.get(a)?.installed || providers.has(a));
      if (first) queue.push(first);
    }
  }
  return { packages: [...take].sort(), missing };
}

/** The paths a package's .list names (folders included), from captured info files. */
export function packageFiles(captured: Map<string, string>, name: string, arch: string): string[] | undefined {
  const text = captured.get(`/var/lib/dpkg/info/${name}:${arch}.list`) ?? captured.get(`/var/lib/dpkg/info/${name}.list`);
  if (text === undefined) return undefined;
  return text.split('\n').filter((l) => l.startsWith('/') && l !== '/.');
}
