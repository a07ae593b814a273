// add: your own files as layers of the image (a custom backend, a model repository, extra
// files), each entry a folder or file of the workspace, or of an image (`image:REF:PATH`), and
// where it goes. One entry per line, `SRC:DEST`, or Docker's key=value form
// `src=SRC,dest=DEST[,chown=UID:GID]`. Pure: the workspace's files are read, and checked, by the
// add stage (selective/added.ts); an image's entries once its layers are listed (checkImageAdds).
import { InputError, parseList } from './lists.js';
import { type ImageRef, formatReference, parseReference } from '../oci/reference.js';
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

/** An absolute path, normalized: `what` names it in messages (the destination, the path in the image). */
function normalizePath(entry: string, what: string, path: string): string {
  if (!path.startsWith('/')) throw new InputError('add', `${entry}: ${what} "${path}" is not an absolute path: start it with /`);
  const parts = path.split('/').filter((p) => p !== '');
  if (parts.some((p) => p === '.' || p === '..'))
    throw new InputError('add', `${entry}: ${what} "${path}" has a "." or ".." component: write the path as the image names it`);
  if (parts.length === 0) throw new InputError('add', `${entry}: ${what} is /: name a folder or file`);
  return `/${parts.join('/')}`;
}

function checkDest(entry: string, dest: string): string {
  const norm = normalizePath(entry, 'the destination', dest);
  if (RESERVED.some((r) => norm === r || norm.startsWith(`${r}/`)))
    throw new InputError('add', `${entry}: ${norm} is under ${RESERVED.join(', ')}, which the container runtime mounts over`);
  return norm;
}

/**
 * `image:REF:PATH`: REF a name of the sources input or an image reference (which never holds
 * `:/`, so the first `:/` ends it), PATH absolute in that image.
 */
function parseImageSource(
  line: string,
  src: string,
  declared: ReadonlyMap<string, ImageRef>,
): { ref: ImageRef; declared?: string; path: string } {
  const rest = src.slice('image:'.length);
  const i = rest.indexOf(':/');
  if (i <= 0)
    throw new InputError(
      'add',
      `${line}: "${src}" is not image:REF:PATH (REF a name of the sources input or an image reference, PATH absolute in it, e.g. image:ghcr.io/acme/models:1.0:/models/resnet)`,
    );
  const name = rest.slice(0, i);
  const path = normalizePath(line, 'the path in the image', rest.slice(i + 1));
  const known = declared.get(name);
  if (known) return { ref: known, declared: name, path };
  const ref = parseReference(name);
  if (typeof ref === 'string')
    throw new InputError(
      'add',
      `${line}: "${name}" is neither a name of the sources input (${declared.size ? [...declared.keys()].join(', ') : 'none declared'}) nor an image reference: ${ref}`,
    );
  return { ref, path };
}

/** `image:REF:PATH:DEST`: REF ends at the first `:/`, PATH at the next. */
function splitImageEntry(line: string): [string, string] | undefined {
  const i = line.indexOf(':/', 'image:'.length);
  const j = i < 0 ? -1 : line.indexOf(':/', i + 1);
  return j < 0 ? undefined : [line.slice(0, j), line.slice(j + 1)];
}

function parseEntry(
  line: string,
  declared: ReadonlyMap<string, ImageRef>,
): Omit<AddSpec, 'image'> & { image?: { ref: ImageRef; declared?: string; path: string } } {
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
  } else if (line.startsWith('image:')) {
    [src, dest] = splitImageEntry(line) ?? [undefined, undefined];
    if (!src)
      throw new InputError(
        'add',
        `"${line}" is not image:REF:PATH:DEST (e.g. image:ghcr.io/acme/models:1.0:/models/resnet:/models/resnet; PATH and DEST absolute)`,
      );
  } else {
    const i = line.indexOf(':/');
    if (i > 0) [src, dest] = [line.slice(0, i), line.slice(i + 1)];
  }
  if (!src || !dest)
    throw new InputError(
      'add',
      `"${line}" is not SRC:DEST or src=SRC,dest=DEST[,chown=UID:GID] (e.g. ./models:/models, or image:REF:PATH:DEST from an image)`,
    );
  const entry = { src, dest: checkDest(line, dest), owner, text: line };
  return src.startsWith('image:') ? { ...entry, image: parseImageSource(line, src, declared) } : entry;
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

/** What a path of `COPY --from` may hold: no white space, quotes, `$`, `\` or wildcards the Dockerfile would read. */
const PLAIN_PATH = /^[A-Za-z0-9._+@%=,:~/-]+$/;

/**
 * An add entry may not write into what the compose copies from the full image; with the
 * buildkit source, an image's entry is a `COPY --from` line, so its paths must be plain.
 */
export function checkAdded(spec: Pick<Spec, 'add' | 'backends' | 'repoagents' | 'caches' | 'source'>): void {
  for (const a of spec.add)
    if (a.image && spec.source === 'buildkit')
      for (const p of [a.image.path, a.dest])
        if (!PLAIN_PATH.test(p))
          throw new InputError(
            'add',
            `${a.text}: with source: buildkit the entry is a COPY --from line, and "${p}" holds a character other than letters, digits and ._+@%=,:~/- (white space, quotes, $, \\ and wildcards are read by the Dockerfile): use source: selective (the default)`,
          );
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

/**
 * The images entries are added from, by source name: a name of the sources input as it is, and
 * an image given by reference as an implicit source `add-N` (one per image, whatever the
 * number of entries it gives). Pure.
 */
function nameImages(entries: ReadonlyArray<ReturnType<typeof parseEntry>>, declared: ReadonlyMap<string, ImageRef>): AddSpec[] {
  const implicit = new Map<string, string>(); // reference → name
  const byRef = new Map([...declared].map(([name, ref]) => [formatReference(ref), name]));
  return entries.map(({ image, ...entry }) => {
    if (!image) return entry;
    let source = image.declared ?? byRef.get(formatReference(image.ref)) ?? implicit.get(formatReference(image.ref));
    if (!source) {
      const taken = new Set([...declared.keys(), ...implicit.values()]);
      let n = implicit.size + 1;
      while (taken.has(`add-${n}`)) n++;
      source = `add-${n}`;
      implicit.set(formatReference(image.ref), source);
    }
    return { ...entry, image: { source, ref: image.ref, path: image.path } };
  });
}

/**
 * The add entries; two that would write into each other are refused. `declared`: the sources
 * input, whose names `image:NAME:PATH` may use.
 */
export function parseAdd(text: string, declared: ReadonlyMap<string, ImageRef> = new Map()): AddSpec[] {
  const out = nameImages(
    parseList('add', text, { csv: false }).map((line) => parseEntry(line, declared)),
    declared,
  );
  for (const a of out)
    for (const b of out)
      if (a !== b && (a.dest === b.dest || b.dest.startsWith(`${a.dest}/`)))
        throw new InputError(
          'add',
          `"${b.text}" goes into ${b.dest}, which "${a.text}" writes too: give each entry a destination of its own`,
        );
  return out;
}
