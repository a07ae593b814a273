// Hostile source images through a real compose: crafted layers (path traversal, symlink and
// hardlink escapes within and across layers, devices, setuid files, odd names, deep paths, a PAX
// header bomb, a gzip bomb, sizes that lie) and crafted configs (env and labels, a huge history)
// pushed on top of the fixture full image, then composed. Each row ends in a clear error naming
// the image and the entry, or a correct image; no host file planted beside the compose is read
// into a layer or written; the compose's own folders stay small.
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readdir, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { createGunzip } from 'node:zlib';
import { extract } from 'tar-stream';
import { runCompose } from '../../src/compose/compose.js';
import { requireReference } from '../../src/oci/reference.js';
import type { ImageConfig, ResolvedImage } from '../../src/oci/types.js';
import { RegistryClient } from '../../src/registry/client.js';
import { parseSpec } from '../../src/spec/spec.js';
import { type CraftedLayer, gzipLayer, pushCraftedImage } from '../helpers/hostile-image.js';
import { type RawEntry, makeRawTar, paxRecords, rawHeader } from '../helpers/layer-tar.js';

const R = '127.0.0.1:5000';
const V = '24.01';
const AMD64 = { os: 'linux', architecture: 'amd64' };
const K = 'opt/tritonserver/backends/hostile';
const client = new RegistryClient();
const quiet = {
  info: (m: string) => void (process.env.HOSTILE_LOG && console.log(m)),
  warning: () => undefined,
  startGroup: () => undefined,
  endGroup: () => undefined,
};
const token = `canary-${randomBytes(12).toString('hex')}`;
const notes: string[] = [];
// The canary's folder: a secret file, an empty folder, and the compose's temp root work/.
const root = join(tmpdir(), `hostile-${token}`);
const secret = join(root, 'secret');
const target = join(root, 'target');
let full: ResolvedImage;
let minLayers: Set<string>;

// ---------------------------------------------------------------------------------------
// The rows

interface Facts {
  type: string;
  mode: number;
  target?: string;
  content?: string;
}
type Files = Map<string, Facts>;

interface Row {
  name: string;
  /** The crafted layers (entries), on top of the full image, each with the part's folder first. */
  layers?: () => Array<RawEntry[] | CraftedLayer>;
  config?: (c: ImageConfig) => ImageConfig;
  /** Substrings of the error (the image is always checked too); or a check of the part's files. */
  error?: string[];
  files?: (f: Files) => void;
  /** Compose with Buildx from the selective parts too. */
  buildx?: boolean;
  /** Bytes the compose's temp root may take at its peak. */
  disk?: number;
}

const dir = (name: string): RawEntry => ({ name: name + '/', type: '5', mode: 0o755 });
const file = (name: string | Buffer, text: string, more: Partial<RawEntry> = {}): RawEntry => ({
  name,
  type: '0',
  data: Buffer.from(text),
  ...more,
});
const symlink = (name: string, to: string): RawEntry => ({ name, type: '2', linkname: to, mode: 0o777 });
const hardlink = (name: string, to: string): RawEntry => ({ name, type: '1', linkname: to });
const part = (...entries: RawEntry[]): RawEntry[] => [dir(K), file(`${K}/libtriton_hostile.so`, 'backend'), ...entries];
const P = `/${K}`;
const refused = (path: string, why: string) => [`refusing to extract "${path}": ${why}`];

