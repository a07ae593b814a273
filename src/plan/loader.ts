// How the dynamic loader finds a library by name in an image, read from the image's own files:
// glibc's order (elf/dl-load.c, _dl_map_object): DT_RPATH of the object and of those that loaded
// it (only when the object has no DT_RUNPATH), LD_LIBRARY_PATH, DT_RUNPATH, the folders
// /etc/ld.so.conf lists (what ldconfig put in /etc/ld.so.cache), then the system folders. A
// candidate must be of the requester's ELF class and machine, as the loader skips others.
// $ORIGIN is the folder of the path an object was found by. Pure.
import picomatch from 'picomatch';
import { type Followed, type ImageView, type TocEntry, followPath } from '../layer/contents.js';
import type { ElfFacts } from '../layer/elf.js';

/** The composed image as the loader sees it: one entry per path, links not followed. */
export interface LoaderImage {
  entry(path: string): TocEntry | undefined;
  /** Names of the entries directly in a folder (as the image lists it, links not followed). */
  list(dir: string): readonly string[];
  /** Captured text files (the ld.so.conf family). */
  captured: ReadonlyMap<string, string>;
}

/** Multiarch triplets by ELF machine, as Debian and Ubuntu name their library folders. */
const TRIPLETS: Record<number, string> = { 62: 'x86_64-linux-gnu', 183: 'aarch64-linux-gnu', 3: 'i386-linux-gnu' };

/** glibc's system folders on Debian-family images (`ld.so --help`: "system search path"). */
export function systemFolders(machine: number): string[] {
  const t = TRIPLETS[machine];
  return [...(t ? [`/lib/${t}`, `/usr/lib/${t}`] : []), '/lib', '/usr/lib'];
}

/** Folds `.` and `..` (never above the root) and doubled slashes: an absolute path. */
export function normalizePath(path: string): string {
  const out: string[] = [];
  for (const name of path.split('/')) {
    if (name === '' || name === '.') continue;
    if (name === '..') out.pop();
    else out.push(name);
  }
  return '/' + out.join('/');
}

/** Follows a path through the image's links, the last name too, as the loader's open() does. */
export function followLinks(img: LoaderImage, path: string): Followed | undefined {
  return followPath((p) => img.entry(p), path, true);
}

/**
 * The folders /etc/ld.so.conf lists, includes followed (globs over the captured
 * /etc/ld.so.conf.d files, in name order, as ldconfig reads them), `hwcap` lines skipped.
 */
