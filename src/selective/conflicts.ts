// Two images placing one path: when the parts and Python distributions of a compose come from
// more than one image (sources), a path two of them place with different content (another
// sha256, symlink target or type) is a conflict. `prefer` names the images that win, in order;
// a conflict no preferred image settles stops the compose before anything is written. The same
// content from two images is no conflict. Pure.
import type { Placed } from '../layer/view.js';
import type { TarEntry } from '../layer/tar-parse.js';

/** A piece's entries, as entries.ts plans them (its PieceJob). */
interface Job {
  piece: { source?: string };
  entries: Array<Placed<TarEntry>>;
}

/** The image a piece comes from, as prefer names it: `full`, or a source's name. */
const imageOf = (job: Job): string => job.piece.source ?? 'full';

export interface Conflict {
  path: string;
  /** The two images, in the Dockerfile's order of their pieces. */
  images: [string, string];
}

/** What decides an entry's content: its type and its data's hash or its target. */
const contentOf = (e: TarEntry): string => `${e.type}:${e.type === 'file' ? (e.sha256 ?? `size ${e.size}`) : (e.target ?? '')}`;

/**
 * The jobs with each conflict `prefer` settles taken out of the pieces that lose it, and the
 * conflicts it does not settle.
 */
export function settleConflicts<J extends Job>(jobs: readonly J[], prefer: readonly string[]): { jobs: J[]; conflicts: Conflict[] } {
  const placed = new Map<string, { job: number; image: string; content: string }[]>();
  jobs.forEach((job, i) => {
    const image = imageOf(job);
    for (const e of job.entries) {
      if (e.type === 'dir') continue;
      const list = placed.get(e.path) ?? [];
      list.push({ job: i, image, content: contentOf(e) });
      placed.set(e.path, list);
    }
  });
  const drop = new Map<number, Set<string>>();
  const conflicts: Conflict[] = [];
  for (const [path, list] of placed) {
    if (new Set(list.map((x) => x.image)).size < 2 || new Set(list.map((x) => x.content)).size < 2) continue;
    const winner = prefer.find((p) => list.some((x) => x.image === p));
    if (winner === undefined) {
      const [a, b] = [...new Set(list.map((x) => x.image))];
      conflicts.push({ path, images: [a, b] });
      continue;
    }
    for (const x of list) if (x.image !== winner) drop.set(x.job, (drop.get(x.job) ?? new Set()).add(path));
  }
  const out = jobs.map((job, i) => {
    const gone = drop.get(i);
    return gone ? { ...job, entries: job.entries.filter((e) => !gone.has(e.path)) } : job;
  });
  return { jobs: out, conflicts: conflicts.sort((a, b) => (a.path < b.path ? -1 : 1)) };
}
