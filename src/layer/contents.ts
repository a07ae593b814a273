// What an image holds, read from the registry without pulling it: each layer streamed once
// through the project's tar parser into a table of contents (plus a few small files such as
// the dpkg database), cached by layer digest; and the merged view of a stack of them.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { createGunzip, gunzipSync, gzipSync } from 'node:zlib';
import { type ImageRef, formatReference } from '../oci/reference.js';
import type { LayerIndex } from './index-format.js';
import { type Placed, planFinalView } from './view.js';
import { type ElfFacts, ElfReader } from './elf.js';
import { type PlainEntryType, type TarEntry, TarFormatError, TarParser } from './tar-parse.js';
import { ExtractError } from './folder-writer.js';
import { GzipIndexError } from './gzip-index.js';
import type { RegistryClient } from '../registry/client.js';
import type { BlobTee } from '../registry/copy.js';
import { writeFileAtomic } from '../util/atomic-file.js';
import type { Transfer } from '../util/progress.js';

// 2: read by the project's own tar parser (paths normalized by it, long names and PAX records by it);
// 3: with the names of each entry's extended attributes (a trim must not drop them unseen);
// 4: with each ELF file's dynamic-linking facts and the loader's configuration files (trim: needed);
// 5: with Python distributions' METADATA and RECORD (python-packages);
// a table written by an older reader is read again rather than trusted.
export const TOC_VERSION = 5;

/** A tar entry as a table of contents lists it: without where its data lies, devices and fifos as `other`. */
export type TocEntry = Pick<TarEntry, 'path' | 'size' | 'mode' | 'uid' | 'gid' | 'target' | 'xattrs'> & {
  type: PlainEntryType | 'other';
  /** A regular file that is ELF: what the dynamic loader reads of it (elf.ts). */
  elf?: ElfFacts;
};

export interface LayerToc {
  version: number;
  digest: string;
  /** Bytes of the uncompressed tar. */
  tarSize: number;
  entries: TocEntry[];
  /** Contents of the small files worth keeping (dpkg database, os-release). */
  captured: Record<string, string>;
}

/** A site-packages folder: pip's (/usr/local/lib/pythonX.Y/dist-packages), Debian's, or a venv's under /opt. */
const SITE = /^(?:\/usr(?:\/local)?|\/opt(?:\/[^/]+)+)\/lib\/python\d+\.\d+\/(?:dist|site)-packages$|^\/usr\/lib\/python3\/dist-packages$/;

/** Whether a path is a Python distribution's METADATA or RECORD in a site-packages folder (plan/python-dists.ts reads them). */
export function isDistInfoFile(path: string): boolean {
  const m = /^(.*)\/[^/]+\.dist-info\/(?:METADATA|RECORD)$/.exec(path);
  return m !== null && SITE.test(m[1]);
}

/** Files whose content the table of contents keeps. */
export function isCaptured(path: string): boolean {
  return (
    isDistInfoFile(path) ||
    path === '/var/lib/dpkg/status' ||
    path === '/etc/passwd' ||
    path === '/etc/group' ||
    /^\/var\/lib\/dpkg\/info\/[^/]+\.list$/.test(path) ||
    path === '/etc/os-release' ||
    path === '/usr/lib/os-release' ||
    path === '/etc/ld.so.conf' ||
    /^\/etc\/ld\.so\.conf\.d\/[^/]+$/.test(path)
  );
}

/**
 * The most a table of contents keeps of one captured file, and of all those of one layer. A
 * real dpkg database is a few MB (NGC's full image: about 1,000 packages); a crafted layer can
 * hold gigabytes of zeros there in a blob of a few MB, which would be read into memory whole.
 */
export const CAPTURE_LIMITS = { file: 64 * 1024 * 1024, layer: 256 * 1024 * 1024 };

/**
 * Which files of one layer to capture, checked against CAPTURE_LIMITS by the size their tar
 * header gives (the parser delivers no more than that): an error names the layer and the entry.
 */
export class CaptureBudget {
  private used = 0;
  constructor(private readonly layer: string) {}

  /** Whether to keep the entry's content; throws when it would take the file or the layer past the limits. */
  take(e: Pick<TarEntry, 'path' | 'type' | 'size'>): boolean {
    if (e.type !== 'file' || !isCaptured(e.path)) return false;
    this.used += e.size;
    const over =
      e.size > CAPTURE_LIMITS.file
        ? `it is ${e.size} bytes, more than the ${CAPTURE_LIMITS.file} such a file may be`
        : this.used > CAPTURE_LIMITS.layer
          ? `with it, the layer's dpkg database, account files and os-release come to ${this.used} bytes, more than ${CAPTURE_LIMITS.layer}`
          : undefined;
    if (over) throw new TarFormatError(`refusing to read "${e.path}" of layer ${this.layer}: ${over}`);
    return true;
  }
}

