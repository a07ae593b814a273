// zlib's zstd, where this Node has it (22.15 and later; GitHub's runners run actions on node24).
// The declarations of @types/node for Node 20 do not know it: its shape is named here.
import type { Transform } from 'node:stream';
import * as zlib from 'node:zlib';

export interface ZstdBinding {
  zstdCompress(data: Buffer, options: { params: Record<number, number> }, cb: (err: Error | null, out: Buffer) => void): void;
  zstdDecompress(data: Buffer, cb: (err: Error | null, out: Buffer) => void): void;
  /** A streaming decompressor, to count a zstd layer's tar bytes as it passes. */
  createZstdDecompress(): Transform;
  zstdDecompressSync(data: Buffer): Buffer;
  constants: { ZSTD_c_compressionLevel: number; ZSTD_c_checksumFlag: number };
}

/** zstd's frame magic number, as a layer's first bytes. */
export const isZstd = (head: Uint8Array): boolean => head[0] === 0x28 && head[1] === 0xb5 && head[2] === 0x2f && head[3] === 0xfd;

/** zlib's zstd, or undefined on a Node without it. */
export function zstdBinding(): ZstdBinding | undefined {
  const z = zlib as unknown as Partial<ZstdBinding> & { constants: Partial<ZstdBinding['constants']> };
  const { ZSTD_c_compressionLevel, ZSTD_c_checksumFlag } = z.constants;
  const fns = [z.zstdCompress, z.zstdDecompress, z.createZstdDecompress, z.zstdDecompressSync];
  if (fns.some((f) => typeof f !== 'function')) return undefined;
  if (ZSTD_c_compressionLevel === undefined || ZSTD_c_checksumFlag === undefined) return undefined;
  return z as ZstdBinding;
}

export const zstdAvailable = (): boolean => zstdBinding() !== undefined;
