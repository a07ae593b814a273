// A streaming reader of tar headers that knows where every entry's data lies in the
// uncompressed stream, which tar-stream does not tell. ustar, GNU long names/links (L/K) and
// PAX extended headers (x, g) are understood, as in Docker's and BuildKit's layers.
// https://pubs.opengroup.org/onlinepubs/9699919799/utilities/pax.html#tag_20_92_13_01
import { type Hash, createHash } from 'node:crypto';

export type EntryType = 'file' | 'dir' | 'symlink' | 'link' | 'char' | 'block' | 'fifo';
/** The types a table of contents names and a part's tar holds (devices and fifos are neither). */
export type PlainEntryType = Extract<EntryType, 'file' | 'dir' | 'symlink' | 'link'>;

export interface TarEntry {
  /** Absolute, normalised: `/opt/x`, the root is `/`. */
  path: string;
  type: EntryType;
  mode: number;
  uid: number;
  gid: number;
  /** Seconds since the epoch (PAX may give fractions). */
  mtime: number;
  /** Bytes of data (regular files; 0 for the rest). */
  size: number;
  /** Uncompressed offset of the data: after this entry's last header. */
  offset: number;
  /** Symlink target as written; hardlink target normalised like `path`. */
  target?: string;
  /** Hex sha256 of a regular file's data. */
  sha256?: string;
  /** Names of the extended attributes its PAX header gives (`security.capability`, …); absent when none. Not kept by the layer index. */
  xattrs?: string[];
}

export class TarFormatError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'TarFormatError';
  }
}

export interface TarEvents {
  entry(e: TarEntry): void;
  /** A piece of a regular file's data (a view into a buffer that is reused). */
  data?(e: TarEntry, chunk: Uint8Array): void;
  /** A regular file's data is complete; `e.sha256` is set. */
  end?(e: TarEntry): void;
}

const TYPES: Record<string, EntryType> = {
  '0': 'file',
  '\0': 'file',
  '7': 'file',
  '1': 'link',
  '2': 'symlink',
  '3': 'char',
  '4': 'block',
  '5': 'dir',
  '6': 'fifo',
};

/**
 * A tar name as an absolute path, cleaned as tar and Docker clean it: leading `/`, repeated and
 * trailing slashes and `.` components dropped (`./opt/./x/` is `/opt/x`). `..` is kept as it
 * is, for the folder writer to refuse: resolving it would let a name step outside unnoticed.
 */
export function normalizeTarPath(name: string): string {
  return (
    '/' +
    name
      .split('/')
      .filter((part) => part !== '' && part !== '.')
      .join('/')
  );
}

function text(b: Uint8Array, start: number, len: number): string {
  const field = b.subarray(start, start + len);
  const nul = field.indexOf(0);
  return Buffer.from(field.subarray(0, nul < 0 ? len : nul)).toString('utf8');
}

/** Octal, or base-256 when the high bit of the first byte is set (GNU, for big values). */
export function parseNumber(b: Uint8Array, start: number, len: number): number {
  if (b[start] & 0x80) {
    let v = b[start] & 0x7f;
    for (let i = 1; i < len; i++) v = v * 256 + b[start + i];
    return v;
  }
  const s = text(b, start, len).trim();
  return s === '' ? 0 : parseInt(s, 8);
}

/** PAX keys of extended attributes, as GNU tar, star and Go write them and as libarchive does. */
const XATTR = /^(?:SCHILY|LIBARCHIVE)\.xattr\./;

/** PAX records: `<len> <key>=<value>\n`. */
export function parsePax(data: Buffer): Record<string, string> {
  const out: Record<string, string> = {};
  let i = 0;
  while (i < data.length) {
    const space = data.indexOf(0x20, i);
    if (space < 0) break;
    const len = parseInt(data.subarray(i, space).toString('ascii'), 10);
    if (!(len > 0) || i + len > data.length) throw new TarFormatError('malformed PAX header');
    const record = data.subarray(space + 1, i + len - 1).toString('utf8');
    const eq = record.indexOf('=');
    if (eq > 0) out[record.slice(0, eq)] = record.slice(eq + 1);
    i += len;
  }
  return out;
}

const pad512 = (n: number) => (512 - (n % 512)) % 512;

/** Bytes a PAX header or a GNU long name may hold (Go's archive/tar allows as much): more is a bomb. */
export const MAX_META_SIZE = 1024 * 1024;

/** Feed it the uncompressed tar in order; it calls back per entry, per data piece, per end. */
export class TarParser {
  private readonly header = new Uint8Array(512);
  private filled = 0;
  private state: 'header' | 'meta' | 'data' | 'skip' | 'end' = 'header';
  private remaining = 0;
  private skipAfter = 0;
  private pos = 0;
  private meta: Buffer[] = [];
  private metaKind = '';
  private longName?: string;
  private longLink?: string;
  private pax: Record<string, string> = {};
  private globalPax: Record<string, string> = {};
  private current?: TarEntry;
  private hash?: Hash;
  private zeroBlocks = 0;
  /** The last entry's path, named in errors about what follows it. */
  private last?: string;

  constructor(private readonly on: TarEvents) {}

  get ended(): boolean {
    return this.state === 'end';
  }

  /** True between entries: some writers leave out the end-of-archive blocks. */
  get complete(): boolean {
    return this.state === 'end' || (this.state === 'header' && this.filled === 0);
  }

