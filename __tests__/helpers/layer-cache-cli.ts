// Runs the layer cache store as the action does, in a process of its own with the env a runner
// (here, the stand-in cache service) gives it, so @actions/cache reads its settings from a real
// environment and logs through @actions/core to stdout (`::warning::…`).
// Usage: tsx layer-cache-cli.ts restore <cache dir> <digests JSON>
//        tsx layer-cache-cli.ts save <cache dir> <pending state>
// The result, as JSON, is the last line of stdout.
import * as core from '@actions/core';
import { parsePending, restoreLayerCaches, saveLayerCaches } from '../../src/cache/actions-layer-store.js';

const log = { info: core.info, warning: core.warning };
const [command, dir, arg] = process.argv.slice(2);

async function main(): Promise<unknown> {
  if (command === 'restore' && dir && arg) return restoreLayerCaches(JSON.parse(arg) as string[], dir, log);
  if (command === 'save' && dir && arg !== undefined) return saveLayerCaches(parsePending(arg), dir, log);
  throw new Error('usage: restore <cache dir> <digests JSON> | save <cache dir> <pending state>');
}

main().then(
  (result) => process.stdout.write(`\n${JSON.stringify(result)}\n`),
  (err: unknown) => {
    process.stderr.write(`${err instanceof Error ? err.stack : String(err)}\n`);
    process.exitCode = 1;
  },
);
