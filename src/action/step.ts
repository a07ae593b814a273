// The action's steps as the entries start them: nothing thrown escapes. An unexpected throw
// in the main step fails it with its message; in the post step it is a warning, as every
// other post-step problem (a cache only ever speeds a later build up).
import { message } from '../util/errors.js';
import { realCore } from './core.js';
import { type PostDeps, post } from './post.js';
import { type ActionDeps, run } from './run.js';

export async function runMain(overrides: Partial<ActionDeps> = {}): Promise<void> {
  const core = overrides.core ?? realCore;
  try {
    await run(overrides);
  } catch (err) {
    core.setFailed(message(err));
  }
}

export async function runPost(overrides: Partial<PostDeps> = {}): Promise<void> {
  const core = overrides.core ?? realCore;
  try {
    await post(overrides);
  } catch (err) {
    core.warning(`post step: ${message(err)}`);
  }
}
