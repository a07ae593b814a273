// Content digests as OCI writes them (`sha256:<64 hex>`): computing one, and the one pattern
// every reader checks a digest against before using it in a path or a URL.
import { createHash } from 'node:crypto';

/** `sha256:` and 64 lowercase hex digits, nothing else. */
export const DIGEST = /^sha256:[a-f0-9]{64}$/;

/**
 * Any algorithm's digest (`<algorithm>:<hex>`), group 1 the algorithm and group 2 the hex: what
 * a layer's cache files are named by. A registry names layers by sha256 today; the caches
 * still accept another algorithm's digest as a name.
 */
export const ANY_DIGEST = /^([a-z0-9]+):([a-f0-9]{32,})$/;

/** A hash takes at most 2 GiB - 1 per update: larger buffers (a layer blob held whole) go in slices. */
const HASH_SLICE = 1 << 30;

export function sha256(data: Buffer | string, slice = HASH_SLICE): string {
  const h = createHash('sha256');
  if (typeof data === 'string') h.update(data);
  else for (let i = 0; i < data.length || i === 0; i += slice) h.update(data.subarray(i, i + slice));
  return `sha256:${h.digest('hex')}`;
}
