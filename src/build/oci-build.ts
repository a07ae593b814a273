// The OCI stream build: Buildx writes the image as an OCI tar to its stdout, which goes to the
// registry (publishOciStream) and, when the image is loaded too, into `docker load` at the same
// time; the loaded image then gets the other tags.
import { PassThrough } from 'node:stream';
import { execCommand, execPipe, spawnWithInput } from './exec.js';
import { type Published, publishOciStream } from '../registry/publish.js';
import type { ImageRef } from '../oci/reference.js';
import type { RegistryClient } from '../registry/client.js';
import type { Progress } from '../util/progress.js';

/** The OCI stream build: Buildx's stdout goes to the registry (and into `docker load`). */
export async function runOciBuild(
  argv: string[],
  o: { registry: RegistryClient; tags: ImageRef[]; load?: string[]; onLine: (l: string) => void; progress?: Progress },
): Promise<{ exitCode: number; published?: Published }> {
  let published: Published | undefined;
  const loader = o.load ? spawnWithInput('docker', ['load']) : undefined;
  const publishing = o.progress ? { progress: o.progress } : {};
  const { exitCode } = await execPipe('docker', argv, {
    env: { BUILDKIT_PROGRESS: 'plain' },
    onLine: o.onLine,
    consume: async (stdout) => {
      if (loader) {
        const tee = new PassThrough({ highWaterMark: 1 << 20 });
        stdout.pipe(tee);
        stdout.pipe(loader.stdin);
        published = await publishOciStream(tee, o.registry, o.tags, publishing);
      } else {
        published = await publishOciStream(stdout, o.registry, o.tags, publishing);
      }
    },
  });
  for (const line of published?.mountFallbacks ?? []) o.onLine(line);
  if (loader) {
    const loaded = await loader.done;
    if (loaded.exitCode !== 0) throw new Error(`docker load failed: ${loaded.stderr.trim() || loaded.stdout.trim()}`);
    for (const l of loaded.stdout.split('\n')) if (l.trim()) o.onLine(l.trim());
    const [name, ...more] = o.load ?? [];
    for (const tag of more) {
      const r = await execCommand('docker', ['tag', name, tag]);
      if (r.exitCode !== 0) throw new Error(`docker tag ${name} ${tag} failed: ${r.stderr.trim()}`);
    }
  }
  return { exitCode, ...(published ? { published } : {}) };
}
