// Every jest run gets a temp root of its own, given to the tests as TMPDIR (os.tmpdir() and each
// process a test starts read it); __tests__/global-teardown.js removes it when the run ends, so
// test runs leave nothing behind in the machine's temp folder.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import process from 'node:process';

export default function setup() {
  if (process.env.TRITON_COMPOSE_TEST_TMP) return;
  const root = mkdtempSync(join(tmpdir(), 'triton-compose-tests-'));
  process.env.TRITON_COMPOSE_TEST_TMP = root;
  process.env.TMPDIR = root;
}
