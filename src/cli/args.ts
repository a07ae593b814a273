// Command-line flags → the same RawInputs the action reads, plus the CLI-only switches.
// Every action input is a --kebab-case flag, and compose.py's flags (--backend, --image,
// --enable-gpu, --output-name, --work-dir, …) map onto those inputs, so a compose.py command
// line works as it is. Pure: no I/O; every error is an InputError naming the flag.
import { InputError, parseBool } from '../spec/lists.js';
import { type InputName, type RawInputs } from '../spec/types.js';

export interface CliOptions {
  inputs: RawInputs;
  /** --json: the machine-readable report on stdout. */
  json: boolean;
  quiet: boolean;
  verbose: boolean;
  help: boolean;
  version: boolean;
}

type Kind = 'list' | 'value' | 'bool';
interface InputFlag {
  kind: Kind;
  /** Placeholder for the value in HELP (booleans take an optional one). */
  arg: string;
  help: string;
}

/** One flag per action input, with action.yml's description (shortened to one line). */
const INPUT_FLAGS = {
  'container-version': { kind: 'value', arg: 'YY.MM', help: 'NGC release, e.g. 24.01: full tritonserver:<v>-py3, min <v>-py3-min' },
  backends: { kind: 'list', arg: 'LIST', help: 'Backends to keep (newline or comma separated), e.g. onnxruntime,python' },
  repoagents: { kind: 'list', arg: 'LIST', help: 'Repository agents to keep, e.g. checksum' },
  caches: { kind: 'list', arg: 'LIST', help: 'Response-cache implementations to keep: local, redis' },
  'full-image': { kind: 'value', arg: 'REF', help: "Full Triton image to copy parts from (overrides container-version's)" },
  'min-image': { kind: 'value', arg: 'REF', help: "Base image of the result (overrides container-version's; needed with gpu false)" },
  'gpu-min-image': { kind: 'value', arg: 'REF', help: 'GPU min image with the CUDA libraries a CPU-only pytorch needs' },
  gpu: { kind: 'bool', arg: 'BOOL', help: 'Compose a GPU image (true, the default) or a CPU-only one (false)' },
  'runtime-deps': { kind: 'value', arg: 'image|apt', help: 'Runtime deps: "image" copies them from the full image, "apt" installs them' },
  source: {
    kind: 'value',
    arg: 'selective|buildkit',
    help: 'Read parts by byte ranges of the full image (selective) or COPY --from it (buildkit)',
  },
  assembly: {
    kind: 'value',
    arg: 'auto|direct|buildx',
    help: 'Who writes the image: the tool itself (direct: a selective push, nothing pulled or unpacked), Buildx, or auto',
  },
  'index-repository': {
    kind: 'value',
    arg: 'REPO',
    help: 'Keep layer indexes as artifacts in this repository of your registry, shared by every machine that reads it',
  },
  user: { kind: 'value', arg: 'USER', help: 'User the image runs as, e.g. triton-server; default root, as compose.py' },
  tags: { kind: 'list', arg: 'LIST', help: 'Tags for the result (CLI default: tritonserver)' },
  labels: { kind: 'list', arg: 'LIST', help: 'Extra labels (key=value)' },
  annotations: { kind: 'list', arg: 'LIST', help: 'Annotations (key=value, or type:key=value as in build-push-action)' },
  push: { kind: 'bool', arg: 'BOOL', help: 'Push the result to its registry (needs --tags)' },
  load: { kind: 'bool', arg: 'BOOL', help: 'Load the result into the Docker image store (CLI default: see below)' },
  platforms: { kind: 'list', arg: 'LIST', help: "Target platforms, e.g. linux/amd64,linux/arm64 (default: the builder's)" },
  builder: { kind: 'value', arg: 'NAME', help: 'Buildx builder instance to use' },
  provenance: { kind: 'value', arg: 'VALUE', help: 'Provenance attestation: true, false or mode=min|max,… (default: off)' },
  sbom: { kind: 'value', arg: 'BOOL', help: 'SBOM attestation (true or false)' },
  outputs: { kind: 'list', arg: 'LIST', help: 'Buildx output destinations (type=…,…)' },
  pull: { kind: 'bool', arg: 'BOOL', help: 'Always try to pull newer versions of the source images' },
  'no-cache': { kind: 'bool', arg: 'BOOL', help: 'Do not use the build cache' },
  'cache-from': { kind: 'list', arg: 'ENTRY', help: 'Build cache to import, Buildx syntax: type=registry,ref=… or type=local,src=DIR' },
  'cache-to': {
    kind: 'list',
    arg: 'ENTRY',
    help: 'Build cache to export, Buildx syntax: type=registry,ref=…,mode=max or type=local,dest=DIR',
  },
  'build-cache': {
    kind: 'value',
    arg: 'MODE',
    help: 'Cache shorthand: none, local (a folder in the cache dir), registry (next to the first tag), gha',
  },
  force: { kind: 'bool', arg: 'BOOL', help: 'Build even when the tags already hold this exact compose' },
  dockerfile: { kind: 'value', arg: 'PATH', help: 'Where the Dockerfile is written (default: a new temporary directory); kept' },
  'dry-run': { kind: 'bool', arg: 'BOOL', help: 'Write the Dockerfile and print the Buildx command, build nothing' },
  summary: { kind: 'bool', arg: 'BOOL', help: 'Write a job summary to $GITHUB_STEP_SUMMARY (CLI default: false)' },
} as const satisfies Record<InputName, InputFlag>;

