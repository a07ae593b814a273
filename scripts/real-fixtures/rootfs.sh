#!/usr/bin/env bash
# One mmdebstrap run per era makes the three root file systems the real fixtures need, each
# installed by dpkg itself (so /var/lib/dpkg is what dpkg writes):
#   base.tar   Essential:yes packages and apt (glibc, its loader, dash, coreutils): min's rootfs
#   full.tar   base + the runtime packages of the full image's prepare block
#   build.tar  full + gcc and the headers the fixture's C programs are built with
# The mirror is never named: apt's own sources file of this machine is given to mmdebstrap.
# The build packages are installed by the chroot's own apt (never an apt-get outside it: that
# one acts on the host's dpkg database). Downloaded .debs are kept in the era's cache folder,
# so a rebuild downloads nothing but the indexes.
#
#   rootfs.sh SUITE
#
# SUITE is a key of eras.json beside this script, which holds the era's package lists: the
# runtime packages, the build packages, and buildProvides (dependencies of the build packages
# left out of the build root, `name (= version)`, stood for by one empty package built here
# with dpkg-deb, which dpkg installs in the chroot before apt installs the build packages).
# The folder is .testbed/real-fixtures/SUITE/rootfs-KEY, KEY a hash of this script, the era's
# entry and the sources file; one already built is kept and not built again, and those of
# other keys are removed. Its path is the one line printed on stdout (everything else goes to
# stderr). It needs no node_modules, only node, so CI starts it before npm ci. Two runs for one
# suite at once build it once.
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
suite=${1:?usage: rootfs.sh SUITE}
# The era's entry, one field per line: its JSON (for the key), the sources file, the lists.
mapfile -t era < <(node -e '
  const eras = require(process.argv[1]);
  const e = Object.hasOwn(eras, process.argv[2]) ? eras[process.argv[2]] : undefined;
  if (!e) { console.error(`rootfs.sh: no era "${process.argv[2]}" in eras.json: use ${Object.keys(eras).join(" or ")}`); process.exit(2); }
  console.log([JSON.stringify(e), process.env[e.sourcesEnv] || e.sources, e.runtime.join(","), e.build.join(","), e.buildProvides.join(",")].join("\n"));
' "$here/eras.json" "$suite")
[ "${#era[@]}" -eq 5 ] || exit 2
sources=${era[1]} runtime=${era[2]} build=${era[3]} provides=${era[4]}
[ -f "$sources" ] || { echo "rootfs.sh: $sources is missing: run bash scripts/testbed.sh up" >&2; exit 1; }
root=$here/../../.testbed/real-fixtures
key=$({ cat "${BASH_SOURCE[0]}"; printf '%s\n' "${era[0]}"; cat "$sources"; } | sha256sum)
out=$root/$suite/rootfs-${key:0:16}
cache=$root/debs-$suite
export SOURCE_DATE_EPOCH=${SOURCE_DATE_EPOCH:-1704067200}
mkdir -p "$out" "$cache"
exec 3>&1 1>&2 9>"$out.lock"
flock 9
# The folders of other keys (an older script or package list: about 1 GB each) are removed,
# each once no run holds its lock.
prune() {
  local old
  for old in "$root/$suite"/rootfs-*; do
    [[ -d $old && $old != "$out" && $old =~ /rootfs-[0-9a-f]{16}$ ]] || continue
    (flock -n 8 && rm -rf "$old" "$old.lock") 8>"$old.lock" || true
  done
}
if [ -f "$out/build.tar" ]; then prune; echo "$out" >&3; exit 0; fi
t0=$(date +%s)
# The lists go into hook command lines: package names and versions only.
name='[a-z0-9][a-z0-9+.-]+'
for list in runtime build; do
  [[ ",${!list}" =~ ^(,$name)+$ ]] || { echo "rootfs.sh: eras.json $suite.$list: not a list of package names: ${!list}" >&2; exit 2; }
done
stand_in=()
if [ -n "$provides" ]; then
  [[ ",$provides" =~ ^(,$name\ \(=\ [A-Za-z0-9.+~:-]+\))+$ ]] ||
    { echo "rootfs.sh: eras.json $suite.buildProvides: not a list of 'name (= version)': $provides" >&2; exit 2; }
  pkg=$(mktemp -d)
  trap 'rm -rf "$pkg"' EXIT
  mkdir -p "$pkg/DEBIAN"
  printf '%s\n' 'Package: triton-compose-fixture-stand-in' 'Version: 1' 'Architecture: all' \
    'Maintainer: triton-compose fixtures <fixtures@invalid>' "Provides: ${provides//,/, }" \
    'Description: build root only: stands for dependencies no fixture program links' >"$pkg/DEBIAN/control"
  dpkg-deb --root-owner-group --build "$pkg" "$out/stand-in.deb" >/dev/null
  stand_in=(--customize-hook="copy-in $out/stand-in.deb /tmp"
    --customize-hook='chroot "$1" dpkg -i /tmp/stand-in.deb >/dev/null && rm "$1"/tmp/stand-in.deb')
fi
# What apt and dpkg leave behind that no image keeps (mmdebstrap cleans the same at its end).
snap="tar --sort=name --numeric-owner --mtime=@$SOURCE_DATE_EPOCH --clamp-mtime \
 --exclude=./var/lib/apt/lists --exclude=./var/cache/apt --exclude=./var/log --exclude=./dev \
 --exclude=./proc --exclude=./sys --exclude=./run/* --exclude=./tmp/* --exclude=./etc/machine-id \
 --exclude=./var/cache/ldconfig/aux-cache --exclude=./var/lib/dpkg/*-old --exclude=./var/cache/debconf/*-old"
mmdebstrap --quiet --variant=apt --format=tar --include="$runtime" \
  --setup-hook='mkdir -p "$1"/var/cache/apt/archives/' \
  --setup-hook="sync-in $cache /var/cache/apt/archives/" \
  --essential-hook="$snap -C \"\$1\" -cf $out/base.tar.tmp ." \
  --customize-hook="$snap -C \"\$1\" -cf $out/full.tar.tmp ." \
  "${stand_in[@]}" \
  --customize-hook="chroot \"\$1\" apt-get install --yes --no-install-recommends -qq -o Dpkg::Use-Pty=0 ${build//,/ } >/dev/null" \
  --customize-hook="sync-out /var/cache/apt/archives $cache" \
  --customize-hook='rm -f "$1"/var/cache/apt/archives/*.deb' \
  --skip=download/empty \
  "$suite" "$out/build.tar.tmp" "$sources"
for f in base full build; do mv "$out/$f.tar.tmp" "$out/$f.tar"; done
rm -f "$out/stand-in.deb"
prune
echo "fixtures:real: $suite: mmdebstrap (base, full, build) in $(( $(date +%s) - t0 ))s"
echo "$out" >&3
