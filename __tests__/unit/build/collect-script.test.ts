// The runtime-deps stage's collect script, run by the shells full images have (dash as in
// Ubuntu, busybox as in the busybox fixtures): what it copies out of a root is each listed
// path as `cp -a` of that one path gives it, folder by folder in batches, and nothing else.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
  chmodSync,
  existsSync,
  lstatSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  readlinkSync,
  rmSync,
  symlinkSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { COLLECT_SCRIPT } from '../../../src/build/dockerfile.js';

const SHELLS = [
  ['dash', ['/bin/sh']],
  ['busybox sh', ['/bin/busybox', 'sh']],
] as const;

let work: string;
let root: string;
const listed: string[] = [];

/** A file under the root, listed or not, with a mode and a time of its own. */
function put(path: string, text: string, mode = 0o644, list = true): void {
  const at = join(root, path);
  mkdirSync(join(at, '..'), { recursive: true });
  writeFileSync(at, text);
  chmodSync(at, mode);
  utimesSync(at, 1_700_000_000, 1_700_000_000 + listed.length);
  if (list) listed.push(path);
}

beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), 'collect-'));
  root = join(work, 'root');
  put('/usr/bin/python3.11', 'elf', 0o755);
  put('/usr/lib/x86_64-linux-gnu/libgomp.so.1.0.0', 'gomp');
  symlinkSync('libgomp.so.1.0.0', join(root, 'usr/lib/x86_64-linux-gnu/libgomp.so.1'));
  listed.push('/usr/lib/x86_64-linux-gnu/libgomp.so.1');
  symlinkSync('/nowhere/at/all', join(root, 'usr/lib/x86_64-linux-gnu/dangling.so'));
  listed.push('/usr/lib/x86_64-linux-gnu/dangling.so');
  put('/usr/lib/x86_64-linux-gnu/left-out.so', 'not listed', 0o644, false);
  put('/usr/share/doc/a b/with space.txt', 'space', 0o600);
  put('/etc/top', 'at the root of a folder');
  put('/toplevel', 'right under /');
  // more paths in one folder than one cp takes
  for (let i = 0; i < 600; i++) put(`/usr/lib/python3.11/m${String(i).padStart(3, '0')}.py`, `print(${i})`);
  listed.sort();
});
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** path → type, mode, size, time, link target or content hash, for every entry under `dir`. */
function tree(dir: string): Map<string, string> {
  const out = new Map<string, string>();
  const walk = (rel: string) => {
    for (const name of readdirSync(join(dir, rel)).sort()) {
      const p = `${rel}/${name}`;
      const st = lstatSync(join(dir, p));
      if (st.isSymbolicLink()) out.set(p, `link ${readlinkSync(join(dir, p))}`);
      else if (st.isDirectory()) {
        out.set(p, 'dir');
        walk(p);
      } else {
        const hash = createHash('sha256')
          .update(readFileSync(join(dir, p)))
          .digest('hex')
          .slice(0, 12);
        out.set(p, `file ${(st.mode & 0o7777).toString(8)} ${Math.floor(st.mtimeMs / 1000)} ${hash}`);
      }
    }
  };
  walk('');
  return out;
}

describe.each(SHELLS)('collect.sh under %s', (_name, shell) => {
  test('copies every listed path as cp -a does, and nothing else', () => {
    if (shell[0] === '/bin/busybox' && !existsSync('/bin/busybox'))
      throw new Error('busybox is missing: bash scripts/testbed.sh up installs it');
    const out = join(work, `out-${shell.join('-')}`);
    const script = join(work, 'collect.sh');
    writeFileSync(script, COLLECT_SCRIPT);
    writeFileSync(join(work, 'list'), ['', ...listed, ''].join('\n'));
    const r = spawnSync(shell[0], [...shell.slice(1), script, join(work, 'list'), out, root], { encoding: 'utf8' });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);

    const got = tree(out);
    const want = tree(root);
    // the listed paths, and the folders above them, with the root's facts
    const folders = new Set(
      listed.flatMap((p) =>
        p
          .split('/')
          .slice(1, -1)
          .map((_, i, parts) => '/' + parts.slice(0, i + 1).join('/')),
      ),
    );
    for (const p of [...want.keys()]) if (!listed.includes(p) && !folders.has(p)) want.delete(p);
    expect([...got.keys()].sort()).toEqual([...want.keys()].sort());
    for (const p of listed) expect([p, got.get(p)]).toEqual([p, want.get(p)]);
    expect(existsSync(join(out, 'usr/lib/x86_64-linux-gnu/left-out.so'))).toBe(false);
  });
});
