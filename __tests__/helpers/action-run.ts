// Runs the bundled entries the way users do (dist/index.js with INPUT_* variables, the CLI)
// and the Docker engine, for integration tests; model repositories for the fixture server.
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdtempSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const root = process.cwd(); // jest runs from the repository root

function parseOutputs(file: string): Record<string, string> {
  const out: Record<string, string> = {};
  const re = /^([^\n<]+)<<(\S+)\n([\s\S]*?)\n\2$/gm;
  for (const m of readFileSync(file, 'utf8').matchAll(re)) out[m[1]] = m[3];
  return out;
}

/**
 * The action's main entry with `inputs`; force is true unless given, as tests assert on a build
 * and the registry may already hold the same compose. `cwd`: the job's workspace (add's sources).
 */
/** The action as built in dist/, run by `node` (another Node's binary: `opts.node`, as a runner's node24). */
export function runAction(inputs: Record<string, string>, opts: { cwd?: string; node?: string } = {}) {
  const { node = 'node', ...rest } = opts;
  const dir = mkdtempSync(join(tmpdir(), 'tc-action-'));
  const env: Record<string, string> = {
    PATH: process.env.PATH ?? '',
    HOME: process.env.HOME ?? '/root',
    RUNNER_TEMP: dir,
    GITHUB_OUTPUT: join(dir, 'out'),
    GITHUB_STEP_SUMMARY: join(dir, 'summary.md'),
  };
  writeFileSync(env.GITHUB_OUTPUT, '');
  writeFileSync(env.GITHUB_STEP_SUMMARY, '');
  for (const [k, v] of Object.entries({ force: 'true', ...inputs })) env[`INPUT_${k.toUpperCase()}`] = v;
  if (opts.cwd) env.GITHUB_WORKSPACE = opts.cwd;
  const res = spawnSync(node, [join(root, 'dist', 'index.js')], { env, encoding: 'utf8', timeout: 300_000, ...rest });
  return {
    status: res.status,
    log: res.stdout + res.stderr,
    outputs: parseOutputs(env.GITHUB_OUTPUT),
    summary: readFileSync(env.GITHUB_STEP_SUMMARY, 'utf8'),
  };
}

/** The CLI with an argument array. */
/** The CLI as built in dist/, run by `node` (another Node's binary: `opts.node`). */
export function runCli(args: string[], opts: { cwd?: string; env?: NodeJS.ProcessEnv; node?: string } = {}) {
  const { node = 'node', ...rest } = opts;
  return spawnSync(node, [join(root, 'dist', 'cli', 'index.js'), ...args], { encoding: 'utf8', timeout: 300_000, ...rest });
}

export function docker(args: string[]) {
  return spawnSync('docker', args, { encoding: 'utf8', timeout: 300_000, maxBuffer: 64 * 1024 * 1024 });
}

/** A model repository with one model `m_<backend>` per backend, readable by any user. */
export function modelRepo(backends: string[]): string {
  const dir = mkdtempSync(join(tmpdir(), 'tc-models-'));
  chmodSync(dir, 0o755);
  for (const b of backends) {
    mkdirSync(join(dir, `m_${b}`));
    writeFileSync(join(dir, `m_${b}`, 'config.pbtxt'), `backend: "${b}"\n`);
  }
  return dir;
}