/**
 * A tar entry (as tar-parse.ts reads it) as a table of contents lists it: the one mapping for
 * min's layers (fetchLayerToc) and full's own (tocFromIndex), so both list every path alike. Pure.
 */
export function planTocEntry(e: TarEntry): TocEntry {
  const type = e.type === 'file' || e.type === 'dir' || e.type === 'symlink' || e.type === 'link' ? e.type : 'other';
  return {
    path: e.path,
    type,
    size: e.size,
    mode: e.mode,
    uid: e.uid,
    gid: e.gid,
    ...(e.target !== undefined ? { target: e.target } : {}),
    ...(e.xattrs ? { xattrs: e.xattrs } : {}),
  };
}

/** A layer's table of contents from its index (the form the planner reads), with the ELF facts its pass read. Pure. */
export function tocFromIndex(
  index: LayerIndex,
  captured: Record<string, string>,
  elf: ReadonlyMap<TarEntry, ElfFacts> = new Map(),
): LayerToc {
  return {
    version: TOC_VERSION,
    digest: index.digest,
    tarSize: index.uncompressedSize,
    entries: index.entries.map((e) => {
      const facts = elf.get(e);
      return facts ? { ...planTocEntry(e), elf: facts } : planTocEntry(e);
    }),
    captured,
  };
}

/**
 * Output bytes per gunzip callback when a layer is listed: zlib's 16 KiB default means one
 * JavaScript callback, buffer and tar-parser call per 16 KiB, which kept the main thread busy
 * for seconds at the scale of NGC's min image.
 */
const GUNZIP_CHUNK = 256 * 1024;

/** Whether a file may be ELF, worth reading its facts: a regular file at least as long as the smallest ELF header. */
const mayBeElf = (e: Pick<TarEntry, 'type' | 'size'>) => e.type === 'file' && e.size >= 52;

/**
 * What a listing keeps of one entry's content as it streams past: its text when the budget takes
 * it (dpkg's database, account files, ...), its ELF facts when it may be ELF. `of` gives none for
 * an entry that needs neither, so the caller can skip the copying.
 */
export class EntryFacts {
  private readonly chunks: Buffer[] | undefined;
  private readonly elf: ElfReader | undefined;

  private constructor(capture: boolean, e: TarEntry) {
    this.chunks = capture ? [] : undefined;
    this.elf = mayBeElf(e) ? new ElfReader(e.size) : undefined;
  }

  static of(e: TarEntry, budget: CaptureBudget): EntryFacts | undefined {
    const capture = budget.take(e);
    return capture || mayBeElf(e) ? new EntryFacts(capture, e) : undefined;
  }

  /** `chunk` may be a view into a buffer its producer reuses: what is kept is copied. */
  write(chunk: Uint8Array): void {
    this.chunks?.push(Buffer.from(chunk));
    this.elf?.write(chunk);
  }

  end(): { text?: string; elf?: ElfFacts } {
    return { ...(this.chunks ? { text: Buffer.concat(this.chunks).toString('utf8') } : {}), ...(this.elf ? { elf: this.elf.end() } : {}) };
  }
}

/**
 * Streams one layer blob through the project's tar parser and returns its table of contents;
 * `track` starts the transfer its compressed bytes are counted into.
 */