const ROWS: Row[] = [
  {
    name: 'baseline',
    layers: () => [part()],
    files: (f) => expect(f.get(`${P}/libtriton_hostile.so`)?.content).toBe('backend'),
  },
  {
    name: 'dotdot-in-part',
    layers: () => [part({ ...file(`${K}/x`, 'x'), pax: { path: `${K}/${'../'.repeat(30)}escape-${token}` } })],
    error: refused(`${P}/${'../'.repeat(30)}escape-${token}`, 'it is not a plain absolute path'),
  },
  {
    name: 'dotdot-at-root',
    layers: () => [part(file(`../../escape-${token}`, 'x'))],
    error: refused(`/../../escape-${token}`, 'it is not a plain absolute path'),
  },
  {
    name: 'absolute-and-double-slash',
    layers: () => [part(file(`/${K}/abs.txt`, 'abs'), file(`opt//tritonserver///backends/hostile//dbl.txt`, 'dbl'))],
    files: (f) => {
      expect(f.get(`${P}/abs.txt`)?.content).toBe('abs');
      expect(f.get(`${P}/dbl.txt`)?.content).toBe('dbl');
    },
  },
  {
    name: 'symlink-then-file-through-it',
    layers: () => [part(symlink(`${K}/esc`, target), file(`${K}/esc/pwned-${token}`, 'x'))],
    error: refused(`${P}/esc/pwned-${token}`, `${P}/esc is not a folder`),
  },
  {
    name: 'relative-symlink-then-file-through-it',
    layers: () => [part(symlink(`${K}/up`, '../'.repeat(40) + target.slice(1)), file(`${K}/up/pwned-${token}`, 'x'))],
    error: refused(`${P}/up/pwned-${token}`, `${P}/up is not a folder`),
  },
  {
    name: 'symlink-in-one-layer-file-through-it-in-the-next',
    layers: () => [part(symlink(`${K}/esc`, target)), [file(`${K}/esc/pwned-${token}`, 'x')]],
    files: (f) => expect(f.get(`${P}/esc`)).toEqual({ type: 'symlink', mode: 0o777, target }),
  },
  {
    name: 'symlink-replaces-a-folder',
    layers: () => [part(dir(`${K}/d`), file(`${K}/d/x`, 'x'), symlink(`${K}/d`, target))],
    files: (f) => {
      expect(f.get(`${P}/d`)).toEqual({ type: 'symlink', mode: 0o777, target });
      expect(f.has(`${P}/d/x`)).toBe(false);
    },
  },
  {
    name: 'symlink-replaces-a-folder-of-a-lower-layer',
    layers: () => [part(dir(`${K}/d`), file(`${K}/d/x`, 'x')), [symlink(`${K}/d`, target)]],
    files: (f) => {
      expect(f.get(`${P}/d`)).toEqual({ type: 'symlink', mode: 0o777, target });
      expect(f.has(`${P}/d/x`)).toBe(false);
    },
  },
  {
    name: 'hardlink-to-a-host-file',
    layers: () => [part(hardlink(`${K}/hl`, secret))],
    error: [`hardlink "${P}/hl" points at "${secret}"`],
  },
  {
    name: 'hardlink-above-the-root',
    layers: () => [part(hardlink(`${K}/hl`, '../'.repeat(30) + secret.slice(1)))],
    error: [`"${P}/hl"`],
  },
  {
    name: 'hardlink-through-a-symlink',
    layers: () => [part(symlink(`${K}/s`, root), hardlink(`${K}/h`, `${K}/s/secret`))],
    error: [`hardlink "${P}/h" points at "${P}/s/secret"`],
  },
  {
    name: 'hardlink-to-a-symlink-to-a-host-file',
    layers: () => [part(symlink(`${K}/s`, secret), hardlink(`${K}/h`, `${K}/s`))],
    files: (f) => expect(f.get(`${P}/h`)).toEqual({ type: 'symlink', mode: 0o777, target: secret }),
    buildx: true,
  },
  {
    name: 'hardlink-before-its-target',
    layers: () => [part(hardlink(`${K}/h`, `${K}/later`), file(`${K}/later`, 'later'))],
    // packed in path order, the target first: a valid hardlink in the result
    files: (f) => expect(f.get(`${P}/h`)).toEqual({ type: 'link', mode: 0o644, target: `${K}/later` }),
  },
  {
    name: 'hardlink-to-a-lower-layer',
    layers: () => [part(file(`${K}/f`, 'lower')), [hardlink(`${K}/h`, `${K}/f`)]],
    // one part holds both: the link is to a file of the same tar
    files: (f) => expect(f.get(`${P}/h`)).toEqual({ type: 'link', mode: 0o644, target: `${K}/f` }),
  },
  {
    name: 'devices-fifos-setuid',
    layers: () => [
      part(
        { name: `${K}/null`, type: '3', mode: 0o666 },
        { name: `${K}/sda`, type: '4', mode: 0o660 },
        { name: `${K}/fifo`, type: '6', mode: 0o644 },
        file(`${K}/suid`, 'suid', { mode: 0o4755 }),
        file(`${K}/sgid`, 'sgid', { mode: 0o2755 }),
      ),
    ],
    files: (f) => {
      for (const n of ['null', 'sda', 'fifo']) expect(f.has(`${P}/${n}`)).toBe(false);
      expect(f.get(`${P}/suid`)).toEqual({ type: 'file', mode: 0o4755, content: 'suid' });
      expect(f.get(`${P}/sgid`)).toEqual({ type: 'file', mode: 0o2755, content: 'sgid' });
    },
  },
  {
    name: 'names-with-newlines-and-quotes',
    layers: () => [part(file(`${K}/new\nline`, 'nl'), file(`${K}/"quoted" 'name'`, 'q'))],
    files: (f) => {
      expect(f.get(`${P}/new\nline`)?.content).toBe('nl');
      expect(f.get(`${P}/"quoted" 'name'`)?.content).toBe('q');
    },
  },
  {
    name: 'name-of-invalid-utf8',
    layers: () => [part(file(Buffer.concat([Buffer.from(`${K}/bad-`), Buffer.from([0xff, 0xfe])]), 'bad'))],
    // Names are read as UTF-8: a kept name that is not could only be copied under another name.
    error: [`refusing to copy "${P}/bad-\uFFFD\uFFFD" from layer sha256:`, 'the name is not valid UTF-8'],
  },
  {
    name: 'path-10000-levels-deep',
    layers: () => [part({ ...file(`${K}/deep`, 'deep'), pax: { path: `${K}/${'d/'.repeat(10_000)}deep` } })],
    error: [`refusing to extract "${P}/d/d/d/`, 'the path is 20039 bytes long, too long to write'],
  },
  {
    name: 'pax-header-bomb',
    layers: () => [paxBomb(64 * 1024 * 1024)],
    error: ['a PAX header of 67108864 bytes at offset', 'more than 1048576 bytes'],
    disk: 16 * 1024 * 1024,
  },
  {
    name: 'gzip-bomb',
    layers: () => [gzipBomb(64 * 1024 * 1024)],
    error: ['past the end of its tar'],
    disk: 16 * 1024 * 1024,
  },
  {
    name: 'size-larger-than-the-data',
    layers: () => [[...part(), { ...file(`${K}/short`, 'short'), size: 1_000_000 }].slice(0, 3)],
    error: ['ends in the middle of an entry'],
  },
  {
    name: 'size-smaller-than-the-data',
    layers: () => [part({ ...file(`${K}/long`, 'x'.repeat(3000)), size: 10 })],
    error: [`bad tar header`, `after "${P}/long"`],
  },
  {
    name: 'pax-size-not-a-number',
    layers: () => [part({ ...file(`${K}/nan`, 'nan'), pax: { size: 'many' } })],
    error: [`"${P}/nan"`, 'size'],
  },
  {
    name: 'env-name-with-a-newline',
    config: (c) => ({ ...c, config: { ...c.config, Env: [...(c.config?.Env ?? []), 'EVIL\nRUN=1'] } }),
    error: ['sets an env variable named "EVIL\\nRUN"'],
  },
  {
    name: 'label-with-a-newline',
    config: (c) => ({ ...c, config: { ...c.config, Labels: { ...c.config?.Labels, evil: 'x\nRUN touch /pwned' } } }),
    error: ['label "evil"', 'spans lines'],
  },
  {
    name: 'env-and-labels-with-quotes',
    config: (c) => ({
      ...c,
      config: {
        ...c.config,
        Env: [...(c.config?.Env ?? []), `QUOTED="a" 'b' \\ $HOME \`id\``],
        Labels: { ...c.config?.Labels, 'key "q"': `v "a" 'b' \\ $HOME` },
      },
    }),
  },
  {
    name: 'huge-history',
    config: (c) => ({
      ...c,
      history: [...(c.history ?? []), ...Array.from({ length: 100_000 }, (_, i) => ({ created_by: `step ${i}`, empty_layer: true }))],
    }),
  },
];

