// Builds the fixture's C programs inside the era's own build root file system (its gcc and
// glibc; the host's are older than trixie's): the CUDA-like libraries, libtritonserver.so and
// tritonserver, every backend, cache and repository agent, numpy bundled as pip leaves it, and
// the ld.so.cache of min and full. The script is generated from libraries.ts.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { type RealEra, eraCudaLibraries } from './eras.js';
import { type CudaLib, LIB, backendBuilds } from './libraries.js';

const T = '/out/opt/tritonserver';

const execFileAsync = promisify(execFile);

/** Runs a command to its end; its output is in the error when it fails. */
async function sh(cmd: string, args: string[]): Promise<string> {
  try {
    return (await execFileAsync(cmd, args, { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 })).stdout;
  } catch (err) {
    const e = err as { code?: number | string; stdout?: string; stderr?: string };
    throw new Error(`${cmd} ${args.slice(0, 4).join(' ')}… exited ${e.code}:\n${e.stderr ?? ''}${e.stdout ?? ''}`.slice(0, 8000));
  }
}

function shlib(l: CudaLib, outDir: string, extra = ''): string {
  const src = l.src ?? 'cudalib.c';
  if (src === 'debian') return [`cp -L ${LIB}/${l.soname} ${outDir}/${l.real}`, `ln -sf ${outDir}/${l.real} $L/${l.soname}`].join('\n');
  const defs = [
    src === 'cudalib.c' ? `-DSYM=${l.sym}${l.call ? ` -DCALL=${l.call}` : ''}` : '',
    src === 'torch.c' ? '-fopenmp' : '',
    l.cflags ?? '',
  ]
    .filter(Boolean)
    .join(' ');
  const needs = l.needs
    .filter((n) => n !== 'libgomp.so.1')
    .map((n) => `$L/${n}`)
    .join(' ');
  return [
    `gcc $CF -shared -Wl,-soname,${l.soname} ${defs} ${extra} -o ${outDir}/${l.real} $S/${src} -Wl,--no-as-needed ${needs} -ldl`,
    `ln -sf ${outDir}/${l.real} $L/${l.soname}`,
  ].join('\n');
}

