// The action's entry: ncc bundles this into dist/index.js.
import { run } from './action/run.js';

void run();
