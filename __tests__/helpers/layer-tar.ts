// Gzip'd layer tars built in memory for the index and extraction tests, with what real layers
// hold: PAX headers, GNU long names, symlinks, hardlinks, whiteouts, an opaque folder, an
// incompressible file (stored deflate blocks) and compressible ones (Huffman blocks, so
// checkpoints land at bit offsets other than 0). tar-stream writes and reads the reference.
import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';
import { gzipSync } from 'node:zlib';
import { type Header, extract, pack } from 'tar-stream';

export type Headers = Partial<Header> & Pick<Header, 'name'>;
import type { RegistryClient } from '../../src/registry/client.js';

export interface TarItem {
  header: Headers;
  data?: Buffer;
  /** Write this entry's name as a GNU long-name ('L') header instead of PAX. */
  gnuLongName?: boolean;
}

/** Deterministic pseudo-random bytes (xorshift), incompressible. */
export function noise(size: number, seed = 1): Buffer {
  const out = Buffer.alloc(size);
  let x = seed >>> 0 || 1;
  for (let i = 0; i < size; i++) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    out[i] = x & 0xff;
  }
  return out;
}

/** Text-like, compressible bytes that still vary, so deflate makes many dynamic blocks. */
export function prose(size: number, seed = 7): Buffer {
  const words = ['tensor', 'backend', 'model', 'triton', 'onnx', 'cuda', 'layer', 'kernel', 'batch', 'shape'];
  const r = noise(size, seed);
  const parts: string[] = [];
  let len = 0;
  for (let i = 0; len < size; i++) {
    const w = `${words[r[i % size] % words.length]}${r[(i * 7) % size] % 97} `;
    parts.push(w);
    len += w.length;
  }
  return Buffer.from(parts.join('').slice(0, size));
}

function octal(n: number, width: number): string {
  return n.toString(8).padStart(width - 1, '0') + '\0';
}

/** A raw GNU long-name block pair: header ('L') and the name data, padded to 512. */
function gnuLongNameBlocks(name: string): Buffer {
  const data = Buffer.from(name + '\0');
  const h = Buffer.alloc(512);
  h.write('././@LongLink', 0);
  h.write(octal(0o644, 8), 100);
  h.write(octal(0, 8), 108);
  h.write(octal(0, 8), 116);
  h.write(octal(data.length, 12), 124);
  h.write(octal(0, 12), 136);
  h.write('L', 156);
  h.write('ustar  \0', 257); // GNU magic
  h.write('        ', 148);
  let sum = 0;
  for (const b of h) sum += b;
  h.write(octal(sum, 7) + ' ', 148);
  const padded = Buffer.alloc(Math.ceil(data.length / 512) * 512);
  data.copy(padded);
  return Buffer.concat([h, padded]);
}

async function packOne(item: TarItem): Promise<Buffer> {
  const p = pack();
  const chunks: Buffer[] = [];
  p.on('data', (c: unknown) => void chunks.push(c as Buffer));
  const done = new Promise<void>((r) => p.on('end', () => r()));
  p.entry(item.header, item.data ?? Buffer.alloc(0));
  p.finalize();
  await done;
  return Buffer.concat(chunks).subarray(0, -1024); // without the end-of-archive blocks
}

/** The uncompressed tar of the items, in order. */
export async function makeTar(items: TarItem[]): Promise<Buffer> {
  const parts: Buffer[] = [];
  for (const item of items) {
    if (item.gnuLongName) {
      const short = await packOne({ ...item, header: { ...item.header, name: 'placeholder' } });
      parts.push(gnuLongNameBlocks(item.header.name), short);
    } else parts.push(await packOne(item));
  }
  parts.push(Buffer.alloc(1024));
  return Buffer.concat(parts);
}

export async function makeLayer(items: TarItem[], level = 6): Promise<{ tar: Buffer; gz: Buffer; digest: string }> {
  const tar = await makeTar(items);
  const gz = gzipSync(tar, { level });
  return { tar, gz, digest: `sha256:${createHash('sha256').update(gz).digest('hex')}` };
}