/** A layer whose PAX header says it holds `size` bytes of records (a small blob: they compress well). */
function paxBomb(size: number): CraftedLayer {
  const record = paxRecords({ comment: 'x'.repeat(1000) });
  const body = Buffer.concat(Array.from({ length: Math.ceil(size / record.length) }, () => record)).subarray(0, size);
  const tar = Buffer.concat([makeRawTar(part()).subarray(0, -1024), rawHeader({ name: 'PaxHeader', type: 'x', size }), body]);
  return gzipLayer(Buffer.concat([tar, Buffer.alloc((512 - (tar.length % 512)) % 512), makeRawTar([file(`${K}/after`, 'a')])]));
}

/** A small tar, then `extra` zero bytes past its end, in one gzip stream: a blob of some ten KiB. */
function gzipBomb(extra: number): CraftedLayer {
  return gzipLayer(Buffer.concat([makeRawTar(part()), Buffer.alloc(extra)]));
}

// ---------------------------------------------------------------------------------------
// The harness

// Tags of this run only (a tag left by another run never stands for this one's result); every
// manifest this run puts is deleted at the end.
const run = token.slice(7, 15);
const fullRef = (row: string) => `${R}/hostile-images/full:${row}-${run}`;
const outRef = (row: string, how: string) => `${R}/hostile-images/out:${row}-${how}-${run}`;
const pushed: Array<{ repo: string; digest: string }> = [];

