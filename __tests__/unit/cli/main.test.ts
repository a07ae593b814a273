// The CLI's front door with recorded stdout/stderr and a stand-in compose: exit codes, what
// goes to which stream, secrets masked, the --json report. No Docker, no registry.
import { type CliDeps, main } from '../../../src/cli/main.js';
import { HELP } from '../../../src/cli/help.js';
import type { ComposeOptions, ComposeResult } from '../../../src/compose/compose.js';
import { RegistryClient } from '../../../src/registry/client.js';
import type { Report } from '../../../src/report/types.js';
import type { Spec } from '../../../src/spec/types.js';
import { VERSION } from '../../../src/util/version.js';
import { digest, onePart } from '../../helpers/reports.js';

type Opts = Omit<ComposeOptions, 'workDir' | 'resultsDir'> & { tempRoot: string };
type Outcome = { result?: ComposeResult; failure?: unknown };

interface Run {
  code: number;
  stdout: string;
  stderr: string;
  composed: Spec[];
}

async function cli(
  argv: string[],
  outcome: Outcome = { result: { report: onePart } },
  during: (opts: Opts, onSecret: (s: string) => void) => void = () => undefined,
  terminal = false,
): Promise<Run> {
  const out = { stdout: '', stderr: '', composed: [] as Spec[] };
  let onSecret: (s: string) => void = () => undefined;
  const deps: Partial<CliDeps> = {
    stdout: { write: (t: string) => (out.stdout += t) },
    stderr: { write: (t: string) => (out.stderr += t), isTTY: terminal, columns: 80 },
    env: { XDG_CACHE_HOME: '/home/u/.cache' },
    runCompose: async (spec, opts) => {
      out.composed.push(spec);
      during(opts, onSecret);
      return outcome;
    },
    createRegistry: (options) => {
      onSecret = options.onSecret ?? onSecret;
      return new RegistryClient(options);
    },
  };
  const code = await main(argv, deps);
  return { code, ...out };
}

const split = (line: string) => line.split(' ');

test('--help: the help on stdout, nothing composed', async () => {
  expect(await cli(split('--backend x --help'))).toEqual({ code: 0, stdout: HELP, stderr: '', composed: [] });
});

test('--version: one line on stdout', async () => {
  expect(await cli(['--version'])).toEqual({ code: 0, stdout: `triton-compose ${VERSION}\n`, stderr: '', composed: [] });
});

test.each([
  ['an unknown flag', split('--container-version 24.01 --tag a/b:1'), 'error: --tag: unknown flag (did you mean --tags?); see --help\n'],
  ['a bad input', split('--container-version 24.01 --runtime-deps pip'), expect.stringMatching(/^error: runtime-deps: [^\n]*\n$/)],
  [
    'build-cache actions',
    split('--container-version 24.01 --build-cache actions'),
    'error: build-cache: actions keeps the cache with the GitHub Actions cache service, which only a workflow has; use local (a folder in ~/.cache/triton-compose) or registry\n',
  ],
])('%s: exit 2, one line naming it on stderr, nothing composed', async (_name, argv, line) => {
  expect(await cli(argv)).toEqual({ code: 2, stdout: '', stderr: line, composed: [] });
});

test('a failing compose: exit 1, the report, the error last, every secret masked', async () => {
  const failed: Report = { ...onePart, ok: false, error: 'push refused for token ghs_from' };
  const run = await cli(
    split('--container-version 24.01 --backend python --cache-from type=gha,token=ghs_from --tags r.io/a:1'),
    { result: { report: failed }, failure: new Error('push refused for token ghs_from (auth registry-password)') },
    (opts, onSecret) => {
      onSecret('registry-password');
      opts.log.info('login with registry-password');
      opts.log.warning('cache ghs_from unreachable');
    },
  );
  expect(run.code).toBe(1);
  expect(run.composed.map((s) => [s.backends, s.tags, s.load])).toEqual([[['python'], ['r.io/a:1'], true]]);
  const lines = run.stderr.split('\n');
  expect(lines).toEqual(['login with ***', 'warning: cache *** unreachable', 'error: push refused for token *** (auth ***)', '']);
  expect(run.stdout).toContain('push refused for token ***');
  for (const s of ['ghs_from', 'registry-password']) expect(run.stdout + run.stderr).not.toContain(s);
});

