// The CLI's front door (`npx triton-compose`): compose.py's flags plus every action input,
// the same pipeline, and the report as an aligned table (or JSON with --json). Everything it
// reaches outside (stdout, stderr, environment, compose, registry) can be handed in.
import { homedir, tmpdir } from 'node:os';
import { join } from 'node:path';
import { type CliOptions, parseCliArgs } from './args.js';
import { HELP } from './help.js';
import { runReleases } from './releases.js';
import { cacheSecrets } from '../spec/cache-spec.js';
import { runCompose } from '../compose/compose.js';
import { parseSourceDateEpoch } from '../compose/source-date-epoch.js';
import { readDockerCredentials } from '../registry/credentials.js';
import { InputError } from '../spec/lists.js';
import { RegistryClient, type RegistryOptions } from '../registry/client.js';
import { renderJson, renderTerminal } from '../report/terminal.js';
import { parseSpec } from '../spec/spec.js';
import { type Spec } from '../spec/types.js';
import { VERSION } from '../util/version.js';
import { message } from '../util/errors.js';
import { type Logger } from '../util/log.js';
import { NO_PROGRESS, type ProgressRenderer, createProgress } from '../util/progress.js';

export interface CliDeps {
  stdout: { write(text: string): unknown; isTTY?: boolean };
  stderr: { write(text: string): unknown; isTTY?: boolean; columns?: number };
  env: NodeJS.ProcessEnv;
  runCompose: typeof runCompose;
  createRegistry: (options: RegistryOptions) => RegistryClient;
}

const defaults = (): CliDeps => ({
  stdout: process.stdout,
  stderr: process.stderr,
  env: process.env,
  runCompose,
  createRegistry: (options) => new RegistryClient(options),
});

type Command = { text: string } | { opts: CliOptions; spec: Spec; sourceDateEpoch: number | undefined };

/** What the command line asks for: a text to print (--help, --version) or a compose. */
function parseCommand(argv: string[], env: NodeJS.ProcessEnv): Command {
  const opts = parseCliArgs(argv);
  if (opts.help) return { text: HELP };
  if (opts.version) return { text: `triton-compose ${VERSION}\n` };
  const spec = parseSpec(opts.inputs);
  if (spec.buildCache === 'actions') {
    throw new InputError(
      'build-cache',
      'actions keeps the cache with the GitHub Actions cache service, which only a workflow has; use local (a folder in ~/.cache/triton-compose) or registry',
    );
  }
  return { opts, spec, sourceDateEpoch: parseSourceDateEpoch(env.SOURCE_DATE_EPOCH) };
}

/**
 * Progress on stderr: live lines on a terminal (not a dumb one), a paced line every 10 s or
 * 10 % elsewhere; none with --quiet.
 */
function stderrProgress(d: CliDeps, opts: CliOptions, mask: (s: string) => string): ProgressRenderer | undefined {
  if (opts.quiet) return undefined;
  const live = d.stderr.isTTY === true && d.env.TERM !== 'dumb';
  return createProgress({ write: (t) => d.stderr.write(mask(t)), now: Date.now, live, ...(live ? { columns: d.stderr.columns } : {}) });
}

/** Log lines on stderr, above the live progress lines when there are some. */
function stderrLogger(stderr: CliDeps['stderr'], opts: CliOptions, mask: (s: string) => string, progress?: ProgressRenderer): Logger {
  const write = (text: string) => (progress ? progress.print(text) : stderr.write(text));
  return {
    info: (m) => {
      if (!opts.quiet) write(mask(m) + '\n');
    },
    warning: (m) => {
      write(`warning: ${mask(m)}\n`);
    },
    startGroup: (n) => {
      if (opts.verbose) write(`== ${n}\n`);
    },
    endGroup: () => undefined,
  };
}

/** Runs the command line; the exit code: 0 done, 1 the compose failed, 2 a bad command line. */
export async function main(argv: string[], overrides: Partial<CliDeps> = {}): Promise<number> {
  const d = { ...defaults(), ...overrides };
  // Registry tokens the client learns are masked in everything printed, as are cache secrets.
  const secrets: string[] = [];
  const mask = (s: string) => secrets.reduce((t, x) => (x ? t.split(x).join('***') : t), s);
  const cacheRoot = join(d.env.XDG_CACHE_HOME || join(homedir(), '.cache'), 'triton-compose');
  const registryOptions = (onSecret: (s: string) => void): RegistryOptions => ({
    credentials: readDockerCredentials(d.env),
    onSecret,
    configCacheDir: join(cacheRoot, 'config'),
    userAgent: `triton-compose/${VERSION}`,
  });
  if (argv[0] === 'releases') {
    return runReleases(argv.slice(1), {
      out: (text) => d.stdout.write(mask(text)),
      err: (text) => d.stderr.write(mask(text)),
      createRegistry: () => d.createRegistry(registryOptions((s) => secrets.push(s))),
      cacheDir: join(cacheRoot, 'toc'),
    });
  }
  let command: Command;
  try {
    command = parseCommand(argv, d.env);
  } catch (err) {
    d.stderr.write(`error: ${message(err)}\n`);
    return 2;
  }
  if ('text' in command) {
    d.stdout.write(command.text);
    return 0;
  }
  const { opts, spec, sourceDateEpoch } = command;
  secrets.push(...cacheSecrets(spec));
  const registry = d.createRegistry(registryOptions((s) => secrets.push(s)));
  const progress = stderrProgress(d, opts, mask);
  const { result, failure } = await d.runCompose(spec, {
    version: VERSION,
    tempRoot: tmpdir(),
    cacheDir: join(cacheRoot, 'toc'),
    buildCacheDir: join(cacheRoot, 'buildkit'),
    log: stderrLogger(d.stderr, opts, mask, progress),
    progress: progress ?? NO_PROGRESS,
    registry,
    ...(sourceDateEpoch !== undefined ? { sourceDateEpoch } : {}),
  });
  if (result && (!opts.quiet || opts.json)) {
    const color = d.stdout.isTTY === true && !d.env.NO_COLOR;
    d.stdout.write(mask(opts.json ? renderJson(result.report) : renderTerminal(result.report, { color })));
  }
  if (failure === undefined) return 0;
  d.stderr.write(`error: ${mask(message(failure))}\n`);
  return 1;
}
