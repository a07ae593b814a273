// zlib's zstd, where this Node has it (22.15 and later; GitHub's runners run actions on node24).
// The declarations of @types/node for Node 20 do not know it: its shape is named here.
import * as zlib from 'node:zlib';

export interface ZstdBinding {
  zstdCompress(data: Buffer, options: { params: Record<number, number> }, cb: (err: Error | null, out: Buffer) => void): void;
  zstdDecompress(data: Buffer, cb: (err: Error | null, out: Buffer) => void): void;
  constants: { ZSTD_c_compressionLevel: number; ZSTD_c_checksumFlag: number };
}

/** zlib's zstd, or undefined on a Node without it. */
export function zstdBinding(): ZstdBinding | undefined {
  const z = zlib as unknown as Partial<ZstdBinding> & { constants: Partial<ZstdBinding['constants']> };
  const { ZSTD_c_compressionLevel, ZSTD_c_checksumFlag } = z.constants;
  if (typeof z.zstdCompress !== 'function' || typeof z.zstdDecompress !== 'function') return undefined;
  if (ZSTD_c_compressionLevel === undefined || ZSTD_c_checksumFlag === undefined) return undefined;
  return z as ZstdBinding;
}

export const zstdAvailable = (): boolean => zstdBinding() !== undefined;
