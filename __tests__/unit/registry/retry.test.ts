// The retry policy: jittered backoff, Retry-After in seconds or as a date (capped), and a
// registry that throttles with 429 + Retry-After is waited for, not hammered.
import { RegistryClient } from '../../../src/registry/client.js';
import { MAX_RETRY_AFTER_MS, backoffMs, isRetryableStatus, parseRetryAfter, retryDelayMs } from '../../../src/registry/retry.js';
import { type FakeRegistry, startFakeRegistry } from '../../helpers/fake-registry.js';

test('backoff doubles up to 5 s and takes a random half off', () => {
  expect([1, 2, 3, 10].map((n) => backoffMs(n, () => 1))).toEqual([200, 400, 800, 5_000]);
  expect([1, 2, 3, 10].map((n) => backoffMs(n, () => 0))).toEqual([100, 200, 400, 2_500]);
  expect(backoffMs(2, () => 0.5)).toBe(300);
});

test('Retry-After in seconds or as an HTTP date, capped; anything else is ignored', () => {
  const now = Date.parse('Tue, 01 Dec 2026 12:00:00 GMT');
  expect(parseRetryAfter('2', now)).toBe(2_000);
  expect(parseRetryAfter(' 0 ', now)).toBe(0);
  expect(parseRetryAfter('Tue, 01 Dec 2026 12:00:03 GMT', now)).toBe(3_000);
  expect(parseRetryAfter('Tue, 01 Dec 2026 11:00:00 GMT', now)).toBe(0);
  expect(parseRetryAfter('86400', now)).toBe(MAX_RETRY_AFTER_MS);
  expect([parseRetryAfter(null), parseRetryAfter(''), parseRetryAfter('-1'), parseRetryAfter('soon'), parseRetryAfter('1.5')]).toEqual([
    undefined,
    undefined,
    undefined,
    undefined,
    undefined,
  ]);
  expect(retryDelayMs(1, 429, '1', () => 1)).toBe(1_000);
  expect(retryDelayMs(1, 503, '1', () => 1)).toBe(1_000);
  expect(retryDelayMs(1, 500, '1', () => 1)).toBe(200); // only 429 and 503 carry it
  expect(retryDelayMs(1, 429, null, () => 1)).toBe(200);
  expect([500, 502, 429, 404, 401].map(isRetryableStatus)).toEqual([true, true, true, false, false]);
});

describe('against a registry', () => {
  let r: FakeRegistry;
  beforeEach(async () => {
    r = await startFakeRegistry();
  });
  afterEach(async () => r.close());

  test('429 with Retry-After: 1 is waited for before the next try', async () => {
    const digest = r.putBlob('x/y', Buffer.from('abc'));
    r.rules.push({ path: /\/blobs\//, fault: { kind: 'status', status: 429, retryAfter: '1' } });
    const started = Date.now();
    expect(
      (await new RegistryClient({ retries: 2, timeoutMs: 1_000 }).getBlob({ registry: r.host, repository: 'x/y' }, digest)).toString(),
    ).toBe('abc');
    expect(Date.now() - started).toBeGreaterThanOrEqual(1_000);
    expect(r.log.map((e) => e.status)).toEqual([429, 200]);
  });

  test('503 with a Retry-After date in the past is tried again', async () => {
    const digest = r.putBlob('x/y', Buffer.from('abc'));
    r.rules.push({ path: /\/blobs\//, fault: { kind: 'status', status: 503, retryAfter: 'Thu, 01 Jan 2015 00:00:00 GMT' } });
    await new RegistryClient({ retries: 2, timeoutMs: 1_000 }).getBlob({ registry: r.host, repository: 'x/y' }, digest);
    expect(r.log.map((e) => e.status)).toEqual([503, 200]);
  });
});
