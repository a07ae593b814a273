import { Agent, createServer, request } from 'node:http';
import type { AddressInfo } from 'node:net';
import { LOOPBACK, Pacer, parseLink, startLinkProxy } from '../../../scripts/lib/link.js';

describe('parseLink', () => {
  test.each([
    ['loopback', LOOPBACK],
    ['100MB/s,20ms', { name: '100MB/s,20ms', down: 100e6, up: 100e6, rttMs: 20 }],
    [' 800Mbit/s,0.5ms ', { name: '100MB/s,0.5ms', down: 100e6, up: 100e6, rttMs: 0.5 }],
    ['1GB/s:250KB/s,80ms', { name: '1000MB/s:0.25MB/s,80ms', down: 1e9, up: 250e3, rttMs: 80 }],
  ])('%s', (spec, shape) => {
    expect(parseLink(spec)).toEqual(shape);
  });
});

describe('Pacer', () => {
  test('bytes leave no sooner than the link carries them, from whichever sender', () => {
    let now = 1000;
    const p = new Pacer(1e6, () => now, 0); // 1 MB/s: 1 kB per ms
    expect(p.take(5000)).toBe(5); // the first 5 kB are through at 5 ms
    expect(p.take(5000)).toBe(10); // a second sender queues behind them
    now += 4;
    expect(p.take(1000)).toBe(7); // 11 ms after the start, 4 ms have passed
    now += 100; // idle: no credit saved up without a burst allowance
    expect(p.take(2000)).toBe(2);
  });

  test('an idle link lends at most its burst', () => {
    let now = 0;
    const p = new Pacer(1e6, () => now, 3);
    expect(p.take(2000)).toBe(0); // within the 3 ms of credit
    expect(p.take(2000)).toBe(1); // 4 ms booked, 3 lent
    now += 1000;
    expect(p.take(10_000)).toBe(7); // 10 ms booked, only 3 lent however long it idled
  });
});

/** One request over `agent`; the answer's status, location and body. */
function send(agent: Agent, url: string, method: string, body?: Buffer): Promise<{ status: number; location?: string; body: Buffer }> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method, agent }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, location: res.headers.location, body: Buffer.concat(chunks) }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

describe('startLinkProxy', () => {
  test('forwards both ways intact, tells the registry the host clients used, and counts bodies', async () => {
    const seen: { host?: string; forwarded?: string; body: number }[] = [];
    const upstream = createServer((req, res) => {
      let body = 0;
      req.on('data', (c: Buffer) => (body += c.length));
      req.on('end', () => {
        seen.push({ host: req.headers.host, forwarded: req.headers['x-forwarded-host'] as string, body });
        res.writeHead(201, { location: '/v2/x/blobs/uploads/1' }).end(Buffer.alloc(300_000, 7));
      });
    });
    await new Promise<void>((r) => upstream.listen(0, '127.0.0.1', r));
    const target = `127.0.0.1:${(upstream.address() as AddressInfo).port}`;
    const link = await startLinkProxy(`http://${target}`, parseLink('50MB/s:10MB/s,2ms'));
    try {
      // one kept-alive connection for both requests
      const agent = new Agent({ keepAlive: true, maxSockets: 1 });
      const a = await send(agent, `http://${link.host}/v2/x/blobs/uploads/`, 'POST', Buffer.alloc(70_000, 1));
      expect([a.status, a.location]).toEqual([201, '/v2/x/blobs/uploads/1']);
      expect(a.body.equals(Buffer.alloc(300_000, 7))).toBe(true);
      const b = await send(agent, `http://${link.host}/v2/`, 'GET');
      agent.destroy();
      expect(b.body.length).toBe(300_000);
      expect(seen).toEqual([
        { host: target, forwarded: link.host, body: 70_000 },
        { host: target, forwarded: link.host, body: 0 },
      ]);
      expect(link.counters()).toEqual({ down: 600_000, up: 70_000, requests: 2, connections: 1 });
    } finally {
      await link.close();
      await new Promise<void>((r) => upstream.close(() => r()));
    }
  });
});
