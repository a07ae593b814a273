// A network link of a chosen shape between a client and the test bed's registry: a proxy on
// 127.0.0.1 that paces every body to a bandwidth per direction, shared by all connections as
// one link is, and delays each request by the round trip (a new connection by one more, for
// its handshake). The benchmark runs its scenarios through it, so a time means what it would
// on a hosted runner; it also counts the body bytes that crossed, each way.
//
// Parsing and pacing are pure (the pacer takes a clock); the proxy is the I/O.
import { Agent, type IncomingMessage, type ServerResponse, createServer, request } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { Transform } from 'node:stream';

export interface LinkShape {
  /** what the flag said, normalized: "100MB/s,20ms", or "loopback" */
  name: string;
  /** body bytes per second toward the client (registry → runner); 0: unpaced */
  down: number;
  /** body bytes per second toward the registry (uploads); 0: unpaced */
  up: number;
  /** one round trip, ms */
  rttMs: number;
}

export const LOOPBACK: LinkShape = { name: 'loopback', down: 0, up: 0, rttMs: 0 };
/** A GitHub-hosted runner to a large registry, roughly: 100 MB/s each way, 20 ms away. */
export const DEFAULT_LINK = '100MB/s,20ms';

const RATE_UNITS: Record<string, number> = { 'KB/s': 1e3, 'MB/s': 1e6, 'GB/s': 1e9, 'Mbit/s': 1e6 / 8, 'Gbit/s': 1e9 / 8 };
const RATE = /^(\d+(?:\.\d+)?)(KB\/s|MB\/s|GB\/s|Mbit\/s|Gbit\/s)$/;
const LATENCY = /^(\d+(?:\.\d+)?)ms$/;

function parseRate(text: string, spec: string): number {
  const m = RATE.exec(text);
  if (!m || Number(m[1]) <= 0)
    throw new Error(`--link ${spec}: "${text}" is not a bandwidth: use e.g. 100MB/s or 800Mbit/s (KB/s, MB/s, GB/s, Mbit/s, Gbit/s)`);
  return Number(m[1]) * RATE_UNITS[m[2]];
}

/**
 * `loopback`, or `RATE[:UPRATE],LATENCY`: `100MB/s,20ms` (both ways), `200MB/s:50MB/s,30ms`
 * (down, then up). The latency is a round trip. Errors name the flag and what is accepted.
 */
export function parseLink(spec: string): LinkShape {
  const text = spec.trim();
  if (text === 'loopback') return LOOPBACK;
  const [rates, latency, ...rest] = text.split(',');
  if (latency === undefined || rest.length)
    throw new Error(`--link ${spec}: use loopback or BANDWIDTH[:UPLOAD-BANDWIDTH],LATENCY, e.g. 100MB/s,20ms`);
  const [downText, upText, ...more] = rates.split(':');
  if (more.length) throw new Error(`--link ${spec}: at most two bandwidths, down:up`);
  const down = parseRate(downText, spec);
  const up = upText === undefined ? down : parseRate(upText, spec);
  const l = LATENCY.exec(latency);
  if (!l) throw new Error(`--link ${spec}: "${latency}" is not a latency: use e.g. 20ms (a round trip)`);
  const rttMs = Number(l[1]);
  const fmt = (n: number) => `${+(n / 1e6).toFixed(3)}MB/s`;
  return { name: `${fmt(down)}${up === down ? '' : `:${fmt(up)}`},${rttMs}ms`, down, up, rttMs };
}

/**
 * One direction of a link: bytes queue behind each other at `bytesPerSecond`, whoever sends
 * them. `take(n)` books n bytes and says how long to hold them (ms) so they leave no sooner
 * than the link could carry them. An idle link lends at most `burstMs` of credit, as a real
 * one's buffers do; beyond that, idle time is not saved up.
 */
export class Pacer {
  private free = -Infinity;
  constructor(
    readonly bytesPerSecond: number,
    private readonly now: () => number = () => performance.now(),
    private readonly burstMs = 2,
  ) {}

  take(bytes: number): number {
    const now = this.now();
    const start = Math.max(this.free, now - this.burstMs);
    this.free = start + (bytes / this.bytesPerSecond) * 1000;
    return Math.max(0, this.free - now);
  }
}

/** A pass-through whose chunks leave when `pacer` says; `count` hears every chunk. */
export function pacedStream(pacer: Pacer | undefined, count: (n: number) => void): Transform {
  return new Transform({
    transform(chunk: Buffer, _enc, cb) {
      count(chunk.length);
      const wait = pacer ? pacer.take(chunk.length) : 0;
      if (wait < 1) cb(null, chunk);
      else setTimeout(() => cb(null, chunk), wait);
    },
  });
}

export interface LinkCounters {
  /** body bytes sent to clients */
  down: number;
  /** body bytes clients sent */
  up: number;
  requests: number;
  connections: number;
}

export interface LinkProxy {
  shape: LinkShape;
  /** host:port, to use as the registry's name */
  host: string;
  /** running totals since the proxy started; take two and subtract for a window */
  counters(): LinkCounters;
  close(): Promise<void>;
}

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/** Starts the link in front of `upstream` (http://host:port). */
export async function startLinkProxy(upstream: string, shape: LinkShape): Promise<LinkProxy> {
  const target = new URL(upstream);
  const downPacer = shape.down ? new Pacer(shape.down) : undefined;
  const upPacer = shape.up ? new Pacer(shape.up) : undefined;
  const totals: LinkCounters = { down: 0, up: 0, requests: 0, connections: 0 };
  const fresh = new WeakSet<Socket>();
  const half = shape.rttMs / 2;
  // Its own pool toward the registry, closed with the link.
  const agent = new Agent({ keepAlive: true });

  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    totals.requests++;
    // The request's way out, and one more round trip on a new connection (its handshake).
    let wait = half;
    if (fresh.has(req.socket)) {
      fresh.delete(req.socket);
      wait += shape.rttMs;
    }
    if (wait) await sleep(wait);
    if (res.destroyed) return;
    // X-Forwarded-Host: the registry writes upload locations for the link, so uploads come back through it.
    const headers = { ...req.headers, host: target.host, 'x-forwarded-host': req.headers.host ?? '' };
    const up = request({ host: target.hostname, port: target.port, method: req.method, path: req.url, headers, agent }, (upRes) => {
      const answer = () => {
        if (res.destroyed) {
          upRes.destroy();
          return;
        }
        res.writeHead(upRes.statusCode ?? 502, upRes.headers);
        upRes.pipe(pacedStream(downPacer, (n) => (totals.down += n))).pipe(res);
      };
      // The answer's way back.
      if (half) setTimeout(answer, half);
      else answer();
    });
    up.on('error', () => res.destroy());
    res.on('close', () => up.destroy());
    req.pipe(pacedStream(upPacer, (n) => (totals.up += n))).pipe(up);
  };

  const server = createServer((req, res) => void handle(req, res));
  server.on('connection', (socket: Socket) => {
    totals.connections++;
    if (shape.rttMs) fresh.add(socket);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  return {
    shape,
    host: `127.0.0.1:${port}`,
    counters: () => ({ ...totals }),
    close: () =>
      new Promise<void>((r) => {
        server.closeAllConnections();
        server.close(() => r());
        agent.destroy();
      }),
  };
}
