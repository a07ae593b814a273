import { mkdtempSync, appendFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  AccessLog,
  type AccessEntry,
  attributeTraffic,
  clientOf,
  parseAccessLine,
  parseAccessLog,
  summarizeTraffic,
  totalBytes,
  uploadedBlobs,
} from '../../../scripts/lib/access-log.js';

const A = 'sha256:' + 'a'.repeat(64);
const B = 'sha256:' + 'b'.repeat(64);
const C = 'sha256:' + 'c'.repeat(64);
const D = 'sha256:' + 'd'.repeat(64);

/** One access-log line as distribution 2.8 writes it (Apache combined format). */
const line = (method: string, path: string, status: number, bytes: number | '-', ua = 'docker/26.1.5 go/go1.22.5') =>
  `127.0.0.1 - - [25/Nov/2026:03:53:23 +0000] "${method} ${path} HTTP/1.1" ${status} ${bytes} "" "${ua}"`;

describe('parseAccessLine', () => {
  const cases: [string, string, AccessEntry | undefined][] = [
    [
      'blob GET',
      line('GET', `/v2/tritonserver/blobs/${A}`, 200, 1234),
      {
        method: 'GET',
        path: `/v2/tritonserver/blobs/${A}`,
        status: 200,
        bytes: 1234,
        kind: 'blob',
        repository: 'tritonserver',
        reference: A,
        userAgent: 'docker/26.1.5 go/go1.22.5',
      },
    ],
    [
      'manifest by tag in a nested repository',
      line('HEAD', '/v2/bench/default/cold-1/manifests/24.01-py3', 200, '-', 'buildkit/v0.13'),
      {
        method: 'HEAD',
        path: '/v2/bench/default/cold-1/manifests/24.01-py3',
        status: 200,
        bytes: 0,
        kind: 'manifest',
        repository: 'bench/default/cold-1',
        reference: '24.01-py3',
        userAgent: 'buildkit/v0.13',
      },
    ],
    [
      'upload with a query string',
      line('PATCH', '/v2/x/blobs/uploads/0b1c?_state=abc', 202, 0),
      {
        method: 'PATCH',
        path: '/v2/x/blobs/uploads/0b1c?_state=abc',
        status: 202,
        bytes: 0,
        kind: 'upload',
        repository: 'x',
        reference: '0b1c',
        userAgent: 'docker/26.1.5 go/go1.22.5',
      },
    ],
    [
      'common format without a user agent',
      '127.0.0.1 - - [25/Nov/2026:03:53:23 +0000] "GET /v2/ HTTP/1.1" 200 2',
      { method: 'GET', path: '/v2/', status: 200, bytes: 2, kind: 'other' },
    ],
    [
      'a user agent with an escaped quote',
      '127.0.0.1 - - [x] "GET /v2/r/blobs/' + A + ' HTTP/1.1" 206 10 "" "a \\"b\\" c"',
      {
        method: 'GET',
        path: `/v2/r/blobs/${A}`,
        status: 206,
        bytes: 10,
        kind: 'blob',
        repository: 'r',
        reference: A,
        userAgent: 'a \\"b\\" c',
      },
    ],
    [
      'a structured log line is not an access line',
      'time="2026-11-25T03:53:24Z" level=info msg="response completed" http.request.method=GET',
      undefined,
    ],
  ];
  test.each(cases)('%s', (_name, text, expected) => {
    expect(parseAccessLine(text)).toEqual(expected);
  });
});

const LOG = [
  'time="…" level=info msg="response completed"',
  line('GET', `/v2/tritonserver/blobs/${A}`, 200, 1000), // min layer (shared with full)
  line('GET', `/v2/tritonserver/blobs/${B}`, 200, 5000), // full-only layer
  line('GET', `/v2/tritonserver/blobs/${B}`, 206, 500, 'node'), // a Range read of the same layer
  line('HEAD', `/v2/tritonserver/blobs/${B}`, 200, 0),
  line('GET', `/v2/tritonserver/blobs/${C}`, 404, 157), // not found: nothing fetched
  line('GET', `/v2/bench/default/cold-1/blobs/${D}`, 200, 300, 'node'),
  line('GET', `/v2/bench/default/cache/blobs/${C}`, 200, 70, 'buildkit/v0.13'),
  line('GET', `/v2/elsewhere/blobs/${C}`, 200, 9),
  line('GET', '/v2/tritonserver/manifests/24.01-py3', 200, 312),
  line('HEAD', '/v2/tritonserver/manifests/24.01-py3', 200, 0),
  line('PUT', '/v2/bench/default/cold-1/manifests/latest', 201, 0),
  line('POST', '/v2/bench/default/cold-1/blobs/uploads/', 202, 0),
].join('\n');

