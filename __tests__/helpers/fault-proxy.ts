// A proxy on 127.0.0.1 (random port) in front of a registry that breaks answers on purpose:
// per rule, a reset after N body bytes, a 5xx answer, a flipped body byte, or a stall; and
// uploads: a request body cut off after N bytes (the registry gets those, the client a reset);
// or a slow link: both bodies paced to a bandwidth. Rules match by method and path and apply
// to a number of requests, then step aside. `onChange` hears every change to the log at once.
import { type ClientRequest, type IncomingMessage, type ServerResponse, createServer, request } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Transform } from 'node:stream';

export type Fault =
  | { kind: 'reset'; afterBytes: number }
  | { kind: 'status'; status: number }
  | { kind: 'flip'; atByte: number }
  | { kind: 'stall'; afterBytes: number; ms: number }
  | { kind: 'delay'; ms: number }
  | { kind: 'cut'; afterBytes: number }
  /** Request and answer bodies each paced to this many bytes per second. */
  | { kind: 'throttle'; bytesPerSecond: number };

export interface FaultRule {
  method?: string;
  path: RegExp;
  /** Only requests with a Range header (true) or without one (false). */
  ranged?: boolean;
  /** How many matching requests get the fault; default 1. */
  times?: number;
  fault: Fault;
}

export interface ProxiedRequest {
  method: string;
  path: string;
  range?: string;
  status: number;
  fault?: Fault['kind'];
  /** Body bytes sent to the client. */
  bytes: number;
}

export interface FaultProxy {
  /** host:port, to use as the registry name. */
  host: string;
  log: ProxiedRequest[];
  rules: FaultRule[];
  /** Called with the entry whenever the log changes (a request arrives, is answered, or its body moves on). */
  onChange?: (entry: ProxiedRequest) => void;
  /** Adds rules beside those in force (each with its own count); the function returned takes them out. */
  addRules(rules: FaultRule[]): () => void;
  close(): Promise<void>;
}

/** A pass-through that lets bytes out no faster than `bytesPerSecond` (averaged from its first byte). */
export function throttleStream(bytesPerSecond: number): Transform {
  let start = 0;
  let passed = 0;
  return new Transform({
    transform(chunk: Buffer, _enc, cb) {
      start ||= Date.now();
      passed += chunk.length;
      const wait = start + (passed / bytesPerSecond) * 1000 - Date.now();
      if (wait <= 0) cb(null, chunk);
      else setTimeout(() => cb(null, chunk), wait);
    },
  });
}

export interface ProxyOptions {
  /** The path asked upstream for the one a client asked (the log keeps the client's). */
  rewrite?: (path: string) => string;
}

