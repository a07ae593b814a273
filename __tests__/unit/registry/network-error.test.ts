// A request that gets no answer names why: "fetch failed" alone does not tell a typo in the
// registry name from a registry that is down.
import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import { RegistryClient } from '../../../src/registry/client.js';
import { describeNetworkError } from '../../../src/registry/network-error.js';

const fetchFailed = (cause: object) => Object.assign(new TypeError('fetch failed'), { cause });

test('known causes are named, others keep their messages', () => {
  const code = (c: string, message = 'x') => fetchFailed(Object.assign(new Error(message), { code: c }));
  expect(describeNetworkError(code('ENOTFOUND'), 'nvcr.io')).toBe('could not resolve nvcr.io (ENOTFOUND)');
  expect(describeNetworkError(code('ECONNREFUSED'), 'h:1')).toBe('connection refused by h:1');
  expect(describeNetworkError(code('ECONNRESET'), 'h')).toBe('connection reset by h');
  expect(describeNetworkError(code('UND_ERR_SOCKET', 'other side closed'), 'h')).toBe('connection to h closed (other side closed)');
  expect(describeNetworkError(code('UND_ERR_CONNECT_TIMEOUT'), 'h')).toBe('could not connect to h in time (UND_ERR_CONNECT_TIMEOUT)');
  expect(describeNetworkError(code('EHOSTUNREACH'), 'h')).toBe('h is unreachable (EHOSTUNREACH)');
  expect(describeNetworkError(code('CERT_HAS_EXPIRED', 'certificate has expired'), 'h')).toBe(
    'TLS with h failed: certificate has expired (CERT_HAS_EXPIRED)',
  );
  expect(describeNetworkError(code('EWHATEVER', 'odd'), 'h')).toBe('fetch failed: odd (EWHATEVER)');
  expect(describeNetworkError(new Error('no answer within 300 ms'), 'h')).toBe('no answer within 300 ms');
  expect(describeNetworkError('plain', 'h')).toBe('plain');
});

test('the client says what broke after its retries', async () => {
  const notFound = new RegistryClient({
    retries: 1,
    fetchImpl: () => Promise.reject(fetchFailed(Object.assign(new Error('getaddrinfo ENOTFOUND nvcr.io'), { code: 'ENOTFOUND' }))),
  });
  await expect(notFound.getBlob({ registry: 'nvcr.io', repository: 'nvidia/x' }, `sha256:${'a'.repeat(64)}`)).rejects.toThrow(
    /GET https:\/\/nvcr\.io\/v2\/nvidia\/x\/blobs\/sha256:a+ failed after 2 attempts: could not resolve nvcr\.io \(ENOTFOUND\)/,
  );
  const server = createServer();
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((r) => server.close(() => r()));
  const refused = new RegistryClient({ retries: 0, timeoutMs: 1_000 });
  await expect(refused.getBlob({ registry: `127.0.0.1:${port}`, repository: 'a/b' }, `sha256:${'a'.repeat(64)}`)).rejects.toThrow(
    `failed after 1 attempt: connection refused by 127.0.0.1:${port}`,
  );
});