export interface RefEntry {
  name: string;
  type: string;
  data: Buffer;
  header: Headers;
}

/** What tar-stream reads from the tar: the reference the index is checked against. */
export async function readTarReference(tar: Buffer): Promise<RefEntry[]> {
  const ex = extract();
  const out: RefEntry[] = [];
  const feeding = Readable.from([tar]).pipe(ex);
  for await (const entry of feeding) {
    const chunks: Buffer[] = [];
    for await (const c of entry) chunks.push(c as Buffer);
    out.push({ name: entry.header.name, type: entry.header.type ?? 'file', data: Buffer.concat(chunks), header: entry.header });
  }
  return out;
}

/**
 * A client that serves `blob` from memory: each body is cut into 16 KiB pieces, or where `cut`
 * says (the lengths of the pieces of a body that starts at `start`; the rest in one piece).
 */
export function memoryClient(
  blob: Buffer,
  tamper?: (chunk: Buffer, start: number) => Buffer,
  cut?: (start: number, length: number) => number[],
): { client: RegistryClient; log: Array<{ start: number; end: number }> } {
  const log: Array<{ start: number; end: number }> = [];
  const client = {
    blobStream: async (_ref: unknown, _digest: string, range?: { start: number; end: number }) => {
      const start = range?.start ?? 0;
      const end = range?.end ?? blob.length - 1;
      log.push({ start, end });
      let slice: Buffer = Buffer.from(blob.subarray(start, end + 1));
      if (tamper) slice = tamper(slice, start);
      const lengths = cut?.(start, slice.length) ?? Array.from({ length: Math.ceil(slice.length / 16_384) }, () => 16_384);
      const pieces: Buffer[] = [];
      let at = 0;
      for (const n of lengths) {
        if (at >= slice.length) break;
        pieces.push(slice.subarray(at, (at += n)));
      }
      if (at < slice.length) pieces.push(slice.subarray(at));
      return Readable.from(pieces);
    },
  };
  return { client: client as unknown as RegistryClient, log };
}

/** The layer the unit tests share: every kind of entry a real one holds. */
export function sampleItems(): TarItem[] {
  const mtime = new Date('2024-01-02T03:04:05Z');
  const dir = (name: string, mode = 0o755): TarItem => ({ header: { name, type: 'directory', mode, mtime, uid: 0, gid: 0 } });
  const file = (name: string, data: Buffer, extra: Partial<Headers> = {}): TarItem => ({
    header: { name, type: 'file', mode: 0o644, mtime, uid: 1000, gid: 1000, size: data.length, ...extra },
    data,
  });
  const long = 'opt/tritonserver/backends/python/' + 'very-long-folder-name-'.repeat(6) + '/model.py';
  return [
    dir('opt/'),
    dir('opt/tritonserver/'),
    dir('opt/tritonserver/backends/'),
    dir('opt/tritonserver/backends/onnxruntime/'),
    file('opt/tritonserver/backends/onnxruntime/libonnxruntime.so.1.16.3', noise(1_500_000, 3), { mode: 0o755 }),
    {
      header: {
        name: 'opt/tritonserver/backends/onnxruntime/libonnxruntime.so.1',
        type: 'symlink',
        linkname: 'libonnxruntime.so.1.16.3',
        mtime,
        mode: 0o777,
      },
    },
    file('opt/tritonserver/backends/onnxruntime/README.md', prose(700_000, 11)),
    {
      header: {
        name: 'opt/tritonserver/backends/onnxruntime/libonnxruntime.so',
        type: 'link',
        linkname: 'opt/tritonserver/backends/onnxruntime/libonnxruntime.so.1.16.3',
        mtime,
      },
    },
    file('opt/tritonserver/backends/onnxruntime/empty', Buffer.alloc(0)),
    dir('opt/tritonserver/backends/python/'),
    file(long, prose(90_000, 5)),
    { ...file('opt/tritonserver/backends/python/' + 'gnu-long-name-'.repeat(9) + '.py', prose(40_000, 6)), gnuLongName: true },
    file('opt/tritonserver/backends/python/pax-owned.bin', prose(300_000, 8), {
      pax: { uid: '3000000', gid: '4000000', 'SCHILY.xattr.user.note': 'x' },
    }),
    {
      header: {
        name: 'opt/tritonserver/backends/python/copy-of-readme',
        type: 'link',
        linkname: 'opt/tritonserver/backends/onnxruntime/README.md',
        mtime,
      },
    },
    file('opt/tritonserver/backends/python/setuid-tool', prose(5_000, 9), { mode: 0o4755, uid: 0, gid: 0 }),
    dir('opt/tritonserver/caches/'),
    file('opt/tritonserver/caches/.wh..wh..opq', Buffer.alloc(0)),
    file('opt/tritonserver/backends/.wh.tensorrt', Buffer.alloc(0)),
    file('usr/lib/big.txt', prose(2_500_000, 13)),
  ];
}

