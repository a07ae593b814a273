// The CLI's flags: every action input as a --flag, compose.py's flags mapped onto those
// inputs, the CLI's own defaults, and one exact message per mistake.
import { parseCliArgs, type CliOptions } from '../../../src/cli/args.js';
import { HELP } from '../../../src/cli/help.js';
import { InputError } from '../../../src/spec/lists.js';
import { parseSpec } from '../../../src/spec/spec.js';
import { INPUT_NAMES, type RawInputs } from '../../../src/spec/types.js';

/** The CLI defaults every run gets unless a flag says otherwise. */
const DEFAULTS: RawInputs = { tags: 'tritonserver', load: 'true', summary: 'false' };

function opts(inputs: RawInputs, flags: Partial<Omit<CliOptions, 'inputs'>> = {}): CliOptions {
  return { inputs, json: false, quiet: false, verbose: false, help: false, version: false, ...flags };
}

const split = (line: string) => line.split(' ');

const GOOD: [string, string[], CliOptions][] = [
  ['no flags: compose.py defaults (named tritonserver, loaded)', [], opts(DEFAULTS)],
  [
    'a literal compose.py command line',
    split(
      '--backend onnxruntime --backend python --repoagent checksum --cache local --container-version 24.01 --output-name tritonserver_custom --enable-gpu false',
    ),
    opts({
      ...DEFAULTS,
      backends: 'onnxruntime\npython',
      repoagents: 'checksum',
      caches: 'local',
      'container-version': '24.01',
      tags: 'tritonserver_custom',
      gpu: 'false',
    }),
  ],
  [
    'compose.py with --image, --work-dir, --skip-pull and --dry-run',
    split(
      '--image full,reg.io/t:24.01-cpu --image min,ubuntu:22.04 --enable-gpu --work-dir out --skip-pull --dry-run --backend onnxruntime',
    ),
    opts({
      tags: 'tritonserver',
      summary: 'false',
      'full-image': 'reg.io/t:24.01-cpu',
      'min-image': 'ubuntu:22.04',
      gpu: 'true',
      dockerfile: 'out/Dockerfile.compose',
      'dry-run': 'true',
      backends: 'onnxruntime',
    }),
  ],
  [
    '--image gpu-min alone; --work-dir with a trailing slash',
    split('--container-version 24.01 --image gpu-min,nvcr.io/nvidia/tritonserver:24.01-py3-min --work-dir /tmp/w/'),
    opts({
      ...DEFAULTS,
      'container-version': '24.01',
      'gpu-min-image': 'nvcr.io/nvidia/tritonserver:24.01-py3-min',
      dockerfile: '/tmp/w/Dockerfile.compose',
    }),
  ],
  [
    '--image full with --min-image given as an input flag',
    split('--image full,a/full:1 --min-image=a/min:1'),
    opts({ ...DEFAULTS, 'full-image': 'a/full:1', 'min-image': 'a/min:1' }),
  ],
  ['--enable-gpu=TRUE is true (any case)', ['--enable-gpu=TRUE'], opts({ ...DEFAULTS, gpu: 'true' })],
  ['--enable-gpu yes is false: only "true" is true', split('--enable-gpu yes'), opts({ ...DEFAULTS, gpu: 'false' })],
  ['bare --enable-gpu before another flag', split('--enable-gpu --backend python'), opts({ ...DEFAULTS, gpu: 'true', backends: 'python' })],
  ['--gpu=false and --enable-gpu no agree', split('--gpu=false --enable-gpu no'), opts({ ...DEFAULTS, gpu: 'false' })],
  [
    'input flags in = form',
    ['--container-version=24.01', '--backends=onnxruntime,python', '--runtime-deps=apt'],
    opts({ ...DEFAULTS, 'container-version': '24.01', backends: 'onnxruntime,python', 'runtime-deps': 'apt' }),
  ],
  [
    '--tags repeated accumulate, no default name',
    split('--tags a/b:1 --tags=a/b:2'),
    opts({ load: 'true', summary: 'false', tags: 'a/b:1\na/b:2' }),
  ],
  [
    '--tags and --output-name: both',
    split('--tags a/b:1 --output-name my-triton'),
    opts({ load: 'true', summary: 'false', tags: 'a/b:1\nmy-triton' }),
  ],
  [
    '--backend and --backends accumulate together',
    split('--backends onnxruntime,python --backend pytorch'),
    opts({ ...DEFAULTS, backends: 'onnxruntime,python\npytorch' }),
  ],
  [
    'bare --push: pushed, not loaded',
    split('--push --tags ghcr.io/a/t:1'),
    opts({ summary: 'false', push: 'true', tags: 'ghcr.io/a/t:1' }),
  ],
  ['--push=false: not pushing, so loaded', ['--push=false'], opts({ ...DEFAULTS, push: 'false' })],
  ['--push false as two arguments', split('--push false'), opts({ ...DEFAULTS, push: 'false' })],
  [
    'booleans normalized: --gpu=False, --no-cache TRUE, --pull',
    split('--gpu=False --no-cache TRUE --pull'),
    opts({ ...DEFAULTS, gpu: 'false', 'no-cache': 'true', pull: 'true' }),
  ],
  ['--load=false is kept', ['--load=false'], opts({ tags: 'tritonserver', summary: 'false', load: 'false' })],
  [
    '--load with --push keeps both',
    split('--load --push --tags r.io/a:1'),
    opts({ summary: 'false', load: 'true', push: 'true', tags: 'r.io/a:1' }),
  ],
  [
    '--outputs: no default load',
    split('--outputs type=local,dest=out'),
    opts({ tags: 'tritonserver', summary: 'false', outputs: 'type=local,dest=out' }),
  ],
  [
    '--outputs that push: no default name either',
    split('--outputs type=registry,name=r.io/a:1 --outputs type=oci,dest=a.tar'),
    opts({ summary: 'false', outputs: 'type=registry,name=r.io/a:1\ntype=oci,dest=a.tar' }),
  ],
  ['--dry-run: no default load', ['--dry-run'], opts({ tags: 'tritonserver', summary: 'false', 'dry-run': 'true' })],
  ['--dry-run=false: loaded', ['--dry-run=false'], opts({ ...DEFAULTS, 'dry-run': 'false' })],
  ['--summary', ['--summary'], opts({ ...DEFAULTS, summary: 'true' })],
  [
    'every value input',
    split(
      '--full-image f/f:1 --min-image m/m:1 --gpu-min-image g/g:1 --user 1000:1000 --builder b1 --provenance mode=max --sbom true ' +
        '--dockerfile d/Dockerfile --platforms linux/amd64 --platforms linux/arm64 --labels a=1 --annotations index:b=2 --caches local,redis --repoagents checksum',
    ),
    opts({
      ...DEFAULTS,
      'full-image': 'f/f:1',
      'min-image': 'm/m:1',
      'gpu-min-image': 'g/g:1',
      user: '1000:1000',
      builder: 'b1',
      provenance: 'mode=max',
      sbom: 'true',
      dockerfile: 'd/Dockerfile',
      platforms: 'linux/amd64\nlinux/arm64',
      labels: 'a=1',
      annotations: 'index:b=2',
      caches: 'local,redis',
      repoagents: 'checksum',
    }),
  ],
  [
    'the same value twice is fine',
    split('--container-version 24.01 --container-version 24.01'),
    opts({ ...DEFAULTS, 'container-version': '24.01' }),
  ],
  ['a value starting with "--" in = form', ['--labels=--odd=1'], opts({ ...DEFAULTS, labels: '--odd=1' })],
  ['a value starting with one "-" as its own argument', split('--labels -x=1'), opts({ ...DEFAULTS, labels: '-x=1' })],
  ['--json -q', split('--json -q'), opts(DEFAULTS, { json: true, quiet: true })],
  ['--verbose', ['--verbose'], opts(DEFAULTS, { verbose: true })],
  ['--help wins over everything, mistakes included', split('--bogus --help --tags'), opts({}, { help: true })],
  ['-h', ['-h'], opts({}, { help: true })],
  ['--version', split('--backend x --version'), opts({}, { version: true })],
];

