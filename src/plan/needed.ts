// What of min's shared libraries a composed image can load: the closure over DT_NEEDED from
// every ELF file that stays (the server, the kept parts, the runtime packages, min's programs),
// resolved as the loader resolves (loader.ts), plus what the libraries kept open with dlopen()
// (dlopen-rules.ts); every kept library with the first reason found. Pure.
import picomatch from 'picomatch';
import { DLOPEN_RULES, type DlopenRule, ruleHolds } from './dlopen-rules.js';
import {
  type Found,
  type LoadedObject,
  type LoaderImage,
  followLinks,
  inheritedBy,
  type SearchPath,
  resolveLibrary,
  searchFolders,
} from './loader.js';

export interface NeededInput {
  img: LoaderImage;
  /** The folders searched after an object's own (planSearchPath). */
  search: SearchPath;
  release?: string;
  /** ELF files that stay whatever the closure says, and why. */
  roots: ReadonlyArray<{ path: string; reason: string }>;
  /** Paths the closure may drop: min's shared libraries in the loader's folders, and links to them. */
  candidates: ReadonlySet<string>;
  rules?: readonly DlopenRule[];
}

export interface NeededResult {
  /** Why each candidate stays; a candidate not here is dropped. */
  kept: Map<string, string>;
  /** Names no folder of the image holds, and who needs them. */
  unresolved: Array<{ name: string; by: string }>;
  /** Loaded files whose dynamic facts could not be read whole: what they need is unknown. */
  incomplete: Array<{ path: string; why: string }>;
  /** Rules that kept something, by id. */
  rulesUsed: string[];
}

const baseName = (p: string) => p.slice(p.lastIndexOf('/') + 1);

export function planNeeded(input: NeededInput): NeededResult {
  const { img, candidates } = input;
  const rules = (input.rules ?? DLOPEN_RULES).filter((r) => ruleHolds(r, input.release));
  const result: NeededResult = { kept: new Map(), unresolved: [], incomplete: [], rulesUsed: [] };
  const keep = (path: string, reason: string) => {
    if (candidates.has(path) && !result.kept.has(path)) result.kept.set(path, reason);
  };
  const seen = new Set<string>();
  const queue: LoadedObject[] = [];
  const load = (obj: LoadedObject) => {
    if (seen.has(obj.path)) return;
    seen.add(obj.path);
    queue.push(obj);
  };
  const take = (found: Found, by: LoadedObject, reason: string) => {
    for (const l of found.links) keep(l, reason);
    keep(found.file, reason);
    load({ path: found.path, facts: found.facts, inherited: inheritedBy(by) });
  };
  const { search } = input;
  for (const r of input.roots) {
    const f = followLinks(img, r.path);
    const e = f && img.entry(f.path);
    if (e?.type === 'file' && e.elf) load({ path: r.path, facts: e.elf, inherited: [] });
  }
  const usedRules = new Set<string>();
  for (let i = 0; i < queue.length; i++) {
    const obj = queue[i];
    const { facts } = obj;
    if (facts.incomplete) result.incomplete.push({ path: obj.path, why: facts.incomplete });
    if (facts.interp) {
      const f = followLinks(img, facts.interp);
      if (f) for (const p of [...f.links, f.path]) keep(p, `interpreter of ${obj.path}`);
    }
    for (const name of facts.needed) {
      const found = resolveLibrary(img, search, obj, name);
      if (found) take(found, obj, `needed by ${obj.path}`);
      else result.unresolved.push({ name, by: obj.path });
    }
    const names = new Set([baseName(obj.path), ...(facts.soname ? [facts.soname] : [])]);
    for (const rule of rules) {
      if (![...names].some((n) => rule.by.test(n))) continue;
      for (const found of dlopened(img, search, obj, rule)) {
        usedRules.add(rule.id);
        take(found, obj, `dlopen rule: ${rule.what} (opened by ${obj.path})`);
      }
    }
  }
  // A link to a kept library stays (a program may name the library by it: ctypes, a -dev link).
  for (const c of candidates) {
    if (result.kept.has(c) || img.entry(c)?.type !== 'symlink') continue;
    const f = followLinks(img, c);
    if (f && result.kept.has(f.path)) result.kept.set(c, `link to ${f.path}, which stays`);
  }
  result.rulesUsed = [...usedRules].sort();
  return result;
}

/** The objects a rule's opener would open: exact names through its search, globs over its folders. */
function dlopened(img: LoaderImage, search: SearchPath, by: LoadedObject, rule: DlopenRule): Found[] {
  const out: Found[] = [];
  for (const glob of rule.opens) {
    if (!glob.includes('*')) {
      const f = resolveLibrary(img, search, by, glob);
      if (f) out.push(f);
      continue;
    }
    const test = picomatch(glob);
    const names = new Set<string>();
    for (const dir of searchFolders(by, search)) {
      const real = followLinks(img, dir)?.path;
      if (real) for (const n of img.list(real)) if (test(n)) names.add(n);
    }
    for (const n of [...names].sort()) {
      const f = resolveLibrary(img, search, by, n);
      if (f) out.push(f);
    }
  }
  return out;
}
