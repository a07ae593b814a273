// Hostile source images in the test bed's registry, and the bench that composes them: a real image
// (the fixture full image) with crafted layers on top and, when asked, a changed config (the base's
// layers mounted, never pulled); a canary folder a compose must neither read nor write; the
// compose of one image with its temp root's peak bytes; and the files a result's part holds.
import { createHash, randomBytes } from 'node:crypto';
import { mkdir, readdir, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { createGunzip, gzipSync } from 'node:zlib';
import { extract } from 'tar-stream';
import { runCompose } from '../../src/compose/compose.js';
import { copyBlob } from '../../src/registry/copy.js';
import { RegistryClient } from '../../src/registry/client.js';
import { type ImageRef, requireReference } from '../../src/oci/reference.js';
import { type ImageConfig, MEDIA, type ResolvedImage } from '../../src/oci/types.js';
import { parseSpec } from '../../src/spec/spec.js';
import { type RawEntry, makeRawTar, paxRecords, rawHeader } from './layer-tar.js';

export interface CraftedLayer {
  gz: Buffer;
  /** sha256 of the uncompressed tar, as the config's diff_ids name it. */
  diffId: string;
}

const sha = (b: Buffer) => `sha256:${createHash('sha256').update(b).digest('hex')}`;

/** A tar gzip'd as a layer. */
export function gzipLayer(tar: Buffer, level = 6): CraftedLayer {
  return { gz: gzipSync(tar, { level }), diffId: sha(tar) };
}

/** Pushes `base` with `layers` on top (and its config changed by `patch`) to `target`; returns the manifest digest. */
export async function pushCraftedImage(
  client: RegistryClient,
  base: ResolvedImage,
  target: ImageRef,
  layers: CraftedLayer[],
  patch: (config: ImageConfig) => ImageConfig = (c) => c,
): Promise<string> {
  for (const d of base.manifest.layers) await copyBlob(client, base.ref, target, d);
  const descriptors = [];
  for (const l of layers) {
    const digest = sha(l.gz);
    await client.pushBlob(target, digest, l.gz);
    descriptors.push({ mediaType: MEDIA.ociLayerGzip, digest, size: l.gz.length });
  }
  const config = patch({
    ...base.config,
    rootfs: { type: 'layers', diff_ids: [...base.config.rootfs.diff_ids, ...layers.map((l) => l.diffId)] },
    history: [...(base.config.history ?? []), ...layers.map(() => ({ created: base.config.created, created_by: 'crafted layer' }))],
  });
  const configBody = Buffer.from(JSON.stringify(config));
  const configDigest = sha(configBody);
  await client.pushBlob(target, configDigest, configBody);
  const manifest = {
    schemaVersion: 2,
    mediaType: MEDIA.ociManifest,
    config: { mediaType: MEDIA.ociConfig, digest: configDigest, size: configBody.length },
    layers: [...base.manifest.layers, ...descriptors],
  };
  const body = Buffer.from(JSON.stringify(manifest));
  return client.putManifest(target, target.tag ?? sha(body), body, MEDIA.ociManifest);
}

// ---------------------------------------------------------------------------------------
// Entries of the crafted layers

export const R = '127.0.0.1:5000';
const V = '24.01';
export const AMD64 = { os: 'linux', architecture: 'amd64' };
/** The crafted backend's folder, as a tar names it and (P) as an absolute path. */
export const K = 'opt/tritonserver/backends/hostile';
export const P = `/${K}`;

export const dir = (name: string): RawEntry => ({ name: name + '/', type: '5', mode: 0o755 });
export const file = (name: string | Buffer, text: string, more: Partial<RawEntry> = {}): RawEntry => ({
  name,
  type: '0',
  data: Buffer.from(text),
  ...more,
});
export const symlink = (name: string, to: string): RawEntry => ({ name, type: '2', linkname: to, mode: 0o777 });
export const hardlink = (name: string, to: string): RawEntry => ({ name, type: '1', linkname: to });
/** The part's folder and its backend library, then `entries`. */
export const part = (...entries: RawEntry[]): RawEntry[] => [dir(K), file(`${K}/libtriton_hostile.so`, 'backend'), ...entries];

/** A layer whose PAX header says it holds `size` bytes of records (a small blob: they compress well). */
export function paxBomb(size: number): CraftedLayer {
  const record = paxRecords({ comment: 'x'.repeat(1000) });
  const body = Buffer.concat(Array.from({ length: Math.ceil(size / record.length) }, () => record)).subarray(0, size);
  const tar = Buffer.concat([makeRawTar(part()).subarray(0, -1024), rawHeader({ name: 'PaxHeader', type: 'x', size }), body]);
  return gzipLayer(Buffer.concat([tar, Buffer.alloc((512 - (tar.length % 512)) % 512), makeRawTar([file(`${K}/after`, 'a')])]));
}

/** A small tar, then `extra` zero bytes past its end, in one gzip stream: a blob of some ten KiB. */
export function gzipBomb(extra: number): CraftedLayer {
  return gzipLayer(Buffer.concat([makeRawTar(part()), Buffer.alloc(extra)]));
}

/** A small layer followed by `padding` zero bytes after its gzip stream (the tar, so its diff ID, unchanged). */
export function paddedLayer(padding: number): CraftedLayer {
  const layer = gzipLayer(makeRawTar(part()));
  return { ...layer, gz: Buffer.concat([layer.gz, Buffer.alloc(padding)]) };
}

// ---------------------------------------------------------------------------------------
// The bench

/** What a part's file is in a result: type, mode, and the link target or the content. */
export interface Facts {
  type: string;
  mode: number;
  target?: string;
  content?: string;
}
export type Files = Map<string, Facts>;

/** A crafted image: its layers on top of the full image (a bare part when none), its config changed. */
export interface CraftedImage {
  name: string;
  layers?: () => Array<RawEntry[] | CraftedLayer>;
  config?: (c: ImageConfig) => ImageConfig;
}

const quiet = {
  info: (m: string) => void (process.env.HOSTILE_LOG && console.log(m)),
  warning: () => undefined,
  startGroup: () => undefined,
  endGroup: () => undefined,
};

/** Bytes the files under `d` take. */
async function folderBytes(d: string): Promise<number> {
  let n = 0;
  for (const e of await readdir(d, { withFileTypes: true, recursive: true }).catch(() => [])) {
    if (e.isFile()) n += ((await stat(join(e.parentPath, e.name)).catch(() => undefined))?.blocks ?? 0) * 512;
  }
  return n;
}

/**
 * A canary folder (a secret file holding `token`, an empty `target` folder, and the compose's
 * temp root work/) and the tags of this run only: a tag left by another run never stands for
 * this one's result, and every manifest this run puts is deleted by `tearDown`.
 */
export class HostileBench {
  readonly client = new RegistryClient();
  readonly token = `canary-${randomBytes(12).toString('hex')}`;
  readonly root = join(tmpdir(), `hostile-${this.token}`);
  readonly secret = join(this.root, 'secret');
  readonly target = join(this.root, 'target');
  readonly notes: string[] = [];
  full!: ResolvedImage;
  private minLayers = new Set<string>();
  private readonly run = this.token.slice(7, 15);
  private readonly pushed: Array<{ repo: string; digest: string }> = [];
  private readonly layerFiles = new Map<string, { files: Files; leak: boolean }>();

  fullRef = (name: string) => `${R}/hostile-images/full:${name}-${this.run}`;
  outRef = (name: string, how: string) => `${R}/hostile-images/out:${name}-${how}-${this.run}`;

  /** Makes the canary folder and pushes each crafted image. */
  async setUp(images: CraftedImage[]): Promise<void> {
    await mkdir(this.root);
    await writeFile(this.secret, this.token);
    await mkdir(this.target);
    await mkdir(join(this.root, 'work'));
    this.full = await this.client.resolve(requireReference(`${R}/tritonserver:${V}-py3`), AMD64);
    const min = await this.client.resolve(requireReference(`${R}/tritonserver:${V}-py3-min`), AMD64);
    this.minLayers = new Set(min.manifest.layers.map((l) => l.digest));
    const started = Date.now();
    for (const image of images) {
      const layers = (image.layers?.() ?? [part()]).map((l) => (Array.isArray(l) ? gzipLayer(makeRawTar(l)) : l));
      const digest = await pushCraftedImage(this.client, this.full, requireReference(this.fullRef(image.name)), layers, image.config);
      this.keep(this.fullRef(image.name), digest);
    }
    this.notes.push(`${images.length} crafted images pushed in ${Date.now() - started} ms`);
  }

  /** Notes a manifest to delete at the end. */
  keep(repo: string, digest: string): void {
    this.pushed.push({ repo, digest });
  }

  /** Deletes what this run pushed (and its results' SBOM referrers), removes the canary folder, prints the notes. */
  async tearDown(): Promise<void> {
    const remove = (repo: string, digest: string) =>
      this.client.request(requireReference(repo), 'DELETE', `manifests/${digest}`, { okStatus: [202, 404] }).catch(() => undefined);
    for (const { repo, digest } of this.pushed) {
      // a result's SBOM, under the referrers tag schema's tag (sha256-<hex>)
      const sbom = await this.client.headManifest(requireReference(repo), digest.replace(':', '-')).catch(() => undefined);
      if (sbom) await remove(repo, sbom);
      await remove(repo, digest);
    }
    await rm(this.root, { recursive: true, force: true });
    console.log(this.notes.join('\n'));
  }

  /** What the canary's folder holds, recursively (the compose's temp root aside). */
  async canaryState(): Promise<string[]> {
    const out: string[] = [];
    for (const e of await readdir(this.root, { recursive: true, withFileTypes: true })) {
      const path = join(e.parentPath, e.name).slice(this.root.length);
      if (path === '/work' || path.startsWith('/work/')) continue;
      out.push(`${path} ${(await stat(join(this.root, path))).size}`);
    }
    return out.sort();
  }

  /** Composes a crafted image's part; samples the temp root's bytes every 50 ms. */
  async compose(name: string, how: 'direct' | 'buildx') {
    const work = join(this.root, 'work', `${name}-${how}`);
    await mkdir(work);
    const spec = parseSpec({
      'container-version': V,
      'full-image': this.fullRef(name),
      'min-image': `${R}/tritonserver:${V}-py3-min`,
      backends: 'hostile',
      tags: this.outRef(name, how),
      push: 'true',
      force: 'true',
      ...(how === 'buildx' ? { assembly: 'buildx' } : {}),
    });
    let peak = 0;
    let on = true;
    const sampling = (async () => {
      while (on) {
        peak = Math.max(peak, await folderBytes(work));
        await new Promise((r) => setTimeout(r, 50));
      }
    })();
    const started = Date.now();
    const out = await runCompose(spec, {
      version: 'test',
      tempRoot: work,
      cacheDir: join(this.root, 'work', 'cache'),
      buildCacheDir: join(this.root, 'work', 'buildkit'),
      log: quiet,
      registry: this.client,
    });
    on = false;
    await sampling;
    this.notes.push(`${name} (${how}): ${Date.now() - started} ms, temp root peak ${peak} B`);
    await rm(work, { recursive: true, force: true });
    return { ...out, peak };
  }

  /** The part's files in an image's layers above min's, and whether any layer holds the canary's content. */
  async readPart(ref: string): Promise<{ files: Files; leak: boolean }> {
    const image = await this.client.resolve(requireReference(ref), AMD64);
    const files: Files = new Map();
    let leak = false;
    for (const l of image.manifest.layers.filter((d) => !this.minLayers.has(d.digest))) {
      let known = this.layerFiles.get(l.digest);
      if (!known) {
        known = await this.readLayer(ref, l.digest);
        this.layerFiles.set(l.digest, known);
      }
      for (const [p, f] of known.files) files.set(p, f);
      leak ||= known.leak;
    }
    return { files, leak };
  }

  private async readLayer(ref: string, digest: string): Promise<{ files: Files; leak: boolean }> {
    const known = { files: new Map() as Files, leak: false };
    const ex = extract();
    const reading = pipeline(await this.client.blobStream(requireReference(ref), digest), createGunzip(), ex);
    for await (const entry of ex) {
      const chunks: Buffer[] = [];
      for await (const c of entry) chunks.push(c as Buffer);
      const data = Buffer.concat(chunks);
      if (data.includes(this.token)) known.leak = true;
      const h = entry.header;
      const path = '/' + h.name.replace(/^\.?\/+/, '').replace(/\/+$/, '');
      const f: Facts = { type: h.type ?? 'file', mode: (h.mode ?? 0) & 0o7777 };
      if (h.type === 'symlink' || h.type === 'link') f.target = h.linkname ?? '';
      if (h.type === 'file') f.content = data.toString('utf8');
      if (path.startsWith(P)) known.files.set(path, f);
    }
    await reading;
    return known;
  }
}
