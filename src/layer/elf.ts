// The dynamic-linking facts of an ELF file (its interpreter, soname, DT_NEEDED names, rpath and
// runpath), read as the file's bytes stream out of a layer's tar, in bounded memory. The bytes
// are untrusted: every offset, size and count read from the file is checked against the file's
// size and a cap before it is used, and whatever does not add up becomes `incomplete`, never an
// exception. Layouts as the System V gABI and glibc's elf.h give them:
// https://refspecs.linuxfoundation.org/elf/gabi4+/contents.html

/** What the dynamic loader needs to know of one ELF file. */
export interface ElfFacts {
  /** ELFCLASS32 or ELFCLASS64 */
  class: 32 | 64;
  /** e_machine (62 = x86-64, 183 = aarch64) */
  machine: number;
  /** e_type: ET_EXEC 'exec', ET_DYN 'dyn', ET_REL 'rel', ET_CORE 'core', anything else 'other' */
  type: 'exec' | 'dyn' | 'rel' | 'core' | 'other';
  /** PT_INTERP's path (without its NUL), when there is one: a PIE executable is ET_DYN with an interpreter */
  interp?: string;
  soname?: string;
  /** DT_NEEDED names, in the order of the dynamic section */
  needed: string[];
  /** DT_RPATH and DT_RUNPATH strings as written (colon lists, may hold $ORIGIN) */
  rpath?: string;
  runpath?: string;
  /** Set when the facts above could not all be read (truncated, pointing outside the file, over a cap): why, in a few words. `needed` is then not to be trusted. */
  incomplete?: string;
}

export interface ElfLimits {
  /** Bytes of the file's start kept in memory while its dynamic section is not yet met (default 64 MiB). */
  prefix: number;
  /** Most DT_STRTAB bytes read (default 64 MiB), most entries of one dynamic section (default 65536), longest string (default 4096), most DT_NEEDED (default 4096). */
  strtab: number;
  dynEntries: number;
  string: number;
  needed: number;
}

const MiB = 1024 * 1024;
export const ELF_LIMITS: ElfLimits = { prefix: 64 * MiB, strtab: 64 * MiB, dynEntries: 65536, string: 4096, needed: 4096 };

/** Most bytes of program headers read: over a thousand entries, where linkers write about a dozen. */
const PH_TABLE_CAP = 64 * 1024;
const PT_LOAD = 1;
const PT_DYNAMIC = 2;
const PT_INTERP = 3;
const DT_NULL = 0;
const DT_NEEDED = 1;
const DT_STRTAB = 5;
const DT_STRSZ = 10;
const DT_SONAME = 14;
const DT_RPATH = 15;
const DT_RUNPATH = 29;
/** e_type by its value: ET_NONE 0, ET_REL 1, ET_EXEC 2, ET_DYN 3, ET_CORE 4. */
const TYPES: ElfFacts['type'][] = ['other', 'rel', 'exec', 'dyn', 'core'];

/** True when these first bytes (at least 4) begin an ELF file. */
export function isElfMagic(head: Uint8Array): boolean {
  return head.length >= 4 && head[0] === 0x7f && head[1] === 0x45 && head[2] === 0x4c && head[3] === 0x46;
}

/** A file's numbers read through its class (word size) and data encoding (byte order). */
class Fields {
  constructor(
    readonly wide: boolean,
    private readonly le: boolean,
  ) {}

  u16(b: Uint8Array, at: number): number {
    return this.le ? b[at] | (b[at + 1] << 8) : (b[at] << 8) | b[at + 1];
  }

  u32(b: Uint8Array, at: number): number {
    const [x0, x1, x2, x3] = this.le ? [b[at + 3], b[at + 2], b[at + 1], b[at]] : [b[at], b[at + 1], b[at + 2], b[at + 3]];
    // The top byte multiplied, not shifted: a shift into bit 31 would make the number negative.
    return x0 * 2 ** 24 + ((x1 << 16) | (x2 << 8) | x3);
  }

  /**
   * An address, offset, size or tag: 4 bytes or 8. A 64-bit value past 2^53 is Infinity, which
   * no number of this file can be: every check against the file's size refuses it, and a
   * number never silently loses its low bits.
   */
  word(b: Uint8Array, at: number): number {
    if (!this.wide) return this.u32(b, at);
    const hi = this.u32(b, this.le ? at + 4 : at);
    const lo = this.u32(b, this.le ? at : at + 4);
    return hi < 2 ** 21 ? hi * 2 ** 32 + lo : Infinity;
  }
}

