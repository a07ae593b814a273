// Images for the loader's and the planners' unit tests, from a compact description: ELF facts
// (a file), '->target' (a symlink), 'dir', or { text } (a captured file).
import type { ImageView, TocEntry } from '../../src/layer/contents.js';
import type { ElfFacts } from '../../src/layer/elf.js';
import type { LoaderImage } from '../../src/plan/loader.js';

export const lib = (soname: string, needed: string[] = [], extra: Partial<ElfFacts> = {}): ElfFacts => ({
  class: 64,
  machine: 62,
  type: 'dyn',
  soname,
  needed,
  ...extra,
});
export const exe = (needed: string[], extra: Partial<ElfFacts> = {}): ElfFacts => ({
  class: 64,
  machine: 62,
  type: 'dyn',
  interp: '/lib64/ld-linux-x86-64.so.2',
  needed,
  ...extra,
});

export type Spec = Record<string, ElfFacts | string | 'dir' | { text: string }>;

/** Entries from a compact description: facts (an ELF file), '->target' (a link), 'dir', or a captured text. */
function entries(spec: Spec): { map: Map<string, TocEntry>; captured: Map<string, string> } {
  const map = new Map<string, TocEntry>();
  const captured = new Map<string, string>();
  const base = { size: 100, mode: 0o644, uid: 0, gid: 0 };
  for (const [path, v] of Object.entries(spec)) {
    for (let d = path.slice(0, path.lastIndexOf('/')); d; d = d.slice(0, d.lastIndexOf('/')))
      if (!map.has(d)) map.set(d, { path: d, type: 'dir', ...base, size: 0 });
    if (v === 'dir') map.set(path, { path, type: 'dir', ...base, size: 0 });
    else if (typeof v === 'string') map.set(path, { path, type: 'symlink', ...base, size: 0, target: v.slice(2) });
    else if ('text' in v) {
      map.set(path, { path, type: 'file', ...base });
      captured.set(path, v.text);
    } else map.set(path, { path, type: 'file', ...base, elf: v });
  }
  return { map, captured };
}

export function image(spec: Spec): LoaderImage {
  const { map, captured } = entries(spec);
  return {
    entry: (p) => map.get(p),
    list: (dir) =>
      [...map.keys()]
        .filter((p) => p.slice(0, p.lastIndexOf('/')) === dir)
        .map((p) => p.slice(dir.length + 1))
        .sort(),
    captured,
  };
}

export const view = (spec: Spec): ImageView => {
  const { map, captured } = entries(spec);
  return { entries: new Map([...map].map(([p, e]) => [p, { ...e, layer: 0 }])), captured };
};
