// The action's post entry: ncc bundles this into dist/post/index.js.
import { post } from './action/post.js';

await post();
