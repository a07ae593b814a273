// The local BuildKit cache folders of build-cache local and actions, on disk: cleared before a
// build, promoted after it. I/O only; which folders is planned in build-cache.ts.
import { readdir, rename, rm } from 'node:fs/promises';

export interface LocalCacheDirs {
  /** Imported by `--cache-from type=local,src=…` (restored into, in the actions mode). */
  src: string;
  /** Written by `--cache-to type=local,dest=…`; starts empty every build. */
  dest: string;
}

/** The names in a folder; none when it is missing. */
export async function readEntries(dir: string): Promise<string[]> {
  try {
    return await readdir(dir);
  } catch {
    return [];
  }
}

// BuildKit's local cache exporter adds to whatever is already in dest and never deletes, so
// exporting into the imported folder would carry every old blob forever. Exporting into a
// fresh folder holds only what this build used; that folder then replaces the imported one.

/** Clears dest before a build so the export holds only this build's blobs. */
export async function prepareCacheDirs(dirs: LocalCacheDirs): Promise<void> {
  await rm(dirs.dest, { recursive: true, force: true });
}

export type PromoteResult = { promoted: true } | { promoted: false; reason: string };

// The local cache is an OCI image layout (https://docs.docker.com/build/cache/backends/local/)
// whose index.json is written when the export is complete: a folder without it (failed
// build, or cache-to not run) must not replace a good cache.
export async function promoteCacheDir(dirs: LocalCacheDirs): Promise<PromoteResult> {
  if (!(await readEntries(dirs.dest)).includes('index.json')) {
    return { promoted: false, reason: `no complete cache export in ${dirs.dest}` };
  }
  await rm(dirs.src, { recursive: true, force: true });
  await rename(dirs.dest, dirs.src);
  return { promoted: true };
}
