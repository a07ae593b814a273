// Command-line flags → the same RawInputs the action reads, plus the CLI-only switches.
// Every action input is a --kebab-case flag, and compose.py's flags (flags.ts) map onto those
// inputs, so a compose.py command line works as it is. Pure: no I/O; every error is an
// InputError naming the flag.
import { InputError, parseBool } from '../spec/lists.js';
import { type InputName, type RawInputs } from '../spec/types.js';
import { ALIAS_FLAGS, ALL_FLAGS, DEFAULT_TAG, INPUT_FLAGS, SWITCHES, type SwitchName, isInput } from './flags.js';

export interface CliOptions {
  inputs: RawInputs;
  /** --json: the machine-readable report on stdout. */
  json: boolean;
  quiet: boolean;
  verbose: boolean;
  help: boolean;
  version: boolean;
}

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
const flagLike = (arg: string) => arg.startsWith('--') || ['-h', '-q', '-v'].includes(arg);

/** The arguments one flag at a time, with its value taken as that flag takes one. */
class ArgReader {
  private i = -1;
  flag = '';
  inline: string | undefined;
  constructor(private readonly argv: readonly string[]) {}

  next(): boolean {
    const arg = this.argv[++this.i];
    if (arg === undefined) return false;
    if (!arg.startsWith('-') || arg === '-' || arg === '--') {
      throw new InputError(JSON.stringify(arg), 'unexpected argument (only flags are taken; repeat a flag for several values); see --help');
    }
    const eq = arg.startsWith('--') ? arg.indexOf('=') : -1;
    [this.flag, this.inline] = eq < 0 ? [arg, undefined] : [arg.slice(0, eq), arg.slice(eq + 1)];
    return true;
  }

  /** A required value: `--flag value` or `--flag=value`, never empty, never another flag. */
  value(): string {
    const following = this.argv[this.i + 1];
    const v = this.inline ?? (following !== undefined && !flagLike(following) ? this.argv[++this.i] : undefined);
    if (v === undefined || v === '') {
      throw new InputError(this.flag, `needs a value (${this.flag} VALUE, or ${this.flag}=VALUE for one starting with "--"); see --help`);
    }
    return v;
  }

  /** An optional value (argparse's nargs='?'): the next argument unless it looks like a flag. */
  optional(): string | undefined {
    const following = this.argv[this.i + 1];
    return this.inline ?? (following !== undefined && !following.startsWith('-') ? this.argv[++this.i] : undefined);
  }

  bool(): string {
    const v = this.optional();
    if (v === undefined) return 'true';
    if (v.trim() === '') throw new InputError(this.flag, '"" is not a boolean: use true or false');
    return String(parseBool(this.flag, v, true));
  }
}

/** What the flags gave each input: list inputs accumulate, the others take one value. */
class Collected {
  readonly lists: Partial<Record<InputName, string[]>> = {};
  readonly values = new Map<InputName, { value: string; flag: string }>();
  /** Inputs set by --image full,… or min,…: the other one is required too. */
  readonly fromImage = new Set<InputName>();

  add(input: InputName, value: string, flag: string): void {
    if (flag === '--image') this.fromImage.add(input);
    if (INPUT_FLAGS[input].kind === 'list') {
      (this.lists[input] ??= []).push(value);
      return;
    }
    const prev = this.values.get(input);
    if (prev && prev.value !== value) {
      throw new InputError(flag, `"${value}" conflicts with "${prev.value}" from ${prev.flag} (${input} takes one value)`);
    }
    this.values.set(input, { value, flag });
  }
}

function result(inputs: RawInputs, over: Partial<CliOptions> = {}): CliOptions {
  return { inputs, json: false, quiet: false, verbose: false, help: false, version: false, ...over };
}

export function parseCliArgs(argv: string[]): CliOptions {
  // --help and --version win over everything else on the line, including mistakes.
  if (argv.includes('--help') || argv.includes('-h')) return result({}, { help: true });
  if (argv.includes('--version')) return result({}, { version: true });
  const opts = result({});
  const switched = new Map<SwitchName, string>(); // which flag turned each switch on
  const got = new Collected();
  for (const r = new ArgReader(argv); r.next();) {
    const { flag } = r;
    if (Object.hasOwn(SWITCHES, flag)) {
      if (r.inline !== undefined) throw new InputError(flag, 'takes no value; see --help');
      const name = SWITCHES[flag];
      const against = name === 'quiet' ? 'verbose' : name === 'verbose' ? 'quiet' : undefined;
      if (against && switched.has(against)) throw new InputError(flag, `cannot be combined with ${switched.get(against)}`);
      if (name) {
        opts[name] = true;
        switched.set(name, flag);
      }
    } else if (Object.hasOwn(ALIAS_FLAGS, flag)) {
      const alias = ALIAS_FLAGS[flag];
      got.add(...alias.to(alias.takes === 'value' ? r.value() : r.optional()), flag);
    } else {
      const name = flag.slice(2);
      if (!flag.startsWith('--') || !isInput(name)) throw unknownFlag(flag);
      got.add(name, INPUT_FLAGS[name].kind === 'bool' ? r.bool() : r.value(), flag);
    }
  }
  return { ...opts, inputs: planCliInputs(got) };
}

/** The inputs, once the flags agree with each other, with the CLI's defaults. */
function planCliInputs({ lists, values, fromImage }: Collected): RawInputs {
  if (fromImage.size > 0 && !(fromImage.size === 1 && fromImage.has('gpu-min-image'))) {
    if (!values.has('full-image') || !values.has('min-image'))
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
  return inputs;
}
