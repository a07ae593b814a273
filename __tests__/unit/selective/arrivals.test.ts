import { Arrivals, StagingFailed } from '../../../src/selective/arrivals.js';

/** Whether `p` has settled by the time the queued callbacks have run, and how. */
async function state(p: Promise<void>): Promise<'pending' | 'resolved' | 'rejected'> {
  let s: 'pending' | 'resolved' | 'rejected' = 'pending';
  p.then(
    () => (s = 'resolved'),
    () => (s = 'rejected'),
  );
  await new Promise((r) => setImmediate(r));
  return s;
}

test('a wait ends when its path arrives, before or after it began; another path keeps waiting', async () => {
  const a = new Arrivals();
  a.arrive('/s/early');
  expect(await state(a.wait('/s/early'))).toBe('resolved');
  const late = a.wait('/s/late');
  const twice = a.wait('/s/late');
  const other = a.wait('/s/other');
  expect(await state(late)).toBe('pending');
  a.arrive('/s/late');
  expect([await state(late), await state(twice), await state(other)]).toEqual(['resolved', 'resolved', 'pending']);
});

test('the end of the staging ends every wait, also for paths that never arrive', async () => {
  const a = new Arrivals();
  const open = a.wait('/s/never');
  a.end();
  expect(await state(open)).toBe('resolved');
  expect(await state(a.wait('/s/asked-after'))).toBe('resolved');
});

test('a failed staging fails every open and later wait with its cause, but not one for a path that arrived', async () => {
  const a = new Arrivals();
  a.arrive('/s/here');
  const open = a.wait('/s/missing');
  const cause = new Error('bytes 0-9 of layer sha256:ab could not be read');
  a.end(cause);
  a.end(); // the first end stands
  await expect(open).rejects.toThrow(new StagingFailed(cause));
  await expect(a.wait('/s/later')).rejects.toMatchObject({ name: 'StagingFailed', cause });
  expect(await state(a.wait('/s/here'))).toBe('resolved');
});
