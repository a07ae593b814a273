// The CLI's --help text, printed from the flag tables (flags.ts), so every flag the parser
// takes is listed with the same name and placeholder. Pure.
import { ALIAS_FLAGS, DEFAULT_TAG, INPUT_FLAGS, type InputFlag } from './flags.js';
import { type InputName } from '../spec/types.js';

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

/** compose.py's flags: the aliases, then those that are ours by the same name, and its switches. */
const composePyRows: [string, string][] = [
  ...Object.entries(ALIAS_FLAGS).map(([flag, f]): [string, string] => [
    f.takes === 'optional' ? `${flag}[=${f.arg}]` : `${flag} ${f.arg}`,
    f.help,
  ]),
  ['--container-version YY.MM', 'NGC release to compose from, e.g. 24.01'],
  ['--skip-pull', 'Accepted and ignored: the source images are never pulled into the local engine'],
  ['--dry-run', 'Write the Dockerfile and print the Buildx command, build nothing'],
  ['-q, --quiet', 'Print only warnings and errors (and the report, with --json)'],
  ['-v, --verbose', 'Also print the name of each step (not with --quiet)'],
];

export const HELP = `Usage: npx triton-compose [flags]
   or: npx triton-compose releases [--json]   (the NGC releases the release table knows)
   or: npx triton-compose releases --container-version YY.MM [--full-image REF --min-image REF] [--json]
                                               (one release's facts as its images tell them, beside the table's)

Build a slim NVIDIA Triton Inference Server image holding only the backends, repository agents
and caches you need, composed from the NGC images with Docker Buildx: the same core as the
triton-compose GitHub Action. Takes the flags of Triton's compose.py, and one flag per action
input. Like compose.py, it names the result "${DEFAULT_TAG}" and leaves it in the local engine.

compose.py flags:
${table(composePyRows)}

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