export function buildScript(era: RealEra): string {
  const r = era.release;
  const py = era.python;
  const lines = [
    'set -euo pipefail',
    "S=/src L=/tmp/l CF='-O2 -fPIC -Wall -Wno-unused-parameter -Wno-format-truncation -I/src -Wl,-rpath-link,/tmp/l'",
    'mkdir -p $L /out/lib /stage',
    '# CUDA-like libraries, in dependency order',
    ...eraCudaLibraries(era).map((l) => shlib(l, '/out/lib')),
    '# the server: libtritonserver.so (libb64, tcmalloc, cudart) and tritonserver over it',
    `mkdir -p ${T}/bin ${T}/lib`,
    `gcc $CF -shared -Wl,-soname,libtritonserver.so -DTRITON_VERSION='"${r.triton}"' -o ${T}/lib/libtritonserver.so $S/libtritonserver.c -Wl,--no-as-needed ${LIB}/libb64.so.0d ${LIB}/libtcmalloc.so.4 $L/libcudart.so.12 -ldl`,
    `gcc $CF -o ${T}/bin/tritonserver $S/tritonserver.c -Wl,-rpath,'$ORIGIN/../lib' ${T}/lib/libtritonserver.so`,
    // /stage is the full image from here on: what a backend bundles is only what it lacks.
    ...ldcache(era),
  ];
  for (const b of backendBuilds(era.stack, r.backends.includes('tensorflow'), era.torch)) {
    const dir = `${T}/backends/${b.name}`;
    const debian = b.debian ?? [];
    lines.push(`# backend ${b.name}`, `mkdir -p ${dir}`);
    for (const l of b.bundled ?? []) {
      lines.push(shlib(l, dir, "-Wl,-rpath,'$ORIGIN'"));
      if (l.real !== l.soname) lines.push(`ln -s ${l.real} ${dir}/${l.soname}`);
    }
    lines.push(
      ...debian.map((d) => `cp -L ${LIB}/${d} ${dir}/`),
      `gcc $CF -shared ${b.cflags ?? ''} -o ${dir}/libtriton_${b.name}.so $S/${b.src} -Wl,-rpath,'$ORIGIN' -Wl,--no-as-needed ${[...b.needs.map((n) => `$L/${n}`), ...debian.map((d) => `${dir}/${d}`)].join(' ')}`,
      ...(debian.length ? [`bundle ${dir} ${debian.map((d) => `${dir}/${d}`).join(' ')}`] : []),
    );
  }
  const ort = `${T}/backends/onnxruntime`;
  lines.push('# backend onnxruntime', `mkdir -p ${ort}`);
  if (era.ort) {
    lines.push(
      `gcc $CF -shared -DREAL_ORT -I/usr/include/onnxruntime -o ${ort}/libtriton_onnxruntime.so $S/onnxruntime.c -Wl,-rpath,'$ORIGIN' ${LIB}/${era.ort}`,
      `cp -L ${LIB}/${era.ort} ${ort}/`,
      `bundle ${ort} ${ort}/${era.ort}`,
    );
  } else {
    lines.push(
      `gcc $CF -shared -fopenmp -Wl,-soname,libonnxruntime.so.1 -o ${ort}/libonnxruntime.so.1.16.3 $S/ort_standin.c`,
      `ln -s libonnxruntime.so.1.16.3 ${ort}/libonnxruntime.so.1`,
      `gcc $CF -shared -o ${ort}/libtriton_onnxruntime.so $S/onnxruntime.c -Wl,-rpath,'$ORIGIN' ${ort}/libonnxruntime.so.1`,
    );
  }
  const pyb = `${T}/backends/python`;
  lines.push(
    '# backend python: embeds libpython',
    `mkdir -p ${pyb}`,
    `gcc $CF -shared -DPYLIB='"libpython${py}.so.1.0"' -I/usr/include/python${py} -I/usr/include/x86_64-linux-gnu/python${py} -o ${pyb}/libtriton_python.so $S/python.c -Wl,--no-as-needed ${LIB}/libpython${py}.so.1.0 -ldl`,
    '# repository agent and caches',
    `mkdir -p ${T}/repoagents/checksum ${T}/caches/local ${T}/caches/redis`,
    `gcc $CF -shared -DSYM=TRITONREPOAGENT_Initialize -o ${T}/repoagents/checksum/libtritonrepoagent_checksum.so $S/cudalib.c -Wl,--no-as-needed ${LIB}/libcrypto.so.3`,
    `gcc $CF -shared -DSYM=TRITONCACHE_CacheInitialize -o ${T}/caches/local/libtritoncache_local.so $S/cudalib.c`,
    `gcc $CF -shared -DSYM=TRITONCACHE_CacheInitialize -o ${T}/caches/redis/libtritoncache_redis.so $S/cudalib.c`,
  );
  return [BUNDLE, ...lines, ...numpy(py), ...nativeExtension(py)].join('\n') + '\n';
}

/**
 * bundle DIR LIB...: copies into DIR what the LIBs need that the full image lacks, RUNPATH
 * $ORIGIN. A library HPC-X's folders hold (UCX, UCC) is left to them, found through
 * LD_LIBRARY_PATH as NGC's backends find it.
 */
const BUNDLE = `bundle() {
  local dir=$1; shift
  for dep in $(for l in "$@"; do ldd "$l"; done | awk '/=> \\//{print $3}' | sort -u); do
    [ -e "/stage$dep" ] || [ -n "$(ls /stage/opt/hpcx/*/lib/"\${dep##*/}" 2>/dev/null)" ] || [ "$(dirname "$dep")" = "$dir" ] || cp -L "$dep" "$dir/"
  done
  for f in "$dir"/*.so*; do [ -L "$f" ] || patchelf --set-rpath '$ORIGIN' "$f"; done
}`;

