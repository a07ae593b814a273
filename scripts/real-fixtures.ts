// Builds the real-binary fixture family (issue 16) and pushes it to the test bed's registry
// (default 127.0.0.1:5000, or FIXTURE_REGISTRY) as real/tritonserver:<v>-py3[-min]:
// Debian root file systems installed by dpkg (mmdebstrap from this machine's apt sources),
// C programs built with each era's own gcc, images laid out like NGC's. Deterministic: the same
// .deb set and sources give the same digests. Everything downloaded or built is kept under
// .testbed/real-fixtures/, so a rebuild with nothing changed takes seconds.
//
//   npm run fixtures:real [-- [--profile bench|scale] [--era=bookworm|trixie] [--force]]
//
// --profile bench: 24.01's pair with digests of their own (tags ending in -bench), for the
// benchmark's default profile on an engine other tests share (their layers would hide fetches).
// --profile scale: 24.01's pair at a quarter of NGC's sizes (tags ending in -scale), for the
// benchmark only.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { spawn } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { RegistryClient } from '../src/registry/client.js';
import { requireReference } from '../src/oci/reference.js';
import { type Layer, buildLayer, pushImage } from './fixtures/oci.js';
import { REAL_ERAS, type RealEra } from './real-fixtures/eras.js';
import { runBuild } from './real-fixtures/build.js';
import { realImages } from './real-fixtures/images.js';
import { readTar } from './real-fixtures/tarfs.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const here = join(root, 'scripts', 'real-fixtures');
const cache = join(root, '.testbed', 'real-fixtures');
const registry = process.env.FIXTURE_REGISTRY ?? '127.0.0.1:5000';
const force = process.argv.includes('--force');
const profileArg = process.argv.indexOf('--profile');
const profile = profileArg > 0 ? process.argv[profileArg + 1] : 'default';
if (profile !== 'default' && profile !== 'bench' && profile !== 'scale')
  throw new Error(`--profile: "${profile}" is not a profile: use default, bench or scale`);
/** NGC's sizes divided by this: ~1/250 for the tests, a quarter for the benchmark. */
const divisor = profile === 'scale' ? 4 : 250;
const suffix = profile === 'default' ? '' : `-${profile}`;
/** The benchmark's profiles: a file in every layer, so no digest is shared with the tests' images. */
const salt = profile === 'default' ? undefined : profile;
/** --era=trixie builds one era only (CI builds each as soon as its root file systems are there). */
const onlyEra = process.argv.find((a) => a.startsWith('--era='))?.slice('--era='.length);
if (onlyEra !== undefined && !REAL_ERAS.some((e) => e.suite === onlyEra))
  throw new Error(`--era: "${onlyEra}" is not an era: use ${REAL_ERAS.map((e) => e.suite).join(' or ')}`);
/** The benchmark's profiles are 24.01's: bookworm only. */
const eras = REAL_ERAS.filter((e) => (!onlyEra || e.suite === onlyEra) && (!salt || e.suite === 'bookworm'));

const hash = (...parts: (string | Buffer)[]) => parts.reduce((h, p) => h.update(p), createHash('sha256')).digest('hex');
const files = (dir: string) =>
  readdirSync(dir)
    .sort()
    .filter((f) => !f.endsWith('/'))
    .map((f) => join(dir, f));
const log = (msg: string) => console.log(`fixtures:real: ${msg}`);

async function timed<T>(what: string, f: () => Promise<T>): Promise<T> {
  const t0 = Date.now();
  const out = await f();
  log(`${what} in ${((Date.now() - t0) / 1000).toFixed(1)}s`);
  return out;
}

/** The era's three root file systems (base, full, build): rootfs.sh makes them once per package set. */
function rootfs(era: RealEra): Promise<{ dir: string; key: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn('bash', [join(here, 'rootfs.sh'), era.suite], { stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (out += d));
    child.on('error', reject);
    child.on('close', (code) => {
      const dir = out.trim();
      const key = /\/rootfs-([0-9a-f]{16})$/.exec(dir)?.[1];
      if (code !== 0 || !key) reject(new Error(`rootfs.sh for ${era.suite} failed (exit ${code})`));
      else resolve({ dir, key });
    });
  });
}

