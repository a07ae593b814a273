// Runs the build cache store as the action does, in a process of its own with the env a
// runner (here, the stand-in cache service) gives it, so @actions/cache reads its settings
// from a real environment and logs through @actions/core to stdout (`::warning::…`).
// Usage: tsx build-cache-cli.ts restore <dir> <keys JSON>
//        tsx build-cache-cli.ts save <dir> <key> [<restored key>]
// The result, as JSON, is the last line of stdout.
import * as core from '@actions/core';
import { type CacheKeys, restoreBuildCache, saveBuildCache } from '../../src/cache/build-cache-store.js';

const log = { info: core.info, warning: core.warning };
const [command, dir, arg, restoredKey] = process.argv.slice(2);

async function main(): Promise<unknown> {
  if (command === 'restore' && dir && arg) return restoreBuildCache(dir, JSON.parse(arg) as CacheKeys, log);
  if (command === 'save' && dir && arg) return saveBuildCache(dir, arg, log, restoredKey ? { restoredKey } : {});
  throw new Error('usage: restore <dir> <keys JSON> | save <dir> <key> [<restored key>]');
}

main().then(
  (result) => process.stdout.write(`\n${JSON.stringify(result)}\n`),
  (err: unknown) => {
    process.stderr.write(`${err instanceof Error ? err.stack : String(err)}\n`);
    process.exitCode = 1;
  },
);
