// The wire floor of a cross-registry scenario counts both links: the test bed's and the second registry's.
import type { LinkCounters, LinkProxy } from '../../../scripts/lib/link.js';
import { parseLink } from '../../../scripts/lib/link.js';
import { linkCounters } from '../../../scripts/bench/other-registry.js';

const proxy = (c: Partial<LinkCounters>): LinkProxy => ({
  shape: parseLink('100MB/s,20ms'),
  host: '127.0.0.1:1',
  counters: () => ({ down: 0, up: 0, requests: 0, connections: 0, ...c }),
  close: () => Promise.resolve(),
});

test('linkCounters adds up the links there are, and gives nothing on loopback', () => {
  expect(linkCounters(proxy({ down: 3_589, up: 12 }), proxy({ down: 5, up: 2_451 }))).toEqual({ down: 3_594, up: 2_463 });
  expect(linkCounters(proxy({ down: 7, up: 1 }), undefined)).toEqual({ down: 7, up: 1 });
  expect(linkCounters(undefined, undefined)).toBeUndefined();
});