beforeAll(async () => {
  await mkdir(root);
  await writeFile(secret, token);
  await mkdir(target);
  await mkdir(join(root, 'work'));
  full = await client.resolve(requireReference(`${R}/tritonserver:${V}-py3`), AMD64);
  const min = await client.resolve(requireReference(`${R}/tritonserver:${V}-py3-min`), AMD64);
  minLayers = new Set(min.manifest.layers.map((l) => l.digest));
  const started = Date.now();
  for (const row of ROWS) {
    const layers = (row.layers?.() ?? [part()]).map((l) => (Array.isArray(l) ? gzipLayer(makeRawTar(l)) : l));
    const digest = await pushCraftedImage(client, full, requireReference(fullRef(row.name)), layers, row.config);
    pushed.push({ repo: fullRef(row.name), digest });
  }
  notes.push(`${ROWS.length} crafted images pushed in ${Date.now() - started} ms`);
});

afterAll(async () => {
  const remove = (repo: string, digest: string) =>
    client.request(requireReference(repo), 'DELETE', `manifests/${digest}`, { okStatus: [202, 404] }).catch(() => undefined);
  for (const { repo, digest } of pushed) {
    // a result's SBOM, under the referrers tag schema's tag (sha256-<hex>)
    const sbom = await client.headManifest(requireReference(repo), digest.replace(':', '-')).catch(() => undefined);
    if (sbom) await remove(repo, sbom);
    await remove(repo, digest);
  }
  await rm(root, { recursive: true, force: true });
  console.log(notes.join('\n'));
});

/** What the canary's folder holds, recursively (the compose's temp root aside). */
async function canaryState(): Promise<string[]> {
  const out: string[] = [];
  for (const e of await readdir(root, { recursive: true, withFileTypes: true })) {
    const path = join(e.parentPath, e.name).slice(root.length);
    if (path === '/work' || path.startsWith('/work/')) continue;
    out.push(`${path} ${(await stat(join(root, path))).size}`);
  }
  return out.sort();
}

/** Bytes the files under `dir` take. */
async function folderBytes(d: string): Promise<number> {
  let n = 0;
  for (const e of await readdir(d, { withFileTypes: true, recursive: true }).catch(() => [])) {
    if (e.isFile()) n += ((await stat(join(e.parentPath, e.name)).catch(() => undefined))?.blocks ?? 0) * 512;
  }
  return n;
}

const layerFiles = new Map<string, { files: Files; leak: boolean }>();

