// The OCI stream build: Buildx writes the image as an OCI tar to its stdout, which goes to the
// registry (publishOciStream) and, when the image is loaded too, into `docker load` at the same
// time; the loaded image then gets the other tags.
import type { Readable, Writable } from 'node:stream';
import { PassThrough } from 'node:stream';
import { type InputCommand, execCommand, execPipe, spawnWithInput } from './exec.js';
import { type Published, publishOciStream } from '../registry/publish.js';
import type { ImageRef } from '../oci/reference.js';
import type { RegistryClient } from '../registry/client.js';
import type { Progress } from '../util/progress.js';

export interface OciBuildOptions {
  registry: RegistryClient;
  tags: ImageRef[];
  load?: string[];
  onLine: (l: string) => void;
  /** The command that loads the image from its stdin; default `docker load`. */
  loader?: [string, ...string[]];
  progress?: Progress;
  /** Where layers being pushed are spooled (see publishOciStream). */
  spoolDir?: string;
}

const publishOptions = (o: OciBuildOptions) => ({
  ...(o.progress ? { progress: o.progress } : {}),
  ...(o.spoolDir ? { spoolDir: o.spoolDir } : {}),
});

/** The words for a loader that failed, or that stopped reading before the image's end. */
function loadFailure(loader: string, r: { exitCode: number; stdout: string; stderr: string }): Error {
  const said = r.stderr.trim() || r.stdout.trim();
  const how = r.exitCode !== 0 ? `exited with ${r.exitCode}` : 'stopped reading the image before its end';
  return new Error(`${loader} failed: it ${how}${said ? `: ${said}` : ''}`);
}

/** Waits until `stream` can take more, or is gone. */
function drained(stream: Writable): Promise<void> {
  if (stream.destroyed) return Promise.resolve();
  return new Promise<void>((resolve) => {
    const done = () => {
      stream.off('drain', done).off('close', done);
      resolve();
    };
    stream.on('drain', done).on('close', done);
  });
}

/**
 * Feeds each chunk of Buildx's stdout to the push and to the loader, at the pace of the slower.
 * A loader gone before the end fails it with the loader's exit and stderr (or why it could not
 * start); a push gone stops it quietly, the push's own promise saying why.
 */
async function feed(stdout: Readable, tee: PassThrough, loader: InputCommand, name: string): Promise<void> {
  try {
    for await (const chunk of stdout) {
      if (tee.destroyed) return;
      if (loader.stdin.destroyed) throw loadFailure(name, await loader.done);
      const waits: Promise<void>[] = [];
      if (!tee.write(chunk)) waits.push(drained(tee));
      if (!loader.stdin.write(chunk)) waits.push(drained(loader.stdin));
      await Promise.all(waits);
    }
    tee.end();
    loader.stdin.end();
  } catch (err) {
    tee.destroy();
    throw err;
  }
}

/** Buildx's stdout into both the registry and the loader; either failing stops the other, and both promises are always handled. */
async function publishAndLoad(stdout: Readable, loader: InputCommand, name: string, o: OciBuildOptions): Promise<Published> {
  const tee = new PassThrough({ highWaterMark: 1 << 20 });
  const publishing = publishOciStream(tee, o.registry, o.tags, publishOptions(o));
  publishing.catch(() => tee.destroy());
  const feeding = feed(stdout, tee, loader, name);
  feeding.catch(() => undefined);
  try {
    const [published] = await Promise.all([publishing, feeding]);
    return published;
  } catch (err) {
    loader.stop();
    throw err;
  }
}

/** The OCI stream build: Buildx's stdout goes to the registry (and into `docker load`). */
export async function runOciBuild(argv: string[], o: OciBuildOptions): Promise<{ exitCode: number; published?: Published }> {
  let published: Published | undefined;
  const [command, ...args] = o.loader ?? ['docker', 'load'];
  const name = [command, ...args].join(' ');
  const loader = o.load ? spawnWithInput(command, args) : undefined;
  let exitCode: number;
  try {
    ({ exitCode } = await execPipe('docker', argv, {
      env: { BUILDKIT_PROGRESS: 'plain' },
      onLine: o.onLine,
      consume: async (stdout) => {
        published = loader
          ? await publishAndLoad(stdout, loader, name, o)
          : await publishOciStream(stdout, o.registry, o.tags, publishOptions(o));
      },
    }));
  } catch (err) {
    loader?.stop();
    throw err;
  }
  for (const line of published?.mountFallbacks ?? []) o.onLine(line);
  if (loader) {
    const loaded = await loader.done;
    if (loaded.exitCode !== 0) throw loadFailure(name, loaded);
    for (const l of loaded.stdout.split('\n')) if (l.trim()) o.onLine(l.trim());
    const [image, ...more] = o.load ?? [];
    for (const tag of more) {
      const r = await execCommand('docker', ['tag', image, tag]);
      if (r.exitCode !== 0) throw new Error(`docker tag ${image} ${tag} failed: ${r.stderr.trim()}`);
    }
  }
  return { exitCode, ...(published ? { published } : {}) };
}
