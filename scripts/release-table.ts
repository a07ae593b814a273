// `npm run releases:readme`: rewrites the README's release table (between
// <!-- releases:start --> and <!-- releases:end -->) from the release table in src/spec/releases.
// `-- --check` only says whether it is up to date (exit 1 when not).
import { readFile, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { renderReadmeReleases } from './lib/release-table.js';

const readmePath = join(dirname(fileURLToPath(import.meta.url)), '..', 'README.md');
const check = process.argv.includes('--check');
const readme = await readFile(readmePath, 'utf8');
const updated = renderReadmeReleases(readme);
if (updated === readme) {
  process.stdout.write('README.md: the release table is up to date\n');
} else if (check) {
  process.stderr.write('README.md: the release table is out of date; run npm run releases:readme\n');
  process.exitCode = 1;
} else {
  await writeFile(readmePath, updated);
  process.stdout.write('README.md: release table rewritten\n');
}