export function confFolders(captured: ReadonlyMap<string, string>): string[] {
  const out: string[] = [];
  const seen = new Set<string>();
  const read = (file: string, depth: number) => {
    if (seen.has(file) || depth > 8) return;
    seen.add(file);
    for (const raw of (captured.get(file) ?? '').split('\n')) {
      const line = raw.replace(/#.*/, '').trim();
      if (!line || line.startsWith('hwcap ')) continue;
      const inc = /^include\s+(.+)$/.exec(line);
      if (!inc) {
        for (const dir of line.split(/[:\s,]+/)) if (dir.startsWith('/')) out.push(normalizePath(dir));
        continue;
      }
      for (const glob of inc[1].split(/\s+/)) {
        const matches = picomatch(glob.startsWith('/') ? glob : `/etc/${glob}`, { dot: true });
        for (const f of [...captured.keys()].filter((k) => matches(k)).sort()) read(f, depth + 1);
      }
    }
  };
  read('/etc/ld.so.conf', 0);
  // An image whose ld.so.conf is missing still has its conf.d files read by nothing: only what it includes counts.
  return [...new Set(out)];
}

/** The folders searched for every object, after its own RPATH/RUNPATH. */
export interface SearchPath {
  /** LD_LIBRARY_PATH of the image's environment. */
  libraryPath: string[];
  /** ld.so.conf's folders, then the system folders. */
  cache: string[];
  system: string[];
}

export function planSearchPath(img: LoaderImage, env: ReadonlyArray<readonly [string, string]>, machine: number): SearchPath {
  const ldPath = env.find(([k]) => k === 'LD_LIBRARY_PATH')?.[1] ?? '';
  return {
    libraryPath: ldPath
      .split(/[:;]/)
      .filter((d) => d.startsWith('/'))
      .map(normalizePath),
    cache: confFolders(img.captured),
    system: systemFolders(machine),
  };
}

/** An RPATH/RUNPATH list with $ORIGIN, $LIB and $PLATFORM expanded; relative or unknown entries dropped. */
export function expandPathList(list: string | undefined, origin: string, machine: number): string[] {
  if (!list) return [];
  const t = TRIPLETS[machine];
  const out: string[] = [];
  for (const raw of list.split(':')) {
    const dir = raw
      .replace(/\$(?:\{ORIGIN\}|ORIGIN(?![A-Za-z0-9_]))/g, origin)
      .replace(/\$(?:\{LIB\}|LIB(?![A-Za-z0-9_]))/g, t ? `lib/${t}` : 'lib')
      .replace(/\$(?:\{PLATFORM\}|PLATFORM(?![A-Za-z0-9_]))/g, t ? t.split('-')[0] : '');
    if (dir.startsWith('/') && !dir.includes('$')) out.push(normalizePath(dir));
  }
  return out;
}

/** An ELF object on the loader's way: the path it was found by, and what it inherits. */
export interface LoadedObject {
  path: string;
  facts: ElfFacts;
  /** RPATH folders of the objects that loaded it, nearest first (glibc walks l_loader). */
  inherited: string[];
}

export interface Found {
  /** The path the loader opens (a folder of the search joined with the name). */
  path: string;
  /** The file it ends at, and the links on the way (symlinks, and the file a hardlink names). */
  file: string;
  links: string[];
  facts: ElfFacts;
}

/** The folder a path is in. Pure. */
export const dirOf = (p: string) => p.slice(0, p.lastIndexOf('/')) || '/';

/** The folders searched for a name `by` needs, in the loader's order. */
export function searchFolders(by: LoadedObject, search: SearchPath): string[] {
  const { facts } = by;
  const origin = dirOf(by.path);
  const rpath = facts.runpath ? [] : [...expandPathList(facts.rpath, origin, facts.machine), ...by.inherited];
  return [...rpath, ...search.libraryPath, ...expandPathList(facts.runpath, origin, facts.machine), ...search.cache, ...search.system];
}

/** What the RPATH chain becomes for the objects `by` loads. */
export function inheritedBy(by: LoadedObject): string[] {
  return by.facts.runpath ? [] : [...expandPathList(by.facts.rpath, dirOf(by.path), by.facts.machine), ...by.inherited];
}

/** The object the loader would map for `name` needed by `by`, or undefined when the image has none. */
export function resolveLibrary(img: LoaderImage, search: SearchPath, by: LoadedObject, name: string): Found | undefined {
  if (!name || name.includes('\0')) return undefined;
  const paths = name.includes('/')
    ? name.startsWith('/')
      ? [normalizePath(name)]
      : []
    : searchFolders(by, search).map((d) => `${d}/${name}`);
  for (const path of paths) {
    const f = followLinks(img, path);
    let e = f && img.entry(f.path);
    const links = f ? [...f.links] : [];
    if (e?.type === 'link' && e.target) {
      links.push(e.target);
      e = img.entry(e.target);
    }
    if (!f || e?.type !== 'file' || !e.elf) continue;
    if (e.elf.class !== by.facts.class || e.elf.machine !== by.facts.machine) continue;
    return { path, file: f.path, links, facts: e.elf };
  }
  return undefined;
}

/**
 * Views stacked as one image: the last layer that holds a path and whose test takes it wins;
 * each view gives only what its test takes (its names and captured files). Pure.
 */
export function overlayImage(layers: ReadonlyArray<{ view: ImageView; has: (p: string) => boolean }>): LoaderImage {
  const entry = (p: string): TocEntry | undefined => {
    for (let i = layers.length - 1; i >= 0; i--) {
      const { view, has } = layers[i];
      if (has(p) && view.entries.has(p)) return view.entries.get(p);
    }
    return undefined;
  };
  const names = new Map<string, Set<string>>();
  for (const { view, has } of layers)
    for (const p of view.entries.keys()) {
      if (p === '/' || !has(p)) continue;
      const d = dirOf(p);
      let s = names.get(d);
      if (!s) names.set(d, (s = new Set()));
      s.add(p.slice(d.length + (d === '/' ? 0 : 1)));
    }
  const captured = new Map<string, string>();
  for (const { view, has } of layers) for (const [p, text] of view.captured) if (has(p)) captured.set(p, text);
  return { entry, list: (dir) => [...(names.get(dir) ?? [])].sort(), captured };
}
