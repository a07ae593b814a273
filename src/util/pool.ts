// Bounded concurrency: a pool of async jobs over a list (at most `limit` at once, stopping at the
// first failure), the same keeping each job's result in order, and a limiter for work started
// from many places.
/** Runs `work` over `items`, `limit` at a time. */
export async function runPool<T>(items: T[], limit: number, work: (item: T) => Promise<void>): Promise<void> {
  let at = 0;
  const errors: unknown[] = [];
  const lane = async () => {
    while (at < items.length && errors.length === 0) {
      const item = items[at++];
      await work(item).catch((err: unknown) => void errors.push(err));
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, lane));
  if (errors.length) throw errors[0];
}

/** Runs `work` over `items`, `limit` at a time; the results in the items' order (a failure stops it, as runPool). */
export async function mapPool<T, R>(items: readonly T[], limit: number, work: (item: T) => Promise<R>): Promise<R[]> {
  const out = new Array<R>(items.length);
  await runPool([...items.keys()], limit, async (i) => {
    out[i] = await work(items[i]);
  });
  return out;
}

/** A gate for async work started anywhere: at most `limit` run at once, the others wait their turn in order. */
export function createLimiter(limit: number): <T>(work: () => Promise<T>) => Promise<T> {
  let active = 0;
  const waiting: Array<() => void> = [];
  return async (work) => {
    if (active >= limit) await new Promise<void>((go) => waiting.push(go));
    else active++;
    try {
      return await work();
    } finally {
      const next = waiting.shift();
      if (next)
        next(); // the slot passes on as it is
      else active--;
    }
  };
}
