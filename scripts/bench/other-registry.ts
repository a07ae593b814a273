// The second registry of a cross-registry scenario (scenarios.ts: otherRegistry): a
// `docker-registry serve` of its own, started empty in the run's folder, behind a link of the
// same shape as the test bed's (its own pacers: the source and the target are two servers), and
// the two links' byte counters added up for the wire floor.
import { type LinkProxy, type LinkShape, startLinkProxy } from '../lib/link.js';
import { startOwnRegistry } from '../lib/own-registry.js';

/** The second registry a cross-registry scenario pushes to: empty, behind a link of the route's shape. */
export interface OtherRegistry {
  /** host:port the commands are given (its link, or the registry) */
  host: string;
  /** host:port of the registry itself, for reading the result after the window */
  direct: string;
  link?: LinkProxy;
  close: () => Promise<void>;
}

export async function startOtherRegistry(shape: LinkShape | undefined, dir: string): Promise<OtherRegistry> {
  const registry = await startOwnRegistry(dir);
  const link = shape ? await startLinkProxy(`http://${registry.host}`, shape) : undefined;
  return {
    host: link?.host ?? registry.host,
    direct: registry.host,
    ...(link ? { link } : {}),
    close: async () => {
      await link?.close();
      await registry.stop('SIGTERM');
    },
  };
}

/** The links' byte counters added up; undefined when there is none (loopback). */
export function linkCounters(...proxies: (LinkProxy | undefined)[]): { down: number; up: number } | undefined {
  const links = proxies.flatMap((l) => (l ? [l.counters()] : []));
  return links.length ? links.reduce((a, b) => ({ down: a.down + b.down, up: a.up + b.up }), { down: 0, up: 0 }) : undefined;
}
