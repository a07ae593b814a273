// The CLI's front door (`npx triton-compose`): compose.py's flags plus every action input,
// the same pipeline, and the report as an aligned table (or JSON with --json).
import { homedir, tmpdir } from 'node:os';
import { join } from 'node:path';
import { HELP, parseCliArgs } from './args.js';
import { runReleases } from './releases.js';
import { cacheSecrets } from '../spec/cache-spec.js';
import { runCompose } from '../compose/compose.js';
import { parseSourceDateEpoch } from '../compose/source-date-epoch.js';
import { readDockerCredentials } from '../registry/credentials.js';
import { InputError } from '../spec/lists.js';
import { RegistryClient } from '../registry/client.js';
import { renderJson, renderTerminal } from '../report/terminal.js';
import { parseSpec } from '../spec/spec.js';
import { VERSION } from '../util/version.js';
import { message } from '../util/errors.js';
import { type Logger } from '../util/log.js';

export async function main(argv: string[]): Promise<number> {
  if (argv[0] === 'releases') return runReleases(argv.slice(1));
  let opts;
  let spec;
  let sourceDateEpoch: number | undefined;
  try {
    opts = parseCliArgs(argv);
    if (opts.help) {
      process.stdout.write(HELP);
      return 0;
    }
    if (opts.version) {
      process.stdout.write(`triton-compose ${VERSION}\n`);
      return 0;
    }
    spec = parseSpec(opts.inputs);
    if (spec.buildCache === 'actions') {
      throw new InputError(
        'build-cache',
        'actions keeps the cache with the GitHub Actions cache service, which only a workflow has; use local (a folder in ~/.cache/triton-compose) or registry',
      );
    }
    sourceDateEpoch = parseSourceDateEpoch(process.env.SOURCE_DATE_EPOCH);
  } catch (err) {
    process.stderr.write(`error: ${message(err)}\n`);
    return 2;
  }
  const { quiet, verbose, json } = opts;
  const secrets: string[] = cacheSecrets(spec);
  const mask = (s: string) => secrets.reduce((t, x) => (x ? t.split(x).join('***') : t), s);
  const log: Logger = {
    info: (m) => {
      if (!quiet) process.stderr.write(mask(m) + '\n');
    },
    warning: (m) => process.stderr.write(`warning: ${mask(m)}\n`),
    startGroup: (n) => {
      if (verbose) process.stderr.write(`== ${n}\n`);
    },
    endGroup: () => undefined,
  };
  const cacheRoot = join(process.env.XDG_CACHE_HOME || join(homedir(), '.cache'), 'triton-compose');
  const registry = new RegistryClient({
    credentials: readDockerCredentials(),
    onSecret: (s) => secrets.push(s),
    configCacheDir: join(cacheRoot, 'config'),
    userAgent: `triton-compose/${VERSION}`,
  });
  const { result, failure } = await runCompose(spec, {
    version: VERSION,
    tempRoot: tmpdir(),
    cacheDir: join(cacheRoot, 'toc'),
    buildCacheDir: join(cacheRoot, 'buildkit'),
    log,
    registry,
    ...(sourceDateEpoch !== undefined ? { sourceDateEpoch } : {}),
  });
  if (result) {
    const text = json
      ? renderJson(result.report)
      : renderTerminal(result.report, { color: process.stdout.isTTY === true && !process.env.NO_COLOR });
    if (!quiet || json) process.stdout.write(mask(text));
  }
  if (failure !== undefined) {
    process.stderr.write(`error: ${mask(message(failure))}\n`);
    return 1;
  }
  return 0;
}
