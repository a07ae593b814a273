// The final stage's runtime-deps: apt block, as compose.py's prepare block does it for the
// release: the apt and pip installs (with the packages only some architectures get), DCGM and
// NVSHMEM from NVIDIA's repository with the release's keyring, their loader configuration and
// the CUDA compat folder's, and triton-server as uid and gid 1000 once the users in its way are
// gone. Pure.
import type { ComposePlan } from '../plan/plan.js';
import { TRITON_USER } from '../spec/releases.js';

type AptRuntime = Extract<ComposePlan['runtime'], { mode: 'apt' }>;

/** A Dockerfile double-quoted string: backslash, quote and $ escaped, so nothing expands. */
export function quote(value: string): string {
  if (/[\n\r]/.test(value)) throw new Error(`a value spans lines and cannot be written to a Dockerfile: ${JSON.stringify(value)}`);
  return `"${value.replace(/[\\"$]/g, '\\$&')}"`;
}

/** An ENV name as it is, when it is a plain name (the plan refuses others; this is the last guard). */
export function envName(k: string): string {
  if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(k)) throw new Error(`an env variable named ${JSON.stringify(k)} cannot be written to a Dockerfile`);
  return k;
}

export function keyValueLines(keyword: 'ENV' | 'LABEL', pairs: [string, string][]): string[] {
  if (pairs.length === 0) return [];
  const items = pairs.map(([k, v]) => `${keyword === 'ENV' ? envName(k) : quote(k)}=${quote(v)}`);
  return [`${keyword} ${items.join(' \\\n    ')}`];
}

/** Table names only (apt packages and file names): anything else is a bug upstream, never written. */
function plain(name: string): string {
  if (!/^[A-Za-z0-9][A-Za-z0-9.+_-]*$/.test(name)) throw new Error(`${JSON.stringify(name)} is not a package or file name`);
  return name;
}

/** The packages of one architecture, chosen when the RUN runs (dpkg names the image's architecture). */
function archLines(archPackages: Record<string, string[]>): string[] {
  return Object.entries(archPackages).map(
    ([arch, pkgs]) => `$(case "$(dpkg --print-architecture)" in ${plain(arch)}) echo ${pkgs.map(plain).join(' ')} ;; esac)`,
  );
}

function renderNvidiaRepository(runtime: AptRuntime): string[] {
  const pkgs = [...runtime.dcgm, ...runtime.nvshmem];
  const keyrings = Object.entries(runtime.keyrings);
  if (!pkgs.length || !keyrings.length) return [];
  const out =
    keyrings.length === 1
      ? [`RUN curl -fsSL -o /tmp/cuda-keyring.deb ${quote(keyrings[0][1])} && \\`]
      : [
          'RUN case "$(dpkg --print-architecture)" in \\',
          ...keyrings.map(([arch, url]) => `      ${plain(arch)}) keyring=${quote(url)} ;; \\`),
          '    esac && \\',
          '    curl -fsSL -o /tmp/cuda-keyring.deb "$keyring" && \\',
        ];
  out.push(
    '    apt-get install -y /tmp/cuda-keyring.deb && rm /tmp/cuda-keyring.deb && apt-get update && \\',
    `    apt-get install -y --no-install-recommends ${pkgs.map((p) => quote(p)).join(' ')} && rm -rf /var/lib/apt/lists/*`,
  );
  for (const c of runtime.loaderConfs) {
    const lib = plain(c.library).replace(/\./g, '\\.');
    out.push(`RUN dirname "$(dpkg -L ${plain(c.package)} | grep -m 1 '/${lib}')" > /etc/ld.so.conf.d/${plain(c.file)} && ldconfig`);
  }
  return out;
}

/**
 * build.py (GPU): the compat folder listed for the loader, with lib pointing at lib.real for
 * that one ldconfig run (the entrypoint makes lib when the driver needs it).
 */
function renderCudaCompat(runtime: AptRuntime): string[] {
  if (!runtime.cudaCompat) return [];
  return [
    'RUN ln -sf ${_CUDA_COMPAT_PATH}/lib.real ${_CUDA_COMPAT_PATH}/lib && \\',
    '    echo ${_CUDA_COMPAT_PATH}/lib > /etc/ld.so.conf.d/00-cuda-compat.conf && \\',
    '    ldconfig && \\',
    '    rm -f ${_CUDA_COMPAT_PATH}/lib',
  ];
}

/** build.py: the users in the way deleted, triton-server made if absent, and it must be uid and gid 1000. */
function renderUser(runtime: AptRuntime): string[] {
  const { name, uid, gid } = TRITON_USER;
  return [
    `RUN ${runtime.removedUsers.map((u) => `userdel ${plain(u)} >/dev/null 2>&1 || true; `).join('')}\\`,
    `    id -u ${name} >/dev/null 2>&1 || useradd -u ${uid} -U -m ${name}; \\`,
    `    [ "$(id -u ${name})" -eq ${uid} ] && [ "$(id -g ${name})" -eq ${gid} ]`,
  ];
}

/** apt mode: the runtime dependencies installed as compose.py does, and its user. */
export function renderAptInstall(runtime: ComposePlan['runtime']): string[] {
  if (runtime.mode !== 'apt') return [];
  const out = runtime.breakSystemPackages ? ['ENV PIP_BREAK_SYSTEM_PACKAGES=1'] : [];
  out.push('# Runtime dependencies installed with apt-get, as compose.py does (needs the network).');
  const pkgs = [...runtime.packages.map(plain), ...archLines(runtime.archPackages)];
  out.push(
    `RUN apt-get update && \\\n    DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends \\\n      ${pkgs.join(' \\\n      ')} && \\\n    rm -rf /var/lib/apt/lists/*`,
  );
  if (runtime.pip.length) out.push(`RUN python3 -m pip install --no-cache-dir --upgrade ${runtime.pip.map((p) => quote(p)).join(' ')}`);
  out.push(...renderNvidiaRepository(runtime), ...renderCudaCompat(runtime), ...renderUser(runtime));
  return out;
}
