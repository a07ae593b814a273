// A local stand-in for the GitHub Actions cache service (v2), so the real @actions/cache runs
// end to end in tests: the twirp JSON API of github.actions.results.api.v1.CacheService on
// 127.0.0.1, and archives in azurite (Microsoft's Azure Storage emulator) behind SAS URLs,
// exactly the path @actions/cache takes on a hosted runner. Mocking @actions/cache instead
// would test our guesses about it, not the archive, key, version and upload code it runs.
// Shapes: node_modules/@actions/cache/lib/generated/results/api/v1/cache.js and
// lib/internal/shared/cacheTwirpClient.js.
import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { type IncomingMessage, type Server, type ServerResponse, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  BlobSASPermissions,
  BlobServiceClient,
  type ContainerClient,
  StorageSharedKeyCredential,
  generateBlobSASQueryParameters,
} from '@azure/storage-blob';

// Azurite's well-known development account, public by design:
// https://learn.microsoft.com/azure/storage/common/storage-use-azurite#well-known-storage-account-and-key
const ACCOUNT = 'devstoreaccount1';
const ACCOUNT_KEY = 'Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==';
const CONTAINER = 'actions-cache';
const SERVICE = 'github.actions.results.api.v1.CacheService';

export interface CacheEntry {
  id: number;
  /** The ref the entry was written from, as GitHub scopes caches by branch. */
  scope: string;
  key: string;
  version: string;
  sizeBytes: number;
  finalized: boolean;
  blobName: string;
}

export interface CacheService {
  /** The env an action process needs for @actions/cache to use this service (v2). */
  env: Record<string, string>;
  /** The same service seen from another ref: it reads its own scope, then the default branch's. */
  envFor(ref: string): Record<string, string>;
  entries(): CacheEntry[];
  stop(): Promise<void>;
}

export interface CacheServiceOptions {
  /** The ref of `env` (default refs/heads/main). */
  ref?: string;
  /** Caches of the default branch are readable from every ref, as on GitHub. */
  defaultRef?: string;
}

interface Grant {
  writeScope: string;
  readScopes: string[];
}

class TwirpError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

async function startAzurite(location: string): Promise<{ child: ChildProcess; blobEndpoint: string }> {
  const main = createRequire(import.meta.url).resolve('azurite/dist/src/blob/main.js');
  // Port 0: azurite takes a free port and prints it, so there is no race for one.
  const args = [
    '--blobHost',
    '127.0.0.1',
    '--blobPort',
    '0',
    '--location',
    location,
    '--silent',
    '--skipApiVersionCheck',
    '--disableProductStyleUrl',
    '--disableTelemetry',
  ];
  const child = spawn(process.execPath, [main, ...args], { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, NODE_OPTIONS: '' } });
  let output = '';
  const port = await new Promise<number>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`azurite did not start in 20 s:\n${output}`)), 20_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const m = /listens on http:\/\/127\.0\.0\.1:(\d+)/.exec(output);
      if (m) {
        clearTimeout(timer);
        resolve(Number(m[1]));
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`azurite exited (${code}) before listening:\n${output}`));
    });
  });
  return { child, blobEndpoint: `http://127.0.0.1:${port}/${ACCOUNT}` };
}

async function readJson(req: IncomingMessage): Promise<Record<string, unknown>> {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  try {
    const body: unknown = JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}');
    if (body && typeof body === 'object' && !Array.isArray(body)) return body as Record<string, unknown>;
  } catch {
    // answered below as a twirp malformed error
  }
  throw new TwirpError(400, 'malformed', 'the request body is not a JSON object');
}

const str = (body: Record<string, unknown>, field: string): string => (typeof body[field] === 'string' ? (body[field] as string) : '');

