// One entry for both steps: the main step marks the state so the runner's second start runs
// the post step, and nothing thrown escapes either.
import { IS_POST, runStep } from '../../../src/action/step.js';
import { fakeCore } from '../../helpers/fake-core.js';

const never = async (): Promise<never> => {
  throw new Error('not expected');
};

test('the main step leaves isPost first, and an unexpected throw fails it with its message', async () => {
  const core = fakeCore({ 'container-version': '24.01', summary: 'false' });
  await runStep({
    core,
    env: {},
    runCompose: async () => {
      throw new Error('engine went away');
    },
    save: { saveBuildCache: never, saveLayerCaches: never },
  });
  expect(core.calls).toEqual([
    { kind: 'saveState', name: IS_POST, value: 'true' },
    { kind: 'setFailed', text: 'engine went away' },
  ]);
});

test('with isPost set, the same entry runs the post step: no inputs read, no compose', async () => {
  const core = fakeCore({ gpu: 'maybe' }, { [IS_POST]: 'true', 'build-cache-dir': '/d', 'build-cache-key': 'k' });
  const saved: string[] = [];
  await runStep({
    core,
    runCompose: never,
    save: {
      saveBuildCache: async (dir, key) => {
        saved.push(`${dir} ${key}`);
        return { saved: true, key, cacheId: 1 };
      },
      saveLayerCaches: never,
    },
  });
  expect(saved).toEqual(['/d k']);
  expect(core.calls).toEqual([]);
});