const isInput = (name: string): name is InputName => Object.hasOwn(INPUT_FLAGS, name);

/** compose.py's --image names → our inputs. */
const IMAGE_INPUTS = { full: 'full-image', min: 'min-image', 'gpu-min': 'gpu-min-image' } as const;

/** Flags that never take a value. */
const SWITCHES = ['--skip-pull', '--json', '-q', '--quiet', '-v', '--verbose', '-h', '--help', '--version'];
const SHORT = ['-h', '-q', '-v'];
const OTHER_FLAGS = ['--backend', '--repoagent', '--cache', '--image', '--enable-gpu', '--output-name', '--work-dir', ...SWITCHES];
const ALL_FLAGS = [...Object.keys(INPUT_FLAGS).map((n) => `--${n}`), ...OTHER_FLAGS];

/** compose.py's default image name, used as the tag when none is given. */
const DEFAULT_TAG = 'tritonserver';

function distance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++) cur[j] = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    prev = cur;
  }
  return prev[b.length];
}

function unknownFlag(name: string): InputError {
  let best: string | undefined;
  let bestDistance = 3; // suggest only close matches: --tag → --tags, -push → --push
  if (name.length <= 3) return new InputError(name, 'unknown flag; see --help'); // -x: too short to guess
  for (const f of ALL_FLAGS) {
    const d = f === name.toLowerCase() ? 0 : distance(name, f);
    if (d < bestDistance) [best, bestDistance] = [f, d];
  }
  return new InputError(name, best ? `unknown flag (did you mean ${best}?); see --help` : 'unknown flag; see --help');
}

/** What a value that came as its own argument may not look like: another flag. */
const flagLike = (arg: string) => arg.startsWith('--') || SHORT.includes(arg);

function result(inputs: RawInputs, over: Partial<CliOptions> = {}): CliOptions {
  return { inputs, json: false, quiet: false, verbose: false, help: false, version: false, ...over };
}

