// The action's post entry: ncc bundles this into dist/post/index.js.
import { runPost } from './action/step.js';

await runPost();
