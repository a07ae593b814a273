// The benchmark's only way to run a program: an argument array, never a shell string, with the
// output kept for the report. Also the engine chores the runner needs between scenarios.
import { spawn } from 'node:child_process';

export interface Ran {
  code: number;
  stdout: string;
  stderr: string;
}

export function runCommand(cmd: string, args: string[], opts: { env?: NodeJS.ProcessEnv; timeoutMs?: number } = {}): Promise<Ran> {
  return new Promise((resolve) => {
    const child = spawn(cmd, args, { env: { ...process.env, ...opts.env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString('utf8')));
    child.stderr.on('data', (c: Buffer) => {
      stderr += c.toString('utf8');
      if (stderr.length > 2_000_000) stderr = stderr.slice(-1_000_000); // build logs are long
    });
    const timer = opts.timeoutMs ? setTimeout(() => child.kill('SIGTERM'), opts.timeoutMs) : undefined;
    child.on('error', (err) => {
      if (timer) clearTimeout(timer);
      resolve({ code: 127, stdout, stderr: stderr + err.message });
    });
    child.on('close', (code) => {
      if (timer) clearTimeout(timer);
      resolve({ code: code ?? 1, stdout, stderr });
    });
  });
}

/** Runs a command that must succeed; the error names it and carries the end of its output. */
export async function mustRun(cmd: string, args: string[], opts: { env?: NodeJS.ProcessEnv; timeoutMs?: number } = {}): Promise<Ran> {
  const r = await runCommand(cmd, args, opts);
  if (r.code !== 0) {
    const tail = (r.stderr + r.stdout).trim().split('\n').slice(-15).join('\n');
    throw new Error(`${cmd} ${args.join(' ')} exited ${r.code}:\n${tail}`);
  }
  return r;
}

/**
 * Empties the builder's state and removes the local images the benchmark made or pulled, by
 * reference only: other tests share this engine and keep their own images.
 */
export async function resetEngine(refs: Iterable<string>): Promise<void> {
  await mustRun('docker', ['builder', 'prune', '-af']);
  const list = [...refs];
  // "No such image" is fine: a failed run may not have made it.
  if (list.length) await runCommand('docker', ['image', 'rm', '-f', ...list]);
}

/** The engine's data folders: its root, and containerd's when that runs on its own. */
export async function engineFolders(): Promise<string[]> {
  const root = (await mustRun('docker', ['info', '--format', '{{.DockerRootDir}}'])).stdout.trim() || '/var/lib/docker';
  const dirs = [root];
  const containerd = await runCommand('test', ['-d', '/var/lib/containerd']);
  if (containerd.code === 0) dirs.push('/var/lib/containerd');
  return dirs;
}

export async function toolVersions(): Promise<Record<string, string>> {
  const v = async (cmd: string, args: string[]) => (await runCommand(cmd, args)).stdout.trim();
  return {
    docker: await v('docker', ['version', '--format', '{{.Server.Version}}']),
    buildx: await v('docker', ['buildx', 'version']),
  };
}

/**
 * The local images, by any name, whose ID is one of `ids`: from `docker images --no-trunc
 * --format '{{.ID}} {{.Repository}}:{{.Tag}}'`, each by its name, or by its ID when it has none.
 * Pure.
 */
export function planStaleImages(listing: string, ids: ReadonlySet<string>): string[] {
  const out = new Set<string>();
  for (const line of listing.split('\n')) {
    const [id, name] = line.trim().split(' ');
    if (!id || !ids.has(id)) continue;
    out.add(!name || name.includes('<none>') ? id : name);
  }
  return [...out];
}

/**
 * Removes every local image whose ID is one of `ids` (the fixtures' config digests), whatever it
 * is called: a copy an interrupted run pulled through a link of another port would let the
 * compose.py way's pull skip bytes it must fetch. The fixtures' copies are the benchmark's own
 * (their digests are no other test's), so nothing of another test goes. Returns what it removed.
 */
export async function removeStaleImages(ids: ReadonlySet<string>): Promise<string[]> {
  const listed = await mustRun('docker', ['images', '--no-trunc', '--format', '{{.ID}} {{.Repository}}:{{.Tag}}']);
  const stale = planStaleImages(listed.stdout, ids);
  if (stale.length) await mustRun('docker', ['image', 'rm', '-f', ...stale]);
  return stale;
}
