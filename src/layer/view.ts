// The final view of a stack of layers for the paths a compose keeps: later layers win, and in a
// layer the later entry of a path (as tar), OCI whiteouts (`.wh.<name>`, `.wh..wh..opq`) honoured,
// walking from the top so each path is decided once. https://github.com/opencontainers/image-spec/blob/main/layer.md#whiteouts

import type { TarEntry } from './tar-parse.js';

/** What the view reads of an entry: its path, and its type ('dir' marks folders; anything else hides what is below it). */
export type ViewableEntry = Pick<TarEntry, 'path'> & { type: string };

export type Placed<E> = E & { layer: number };

export interface ViewOptions {
  /** Kept path prefixes (`/opt/tritonserver/backends/onnxruntime`); default: everything. */
  keep?: readonly string[];
  /** Layers whose entries are not wanted (shared with the base image); they still hide and are hidden. */
  exclude?: ReadonlySet<number>;
}

const OPAQUE = '.wh..wh..opq';
const WHITEOUT = '.wh.';

function parentOf(path: string): string {
  const slash = path.lastIndexOf('/');
  return slash <= 0 ? '/' : path.slice(0, slash);
}

/** The folders above an absolute path, nearest first (/a/b/c → /a/b, /a). */
export function* parentsOf(path: string): Generator<string> {
  for (let p = path.slice(0, path.lastIndexOf('/')); p.length > 0; p = p.slice(0, p.lastIndexOf('/'))) yield p;
}

/** True when `path` is `prefix` or below it. */
export function isUnder(path: string, prefix: string): boolean {
  if (prefix === '/' || path === prefix) return true;
  return path.startsWith(prefix) && path.charCodeAt(prefix.length) === 47; // '/'
}

/** A set of paths, each with all below it, as a test of a path. Pure. */
export function underAny(prefixes: Iterable<string>): (path: string) => boolean {
  const set = new Set(prefixes);
  return (path) => set.has(path) || [...parentsOf(path)].some((p) => set.has(p));
}

function kept(path: string, keep: readonly string[] | undefined): boolean {
  return keep === undefined || keep.some((k) => isUnder(path, k));
}

/**
 * The entries of the final view under the kept prefixes, each with the index of the layer
 * that wrote it, in path order. Pure.
 */
export function planFinalView<E extends ViewableEntry>(layers: ReadonlyArray<readonly E[]>, opts: ViewOptions = {}): Array<Placed<E>> {
  const decided = new Map<string, Placed<E>>();
  const hiddenTrees = new Set<string>(); // whited out, or a non-folder above: nothing at or below
  const opaque = new Set<string>(); // folders whose lower-layer children are gone
  const hidden = (path: string): boolean => {
    if (hiddenTrees.has(path)) return true;
    for (let dir = parentOf(path), child = path; child !== '/'; child = dir, dir = parentOf(dir)) {
      if (opaque.has(dir) || hiddenTrees.has(dir)) return true;
    }
    return false;
  };
  for (let layer = layers.length - 1; layer >= 0; layer--) {
    // What this layer's whiteouts hide acts on lower layers only: its own entries beside them stay.
    // Its entries are read last first, as tar extracts them: of a path written twice the later
    // entry wins, and a non-folder hides the tree below it written before it (and lower layers').
    const entries = layers[layer];
    const newHidden: string[] = [];
    const newOpaque: string[] = [];
    for (let i = entries.length - 1; i >= 0; i--) {
      const e = entries[i];
      const slash = e.path.lastIndexOf('/');
      const base = e.path.slice(slash + 1);
      if (base === OPAQUE) newOpaque.push(parentOf(e.path));
      else if (base.startsWith(WHITEOUT)) newHidden.push((slash <= 0 ? '' : e.path.slice(0, slash)) + '/' + base.slice(WHITEOUT.length));
      else if (!hidden(e.path)) {
        if (!decided.has(e.path)) decided.set(e.path, { ...e, layer });
        // A non-folder hides the tree below it written before it, even when a folder replaces it later.
        if (e.type !== 'dir') hiddenTrees.add(e.path);
      }
    }
    for (const p of newHidden) hiddenTrees.add(p);
    for (const p of newOpaque) opaque.add(p);
  }
  const out: Array<Placed<E>> = [];
  for (const e of decided.values()) {
    if (opts.exclude?.has(e.layer) || !kept(e.path, opts.keep)) continue;
    out.push(e);
  }
  return out.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}

/** Finds the kept prefix a path is at or under, walking up its folders: O(depth) per path. */
export function prefixMatcher<T>(prefixes: ReadonlyMap<string, T>): (path: string) => T | undefined {
  return (path) => {
    for (let p = path; p.length > 0; p = p.slice(0, Math.max(0, p.lastIndexOf('/')))) {
      const hit = prefixes.get(p);
      if (hit !== undefined) return hit;
    }
    return undefined;
  };
}