  write(chunk: Uint8Array): void {
    let i = 0;
    while (i < chunk.length && this.state !== 'end') {
      if (this.state === 'header') {
        const n = Math.min(512 - this.filled, chunk.length - i);
        this.header.set(chunk.subarray(i, i + n), this.filled);
        this.filled += n;
        i += n;
        this.pos += n;
        if (this.filled === 512) {
          this.filled = 0;
          this.onHeader();
        }
        continue;
      }
      const n = Math.min(this.remaining, chunk.length - i);
      const piece = chunk.subarray(i, i + n);
      if (this.state === 'meta') this.meta.push(Buffer.from(piece));
      else if (this.state === 'data' && this.current) {
        this.hash?.update(piece);
        this.on.data?.(this.current, piece);
      }
      i += n;
      this.pos += n;
      this.remaining -= n;
      if (this.remaining === 0) this.finishBody();
    }
  }

  private onHeader(): void {
    const h = this.header;
    if (h.every((b) => b === 0)) {
      if (++this.zeroBlocks === 2) this.state = 'end';
      return;
    }
    this.zeroBlocks = 0;
    let sum = 0;
    for (let k = 0; k < 512; k++) sum += k >= 148 && k < 156 ? 32 : h[k];
    if (sum !== parseNumber(h, 148, 8)) throw new TarFormatError(`bad tar header checksum at offset ${this.pos - 512}${this.after()}`);
    const flag = String.fromCharCode(h[156]);
    const size = parseNumber(h, 124, 12);
    if (flag === 'L' || flag === 'K' || flag === 'x' || flag === 'g') {
      if (size > MAX_META_SIZE)
        throw new TarFormatError(
          `a ${flag === 'L' || flag === 'K' ? 'GNU long name' : 'PAX header'} of ${size} bytes at offset ${this.pos - 512}${this.after()}: more than ${MAX_META_SIZE} bytes`,
        );
      this.metaKind = flag;
      this.meta = [];
      this.begin('meta', size);
      return;
    }
    const type = TYPES[flag];
    if (!type) throw new TarFormatError(`unsupported tar entry type "${flag}" at offset ${this.pos - 512}${this.after()}`);
    const pax = { ...this.globalPax, ...this.pax };
    let name = text(h, 0, 100);
    const ustar = text(h, 257, 6) === 'ustar' && h[262] === 0; // POSIX, not GNU's "ustar  "
    const prefix = ustar ? text(h, 345, 155) : '';
    if (prefix) name = `${prefix}/${name}`;
    name = pax.path ?? this.longName ?? name;
    const link = pax.linkpath ?? this.longLink ?? text(h, 157, 100);
    const num = (key: string, fallback: number) => {
      if (pax[key] === undefined) return fallback;
      const v = key === 'mtime' ? Number(pax[key]) : /^[0-9]{1,15}$/.test(pax[key]) ? Number(pax[key]) : NaN;
      if (!Number.isFinite(v) || pax[key].trim() === '')
        throw new TarFormatError(`the PAX ${key} of "${normalizeTarPath(name)}" is ${JSON.stringify(pax[key].slice(0, 40))}, not a number`);
      return v;
    };
    const e: TarEntry = {
      path: normalizeTarPath(name),
      type,
      mode: parseNumber(h, 100, 8) & 0o7777,
      uid: num('uid', parseNumber(h, 108, 8)),
      gid: num('gid', parseNumber(h, 116, 8)),
      mtime: num('mtime', parseNumber(h, 136, 12)),
      size: type === 'file' ? num('size', size) : 0,
      offset: this.pos,
    };
    if (type === 'symlink') e.target = link;
    if (type === 'link') e.target = normalizeTarPath(link);
    const xattrs = Object.keys(pax).flatMap((k) => (XATTR.test(k) ? [k.replace(XATTR, '')] : []));
    if (xattrs.length) e.xattrs = xattrs;
    this.pax = {};
    this.longName = undefined;
    this.longLink = undefined;
    this.current = e;
    this.last = e.path;
    this.on.entry(e);
    if (type === 'file') {
      this.hash = createHash('sha256');
      this.begin('data', e.size);
    } else this.begin('skip', num('size', size));
  }

  /** Where the parser is, for an error: after which entry. */
  private after(): string {
    return this.last === undefined ? '' : ` (after "${this.last.length > 200 ? this.last.slice(0, 200) + '…' : this.last}")`;
  }

  private begin(state: 'meta' | 'data' | 'skip', size: number): void {
    this.state = state;
    this.remaining = size;
    this.skipAfter = pad512(size);
    if (size === 0) this.finishBody();
  }

  private finishBody(): void {
    if (this.state === 'meta') {
      const data = Buffer.concat(this.meta);
      if (this.metaKind === 'L') this.longName = text(data, 0, data.length);
      else if (this.metaKind === 'K') this.longLink = text(data, 0, data.length);
      else if (this.metaKind === 'x') this.pax = parsePax(data);
      else this.globalPax = { ...this.globalPax, ...parsePax(data) };
      this.meta = [];
    } else if (this.state === 'data' && this.current && this.hash) {
      this.current.sha256 = this.hash.digest('hex');
      this.hash = undefined;
      this.on.end?.(this.current);
    }
    if (this.skipAfter > 0) {
      this.state = 'skip';
      this.remaining = this.skipAfter;
      this.skipAfter = 0;
    } else this.state = 'header';
  }
}