/** A byte range of the file waited for: its bytes are copied in as the stream passes them. */
interface Want {
  start: number;
  buf: Uint8Array;
  filled: number;
  what: string;
  then(bytes: Uint8Array): void;
}

/** A PT_LOAD segment: where its file bytes lie and the address they are mapped at. */
interface Load {
  offset: number;
  vaddr: number;
  filesz: number;
}

/** A segment's place in the file, as its program header gives it. */
interface Span {
  offset: number;
  filesz: number;
}

/** What a dynamic section says, before its strings are read: string offsets and the table's place. */
interface Refs {
  needed: number[];
  soname?: number;
  rpath?: number;
  runpath?: number;
  strtab?: number;
  strsz?: number;
}

const decoder = new TextDecoder();

/** Reads one file's facts as its bytes stream by. `size` is the file's size as the tar header states it. */
export class ElfReader {
  private readonly limits: ElfLimits;
  private readonly size: number;
  /** The file offset of the next byte the stream gives; inside write(), the chunk's start until all is fed. */
  private pos = 0;
  /** The file's first `kept` bytes, while some range still waited for may point back into them. */
  private prefix: Uint8Array | undefined = new Uint8Array(0);
  private kept = 0;
  private wants: Want[] = [];
  private elf = false;
  private facts: ElfFacts = { class: 64, machine: 0, type: 'other', needed: [] };
  private fields = new Fields(true, true);
  private loads: Load[] = [];

  constructor(size: number, limits?: Partial<ElfLimits>) {
    this.limits = { ...ELF_LIMITS, ...limits };
    this.size = Number.isSafeInteger(size) && size > 0 ? size : 0;
    // 64 bytes hold either class's header (52 bytes for ELFCLASS32).
    this.want(0, Math.min(64, this.size), (b) => this.header(b), 'ELF header');
  }

  write(chunk: Uint8Array): void {
    // Nothing waited for: the facts are complete (or the file is not ELF), the rest is skipped.
    if (this.wants.length === 0) return;
    const at = this.pos;
    // Bytes beyond the stated size are not the file's: every check was made against that size.
    const part = chunk.subarray(0, Math.max(0, this.size - at));
    this.retain(part, at);
    // A range met here may name further ranges (the header names the program headers, they
    // name the dynamic section...): those are appended and fed from this same chunk.
    for (let i = 0; i < this.wants.length; i++) this.feed(this.wants[i], part, at);
    this.pos = at + part.length;
    if (this.wants.some((w) => w.filled === w.buf.length)) this.wants = this.wants.filter((w) => w.filled < w.buf.length);
    // Everything is read: the prefix can never be needed again.
    if (this.wants.length === 0) this.prefix = undefined;
  }

  /** After the last chunk: the facts, or undefined when the file is not ELF (no magic, shorter than an ELF header, unknown class/data encoding). */
  end(): ElfFacts | undefined {
    if (!this.elf) return undefined;
    const pending = this.wants.find((w) => w.filled < w.buf.length);
    if (pending) this.fail(`file ends before its ${pending.what}`);
    this.wants = [];
    this.prefix = undefined;
    return this.facts;
  }

  /** Keeps the file's first bytes, up to the prefix cap, growing the buffer as they come. */
  private retain(part: Uint8Array, at: number): void {
    if (!this.prefix || at >= this.limits.prefix || part.length === 0) return;
    const n = Math.min(part.length, this.limits.prefix - at);
    if (at + n > this.prefix.length) {
      // Doubling keeps the copies few; never past the cap nor the file's size.
      const grown = new Uint8Array(Math.min(Math.max(at + n, this.prefix.length * 2, 64 * 1024), this.limits.prefix, this.size));
      grown.set(this.prefix.subarray(0, this.kept));
      this.prefix = grown;
    }
    this.prefix.set(part.subarray(0, n), at);
    this.kept = at + n;
  }

