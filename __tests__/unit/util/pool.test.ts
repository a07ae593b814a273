import { createLimiter, mapPool, runPool } from '../../../src/util/pool.js';

/** A job that records how many run beside it, and ends when told. */
function jobs() {
  let running = 0;
  let most = 0;
  const order: number[] = [];
  const ends: Array<() => void> = [];
  const job =
    (n: number, fail = false) =>
    async () => {
      running++;
      most = Math.max(most, running);
      order.push(n);
      await new Promise<void>((r) => ends.push(r));
      running--;
      if (fail) throw new Error(`job ${n} failed`);
      return n;
    };
  const endAll = async () => {
    while (ends.length || running) {
      ends.splice(0).forEach((e) => e());
      await new Promise((r) => setImmediate(r));
    }
  };
  return { job, endAll, order, most: () => most };
}

test('a limiter runs at most its limit at once, the others in the order they came, each with its result', async () => {
  const slot = createLimiter(2);
  const j = jobs();
  const results = [1, 2, 3, 4, 5].map((n) => slot(j.job(n)));
  await new Promise((r) => setImmediate(r));
  expect(j.order).toEqual([1, 2]);
  await j.endAll();
  expect(await Promise.all(results)).toEqual([1, 2, 3, 4, 5]);
  expect(j.order).toEqual([1, 2, 3, 4, 5]);
  expect(j.most()).toBe(2);
});

test('a failed job gives its error to its caller alone and frees its slot', async () => {
  const slot = createLimiter(1);
  const j = jobs();
  const a = slot(j.job(1, true));
  const b = slot(j.job(2));
  a.catch(() => undefined);
  await j.endAll();
  await expect(a).rejects.toThrow('job 1 failed');
  expect(await b).toBe(2);
  expect(await slot(async () => 'after')).toBe('after');
});

test('runPool stops taking items at the first failure and throws it', async () => {
  const seen: number[] = [];
  await expect(
    runPool([1, 2, 3, 4], 1, async (n) => {
      seen.push(n);
      if (n === 2) throw new Error('two');
    }),
  ).rejects.toThrow('two');
  expect(seen).toEqual([1, 2]);
});

test('mapPool: the results in the items order however the jobs end, at most `limit` at once', async () => {
  let now = 0;
  let most = 0;
  const got = await mapPool([30, 5, 20, 1, 10], 2, async (ms) => {
    most = Math.max(most, ++now);
    await new Promise((r) => setTimeout(r, ms));
    now--;
    return ms * 2;
  });
  expect([got, most]).toEqual([[60, 10, 40, 2, 20], 2]);
  await expect(mapPool([1, 2], 4, async (n) => (n === 2 ? Promise.reject(new Error('two')) : n))).rejects.toThrow('two');
});
