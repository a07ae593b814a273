// No credential ever shows: composes with every kind of secret (Basic credentials in the
// Docker config's auths, Bearer tokens of the token flow, a credential helper's answer, cache
// tokens in cache-from/cache-to) through the CLI and the action, then every place a secret
// could land is searched for each one and its base64 forms: log lines, the --json report, the
// job summary, the action's outputs, files left in the temp folder (the Dockerfile), and the
// result's config (history, labels) as the registry holds it.
import { spawn } from 'node:child_process';
import { chmod, mkdir, mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readDockerCredentials } from '../../src/registry/credentials.js';
import { RegistryClient } from '../../src/registry/client.js';
import { requireReference } from '../../src/oci/reference.js';
import { type Running, type User, startHtpasswdRegistry, startTokenRegistry } from '../helpers/auth-registry.js';

const R = '127.0.0.1:5000';
const root = process.cwd();
const rand = () => Math.random().toString(36).slice(2, 12);
const HELPER_USER: User = { username: 'helper-user', password: `helperpw-${rand()}` };
const AUTHS_USER: User = { username: 'auths-user', password: `authspw-${rand()}` };
const GHA_TOKEN = `ghatoken-${rand()}`;
const GH_TOKEN = `ghtoken-${rand()}`;
const MALFORMED_SECRET = `${rand()}${rand()}`;

let source: Running & { tokens: () => string[] };
let store: Running;
let target: Running & { tokens: () => string[] };
let dockerConfig: string;
let bin: string;
const folders: string[] = [];
const servers: Running[] = [];

/** The secret, and the forms it may travel in: base64 of it and of user:secret. */
function forms(secret: string, username?: string): string[] {
  const out = [secret, Buffer.from(secret).toString('base64').replace(/=+$/, '')];
  if (username) out.push(Buffer.from(`${username}:${secret}`).toString('base64').replace(/=+$/, ''));
  return out;
}

function allSecrets(): string[] {
  return [
    ...forms(HELPER_USER.password, HELPER_USER.username),
    ...forms(AUTHS_USER.password, AUTHS_USER.username),
    ...forms(GHA_TOKEN),
    ...forms(GH_TOKEN),
    ...[...source.tokens(), ...target.tokens()].flatMap((t) => forms(t)),
  ];
}

/** Each place (name → text) that holds a secret, as "place: secret". */
function leaks(places: Record<string, string>, secrets = allSecrets()): string[] {
  const found: string[] = [];
  for (const [place, text] of Object.entries(places)) for (const s of secrets) if (text.includes(s)) found.push(`${place}: ${s}`);
  return found;
}

beforeAll(async () => {
  bin = await mkdtemp(join(tmpdir(), 'secrets-bin-'));
  folders.push(bin);
  // A credential helper as docker-credential-helpers has them: the registry on stdin, JSON out.
  await writeFile(
    join(bin, 'docker-credential-tctest'),
    `#!/bin/sh\ncat >/dev/null\necho '{"ServerURL":"x","Username":"${HELPER_USER.username}","Secret":"${HELPER_USER.password}"}'\n`,
  );
  // A broken one: the bare token instead of JSON, as a hand-written helper might print.
  await writeFile(join(bin, 'docker-credential-tcbroken'), `#!/bin/sh\ncat >/dev/null\necho '${MALFORMED_SECRET}'\n`);
  await chmod(join(bin, 'docker-credential-tctest'), 0o755);
  await chmod(join(bin, 'docker-credential-tcbroken'), 0o755);
  source = await startTokenRegistry(`http://${R}`, [HELPER_USER]);
  store = await startHtpasswdRegistry([]);
  target = await startTokenRegistry(`http://${store.host}`, [AUTHS_USER]);
  servers.push(source, target, store);
  dockerConfig = await mkdtemp(join(tmpdir(), 'secrets-docker-'));
  folders.push(dockerConfig);
  const auth = Buffer.from(`${AUTHS_USER.username}:${AUTHS_USER.password}`).toString('base64');
  await writeFile(
    join(dockerConfig, 'config.json'),
    JSON.stringify({ auths: { [target.host]: { auth } }, credHelpers: { [source.host]: 'tctest' } }),
    { mode: 0o600 },
  );
});

afterAll(async () => {
  await Promise.all(servers.map((s) => s.close()));
  await Promise.all(folders.map((f) => rm(f, { recursive: true, force: true })));
});

/** Every file under `dir`, as text. */
async function filesUnder(dir: string): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const n of await readdir(dir, { recursive: true }).catch(() => [] as string[])) {
    const text = await readFile(join(dir, n), 'utf8').catch(() => undefined);
    if (text !== undefined) out[`file ${n}`] = text;
  }
  return out;
}

