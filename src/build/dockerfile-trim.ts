// A trimmed base built by Buildx: min less what the trim drops, in one layer. A stage on min
// copies min (mounted, so the copy is min's files and nothing the RUN adds) less the listed
// paths (one NUL-separated list per platform, from the build context; the same paths the direct
// assembly's rewritten layers leave out), and a scratch stage takes the copy, so no dropped byte
// stays in a lower layer. FROM scratch carries no config: min's is
// written back (env, labels, user, ports, volumes, stop signal, entrypoint and command), so the
// final stage starts where FROM min would have. Pure.
import type { ImageConfig } from '../oci/types.js';
import { envName, keyValueLines } from './dockerfile-apt.js';

export const DROP_SCRIPT = `#!/bin/sh
# Copies the image mounted (writable, its writes discarded) at ROOT into OUT, less every path
# LIST names (absolute, NUL-separated): what a trim drops. A folder is listed only when nothing
# below it stays; a link is removed, not followed. cp -a keeps modes, owners, times, links and
# hardlinks; the copy, not the stage's own root, is the base: the RUN's /dev, /proc and /sys
# mount points stay out of it.
set -eu
list=$1
root=$2
out=$3
xargs -0 -r sh -c 'root=$1; shift; for p in "$@"; do rm -rf -- "$root$p"; done' sh "$root" < "$list"
mkdir -p "$out"
cp -a "$root/." "$out/"
`;

export interface TrimmedBase {
  level: string;
  /** Per platform ("linux/amd64"), the paths of min's final view the trim drops, sorted. */
  drop: Record<string, string[]>;
  /** Min's config (the same on every platform): what FROM min would give the final stage. */
  config: NonNullable<ImageConfig['config']>;
}

/** A platform as a file name: linux/amd64 → linux-amd64, as $TARGETOS-$TARGETARCH gives it. */
export const platformKey = (p: string) => p.replace(/\//g, '-');

export function renderTrimStages(base: TrimmedBase): string[] {
  return [
    '',
    `# trim: ${base.level}: min less what the trim drops (trim/<os>-<arch>.list), copied into one layer,`,
    "# so no dropped byte stays below it. min's config is written back in the final stage.",
    'FROM min AS trimmed',
    'ARG TARGETOS',
    'ARG TARGETARCH',
    'USER 0',
    'RUN --network=none --mount=type=bind,from=min,target=/run/min,rw \\',
    '    --mount=type=bind,source=trim,target=/run/triton-compose \\',
    '    sh /run/triton-compose/drop.sh "/run/triton-compose/$TARGETOS-$TARGETARCH.list" /run/min /out',
    'FROM scratch AS base',
    'COPY --link --from=trimmed /out/ /',
  ];
}

export function renderTrimContext(base: TrimmedBase): Record<string, string> {
  const context: Record<string, string> = { 'trim/drop.sh': DROP_SCRIPT };
  for (const [p, paths] of Object.entries(base.drop)) {
    for (const path of paths)
      if (!path.startsWith('/') || path.includes('\0')) throw new Error(`a trim cannot drop ${JSON.stringify(path)}: not an absolute path`);
    context[`trim/${platformKey(p)}.list`] = paths.map((x) => `${x}\0`).join('');
  }
  return context;
}

/** A config value written as it is, when it has the shape the keyword takes; the image is refused otherwise. */
function checked(what: string, value: string, shape: RegExp): string {
  if (!shape.test(value))
    throw new Error(`min's config has ${what} ${JSON.stringify(value)}, which a Buildx trim cannot write; use the direct assembly`);
  return value;
}

/** Min's config as the instructions that give it to a stage FROM scratch. */
export function renderBaseConfig(config: TrimmedBase['config']): string[] {
  for (const [field, keyword] of [
    ['Healthcheck', 'HEALTHCHECK'],
    ['Shell', 'SHELL'],
    ['OnBuild', 'ONBUILD'],
  ] as const) {
    const v: unknown = config[field];
    if (v !== undefined && v !== null && !(Array.isArray(v) && v.length === 0))
      throw new Error(`min's config has a ${keyword}, which a Buildx trim does not write back; use the direct assembly`);
  }
  const env = (config.Env ?? []).map((e): [string, string] => {
    const i = e.indexOf('=');
    return i < 0 ? [envName(e), ''] : [envName(e.slice(0, i)), e.slice(i + 1)];
  });
  const labels = Object.entries(config.Labels ?? {}).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  const out = [...keyValueLines('ENV', env), ...keyValueLines('LABEL', labels)];
  if (config.User) out.push(`USER ${checked('the user', config.User, /^[A-Za-z0-9_][A-Za-z0-9_.-]*(?::[A-Za-z0-9_][A-Za-z0-9_.-]*)?$/)}`);
  const ports = Object.keys(config.ExposedPorts ?? {})
    .sort()
    .map((p) => checked('the port', p, /^\d{1,5}(?:\/(?:tcp|udp|sctp))?$/));
  if (ports.length) out.push(`EXPOSE ${ports.join(' ')}`);
  const volumes = Object.keys(config.Volumes ?? {}).sort();
  if (volumes.length) out.push(`VOLUME ${JSON.stringify(volumes.map((v) => checked('the volume', v, /^\/[^\n\r"\\]*$/)))}`);
  if (config.StopSignal) out.push(`STOPSIGNAL ${checked('the stop signal', config.StopSignal, /^(?:SIG)?[A-Z0-9]+(?:[+-]\d+)?$|^\d+$/)}`);
  if (config.Entrypoint?.length) out.push(`ENTRYPOINT ${JSON.stringify(config.Entrypoint)}`);
  if (config.Cmd?.length) out.push(`CMD ${JSON.stringify(config.Cmd)}`);
  return out;
}
