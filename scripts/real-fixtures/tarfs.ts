// A root file system tar (what mmdebstrap and GNU tar write) as fixture entries, and the layer
// that turns one root file system into another: what dpkg added or changed, whiteouts for what
// it removed, hardlinks kept when their target is in the same layer.
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { extract } from 'tar-stream';
import type { Entry } from '../fixtures/oci.js';

export interface FsEntry extends Entry {
  type: 'file' | 'dir' | 'symlink' | 'link';
  mode: number;
  uid: number;
  gid: number;
  sha?: string; // of data, for files
}

/** Paths apt and dpkg leave behind that no image keeps (the rootfs script excludes most). */
const DROP = [/^\/var\/cache\/apt\//, /^\/var\/lib\/apt\/lists\//, /^\/var\/log\//, /^\/tmp\/./, /^\/dev\//, /^\/run\/./];

const clean = (name: string) => '/' + name.replace(/^\.?\/+/, '').replace(/\/+$/, '');

/** Every entry of a tar, in the tar's order, as paths from / (the root itself left out). */
export async function readTar(file: string): Promise<Map<string, FsEntry>> {
  const out = new Map<string, FsEntry>();
  const ex = extract();
  createReadStream(file).pipe(ex);
  for await (const e of ex) {
    const h = e.header;
    const chunks: Buffer[] = [];
    for await (const c of e) chunks.push(c as Buffer);
    const path = clean(h.name);
    if (path === '/' || DROP.some((r) => r.test(path))) continue;
    const base = { path, mode: (h.mode ?? 0) & 0o7777, uid: h.uid ?? 0, gid: h.gid ?? 0 };
    if (h.type === 'directory') out.set(path, { ...base, type: 'dir' });
    else if (h.type === 'symlink') out.set(path, { ...base, type: 'symlink', target: h.linkname ?? '' });
    else if (h.type === 'link') out.set(path, { ...base, type: 'link', target: clean(h.linkname ?? '') });
    else if (h.type === 'file' || h.type === 'contiguous-file') {
      const data = Buffer.concat(chunks);
      out.set(path, { ...base, type: 'file', data, sha: createHash('sha256').update(data).digest('hex') });
    }
  }
  return out;
}

/** What a hardlink or file holds, for comparing two trees. */
function identity(tree: Map<string, FsEntry>, e: FsEntry): string {
  const f = e.type === 'link' ? tree.get(e.target ?? '') : e;
  const kind = f?.type === 'file' ? `file:${f.sha}` : e.type === 'symlink' ? `symlink:${e.target}` : e.type;
  return `${kind}:${e.mode}:${e.uid}:${e.gid}`;
}

/**
 * The layer that makes `upper` out of `lower`: new and changed entries, in `upper`'s order,
 * and a whiteout for each path `upper` no longer has (its parent still there). A hardlink
 * whose target is not in the layer becomes a copy of the file.
 */
export function diffLayer(lower: Map<string, FsEntry>, upper: Map<string, FsEntry>): Entry[] {
  const out: Entry[] = [];
  const inLayer = new Set<string>();
  for (const [path, e] of upper) {
    const old = lower.get(path);
    if (old && identity(lower, old) === identity(upper, e)) continue;
    inLayer.add(path);
    if (e.type === 'link' && !inLayer.has(e.target ?? '')) {
      const f = upper.get(e.target ?? '');
      out.push({ path, type: 'file', data: f?.data ?? Buffer.alloc(0), mode: e.mode, uid: e.uid, gid: e.gid });
    } else out.push(strip(e));
  }
  for (const path of lower.keys()) {
    if (upper.has(path)) continue;
    const parent = path.slice(0, path.lastIndexOf('/'));
    if (parent === '' || upper.has(parent)) {
      if (lower.has(parent) || parent === '')
        out.push({ path: `${parent}/.wh.${path.slice(parent.length + 1)}`, data: Buffer.alloc(0), mode: 0o644 });
    }
  }
  return out;
}

/** An entry as oci.ts's layer writer takes it. */
export function strip(e: FsEntry): Entry {
  const out: Entry & { sha?: string } = { ...e };
  delete out.sha;
  return out;
}

export function entries(tree: Map<string, FsEntry>): Entry[] {
  return [...tree.values()].map(strip);
}