  /** Asks for `len` bytes at `start` (checked to lie in the file): from the prefix, or later from the stream. */
  private want(start: number, len: number, then: (b: Uint8Array) => void, what: string): void {
    if (len === 0) return then(new Uint8Array(0));
    if (this.prefix && start + len <= this.kept) return then(this.prefix.subarray(start, start + len));
    const early = Math.min(len, this.pos - start);
    if (early > 0 && (!this.prefix || this.pos > this.kept)) return this.fail(`${what} before the kept prefix`);
    const w: Want = { start, buf: new Uint8Array(len), filled: 0, what, then };
    if (early > 0 && this.prefix) {
      w.buf.set(this.prefix.subarray(start, this.pos));
      w.filled = early;
    }
    this.wants.push(w);
  }

  /** Copies the part of a chunk (at file offset `at`) that a range waits for; data arrives in order. */
  private feed(w: Want, chunk: Uint8Array, at: number): void {
    const from = w.start + w.filled;
    const to = Math.min(w.start + w.buf.length, at + chunk.length);
    if (w.filled === w.buf.length || from < at || to <= from) return;
    w.buf.set(chunk.subarray(from - at, to - at), w.filled);
    w.filled += to - from;
    if (w.filled === w.buf.length) w.then(w.buf);
  }

  /** The first reason is kept: what follows from it says little more. */
  private fail(reason: string): void {
    this.facts.incomplete ??= reason;
  }

  /** True when `len` bytes at `off` lie in the file (false for Infinity and NaN too). */
  private inFile(off: number, len: number): boolean {
    return off >= 0 && len >= 0 && off <= this.size && len <= this.size - off;
  }

  private header(b: Uint8Array): void {
    const wide = b[4] === 2;
    if (!isElfMagic(b) || (b[4] !== 1 && !wide) || (b[5] !== 1 && b[5] !== 2) || b.length < (wide ? 64 : 52)) return;
    const f = (this.fields = new Fields(wide, b[5] === 1));
    this.elf = true;
    const type = TYPES[f.u16(b, 16)] ?? 'other';
    this.facts = { class: wide ? 64 : 32, machine: f.u16(b, 18), type, needed: [] };
    // Relocatable objects and core dumps are never handed to the loader: nothing more to read.
    if (type === 'rel' || type === 'core') return;
    const phoff = f.word(b, wide ? 32 : 28);
    const entsize = f.u16(b, wide ? 54 : 42);
    const count = f.u16(b, wide ? 56 : 44);
    if (count === 0) return;
    if (entsize < (wide ? 56 : 32)) return this.fail('program header entries too small');
    if (entsize * count > PH_TABLE_CAP) return this.fail('program header table over its cap');
    if (!this.inFile(phoff, entsize * count)) return this.fail('program headers outside the file');
    this.want(phoff, entsize * count, (t) => this.programHeaders(t, entsize, count), 'program headers');
  }

  private programHeaders(t: Uint8Array, entsize: number, count: number): void {
    const f = this.fields;
    let dynamic: Span | undefined;
    let interp: Span | undefined;
    for (let p = 0; p < count * entsize; p += entsize) {
      const offset = f.word(t, p + (f.wide ? 8 : 4));
      const filesz = f.word(t, p + (f.wide ? 32 : 16));
      const type = f.u32(t, p);
      if (type === PT_LOAD) this.loads.push({ offset, vaddr: f.word(t, p + (f.wide ? 16 : 8)), filesz });
      // The loader takes the first of each, as glibc does.
      else if (type === PT_DYNAMIC) dynamic ??= { offset, filesz };
      else if (type === PT_INTERP) interp ??= { offset, filesz };
    }
    if (interp) this.readInterp(interp);
    // No PT_DYNAMIC: a static executable, which needs nothing.
    if (dynamic) this.readDynamic(dynamic);
  }

  private readInterp({ offset, filesz }: Span): void {
    if (filesz > this.limits.string + 1) return this.fail('interpreter path over its length cap');
    if (!this.inFile(offset, filesz)) return this.fail('interpreter path outside the file');
    const then = (b: Uint8Array) => {
      const nul = b.indexOf(0);
      if (nul < 0) this.fail('unterminated interpreter path');
      else this.facts.interp = decoder.decode(b.subarray(0, nul));
    };
    this.want(offset, filesz, then, 'interpreter path');
  }

