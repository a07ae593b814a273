// add, the I/O: each entry's folder or file of the workspace walked without following a
// symlink and checked (it lies in the workspace; a symlink stays inside what is added; only
// folders, files and symlinks), its files copied into the staging folder (nothing outside
// staging is ever packed) and hashed, so the compose key knows the layer before anything is
// read from a registry. Planning its layer's entries is pure (planAddedLayer).
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
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
  /** The destination and what is below it, each file with its staged copy. */
  entries: PackEntry[];
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

/** Walks `root` (sorted, never following a symlink), copying each file to `stage`. */
async function walk(spec: AddSpec, root: string, stage: string): Promise<Walked[]> {
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
      const to = stagedAt(stage, rel);
      await mkdir(join(to, '..'), { recursive: true });
      await copyFile(abs, to);
      out.push({ rel, type: 'file', mode, size: st.size, sha256: await sha256Of(to) });
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

/** Stages every add entry: `workspace` bounds the sources, `stageDir` receives the copies. */
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
    const walked = await walk(spec, root, stage);
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
    const doc = JSON.stringify({ dest: spec.dest, owner: spec.owner, entries: walked });
    out.push({
      spec,
      name: `add ${spec.dest}`,
      file: `added/${n}.tar`,
      entries,
      digest: `sha256:${createHash('sha256').update(doc).digest('hex')}`,
    });
  }
  return out;
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
