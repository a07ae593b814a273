// The ELF reader on files gcc builds (checked against readelf), on files built here byte by byte
// (32-bit, big-endian, a string table after the dynamic section, and every kind of lie a
// hostile file can tell), fed whole and in chunks of every size: never an exception, the same
// facts however the stream is cut, and `incomplete` whenever something could not be read.
import { execFileSync } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ELF_LIMITS, type ElfFacts, type ElfLimits, ElfReader, isElfMagic, readElfFacts } from '../../../src/layer/elf.js';

// ---------------------------------------------------------------------------------------------
// Files gcc builds

const MACHINES: Record<string, number> = { x64: 62, arm64: 183 };
const MACHINE = MACHINES[process.arch] ?? -1;

let dir: string;
const bin = {} as Record<'bar' | 'foo' | 'fooRpath' | 'app' | 'obj', Uint8Array> & { static?: Uint8Array };

function gcc(args: string[]): void {
  execFileSync('gcc', args, { cwd: dir, stdio: 'pipe' });
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'elf-'));
  await writeFile(join(dir, 'bar.c'), 'int bar(void) { return 1; }\n');
  await writeFile(join(dir, 'foo.c'), '#include <math.h>\nint bar(void);\ndouble foo(double x) { return sqrt(x) + bar(); }\n');
  await writeFile(join(dir, 'main.c'), 'double foo(double);\nint main(void) { return (int)foo(4.0); }\n');
  await writeFile(join(dir, 'plain.c'), 'int main(void) { return 0; }\n');
  gcc(['-shared', '-fPIC', '-o', 'libbar.so', 'bar.c']);
  // --no-as-needed: libm stays in DT_NEEDED on toolchains that default to --as-needed.
  const foo = ['-shared', '-fPIC', 'foo.c', '-Wl,--no-as-needed', '-Wl,-soname,libfoo.so.1', '-L.', '-lbar', '-lm'];
  gcc([...foo, '-o', 'libfoo.so', '-Wl,-rpath,$ORIGIN/../lib', '-Wl,--enable-new-dtags']);
  gcc([...foo, '-o', 'libfoo-rpath.so', '-Wl,-rpath,$ORIGIN/../lib', '-Wl,--disable-new-dtags']);
  gcc(['-fPIE', '-pie', '-o', 'app', 'main.c', '-L.', '-lfoo', '-Wl,-rpath-link,.']);
  gcc(['-c', '-o', 'foo.o', 'foo.c']);
  const read = (name: string) => readFile(join(dir, name)).then((b) => new Uint8Array(b));
  bin.bar = await read('libbar.so');
  bin.foo = await read('libfoo.so');
  bin.fooRpath = await read('libfoo-rpath.so');
  bin.app = await read('app');
  bin.obj = await read('foo.o');
  // A static libc is not always installed: the probe compile says whether that test can run.
  try {
    gcc(['-static', '-o', 'static', 'plain.c']);
    bin.static = await read('static');
  } catch {
    bin.static = undefined;
  }
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

type Linking = Pick<ElfFacts, 'needed' | 'soname' | 'rpath' | 'runpath' | 'interp'>;

/** What readelf says of a file: its DT_NEEDED, SONAME, RPATH, RUNPATH and interpreter. */
function readelf(name: string): Linking {
  const dynamic = execFileSync('readelf', ['-dW', join(dir, name)], { encoding: 'utf8' });
  const segments = execFileSync('readelf', ['-lW', join(dir, name)], { encoding: 'utf8' });
  const pick = (type: string) => [...dynamic.matchAll(new RegExp(`\\(${type}\\)\\s+[^[]*\\[(.*)\\]`, 'g'))].map((m) => m[1]);
  const facts: Linking = { needed: pick('NEEDED') };
  const [soname] = pick('SONAME');
  const [rpath] = pick('RPATH');
  const [runpath] = pick('RUNPATH');
  const interp = /Requesting program interpreter: (.*)\]/.exec(segments)?.[1];
  if (soname !== undefined) facts.soname = soname;
  if (rpath !== undefined) facts.rpath = rpath;
  if (runpath !== undefined) facts.runpath = runpath;
  if (interp !== undefined) facts.interp = interp;
  return facts;
}