/** The era's compiled programs and ld.so.caches, built once per source set. */
async function built(era: RealEra, fs: { dir: string; key: string }): Promise<{ out: string; key: string }> {
  const sources = [...files(join(here, 'c')), ...['build.ts', 'libraries.ts', 'eras.ts'].map((f) => join(here, f))];
  const key = hash(fs.key, ...sources.map((f) => readFileSync(f)));
  const out = join(cache, era.suite, `out-${key.slice(0, 16)}`);
  if (!existsSync(join(out, '.done'))) {
    const tmp = `${out}.tmp`;
    await timed(`${era.suite}: gcc in the build rootfs`, () => runBuild(era, fs.dir, join(here, 'c'), tmp));
    writeFileSync(join(tmp, '.done'), '');
    renameSync(tmp, out);
  }
  // Builds of other source sets (an older checkout's) are of no more use: about 100 MB each.
  const eraDir = join(cache, era.suite);
  for (const name of readdirSync(eraDir).filter((n) => /^out-[0-9a-f]{16}$/.test(n))) {
    if (join(eraDir, name) !== out) rmSync(join(eraDir, name), { recursive: true, force: true });
  }
  return { out, key };
}

/** Builds and pushes one era's images, unless its stamp and the registry say they are there. */
async function buildEra(client: RegistryClient, era: RealEra): Promise<void> {
  const fs = await rootfs(era);
  const { out, key } = await built(era, fs);
  const recipe = hash(
    registry,
    String(divisor),
    key,
    ...['images.ts', 'tarfs.ts', 'models.ts', 'python-dists.ts'].map((f) => readFileSync(join(here, f))),
    readFileSync(join(root, 'scripts', 'fixtures', 'oci.ts')),
    readFileSync(fileURLToPath(import.meta.url)),
  );
  // One stamp per era and profile, so that building one never makes another look stale.
  const stampFile = join(cache, `stamp${suffix}-${era.suite}-${registry.replace(/[^A-Za-z0-9.-]/g, '_')}.json`);
  if (!force && existsSync(stampFile)) {
    const stamp = JSON.parse(readFileSync(stampFile, 'utf8')) as { recipe: string; digests: Record<string, string> };
    if (stamp.recipe === recipe) {
      const heads = await Promise.all(
        Object.entries(stamp.digests).map(async ([n, d]) => (await client.headManifest(requireReference(`${registry}/${n}`))) === d),
      );
      if (heads.every(Boolean)) {
        log(`${era.suite}: all ${heads.length} images present in ${registry}, nothing to do`);
        return;
      }
    }
  }
  const t0 = Date.now();
  const trees = {
    base: await readTar(join(fs.dir, 'base.tar')),
    full: await readTar(join(fs.dir, 'full.tar')),
    dcgm: await readTar(join(out, 'full-dcgm.tar')),
  };
  const digests: Record<string, string> = {};
  const layers = new Map<string, Layer>();
  for (const img of realImages(era, trees, out, divisor, suffix)) {
    const built: Layer[] = [];
    for (const l of img.layers) {
      let layer = layers.get(l.comment);
      if (!layer) {
        const entries = salt ? [...l.entries, { path: '/.fixture-profile', text: `${salt}\n` }] : l.entries;
        layer = { ...(await buildLayer(entries, l.comment)), tar: Buffer.alloc(0) };
        layers.set(l.comment, layer);
      }
      built.push(layer);
    }
    const ref = requireReference(`${registry}/${img.name}`);
    const { digest, pushed } = await pushImage(client, ref, {
      env: img.env,
      labels: img.labels,
      entrypoint: img.entrypoint,
      workdir: img.workdir,
      architecture: img.architecture,
      layers: built,
    });
    const mb = built.reduce((n, l) => n + l.gz.length, 0) / 1e6;
    log(`${pushed ? 'pushed ' : 'present'} ${registry}/${img.name} ${digest} (${mb.toFixed(1)} MB, ${built.length} layers)`);
    digests[img.name] = digest;
  }
  log(`${era.suite}: images in ${((Date.now() - t0) / 1000).toFixed(1)}s`);
  mkdirSync(cache, { recursive: true });
  writeFileSync(stampFile, JSON.stringify({ recipe, digests }, null, 2) + '\n');
}

async function main(): Promise<void> {
  const client = new RegistryClient();
  // The eras side by side, each from its root file systems to its images pushed: each is mostly
  // downloads, dpkg and gcc, which leave a core to the other.
  if (eras.length === 0) log(`the ${profile} profile has no ${onlyEra} images, nothing to do`);
  await Promise.all(eras.map((e) => buildEra(client, e)));
}

main().catch((err: unknown) => {
  console.error(`fixtures:real: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
});