/** One raw tar entry, written byte for byte: names may hold any bytes and sizes may lie. */
export interface RawEntry {
  name: string | Buffer;
  /** The type flag: '0' file, '1' hardlink, '2' symlink, '3' char, '4' block, '5' folder, '6' fifo, 'x' PAX. */
  type: string;
  data?: Buffer;
  /** The size the header gives; default the data's length. */
  size?: number;
  mode?: number;
  uid?: number;
  gid?: number;
  linkname?: string | Buffer;
  /** PAX records written in an 'x' header before this entry. */
  pax?: Record<string, string>;
}

/** The bytes of PAX records (`<len> <key>=<value>\n`). */
export function paxRecords(records: Record<string, string>): Buffer {
  const out: Buffer[] = [];
  for (const [k, v] of Object.entries(records)) {
    const body = Buffer.from(` ${k}=${v}\n`);
    let len = body.length + 1;
    while (String(len).length + body.length !== len) len = String(len).length + body.length;
    out.push(Buffer.concat([Buffer.from(String(len)), body]));
  }
  return Buffer.concat(out);
}

/** A 512-byte ustar header (POSIX magic), its checksum computed. */
export function rawHeader(e: Omit<RawEntry, 'data' | 'pax'> & { size: number }): Buffer {
  const h = Buffer.alloc(512);
  const name = Buffer.isBuffer(e.name) ? e.name : Buffer.from(e.name);
  name.copy(h, 0, 0, Math.min(100, name.length));
  h.write(octal(e.mode ?? 0o644, 8), 100);
  h.write(octal(e.uid ?? 0, 8), 108);
  h.write(octal(e.gid ?? 0, 8), 116);
  h.write(octal(e.size, 12), 124);
  h.write(octal(1_704_067_200, 12), 136);
  h.write(e.type, 156);
  if (e.linkname !== undefined) (Buffer.isBuffer(e.linkname) ? e.linkname : Buffer.from(e.linkname)).copy(h, 157, 0, 100);
  h.write('ustar\x0000', 257);
  h.write('        ', 148);
  let sum = 0;
  for (const b of h) sum += b;
  h.write(octal(sum, 7) + ' ', 148);
  return h;
}

const padded = (data: Buffer) => Buffer.concat([data, Buffer.alloc((512 - (data.length % 512)) % 512)]);

/** An uncompressed tar of raw entries, with its end-of-archive blocks. */
export function makeRawTar(entries: RawEntry[]): Buffer {
  const parts: Buffer[] = [];
  for (const e of entries) {
    if (e.pax) {
      const body = paxRecords(e.pax);
      parts.push(rawHeader({ name: 'PaxHeader', type: 'x', size: body.length }), padded(body));
    }
    const data = e.data ?? Buffer.alloc(0);
    parts.push(rawHeader({ ...e, size: e.size ?? data.length }), padded(data));
  }
  parts.push(Buffer.alloc(1024));
  return Buffer.concat(parts);
}
