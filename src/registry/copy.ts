// Making an image's blobs present in more repositories than the one it was pushed to: each
// repository once (tags share them), and each blob already there, mounted from a repository of
// the same registry, or streamed across from the source (again, with a fresh stream, when the
// upload fails: a streamed body cannot be sent twice). Mounts the registry turned down are
// gathered, so a compose says so in one line per source repository rather than one per layer.
import { type RegistryClient, RegistryError } from './client.js';
import { type ImageRef, formatName } from '../oci/reference.js';
import type { Descriptor } from '../oci/types.js';
import { PassThrough, Readable } from 'node:stream';
import { NO_PROGRESS, type Progress, planTransferName, tracked } from '../util/progress.js';

/** The repositories the tags name, each once, in the order of the tags. */
export function distinctRepositories(tags: ImageRef[]): ImageRef[] {
  const seen = new Map<string, ImageRef>();
  for (const t of tags) {
    const key = `${t.registry}/${t.repository}`;
    if (!seen.has(key)) seen.set(key, { registry: t.registry, repository: t.repository });
  }
  return [...seen.values()];
}

/**
 * The mounts a registry answered with an upload session instead (202, not 201): which blobs,
 * from which repository into which, and the bytes streamed through instead.
 */
export class MountFallbacks {
  private readonly by = new Map<string, { from: string; to: string; digests: string[]; bytes: number }>();

  add(from: ImageRef, to: ImageRef, d: Descriptor): void {
    const key = `${formatName(from)} ${formatName(to)}`;
    const entry = this.by.get(key) ?? { from: formatName(from), to: formatName(to), digests: [], bytes: 0 };
    entry.digests.push(d.digest);
    entry.bytes += d.size;
    this.by.set(key, entry);
  }

  /** One line per source and target repository, e.g. `3 layers could not be mounted from … ; streamed them (12.5 MB)`. */
  render(): string[] {
    return [...this.by.values()].map(({ from, to, digests, bytes }) => {
      const shown = digests.slice(0, 3).join(', ') + (digests.length > 3 ? ', …' : '');
      const what = digests.length === 1 ? `1 layer (${shown})` : `${digests.length} layers (${shown})`;
      return (
        `${what} could not be mounted from ${from} into ${to} (the registry answered with an upload session instead); ` +
        `streamed ${digests.length === 1 ? 'it' : 'them'} through (${(bytes / 1e6).toFixed(1)} MB)`
      );
    });
  }
}

/** How many times a blob is streamed across before a copy fails. */
const COPY_ATTEMPTS = 3;

/**
 * A blob of one repository made present in another: already there, mounted (same registry),
 * or streamed across (counted into `progress`), up to `attempts` times (a refused mount noted in
 * `fallbacks`). Returns the bytes sent.
 */
export async function copyBlob(
  client: RegistryClient,
  from: ImageRef,
  to: ImageRef,
  d: Descriptor,
  opts: { progress?: Progress; attempts?: number; fallbacks?: MountFallbacks } = {},
): Promise<number> {
  const { progress = NO_PROGRESS, attempts = COPY_ATTEMPTS, fallbacks } = opts;
  if (await client.hasBlob(to, d.digest)) return 0;
  if (from.registry === to.registry) {
    if (await client.mountBlob(to, d.digest, from.repository)) return 0;
    fallbacks?.add(from, to, d);
  }
  for (let attempt = 1; ; attempt++) {
    const source = await client.blobStream(from, d.digest);
    const transfer = progress.start(planTransferName('copy', d.digest, d.size), d.size);
    try {
      await client.pushBlobStream(to, d.digest, d.size, Readable.from(tracked(source, transfer), { objectMode: false }));
      return d.size;
    } catch (err) {
      if (!(err instanceof RegistryError) || attempt >= attempts) throw err;
    } finally {
      transfer.end();
      source.destroy();
    }
  }
}

/** Bytes given to a copy that rides on another reader's stream of the same blob (startBlobCopy). */
export interface BlobTee {
  /** Sends the next bytes; waits while the upload is behind. Never rejects. */
  write(chunk: Buffer): Promise<void>;
  /** Ends the body; true once the registry has the blob, false when the copy was given up. Never rejects. */
  end(): Promise<boolean>;
  /** Gives the copy up (the stream it rode on failed). */
  abort(): void;
}

/**
 * A copy of blob `d` into `to` fed by a stream someone else reads, so the blob is fetched once
 * for both (a cold listing of min's layer that the result also needs in another registry).
 * Best effort: undefined when `to` has the blob already; a copy that fails stops taking bytes
 * and ends false, and the later copyBlob finds the blob missing and streams it on its own.
 */
export async function startBlobCopy(
  client: RegistryClient,
  to: ImageRef,
  d: Descriptor,
  onFail: (err: unknown) => void = () => undefined,
): Promise<BlobTee | undefined> {
  if (await client.hasBlob(to, d.digest).catch(() => true)) return undefined;
  const body = new PassThrough({ highWaterMark: 1 << 20 });
  body.on('error', () => undefined); // a given-up copy; the upload's own error is the one reported
  let failed = false;
  const done = client.pushBlobStream(to, d.digest, d.size, body).then(
    () => true,
    (err: unknown) => {
      failed = true;
      body.destroy();
      onFail(err);
      return false;
    },
  );
  const drained = () =>
    new Promise<void>((resolve) => {
      const go = () => {
        body.off('drain', go).off('close', go);
        resolve();
      };
      body.on('drain', go).on('close', go);
    });
  return {
    async write(chunk) {
      if (failed || body.destroyed) return;
      if (!body.write(chunk)) await drained();
    },
    async end() {
      if (!body.destroyed) body.end();
      return done;
    },
    abort() {
      body.destroy(new Error('the stream the copy rode on failed'));
    },
  };
}
