#!/usr/bin/env bash
# One mmdebstrap run per era makes the three root file systems the real fixtures need, each
# installed by dpkg itself (so /var/lib/dpkg is what dpkg writes):
#   base.tar   Essential:yes packages and apt (glibc, its loader, dash, coreutils): min's rootfs
#   full.tar   base + the runtime packages of the full image's prepare block
#   build.tar  full + gcc and the headers the fixture's C programs are built with
# The mirror is never named: apt's own sources file of this machine is given to mmdebstrap.
# The build packages are installed by the chroot's own apt (never an apt-get outside it: that
# one acts on the host's dpkg database). Downloaded .debs are kept in CACHE, so a rebuild downloads nothing but the indexes.
#
# BUILD_PROVIDES (optional, comma list of `name (= version)`): dependencies of the build
# packages left out of the build root, stood for by one empty package (built here with
# dpkg-deb) that dpkg installs in the chroot before apt installs the build packages.
#
#   rootfs.sh SUITE SOURCES_FILE OUT_DIR DEB_CACHE RUNTIME_PKGS BUILD_PKGS [BUILD_PROVIDES]
set -euo pipefail
suite=$1 sources=$2 out=$3 cache=$4 runtime=$5 build=$6 provides=${7:-}
export SOURCE_DATE_EPOCH=${SOURCE_DATE_EPOCH:-1704067200}
mkdir -p "$out" "$cache"
# The lists go into hook command lines: package names and versions only.
name='[a-z0-9][a-z0-9+.-]+'
[[ ",$build" =~ ^(,$name)+$ ]] || { echo "rootfs.sh: BUILD_PKGS is not a comma list of package names: $build" >&2; exit 2; }
stand_in=()
if [ -n "$provides" ]; then
  [[ ",$provides" =~ ^(,$name\ \(=\ [A-Za-z0-9.+~:-]+\))+$ ]] ||
    { echo "rootfs.sh: BUILD_PROVIDES is not a comma list of 'name (= version)': $provides" >&2; exit 2; }
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
