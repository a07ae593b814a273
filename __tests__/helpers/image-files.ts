// What an image in the registry holds, file by file, as a container would see it: every
// layer streamed (gunzip + tar-stream, an implementation independent of the project's own
// tar reader), later layers winning, whiteouts applied. A hardlink is reported as the file
// it names, so a part packed with hardlinks and one copied without them compare equal.
import { createHash } from 'node:crypto';
import { pipeline } from 'node:stream/promises';
import { createGunzip } from 'node:zlib';
import { extract } from 'tar-stream';
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

export async function readImageFiles(
  client: RegistryClient,
  ref: ImageRef,
  platform = { os: 'linux', architecture: 'amd64' },
): Promise<Map<string, FileFact>> {
  const files = new Map<string, FileFact>();
  const removeTree = (path: string, keepSelf: boolean) => {
    for (const p of [...files.keys()]) if ((p === path && !keepSelf) || p.startsWith(path + '/')) files.delete(p);
  };
  const image = await client.resolve(ref, platform);
  for (const layer of image.manifest.layers) {
    const ex = extract();
    const reading = pipeline(await client.blobStream(ref, layer.digest), createGunzip(), ex);
    const opaque: string[] = [];
    const whiteouts: string[] = [];
    const added = new Map<string, FileFact>();
    for await (const entry of ex) {
      const h = entry.header;
      const path = clean(h.name);
      const base = path.slice(path.lastIndexOf('/') + 1);
      const hash = createHash('sha256');
      for await (const chunk of entry) hash.update(chunk as Buffer);
      if (base === '.wh..wh..opq') opaque.push(path.slice(0, path.lastIndexOf('/')) || '/');
      else if (base.startsWith('.wh.')) whiteouts.push(path.slice(0, path.lastIndexOf('/') + 1) + base.slice(4));
      else if (h.type === 'link') {
        const target = added.get(clean(h.linkname ?? '')) ?? files.get(clean(h.linkname ?? ''));
        added.set(path, { ...(target ?? { type: 'file', mode: 0, uid: 0, gid: 0 }) });
      } else {
        const fact: FileFact = { type: h.type ?? 'file', mode: (h.mode ?? 0) & 0o7777, uid: h.uid ?? 0, gid: h.gid ?? 0 };
        if (h.type === 'file' || h.type === 'contiguous-file') {
          fact.type = 'file';
          fact.sha256 = hash.digest('hex');
        }
        if (h.type === 'symlink') fact.target = h.linkname ?? '';
        added.set(path, fact);
      }
    }
    await reading;
    for (const dir of opaque) removeTree(dir, true);
    for (const p of whiteouts) removeTree(p, false);
    for (const [p, f] of added) {
      if (f.type !== 'directory') removeTree(p, true);
      files.set(p, f);
    }
  }
  return files;
}
