// The action's entry for both steps (action.yml runs it as main and as post): ncc bundles
// this into dist/index.js.
import { runStep } from './action/step.js';

await runStep();