export function parseCliArgs(argv: string[]): CliOptions {
  // --help and --version win over everything else on the line, including mistakes.
  if (argv.includes('--help') || argv.includes('-h')) return result({}, { help: true });
  if (argv.includes('--version')) return result({}, { version: true });

  const lists: Partial<Record<InputName, string[]>> = {};
  const values = new Map<InputName, { value: string; flag: string }>();
  const opts = result({});
  let quietFlag: string | undefined;
  let verboseFlag: string | undefined;
  let imagePair = false; // --image full,… or min,… given: the other one is required too

  const addList = (input: InputName, value: string) => {
    (lists[input] ??= []).push(value);
  };
  const setValue = (input: InputName, value: string, flag: string) => {
    const prev = values.get(input);
    if (prev && prev.value !== value) {
      throw new InputError(flag, `"${value}" conflicts with "${prev.value}" from ${prev.flag} (${input} takes one value)`);
    }
    values.set(input, { value, flag });
  };

  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (!arg.startsWith('-') || arg === '-' || arg === '--') {
      throw new InputError(JSON.stringify(arg), 'unexpected argument (only flags are taken; repeat a flag for several values); see --help');
    }
    const eq = arg.startsWith('--') ? arg.indexOf('=') : -1;
    const flag = eq < 0 ? arg : arg.slice(0, eq);
    const inline = eq < 0 ? undefined : arg.slice(eq + 1);

    /** A required value: `--flag value` or `--flag=value`, never empty, never another flag. */
    const value = (): string => {
      const v = inline ?? (i + 1 < argv.length && !flagLike(argv[i + 1]) ? argv[++i] : undefined);
      if (v === undefined || v === '')
        throw new InputError(flag, `needs a value (${flag} VALUE, or ${flag}=VALUE for one starting with "--"); see --help`);
      return v;
    };
    /** An optional value (argparse's nargs='?'): the next argument unless it looks like a flag. */
    const optional = (): string | undefined => inline ?? (i + 1 < argv.length && !argv[i + 1].startsWith('-') ? argv[++i] : undefined);
    const bool = (): string => {
      const v = optional();
      if (v === undefined) return 'true';
      if (v.trim() === '') throw new InputError(flag, '"" is not a boolean: use true or false');
      return String(parseBool(flag, v, true));
    };

    if (SWITCHES.includes(flag) && inline !== undefined) throw new InputError(flag, 'takes no value; see --help');
    switch (flag) {
      case '--skip-pull': // compose.py pulls its images first; nothing here is pulled into the engine
        break;
      case '--json':
        opts.json = true;
        break;
      case '-q':
      case '--quiet':
        if (verboseFlag) throw new InputError(flag, `cannot be combined with ${verboseFlag}`);
        quietFlag = flag;
        opts.quiet = true;
        break;
      case '-v':
      case '--verbose':
        if (quietFlag) throw new InputError(flag, `cannot be combined with ${quietFlag}`);
        verboseFlag = flag;
        opts.verbose = true;
        break;
      case '--backend':
        addList('backends', value());
        break;
      case '--repoagent':
        addList('repoagents', value());
        break;
      case '--cache':
        addList('caches', value());
        break;
      case '--output-name':
        addList('tags', value());
        break;
      case '--work-dir': {
        const dir = value();
        setValue('dockerfile', `${dir}${dir.endsWith('/') ? '' : '/'}Dockerfile.compose`, flag);
        break;
      }
      case '--enable-gpu': {
        // compose.py: a bare flag is true; with a value, only "true" (any case) is.
        const v = optional();
        setValue('gpu', v === undefined || v.toLowerCase() === 'true' ? 'true' : 'false', flag);
        break;
      }
      case '--image': {
        const v = value();
        const parts = v.split(',');
        if (parts.length !== 2 || parts[1].trim() === '') {
          throw new InputError(flag, `"${v}" is not NAME,IMAGE: use full,IMAGE, min,IMAGE or gpu-min,IMAGE`);
        }
        const name = parts[0].trim();
        if (!Object.hasOwn(IMAGE_INPUTS, name)) throw new InputError(flag, `"${name}" is not an image name: use full, min or gpu-min`);
        if (name !== 'gpu-min') imagePair = true;
        setValue(IMAGE_INPUTS[name as keyof typeof IMAGE_INPUTS], parts[1].trim(), flag);
        break;
      }
      default: {
        const name = flag.slice(2);
        if (!flag.startsWith('--') || !isInput(name)) throw unknownFlag(flag);
        const kind: Kind = INPUT_FLAGS[name].kind;
        if (kind === 'list') addList(name, value());
        else setValue(name, kind === 'bool' ? bool() : value(), flag);
      }
    }
  }

  if (imagePair && (!values.has('full-image') || !values.has('min-image'))) {
    throw new InputError('--image', 'give both --image full,… and --image min,…');
  }
  const push = values.get('push');
  const pushes = push?.value === 'true';
  if (pushes && !lists.tags) {
    throw new InputError(
      push.flag,
      `needs --tags (or --output-name) naming the image to push; the default "${DEFAULT_TAG}" would be docker.io/library/${DEFAULT_TAG}`,
    );
  }

  const inputs: RawInputs = {};
  for (const [input, v] of values) inputs[input] = v.value;
  for (const [input, items] of Object.entries(lists) as [InputName, string[]][]) inputs[input] = items.join('\n');
  // CLI defaults, as compose.py behaves: the result is named "tritonserver" and left in the
  // local engine. An --outputs entry that pushes names its own destination (or needs --tags).
  const outputsPush = (lists.outputs ?? []).some((o) => /(?:^|,)\s*(?:type=registry|push=true)\s*(?:,|$)/.test(o));
  if (!lists.tags && !outputsPush) inputs.tags = DEFAULT_TAG;
  if (!values.has('load') && !pushes && !lists.outputs && inputs['dry-run'] !== 'true') inputs.load = 'true';
  if (!values.has('summary')) inputs.summary = 'false';
  return { ...opts, inputs };
}