export async function startFaultProxy(upstream: string, rules: FaultRule[] = [], opts: ProxyOptions = {}): Promise<FaultProxy> {
  const target = new URL(upstream);
  const log: ProxiedRequest[] = [];
  const state: { rules: (FaultRule & { left: number })[]; onChange?: (entry: ProxiedRequest) => void } = {
    rules: rules.map((r) => ({ ...r, left: r.times ?? 1 })),
  };
  const upstreams = new Set<ClientRequest>();
  let closed = false;
  const handle = (req: IncomingMessage, res: ServerResponse) => {
    const path = req.url ?? '/';
    const range = req.headers.range;
    const rule = state.rules.find(
      (r) =>
        r.left > 0 &&
        (!r.method || r.method === req.method) &&
        r.path.test(path) &&
        (r.ranged === undefined || r.ranged === (range !== undefined)),
    );
    if (rule) rule.left--;
    const fault = rule?.fault;
    const entry: ProxiedRequest = {
      method: req.method ?? 'GET',
      path,
      status: 0,
      bytes: 0,
      ...(range ? { range } : {}),
      ...(fault ? { fault: fault.kind } : {}),
    };
    const changed = () => state.onChange?.(entry);
    log.push(entry);
    changed();
    if (fault?.kind === 'status') {
      entry.status = fault.status;
      changed();
      res.writeHead(fault.status, { 'content-type': 'application/json' }).end('{"errors":[{"code":"UNAVAILABLE","message":"injected"}]}');
      req.resume();
      return;
    }
    const forward = () => {
      if (closed || res.destroyed) return; // a delayed request whose client already gave up
      // agent: false, one connection per request: nothing pooled outlives close().
      // X-Forwarded-Host: the registry writes upload locations for the proxy, so uploads come back through it.
      const headers = { ...req.headers, host: target.host, 'x-forwarded-host': req.headers.host ?? '' };
      const upPath = opts.rewrite?.(path) ?? path;
      const up = request({ host: target.hostname, port: target.port, method: req.method, path: upPath, headers, agent: false }, (upRes) => {
        entry.status = upRes.statusCode ?? 0;
        changed();
        res.writeHead(upRes.statusCode ?? 502, upRes.headers);
        if (fault?.kind === 'throttle') {
          upRes.on('data', (chunk: Buffer) => {
            entry.bytes += chunk.length;
            changed();
          });
          upRes.pipe(throttleStream(fault.bytesPerSecond)).pipe(res);
          return;
        }
        let sent = 0;
        upRes.on('data', (chunk: Buffer) => {
          if (sent === Infinity) return;
          let out = chunk;
          if (fault?.kind === 'flip' && fault.atByte >= sent && fault.atByte < sent + chunk.length) {
            out = Buffer.from(chunk);
            out[fault.atByte - sent] ^= 0x01;
          }
          if ((fault?.kind === 'reset' || fault?.kind === 'stall') && sent + out.length > fault.afterBytes) {
            const head = out.subarray(0, Math.max(0, fault.afterBytes - sent));
            entry.bytes += head.length;
            changed();
            upRes.destroy();
            // Reset once the head is handed to the kernel, so the client gets exactly it; a
            // stall: the rest never comes, the client has to give up on it.
            res.write(head, () => (fault.kind === 'reset' ? res.socket?.destroy() : setTimeout(() => res.socket?.destroy(), fault.ms)));
            sent = Infinity;
            return;
          }
          sent += out.length;
          entry.bytes += out.length;
          changed();
          if (!res.write(out)) {
            upRes.pause();
            res.once('drain', () => upRes.resume());
          }
        });
        upRes.on('end', () => res.end());
      });
      up.on('error', () => res.destroy());
      // A client that gives up (digest error, idle timeout) leaves the upstream answer paused
      // on a drain that never comes: close it with the client, or its socket outlives the test.
      res.on('close', () => up.destroy());
      upstreams.add(up);
      up.on('close', () => upstreams.delete(up));
      if (fault?.kind === 'throttle') {
        req.pipe(throttleStream(fault.bytesPerSecond)).pipe(up);
        return;
      }
      if (fault?.kind !== 'cut') {
        req.pipe(up);
        return;
      }
      let seen = 0;
      req.on('data', (chunk: Buffer) => {
        if (seen >= fault.afterBytes) return;
        const head = chunk.subarray(0, fault.afterBytes - seen);
        seen += head.length;
        entry.bytes += head.length;
        if (seen < fault.afterBytes) up.write(head);
        else
          up.write(head, () => {
            up.destroy();
            req.socket.destroy();
          });
      });
    };
    if (fault?.kind === 'delay') setTimeout(forward, fault.ms);
    else forward();
  };
  const server = createServer(handle);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  return {
    host: `127.0.0.1:${port}`,
    log,
    get rules() {
      return state.rules;
    },
    set rules(next: FaultRule[]) {
      state.rules = next.map((r) => ({ ...r, left: r.times ?? 1 }));
    },
    get onChange() {
      return state.onChange;
    },
    set onChange(hear: ((entry: ProxiedRequest) => void) | undefined) {
      state.onChange = hear;
    },
    addRules(more: FaultRule[]) {
      const added = more.map((r) => ({ ...r, left: r.times ?? 1 }));
      state.rules.push(...added);
      return () => {
        state.rules = state.rules.filter((r) => !added.includes(r));
      };
    },
    close: () =>
      new Promise<void>((r) => {
        closed = true;
        for (const up of upstreams) up.destroy();
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
}
