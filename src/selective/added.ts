// add, the I/O: each entry's folder or file of the workspace walked without following a
// symlink, checked (it lies in the workspace; a symlink stays inside what is added; only
// folders, files and symlinks) and hashed where it lies, so the compose key knows the layer
// before anything is read from a registry and a compose that finds its tags up to date copies
// nothing. Only a compose that writes copies the files into the staging folder (nothing outside
// staging is ever packed), checking each copy against the hash the key was made of.
// Planning its layer's entries is pure (planAddedLayer).
import { createHash } from 'node:crypto';
import { constants, createReadStream } from 'node:fs';
import { copyFile, lstat, mkdir, readdir, readlink, realpath } from 'node:fs/promises';
import { join, posix, resolve, sep } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { parentsOf } from '../layer/view.js';
import { chowned, groupWritable, planPieces } from '../plan/pieces.js';
import type { ComposePlan } from '../plan/types.js';
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
function checkLink(spec: AddSpec, rel: string, target: string): void {
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

/** A custom backend's folder holds its library or its model.py, as Triton looks for them. */
function checkBackend(spec: AddSpec, walked: readonly Walked[]): void {
  const m = /^\/opt\/tritonserver\/backends\/([^/]+)$/.exec(spec.dest);
  if (!m) return;
  const names = new Set(walked.filter((w) => w.type !== 'dir' && !w.rel.includes('/')).map((w) => w.rel));
  if (walked[0]?.type !== 'dir' || !(names.has(`libtriton_${m[1]}.so`) || names.has('model.py')))
    throw new InputError(
      'add',
      `${spec.text}: a backend folder needs libtriton_${m[1]}.so (or a Python backend's model.py) at its top, as Triton loads backends/${m[1]}`,
    );
}

/**
 * Walks and checks every add entry and hashes its files where they lie: `workspace` bounds the
 * sources, `stageDir` is where copyAdded puts the copies.
 */
export async function stageAdded(specs: readonly AddSpec[], opts: { workspace: string; stageDir: string }): Promise<AddedTree[]> {
  const out: AddedTree[] = [];
  const ws = await realpath(opts.workspace);
  for (const [n, spec] of specs.entries()) {
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
