// The on-disk form of a layer index: 8 raw bytes (magic + format version, so another
// version is told apart before anything is inflated), then one gzip member holding a JSON
// table (columns, paths front-coded: compact and quick to parse) followed by the checkpoint
// windows. The gzip CRC catches corruption; the table is checked field by field after.
import { gunzipSync, gzipSync } from 'node:zlib';
import type { Checkpoint } from './gzip-index.js';
import type { EntryType, TarEntry } from './tar-parse.js';

/** A layer blob's index: where to enter its gzip stream, and every tar entry with where its data lies. */
export interface LayerIndex {
  /** Digest of the compressed blob the index describes. */
  digest: string;
  compressedSize: number;
  uncompressedSize: number;
  /** The spacing the checkpoints were made with, bytes of output. */
  spacing: number;
  checkpoints: Checkpoint[];
  /** In tar order; a path may repeat (the later one wins). */
  entries: TarEntry[];
}

export const INDEX_FORMAT_VERSION = 1;
const MAGIC = Buffer.from('TCLIDX', 'latin1');

/** The cached bytes cannot be used; the caller builds the index again. */
export class IndexFormatError extends Error {
  constructor(
    message: string,
    readonly reason: 'version' | 'corrupt',
  ) {
    super(message);
    this.name = 'IndexFormatError';
  }
}

const TYPE_CODES: Record<EntryType, string> = { file: 'f', dir: 'd', symlink: 's', link: 'h', char: 'c', block: 'b', fifo: 'p' };
const CODE_TYPES = Object.fromEntries(Object.entries(TYPE_CODES).map(([t, c]) => [c, t as EntryType]));

interface Table {
  digest: string;
  compressedSize: number;
  uncompressedSize: number;
  spacing: number;
  cp: { in: number[]; bits: number[]; out: number[]; win: number[] };
  /** [shared prefix length with the previous path, rest] */
  path: Array<[number, string]>;
  type: string;
  mode: number[];
  uid: number[];
  gid: number[];
  mtime: number[];
  size: number[];
  /** data offsets, each as the difference to the previous one */
  offset: number[];
  target: Record<number, string>;
  /** hex sha256 of each regular file, in entry order */
  sha: string;
}

export function serializeIndex(index: LayerIndex): Buffer {
  const t: Table = {
    digest: index.digest,
    compressedSize: index.compressedSize,
    uncompressedSize: index.uncompressedSize,
    spacing: index.spacing,
    cp: { in: [], bits: [], out: [], win: [] },
    path: [],
    type: '',
    mode: [],
    uid: [],
    gid: [],
    mtime: [],
    size: [],
    offset: [],
    target: {},
    sha: '',
  };
  for (const c of index.checkpoints) {
    t.cp.in.push(c.in);
    t.cp.bits.push(c.bits);
    t.cp.out.push(c.out);
    t.cp.win.push(c.window.length);
  }
  let prev = '';
  let prevOffset = 0;
  const types: string[] = [];
  index.entries.forEach((e, i) => {
    let shared = 0;
    const max = Math.min(prev.length, e.path.length);
    while (shared < max && prev.charCodeAt(shared) === e.path.charCodeAt(shared)) shared++;
    t.path.push([shared, e.path.slice(shared)]);
    prev = e.path;
    types.push(TYPE_CODES[e.type]);
    t.mode.push(e.mode);
    t.uid.push(e.uid);
    t.gid.push(e.gid);
    t.mtime.push(e.mtime);
    t.size.push(e.size);
    t.offset.push(e.offset - prevOffset);
    prevOffset = e.offset;
    if (e.target !== undefined) t.target[i] = e.target;
    if (e.type === 'file') t.sha += e.sha256 ?? '';
  });
  t.type = types.join('');
  const json = Buffer.from(JSON.stringify(t), 'utf8');
  const head = Buffer.alloc(4);
  head.writeUInt32BE(json.length);
  const body = gzipSync(Buffer.concat([head, json, ...index.checkpoints.map((c) => c.window)]), { level: 6 });
  const version = Buffer.alloc(2);
  version.writeUInt16BE(INDEX_FORMAT_VERSION);
  return Buffer.concat([MAGIC, version, body]);
}

const isCount = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v) && v >= 0;

function corrupt(what: string): never {
  throw new IndexFormatError(`the layer index is corrupt (${what})`, 'corrupt');
}

