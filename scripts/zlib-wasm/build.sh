#!/usr/bin/env bash
# Builds zlib's inflate as WebAssembly for the layer index pass, into
# src/layer/zlib-wasm-module.ts (the module's bytes as base64, and their sha256):
#
#   bash scripts/zlib-wasm/build.sh
#
# Node's zlib binding cannot stop at a deflate block boundary (Z_BLOCK) or tell the bit
# position there, which the index's checkpoints need; zlib itself can. The sources are zlib
# 1.3.1 as the npm package zlib-sync@0.1.10 carries them (npm checks the package's integrity;
# each file used is checked here against its sha256 too); the compiler is Debian's clang with
# its wasm32 linker and WASI's libc (malloc, memcpy): apt-get install clang lld wasi-libc.
# The same compiler and sources give the same bytes.
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
out=$here/../../src/layer/zlib-wasm-module.ts
for tool in clang wasm-ld; do
  command -v "$tool" >/dev/null || { echo "build.sh: $tool is missing: apt-get install clang lld wasi-libc" >&2; exit 1; }
done
[ -f /usr/include/wasm32-wasi/stdlib.h ] || { echo "build.sh: WASI's libc is missing: apt-get install wasi-libc" >&2; exit 1; }

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
(cd "$tmp" && npm pack --silent zlib-sync@0.1.10 >/dev/null && tar -xzf zlib-sync-0.1.10.tgz package/deps/zlib)
src=$tmp/package/deps/zlib
(cd "$src" && sha256sum -c --quiet) <<'SUMS'
34c998ce0037c0537c04b03b276f680b945f9b2c9d1e01b287605bd6879f7fd2  inflate.c
5d4f335221d2dc76f17abd2577d92c2d7baf68fa6d7f23373b360830493d1563  inftrees.c
e6ef64ce5dc0a4cd5c7ad08ceeb2b2a698b8447f6bd156057caeb2edab68c0cb  inffast.c
8ced40d8c88588811edd2bdb35b7439983d5e1f8e9e32b8a3b244731f3c317b7  zutil.c
9cd1443a24ff2a3053961695bd432035c58347386a420d3388232376ebabe211  adler32.c
8fd16f0a7714d51c89c2eb37eb98ec15e8a4dc57ba343e7b7398b19144039fda  crc32.c
e8d4a51b07694bf48cb91979c19974cf6a5ab0b8a09d26ec0d14df349230673e  inflate.h
0a0fcaf2ae2fae57426bdc06637270e9bba974f35202cadbdba479d946e6409d  inftrees.h
05cc5dc9ff1da7b8b52a4bd8bda0d8a5c236a2f39efe84b941516ea13857e6c5  inffast.h
237ba710f090e432b62ebf963bee8b302867e9691406b2d3f8ee89ee7bfef9b0  inffixed.h
dddb2dc7a1dc339ecf2c8e089b366f08bb731c0839c7110240d17ce731bb4fea  zutil.h
8a5579af72ea4f427ff00a4150f0ccb3fc5c1e4379f726e101133b1ab9fc600c  zlib.h
f5134250a67d57459234b63858f0d9d3ef8dcc48e9e1028d3f4fdcf6eae677ae  zconf.h
9a2223575183ac2ee8a247f20bf3ac066e8bd0140369556bdbdffc777435749e  crc32.h
716fa648aca1bb06c219d7b97ad4846d8479206143bc39557bfd8283f5783e04  gzguts.h
SUMS

clang --target=wasm32-wasi -isystem /usr/include/wasm32-wasi -L/usr/lib/wasm32-wasi \
  -O3 -DNDEBUG -mexec-model=reactor -Wl,--no-entry -Wl,--strip-all \
  -I"$src" -o "$tmp/inflate.wasm" "$here/shim.c" \
  "$src/inflate.c" "$src/inftrees.c" "$src/inffast.c" "$src/zutil.c" "$src/adler32.c" "$src/crc32.c"

sum=$(sha256sum "$tmp/inflate.wasm" | cut -d' ' -f1)
{
  echo '// zlib 1.3.1 inflate as WebAssembly, built by scripts/zlib-wasm/build.sh (do not edit).'
  echo '// zlib is under the zlib license, as zlib.h states it:'
  echo '//'
  sed -n '4,21p' "$src/zlib.h" | sed -e 's/^  */\/\/ /' -e 's/^$/\/\//' -e 's/ *$//'
  echo "export const ZLIB_WASM_SHA256 = '$sum';"
  printf "export const ZLIB_WASM_BASE64 =\n  '%s';\n" "$(base64 -w0 "$tmp/inflate.wasm")"
} >"$out"
echo "build.sh: $(wc -c <"$tmp/inflate.wasm") bytes, sha256 $sum, in $out" >&2