test('--json: the report as one JSON document on stdout, the log on stderr', async () => {
  const run = await cli(split('--container-version 24.01 --json'), undefined, (opts) => opts.log.info('Resolving'));
  expect(run.code).toBe(0);
  expect(run.stderr).toBe('Resolving\n');
  expect(JSON.parse(run.stdout)).toEqual({
    ok: true,
    tags: ['triton:local'],
    imageId: digest('7d'),
    release: '24.01',
    gpu: true,
    pushed: false,
    dryRun: false,
    platforms: [
      {
        platform: 'linux/amd64',
        size: 58213304,
        uncompressedSize: 155847680,
        parts: [
          { name: 'base', kind: 'base', digests: [digest('04'), digest('14'), digest('24')], size: 58213304, uncompressedSize: 155847680 },
        ],
      },
    ],
    sources: [],
    durations: { build: 850 },
    dockerfile: onePart.dockerfile,
  });
  expect(Object.keys(JSON.parse(run.stdout))).toEqual([
    'ok',
    'tags',
    'imageId',
    'release',
    'gpu',
    'pushed',
    'dryRun',
    'platforms',
    'sources',
    'durations',
    'dockerfile',
  ]);
});

test('--quiet: no progress and no table; with --json the report still comes', async () => {
  const say = (opts: Opts) => opts.log.info('Resolving');
  expect(await cli(split('--container-version 24.01 -q'), undefined, say)).toMatchObject({ code: 0, stdout: '', stderr: '' });
  const json = await cli(split('--container-version 24.01 -q --json'), undefined, say);
  expect(json.stderr).toBe('');
  expect(JSON.parse(json.stdout).ok).toBe(true);
});

/** A transfer as the pipeline makes one: named, some bytes, ended. */
const transfer = (opts: Opts) => {
  const t = opts.progress?.start('index sha256:0123456789ab… 2.0 MB', 2_000_000);
  t?.add(1_000_000);
  opts.log.info('a log line');
  t?.end();
};

test('on a terminal: a live line per transfer, log lines above it; --quiet: no progress at all', async () => {
  const live = await cli(split('--container-version 24.01'), undefined, transfer, true);
  expect(live.stderr.startsWith('\x1b[0Jindex sha256:0123456789ab… 2.0 MB  0 B / 2.0 MB  0%  0 B/s\n')).toBe(true);
  expect(live.stderr).toContain('\x1b[1F\x1b[0Ja log line\nindex sha256:0123456789ab… 2.0 MB  1.0 MB / 2.0 MB  50%');
  expect(live.stderr.endsWith('\x1b[1F\x1b[0J')).toBe(true);
  for (const argv of ['--container-version 24.01 -q', '--container-version 24.01 --quiet --json']) {
    const quiet = await cli(split(argv), undefined, transfer, true);
    expect(quiet.stderr).toBe('');
  }
});

test('not on a terminal: no cursor movements, and a quick transfer says nothing', async () => {
  const run = await cli(split('--container-version 24.01'), undefined, transfer);
  expect(run.stderr).toBe('a log line\n');
});

test('--verbose names each step; the table has no colour when stdout is not a terminal', async () => {
  const run = await cli(split('--container-version 24.01 -v'), undefined, (opts) => {
    opts.log.startGroup('Resolving source images');
    opts.log.endGroup();
  });
  expect(run.stderr).toBe('== Resolving source images\n');
  expect(run.stdout).toContain('triton:local');
  expect(run.stdout).not.toContain('\x1b[');
});

test('releases: the subcommand writes to the streams main was given', async () => {
  const bad = await cli(split('releases --bogus'));
  expect(bad).toEqual({
    code: 2,
    stdout: '',
    stderr:
      'error: releases: "--bogus": unexpected argument; releases takes only --json, --container-version, --full-image, --min-image, --platforms, --image\n',
    composed: [],
  });
  const json = await cli(split('releases --json'));
  expect(json.code).toBe(0);
  expect(JSON.parse(json.stdout).releases.length).toBeGreaterThan(0);
});