/** The files of an image's layers above min's, and whether any holds the canary's content. */
async function readPart(ref: string): Promise<{ files: Files; leak: boolean }> {
  const image = await client.resolve(requireReference(ref), AMD64);
  const files: Files = new Map();
  let leak = false;
  for (const l of image.manifest.layers.filter((d) => !minLayers.has(d.digest))) {
    let known = layerFiles.get(l.digest);
    if (!known) {
      known = { files: new Map(), leak: false };
      const ex = extract();
      const reading = pipeline(await client.blobStream(requireReference(ref), l.digest), createGunzip(), ex);
      for await (const entry of ex) {
        const chunks: Buffer[] = [];
        for await (const c of entry) chunks.push(c as Buffer);
        const data = Buffer.concat(chunks);
        if (data.includes(token)) known.leak = true;
        const h = entry.header;
        const path = '/' + h.name.replace(/^\.?\/+/, '').replace(/\/+$/, '');
        const f: Facts = { type: h.type ?? 'file', mode: (h.mode ?? 0) & 0o7777 };
        if (h.type === 'symlink' || h.type === 'link') f.target = h.linkname ?? '';
        if (h.type === 'file') f.content = data.toString('utf8');
        if (path.startsWith(P)) known.files.set(path, f);
      }
      await reading;
      layerFiles.set(l.digest, known);
    }
    for (const [p, f] of known.files) files.set(p, f);
    leak ||= known.leak;
  }
  return { files, leak };
}

/** Composes a row's image; samples the temp root's bytes every 50 ms. */
async function composeRow(row: Row, how: 'direct' | 'buildx') {
  const work = join(root, 'work', `${row.name}-${how}`);
  await mkdir(work);
  const spec = parseSpec({
    'container-version': V,
    'full-image': fullRef(row.name),
    'min-image': `${R}/tritonserver:${V}-py3-min`,
    backends: 'hostile',
    tags: outRef(row.name, how),
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
    cacheDir: join(root, 'work', 'cache'),
    buildCacheDir: join(root, 'work', 'buildkit'),
    log: quiet,
    registry: client,
  });
  on = false;
  await sampling;
  notes.push(`${row.name} (${how}): ${Date.now() - started} ms, temp root peak ${peak} B`);
  await rm(work, { recursive: true, force: true });
  return { ...out, peak };
}

const before = new Map<string, string[]>();

describe.each(ROWS)('$name', (row) => {
  const hows: Array<'direct' | 'buildx'> = row.buildx && !row.error ? ['direct', 'buildx'] : ['direct'];
  test.each(hows)('%s: a clear error or a correct image; nothing read or written outside', async (how) => {
    before.set(row.name, await canaryState());
    const { result, failure, peak } = await composeRow(row, how);
    if (row.error) {
      expect(failure).toBeInstanceOf(Error);
      const text = String((failure as Error).message);
      expect(text).toContain(`${R}/hostile-images/full`);
      for (const s of row.error) expect(text).toContain(s);
      expect(await client.headManifest(requireReference(outRef(row.name, how)))).toBeUndefined();
    } else {
      if (failure) throw failure;
      expect(result?.report.assembly?.mode).toBe(how);
      pushed.push({ repo: outRef(row.name, how), digest: result?.report.digest ?? '' });
      const { files, leak } = await readPart(outRef(row.name, how));
      expect(leak).toBe(false);
      expect(files.get(`${P}/libtriton_hostile.so`)?.content).toBe('backend');
      row.files?.(files);
      if (row.config) {
        const got = (await client.resolve(requireReference(outRef(row.name, how)), AMD64)).config.config;
        const want = row.config(full.config).config;
        for (const [k, v] of Object.entries(want?.Labels ?? {})) expect(got?.Labels?.[k]).toBe(v);
        for (const e of want?.Env ?? []) if (!/^(PATH|LD_LIBRARY_PATH|PYTHONPATH)=/.test(e)) expect(got?.Env).toContain(e);
      }
    }
    expect(await canaryState()).toEqual(before.get(row.name));
    for (const d of ['/', root, tmpdir(), join(root, 'work')]) expect(existsSync(join(d, `escape-${token}`))).toBe(false);
    if (row.disk) expect(peak).toBeLessThan(row.disk);
  });
});
