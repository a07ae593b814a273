// How fast a scenario could possibly be on this machine and link: the wire floor (the bytes that
// crossed the link over its bandwidth, each direction on its own) and the CPU floor (the bytes
// inflated and deflated, at the rates native zlib reaches on all cores here). A run's time over
// the larger floor is the figure to drive down. Pure.
import type { LinkShape } from '../lib/link.js';

/** Native zlib on every core of the machine, measured in the same benchmark run. */
export interface ZlibRates {
  level: number;
  cores: number;
  /** uncompressed bytes per second deflated, all cores together */
  deflate: number;
  /** compressed bytes per second inflated, all cores together */
  inflate: number;
}

export interface Work {
  /** body bytes that came down the link (all of them: blobs, manifests, tokens) */
  down: number;
  /** body bytes that went up the link (uploads, manifests) */
  up: number;
  /** compressed bytes a client had to inflate: the blob bodies it fetched */
  inflated: number;
  /** uncompressed bytes a client had to deflate: the tars of the layers it uploaded */
  deflated: number;
}

export interface Floors {
  /** seconds the link needs for the bytes; 0 over loopback */
  wire: number;
  /** seconds native zlib on all cores needs for the bytes */
  cpu: number;
  /** the larger of the two */
  floor: number;
}

export function floorsOf(work: Work, link: LinkShape, rates: ZlibRates): Floors {
  const over = (bytes: number, perSecond: number) => (perSecond ? bytes / perSecond : 0);
  const wire = Math.max(over(work.down, link.down), over(work.up, link.up));
  const cpu = over(work.inflated, rates.inflate) + over(work.deflated, rates.deflate);
  const round = (n: number) => Math.round(n * 1000) / 1000;
  return { wire: round(wire), cpu: round(cpu), floor: round(Math.max(wire, cpu)) };
}
