// Which step this start of dist/index.js is, and nothing thrown escapes it. The runner starts
// the same file for main and post; main leaves the state isPost, so the second start runs the
// post step (as Docker's own actions do: one bundle, not two copies of the cache SDK).
// An unexpected throw fails the main step with its message; in the post step it is a warning,
// as every other post-step problem (a cache only ever speeds a later build up).
import { message } from '../util/errors.js';
import { realCore } from './core.js';
import { type PostDeps, post } from './post.js';
import { type ActionDeps, run } from './run.js';

export const IS_POST = 'isPost';

export async function runStep(overrides: Partial<ActionDeps & PostDeps> = {}): Promise<void> {
  const core = overrides.core ?? realCore;
  if (core.getState(IS_POST)) {
    try {
      await post(overrides);
    } catch (err) {
      core.warning(`post step: ${message(err)}`);
    }
    return;
  }
  core.saveState(IS_POST, 'true');
  try {
    await run(overrides);
  } catch (err) {
    core.setFailed(message(err));
  }
}