/** Feeds `data` in chunks of `size` through one reused buffer, scribbled over after each write. */
function stream(data: Uint8Array, size: number, limits?: Partial<ElfLimits>, stated = data.length): ElfFacts | undefined {
  const reader = new ElfReader(stated, limits);
  const buf = new Uint8Array(size);
  for (let at = 0; at < data.length; at += size) {
    const piece = data.subarray(at, at + size);
    buf.set(piece);
    reader.write(buf.subarray(0, piece.length));
    buf.fill(0xa5);
  }
  return reader.end();
}

describe('files gcc builds', () => {
  test('a shared library with a soname, three DT_NEEDED and a RUNPATH', () => {
    const facts = readElfFacts(bin.foo);
    expect(facts).toEqual({ class: 64, machine: MACHINE, type: 'dyn', ...readelf('libfoo.so') });
    expect(facts).toEqual({
      class: 64,
      machine: MACHINE,
      type: 'dyn',
      soname: 'libfoo.so.1',
      needed: ['libbar.so', 'libm.so.6', 'libc.so.6'],
      runpath: '$ORIGIN/../lib',
    });
  });

  test('the same library with an RPATH (--disable-new-dtags)', () => {
    const facts = readElfFacts(bin.fooRpath);
    expect(facts).toEqual({ class: 64, machine: MACHINE, type: 'dyn', ...readelf('libfoo-rpath.so') });
    expect(facts?.rpath).toBe('$ORIGIN/../lib');
    expect(facts?.runpath).toBeUndefined();
  });

  test('a PIE executable: ET_DYN with an interpreter, needing the soname it was linked against', () => {
    const facts = readElfFacts(bin.app);
    expect(facts).toEqual({ class: 64, machine: MACHINE, type: 'dyn', ...readelf('app') });
    expect(facts?.needed).toEqual(['libfoo.so.1', 'libc.so.6']);
    if (process.arch === 'x64') expect(facts?.interp).toBe('/lib64/ld-linux-x86-64.so.2');
  });

  test('a static executable: no dynamic section, nothing needed, complete', () => {
    if (!bin.static) return; // no static libc on this machine
    expect(readElfFacts(bin.static)).toEqual({ class: 64, machine: MACHINE, type: 'exec', needed: [] });
  });

  test('a relocatable object', () => {
    expect(readElfFacts(bin.obj)).toEqual({ class: 64, machine: MACHINE, type: 'rel', needed: [] });
  });

  test.each([1, 7, 4096, Infinity])('chunks of %d bytes (Infinity: one chunk) give the same facts as the whole file', (size) => {
    for (const data of [bin.foo, bin.fooRpath, bin.app]) {
      const whole = readElfFacts(data);
      expect(whole?.incomplete).toBeUndefined();
      expect(stream(data, Math.min(size, data.length))).toEqual(whole);
    }
  });

  test('a prefix too small to keep the string table (it lies before the dynamic section) gives incomplete', () => {
    const facts = stream(bin.foo, 4096, { prefix: 64 });
    expect(facts).toMatchObject({ class: 64, type: 'dyn', incomplete: 'string table before the kept prefix' });
  });

  test('a prefix just big enough to keep the string table is enough', () => {
    // .dynstr ends inside the first page of a small library.
    expect(stream(bin.foo, 100, { prefix: 4096 })).toEqual(readElfFacts(bin.foo));
  });

  test('every truncation of the first 4 KiB gives undefined or incomplete facts, never an exception', () => {
    for (let n = 0; n <= 4096; n++) {
      const facts = readElfFacts(bin.foo.subarray(0, n));
      if (n < 64) expect(facts).toBeUndefined();
      else expect(facts).toMatchObject({ class: 64, type: 'dyn', incomplete: expect.any(String) });
    }
  });

  test('a stream that stops before the size its tar header states: incomplete until the dynamic section went by', () => {
    const whole = readElfFacts(bin.foo);
    let complete = 0;
    for (let n = 64; n < bin.foo.length; n += 61) {
      const facts = stream(bin.foo.subarray(0, n), 512, undefined, bin.foo.length);
      // Past the dynamic section (and its string table before it) nothing more is needed.
      if (facts?.incomplete === undefined) complete++;
      if (complete > 0) expect(facts).toEqual(whole);
      else expect(facts?.incomplete).toMatch(/^file ends before its (program headers|dynamic section)$/);
    }
    expect(complete).toBeGreaterThan(0);
    expect(stream(bin.foo.subarray(0, 1000), 512, undefined, bin.foo.length)?.incomplete).toBe('file ends before its dynamic section');
  });

  test('random bytes written over a real library never throw', () => {
    const random = prng(7);
    for (let i = 0; i < 300; i++) {
      const data = bin.foo.slice();
      // Mostly in the first KiB (headers, program headers, the string table), else anywhere.
      const regions = [1024, 1024, data.length];
      for (let j = 1 + Math.floor(random() * 8); j > 0; j--) {
        data[Math.floor(random() * regions[Math.floor(random() * regions.length)])] = Math.floor(random() * 256);
      }
      const whole = readElfFacts(data);
      expect(stream(data, 1 + Math.floor(random() * 5000))).toEqual(whole);
    }
  });
});

