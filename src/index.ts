// The action's entry: ncc bundles this into dist/index.js.
import { run } from './main.js';

void run();
