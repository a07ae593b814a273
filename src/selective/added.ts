// add, the I/O: each entry's folder or file of the workspace walked without following a
// symlink, checked (it lies in the workspace; a symlink stays inside what is added; only
// folders, files and symlinks) and hashed where it lies, so the compose key knows the layer
// before anything is read from a registry and a compose that finds its tags up to date copies
// nothing. Only a compose that writes copies the files into the staging folder (nothing outside
// staging is ever packed), checking each copy against the hash the key was made of.
// Planning its layer's entries is pure (planAddedLayer). An entry from an image (`image:REF:PATH`)
// is read by ranges like a part (its piece: plan/pieces.ts, selective/entries.ts); what is
// checked of it, on the image's listing, is here (checkImageAdds), with the same rules.
import { createHash } from 'node:crypto';
import { constants, createReadStream } from 'node:fs';
import { copyFile, lstat, mkdir, readdir, readlink, realpath } from 'node:fs/promises';
import { join, posix, resolve, sep } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { chowned, groupWritable, planPieces } from '../plan/pieces.js';
import type { ComposePlan, PlannedAdd, Sources } from '../plan/types.js';
import type { ImageView } from '../layer/contents.js';
import { isUnder, parentsOf } from '../layer/view.js';
import { InputError } from '../spec/lists.js';
import type { AddSpec } from '../spec/types.js';
import type { PackEntry } from './pack.js';

/** One add entry, staged: its layer's entries at and below the destination, and what decides its bytes. */
export interface AddedTree {
  spec: AddSpec;
  /** As the report and the log name the layer: `add /models`. */
  name: string;
  /** Its tar in a Buildx build context. */
  file: string;
  /** The destination and what is below it, each file with where its copy is staged (copyAdded). */
  entries: PackEntry[];
  /** Each file of the workspace, where its copy goes, and the sha256 the key was made of. */
  copies: { from: string; to: string; sha256: string; rel: string }[];
  /** sha256 of every entry's metadata and content: the compose key's part of it. */
  digest: string;
}

/** What the walk found under an entry's source, relative to it ('' is the source itself). */
interface Walked {
  rel: string;
  type: 'dir' | 'file' | 'symlink';
  mode: number;
  size: number;
  target?: string;
  sha256?: string;
  /** A file's path in the workspace, to copy once the compose writes (not part of the digest). */
  from?: string;
}

async function sha256Of(path: string): Promise<string> {
  const h = createHash('sha256');
  await pipeline(createReadStream(path), h);
  return h.digest('hex');
}

/** A symlink's target, refused when it would point outside what is added. */
function checkLink(spec: Pick<AddSpec, 'text'>, rel: string, target: string): void {
  const where = `${spec.text}: the symlink ${rel || '(the source)'} points at "${target}"`;
  if (target.startsWith('/'))
    throw new InputError('add', `${where}, an absolute path: in the image it would name another file; make it relative`);
  const to = posix.normalize(posix.join(posix.dirname(rel), target));
  if (to === '..' || to.startsWith('../')) throw new InputError('add', `${where}, outside what is added: add the folder that holds both`);
}

/** Where a walked file's copy lies in its entry's staging folder. */
const stagedAt = (stage: string, rel: string) => (rel === '' ? join(stage, 'file') : join(stage, ...rel.split('/')));

/** Walks `root` (sorted, never following a symlink), hashing each file where it lies. */
async function walk(spec: AddSpec, root: string): Promise<Walked[]> {
  const out: Walked[] = [];
  const visit = async (rel: string): Promise<void> => {
    const abs = rel === '' ? root : join(root, ...rel.split('/'));
    if (rel.includes('\uFFFD')) throw new InputError('add', `${spec.text}: "${rel}" is not a valid UTF-8 name`);
    const st = await lstat(abs);
    const mode = st.mode & 0o777;
    if (st.isSymbolicLink()) {
      const target = await readlink(abs);
      checkLink(spec, rel, target);
      out.push({ rel, type: 'symlink', mode: 0o777, size: 0, target });
    } else if (st.isFile()) {
      out.push({ rel, type: 'file', mode, size: st.size, sha256: await sha256Of(abs), from: abs });
    } else if (st.isDirectory()) {
      out.push({ rel, type: 'dir', mode, size: 0 });
      const names = (await readdir(abs)).sort((a, b) => (Buffer.from(a) < Buffer.from(b) ? -1 : 1));
      for (const n of names) await visit(rel === '' ? n : `${rel}/${n}`);
    } else {
      throw new InputError(
        'add',
        `${spec.text}: ${rel || spec.src} is not a folder, file or symlink (a device, pipe or socket cannot be added)`,
      );
    }
  };
  await visit('');
  return out;
}

/**
 * A custom backend's folder holds its library or its model.py, as Triton looks for them:
 * `walked` is what is added, relative to its source ('' the source itself), in any order.
 */