  /** Waits for the dynamic section's entries, at most the cap's worth and what the file holds. */
  private readDynamic({ offset, filesz }: Span): void {
    if (!this.inFile(offset, 0)) return this.fail('dynamic section outside the file');
    const ent = this.fields.wide ? 16 : 8;
    const stated = Math.floor(filesz / ent);
    const count = Math.min(stated, this.limits.dynEntries, Math.floor((this.size - offset) / ent));
    // Should no DT_NULL be among them, the first of these limits met says why.
    const why =
      count === stated
        ? 'dynamic section without DT_NULL'
        : count === this.limits.dynEntries
          ? 'dynamic section over its entry cap'
          : 'dynamic section runs past the file end';
    this.want(offset, count * ent, (d) => this.dynamic(d, count, why), 'dynamic section');
  }

  /** Reads entries up to DT_NULL; `why` is the reason given when there is none among them. */
  private dynamic(d: Uint8Array, count: number, why: string): void {
    const f = this.fields;
    const half = f.wide ? 8 : 4;
    const refs: Refs = { needed: [] };
    let ended = false;
    for (let at = 0; at < count * 2 * half && !ended; at += 2 * half) {
      const val = f.word(d, at + half);
      // A later entry of the same tag wins, as in glibc's table of them.
      switch (f.word(d, at)) {
        case DT_NULL:
          ended = true;
          break;
        case DT_NEEDED:
          if (refs.needed.length < this.limits.needed) refs.needed.push(val);
          else this.fail('more DT_NEEDED than the cap');
          break;
        case DT_SONAME:
          refs.soname = val;
          break;
        case DT_RPATH:
          refs.rpath = val;
          break;
        case DT_RUNPATH:
          refs.runpath = val;
          break;
        case DT_STRTAB:
          refs.strtab = val;
          break;
        case DT_STRSZ:
          refs.strsz = val;
      }
    }
    if (!ended) this.fail(why);
    this.readStrings(refs);
  }

  /** Finds the string table's bytes through the PT_LOAD that maps its address, and waits for them. */
  private readStrings(refs: Refs): void {
    const offsets = [...refs.needed, refs.soname, refs.rpath, refs.runpath].filter((o) => o !== undefined);
    if (offsets.length === 0) return;
    const { strtab, strsz } = refs;
    if (strtab === undefined) return this.fail('strings named without a string table');
    if (strsz === undefined) return this.fail('string table without DT_STRSZ');
    // Only the bytes up to the last string named (and its longest allowed length) are read.
    const last = offsets.reduce((a, b) => Math.max(a, b), 0);
    const need = Math.min(strsz, last + this.limits.string + 1, this.limits.strtab);
    const load = this.loads.find((l) => l.vaddr <= strtab && strtab - l.vaddr < l.filesz);
    if (!load) return this.fail('string table outside every loadable segment');
    const into = strtab - load.vaddr;
    if (need > load.filesz - into) return this.fail('string table runs past its segment');
    const offset = load.offset + into;
    if (!this.inFile(offset, need)) return this.fail('string table outside the file');
    this.want(offset, need, (s) => this.strings(s, refs, strsz), 'string table');
  }

  private strings(tab: Uint8Array, refs: Refs, strsz: number): void {
    for (const o of refs.needed) {
      const name = this.string(tab, o, strsz);
      if (name !== undefined) this.facts.needed.push(name);
    }
    for (const key of ['soname', 'rpath', 'runpath'] as const) {
      const o = refs[key];
      const value = o === undefined ? undefined : this.string(tab, o, strsz);
      if (value !== undefined) this.facts[key] = value;
    }
  }

  /** The NUL-terminated string at `off` of a table of `strsz` bytes, of which `tab` holds the first. */
  private string(tab: Uint8Array, off: number, strsz: number): string | undefined {
    if (!(off < strsz)) return void this.fail('string offset beyond DT_STRSZ');
    if (!(off < tab.length)) return void this.fail('string table over its cap');
    const end = Math.min(tab.length, off + this.limits.string + 1);
    const nul = tab.subarray(off, end).indexOf(0);
    if (nul >= 0) return decoder.decode(tab.subarray(off, off + nul));
    if (end === off + this.limits.string + 1) this.fail('string over its length cap');
    else this.fail(tab.length >= strsz ? 'unterminated string' : 'string table over its cap');
    return undefined;
  }
}

/** The facts of a whole file held in memory (ElfReader over one chunk). */
export function readElfFacts(data: Uint8Array): ElfFacts | undefined {
  const reader = new ElfReader(data.length);
  reader.write(data);
  return reader.end();
}
