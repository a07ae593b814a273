// What an image in the registry holds, file by file, as a container would see it: every
// layer streamed (gunzip + tar-stream, an implementation independent of the project's own
// tar reader; each digest read once per test file, as the images compared share min's
// layers), later layers winning, whiteouts applied. A hardlink is reported as the file it
// names, so a part packed with hardlinks and one copied without them compare equal.
import { createHash } from 'node:crypto';
import { pipeline } from 'node:stream/promises';
import { createGunzip } from 'node:zlib';
import { extract } from 'tar-stream';
import { parentsOf } from '../../src/layer/view.js';
import type { ImageRef } from '../../src/oci/reference.js';
import type { RegistryClient } from '../../src/registry/client.js';

export interface FileFact {
  type: string;
  mode: number;
  uid: number;
  gid: number;
  sha256?: string;
  target?: string;
}

const clean = (name: string) => '/' + name.replace(/^\.?\/+/, '').replace(/\/+$/, '');

/** What one layer holds, read once per digest: images of a test share min's layers. */
interface LayerFacts {
  opaque: string[];
  whiteouts: string[];
  added: Map<string, FileFact | { link: string }>;
}
const layerMemo = new Map<string, Promise<LayerFacts>>();

async function readLayer(client: RegistryClient, ref: ImageRef, digest: string): Promise<LayerFacts> {
  const ex = extract();
  const reading = pipeline(await client.blobStream(ref, digest), createGunzip(), ex);
  const facts: LayerFacts = { opaque: [], whiteouts: [], added: new Map() };
  for await (const entry of ex) {
    const h = entry.header;
    const path = clean(h.name);
    const base = path.slice(path.lastIndexOf('/') + 1);
    const hash = createHash('sha256');
    for await (const chunk of entry) hash.update(chunk as Buffer);
    if (base === '.wh..wh..opq') facts.opaque.push(path.slice(0, path.lastIndexOf('/')) || '/');
    else if (base.startsWith('.wh.')) facts.whiteouts.push(path.slice(0, path.lastIndexOf('/') + 1) + base.slice(4));
    else if (h.type === 'link') facts.added.set(path, { link: clean(h.linkname ?? '') });
    else {
      const fact: FileFact = { type: h.type ?? 'file', mode: (h.mode ?? 0) & 0o7777, uid: h.uid ?? 0, gid: h.gid ?? 0 };
      if (h.type === 'file' || h.type === 'contiguous-file') {
        fact.type = 'file';
        fact.sha256 = hash.digest('hex');
      }
      if (h.type === 'symlink') fact.target = h.linkname ?? '';
      facts.added.set(path, fact);
    }
  }
  await reading;
  return facts;
}

export async function readImageFiles(
  client: RegistryClient,
  ref: ImageRef,
  platform = { os: 'linux', architecture: 'amd64' },
): Promise<Map<string, FileFact>> {
  const files = new Map<string, FileFact>();
  // Every folder some path was ever put under: a path not in it has nothing below it, so
  // replacing it needs no scan (a scan per path is quadratic on a layer of thousands of files).
  const parents = new Set<string>();
  const removeTree = (path: string, keepSelf: boolean) => {
    if (!keepSelf) files.delete(path);
    if (!parents.has(path)) return;
    const below = path === '/' ? '/' : path + '/';
    for (const p of [...files.keys()]) if (p.startsWith(below) && p !== '/') files.delete(p);
  };
  const image = await client.resolve(ref, platform);
  for (const layer of image.manifest.layers) {
    let memo = layerMemo.get(layer.digest);
    if (!memo) {
      memo = readLayer(client, ref, layer.digest);
      layerMemo.set(layer.digest, memo);
      memo.catch(() => layerMemo.delete(layer.digest));
    }
    const { opaque, whiteouts, added: raw } = await memo;
    // A hardlink is the file it names: in this layer, or in the ones below.
    const added = new Map<string, FileFact>();
    for (const [p, f] of raw) {
      if ('link' in f) added.set(p, { ...(added.get(f.link) ?? files.get(f.link) ?? { type: 'file', mode: 0, uid: 0, gid: 0 }) });
      else added.set(p, f);
    }
    for (const dir of opaque) removeTree(dir, true);
    for (const p of whiteouts) removeTree(p, false);
    for (const [p, f] of added) {
      if (f.type !== 'directory') removeTree(p, true);
      files.set(p, f);
      for (const d of parentsOf(p)) parents.add(d);
      if (p !== '/') parents.add('/');
    }
  }
  return files;
}
