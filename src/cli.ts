#!/usr/bin/env node
// The CLI's entry: ncc bundles this into dist/cli/index.js.
import { main } from './cli/main.js';

/**
 * Ends once stdout has taken everything written to it: a process.exit right after a large
 * --json report cuts it off at the pipe's buffer (64 KiB) when stdout is a pipe.
 */
function finish(code: number): void {
  process.exitCode = code;
  process.stdout.write('', () => process.exit(code));
}

main(process.argv.slice(2)).then(finish, (err: unknown) => {
  process.stderr.write(`error: ${err instanceof Error ? err.message : String(err)}\n`);
  finish(1);
});
