// gzip against zstd on real bytes, one core: a folder's files as one tar, compressed and
// decompressed once per codec and level with Node's own zlib, sizes and times printed. zstd
// needs Node 22.15 or later (scripts/node24.sh gives one):
//
//   "$(bash scripts/node24.sh)" node_modules/tsx/dist/cli.mjs scripts/compression-rates.ts /usr/lib/x86_64-linux-gnu
import { execFileSync } from 'node:child_process';
import { performance } from 'node:perf_hooks';
import { gunzipSync, gzipSync } from 'node:zlib';
import { zstdBinding } from '../src/util/zstd.js';

const dir = process.argv[2];
if (!dir) throw new Error('usage: compression-rates.ts FOLDER');
const zstd = zstdBinding();
if (!zstd) throw new Error(`Node ${process.versions.node} has no zstd in zlib: run it with node24 (scripts/node24.sh)`);
// The tar as tar writes it (its argument list, no shell): files, links and folders as they lie.
const tar = execFileSync('tar', ['-cf', '-', '-C', dir, '.'], { maxBuffer: 8 * 1024 ** 3 });
const zstdSync = (data: Buffer, n: number) =>
  new Promise<Buffer>((resolve, reject) =>
    zstd.zstdCompress(data, { params: { [zstd.constants.ZSTD_c_compressionLevel]: n } }, (err, out) => (err ? reject(err) : resolve(out))),
  );
const time = async <T>(f: () => T | Promise<T>): Promise<[T, number]> => {
  const t0 = performance.now();
  const out = await f();
  return [out, (performance.now() - t0) / 1000];
};
const MB = (n: number) => (n / 1e6).toFixed(1);
console.log(`${dir}: ${MB(tar.length)} MB of tar, Node ${process.versions.node}, one core`);
for (const n of [1, 6]) {
  const [gz, s] = await time(() => gzipSync(tar, { level: n }));
  const [, u] = await time(() => gunzipSync(gz));
  console.log(`gzip ${n}: ${MB(gz.length)} MB, compress ${s.toFixed(2)} s, decompress ${u.toFixed(2)} s`);
}
for (const n of [1, 3, 9]) {
  const [zs, s] = await time(() => zstdSync(tar, n));
  const [, u] = await time(() => zstd.zstdDecompressSync(zs));
  console.log(`zstd ${n}: ${MB(zs.length)} MB, compress ${s.toFixed(2)} s, decompress ${u.toFixed(2)} s`);
}