function checkBackend(spec: Pick<AddSpec, 'dest' | 'text'>, walked: ReadonlyArray<Pick<Walked, 'rel' | 'type'>>): void {
  const m = /^\/opt\/tritonserver\/backends\/([^/]+)$/.exec(spec.dest);
  if (!m) return;
  const names = new Set(walked.filter((w) => w.type !== 'dir' && w.rel !== '' && !w.rel.includes('/')).map((w) => w.rel));
  if (walked.find((w) => w.rel === '')?.type !== 'dir' || !(names.has(`libtriton_${m[1]}.so`) || names.has('model.py')))
    throw new InputError(
      'add',
      `${spec.text}: a backend folder needs libtriton_${m[1]}.so (or a Python backend's model.py) at its top, as Triton loads backends/${m[1]}`,
    );
}

/**
 * Walks and checks every add entry of the workspace and hashes its files where they lie:
 * `workspace` bounds the sources, `stageDir` is where copyAdded puts the copies.
 */
export async function stageAdded(specs: readonly AddSpec[], opts: { workspace: string; stageDir: string }): Promise<AddedTree[]> {
  const out: AddedTree[] = [];
  const ws = await realpath(opts.workspace);
  for (const [n, spec] of specs.entries()) {
    if (spec.image) continue; // read by ranges, as a piece of its source
    const root = await realpath(resolve(ws, spec.src)).catch(() => {
      throw new InputError('add', `${spec.text}: ${spec.src} does not exist in the workspace (${ws})`);
    });
    if (root !== ws && !root.startsWith(ws + sep))
      throw new InputError(
        'add',
        `${spec.text}: ${spec.src} is ${root}, outside the workspace (${ws}): only the workspace's files are added`,
      );
    const stage = join(opts.stageDir, String(n));
    const walked = await walk(spec, root);
    checkBackend(spec, walked);
    const entries: PackEntry[] = walked.map((w) => ({
      path: w.rel === '' ? spec.dest : `${spec.dest}/${w.rel}`,
      type: w.type,
      mode: w.mode,
      ...spec.owner,
      mtime: 0, // the compose's time, once known (planAddedLayer)
      size: w.size,
      ...(w.target !== undefined ? { target: w.target } : {}),
      ...(w.type === 'file' ? { stage: stagedAt(stage, w.rel) } : {}),
    }));
    const facts = walked.map((w) => ({ rel: w.rel, type: w.type, mode: w.mode, size: w.size, target: w.target, sha256: w.sha256 }));
    const doc = JSON.stringify({ dest: spec.dest, owner: spec.owner, entries: facts });
    const copies = walked.flatMap((w) =>
      w.from && w.sha256 ? [{ from: w.from, to: stagedAt(stage, w.rel), sha256: w.sha256, rel: w.rel || spec.src }] : [],
    );
    out.push({
      spec,
      name: `add ${spec.dest}`,
      file: `added/${n}.tar`,
      entries,
      copies,
      digest: `sha256:${createHash('sha256').update(doc).digest('hex')}`,
    });
  }
  return out;
}

/**
 * Copies every added file into staging (a reflink where the file system makes one), and checks
 * each copy against the sha256 the compose key was made of: a file changed since the walk fails
 * the compose rather than giving an image its key does not describe.
 */
export async function copyAdded(trees: readonly AddedTree[]): Promise<void> {
  for (const tree of trees) {
    for (const c of tree.copies) {
      await mkdir(join(c.to, '..'), { recursive: true });
      await copyFile(c.from, c.to, constants.COPYFILE_FICLONE);
      const now = await sha256Of(c.to);
      if (now !== c.sha256)
        throw new InputError(
          'add',
          `${tree.spec.text}: ${c.rel} changed while the compose ran (sha256 ${c.sha256} when the compose key was made, ${now} now): compose again once the workspace stays still`,
        );
    }
  }
}

/**
 * The entries of an add layer: the folders above the destination (root's, 0755, at the
 * compose's time, as a COPY makes them; those compose.py's --chown reaches, its owner, as the
 * parts have them), then the destination and what is below it. Pure.
 */
export function planAddedLayer(tree: AddedTree, plan: ComposePlan, epoch: number): PackEntry[] {
  const owner = planPieces(plan, plan.platforms[0]).find((p) => p.owner)?.owner;
  const parents: PackEntry[] = [...parentsOf(tree.spec.dest)].map((path) => ({
    path,
    type: 'dir',
    mode: 0o755,
    ...(owner && chowned(path) ? owner : { uid: 0, gid: 0 }),
    mtime: epoch,
    size: 0,
  }));
  return [...parents, ...tree.entries.map((e) => ({ ...e, mtime: epoch }))].map((e) => groupWritable(e, plan.groupWritable));
}

/** The pinned image an add entry is read from, and the path in it, as messages and the report name it: `image@digest:PATH`. */
const imageFrom = (image: { name: string; digest: string }, path: string) => `${image.name}@${image.digest}:${path}`;

/**
 * What the compose key takes of each add entry, in order: a workspace entry's digest
 * (stageAdded), an image's entry as the pinned image, the path in it, the destination and the
 * owner (a changed image composes again; the same one skips). Pure.
 */
