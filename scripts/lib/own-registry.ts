// A `docker-registry serve` of its own, for the benchmark's second registry, drills that stop it
// and auth tests that guard it: the config file (loopback address, storage in a folder, quiet
// logs, deletes and htpasswd auth when asked) and a start that waits until /v2/ answers as it should.
import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import { type AddressInfo, createServer } from 'node:net';
import { join } from 'node:path';

/** A loopback port nothing listens on now. */
async function freePort(): Promise<number> {
  const srv = createServer();
  await new Promise<void>((r) => srv.listen(0, '127.0.0.1', r));
  const { port } = srv.address() as AddressInfo;
  await new Promise<void>((r) => srv.close(() => r()));
  return port;
}

export interface RegistryConfig {
  /** `127.0.0.1:<port>` the registry listens on. */
  host: string;
  /** Whether manifests and blobs may be deleted (a drill's cleanup). */
  deletes?: boolean;
  /** An htpasswd file: the registry then wants Basic credentials. */
  htpasswd?: string;
  /**
   * Whether the config names an upload-signing secret. Without one each start makes its own, so
   * an upload begun before a restart is not resumed after it (what the restart drill relies on).
   */
  secret?: boolean;
}

/** Writes `<dir>/config.yml` with storage in `<dir>/data` (made here); returns the config's path. */
async function writeRegistryConfig(dir: string, config: RegistryConfig): Promise<string> {
  const lines = [
    'version: 0.1',
    'log:',
    '  level: error',
    '  accesslog:',
    '    disabled: true',
    'storage:',
    '  filesystem:',
    `    rootdirectory: ${join(dir, 'data')}`,
    ...(config.deletes ? ['  delete:', '    enabled: true'] : []),
    'http:',
    `  addr: ${config.host}`,
    ...(config.secret ? [`  secret: ${randomBytes(16).toString('hex')}`] : []),
    ...(config.htpasswd ? ['auth:', '  htpasswd:', '    realm: triton-compose-test', `    path: ${config.htpasswd}`] : []),
    '',
  ];
  await mkdir(join(dir, 'data'), { recursive: true });
  const path = join(dir, 'config.yml');
  await writeFile(path, lines.join('\n'));
  return path;
}

/** Starts `docker-registry serve <config>` and waits until `host`'s /v2/ answers `ready` (200, or 401 with auth). */
async function spawnRegistry(config: string, host: string, ready: number): Promise<ChildProcess> {
  const child = spawn('docker-registry', ['serve', config], { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
  for (let i = 0; ; i++) {
    const status = await fetch(`http://${host}/v2/`).then(
      (r) => r.status,
      () => 0,
    );
    if (status === ready) return child;
    if (i > 200 || child.exitCode !== null) {
      child.kill();
      throw new Error(`the registry at ${host} did not start: ${stderr.slice(0, 500)}`);
    }
    await new Promise((r) => setTimeout(r, 50));
  }
}

export interface OwnRegistry {
  host: string;
  /** Ends the registry process (default SIGKILL: as a crash, nothing flushed) and waits for it. */
  stop(signal?: NodeJS.Signals): Promise<void>;
  /** Starts it again on the same port and storage. */
  start(): Promise<void>;
}

/**
 * A `docker-registry serve` of its own on a free loopback port, its storage under `dir`, with
 * `config`'s options (anonymous by default; `ready` is what /v2/ answers once it is up: 401
 * with htpasswd). It can be stopped and started again on the same port and storage.
 */
export async function startOwnRegistry(dir: string, config: Omit<RegistryConfig, 'host'> = {}, ready = 200): Promise<OwnRegistry> {
  const host = `127.0.0.1:${await freePort()}`;
  const file = await writeRegistryConfig(dir, { ...config, host });
  let child: ChildProcess | undefined;
  const start = async () => {
    child = await spawnRegistry(file, host, ready);
  };
  const stop = async (signal: NodeJS.Signals = 'SIGKILL') => {
    const proc = child;
    if (!proc || proc.exitCode !== null || proc.signalCode !== null) return;
    const exited = new Promise((r) => proc.once('exit', r));
    proc.kill(signal);
    await exited;
  };
  await start();
  return { host, start, stop };
}
