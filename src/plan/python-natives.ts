// What python-packages' native extensions load from outside their distributions: each ELF file
// a distribution's RECORD lists is loaded as the dynamic loader would load it in the composed
// image (min, what the compose copies from the full image, the distributions); a library it
// needs that the composed image lacks is looked up in the image the distributions come from,
// and brought over with the dpkg package that ships it (and that package's dependencies min
// lacks), or as the file itself when no package lists it. Repeated until nothing new is needed.
// Pure: views and plan facts in, files and reasons out.
import { type DpkgPackage, dependencyClosure, parseStatus } from './dpkg.js';
import type { ImageView } from '../layer/contents.js';
import { type LoaderImage, type SearchPath, overlayImage, planSearchPath, resolveLibrary } from './loader.js';
import { planNeeded } from './needed.js';
import { underAny } from '../layer/view.js';
import { packageFilesInView } from './runtime.js';
import type { ComposePlan, Sources } from './types.js';
import type { NativeLibrary } from './python-dists.js';

const STATUS = '/var/lib/dpkg/status';

export interface NativeInput {
  /** The image the distributions come from (the full image, or a source). */
  source: ImageView;
  full: ImageView;
  min: ImageView;
  /** What the compose copies from the full image besides the distributions (the server's folder, the runtime files). */
  fromFull: readonly string[];
  /** The distributions' files (from `source`). */
  dists: readonly string[];
  /** Packages the compose already carries (runtime-deps): not brought twice. */
  carried: ReadonlySet<string>;
  env: ReadonlyArray<readonly [string, string]>;
  arch: string;
}

export interface NativeLibraries {
  libraries: NativeLibrary[];
  /** Files to copy from `source` besides the distributions', sorted. */
  files: string[];
  /** Names neither the composed image nor the source holds (a driver library mounted at run time), and who needs them. */
  unresolved: { name: string; by: string }[];
}

/** Which installed package of `view` lists each file (those min lacks), by the path the view holds it at. */
function owners(view: ImageView, packages: Map<string, DpkgPackage>, arch: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const p of packages.values())
    if (p.installed) for (const f of packageFilesInView(view, p.name, arch)) if (!out.has(f)) out.set(f, p.name);
  return out;
}

/**
 * The libraries `input.dists`' ELF files load that the composed image would lack, with the
 * packages (or loose files) of `input.source` that hold them.
 */
export function planNativeLibraries(input: NativeInput): NativeLibraries {
  const { source, min, arch } = input;
  const dists = new Set(input.dists);
  const roots = input.dists.filter((p) => source.entries.get(p)?.elf).map((path) => ({ path, reason: 'python-packages' }));
  const out: NativeLibraries = { libraries: [], files: [], unresolved: [] };
  if (roots.length === 0) return out;
  const machine = source.entries.get(roots[0].path)?.elf?.machine ?? 62;
  const sourceStatus = parseStatus(source.captured.get(STATUS) ?? '');
  const minStatus = parseStatus(min.captured.get(STATUS) ?? '');
  const fromFull = underAny(input.fromFull);
  // Made only once a library is missing (most composes need none): the source image whole, as
  // its own processes see it, and the package that lists each of its files.
  let lookup: { whole: LoaderImage; search: SearchPath; ownerOf: Map<string, string> } | undefined;
  const sourceSide = () => {
    if (lookup) return lookup;
    const whole = overlayImage([
      { view: min, has: () => true },
      { view: source, has: () => true },
    ]);
    lookup = { whole, search: planSearchPath(whole, input.env, machine), ownerOf: owners(source, sourceStatus, arch) };
    return lookup;
  };
  const brought = new Set<string>();
  const taken = new Set<string>(input.carried);
  const handled = new Set<string>();
  for (;;) {
    const composed = overlayImage([
      { view: min, has: () => true },
      { view: input.full, has: fromFull },
      { view: source, has: (p) => dists.has(p) || brought.has(p) },
    ]);
    const needed = planNeeded({
      img: composed,
      search: planSearchPath(composed, input.env, machine),
      roots,
      candidates: new Set(),
      rules: [],
    });
    let more = false;
    for (const u of needed.unresolved) {
      const key = `${u.name}\n${u.by}`;
      if (handled.has(key)) continue;
      handled.add(key);
      const facts = composed.entry(u.by)?.elf;
      const { whole, search, ownerOf } = sourceSide();
      const found = facts && resolveLibrary(whole, search, { path: u.by, facts, inherited: [] }, u.name);
      if (!found) {
        out.unresolved.push(u);
        continue;
      }
      const why = `${u.name}, needed by ${u.by}`;
      const owner = ownerOf.get(found.file);
      if (owner) {
        if (taken.has(owner)) continue;
        for (const name of dependencyClosure(sourceStatus, minStatus, [owner]).packages) {
          if (taken.has(name)) continue;
          taken.add(name);
          const pkg = sourceStatus.get(name);
          out.libraries.push({
            package: name,
            ...(pkg?.version ? { version: pkg.version } : {}),
            why: name === owner ? why : `dependency of ${owner}`,
          });
          for (const f of packageFilesInView(source, name, arch)) brought.add(f);
        }
      } else {
        out.libraries.push({ path: found.file, why });
        for (const p of [...found.links, found.file]) if (source.entries.has(p)) brought.add(p);
      }
      more = true;
    }
    if (!more) break;
  }
  out.files = [...brought].filter((p) => !dists.has(p)).sort();
  return out;
}

/**
 * Each python-packages group of the plan with what its native extensions load: the files added
 * to the group's per platform, the libraries and unresolved names of the first platform.
 */
export function planPythonNatives(plan: ComposePlan, src: Sources, platforms: readonly string[]): void {
  const fromFullParts = [...plan.core, ...plan.parts.filter((p) => !p.source).map((p) => p.path)];
  for (const g of plan.pythonPackages ?? []) {
    for (const p of platforms) {
      const views = src.views[p];
      const runtime = plan.runtime;
      const carried = new Set(
        runtime.mode === 'image' ? (runtime.packages[p] ?? []) : runtime.packages.map((n) => n.replace(/[=:].*$/, '')),
      );
      const found = planNativeLibraries({
        source: g.source ? views.extra[g.source] : views.full,
        full: views.full,
        min: views.min,
        fromFull: [...fromFullParts, ...(runtime.mode === 'image' ? (runtime.files[p] ?? []) : [])],
        dists: g.files[p] ?? [],
        carried,
        env: plan.env,
        arch: src.full.platforms[p].config.architecture,
      });
      g.files[p] = [...new Set([...(g.files[p] ?? []), ...found.files])].sort();
      if (p !== platforms[0]) continue;
      if (found.libraries.length) g.libraries = found.libraries;
      if (found.unresolved.length) g.unresolved = found.unresolved;
    }
  }
}