const BAD: [string, string[], string][] = [
  [
    'a value that is another flag',
    split('--backend --push'),
    '--backend: needs a value (--backend VALUE, or --backend=VALUE for one starting with "--"); see --help',
  ],
  [
    'a value that is a short flag',
    split('--tags -q'),
    '--tags: needs a value (--tags VALUE, or --tags=VALUE for one starting with "--"); see --help',
  ],
  [
    'a value missing at the end',
    split('--container-version'),
    '--container-version: needs a value (--container-version VALUE, or --container-version=VALUE for one starting with "--"); see --help',
  ],
  [
    'an empty = value',
    ['--output-name='],
    '--output-name: needs a value (--output-name VALUE, or --output-name=VALUE for one starting with "--"); see --help',
  ],
  ['an unknown flag', ['--bogus'], '--bogus: unknown flag; see --help'],
  ['an unknown short flag', ['-x'], '-x: unknown flag; see --help'],
  ['a near miss', split('--tag a/b:1'), '--tag: unknown flag (did you mean --tags?); see --help'],
  ['a single dash for two', ['-push'], '-push: unknown flag (did you mean --push?); see --help'],
  [
    'a positional argument',
    split('--backend onnxruntime python'),
    '"python": unexpected argument (only flags are taken; repeat a flag for several values); see --help',
  ],
  ['a bare --', ['--'], '"--": unexpected argument (only flags are taken; repeat a flag for several values); see --help'],
  ['a value for a switch', ['--json=true'], '--json: takes no value; see --help'],
  ['a value for --skip-pull', ['--skip-pull=yes'], '--skip-pull: takes no value; see --help'],
  ['not a boolean', ['--push=maybe'], '--push: "maybe" is not a boolean: use true or false'],
  ['an empty boolean', ['--load='], '--load: "" is not a boolean: use true or false'],
  ['--image without a comma', split('--image full'), '--image: "full" is not NAME,IMAGE: use full,IMAGE, min,IMAGE or gpu-min,IMAGE'],
  [
    '--image with two commas',
    split('--image full,a,b'),
    '--image: "full,a,b" is not NAME,IMAGE: use full,IMAGE, min,IMAGE or gpu-min,IMAGE',
  ],
  ['--image of another name', split('--image max,a/b:1'), '--image: "max" is not an image name: use full, min or gpu-min'],
  ['--image full without min', split('--image full,a/b:1'), '--image: give both --image full,… and --image min,…'],
  ['--image min without full', split('--image min,a/b:1 --image gpu-min,a/c:1'), '--image: give both --image full,… and --image min,…'],
  [
    'one value given twice, differently',
    split('--container-version 24.01 --container-version 24.02'),
    '--container-version: "24.02" conflicts with "24.01" from --container-version (container-version takes one value)',
  ],
  [
    '--work-dir and --dockerfile',
    split('--dockerfile x/Dockerfile --work-dir out'),
    '--work-dir: "out/Dockerfile.compose" conflicts with "x/Dockerfile" from --dockerfile (dockerfile takes one value)',
  ],
  [
    '--enable-gpu against --gpu',
    split('--gpu --enable-gpu false'),
    '--enable-gpu: "false" conflicts with "true" from --gpu (gpu takes one value)',
  ],
  [
    '--image full against --full-image',
    split('--full-image a/b:1 --image full,a/b:2'),
    '--image: "a/b:2" conflicts with "a/b:1" from --full-image (full-image takes one value)',
  ],
  ['-q and -v', split('-q -v'), '-v: cannot be combined with -q'],
  ['--verbose and --quiet', split('--verbose --quiet'), '--quiet: cannot be combined with --verbose'],
  [
    '--push without a name',
    ['--push'],
    '--push: needs --tags (or --output-name) naming the image to push; the default "tritonserver" would be docker.io/library/tritonserver',
  ],
];

