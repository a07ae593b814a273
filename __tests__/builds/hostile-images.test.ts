// Hostile source images through a real compose: crafted layers (path traversal, symlink and
// hardlink escapes within and across layers, devices, setuid files, odd names, deep paths, a PAX
// header bomb, a gzip bomb, padding after the gzip stream, a dpkg database too large to read, sizes that lie) and crafted
// configs (env and labels, a huge history) pushed on top of the fixture full image, then composed. Each row ends in a clear error naming
// the image and the entry, or a correct image; no host file planted beside the compose is read
// into a layer or written; the compose's own folders stay small.
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { requireReference } from '../../src/oci/reference.js';
import {
  AMD64,
  type CraftedImage,
  type Files,
  HostileBench,
  K,
  P,
  R,
  dir,
  file,
  gzipBomb,
  paddedLayer,
  hardlink,
  part,
  paxBomb,
  symlink,
} from '../helpers/hostile-image.js';

const bench = new HostileBench();
const { client, token, root, secret, target } = bench;

// ---------------------------------------------------------------------------------------
// The rows

interface Row extends CraftedImage {
  /** Substrings of the error (the image is always checked too); or a check of the part's files. */
  error?: string[];
  files?: (f: Files) => void;
  /** Compose with Buildx from the selective parts too. */
  buildx?: boolean;
  /** Bytes the compose's temp root may take at its peak. */
  disk?: number;
}

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
    name: 'dot-components',
    // tar and Docker clean `.` components away; so does the tar parser, before the folder writer
    layers: () => [part(file(`./${K}/./dot.txt`, 'dot'), { ...file(`${K}/x`, 'x'), pax: { path: `${K}/./sub/./deep.txt` } })],
    files: (f) => {
      expect(f.get(`${P}/dot.txt`)?.content).toBe('dot');
      expect(f.get(`${P}/sub/deep.txt`)?.content).toBe('x');
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
    // Zeros after the gzip stream are allowed up to 32 KiB: a range read to the layer's end
    // relies on the bound (src/layer/ranges.ts).
    name: 'gzip-padding-over-32-KiB',
    layers: () => [paddedLayer(40 * 1024)],
    error: ['layer sha256:', ': 40960 bytes of padding after the gzip stream (at most 32768 are accepted)'],
  },
  {
    // 65 MiB of zeros where the dpkg database lies: a blob of some 64 KiB that would be read
    // into memory whole to plan the runtime packages.
    name: 'dpkg-database-of-65-MiB',
    layers: () => [part(file('var/lib/dpkg/status', '', { data: Buffer.alloc(65 * 1024 * 1024) }))],
    error: ['refusing to read "/var/lib/dpkg/status" of layer sha256:', 'it is 68157440 bytes, more than the 67108864'],
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

// ---------------------------------------------------------------------------------------
// The checks

beforeAll(() => bench.setUp(ROWS));
afterAll(() => bench.tearDown());

const before = new Map<string, string[]>();

describe.each(ROWS)('$name', (row) => {
  const hows: Array<'direct' | 'buildx'> = row.buildx && !row.error ? ['direct', 'buildx'] : ['direct'];
  test.each(hows)('%s: a clear error or a correct image; nothing read or written outside', async (how) => {
    before.set(row.name, await bench.canaryState());
    const { result, failure, peak } = await bench.compose(row.name, how);
    if (row.error) {
      expect(failure).toBeInstanceOf(Error);
      const text = String((failure as Error).message);
      expect(text).toContain(`${R}/hostile-images/full`);
      for (const s of row.error) expect(text).toContain(s);
      expect(await client.headManifest(requireReference(bench.outRef(row.name, how)))).toBeUndefined();
    } else {
      if (failure) throw failure;
      expect(result?.report.assembly?.mode).toBe(how);
      bench.keep(bench.outRef(row.name, how), result?.report.digest ?? '');
      const { files, leak } = await bench.readPart(bench.outRef(row.name, how));
      expect(leak).toBe(false);
      expect(files.get(`${P}/libtriton_hostile.so`)?.content).toBe('backend');
      row.files?.(files);
      if (row.config) {
        const got = (await client.resolve(requireReference(bench.outRef(row.name, how)), AMD64)).config.config;
        const want = row.config(bench.full.config).config;
        for (const [k, v] of Object.entries(want?.Labels ?? {})) expect(got?.Labels?.[k]).toBe(v);
        for (const e of want?.Env ?? []) if (!/^(PATH|LD_LIBRARY_PATH|PYTHONPATH)=/.test(e)) expect(got?.Env).toContain(e);
      }
    }
    expect(await bench.canaryState()).toEqual(before.get(row.name));
    for (const d of ['/', root, tmpdir(), join(root, 'work')]) expect(existsSync(join(d, `escape-${token}`))).toBe(false);
    if (row.disk) expect(peak).toBeLessThan(row.disk);
  });
});
