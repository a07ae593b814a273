// Removes the run's temp root (see __tests__/global-setup.js). KEEP_TEST_TMP=1 keeps it, for a
// look after a failure; its path is printed then.
import { rmSync } from 'node:fs';
import console from 'node:console';
import process from 'node:process';

export default function teardown() {
  const root = process.env.TRITON_COMPOSE_TEST_TMP;
  if (!root) return;
  if (process.env.KEEP_TEST_TMP === '1') {
    console.log(`test temp root kept: ${root}`);
    return;
  }
  try {
    rmSync(root, { recursive: true, force: true, maxRetries: 2 });
  } catch (err) {
    console.warn(`could not remove the test temp root ${root}: ${err instanceof Error ? err.message : String(err)}`);
  }
}
