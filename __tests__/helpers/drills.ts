// What the reliability drills share: the shipped CLI run as a child process (its own cache and
// temp folders, stderr line by line so a drill can act on progress), a check that a tag never
// names a missing blob, and a distribution registry of the drill's own that it can stop and start.
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdir, mkdtemp, readdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type ImageRef, requireReference } from '../../src/oci/reference.js';
import { RegistryClient } from '../../src/registry/client.js';
import { type Manifest } from '../../src/oci/types.js';
import { type OwnRegistry, startOwnRegistry } from '../../scripts/lib/own-registry.js';

export const FIXTURES = '127.0.0.1:5000';
const CLI = join(process.cwd(), 'dist', 'cli', 'index.js');

/** A name unique to this run, so each drill pushes into repositories nothing else has filled. */
export const RUN_ID = `${Date.now().toString(36)}${process.pid.toString(36)}`;

export interface Parts {
  backends: string[];
  repoagents?: string[];
  caches?: string[];
}

export interface Pins {
  full: string;
  min: string;
}

/**
 * The digests the 24.01 fixture tags name now. Drills compare digests across runs, and the
 * shared fixtures may be rebuilt meanwhile (npm run fixtures): pinned, a drill reads one image.
 */
export async function pinFixtures(client: RegistryClient): Promise<Pins> {
  const full = await client.headManifest(ref(`${FIXTURES}/tritonserver:24.01-py3`));
  const min = await client.headManifest(ref(`${FIXTURES}/tritonserver:24.01-py3-min`));
  if (!full || !min) throw new Error('the 24.01 fixtures are missing: run npm run fixtures');
  return { full, min };
}

export interface ComposeSpec {
  /** Registry the fixture images are read from (host:port). */
  source: string;
  /** Where the full image is read from instead (host:port[/prefix]); min stays at `source`, as the result's base label names it. */
  fullSource?: string;
  /** The fixtures' manifest digests, so every run of a drill reads the same images. */
  pins: Pins;
  /** The tag to push, host:port/repository:tag. */
  tag: string;
  parts: Parts;
  force?: boolean;
  /** XDG_CACHE_HOME of the child: the layer indexes and piece records. */
  cacheHome: string;
  /** TMPDIR of the child: whatever staging it leaves is found here. */
  tempDir: string;
}

export interface ComposeResult {
  status: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  ms: number;
}

export interface Compose {
  child: ChildProcess;
  /** stderr lines so far. */
  lines: string[];
  done: Promise<ComposeResult>;
}

export function composeArgs(spec: ComposeSpec): string[] {
  const args = ['--container-version', '24.01'];
  const full = `${spec.fullSource ?? spec.source}/tritonserver@${spec.pins.full}`;
  args.push('--image', `full,${full}`, '--image', `min,${spec.source}/tritonserver@${spec.pins.min}`);
  for (const b of spec.parts.backends) args.push('--backend', b);
  for (const a of spec.parts.repoagents ?? []) args.push('--repoagent', a);
  for (const c of spec.parts.caches ?? []) args.push('--cache', c);
  args.push('--tags', spec.tag, '--push', 'true', '--json');
  if (spec.force) args.push('--force');
  return args;
}

/** No compose of a drill takes this long even on a loaded machine: past it, it is killed and fails. */
export const COMPOSE_LIMIT_MS = 180_000;

/** Starts the CLI; `onLine` sees every stderr line as it comes. Killed after COMPOSE_LIMIT_MS. */
export function startCompose(spec: ComposeSpec, onLine?: (line: string) => void): Compose {
  const t0 = Date.now();
  const env = { ...process.env, XDG_CACHE_HOME: spec.cacheHome, TMPDIR: spec.tempDir };
  const child = spawn(process.execPath, [CLI, ...composeArgs(spec)], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  const lines: string[] = [];
  let stdout = '';
  let stderr = '';
  let partial = '';
  child.stdout?.on('data', (c: Buffer) => (stdout += c.toString()));
  child.stderr?.on('data', (c: Buffer) => {
    stderr += c.toString();
    const split = (partial + c.toString()).split('\n');
    partial = split.pop() ?? '';
    for (const line of split) {
      lines.push(line);
      onLine?.(line);
    }
  });
  let overdue = false;
  const limit = setTimeout(() => {
    overdue = true;
    child.kill('SIGKILL');
  }, COMPOSE_LIMIT_MS);
  const done = new Promise<ComposeResult>((resolve) =>
    child.on('close', (status, signal) => {
      clearTimeout(limit);
      if (overdue) stderr += `\n(the drill killed this compose after ${COMPOSE_LIMIT_MS} ms)\n`;
      resolve({ status, signal: overdue ? null : signal, stdout, stderr, ms: Date.now() - t0 });
    }),
  );
  return { child, lines, done };
}

export async function runCompose(spec: ComposeSpec): Promise<ComposeResult> {
  return startCompose(spec).done;
}

/** The digest the JSON report names; throws with the error first, then the log, when the compose failed. */
export function digestOf(run: ComposeResult): string {
  if (run.status !== 0) {
    const lines = run.stderr.trim().split('\n');
    const error = lines.find((l) => l.startsWith('error:')) ?? lines[lines.length - 1];
    throw new Error(`compose failed (${run.status ?? run.signal}): ${error}\n${run.stderr}`);
  }
  const report = JSON.parse(run.stdout) as { ok: boolean; digest: string };
  if (!report.ok) throw new Error(`compose reported failure:\n${run.stdout}`);
  return report.digest;
}

export async function makeDirs(prefix: string): Promise<{ cacheHome: string; tempDir: string }> {
  const root = await mkdtemp(join(tmpdir(), `drill-${prefix}-`));
  await mkdir(join(root, 'cache'));
  await mkdir(join(root, 'tmp'));
  return { cacheHome: join(root, 'cache'), tempDir: join(root, 'tmp') };
}

export async function leftovers(tempDir: string): Promise<string[]> {
  return (await readdir(tempDir)).sort();
}

export const ref = (text: string): ImageRef => requireReference(text);

export interface TagState {
  /** The manifest digest the tag names, or undefined when there is no tag. */
  digest?: string;
  layers: string[];
  /** Blobs the manifest names that the registry does not hold. */
  missing: string[];
}

/** What the tag points at, and which of the blobs its manifest names are missing. */
export async function readTagState(client: RegistryClient, tag: string): Promise<TagState> {
  const r = ref(tag);
  const digest = await client.headManifest(r);
  if (!digest) return { layers: [], missing: [] };
  const { body } = await client.getManifest(r, digest);
  const manifest = JSON.parse(body.toString('utf8')) as Manifest;
  const layers = manifest.layers.map((l) => l.digest);
  const missing: string[] = [];
  for (const d of [manifest.config.digest, ...layers]) if (!(await client.hasBlob(r, d))) missing.push(d);
  return { digest, layers, missing };
}

/** A registry of the drill's own (deletes on, for its cleanup), that it can stop and start. */
export const startDrillRegistry = (dir: string): Promise<OwnRegistry> => startOwnRegistry(dir, { deletes: true });
