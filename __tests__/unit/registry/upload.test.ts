// Uploads that take longer than the answer timeout: the timer follows the body (re-armed by
// every piece sent, then waiting for the answer), so a slow but moving upload finishes and a
// stalled one fails fast, saying how many attempts were made.
import { Readable } from 'node:stream';
import { RegistryClient } from '../../../src/registry/client.js';
import { sha256 } from '../../../src/oci/digest.js';
import { type FakeRegistry, startFakeRegistry } from '../../helpers/fake-registry.js';

let r: FakeRegistry;
beforeEach(async () => {
  r = await startFakeRegistry({ throttle: { upload: 4 << 20 } });
});
afterEach(async () => r.close());

const data = Buffer.from(Array.from({ length: 240_000 }, (_, i) => (i * 31) & 0xff));
const digest = sha256(data);
const wait = (ms: number) => new Promise((res) => setTimeout(res, ms));

/** The data in 16 KB pieces, one every `everyMs` (a build that produces a layer slowly). */
async function* slowly(everyMs: number, stallAt = -1): AsyncGenerator<Buffer> {
  for (let at = 0, n = 0; at < data.length; at += 16_000, n++) {
    await wait(n === stallAt ? 1_000 : everyMs);
    yield data.subarray(at, at + 16_000);
  }
}

test('a streamed upload longer than the timeout finishes while it keeps moving', async () => {
  const client = new RegistryClient({ retries: 2, timeoutMs: 300 });
  const ref = { registry: r.host, repository: 'slow/one' };
  const started = Date.now();
  await client.pushBlobStream(ref, digest, data.length, Readable.from(slowly(50)));
  expect(Date.now() - started).toBeGreaterThan(600); // 15 pieces, 50 ms apart: twice the timeout
  expect(r.blob('slow/one', digest)?.equals(data)).toBe(true);

  const session = await client.startUpload(ref);
  await client.sendUpload(session, slowly(40));
  await client.finishUpload(session, digest);
});

test('a stalled upload fails after the idle timeout, counting the one attempt made', async () => {
  const client = new RegistryClient({ retries: 3, timeoutMs: 300 });
  const ref = { registry: r.host, repository: 'slow/two' };
  const started = Date.now();
  await expect(client.pushBlobStream(ref, digest, data.length, Readable.from(slowly(10, 5)))).rejects.toThrow(
    /PUT http:\/\/127\.0\.0\.1:\d+\/v2\/slow\/two\/blobs\/uploads\/[\w-]+ failed after 1 attempt: the upload stalled: nothing could be sent for 300 ms/,
  );
  expect(Date.now() - started).toBeLessThan(900);
});

test('a large buffer is sent in pieces and sent again whole after a 500', async () => {
  const big = Buffer.alloc(2_500_000, 7);
  r.rules.push({ method: 'PUT', path: /\/blobs\/uploads\//, fault: { kind: 'status', status: 500 } });
  const client = new RegistryClient({ retries: 2, timeoutMs: 2_000 });
  expect(await client.pushBlob({ registry: r.host, repository: 'big/one' }, sha256(big), big)).toBe(true);
  expect(r.blob('big/one', sha256(big))?.length).toBe(big.length);
  // The 500 comes before the body is read, so the connection it came on may break the next
  // attempt (status 0: no answer); such a break is retried too, and the last attempt lands.
  const puts = r.log.filter((e) => e.method === 'PUT').map((e) => e.status);
  expect([puts[0], puts[puts.length - 1]]).toEqual([500, 201]);
  expect(puts.slice(1, -1).every((s) => s === 0)).toBe(true);
});

test('a streamed upload is sent with redirects refused, so fetch never tees (and keeps) its body', async () => {
  // With any other redirect mode, fetch clones the request to be able to follow a redirect, and
  // the clone's copy of a streamed body is never read: every byte sent stays in memory (a
  // 1.2 GB layer upload held 1.2 GB). Downloads still follow redirects (registries send blobs
  // from a storage host).
  const seen: Array<[string, RequestInit['redirect'], boolean]> = [];
  const client = new RegistryClient({
    retries: 0,
    fetchImpl: (url, init) => {
      seen.push([init?.method ?? 'GET', init?.redirect, init?.body instanceof ReadableStream]);
      return fetch(url, init);
    },
  });
  const ref = { registry: r.host, repository: 'tee/one' };
  const session = await client.startUpload(ref);
  await client.sendUpload(session, slowly(0));
  await client.finishUpload(session, digest);
  await client.getBlob(ref, digest);
  expect(seen.filter(([, , stream]) => stream)).toEqual([['PATCH', 'error', true]]);
  expect(seen.filter(([, , stream]) => !stream).every(([, redirect]) => redirect === 'follow')).toBe(true);
  expect(r.blob('tee/one', digest)?.equals(data)).toBe(true);
});