function exec(script: string, args: string[], env: Record<string, string>): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [script, ...args], { env });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    child.on('close', (code) => resolve({ code: code ?? 1, stdout, stderr }));
  });
}

async function folder(prefix: string): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), prefix));
  folders.push(dir);
  return dir;
}

/** The CLI with the test's Docker config and helpers; returns its streams and the temp folder's files. */
async function runCli(args: string[], config = dockerConfig) {
  const temp = await folder('secrets-tmp-');
  const env = {
    PATH: `${bin}:${process.env.PATH ?? ''}`,
    HOME: process.env.HOME ?? '/root',
    TMPDIR: temp,
    XDG_CACHE_HOME: await folder('secrets-cache-'),
    DOCKER_CONFIG: config,
  };
  const res = await exec(join(root, 'dist', 'cli', 'index.js'), args, env);
  return { ...res, files: await filesUnder(temp) };
}

function images(from: string): string[] {
  return ['--full-image', `${from}/tritonserver:24.01-py3`, '--min-image', `${from}/tritonserver:24.01-py3-min`, '--backends', 'python'];
}

const CACHES = [
  '--cache-from',
  `type=gha,url=http://127.0.0.1:9/,token=${GHA_TOKEN},scope=tc`,
  '--cache-from',
  `${R}/cache/secrets:buildcache`,
  '--cache-to',
  `type=gha,token=${GHA_TOKEN},ghtoken=${GH_TOKEN},mode=max`,
  '--cache-to',
  `type=registry,ref=${R}/cache/secrets:buildcache,mode=max`,
];

test('CLI, direct push: helper, Basic and Bearer credentials nowhere in logs, report, temp files or the image', async () => {
  const tag = `${target.host}/secrets/direct:1`;
  const run = await runCli([...images(source.host), '--tags', tag, '--push', '--json', '--verbose']);
  if (run.code !== 0) throw new Error(`compose failed:\n${run.stderr}`);
  expect(source.tokens().length).toBeGreaterThan(0);
  expect(target.tokens().length).toBeGreaterThan(0);
  const client = new RegistryClient({ credentials: readDockerCredentials({ DOCKER_CONFIG: dockerConfig, PATH: process.env.PATH }) });
  const ref = requireReference(tag);
  const image = await client.resolve(ref, { os: 'linux', architecture: 'amd64' });
  const manifest = await client.getManifest(ref, image.manifestDigest);
  const places = {
    stdout: run.stdout,
    stderr: run.stderr,
    config: JSON.stringify(image.config),
    manifest: manifest.body.toString('utf8'),
    ...run.files,
  };
  expect(Object.keys(places).length).toBeGreaterThan(4);
  expect(leaks(places)).toEqual([]);
});

test('CLI dry run with cache tokens: the Buildx command, the Dockerfile and the report mask them', async () => {
  const run = await runCli([
    ...images(source.host),
    '--tags',
    `${target.host}/secrets/dry:1`,
    '--dry-run',
    '--json',
    '--verbose',
    ...CACHES,
  ]);
  if (run.code !== 0) throw new Error(`dry run failed:\n${run.stderr}`);
  expect(run.stderr).toMatch(/Dry run: docker buildx build .*--cache-to/);
  const dockerfile = /^Dockerfile: (.+)$/m.exec(run.stderr)?.[1] ?? '';
  const places = { stdout: run.stdout, stderr: run.stderr, dockerfile: await readFile(dockerfile, 'utf8'), ...run.files };
  expect(places.dockerfile).toMatch(/^FROM /m);
  expect(leaks(places)).toEqual([]);
});

/** name<<delimiter … delimiter records, as GITHUB_OUTPUT holds them. */
function parseRecords(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const m of text.matchAll(/^([^\n<]+)<<(\S+)\n([\s\S]*?)\n\2$/gm)) out[m[1]] = m[3];
  return out;
}