export async function fetchLayerToc(
  client: RegistryClient,
  ref: ImageRef,
  digest: string,
  track?: () => Transfer,
  tee?: () => Promise<BlobTee | undefined>,
): Promise<LayerToc> {
  const toc: LayerToc = { version: TOC_VERSION, digest, tarSize: 0, entries: [], captured: {} };
  let facts: EntryFacts | undefined;
  const budget = new CaptureBudget(digest);
  const parser = new TarParser({
    entry(e) {
      toc.entries.push(planTocEntry(e));
      facts = EntryFacts.of(e, budget);
    },
    data(_e, chunk) {
      facts?.write(chunk);
    },
    end(e) {
      const { text, elf } = facts?.end() ?? {};
      if (text !== undefined) toc.captured[e.path] = text;
      if (elf) toc.entries[toc.entries.length - 1].elf = elf;
      facts = undefined;
    },
  });
  const copy = await tee?.();
  const body = await client.blobStream(ref, digest).catch((err: unknown) => {
    copy?.abort();
    throw err;
  });
  const transfer = track?.();
  // The body's own error is the cause: the pipeline may report the abort of its last stage instead
  // (readable.errored is set as the body is destroyed, before its 'error' event is emitted).
  // Counted as it flows (a stage of its own would delay the body's error behind the parser's).
  // The parser's own refusal (a bad header, a captured file too large) comes first: the body is
  // then only aborted by the pipeline.
  if (transfer) body.on('data', (c: Buffer) => transfer.add(c.length));
  let refused: unknown;
  await pipeline(copy ? teed(body, copy) : body, createGunzip({ chunkSize: GUNZIP_CHUNK }), async (tar: AsyncIterable<Buffer>) => {
    for await (const chunk of tar) {
      toc.tarSize += chunk.length;
      if (parser.ended) continue;
      try {
        parser.write(chunk);
      } catch (err) {
        refused = err;
        throw err;
      }
    }
  })
    .catch((err: unknown) => {
      copy?.abort();
      throw refused ?? body.errored ?? err;
    })
    .finally(() => transfer?.end());
  await copy?.end();
  if (!parser.complete) throw new TarFormatError(`the tar of layer ${digest} ends in the middle of an entry`);
  return toc;
}

/** The blob's bytes as they come, each handed to the copy first (which may hold them back while it is behind). */
async function* teed(body: AsyncIterable<Buffer>, copy: BlobTee): AsyncGenerator<Buffer> {
  for await (const chunk of body) {
    await copy.write(chunk);
    yield chunk;
  }
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

/**
 * Rethrows an error a layer's bytes caused (its tar, its gzip stream, an entry refused on
 * staging) with the image they came from in front; any other error as it is.
 */
export const throwNamed =
  (ref: ImageRef) =>
  (err: unknown): never => {
    if (err instanceof TarFormatError || err instanceof GzipIndexError || err instanceof ExtractError)
      err.message = `${formatReference(ref)}: ${err.message}`;
    throw err;
  };

/**
 * A layer's table of contents from the cache folder, or fetched (counted into `track`'s
 * transfer, its bytes also handed to the copy `tee` starts, if any) and cached. A layer the
 * parser refuses is an error that names the image too.
 */
export async function readLayerToc(
  client: RegistryClient,
  ref: ImageRef,
  digest: string,
  cacheDir: string,
  track?: () => Transfer,
  tee?: () => Promise<BlobTee | undefined>,
): Promise<LayerToc> {
  const cached = await readCachedToc(cacheDir, digest);
  if (cached) return cached;
  const toc = await fetchLayerToc(client, ref, digest, track, tee).catch(throwNamed(ref));
  await writeCachedToc(cacheDir, toc);
  return toc;
}

/** An entry of an image's final view, with the index of the layer that wrote it. */
export type ViewEntry = Placed<TocEntry>;

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

/** Where a path ends once every link on its way is followed, and the links passed, in order. */
export interface Followed {
  path: string;
  links: string[];
}

/**
 * Follows `path` through the symlinks an image's `entry` lookup gives, as the kernel would;
 * with `last`, the last name too. Targets never climb above the root. Undefined when nothing is
 * there or the links loop (more than 40 hops).
 */
export function followPath(entry: (path: string) => TocEntry | undefined, path: string, last: boolean): Followed | undefined {
  let todo = path.split('/').filter(Boolean);
  let at = '';
  const links: string[] = [];
  for (let hops = 0; todo.length > 0;) {
    const name = todo.shift() as string;
    if (name === '.') continue;
    if (name === '..') {
      at = at.slice(0, at.lastIndexOf('/'));
      continue;
    }
    const next = `${at}/${name}`;
    const e = entry(next);
    if (e?.type !== 'symlink' || (!last && todo.length === 0)) {
      at = next;
      continue;
    }
    if (++hops > 40) return undefined;
    links.push(next);
    const target = e.target ?? '';
    if (target.startsWith('/')) at = '';
    todo = [...target.split('/').filter(Boolean), ...todo];
  }
  const end = at || '/';
  return end === '/' || entry(end) ? { path: end, links } : undefined;
}

/**
 * Where `path` is in a view once the folders on its way are followed through symlinks, as the
 * kernel would (the last name is not followed): on a merged-/usr root, dpkg's list says
 * /lib/x86_64-linux-gnu/libexpat.so.1 for the file at /usr/lib/x86_64-linux-gnu/libexpat.so.1.
 * Undefined when nothing is there or the links loop.
 */
export function resolveInView(view: ImageView, path: string): string | undefined {
  const f = followPath((p) => view.entries.get(p), path, false);
  return f && f.path !== '/' ? f.path : undefined;
}
