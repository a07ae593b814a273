// Builds the NGC-shaped fixture releases and pushes them to the test bed's registry
// (default 127.0.0.1:5000, or FIXTURE_REGISTRY). Deterministic: the same sources give the
// same digests, and an image whose tag already holds them is not pushed again.
//
//   npm run fixtures [-- --profile default|bench|large|metered] [-- --force]
//
// Without --profile it builds the default profile, then the metered one (what the tests read).
//
// --profile large pushes the 24.01 pair again with every noise file 9 times bigger (a ~2 GB
// full image) under tags ending in -large (tritonserver:24.01-py3-large, -py3-min-large), for
// the benchmark (npm run bench -- --profile large); the default images are left alone.
// --profile bench is the default 24.01 pair with its own digests (tags ending in -bench), for
// the benchmark's default profile on an engine that other tests share.
// --profile metered is the default 24.01 and 25.01 GPU pairs with digests of their own (tags
// ending in -metered), for the tests that count registry bytes or reset the engine
// (__tests__/metered) while the other integration tests run beside them.
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { RegistryClient } from '../src/registry/client.js';
import { type ImageRef, requireReference } from '../src/oci/reference.js';
import { type Entry, type ImageSpec, type Layer, buildLayer, pushImage } from './fixtures/oci.js';
import { type FixtureProfile, PROFILES, profileImages } from './fixtures/images.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const registry = process.env.FIXTURE_REGISTRY ?? '127.0.0.1:5000';
const force = process.argv.includes('--force');

/** The profile named by --profile; without it, the two the tests read. */
function readProfiles(argv: string[]): FixtureProfile[] {
  const i = argv.findIndex((a) => a === '--profile' || a.startsWith('--profile='));
  if (i < 0) return [PROFILES.default, PROFILES.metered];
  const name = argv[i].includes('=') ? argv[i].slice('--profile='.length) : argv[i + 1];
  if (name !== 'default' && name !== 'bench' && name !== 'large' && name !== 'metered')
    throw new Error(`--profile: "${name ?? ''}" is not a profile: use default, bench, large or metered`);
  return [PROFILES[name]];
}
let profile: FixtureProfile = PROFILES.default;

function ref(name: string): ImageRef {
  return requireReference(`${registry}/${name}`);
}

function applets(): string[] {
  const out = spawnSync('/bin/busybox', ['--list'], { encoding: 'utf8' });
  if (out.status !== 0) throw new Error('busybox-static is missing: run scripts/testbed.sh up');
  return out.stdout.split('\n').filter(Boolean).sort();
}

/** A hash of everything the images are made of, to skip all work when nothing changed. */
function recipeHash(): string {
  const h = createHash('sha256');
  const dir = join(root, 'scripts', 'fixtures');
  for (const f of readdirSync(dir).sort()) h.update(f).update(readFileSync(join(dir, f)));
  h.update(readFileSync(join(root, 'scripts', 'fixtures.ts')));
  h.update(readFileSync('/bin/busybox'));
  h.update(registry);
  h.update(JSON.stringify(profile));
  return h.digest('hex');
}

/** Identifies a layer by everything its bytes depend on, without building it. */
function layerKey(entries: Entry[], comment: string): string {
  const h = createHash('sha256').update(comment);
  for (const e of entries) {
    const { data, ...rest } = e;
    h.update(JSON.stringify(rest));
    if (data) h.update(data);
  }
  return h.digest('hex');
}

async function images(): Promise<[string, ImageSpec][]> {
  const built = new Map<string, Layer>(); // layers shared between images are built once
  const out: [string, ImageSpec][] = [];
  for (const img of profileImages(applets(), profile)) {
    const layers: Layer[] = [];
    for (const l of img.layers) {
      const key = layerKey(l.entries, l.comment);
      let layer = built.get(key);
      if (!layer) {
        // Only the gzip bytes are pushed: dropping the tar halves the memory a large profile needs.
        // Level 0 (stored): the noise files are incompressible, so any level gives the same
        // bytes within 1 %, and level 1 spent 25 of the build's 45 CPU-seconds failing to
        // compress them.
        layer = { ...(await buildLayer(l.entries, l.comment, 0)), tar: Buffer.alloc(0) };
        built.set(key, layer);
      }
      layers.push(layer);
    }
    out.push([
      img.name,
      {
        env: img.env,
        labels: img.labels,
        entrypoint: img.entrypoint,
        cmd: img.cmd,
        workdir: img.workdir,
        architecture: img.architecture,
        layers,
      },
    ]);
  }
  return out;
}

async function main(): Promise<void> {
  for (const p of readProfiles(process.argv.slice(2))) {
    profile = p;
    await buildProfile();
  }
}

/** Builds and pushes the images of `profile`, unless its stamp and the registry say they are there. */
async function buildProfile(): Promise<void> {
  // One stamp per profile, so building one profile never makes the other look stale.
  const stampName = `fixtures-${profile.name === 'default' ? '' : `${profile.name}-`}${registry.replace(/[^A-Za-z0-9.-]/g, '_')}.json`;
  const stampFile = join(root, '.testbed', stampName);
  const recipe = recipeHash();
  const client = new RegistryClient();
  if (!force) {
    try {
      const stamp = JSON.parse(readFileSync(stampFile, 'utf8')) as { recipe: string; digests: Record<string, string> };
      if (stamp.recipe === recipe) {
        const heads = await Promise.all(
          Object.entries(stamp.digests).map(async ([name, d]) => (await client.headManifest(ref(name))) === d),
        );
        if (heads.every(Boolean)) {
          console.log(`fixtures: all ${heads.length} images present in ${registry}, nothing to do`);
          return;
        }
      }
    } catch {
      // no stamp, or an old one: build
    }
  }
  const digests: Record<string, string> = {};
  for (const [name, spec] of await images()) {
    const { digest, pushed } = await pushImage(client, ref(name), spec);
    const mb = spec.layers.reduce((n, l) => n + l.gz.length, 0) / 1e6;
    console.log(
      `fixtures: ${pushed ? 'pushed ' : 'present'} ${registry}/${name} ${digest} (${mb.toFixed(1)} MB, ${spec.layers.length} layers)`,
    );
    digests[name] = digest;
  }
  mkdirSync(dirname(stampFile), { recursive: true });
  writeFileSync(stampFile, JSON.stringify({ recipe, digests }, null, 2) + '\n');
}

main().catch((err: unknown) => {
  console.error(`fixtures: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
});
