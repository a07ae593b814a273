// add: your own files as layers of the image (a custom backend, a model repository, extra
// files), each entry a folder or file of the workspace and where it goes. One entry per line,
// `SRC:DEST`, or Docker's key=value form `src=SRC,dest=DEST[,chown=UID:GID]`. Pure: the files
// themselves are read, and checked, by the add stage (selective/added.ts).
import { InputError, parseList } from './lists.js';
import type { AddSpec, Spec } from './types.js';

/** Folders a file of the image must never be added under: the kernel's and the engine's. */
const RESERVED = ['/proc', '/sys', '/dev'];

function parseOwner(entry: string, text: string): { uid: number; gid: number } {
  const m = /^([0-9]{1,10})(?::([0-9]{1,10}))?$/.exec(text);
  const n = (s: string) => Number(s);
  if (!m || n(m[1]) > 0xffffffff || (m[2] !== undefined && n(m[2]) > 0xffffffff))
    throw new InputError(
      'add',
      `${entry}: chown "${text}" is not UID[:GID] in numbers (e.g. 1000:1000): names would need the image's account files`,
    );
  return { uid: n(m[1]), gid: n(m[2] ?? m[1]) };
}

function checkDest(entry: string, dest: string): string {
  if (!dest.startsWith('/')) throw new InputError('add', `${entry}: the destination "${dest}" is not an absolute path: start it with /`);
  const parts = dest.split('/').filter((p) => p !== '');
  if (parts.some((p) => p === '.' || p === '..'))
    throw new InputError('add', `${entry}: the destination "${dest}" has a "." or ".." component: write the path as the image names it`);
  if (parts.length === 0) throw new InputError('add', `${entry}: the destination is /: name the folder the files go into`);
  const norm = `/${parts.join('/')}`;
  if (RESERVED.some((r) => norm === r || norm.startsWith(`${r}/`)))
    throw new InputError('add', `${entry}: ${norm} is under ${RESERVED.join(', ')}, which the container runtime mounts over`);
  return norm;
}

function parseEntry(line: string): AddSpec {
  if (/[\0\n\r]/.test(line)) throw new InputError('add', `"${line}" holds a NUL or line break`);
  let src: string | undefined;
  let dest: string | undefined;
  let owner = { uid: 0, gid: 0 };
  if (/^(src|source|dest|destination|target|chown)=/.test(line)) {
    for (const field of parseList('add', line, { csv: true })) {
      const i = field.indexOf('=');
      const [k, v] = i < 0 ? [field, ''] : [field.slice(0, i), field.slice(i + 1)];
      if (k === 'src' || k === 'source') src = v;
      else if (k === 'dest' || k === 'destination' || k === 'target') dest = v;
      else if (k === 'chown') owner = parseOwner(line, v);
      else throw new InputError('add', `${line}: "${k}" is not a key of add: use src, dest and chown`);
    }
  } else {
    const i = line.indexOf(':/');
    if (i > 0) [src, dest] = [line.slice(0, i), line.slice(i + 1)];
  }
  if (!src || !dest) throw new InputError('add', `"${line}" is not SRC:DEST or src=SRC,dest=DEST[,chown=UID:GID] (e.g. ./models:/models)`);
  if (src.startsWith('image:'))
    throw new InputError('add', `${line}: adding from an image is not offered; give a folder or file of the workspace`);
  return { src, dest: checkDest(line, dest), owner, text: line };
}

/** What the compose copies of the server itself and of each kept part (plan/types.ts's CORE_PATHS and PART_FOLDERS). */
function keptPaths(spec: Pick<Spec, 'backends' | 'repoagents' | 'caches'>): string[] {
  const T = '/opt/tritonserver';
  return [
    ...['bin', 'lib', 'include'].map((p) => `${T}/${p}`),
    ...spec.backends.map((n) => `${T}/backends/${n}`),
    ...spec.repoagents.map((n) => `${T}/repoagents/${n}`),
    ...spec.caches.map((n) => `${T}/caches/${n}`),
  ];
}

/** An add entry may not write into what the compose copies from the full image. */
export function checkAdded(spec: Pick<Spec, 'add' | 'backends' | 'repoagents' | 'caches'>): void {
  for (const a of spec.add)
    for (const p of keptPaths(spec))
      if (a.dest === p || a.dest.startsWith(`${p}/`))
        throw new InputError(
          'add',
          `"${a.text}" goes into ${p}, which the compose copies from the full image: leave that part out, or add to a folder of its own`,
        );
}

/**
 * arbitrary-user writes each entry's owner and mode itself: the selective source does, where
 * the compose packs every part; COPY --from=<full image> and apt's installs do not.
 */
export function checkArbitraryUser(spec: Pick<Spec, 'arbitraryUser' | 'source' | 'runtimeDeps'>): void {
  if (!spec.arbitraryUser) return;
  const why =
    spec.source !== 'selective'
      ? 'source: buildkit copies the parts as the full image has them'
      : spec.runtimeDeps === 'apt'
        ? 'runtime-deps: apt installs them as apt does'
        : undefined;
  if (why)
    throw new InputError(
      'arbitrary-user',
      `the compose sets the group and modes of what it packs, and ${why}: use source: selective and runtime-deps: image`,
    );
}

/** The add entries; two that would write into each other are refused. */
export function parseAdd(text: string): AddSpec[] {
  const out = parseList('add', text, { csv: false }).map(parseEntry);
  for (const a of out)
    for (const b of out)
      if (a !== b && (a.dest === b.dest || b.dest.startsWith(`${a.dest}/`)))
        throw new InputError(
          'add',
          `"${b.text}" goes into ${b.dest}, which "${a.text}" writes too: give each entry a destination of its own`,
        );
  return out;
}