export async function startCacheService(opts: CacheServiceOptions = {}): Promise<CacheService> {
  const root = await mkdtemp(join(tmpdir(), 'cache-service-'));
  const runnerTemp = join(root, 'runner-temp');
  const workspace = join(root, 'workspace');
  await Promise.all([mkdir(join(root, 'azurite')), mkdir(runnerTemp), mkdir(workspace)]);
  const azurite = await startAzurite(join(root, 'azurite')).catch(async (err: unknown) => {
    await rm(root, { recursive: true, force: true });
    throw err;
  });
  const stopAzurite = async () => {
    if (azurite.child.exitCode !== null || azurite.child.signalCode !== null) return;
    const exited = new Promise((resolve) => azurite.child.once('exit', resolve));
    azurite.child.kill('SIGTERM');
    await exited;
  };
  const credential = new StorageSharedKeyCredential(ACCOUNT, ACCOUNT_KEY);
  const container: ContainerClient = new BlobServiceClient(azurite.blobEndpoint, credential).getContainerClient(CONTAINER);
  try {
    await container.create();
  } catch (err) {
    await stopAzurite();
    await rm(root, { recursive: true, force: true });
    throw err;
  }

  const entries: CacheEntry[] = [];
  const grants = new Map<string, Grant>();
  const defaultRef = opts.defaultRef ?? 'refs/heads/main';
  let nextId = 1;

  const signedUrl = (blobName: string, permissions: string) => {
    const sas = generateBlobSASQueryParameters(
      {
        containerName: CONTAINER,
        blobName,
        permissions: BlobSASPermissions.parse(permissions),
        expiresOn: new Date(Date.now() + 3600_000),
      },
      credential,
    );
    return `${azurite.blobEndpoint}/${CONTAINER}/${blobName}?${sas.toString()}`;
  };

  const validKey = (key: string) => {
    if (!key) throw new TwirpError(400, 'invalid_argument', 'key is required');
    if (key.length > 512 || key.includes(',')) throw new TwirpError(400, 'invalid_argument', `invalid key: ${key}`);
  };

  const methods: Record<string, (body: Record<string, unknown>, grant: Grant) => Promise<Record<string, unknown>>> = {
    async CreateCacheEntry(body, grant) {
      const key = str(body, 'key');
      const version = str(body, 'version');
      validKey(key);
      if (!version) throw new TwirpError(400, 'invalid_argument', 'version is required');
      // A key is written once per scope and version; a second writer gets 409, as from GitHub.
      if (entries.some((e) => e.scope === grant.writeScope && e.key === key && e.version === version)) {
        throw new TwirpError(409, 'already_exists', 'cache entry with the same key, version, and scope already exists');
      }
      const entry: CacheEntry = {
        id: nextId++,
        scope: grant.writeScope,
        key,
        version,
        sizeBytes: 0,
        finalized: false,
        blobName: `${randomUUID()}.tar`,
      };
      entries.push(entry);
      return { ok: true, signed_upload_url: signedUrl(entry.blobName, 'cw') };
    },
    async FinalizeCacheEntryUpload(body, grant) {
      const key = str(body, 'key');
      const version = str(body, 'version');
      const entry = entries.find((e) => e.scope === grant.writeScope && e.key === key && e.version === version && !e.finalized);
      if (!entry) throw new TwirpError(404, 'not_found', `no cache entry reserved for ${key}`);
      const sizeBytes = Number(body['size_bytes'] ?? 0);
      let stored: number;
      try {
        stored = (await container.getBlobClient(entry.blobName).getProperties()).contentLength ?? -1;
      } catch {
        return { ok: false, message: `nothing was uploaded for ${key}` };
      }
      if (stored !== sizeBytes) return { ok: false, message: `uploaded ${stored} bytes for ${key}, finalized with ${sizeBytes}` };
      entry.finalized = true;
      entry.sizeBytes = sizeBytes;
      return { ok: true, entry_id: String(entry.id) };
    },
    async GetCacheEntryDownloadURL(body, grant) {
      const key = str(body, 'key');
      const version = str(body, 'version');
      const restoreKeys = Array.isArray(body['restore_keys'])
        ? (body['restore_keys'] as unknown[]).filter((k): k is string => typeof k === 'string')
        : [];
      validKey(key);
      // GitHub's order: the current ref first (key, then restore keys), then the default
      // branch; per key an exact match wins, else the newest entry starting with it.
      for (const scope of grant.readScopes) {
        const usable = entries.filter((e) => e.finalized && e.scope === scope && e.version === version);
        for (const candidate of [key, ...restoreKeys]) {
          const hit =
            usable.find((e) => e.key === candidate) ?? usable.filter((e) => e.key.startsWith(candidate)).sort((a, b) => b.id - a.id)[0];
          if (hit) return { ok: true, signed_download_url: signedUrl(hit.blobName, 'r'), matched_key: hit.key };
        }
      }
      return { ok: false };
    },
  };

  const answer = (res: ServerResponse, status: number, body: Record<string, unknown>) => {
    res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
  };

  const server: Server = createServer((req, res) => {
    void (async () => {
      try {
        const m = /^\/twirp\/([^/]+)\/([^/?]+)$/.exec(req.url ?? '');
        const method = m && m[1] === SERVICE && req.method === 'POST' ? methods[m[2]!] : undefined;
        if (!method) throw new TwirpError(404, 'bad_route', `no handler for ${req.method} ${req.url}`);
        const token = /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1];
        const grant = token ? grants.get(token) : undefined;
        if (!grant) throw new TwirpError(401, 'unauthenticated', 'a valid ACTIONS_RUNTIME_TOKEN is required');
        answer(res, 200, await method(await readJson(req), grant));
      } catch (err) {
        const e = err instanceof TwirpError ? err : new TwirpError(500, 'internal', err instanceof Error ? err.message : String(err));
        answer(res, e.status, { code: e.code, msg: e.message });
      }
    })();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const resultsUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;

  const envFor = (ref: string): Record<string, string> => {
    const token = randomBytes(16).toString('hex');
    grants.set(token, { writeScope: ref, readScopes: [...new Set([ref, defaultRef])] });
    return {
      ACTIONS_CACHE_SERVICE_V2: 'true',
      ACTIONS_RESULTS_URL: resultsUrl,
      ACTIONS_RUNTIME_TOKEN: token,
      // Anything but github.com (or *.ghe.com) is taken for GHES, which has no v2 service.
      GITHUB_SERVER_URL: 'https://github.com',
      GITHUB_REF: ref,
      // @actions/cache writes its archive under RUNNER_TEMP and tars relative to the workspace.
      RUNNER_TEMP: runnerTemp,
      GITHUB_WORKSPACE: workspace,
    };
  };

  let stopped = false;
  return {
    env: envFor(opts.ref ?? defaultRef),
    envFor,
    entries: () => entries.map((e) => ({ ...e })),
    async stop() {
      if (stopped) return;
      stopped = true;
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
      await stopAzurite();
      await rm(root, { recursive: true, force: true });
    },
  };
}
