// scripts/testbed.sh against the running test bed: `up` is idempotent and fast when all
// answers, `status` reports both servers, and `down` stops only the PIDs recorded in its own
// state folder. `down` is never run against the real state folder: the other integration
// tests need the test bed.
import { spawn, spawnSync } from 'node:child_process';
import { chmodSync, copyFileSync, existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../..', import.meta.url));
const script = join(root, 'scripts', 'testbed.sh');
const state = process.env.TESTBED_DIR ?? join(root, '.testbed');
const REGISTRY = '127.0.0.1:5000';

function testbed(
  args: string[],
  env: NodeJS.ProcessEnv = process.env,
): { status: number | null; stdout: string; stderr: string; ms: number } {
  const t0 = Date.now();
  const r = spawnSync('bash', [script, ...args], { encoding: 'utf8', env, timeout: 300_000 });
  const ms = Date.now() - t0;
  if (r.error) throw new Error(`bash ${script} ${args.join(' ')}: ${r.error.message}`);
  return { status: r.status, stdout: r.stdout, stderr: r.stderr, ms };
}

/** The PID files of the real state folder: content and modification time. */
function pidFiles(): Record<string, { pid: string; mtimeMs: number } | null> {
  const out: Record<string, { pid: string; mtimeMs: number } | null> = {};
  for (const name of ['dockerd', 'registry']) {
    const f = join(state, `${name}.pid`);
    out[name] = existsSync(f) ? { pid: readFileSync(f, 'utf8').trim(), mtimeMs: statSync(f).mtimeMs } : null;
  }
  return out;
}

/** Running and not a zombie (PID 1 here reaps late; see TESTBED.md). */
function alive(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const s = /\) ([A-Z])/.exec(stat)?.[1];
    return s !== undefined && s !== 'Z' && s !== 'X';
  } catch {
    return false;
  }
}

function sleepBinary(): string {
  for (const p of ['/usr/bin/sleep', '/bin/sleep']) if (existsSync(p)) return p;
  throw new Error('no sleep binary in /usr/bin or /bin');
}

function dockerAnswers(): boolean {
  return spawnSync('docker', ['info', '--format', '{{.ServerVersion}}'], { stdio: 'ignore', timeout: 15_000 }).status === 0;
}

async function registryAnswers(): Promise<boolean> {
  try {
    const res = await fetch(`http://${REGISTRY}/v2/`, { signal: AbortSignal.timeout(3_000) });
    await res.body?.cancel();
    return res.status === 200;
  } catch {
    return false;
  }
}

describe('scripts/testbed.sh', () => {
  test('up twice: the second run finds both servers answering and starts nothing', async () => {
    const before = pidFiles();
    const first = testbed(['up']);
    expect({ status: first.status, stderr: first.stderr }).toEqual({ status: 0, stderr: expect.any(String) });
    if (!/starting|installing/.test(first.stderr)) expect(pidFiles()).toEqual(before); // it was up already
    expect(dockerAnswers()).toBe(true);
    expect(await registryAnswers()).toBe(true);

    const mid = pidFiles();
    const second = testbed(['up']);
    expect(second.status).toBe(0);
    expect(second.stderr).toContain('testbed: docker engine already answers');
    expect(second.stderr).toContain(`testbed: registry already answers on ${REGISTRY}`);
    expect(second.stderr).not.toMatch(/starting|installing/);
    expect(pidFiles()).toEqual(mid);
  });

  test('status lists the engine and the registry', () => {
    const r = testbed(['status']);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/^dockerd: /m);
    expect(r.stdout).toMatch(/^registry: /m);
    expect(r.stdout).toMatch(/^docker: answers$/m);
    expect(r.stdout).toContain(`registry: answers on ${REGISTRY}`);
    // who started what: the PID files decide
    const files = pidFiles();
    for (const name of ['dockerd', 'registry']) {
      const f = files[name];
      if (f && alive(Number(f.pid))) expect(r.stdout).toContain(`${name}: running, started by the test bed (pid ${f.pid})`);
      else expect(r.stdout).toContain(`${name}: not started by the test bed`);
    }
  });

  test('down stops only the PIDs recorded in its own state folder', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'testbed-down-'));
    // Stand-ins for a dockerd and a registry that `up` would have started: `sleep 60`, run
    // from copies named like the real servers, so the test still holds if `down` ever checks
    // a PID's process name before stopping it.
    const sleepers = ['dockerd', 'docker-registry'].map((name) => {
      copyFileSync(sleepBinary(), join(dir, name));
      chmodSync(join(dir, name), 0o755);
      return spawn(join(dir, name), ['60'], { stdio: 'ignore' });
    });
    try {
      const exits = sleepers.map(
        (p) => new Promise<string | number | null>((res) => p.once('exit', (code, signal) => res(signal ?? code))),
      );
      const [dockerdStandIn, registryStandIn] = sleepers.map((p) => {
        if (p.pid === undefined) throw new Error('could not spawn sleep');
        return p.pid;
      });
      writeFileSync(join(dir, 'dockerd.pid'), `${dockerdStandIn}\n`);
      writeFileSync(join(dir, 'registry.pid'), `${registryStandIn}\n`);
      const realBefore = pidFiles();

      const r = testbed(['down'], { ...process.env, TESTBED_DIR: dir });
      expect(r.status).toBe(0);
      expect(r.stderr).toContain(`testbed: stopping dockerd (${dockerdStandIn})`);
      expect(r.stderr).toContain(`testbed: stopping registry (${registryStandIn})`);

      const timeout = new Promise<string>((res) => setTimeout(() => res('still running after 5 s'), 5_000).unref());
      expect(await Promise.race([Promise.all(exits), timeout])).toEqual(['SIGTERM', 'SIGTERM']);
      expect(existsSync(join(dir, 'dockerd.pid'))).toBe(false);
      expect(existsSync(join(dir, 'registry.pid'))).toBe(false);

      // the real test bed is untouched
      expect(pidFiles()).toEqual(realBefore);
      for (const f of Object.values(realBefore)) if (f) expect(alive(Number(f.pid))).toBe(true);
      expect(dockerAnswers()).toBe(true);
      expect(await registryAnswers()).toBe(true);
    } finally {
      for (const p of sleepers) if (p.exitCode === null && p.signalCode === null) p.kill('SIGKILL');
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
