import { GrowingFile, MemoryStage } from '../../../src/layer/memory-stage.js';

test('holds files up to its budget, counts a replaced file once, and lets go of them', () => {
  const m = new MemoryStage(10);
  expect(m.put('/s/a', Buffer.alloc(6))).toBe(true);
  expect(m.put('/s/b', Buffer.alloc(5))).toBe(false); // 11 > 10
  expect(m.has('/s/b')).toBe(false);
  expect(m.put('/s/b', Buffer.alloc(4))).toBe(true);
  expect(m.bytes).toBe(10);
  // replacing a held file counts the new size only
  expect(m.put('/s/a', Buffer.alloc(3))).toBe(true);
  expect(m.bytes).toBe(7);
  expect(m.put('/s/a', Buffer.alloc(7))).toBe(false); // 4 + 7 > 10: the old one stays
  expect(m.get('/s/a')?.length).toBe(3);
  m.delete('/s/a');
  m.delete('/s/missing');
  expect(m.has('/s/a')).toBe(false);
  expect(m.bytes).toBe(4);
});

test('a budget of 0 holds no byte: only an empty file fits', () => {
  const m = new MemoryStage(0);
  expect(m.put('/s/x', Buffer.alloc(1))).toBe(false);
  expect(m.put('/s/empty', Buffer.alloc(0))).toBe(true);
  expect(m.bytes).toBe(0);
});

test('room set aside for a file that arrives in pieces counts at once, and is given back or taken by that file', () => {
  const m = new MemoryStage(10);
  expect(m.reserve(6)).toBe(true);
  expect(m.reserve(5)).toBe(false); // 11 > 10
  expect(m.put('/s/a', Buffer.alloc(5))).toBe(false); // the room is spoken for
  m.putReserved('/s/big', Buffer.alloc(6));
  expect([m.bytes, m.get('/s/big')?.length]).toEqual([6, 6]);
  expect(m.reserve(4)).toBe(true);
  m.release(4);
  expect(m.bytes).toBe(6);
  // held again in new room: the old one is let go, the new one counted once
  expect(m.reserve(3)).toBe(true);
  m.putReserved('/s/big', Buffer.alloc(3));
  expect(m.bytes).toBe(3);
  m.delete('/s/big');
  expect(m.bytes).toBe(0);
});

test('a file arriving: shown while it grows, each wait ends when more is in or it is complete, and a failure reaches every wait', async () => {
  const m = new MemoryStage(10);
  const f = new GrowingFile(Buffer.alloc(6));
  expect(m.reserve(6)).toBe(true);
  m.arrive('/s/big', f);
  expect(m.growing('/s/big')).toBe(f);
  let more = false;
  const waiting = f.more(0).then(() => (more = true));
  await new Promise((r) => setImmediate(r));
  expect(more).toBe(false);
  f.grow(Buffer.from('abc'));
  await waiting;
  await f.more(2); // 3 bytes in: more than 2
  let done = false;
  const whole = f.done().then(() => (done = true));
  f.grow(Buffer.from('def'));
  await new Promise((r) => setImmediate(r));
  expect(done).toBe(false); // all bytes are in, but not yet checked
  m.putReserved('/s/big', f.data);
  f.finish();
  await whole;
  expect([m.growing('/s/big'), m.get('/s/big')?.toString()]).toEqual([undefined, 'abcdef']);
  await f.more(6); // complete: no more will come, and none is waited for

  const g = new GrowingFile(Buffer.alloc(4));
  m.arrive('/s/g', g);
  const w1 = g.more(0);
  const w2 = g.done();
  g.fail(new Error('damaged'));
  g.fail(new Error('the first failure stands'));
  await expect(w1).rejects.toThrow('damaged');
  await expect(w2).rejects.toThrow('damaged');
  m.forget('/s/g', new GrowingFile(Buffer.alloc(1))); // another file: it stays
  expect(m.growing('/s/g')).toBe(g);
  m.forget('/s/g', g);
  expect(m.growing('/s/g')).toBeUndefined();
});
