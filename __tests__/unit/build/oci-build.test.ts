// The OCI stream build's pipes, with a fake `docker` first in PATH: its `buildx` writes an OCI
// tar to stdout, its `load` reads it (or stops early). A loader that ends early or cannot be
// started fails the build with its own words, and nothing is left unhandled.
import { randomBytes } from 'node:crypto';
import { chmod, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import * as tar from 'tar-stream';
import { execPipe } from '../../../src/build/exec.js';
import { runOciBuild } from '../../../src/build/oci-build.js';
import { sha256 } from '../../../src/oci/digest.js';
import { MEDIA } from '../../../src/oci/types.js';
import { RegistryClient } from '../../../src/registry/client.js';
import { type FakeRegistry, startFakeRegistry } from '../../helpers/fake-registry.js';

let dir: string;
let registry: FakeRegistry;
const path = process.env.PATH;

/** An OCI layout tar of one image with a 4 MB layer: more than a pipe holds, so an early exit is noticed. */
async function ociLayout(): Promise<{ tar: Buffer; top: string }> {
  const layer = gzipSync(randomBytes(4_000_000), { level: 1 });
  const config = Buffer.from(JSON.stringify({ architecture: 'amd64', os: 'linux', rootfs: { type: 'layers', diff_ids: [] } }));
  const manifest = Buffer.from(
    JSON.stringify({
      schemaVersion: 2,
      mediaType: MEDIA.ociManifest,
      config: { mediaType: MEDIA.ociConfig, digest: sha256(config), size: config.length },
      layers: [{ mediaType: MEDIA.ociLayerGzip, digest: sha256(layer), size: layer.length }],
    }),
  );
  const index = { schemaVersion: 2, manifests: [{ mediaType: MEDIA.ociManifest, digest: sha256(manifest), size: manifest.length }] };
  const pack = tar.pack();
  pack.entry({ name: 'oci-layout' }, '{"imageLayoutVersion":"1.0.0"}');
  for (const blob of [layer, config, manifest]) pack.entry({ name: `blobs/sha256/${sha256(blob).slice(7)}` }, blob);
  pack.entry({ name: 'index.json' }, JSON.stringify(index));
  pack.finalize();
  const parts: Buffer[] = [];
  for await (const c of pack) parts.push(c as Buffer);
  return { tar: Buffer.concat(parts), top: sha256(manifest) };
}

/** A fake `docker`: `buildx` prints the OCI tar; `load` runs `loadScript`. */
async function fakeDocker(loadScript: string): Promise<void> {
  const script = `#!/bin/sh\ncase "$1" in\n  buildx) echo "#1 building" >&2; cat "${join(dir, 'image.tar')}" ;;\n  load) ${loadScript} ;;\n  *) exit 2 ;;\nesac\n`;
  await writeFile(join(dir, 'docker'), script);
  await chmod(join(dir, 'docker'), 0o755);
  process.env.PATH = `${dir}:${path}`;
}

let layout: { tar: Buffer; top: string };
beforeAll(async () => {
  layout = await ociLayout();
});
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'oci-build-'));
  await writeFile(join(dir, 'image.tar'), layout.tar);
  registry = await startFakeRegistry();
});
afterEach(async () => {
  process.env.PATH = path;
  await registry.close();
  await rm(dir, { recursive: true, force: true });
});

const build = (o: { loader?: [string, ...string[]] } = {}) => {
  const lines: string[] = [];
  const tags = [{ registry: registry.host, repository: 'out/app', tag: 'v1' }];
  const client = new RegistryClient({ retries: 1, timeoutMs: 5_000 });
  return {
    lines,
    run: runOciBuild(['buildx', 'build'], { registry: client, tags, load: ['out/app:v1'], onLine: (l) => lines.push(l), ...o }),
  };
};

test('the image goes to the registry and into the loader, whose output is logged', async () => {
  await fakeDocker('cat > /dev/null; echo "Loaded image: out/app:v1"');
  const { lines, run } = build();
  const out = await run;
  expect([out.exitCode, out.published?.digest]).toEqual([0, layout.top]);
  expect(lines).toEqual(['#1 building', 'Loaded image: out/app:v1']);
  expect(registry.manifest('out/app', 'v1')).toBeDefined();
});

test('a loader that exits at once fails the build with its stderr, no EPIPE left unhandled', async () => {
  await fakeDocker('echo "Error processing tar file: no space left on device" >&2; exit 1');
  await expect(build().run).rejects.toThrow('docker load failed: it exited with 1: Error processing tar file: no space left on device');
});

test('a loader that stops reading but exits 0 fails the build too', async () => {
  await fakeDocker('head -c 10 > /dev/null; exit 0');
  await expect(build().run).rejects.toThrow('docker load failed: it stopped reading the image before its end');
});

test('a loader that cannot be started fails the build with the reason', async () => {
  await fakeDocker('exit 0');
  await expect(build({ loader: ['docker-not-installed', 'load'] }).run).rejects.toThrow('could not run docker-not-installed: ENOENT');
});

test('a piped command that cannot be started fails with the reason, not an unhandled rejection', async () => {
  const consume = async (s: NodeJS.ReadableStream) => {
    for await (const c of s) void c;
  };
  await expect(execPipe('buildx-not-installed', [], { consume })).rejects.toThrow('could not run buildx-not-installed: ENOENT');
});