describe('summarizeTraffic', () => {
  test('bytes per repository, pushes and manifest requests', () => {
    expect(summarizeTraffic(parseAccessLog(LOG))).toEqual({
      blobBytes: { tritonserver: 6500, 'bench/default/cold-1': 300, 'bench/default/cache': 70, elsewhere: 9 },
      manifestBytes: { tritonserver: 312 },
      blobGets: 6,
      manifestRequests: 2,
      pushes: 2,
    });
  });
  test('only some digests', () => {
    expect(summarizeTraffic(parseAccessLog(LOG), { digests: new Set([B]) }).blobBytes).toEqual({ tritonserver: 5500 });
  });
  test('totalBytes', () => {
    expect(totalBytes({ a: 1, b: 2.5 })).toBe(3.5);
    expect(totalBytes({})).toBe(0);
  });
});

describe('attributeTraffic', () => {
  const repository = (name: string) => (name.endsWith('/cache') ? 'cache' : name.startsWith('bench/') ? 'result' : undefined);
  test('min before full: a shared blob counts as min; others by repository role', () => {
    const t = attributeTraffic(parseAccessLog(LOG), {
      images: [
        { role: 'min', digests: new Set([A]) },
        { role: 'full', digests: new Set([A, B]) },
      ],
      repository,
    });
    expect(t).toEqual({
      bytes: { min: 1000, full: 5500, result: 300, cache: 70, other: 9 },
      clients: { docker: 6009, node: 800, buildkit: 70 },
      manifestBytes: 312,
      blobGets: 6,
    });
  });
  test('full before min: the shared blob counts as full', () => {
    const t = attributeTraffic(parseAccessLog(LOG), {
      images: [
        { role: 'full', digests: new Set([A, B]) },
        { role: 'min', digests: new Set([A]) },
      ],
    });
    expect(t.bytes).toEqual({ full: 6500, other: 379 });
  });
});

test.each([
  ['docker/26.1.5 go/go1.22.5 git-commit/411e817', 'docker'],
  ['containerd/1.7.24+unknown', 'containerd'],
  ['node', 'node'],
  ['', '-'],
  [undefined, '-'],
])('clientOf(%p) = %p', (ua, expected) => {
  expect(clientOf(ua)).toBe(expected);
});

test('AccessLog reads only what was logged after the mark', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'access-log-'));
  const file = join(dir, 'registry.log');
  writeFileSync(file, line('GET', `/v2/old/blobs/${A}`, 200, 1) + '\n');
  const log = new AccessLog(file);
  const mark = await log.mark();
  appendFileSync(file, line('GET', `/v2/new/blobs/${B}`, 200, 2) + '\n');
  const entries = await log.since(mark);
  expect(entries.map((e) => [e.repository, e.bytes])).toEqual([['new', 2]]);
});

test('uploadedBlobs: the accepted uploads, closing PUT or one-request POST, with their repository', () => {
  const enc = (d: string) => encodeURIComponent(d);
  const entries = parseAccessLog(
    [
      line('POST', '/v2/r/blobs/uploads/', 202, 0),
      line('PATCH', '/v2/r/blobs/uploads/u1?_state=x', 202, 0),
      line('PUT', `/v2/r/blobs/uploads/u1?_state=x&digest=${enc(A)}`, 201, 0),
      line('PUT', `/v2/r/blobs/uploads/u2?digest=${enc(B)}`, 400, 0), // refused: a digest mismatch
      line('POST', `/v2/a/b/blobs/uploads/?digest=${C}`, 201, 0),
      line('POST', `/v2/r/blobs/uploads/?mount=${D}&from=x`, 201, 0), // a mount moves no bytes
      line('PUT', `/v2/r/manifests/latest`, 201, 0),
    ].join('\n'),
  );
  expect(uploadedBlobs(entries)).toEqual([
    { repository: 'r', digest: A },
    { repository: 'a/b', digest: C },
  ]);
});