// ---------------------------------------------------------------------------------------------
// Files built here, byte by byte

interface Synth {
  wide?: boolean;
  le?: boolean;
  type?: number;
  interp?: string;
  /** Names, or raw string offsets (to point anywhere). */
  needed?: (string | number)[];
  soname?: string;
  rpath?: string;
  runpath?: string;
  /** The string table after the dynamic section in the file (linkers put it before). */
  strtabAfter?: boolean;
  noStrtab?: boolean;
  noNull?: boolean;
  strsz?: bigint;
  strtabAddr?: bigint;
  phoff?: bigint;
  phnum?: number;
  dynOffset?: bigint;
  dynFilesz?: bigint;
}

const BASE = 0x400000n;
const DT = { NULL: 0n, NEEDED: 1n, STRTAB: 5n, STRSZ: 10n, SONAME: 14n, RPATH: 15n, RUNPATH: 29n, DEBUG: 21n };

/** A minimal ELF file: header, PT_LOAD (the whole file at BASE), PT_INTERP, PT_DYNAMIC, then their bytes. */
function synth(o: Synth = {}): Uint8Array {
  const wide = o.wide ?? true;
  const le = o.le ?? true;
  const word = wide ? 8 : 4;
  const ehsize = wide ? 64 : 52;
  const phentsize = wide ? 56 : 32;
  const phnum = o.interp === undefined ? 2 : 3;

  // The string table: a leading NUL (offset 0 is the empty string), then each name once.
  const names: string[] = [...(o.needed ?? []), o.soname, o.rpath, o.runpath, 'unused.so'].filter(
    (s): s is string => typeof s === 'string',
  );
  let table = '\0';
  const offsetOf = new Map<string, number>();
  for (const name of names) {
    if (!offsetOf.has(name)) offsetOf.set(name, table.length);
    table += `${name}\0`;
  }
  const strtab = Buffer.from(table, 'latin1');

  const dyn: [bigint, bigint][] = [];
  for (const n of o.needed ?? []) dyn.push([DT.NEEDED, BigInt(typeof n === 'number' ? n : offsetOf.get(n)!)]);
  dyn.push([DT.DEBUG, 0n]);
  if (o.soname !== undefined) dyn.push([DT.SONAME, BigInt(offsetOf.get(o.soname)!)]);
  if (o.rpath !== undefined) dyn.push([DT.RPATH, BigInt(offsetOf.get(o.rpath)!)]);
  if (o.runpath !== undefined) dyn.push([DT.RUNPATH, BigInt(offsetOf.get(o.runpath)!)]);
  const strtabAt = dyn.length;
  if (!o.noStrtab) dyn.push([DT.STRTAB, 0n], [DT.STRSZ, o.strsz ?? BigInt(strtab.length)]);
  if (!o.noNull) dyn.push([DT.NULL, 0n]);
  const dynBytes = dyn.length * 2 * word;

  // Layout: header, program headers, interpreter path, then the two tables in the order asked.
  const align = (n: number) => Math.ceil(n / 8) * 8;
  const phoff = ehsize;
  const interpOff = phoff + phnum * phentsize;
  const interp = o.interp === undefined ? undefined : Buffer.from(`${o.interp}\0`, 'latin1');
  let at = align(interpOff + (interp?.length ?? 0));
  const [first, second] = o.strtabAfter ? [dynBytes, strtab.length] : [strtab.length, dynBytes];
  const firstOff = at;
  at = align(at + first);
  const secondOff = at;
  const size = align(at + second);
  const [strOff, dynOff] = o.strtabAfter ? [secondOff, firstOff] : [firstOff, secondOff];
  if (!o.noStrtab) dyn[strtabAt][1] = o.strtabAddr ?? BASE + BigInt(strOff);

  const b = Buffer.alloc(size);
  const put = (pos: number, value: bigint | number, bytes: number) => {
    const v = BigInt(value);
    if (bytes === 2) b[le ? 'writeUInt16LE' : 'writeUInt16BE'](Number(v), pos);
    else if (bytes === 4) b[le ? 'writeUInt32LE' : 'writeUInt32BE'](Number(v), pos);
    else b[le ? 'writeBigUInt64LE' : 'writeBigUInt64BE'](v, pos);
  };
  b.set([0x7f, 0x45, 0x4c, 0x46, wide ? 2 : 1, le ? 1 : 2, 1]);
  let h = 16;
  for (const [value, bytes] of [
    [o.type ?? 3, 2],
    [62, 2],
    [1, 4],
    [0, word], // e_entry
    [o.phoff ?? BigInt(phoff), word],
    [0, word], // e_shoff
    [0, 4],
    [ehsize, 2],
    [phentsize, 2],
    [o.phnum ?? phnum, 2],
    [0, 2],
    [0, 2],
    [0, 2],
  ] as [bigint | number, number][]) {
    put(h, value, bytes);
    h += bytes;
  }
  const phdr = (i: number, type: number, offset: bigint, filesz: bigint) => {
    const p = phoff + i * phentsize;
    const vaddr = BASE + offset;
    const fields: [bigint | number, number][] = wide
      ? [
          [type, 4],
          [6, 4],
          [offset, 8],
          [vaddr, 8],
          [vaddr, 8],
          [filesz, 8],
          [filesz, 8],
          [8, 8],
        ]
      : [
          [type, 4],
          [offset, 4],
          [vaddr, 4],
          [vaddr, 4],
          [filesz, 4],
          [filesz, 4],
          [6, 4],
          [8, 4],
        ];
    let q = p;
    for (const [value, bytes] of fields) {
      put(q, BigInt.asUintN(bytes * 8, BigInt(value)), bytes);
      q += bytes;
    }
  };
  phdr(0, 1, 0n, BigInt(size));
  if (interp) phdr(2, 3, BigInt(interpOff), BigInt(interp.length));
  phdr(1, 2, o.dynOffset ?? BigInt(dynOff), o.dynFilesz ?? BigInt(dynBytes));
  if (interp) b.set(interp, interpOff);
  b.set(strtab, strOff);
  dyn.forEach(([tag, value], i) => {
    put(dynOff + i * 2 * word, BigInt.asUintN(word * 8, tag), word);
    put(dynOff + (i * 2 + 1) * word, BigInt.asUintN(word * 8, value), word);
  });
  return new Uint8Array(b);
}

