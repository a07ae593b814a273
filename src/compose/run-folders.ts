// The folders of one compose under the temp root: a staging folder for the bulky files (parts
// being extracted and packed, spools of layers being pushed), removed when the compose ends, and
// a results folder for the small files the outputs point at (Dockerfile, build context, SBOM,
// Buildx metadata), which stays. Both names hold the pid, so a later run can tell folders
// left by a killed run (whose pid no longer lives) from those of a run still going.
import { lstat, mkdtemp, readdir, rm } from 'node:fs/promises';
import { join } from 'node:path';

export interface RunFolders {
  staging: string;
  results: string;
}

const STAGING = /^triton-compose-(\d+)-/;
const RESULTS = /^triton-compose-results-(\d+)-/;

/** Whether a process with this pid is running (one of another user counts: EPERM). */
export function isLive(pid: number): boolean {
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Where a results folder keeps the parts' tars while Buildx reads them (big; removed with the staging). */
export const partsOf = (results: string): string => join(results, 'context', 'parts');

const exists = (path: string): Promise<boolean> =>
  lstat(path).then(
    () => true,
    () => false,
  );

/**
 * Removes what runs killed before they could clean up left under `tempRoot`: their staging
 * folders, and the parts' tars in their results folders. Folders of live processes, and any
 * name not ours, are left alone. Returns the paths removed: a results folder whose run ended
 * cleanly has no parts left, so it is not named (nor asked about again on every later run).
 */
export async function removeStaleFolders(tempRoot: string, live: (pid: number) => boolean = isLive): Promise<string[]> {
  const removed: string[] = [];
  for (const name of await readdir(tempRoot).catch(() => [] as string[])) {
    const staging = STAGING.exec(name);
    const results = RESULTS.exec(name);
    const pid = Number((staging ?? results)?.[1]);
    if (!pid || live(pid)) continue;
    const path = staging ? join(tempRoot, name) : partsOf(join(tempRoot, name));
    if (!(await exists(path))) continue;
    await rm(path, { recursive: true, force: true, maxRetries: 2 });
    removed.push(path);
  }
  return removed;
}

/** A fresh staging folder and results folder of this process under `tempRoot`. */
export async function makeRunFolders(tempRoot: string): Promise<RunFolders> {
  const staging = await mkdtemp(join(tempRoot, `triton-compose-${process.pid}-`));
  const results = await mkdtemp(join(tempRoot, `triton-compose-results-${process.pid}-`));
  return { staging, results };
}

/** Removes the staging folder (and the parts' tars, should a stage have left them). */
export async function removeStaging(folders: RunFolders): Promise<void> {
  await rm(folders.staging, { recursive: true, force: true, maxRetries: 2 });
  await rm(partsOf(folders.results), { recursive: true, force: true, maxRetries: 2 });
}
