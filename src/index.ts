// The action's entry: ncc bundles this into dist/index.js.
import { runMain } from './action/step.js';

await runMain();
