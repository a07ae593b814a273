// Runs the action's main step through @github/local-action against the test bed, the way a
// developer tries the action without a runner: inputs from an .env file, the real
// @actions/core stubbed by the tool. Then checks what the registry holds against the digest
// output. Usage: npm run action:local [-- --keep] (needs the test bed and its fixtures).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { requirePlatform } from '../src/oci/platform.js';
import { requireReference } from '../src/oci/reference.js';
import { RegistryClient } from '../src/registry/client.js';

const REGISTRY = '127.0.0.1:5000';
const VERSION = '25.01';

/** The .env lines local-action reads: the action's inputs, and the runner's files. */
function renderEnv(dir: string, tag: string): string {
  const inputs: Record<string, string> = {
    'container-version': VERSION,
    'full-image': `${REGISTRY}/tritonserver:${VERSION}-py3`,
    'min-image': `${REGISTRY}/tritonserver:${VERSION}-py3-min`,
    backends: 'onnxruntime,python',
    tags: tag,
    push: 'true',
  };
  const lines = Object.entries(inputs).map(([k, v]) => `INPUT_${k.toUpperCase()}=${v}`);
  lines.push(`RUNNER_TEMP=${dir}`, `GITHUB_STEP_SUMMARY=${join(dir, 'summary.md')}`);
  return lines.join('\n') + '\n';
}

/** The outputs the main step set, from the workflow commands it printed. */
function parseOutputs(log: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const m of log.matchAll(/^::set-output name=([a-z-]+)::(.*)$/gm)) out.set(m[1], m[2]);
  return out;
}

async function main(): Promise<number> {
  const keep = process.argv.includes('--keep');
  const dir = mkdtempSync(join(tmpdir(), 'tc-local-action-'));
  const tag = `${REGISTRY}/local-action/check:${process.pid}`;
  const env = join(dir, '.env');
  writeFileSync(env, renderEnv(dir, tag));
  writeFileSync(join(dir, 'summary.md'), '');
  const res = spawnSync('npx', ['--no-install', 'local-action', 'run', '.', 'src/action/run.ts', env], {
    encoding: 'utf8',
    timeout: 300_000,
    env: { ...process.env, NO_COLOR: '1' },
  });
  const log = `${res.stdout ?? ''}${res.stderr ?? ''}`;
  const fail = (why: string) => {
    process.stderr.write(`${log}\nlocal-action: ${why}\n`);
    return 1;
  };
  if (res.status !== 0) return fail(`local-action exited ${res.status ?? res.signal}`);
  if (/^::error::/m.test(log)) return fail('the action reported an error');
  const outputs = parseOutputs(log);
  const digest = outputs.get('digest') ?? '';
  const pushed = await new RegistryClient().resolve(requireReference(tag), requirePlatform('linux/amd64'));
  if (pushed.digest !== digest) return fail(`${tag} is ${pushed.digest}, the digest output says "${digest}"`);
  const summary = readFileSync(join(dir, 'summary.md'), 'utf8');
  if (!summary.includes(digest)) return fail('the job summary does not name the digest');
  if (!keep) rmSync(dir, { recursive: true, force: true });
  process.stdout.write(`local-action: ran src/action/run.ts; pushed ${tag} ${digest}; ${outputs.size} outputs; summary written\n`);
  return 0;
}

process.exitCode = await main();