test('the action, dry run with cache tokens: every secret in the log is masked first; outputs and summary hold none', async () => {
  const dir = await folder('secrets-action-');
  const files = { GITHUB_OUTPUT: join(dir, 'output'), GITHUB_STEP_SUMMARY: join(dir, 'summary.md'), GITHUB_STATE: join(dir, 'state') };
  for (const f of Object.values(files)) await writeFile(f, '');
  await mkdir(join(dir, 'temp'));
  const env: Record<string, string> = {
    PATH: `${bin}:${process.env.PATH ?? ''}`,
    HOME: process.env.HOME ?? '/root',
    DOCKER_CONFIG: dockerConfig,
    RUNNER_TEMP: join(dir, 'temp'),
    RUNNER_TOOL_CACHE: join(dir, 'tool-cache'),
    ...files,
  };
  const inputs = {
    'full-image': `${source.host}/tritonserver:24.01-py3`,
    'min-image': `${source.host}/tritonserver:24.01-py3-min`,
    backends: 'python',
    tags: `${target.host}/secrets/action:1`,
    'dry-run': 'true',
    'cache-from': `type=gha,url=http://127.0.0.1:9/,token=${GHA_TOKEN},scope=tc`,
    'cache-to': `type=gha,token=${GHA_TOKEN},ghtoken=${GH_TOKEN},mode=max`,
  };
  for (const [k, v] of Object.entries(inputs)) env[`INPUT_${k.toUpperCase()}`] = v;
  const run = await exec(join(root, 'dist', 'index.js'), [], env);
  const log = run.stdout + run.stderr;
  if (run.code !== 0) throw new Error(`action failed:\n${log}`);
  // The runner hides what ::add-mask:: named from then on; anything else must not appear at all.
  const masked = new Set<string>();
  const unmasked: string[] = [];
  for (const line of log.split('\n')) {
    const m = /^::add-mask::(.*)$/.exec(line);
    if (m) masked.add(m[1]);
    else for (const s of allSecrets()) if (line.includes(s) && ![...masked].some((x) => x.includes(s))) unmasked.push(`${s} in: ${line}`);
  }
  expect(unmasked).toEqual([]);
  expect(masked).toEqual(new Set([GHA_TOKEN, GH_TOKEN, ...masked]));
  const outputs = parseRecords(await readFile(files.GITHUB_OUTPUT, 'utf8'));
  expect(outputs.dockerfile).toBeTruthy();
  const places = {
    outputs: JSON.stringify(outputs),
    summary: await readFile(files.GITHUB_STEP_SUMMARY, 'utf8'),
    state: await readFile(files.GITHUB_STATE, 'utf8'),
    ...(await filesUnder(join(dir, 'temp'))),
  };
  expect(leaks(places)).toEqual([]);
});

test('a registry that echoes the Authorization header back: the error does not quote it', async () => {
  const server = createServer((req, res) => {
    req.resume();
    const auth = req.headers.authorization;
    if (!auth) res.writeHead(401, { 'www-authenticate': 'Basic realm="echo"' }).end();
    else
      res.writeHead(403, { 'content-type': 'text/plain' }).end(`denied for ${auth} (${Buffer.from(auth.slice(6), 'base64').toString()})`);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  servers.push({ host: '', close: () => new Promise<void>((r) => server.close(() => r())) });
  const host = `127.0.0.1:${(server.address() as AddressInfo).port}`;
  const config = await folder('secrets-echo-');
  const auth = Buffer.from(`${AUTHS_USER.username}:${AUTHS_USER.password}`).toString('base64');
  await writeFile(join(config, 'config.json'), JSON.stringify({ auths: { [host]: { auth } } }));
  const run = await runCli([...images(host), '--tags', `${store.host}/secrets/echo:1`, '--push', '--json'], config);
  expect(run.code).toBe(1);
  expect(run.stderr).toMatch(/access denied/);
  expect(leaks({ stdout: run.stdout, stderr: run.stderr, ...run.files })).toEqual([]);
});

// Leaks today: src/registry/credentials.ts runCredentialHelper() hands the helper's stdout to
// JSON.parse, whose SyntaxError quotes the start of the text it could not read (`error:
// Unexpected token 'k', "k3x9…"... is not valid JSON`: the token's first 10 characters); the
// error travels up unredacted (the client has not seen the secret yet, so redact() cannot
// know it) and the CLI prints it. Flip to test() once the parse error is replaced by one
// that names the helper and not its output.
test('a credential helper that prints malformed JSON: the error does not quote its output', async () => {
  const config = await folder('secrets-broken-');
  await writeFile(join(config, 'config.json'), JSON.stringify({ credHelpers: { [source.host]: 'tcbroken' } }));
  const run = await runCli([...images(source.host), '--tags', `${store.host}/secrets/broken:1`, '--push', '--json'], config);
  expect(run.code).toBe(1);
  expect(run.stderr).toMatch(/docker-credential-tcbroken/);
  // Any 6 characters of it in a row are too many.
  const pieces = Array.from({ length: MALFORMED_SECRET.length - 5 }, (_, i) => MALFORMED_SECRET.slice(i, i + 6));
  expect(leaks({ stdout: run.stdout, stderr: run.stderr, ...run.files }, pieces)).toEqual([]);
});
