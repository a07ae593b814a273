// Where a layer's cache files lie in the cache folder (its table of contents, and for the full
// image's own layers its index), and the format names a store outside that folder (the Actions
// cache, an index repository) keys them by; and where a part layer's piece record lies.
import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import { TOC_VERSION } from './contents.js';
import { INDEX_FORMAT_VERSION } from './index-format.js';

/**
 * The formats of a layer's cache files, `<table of contents>.<index>`: what a store outside the
 * cache folder names its entries by, since a file of another format is rebuilt on read.
 */
export const LAYER_FILES_FORMAT = `${TOC_VERSION}.${INDEX_FORMAT_VERSION}`;

/**
 * The cache files of a layer (its table of contents, and for full's own layers its index),
 * in `cacheDir`: what an Actions cache entry per layer digest holds. Pure.
 */
export function layerCacheFiles(cacheDir: string, digest: string): string[] {
  const base = join(cacheDir, digest.replace(':', '-'));
  return [`${base}.toc.json.gz`, `${base}.layer-index`];
}

/** Which of a layer's cache files are on disk. */
export interface LocalFiles {
  toc: boolean;
  index: boolean;
}

const isFile = (path: string) =>
  stat(path).then(
    (s) => s.isFile(),
    () => false,
  );

/** Which of a layer's cache files are on disk (layerCacheFiles: toc, then index). */
export async function readLocalFiles(cacheDir: string, digest: string): Promise<LocalFiles> {
  const [toc, index] = layerCacheFiles(cacheDir, digest);
  const [hasToc, hasIndex] = await Promise.all([isFile(toc), isFile(index)]);
  return { toc: hasToc, index: hasIndex };
}

/** A piece key: the sha256 of what decides a part layer (direct/piece-records.ts). */
export const PIECE_KEY = /^[a-f0-9]{64}$/;

/** Where the record of a piece key lies in `cacheDir`: what a store outside it keeps. Pure. */
export function pieceRecordFile(cacheDir: string, key: string): string {
  return join(cacheDir, 'pieces', `${key}.json`);
}