/** The tar options rootfs.sh snapshots with (what dpkg leaves that no image keeps, left out). */
const SNAP =
  'tar --sort=name --numeric-owner --mtime=@${SOURCE_DATE_EPOCH:-1704067200} --clamp-mtime --exclude=./var/log ' +
  '--exclude=./var/cache/ldconfig/aux-cache --exclude=./var/lib/dpkg/*-old --exclude=./var/cache/debconf/*-old';

/**
 * DCGM as build.py installs it from NVIDIA's repository: a package of its own (libdcgm, as
 * libtritonserver's GPU metrics load it), here built with dpkg-deb and installed by dpkg into a
 * copy of full, so the status file and the package's lists are what dpkg writes. full-dcgm.tar
 * is then full with DCGM, a layer of its own in the full image.
 */
function dcgm(era: RealEra): string[] {
  const v = era.release.dcgm;
  const lib = '$D/pkg/usr/lib/x86_64-linux-gnu';
  const control = [
    'Package: datacenter-gpu-manager',
    `Version: 1:${v}`,
    'Architecture: amd64',
    'Maintainer: triton-compose fixtures <fixtures@invalid>',
    'Depends: libc6',
    'Section: utils',
    'Priority: optional',
    'Description: NVIDIA Data Center GPU Manager (fixture: libdcgm only)',
  ].join('\\n');
  return [
    '# DCGM: its own .deb, installed by dpkg in a copy of full',
    `D=/tmp/dcgm && mkdir -p $D/pkg/DEBIAN ${lib} $D/root`,
    `gcc $CF -shared -Wl,-soname,libdcgm.so.3 -DSYM=dcgmInit -o ${lib}/libdcgm.so.${v} $S/cudalib.c`,
    `ln -s libdcgm.so.${v} ${lib}/libdcgm.so.3`,
    `printf '${control}\\n' > $D/pkg/DEBIAN/control`,
    'dpkg-deb --root-owner-group --build $D/pkg $D/dcgm.deb >/dev/null',
    'tar -xf /in/full.tar -C $D/root',
    'dpkg --root=$D/root -i $D/dcgm.deb >/dev/null',
    `${SNAP} -C $D/root -cf /out/full-dcgm.tar .`,
    'dpkg-deb -x $D/dcgm.deb /stage',
  ];
}

/** ld.so.cache of min (base + CUDA) and of full (min + the packages and DCGM), as ldconfig writes them. */
function ldcache(era: RealEra): string[] {
  const out = ['# ld.so.cache of min and full; /stage is then full, to see what the image has', 'tar -xf /in/base.tar -C /stage'];
  for (const l of eraCudaLibraries(era))
    out.push(`mkdir -p /stage${l.dir} && cp /out/lib/${l.real} /stage${l.dir}/ && ln -sf ${l.real} /stage${l.dir}/${l.soname}`);
  out.push(
    "printf '/usr/local/cuda/lib64\\n' > /stage/etc/ld.so.conf.d/000_cuda.conf",
    "printf '/usr/local/nvidia/lib\\n/usr/local/nvidia/lib64\\n' > /stage/etc/ld.so.conf.d/nvidia.conf",
    'ldconfig -X -r /stage && cp /stage/etc/ld.so.cache /out/ld.so.cache.min',
    'tar -xf /in/full.tar -C /stage',
    ...dcgm(era),
    'ldconfig -X -r /stage && cp /stage/etc/ld.so.cache /out/ld.so.cache.full',
  );
  return out;
}

