// Composes from the real-binary fixtures in the test registry, and runs a composed image's
// server on one model per backend: what the trim tests share.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type ComposeResult, runCompose } from '../../src/compose/compose.js';
import { RegistryClient } from '../../src/registry/client.js';
import { parseSpec } from '../../src/spec/spec.js';
import type { Spec } from '../../src/spec/types.js';
import { writeModelRepository } from '../../scripts/real-fixtures/models.js';

export const R = '127.0.0.1:5000';
export const client = new RegistryClient();
const quiet = { info: () => undefined, warning: () => undefined, startGroup: () => undefined, endGroup: () => undefined };

/** The inputs of a compose of the real fixtures of `version`, pushed as `<repo>:<tag>`. */
export function realInputs(
  repo: string,
  version: string,
  backends: string,
  tag: string,
  more: Record<string, string> = {},
): Record<string, string> {
  return {
    'container-version': version,
    'full-image': `${R}/real/tritonserver:${version}-py3`,
    'min-image': `${R}/real/tritonserver:${version}-py3-min`,
    backends,
    tags: `${R}/${repo}:${tag}`,
    push: 'true',
    force: 'true',
    'compression-level': '1',
    ...more,
  };
}

/**
 * The layer indexes and listings the real-fixture tests share: one jest run (one TMPDIR) indexes
 * each fixture layer once, whichever file composes first. A test that needs a cold index names
 * a cache of its own.
 */
const SHARED_CACHE = 'shared';

/** A compose of `spec` with its staging under `work` and its layer cache in `cacheDir`; throws its failure. */
export async function composeSpec(work: string, spec: Spec, cacheDir: string): Promise<ComposeResult> {
  const { result, failure } = await runCompose(spec, {
    version: 'test',
    tempRoot: work,
    cacheDir,
    buildCacheDir: join(work, 'buildkit'),
    log: quiet,
    registry: client,
  });
  if (failure) throw failure;
  if (!result?.report.digest) throw new Error('no digest');
  return result;
}

export function composeIn(work: string, input: Record<string, string>, cache = SHARED_CACHE): Promise<ComposeResult> {
  return composeSpec(work, parseSpec(input), cache === SHARED_CACHE ? join(tmpdir(), 'real-compose-layers') : join(work, cache));
}

/**
 * Runs the image's fixture server on a model repository (`models` mounted at /models, or the
 * image's own /models when absent), each model answering one request; the models' status
 * lines. `before` runs first in the container, as root (e.g. removing a file to show it needed).
 */
export function serveRepository(image: string, models?: string, opts: { env?: string[]; before?: string; pull?: boolean } = {}) {
  const server = ['tritonserver', '--model-repository=/models', '--fixture-infer'];
  const r = spawnSync(
    'docker',
    [
      'run',
      '--rm',
      ...(opts.pull ? ['--pull', 'always'] : []),
      ...(opts.env ?? []).flatMap((e) => ['-e', e]),
      ...(models ? ['-v', `${models}:/models:ro`] : []),
      ...(opts.before
        ? ['--user', '0', '--entrypoint', 'sh', image, '-c', `${opts.before} && exec ${server.join(' ')}`]
        : [image, ...server]),
    ],
    { encoding: 'utf8', timeout: 120_000 },
  );
  const status = (state: string) =>
    r.stderr
      .split('\n')
      .filter((l) => new RegExp(`^\\| m_\\S+ +\\| 1 +\\| ${state}`).test(l))
      .map((l) => l.split(' ')[1]);
  return { ...r, ready: status('READY'), unavailable: status('UNAVAILABLE') };
}

/** Runs the image's server on one model per backend; the models' status lines. */
export function serveModels(work: string, image: string, backends: string[], env: string[] = []) {
  return serveRepository(image, writeModelRepository(mkdtempSync(join(work, 'models-')), backends), { env });
}

/** A custom backend built here, `libtriton_custom.so` in `dir`: the fixtures' square op under another name. */
export function buildCustomBackend(dir: string): void {
  const src = join(process.cwd(), 'scripts/real-fixtures/c');
  mkdirSync(dir, { recursive: true });
  execFileSync('gcc', ['-O2', '-fPIC', '-shared', `-I${src}`, '-DOP=1', '-o', join(dir, 'libtriton_custom.so'), join(src, 'backend.c')]);
}