const LIB: Synth = { needed: ['libz.so.1', 'libc.so.6'], soname: 'libx.so.2', runpath: '$ORIGIN', rpath: '/opt/lib:$ORIGIN/../lib' };
const LIB_FACTS = { needed: ['libz.so.1', 'libc.so.6'], soname: 'libx.so.2', runpath: '$ORIGIN', rpath: '/opt/lib:$ORIGIN/../lib' };

/** The facts of a synthetic file, checked to be the same whole and in chunks of 1 and 13 bytes. */
function facts(o: Synth, limits?: Partial<ElfLimits>): ElfFacts | undefined {
  const data = synth(o);
  const whole = stream(data, data.length, limits);
  expect(stream(data, 1, limits)).toEqual(whole);
  expect(stream(data, 13, limits)).toEqual(whole);
  return whole;
}

describe('files built here', () => {
  test.each([
    ['64-bit little-endian', true, true],
    ['64-bit big-endian', true, false],
    ['32-bit little-endian', false, true],
    ['32-bit big-endian', false, false],
  ])('%s, with an interpreter', (_, wide, le) => {
    expect(facts({ ...LIB, wide, le, type: 2, interp: '/lib/ld-linux.so.2' })).toEqual({
      class: wide ? 64 : 32,
      machine: 62,
      type: 'exec',
      interp: '/lib/ld-linux.so.2',
      ...LIB_FACTS,
    });
  });

  test('a string table after the dynamic section is read when the stream reaches it', () => {
    const expected = { class: 64, machine: 62, type: 'dyn', ...LIB_FACTS };
    expect(facts({ ...LIB, strtabAfter: true })).toEqual(expected);
    // Even with no prefix kept at all: both tables are captured as they stream by.
    expect(facts({ ...LIB, strtabAfter: true }, { prefix: 0 })).toEqual(expected);
    // Linkers' order with no prefix kept: the string table went by before the dynamic section named it.
    // (Fed as one chunk it is still there: only the bytes of chunks gone by are lost.)
    expect(stream(synth(LIB), 13, { prefix: 0 })?.incomplete).toBe('string table before the kept prefix');
  });

  test('e_type values', () => {
    expect(facts({ type: 1 })).toEqual({ class: 64, machine: 62, type: 'rel', needed: [] });
    expect(facts({ type: 4 })).toEqual({ class: 64, machine: 62, type: 'core', needed: [] });
    expect(facts({ type: 0xfe00 })?.type).toBe('other');
    expect(facts({ type: 0 })?.type).toBe('other');
  });

  test('a dynamic section naming no strings needs no string table', () => {
    expect(facts({ noStrtab: true })).toEqual({ class: 64, machine: 62, type: 'dyn', needed: [] });
  });

  test.each<[string, Synth, Partial<ElfLimits> | undefined, string]>([
    ['dynamic section beyond the file', { ...LIB, dynOffset: 1n << 20n }, undefined, 'dynamic section outside the file'],
    ['dynamic section offset past 2^53', { ...LIB, dynOffset: (1n << 64n) - 8n }, undefined, 'dynamic section outside the file'],
    ['DT_STRTAB outside every PT_LOAD', { ...LIB, strtabAddr: 0x10n }, undefined, 'string table outside every loadable segment'],
    ['DT_STRTAB past 2^53', { ...LIB, strtabAddr: 1n << 63n }, undefined, 'string table outside every loadable segment'],
    ['DT_STRSZ past the segment', { ...LIB, strsz: 1n << 40n }, undefined, 'string table runs past its segment'],
    ['a string offset beyond DT_STRSZ', { needed: ['libc.so.6', 4000] }, undefined, 'string offset beyond DT_STRSZ'],
    ['a string offset past 2^32', { needed: [2 ** 40] }, undefined, 'string offset beyond DT_STRSZ'],
    ['an unterminated string', { needed: ['libc.so.6'], strsz: 5n }, undefined, 'unterminated string'],
    ['no DT_STRTAB but DT_NEEDED', { needed: ['libc.so.6'], noStrtab: true }, undefined, 'strings named without a string table'],
    ['no DT_NULL', { ...LIB, noNull: true }, undefined, 'dynamic section without DT_NULL'],
    [
      'no DT_NULL, a dynamic section claimed to run on',
      { ...LIB, noNull: true, dynFilesz: 1n << 20n },
      undefined,
      'dynamic section runs past the file end',
    ],
    ['phnum 65535', { ...LIB, phnum: 0xffff }, undefined, 'program header table over its cap'],
    ['e_phoff 2^63', { ...LIB, phoff: 1n << 63n }, undefined, 'program headers outside the file'],
    ['e_phoff past the file', { ...LIB, phoff: 4000n }, undefined, 'program headers outside the file'],
    [
      'more entries than the cap',
      { ...LIB, noNull: true, dynFilesz: 160_000_000n },
      { dynEntries: 4 },
      'dynamic section over its entry cap',
    ],
    ['more DT_NEEDED than the cap', LIB, { needed: 1 }, 'more DT_NEEDED than the cap'],
    ['a string longer than the cap', LIB, { string: 8 }, 'string over its length cap'],
    ['a string table over the cap', LIB, { strtab: 16 }, 'string table over its cap'],
    ['an interpreter path over the cap', { ...LIB, interp: '/lib/ld.so' }, { string: 4 }, 'interpreter path over its length cap'],
  ])('%s: incomplete, no exception', (_, o, limits, reason) => {
    expect(facts(o, limits)).toMatchObject({ class: 64, type: 'dyn', incomplete: reason });
  });

  test('a dynamic section claiming 10 million entries is read up to its DT_NULL, no more', () => {
    expect(facts({ ...LIB, dynFilesz: 160_000_000n })).toEqual({ class: 64, machine: 62, type: 'dyn', ...LIB_FACTS });
  });

  test('what could be read is kept beside the reason', () => {
    expect(facts(LIB, { needed: 1 })).toMatchObject({ needed: ['libz.so.1'], soname: 'libx.so.2' });
  });

  test('the first chunks are enough: later ones are ignored', () => {
    const data = synth(LIB);
    const reader = new ElfReader(data.length + 1_000_000);
    reader.write(data);
    for (let i = 0; i < 1000; i++) reader.write(new Uint8Array(1000).fill(i));
    expect(reader.end()).toEqual({ class: 64, machine: 62, type: 'dyn', ...LIB_FACTS });
  });

  test('random bytes after an ELF magic never throw', () => {
    const random = prng(42);
    for (let i = 0; i < 400; i++) {
      const data = new Uint8Array(Math.floor(random() * 600));
      for (let j = 0; j < data.length; j++) data[j] = Math.floor(random() * 256);
      data.set([0x7f, 0x45, 0x4c, 0x46, 1 + Math.floor(random() * 2), 1 + Math.floor(random() * 2)].slice(0, data.length));
      // Small e_phoff, e_phentsize and e_phnum half the time, so that the lies point into the file.
      const le = data[5] === 1;
      for (const [at, bytes] of [
        [28, 4],
        [32, 8],
        [42, 2],
        [44, 2],
        [54, 2],
        [56, 2],
      ]) {
        if (random() < 0.5) data.fill(0, le ? at + 1 : at, le ? at + bytes : at + bytes - 1);
      }
      const whole = readElfFacts(data);
      if (data.length >= 64) expect(whole).toMatchObject({ class: expect.any(Number) });
      expect(stream(data, 1 + Math.floor(random() * 64))).toEqual(whole);
    }
  });

  test('random mutations of a synthetic library never throw', () => {
    const random = prng(9);
    const base = synth({ ...LIB, interp: '/lib/ld.so' });
    for (let i = 0; i < 400; i++) {
      const data = base.slice();
      for (let j = 0; j < 4; j++) data[Math.floor(random() * data.length)] = Math.floor(random() * 256);
      expect(stream(data, 1 + Math.floor(random() * 32))).toEqual(readElfFacts(data));
    }
  });
});

