// The product doing its job on this machine, start to end:
//
//   npm run demo            (or: npx triton-compose demo, from a checkout)
//
// It brings the test bed up (a Docker engine and a registry on 127.0.0.1:5000) if it is not
// running, builds the NGC-shaped fixture releases if they are missing, composes a realistic
// part set from the fixture 24.01 images through the real pipeline (the CLI as the package
// ships it, dist/cli), pushes it to the local registry, prints the report, runs the composed
// image's server with one model of each kept backend, and says how to clean up.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const R = process.env.FIXTURE_REGISTRY ?? '127.0.0.1:5000';
const RELEASE = '24.01';
const BACKENDS = ['onnxruntime', 'python', 'pytorch'];
const TARGET = `${R}/demo/tritonserver:${RELEASE}-${BACKENDS.join('-')}`;

function step(title: string): void {
  process.stdout.write(`\n\x1b[1m== ${title}\x1b[0m\n`);
}

/** Runs a command with the terminal attached; stops the demo with its exit code on failure. */
function run(command: string, args: string[], opts: { quietOutput?: boolean } = {}): string {
  const r = spawnSync(command, args, { cwd: root, encoding: 'utf8', stdio: opts.quietOutput ? 'pipe' : 'inherit' });
  if (r.error) throw new Error(`${command} could not start: ${r.error.message}`);
  if (r.status !== 0) {
    if (opts.quietOutput) process.stderr.write(r.stderr ?? '');
    throw new Error(`${command} ${args.join(' ')} exited with ${r.status}`);
  }
  return r.stdout ?? '';
}

/** One model per backend: `<backend>_demo/{config.pbtxt,1/}`. */
function modelRepository(backends: string[]): string {
  const dir = mkdtempSync(join(tmpdir(), 'triton-compose-demo-models-'));
  for (const b of backends) {
    mkdirSync(join(dir, `${b}_demo`, '1'), { recursive: true });
    writeFileSync(join(dir, `${b}_demo`, 'config.pbtxt'), `name: "${b}_demo"\nbackend: "${b}"\nmax_batch_size: 0\n`);
  }
  return dir;
}

function main(): void {
  if (!existsSync(join(root, 'dist', 'cli', 'index.js'))) throw new Error('dist/cli/index.js is missing: run npm run bundle first');

  step('Test bed: a Docker engine and a registry on 127.0.0.1:5000');
  run('bash', ['scripts/testbed.sh', 'up']);

  step(`Fixture releases (NGC-shaped ${RELEASE} images in the local registry; skipped when present)`);
  run('npm', ['run', '-s', 'fixtures']);

  step(`Compose ${BACKENDS.join(', ')} + the checksum repository agent + the local cache, from ${RELEASE}`);
  const cli = [
    join('dist', 'cli', 'index.js'),
    '--container-version',
    RELEASE,
    '--image',
    `full,${R}/tritonserver:${RELEASE}-py3`,
    '--image',
    `min,${R}/tritonserver:${RELEASE}-py3-min`,
    ...BACKENDS.flatMap((b) => ['--backend', b]),
    '--repoagent',
    'checksum',
    '--cache',
    'local',
    '--tags',
    TARGET,
    '--push',
    'true',
    '--force',
    'true',
  ];
  process.stdout.write(`$ node ${cli.join(' ')}\n\n`);
  run('node', cli);

  step("Run the composed image's server with one model of each kept backend");
  const models = modelRepository(BACKENDS);
  try {
    run('docker', ['pull', '-q', TARGET], { quietOutput: true });
    const args = ['run', '--rm', '-v', `${models}:/models:ro`, TARGET, 'tritonserver', '--model-repository=/models'];
    process.stdout.write(`$ docker ${args.join(' ')}\n`);
    const served = spawnSync('docker', args, { encoding: 'utf8' });
    process.stdout.write(
      served.stderr
        .split('\n')
        .filter((l) => /^[+|]/.test(l))
        .join('\n') + '\n',
    );
    if (served.status !== 0) throw new Error(`the composed server failed (exit ${served.status}):\n${served.stderr}`);
  } finally {
    rmSync(models, { recursive: true, force: true });
  }

  step('Clean up');
  process.stdout.write(
    [
      `docker image rm ${TARGET}          # the pulled demo image`,
      'npm run testbed:down                # stop the engine and registry the test bed started',
      'rm -rf .testbed                     # the registry storage and logs, to start over',
      '',
    ].join('\n'),
  );
}

try {
  main();
} catch (err) {
  process.stderr.write(`demo: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exitCode = 1;
}
