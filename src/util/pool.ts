// A bounded pool of async jobs: at most `limit` at once, stopping at the first failure.
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