describe('not ELF', () => {
  test.each<[string, Uint8Array]>([
    ['empty', new Uint8Array(0)],
    ['3 bytes of the magic', new Uint8Array([0x7f, 0x45, 0x4c])],
    ['text', new TextEncoder().encode('#!/bin/sh\necho hello, this is not an ELF file at all\n'.repeat(10))],
    ['the magic alone', new Uint8Array([0x7f, 0x45, 0x4c, 0x46])],
    ['an ELF header cut at 51 bytes', synth().subarray(0, 51)],
    ['a 64-bit header cut at 60 bytes', synth().subarray(0, 60)],
    ['an unknown class', Uint8Array.from(synth(), (v, i) => (i === 4 ? 3 : v))],
    ['an unknown data encoding', Uint8Array.from(synth(), (v, i) => (i === 5 ? 0 : v))],
  ])('%s: undefined', (_, data) => {
    expect(readElfFacts(data)).toBeUndefined();
    expect(stream(data, 1)).toBeUndefined();
  });

  test('a header stated larger than the stream gives undefined', () => {
    expect(stream(synth().subarray(0, 40), 8, undefined, 4096)).toBeUndefined();
  });

  test('isElfMagic', () => {
    expect(isElfMagic(new Uint8Array([0x7f, 0x45, 0x4c, 0x46, 2]))).toBe(true);
    expect(isElfMagic(new Uint8Array([0x7f, 0x45, 0x4c]))).toBe(false);
    expect(isElfMagic(new TextEncoder().encode('#!/bin/sh'))).toBe(false);
  });

  test('the default caps', () => {
    expect(ELF_LIMITS).toEqual({ prefix: 64 * 1024 * 1024, strtab: 64 * 1024 * 1024, dynEntries: 65536, string: 4096, needed: 4096 });
  });
});

/** mulberry32: a small seeded generator, so that a failing case can be run again. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