describe('parseCliArgs', () => {
  test.each(GOOD)('%s', (_name, argv, expected) => {
    expect(parseCliArgs(argv)).toEqual(expected);
  });

  test.each(BAD)('%s', (_name, argv, message) => {
    let error: unknown;
    try {
      parseCliArgs(argv);
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(InputError);
    expect((error as Error).message).toBe(message);
  });

  test('does not change its argument', () => {
    const argv = split('--backend python --push=false');
    parseCliArgs(argv);
    expect(argv).toEqual(['--backend', 'python', '--push=false']);
  });

  test('every action input is a flag', () => {
    for (const name of INPUT_NAMES) {
      const bool = ['gpu', 'push', 'load', 'pull', 'no-cache', 'force', 'dry-run', 'summary', 'arbitrary-user'].includes(name);
      const { inputs } = parseCliArgs(bool ? [`--${name}=false`] : [`--${name}`, 'x']);
      expect(inputs[name]).toBe(bool ? 'false' : 'x');
    }
  });

  test('the inputs go through parseSpec with the CLI defaults', () => {
    const spec = parseSpec(
      parseCliArgs(split('--container-version 24.01 --backend onnxruntime --backend python --output-name my-triton')).inputs,
    );
    expect(spec).toMatchObject({
      backends: ['onnxruntime', 'python'],
      tags: ['my-triton'],
      load: true,
      push: false,
      summary: false,
      gpu: true,
    });
  });
});

describe('HELP', () => {
  test('lists every action input flag and the compose.py flags', () => {
    for (const name of INPUT_NAMES) expect(HELP).toMatch(new RegExp(`^  --${name}[ [=]`, 'm'));
    for (const flag of [
      '--backend',
      '--repoagent',
      '--cache',
      '--image',
      '--enable-gpu',
      '--output-name',
      '--work-dir',
      '--skip-pull',
      '--json',
      '--version',
    ]) {
      expect(HELP).toMatch(new RegExp(`^  ${flag}[ [=]`, 'm'));
    }
    expect(HELP).toMatch(/^ {2}-q, --quiet/m);
    expect(HELP).toMatch(/^ {2}-v, --verbose/m);
    expect(HELP).toMatch(/^ {2}-h, --help/m);
  });

  test('has the usage line, the --skip-pull note and both examples', () => {
    expect(HELP.startsWith('Usage: npx triton-compose [flags]\n')).toBe(true);
    expect(HELP).toContain('Accepted and ignored: the source images are never pulled');
    expect(HELP).toContain('npx triton-compose --container-version 24.01 --backend onnxruntime --backend python --output-name my-triton\n');
    expect(HELP).toMatch(/npx triton-compose .*\\\n.*--tags .*--push\n/);
    expect(HELP.endsWith('\n')).toBe(true);
  });

  test('the examples parse', () => {
    const examples = HELP.replace(/\\\n\s*/g, '')
      .split('\n')
      .filter((l) => l.trim().startsWith('npx triton-compose '));
    expect(examples).toHaveLength(2);
    for (const line of examples) expect(() => parseCliArgs(line.trim().split(/\s+/).slice(2))).not.toThrow();
  });
});