function table(rows: [string, string][]): string {
  const col = 30;
  return rows
    .map(([flag, text]) => (flag.length < col - 2 ? `  ${flag.padEnd(col - 2)}${text}` : `  ${flag}\n${' '.repeat(col)}${text}`))
    .join('\n');
}

const inputRows = (Object.entries(INPUT_FLAGS) as [InputName, InputFlag][]).map(([name, f]): [string, string] => [
  f.kind === 'bool' ? `--${name}[=${f.arg}]` : `--${name} ${f.arg}`,
  f.help,
]);

export const HELP = `Usage: npx triton-compose [flags]
   or: npx triton-compose releases [--json]   (the NGC releases the release table knows)

Build a slim NVIDIA Triton Inference Server image holding only the backends, repository agents
and caches you need, composed from the NGC images with Docker Buildx: the same core as the
triton-compose GitHub Action. Takes the flags of Triton's compose.py, and one flag per action
input. Like compose.py, it names the result "${DEFAULT_TAG}" and leaves it in the local engine.

compose.py flags:
${table([
  ['--backend NAME', 'Backend to keep (repeatable); adds to --backends'],
  ['--repoagent NAME', 'Repository agent to keep (repeatable); adds to --repoagents'],
  ['--cache NAME', 'Response cache to keep (repeatable): local, redis (not a build cache)'],
  ['--container-version YY.MM', 'NGC release to compose from, e.g. 24.01'],
  ['--image NAME,IMAGE', 'Source image (repeatable): full,… and min,… go together; gpu-min,…'],
  ['--enable-gpu[=BOOL]', 'GPU image (bare, "true" or absent); any other value: CPU-only'],
  ['--output-name NAME', `Image name (default: ${DEFAULT_TAG}); with --tags, both are tagged`],
  ['--work-dir DIR', 'Write the Dockerfile to DIR/Dockerfile.compose'],
  ['--skip-pull', 'Accepted and ignored: the source images are never pulled into the local engine'],
  ['--dry-run', 'Write the Dockerfile and print the Buildx command, build nothing'],
  ['-q, --quiet', 'Print only warnings and errors (and the report, with --json)'],
  ['-v, --verbose', 'Also print the name of each step (not with --quiet)'],
])}

Action input flags (the inputs of action.yml):
${table(inputRows)}

Other flags:
${table([
  ['--json', 'Print the report as JSON on stdout'],
  ['-h, --help', 'Print this help'],
  ['--version', 'Print the version'],
])}

A flag takes its value as --flag VALUE or --flag=VALUE (the = form for a value starting with
"--"). LIST flags may be repeated and take comma- or newline-separated values. A BOOL flag
alone means true (--push); --push=false turns it off. Defaults that differ from the action's:
--tags ${DEFAULT_TAG} unless --tags or --output-name is given; --load unless --load=false,
--push, --outputs or --dry-run says otherwise; --summary=false.

Examples:
  # compose.py's way: two backends from the 24.01 release, loaded locally as my-triton
  npx triton-compose --container-version 24.01 --backend onnxruntime --backend python --output-name my-triton

  # push to a registry
  npx triton-compose --container-version 24.01 --backends onnxruntime,python \\
    --tags ghcr.io/acme/triton:24.01-onnx --tags ghcr.io/acme/triton:latest --push
`;