/** numpy as pip leaves it: outside dpkg, its libraries in numpy.libs, RUNPATHs to them. */
function numpy(py: string): string[] {
  return [
    '# numpy as a wheel: the package, its dist-info, and numpy.libs',
    'N=/out/numpy && mkdir -p $N/numpy.libs',
    'cp -a /usr/lib/python3/dist-packages/numpy $N/',
    `for i in /usr/lib/python3/dist-packages/numpy-*-info; do v=\${i##*/numpy-}; v=\${v%%.*-info}; v=\${v%%+*}; mkdir -p $N/numpy-$v.dist-info; printf 'Metadata-Version: 2.1\\nName: numpy\\nVersion: %s\\n' "$v" > $N/numpy-$v.dist-info/METADATA; done`,
    "find $N/numpy -name '*.so' | sort > /tmp/np.txt",
    'for so in $(cat /tmp/np.txt); do ldd "$so" | awk \'/=> \\//{print $3}\'; done | sort -u | while read -r dep; do [ -e "/stage$dep" ] || cp -L "$dep" $N/numpy.libs/; done',
    'for f in $N/numpy.libs/*; do patchelf --set-rpath \'$ORIGIN\' "$f"; done',
    'for so in $(cat /tmp/np.txt); do patchelf --set-rpath "\\$ORIGIN/$(realpath --relative-to="$(dirname "$so")" $N/numpy.libs)" "$so"; done',
    `test -d /usr/lib/python${py}`,
  ];
}

/**
 * speedups._native, the fixture vllm closure's native extension: a CPython module linked
 * against Debian's libyaml (full has its package, min does not), built as a wheel's would be.
 */
function nativeExtension(py: string): string[] {
  return [
    '# speedups._native: a CPython extension module that loads libyaml',
    'mkdir -p /out/pyext',
    `gcc $CF -shared -I/usr/include/python${py} -I/usr/include/x86_64-linux-gnu/python${py} -o /out/pyext/_native.so $S/pyext.c -Wl,--no-as-needed ${LIB}/libyaml-0.so.2`,
  ];
}

/**
 * What enters the build root: new mount, PID and network namespaces (no network: the fixtures
 * build offline; every mount goes away with the namespace, on failure too), the host's /dev,
 * a /proc of its own, the C sources and the era's root tars read-only, the output folder, then
 * chroot with an environment of its own. Paths come as arguments, never inside the script.
 */
const ENTER = [
  'set -eu',
  'root=$1 src=$2 in=$3 out=$4',
  'mkdir -p "$root/dev" "$root/proc" "$root/src" "$root/in" "$root/out"',
  'mount --rbind /dev "$root/dev"',
  'mount -t proc proc "$root/proc"',
  'mount --bind "$src" "$root/src" && mount -o remount,bind,ro "$root/src"',
  'mount --bind "$in" "$root/in" && mount -o remount,bind,ro "$root/in"',
  'mount --bind "$out" "$root/out"',
  'exec chroot "$root" /usr/bin/env -i PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin HOME=/root bash /build.sh',
].join('\n');

/**
 * Runs the script in a fresh copy of the era's build root (build.tar extracted to a folder of
 * its own, removed after). Extracting takes about 2 s; docker import of the same 1.1 GB root
 * took 47 s, most of it compressing the tar for the engine's content store. Needs root, as the
 * test bed does; without it, a user namespace maps the caller to root.
 */
export async function runBuild(era: RealEra, rootfsDir: string, srcDir: string, outDir: string): Promise<void> {
  const root = `${outDir}.root`;
  for (const d of [root, outDir]) {
    rmSync(d, { recursive: true, force: true });
    mkdirSync(d, { recursive: true });
  }
  try {
    // ./dev is the host's, bound in: a root without privileges cannot make device nodes.
    await sh('tar', ['-xf', join(rootfsDir, 'build.tar'), '-C', root, '--exclude=./dev/*']);
    // Kept beside the output too, to read or run by hand after a failure.
    const script = buildScript(era);
    writeFileSync(join(outDir, '..', `build-${era.suite}.sh`), script);
    writeFileSync(join(root, 'build.sh'), script);
    const user = process.getuid?.() === 0 ? [] : ['--user', '--map-root-user'];
    await sh('unshare', [...user, '--mount', '--pid', '--net', '--fork', 'sh', '-c', ENTER, 'enter', root, srcDir, rootfsDir, outDir]);
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}
