// Counting what a run fetched from the test bed's registry, from its access log (one line per
// request, Apache combined format, with the bytes sent). Used by the integration tests and by
// the benchmark; the parsing is pure, the watcher only reads the file.
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { open, stat } from 'node:fs/promises';
import { dirname, join } from 'node:path';

export interface AccessEntry {
  method: string;
  path: string;
  status: number;
  bytes: number;
  /** repository of a /v2/<name>/(blobs|manifests)/<ref> request */
  repository?: string;
  kind: 'blob' | 'manifest' | 'upload' | 'other';
  /** digest or tag after blobs/ or manifests/ */
  reference?: string;
  /** the client's User-Agent, when the line has one (combined format) */
  userAgent?: string;
}

const LINE = /"([A-Z]+) (\S+) HTTP\/[\d.]+" (\d{3}) (\d+|-)(?: "(?:[^"\\]|\\.)*" "((?:[^"\\]|\\.)*)")?/;
const V2 = /^\/v2\/(.+?)\/(blobs\/uploads|blobs|manifests)\/?([^/?]*)/;

export function parseAccessLine(line: string): AccessEntry | undefined {
  const m = LINE.exec(line);
  if (!m) return undefined;
  const [, method, path, status, bytes, userAgent] = m;
  const entry: AccessEntry = { method, path, status: Number(status), bytes: bytes === '-' ? 0 : Number(bytes), kind: 'other' };
  if (userAgent) entry.userAgent = userAgent;
  const v = V2.exec(path.split('?')[0]);
  if (v) {
    entry.repository = v[1];
    entry.kind = v[2] === 'blobs/uploads' ? 'upload' : v[2] === 'blobs' ? 'blob' : 'manifest';
    if (v[3]) entry.reference = decodeURIComponent(v[3]);
  }
  return entry;
}

export function parseAccessLog(text: string): AccessEntry[] {
  const out: AccessEntry[] = [];
  for (const line of text.split('\n')) {
    const e = parseAccessLine(line);
    if (e) out.push(e);
  }
  return out;
}

export interface Traffic {
  /** bytes of blob bodies sent (GET 200/206), by repository */
  blobBytes: Record<string, number>;
  /** bytes of manifest bodies sent, by repository */
  manifestBytes: Record<string, number>;
  blobGets: number;
  manifestRequests: number;
  /** uploads started or written (POST/PATCH/PUT on blobs/uploads) and manifests put */
  pushes: number;
}

/** Bytes fetched, per repository, optionally only for some blob digests. */
export function summarizeTraffic(entries: AccessEntry[], opts: { digests?: ReadonlySet<string> } = {}): Traffic {
  const t: Traffic = { blobBytes: {}, manifestBytes: {}, blobGets: 0, manifestRequests: 0, pushes: 0 };
  for (const e of entries) {
    if (e.kind === 'upload' || (e.kind === 'manifest' && e.method === 'PUT')) {
      t.pushes++;
      continue;
    }
    if (e.kind === 'manifest') {
      t.manifestRequests++;
      if (e.method === 'GET' && e.status < 300) t.manifestBytes[e.repository!] = (t.manifestBytes[e.repository!] ?? 0) + e.bytes;
      continue;
    }
    if (!isBlobBody(e)) continue;
    if (opts.digests && !opts.digests.has(e.reference ?? '')) continue;
    t.blobGets++;
    t.blobBytes[e.repository!] = (t.blobBytes[e.repository!] ?? 0) + e.bytes;
  }
  return t;
}

/** What a blob GET that sent a body is: the only requests that move image bytes to a client. */
const isBlobBody = (e: AccessEntry) => e.kind === 'blob' && e.method === 'GET' && (e.status === 200 || e.status === 206);

export interface Attribution {
  /**
   * Blob digests (layers and config) of each source image, in order of precedence: a blob in
   * several images counts for the first one listed. The benchmark lists min before full, so
   * the layers full shares with min count as "min" and "full" is what only full holds.
   */
  images: { role: string; digests: ReadonlySet<string> }[];
  /** The role of a repository, for blobs of no source image (results, caches); else "other". */
  repository?: (name: string) => string | undefined;
}

export interface AttributedTraffic {
  /** blob bytes sent, by role (source image, then repository role, then "other") */
  bytes: Record<string, number>;
  /** blob bytes sent, by client: the User-Agent's first word ("docker", "buildkit", "node", …) */
  clients: Record<string, number>;
  /** manifest bytes sent (GET), all repositories */
  manifestBytes: number;
  blobGets: number;
}

/** The client family of a User-Agent: "docker/26.1.5 go/…" → "docker"; none → "-". */
export function clientOf(userAgent: string | undefined): string {
  const first = (userAgent ?? '').trim().split(/[\s/]/)[0];
  return first || '-';
}

/** Bytes fetched, split by which source image a blob belongs to, else by repository role. */
export function attributeTraffic(entries: AccessEntry[], attribution: Attribution): AttributedTraffic {
  const t: AttributedTraffic = { bytes: {}, clients: {}, manifestBytes: 0, blobGets: 0 };
  const add = (rec: Record<string, number>, key: string, n: number) => {
    rec[key] = (rec[key] ?? 0) + n;
  };
  for (const e of entries) {
    if (e.kind === 'manifest' && e.method === 'GET' && e.status < 300) t.manifestBytes += e.bytes;
    if (!isBlobBody(e)) continue;
    t.blobGets++;
    const image = attribution.images.find((i) => i.digests.has(e.reference ?? ''));
    add(t.bytes, image?.role ?? attribution.repository?.(e.repository ?? '') ?? 'other', e.bytes);
    add(t.clients, clientOf(e.userAgent), e.bytes);
  }
  return t;
}

/**
 * Blobs whose upload the registry accepted (201) in these entries, with their repository: the
 * PUT that closes an upload, or a one-request POST, both name the digest in their query.
 */
export function uploadedBlobs(entries: AccessEntry[]): { repository: string; digest: string }[] {
  const out: { repository: string; digest: string }[] = [];
  for (const e of entries) {
    if (e.kind !== 'upload' || e.status !== 201 || (e.method !== 'PUT' && e.method !== 'POST')) continue;
    const q = e.path.indexOf('?');
    const digest = q < 0 ? null : new URLSearchParams(e.path.slice(q + 1)).get('digest');
    if (digest && e.repository) out.push({ repository: e.repository, digest });
  }
  return out;
}

export function totalBytes(byRepo: Record<string, number>): number {
  return Object.values(byRepo).reduce((a, b) => a + b, 0);
}

/** Reads what the registry logged after a mark: `const m = await log.mark(); …; await log.since(m)`. */
export class AccessLog {
  constructor(readonly file: string) {}

  async mark(): Promise<number> {
    return (await stat(this.file)).size;
  }

  async since(mark: number): Promise<AccessEntry[]> {
    // The registry writes a line per request when the response is done; give it a moment.
    await new Promise((r) => setTimeout(r, 150));
    const fh = await open(this.file, 'r');
    try {
      const size = (await fh.stat()).size;
      const buf = Buffer.alloc(Math.max(0, size - mark));
      if (buf.length) await fh.read(buf, 0, buf.length, mark);
      return parseAccessLog(buf.toString('utf8'));
    } finally {
      await fh.close();
    }
  }
}

/**
 * The access log of the registry that serves the test bed: `.testbed/registry.log` of this
 * checkout, or, when another checkout's test bed is the one running (a fresh clone run next to
 * it), the log beside the config the running `docker-registry serve CONFIG` was given.
 * REGISTRY_ACCESS_LOG overrides both.
 */
export function findRegistryLog(root: string): string {
  if (process.env.REGISTRY_ACCESS_LOG) return process.env.REGISTRY_ACCESS_LOG;
  const own = join(root, '.testbed', 'registry.log');
  if (existsSync(own)) return own;
  for (const pid of readdirSync('/proc').filter((d) => /^\d+$/.test(d))) {
    let argv: string[];
    try {
      argv = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0');
    } catch {
      continue;
    }
    const i = argv.indexOf('serve');
    if (i > 0 && /docker-registry$/.test(argv[0]) && argv[i + 1]) {
      const log = join(dirname(argv[i + 1]), 'registry.log');
      if (existsSync(log)) return log;
    }
  }
  return own;
}

/** The storage folder of that registry (testbed.sh keeps it beside the log, as `registry/`). */
export function findRegistryStorage(root: string): string {
  return join(dirname(findRegistryLog(root)), 'registry');
}
