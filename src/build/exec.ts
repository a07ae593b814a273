// The one module that spawns processes: argument arrays, never a shell. Commands whose output
// is text go through @actions/exec; the two binary pipes (an OCI tar out of Buildx, into
// `docker load`) use child_process directly, which @actions/exec cannot stream.
import { execFile, spawn } from 'node:child_process';
import type { Readable, Writable } from 'node:stream';
import * as exec from '@actions/exec';

export interface ExecResult {
  exitCode: number;
  stdout: string;
  stderr: string;
}

export interface ExecOptions {
  /** Stream output lines as they come (the build log). */
  onLine?: (line: string) => void;
  silent?: boolean;
  env?: Record<string, string>;
}

export async function execCommand(command: string, args: string[], opts: ExecOptions = {}): Promise<ExecResult> {
  let stdout = '';
  let stderr = '';
  let partial = '';
  const feed = (chunk: string) => {
    if (!opts.onLine) return;
    partial += chunk;
    const lines = partial.split('\n');
    partial = lines.pop() ?? '';
    for (const l of lines) opts.onLine(l);
  };
  const exitCode = await exec.exec(command, args, {
    ignoreReturnCode: true,
    silent: opts.silent ?? true,
    ...(opts.env ? { env: { ...process.env, ...opts.env } as Record<string, string> } : {}),
    listeners: {
      stdout: (b: Buffer) => {
        stdout += b.toString();
        feed(b.toString());
      },
      stderr: (b: Buffer) => {
        stderr += b.toString();
        feed(b.toString());
      },
    },
  });
  if (partial && opts.onLine) opts.onLine(partial);
  return { exitCode, stdout, stderr };
}

export interface PipeOptions {
  /** Lines of the command's stderr (the build log), as they come. */
  onLine?: (line: string) => void;
  env?: Record<string, string>;
  /** Consumes stdout (binary); a rejection stops the command. */
  consume: (stdout: Readable) => Promise<void>;
}

/** The error for a command that could not be started (not installed, not executable): `could not run docker: ENOENT`. */
export function spawnFailure(command: string, err: unknown): Error {
  const code = (err as NodeJS.ErrnoException | undefined)?.code;
  return new Error(`could not run ${command}: ${code ?? (err instanceof Error ? err.message : String(err))}`);
}

/**
 * Runs a command whose stdout is data (an OCI tar from `--output type=oci,dest=-`), handing it
 * to a consumer while stderr streams as log lines. When the consumer fails, the command is
 * stopped and the consumer's error wins; a command that cannot be started fails with
 * spawnFailure's message.
 */
export async function execPipe(command: string, args: string[], opts: PipeOptions): Promise<{ exitCode: number }> {
  const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, ...opts.env } });
  let partial = '';
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
    partial += chunk;
    const lines = partial.split('\n');
    partial = lines.pop() ?? '';
    for (const l of lines) opts.onLine?.(l);
  });
  let spawnError: Error | undefined;
  const exited = new Promise<number>((resolve) => {
    child.on('error', (err) => (spawnError ??= spawnFailure(command, err)));
    child.on('close', (code, signal) => resolve(code ?? (signal ? 128 : 1)));
  });
  try {
    await opts.consume(child.stdout);
  } catch (err) {
    child.kill('SIGTERM');
    await exited;
    throw spawnError ?? err;
  }
  const exitCode = await exited;
  if (spawnError) throw spawnError;
  if (partial && opts.onLine) opts.onLine(partial);
  return { exitCode };
}

export interface InputCommand {
  /** Where to write the command's input; once the command has gone, it is destroyed (an EPIPE is no error here). */
  stdin: Writable;
  /**
   * The command's exit code and output once it has ended; rejects with spawnFailure's error
   * when it could not be started. Never an unhandled rejection, even when awaited late.
   */
  done: Promise<ExecResult>;
  /** Stops the command (when what feeds it failed). */
  stop: () => void;
}

/** Starts a command that reads stdin (docker load); every stream of it has its error handled here. */
export function spawnWithInput(command: string, args: string[]): InputCommand {
  const child = spawn(command, args, { stdio: ['pipe', 'pipe', 'pipe'], env: { ...process.env } });
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (c: string) => (stdout += c));
  child.stderr.setEncoding('utf8').on('data', (c: string) => (stderr += c));
  // A write after the command stopped reading fails with EPIPE: the exit code and stderr say why.
  child.stdin.on('error', () => child.stdin.destroy());
  let spawnError: Error | undefined;
  const done = new Promise<ExecResult>((resolve, reject) => {
    child.on('error', (err) => (spawnError ??= spawnFailure(command, err)));
    child.on('close', (code) => (spawnError ? reject(spawnError) : resolve({ exitCode: code ?? 1, stdout, stderr })));
  });
  done.catch(() => undefined); // handled: the caller awaits it when the input is written
  return { stdin: child.stdin, done, stop: () => void child.kill('SIGTERM') };
}

/**
 * A short command whose answer is awaited at most `timeoutMs` (a `docker version` against an
 * engine that never answers must not hang the run). A command that cannot start answers exit
 * code 127 with the reason in stderr. The environment is passed as this process sees it (DOCKER_HOST,
 * DOCKER_CONTEXT decide which engine answers).
 */
export function execBounded(command: string, args: string[], timeoutMs: number): Promise<ExecResult> {
  return new Promise((resolve) => {
    execFile(command, args, { timeout: timeoutMs, encoding: 'utf8', env: process.env }, (err, stdout, stderr) => {
      if (!err) return resolve({ exitCode: 0, stdout, stderr });
      const e = err as NodeJS.ErrnoException & { killed?: boolean; code?: number | string };
      if (e.code === 'ENOENT') return resolve({ exitCode: 127, stdout: '', stderr: `${command} is not installed (not found in PATH)` });
      if (e.killed) return resolve({ exitCode: 124, stdout, stderr: stderr || `no answer within ${timeoutMs} ms` });
      resolve({ exitCode: typeof e.code === 'number' ? e.code : 1, stdout, stderr });
    });
  });
}
