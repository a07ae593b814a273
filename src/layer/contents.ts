// What an image holds, read from the registry without pulling it: each layer is streamed
// once (gunzip + tar headers, nothing stored but the table of contents and a few small
// files such as the dpkg database), cached by layer digest, then the layers are merged into
// the image's final view with OCI whiteouts honoured.
// https://github.com/opencontainers/image-spec/blob/main/layer.md#whiteouts
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { createGunzip, gunzipSync, gzipSync } from 'node:zlib';
import { extract } from 'tar-stream';
import type { ImageRef } from '../oci/reference.js';
import { planFinalView } from './view.js';
import type { RegistryClient } from '../registry/client.js';
import { writeFileAtomic } from '../util/atomic-file.js';

export const TOC_VERSION = 1;

export interface TocEntry {
  path: string; // absolute, no trailing slash
  type: 'file' | 'dir' | 'symlink' | 'link' | 'other';
  size: number;
  mode: number;
  uid: number;
  gid: number;
  target?: string;
}

export interface LayerToc {
  version: number;
  digest: string;
  /** Bytes of the uncompressed tar. */
  tarSize: number;
  entries: TocEntry[];
  /** Contents of the small files worth keeping (dpkg database, os-release). */
  captured: Record<string, string>;
}

/** Files whose content the table of contents keeps. */
export function isCaptured(path: string): boolean {
  return (
    path === '/var/lib/dpkg/status' ||
    path === '/etc/passwd' ||
    path === '/etc/group' ||
    /^\/var\/lib\/dpkg\/info\/[^/]+\.list$/.test(path) ||
    path === '/etc/os-release' ||
    path === '/usr/lib/os-release'
  );
}

export function normalizeTarPath(name: string): string {
  const p = name.replace(/^\.?\/+/, '').replace(/\/+$/, '');
  return '/' + p;
}

const TYPES: Record<string, TocEntry['type']> = {
  file: 'file',
  'contiguous-file': 'file',
  directory: 'dir',
  symlink: 'symlink',
  link: 'link',
};

/** Streams one layer blob and returns its table of contents. */
export async function fetchLayerToc(client: RegistryClient, ref: ImageRef, digest: string): Promise<LayerToc> {
  const toc: LayerToc = { version: TOC_VERSION, digest, tarSize: 0, entries: [], captured: {} };
  const ex = extract();
  const gunzip = createGunzip();
  gunzip.on('data', (c: Buffer) => (toc.tarSize += c.length));
  const body = await client.blobStream(ref, digest);
  const reading = pipeline(body, gunzip, ex);
  for await (const entry of ex) {
    const h = entry.header;
    const path = normalizeTarPath(h.name);
    const e: TocEntry = {
      path,
      type: TYPES[h.type ?? 'file'] ?? 'other',
      size: h.size ?? 0,
      mode: h.mode ?? 0,
      uid: h.uid ?? 0,
      gid: h.gid ?? 0,
    };
    if (h.linkname) e.target = e.type === 'link' ? normalizeTarPath(h.linkname) : h.linkname;
    toc.entries.push(e);
    if (e.type === 'file' && isCaptured(path)) {
      const chunks: Buffer[] = [];
      for await (const c of entry) chunks.push(c as Buffer);
      toc.captured[path] = Buffer.concat(chunks).toString('utf8');
    } else {
      entry.resume();
    }
  }
  await reading;
  return toc;
}

const tocFile = (cacheDir: string, digest: string) => join(cacheDir, `${digest.replace(':', '-')}.toc.json.gz`);

/** A layer's table of contents from the cache folder, or undefined (missing, corrupt, another version). */
export async function readCachedToc(cacheDir: string, digest: string): Promise<LayerToc | undefined> {
  try {
    const toc = JSON.parse(gunzipSync(await readFile(tocFile(cacheDir, digest))).toString('utf8')) as LayerToc;
    if (toc.version === TOC_VERSION && toc.digest === digest && Array.isArray(toc.entries)) return toc;
  } catch {
    // missing, corrupt or of another version: the caller reads the layer again
  }
  return undefined;
}

/** Writes a table of contents under its layer digest; atomic, so a concurrent reader never sees half. */
export async function writeCachedToc(cacheDir: string, toc: LayerToc): Promise<void> {
  await writeFileAtomic(tocFile(cacheDir, toc.digest), gzipSync(JSON.stringify(toc)));
}

/** A layer's table of contents from the cache folder, or fetched and cached. */
export async function readLayerToc(client: RegistryClient, ref: ImageRef, digest: string, cacheDir: string): Promise<LayerToc> {
  const cached = await readCachedToc(cacheDir, digest);
  if (cached) return cached;
  const toc = await fetchLayerToc(client, ref, digest);
  await writeCachedToc(cacheDir, toc);
  return toc;
}

export interface ViewEntry extends TocEntry {
  layer: number; // index of the layer that wrote it
}

export interface ImageView {
  entries: Map<string, ViewEntry>;
  captured: Map<string, string>;
}

/**
 * The final view of a stack of layers (later layers win, whiteouts honoured: view.ts's rules),
 * with the captured contents of the files that survive, from the layer that wrote them.
 */
export function mergeLayers(tocs: LayerToc[]): ImageView {
  const view: ImageView = { entries: new Map(), captured: new Map() };
  for (const e of planFinalView(tocs.map((t) => t.entries))) {
    view.entries.set(e.path, e);
    const content = tocs[e.layer].captured[e.path];
    if (content !== undefined) view.captured.set(e.path, content);
  }
  return view;
}

/** Names of the folders directly under `dir` in a view, sorted. */
export function listFolders(view: ImageView, dir: string): string[] {
  const prefix = dir + '/';
  const out = new Set<string>();
  for (const [p, e] of view.entries) {
    if (!p.startsWith(prefix)) continue;
    const rest = p.slice(prefix.length);
    const name = rest.split('/')[0];
    if (rest.includes('/') || e.type === 'dir') out.add(name);
  }
  return [...out].sort();
}
