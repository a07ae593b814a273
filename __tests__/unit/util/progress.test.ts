import { NO_PROGRESS, createProgress, planTransferName, renderBytes, renderTransfer, tracked } from '../../../src/util/progress.js';

test.each<[string, { total: number; done: number }, number, string]>([
  ['a third of a layer', { total: 3_000_000_000, done: 1_000_000_000 }, 10_000, 'layer  1.0 GB / 3.0 GB  33%  100.0 MB/s  20 s left'],
  ['done', { total: 5_000_000, done: 5_000_000 }, 1_000, 'layer  5.0 MB / 5.0 MB  100%  5.0 MB/s'],
  ['no total known', { total: 0, done: 1500 }, 1_000, 'layer  1.5 kB  1.5 kB/s'],
  ['minutes left', { total: 10_000_000_000, done: 1_000_000_000 }, 10_000, 'layer  1.0 GB / 10.0 GB  10%  100.0 MB/s  1 min 30 s left'],
])('%s', (_why, s, at, line) => {
  expect(renderTransfer({ name: 'layer', started: 0, ...s }, at)).toBe(line);
});

test('in a log: a line every 10 s or 10 %, whichever comes later', () => {
  let now = 0;
  const out: string[] = [];
  const p = createProgress({ write: (t) => out.push(t), now: () => now, live: false });
  const t = p.start('sha256:ab… (1.0 GB)', 1_000_000_000);
  for (let i = 0; i < 100; i++) {
    now += 1_000; // 1 s per 10 MB: 10 % every 10 s
    t.add(10_000_000);
  }
  t.end();
  expect(out).toEqual([
    'sha256:ab… (1.0 GB)  100.0 MB / 1.0 GB  10%  10.0 MB/s  1 min 30 s left\n',
    'sha256:ab… (1.0 GB)  200.0 MB / 1.0 GB  20%  10.0 MB/s  1 min 20 s left\n',
    'sha256:ab… (1.0 GB)  300.0 MB / 1.0 GB  30%  10.0 MB/s  1 min 10 s left\n',
    'sha256:ab… (1.0 GB)  400.0 MB / 1.0 GB  40%  10.0 MB/s  1 min 0 s left\n',
    'sha256:ab… (1.0 GB)  500.0 MB / 1.0 GB  50%  10.0 MB/s  50 s left\n',
    'sha256:ab… (1.0 GB)  600.0 MB / 1.0 GB  60%  10.0 MB/s  40 s left\n',
    'sha256:ab… (1.0 GB)  700.0 MB / 1.0 GB  70%  10.0 MB/s  30 s left\n',
    'sha256:ab… (1.0 GB)  800.0 MB / 1.0 GB  80%  10.0 MB/s  20 s left\n',
    'sha256:ab… (1.0 GB)  900.0 MB / 1.0 GB  90%  10.0 MB/s  10 s left\n',
    'sha256:ab… (1.0 GB)  1.0 GB / 1.0 GB  100%  10.0 MB/s\n',
  ]);
});

test('in a log: a fast small transfer says nothing', () => {
  let now = 0;
  const out: string[] = [];
  const t = createProgress({ write: (x) => out.push(x), now: () => now, live: false }).start('small', 1000);
  now = 500;
  t.add(1000);
  t.end();
  expect(out).toEqual([]);
});

test('on a terminal: live lines and a total, redrawn in place, gone when done', () => {
  let now = 0;
  const out: string[] = [];
  const p = createProgress({ write: (t) => out.push(t), now: () => now, live: true });
  const a = p.start('a', 2_000_000);
  const b = p.start('b', 1_000_000);
  now = 1_000;
  a.add(1_000_000);
  b.add(500_000);
  a.end();
  b.end();
  expect(out).toEqual([
    '\x1b[0Ja  0 B / 2.0 MB  0%  0 B/s\n',
    '\x1b[1F\x1b[0Ja  0 B / 2.0 MB  0%  0 B/s\nb  0 B / 1.0 MB  0%  0 B/s\ntotal  0 B / 3.0 MB  0%  0 B/s\n',
    '\x1b[3F\x1b[0Ja  1.0 MB / 2.0 MB  50%  1.0 MB/s  1 s left\nb  0 B / 1.0 MB  0%  0 B/s\ntotal  1.0 MB / 3.0 MB  33%  1.0 MB/s  2 s left\n',
    // a has ended: its bytes stay in the total, which never goes back
    '\x1b[3F\x1b[0Jb  500.0 kB / 1.0 MB  50%  500.0 kB/s  1 s left\ntotal  1.5 MB / 3.0 MB  50%  1.5 MB/s  1 s left\n',
    '\x1b[2F\x1b[0J',
  ]);
});

test.each<[number, string]>([
  [0, '0 B'],
  [999, '999 B'],
  [1500, '1.5 kB'],
  [999_960, '1.0 MB'],
  [1_234_000_000, '1.2 GB'],
])('%d bytes read %s', (n, text) => {
  expect(renderBytes(n)).toBe(text);
});

test('a transfer is named by what it does, a short digest and its size', () => {
  expect(planTransferName('index', `sha256:${'0123456789abcdef'.repeat(4)}`, 1_234_000_000)).toBe('index sha256:0123456789ab… 1.2 GB');
  expect(planTransferName('upload', 'linux/amd64 python', 5_000)).toBe('upload linux/amd64 python 5.0 kB');
});

test('in a log: a transfer that has spoken says where it ended', () => {
  let now = 0;
  const out: string[] = [];
  const t = createProgress({ write: (x) => out.push(x), now: () => now, live: false }).start('big', 1_000_000_000);
  now = 10_000;
  t.add(150_000_000);
  now = 15_000;
  t.add(850_000_000);
  t.end();
  t.add(1); // after its end: nothing
  t.end();
  expect(out).toEqual(['big  150.0 MB / 1.0 GB  15%  15.0 MB/s  57 s left\n', 'big  1.0 GB / 1.0 GB  100%  66.7 MB/s\n']);
});

test('in a log: a transfer of unknown size says something every 10 s', () => {
  let now = 0;
  const out: string[] = [];
  const t = createProgress({ write: (x) => out.push(x), now: () => now, live: false }).start('stream', 0);
  for (let i = 0; i < 25; i++) {
    now += 1_000;
    t.add(1_000_000);
  }
  t.end();
  expect(out).toEqual(['stream  10.0 MB  1.0 MB/s\n', 'stream  20.0 MB  1.0 MB/s\n', 'stream  25.0 MB  1.0 MB/s\n']);
});

test('on a terminal: a log line goes above the live lines, which are drawn again; long lines are cut', () => {
  const out: string[] = [];
  const p = createProgress({ write: (t) => out.push(t), now: () => 0, live: true, columns: 20 });
  p.print('before\n');
  const a = p.start('a rather long transfer name', 1000);
  p.print('a log line\n');
  a.end();
  expect(out).toEqual(['before\n', '\x1b[0Ja rather long tran…\n', '\x1b[1F\x1b[0Ja log line\na rather long tran…\n', '\x1b[1F\x1b[0J']);
});

test('tracked counts the bytes of a stream and ends its transfer', async () => {
  const events: string[] = [];
  async function* chunks() {
    yield Buffer.alloc(3);
    yield Buffer.alloc(4);
  }
  const got: number[] = [];
  for await (const c of tracked(chunks(), { add: (n) => events.push(`add ${n}`), end: () => events.push('end') })) got.push(c.length);
  expect(got).toEqual([3, 4]);
  expect(events).toEqual(['add 3', 'add 4', 'end']);
  expect(NO_PROGRESS.start('x', 1).add(1)).toBeUndefined();
});
