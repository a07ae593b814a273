// The one module that spawns processes (through @actions/exec: argument arrays, no shell).
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