export function planAddedKeys(
  specs: readonly AddSpec[],
  trees: readonly AddedTree[],
  images: Readonly<Record<string, { name: string; digest: string }>>,
): string[] {
  return specs.map((a) => {
    if (!a.image) return treeOf(trees, a).digest;
    const image = images[a.image.source];
    if (!image) throw new Error(`${a.text}: its image ${a.image.source} was not resolved`);
    return JSON.stringify({ image: imageFrom(image, a.image.path), dest: a.dest, owner: a.owner });
  });
}

function treeOf(trees: readonly AddedTree[], spec: AddSpec): AddedTree {
  const tree = trees.find((t) => t.spec === spec);
  if (!tree) throw new Error(`${spec.text}: not staged`);
  return tree;
}

/**
 * The plan's add entries, in the add input's order: a workspace entry's tar of the build
 * context (stageAdded), an image's entry as a piece of its source, `add-N.tar` (N its place in
 * the input). Pure.
 */
export function planAddedEntries(
  specs: readonly AddSpec[],
  trees: readonly AddedTree[],
  images: Readonly<Record<string, { name: string; digest: string }>>,
): PlannedAdd[] {
  return specs.map((a, n) => {
    const name = `add ${a.dest}`;
    if (!a.image) return { name, dest: a.dest, file: treeOf(trees, a).file };
    const image = images[a.image.source];
    if (!image) throw new Error(`${a.text}: its image ${a.image.source} was not resolved`);
    return {
      name,
      dest: a.dest,
      file: `add-${n}.tar`,
      image: { source: a.image.source, path: a.image.path, owner: a.owner, from: imageFrom(image, a.image.path) },
    };
  });
}

/** What a folder of the view holds, by name, sorted (at most `max`, and how many more). */
function listFolder(view: ImageView, folder: string, max = 20): string {
  const prefix = folder === '/' ? '/' : `${folder}/`;
  const names = [...view.entries.keys()]
    .filter((p) => p.startsWith(prefix) && p.length > prefix.length && !p.slice(prefix.length).includes('/'))
    .map((p) => p.slice(prefix.length))
    .sort();
  if (!names.length) return view.entries.has(folder) ? `${folder} there is empty` : `${folder} is not there either`;
  return `${folder} there holds ${names.slice(0, max).join(', ')}${names.length > max ? ` and ${names.length - max} more` : ''}`;
}

/**
 * An add entry from an image, checked on the image's listing (each platform's) before anything
 * is written, with the workspace's rules: the path is there; below it only folders, files,
 * symlinks and hardlinks, each named in UTF-8; a symlink stays inside what is added; a backend
 * folder holds its library or model.py. Returns, per entry, what it adds on the first platform. Pure.
 */
export function checkImageAdds(
  specs: readonly AddSpec[],
  sources: Pick<Sources, 'extra' | 'views'>,
  platforms: readonly string[],
): { spec: AddSpec; from: string; entries: number; bytes: number }[] {
  const out: { spec: AddSpec; from: string; entries: number; bytes: number }[] = [];
  for (const spec of specs) {
    const { image } = spec;
    if (!image) continue;
    const source = sources.extra[image.source];
    const named = `${source.name}@${source.digest}`;
    for (const [i, platform] of platforms.entries()) {
      const view = sources.views[platform].extra[image.source];
      const at = platforms.length > 1 ? ` (${platform})` : '';
      if (!view.entries.has(image.path)) {
        const parent = image.path.slice(0, image.path.lastIndexOf('/')) || '/';
        throw new InputError('add', `${spec.text}: ${named}${at} has no ${image.path}; ${listFolder(view, parent)}`);
      }
      const walked: Pick<Walked, 'rel' | 'type'>[] = [];
      let bytes = 0;
      for (const [path, e] of view.entries) {
        if (!isUnder(path, image.path)) continue;
        const rel = path === image.path ? '' : path.slice(image.path.length + 1);
        if (path.includes('\uFFFD') || (e.target ?? '').includes('\uFFFD'))
          throw new InputError('add', `${spec.text}: "${path}" in ${named} is not a valid UTF-8 name (or its link target is not)`);
        if (e.type === 'symlink') {
          if (rel === '')
            throw new InputError(
              'add',
              `${spec.text}: ${image.path} in ${named} is a symlink to "${e.target ?? ''}": give the path it points at`,
            );
          checkLink(spec, rel, e.target ?? '');
        } else if (e.type !== 'dir' && e.type !== 'file' && e.type !== 'link')
          throw new InputError(
            'add',
            `${spec.text}: ${path} in ${named} is not a folder, file or symlink (a device, pipe or socket cannot be added)`,
          );
        if (e.type === 'file') bytes += e.size;
        walked.push({ rel, type: e.type === 'link' ? 'file' : e.type });
      }
      checkBackend(spec, walked);
      if (i === 0) out.push({ spec, from: `${named}:${image.path}`, entries: walked.length, bytes });
    }
  }
  return out;
}