/** The table and the bytes after it (the windows), once magic, version and gzip are checked. */
function readTable(data: Buffer): { t: Table; body: Buffer; at: number } {
  if (data.length < 8 || !data.subarray(0, 6).equals(MAGIC)) corrupt('not a layer index');
  const version = data.readUInt16BE(6);
  if (version !== INDEX_FORMAT_VERSION) {
    throw new IndexFormatError(`the layer index has format version ${version}, this reader knows ${INDEX_FORMAT_VERSION}`, 'version');
  }
  let body: Buffer;
  try {
    body = gunzipSync(data.subarray(8));
  } catch (err) {
    return corrupt(err instanceof Error ? err.message : 'gzip');
  }
  if (body.length < 4) corrupt('short');
  const jsonLength = body.readUInt32BE(0);
  if (4 + jsonLength > body.length) corrupt('short table');
  try {
    return { t: JSON.parse(body.subarray(4, 4 + jsonLength).toString('utf8')) as Table, body, at: 4 + jsonLength };
  } catch {
    return corrupt('table');
  }
}

/** The checkpoints, their windows read from `body` from `at` to its very end. */
function parseCheckpoints(t: Table, body: Buffer, at: number): Checkpoint[] {
  const cpCols = [t.cp?.in, t.cp?.bits, t.cp?.out, t.cp?.win];
  if (cpCols.some((c) => !Array.isArray(c) || c.length !== t.cp.in.length || !c.every(isCount))) corrupt('checkpoints');
  const checkpoints: Checkpoint[] = [];
  for (let i = 0; i < t.cp.in.length; i++) {
    const len = t.cp.win[i];
    if (at + len > body.length || t.cp.bits[i] > 7 || len > 32768) corrupt('windows');
    checkpoints.push({ in: t.cp.in[i], bits: t.cp.bits[i], out: t.cp.out[i], window: new Uint8Array(body.subarray(at, at + len)) });
    at += len;
  }
  if (at !== body.length) corrupt('trailing bytes');
  return checkpoints;
}

/** The entries, each field checked: paths front-coded, offsets as differences, sha256 in entry order. */
function parseEntries(t: Table, cols: number[][]): TarEntry[] {
  const entries: TarEntry[] = [];
  let prev = '';
  let offset = 0;
  let sha = 0;
  for (let i = 0; i < t.path.length; i++) {
    const p = t.path[i];
    const type = CODE_TYPES[t.type[i]];
    if (!Array.isArray(p) || !isCount(p[0]) || p[0] > prev.length || typeof p[1] !== 'string' || !type) corrupt(`entry ${i}`);
    if (!cols.every((c) => typeof c[i] === 'number' && Number.isFinite(c[i]))) corrupt(`entry ${i}`);
    const path = prev.slice(0, p[0]) + p[1];
    prev = path;
    offset += t.offset[i];
    const e: TarEntry = { path, type, mode: t.mode[i], uid: t.uid[i], gid: t.gid[i], mtime: t.mtime[i], size: t.size[i], offset };
    const target = t.target?.[i];
    if (target !== undefined) e.target = target;
    if (type === 'file') {
      e.sha256 = t.sha.slice(sha, sha + 64);
      if (!/^[0-9a-f]{64}$/.test(e.sha256)) corrupt(`sha256 of entry ${i}`);
      sha += 64;
    }
    entries.push(e);
  }
  if (sha !== t.sha.length) corrupt('sha256 column');
  return entries;
}

export function parseIndex(data: Buffer): LayerIndex {
  const { t, body, at } = readTable(data);
  const n = t.path?.length;
  const cols = [t.mode, t.uid, t.gid, t.mtime, t.size, t.offset];
  if (!Array.isArray(t.path) || typeof t.type !== 'string' || t.type.length !== n || cols.some((c) => !Array.isArray(c) || c.length !== n))
    corrupt('columns');
  if (typeof t.digest !== 'string' || ![t.compressedSize, t.uncompressedSize, t.spacing].every(isCount)) corrupt('header');
  const checkpoints = parseCheckpoints(t, body, at);
  const entries = parseEntries(t, cols);
  return {
    digest: t.digest,
    compressedSize: t.compressedSize,
    uncompressedSize: t.uncompressedSize,
    spacing: t.spacing,
    checkpoints,
    entries,
  };
}
