// The CLI's flags as data: one per action input, compose.py's flags as aliases onto those
// inputs, and the switches that are the CLI's own. args.ts parses with these tables, help.ts
// prints them. Pure.
import { InputError } from '../spec/lists.js';
import { type InputName } from '../spec/types.js';

/** compose.py's default image name, used as the tag when none is given. */
export const DEFAULT_TAG = 'tritonserver';

export type Kind = 'list' | 'value' | 'bool';
export interface InputFlag {
  kind: Kind;
  /** Placeholder for the value in HELP (booleans take an optional one). */
  arg: string;
  help: string;
}

/** One flag per action input, with action.yml's description (shortened to one line). */
export const INPUT_FLAGS = {
  'container-version': { kind: 'value', arg: 'YY.MM', help: 'NGC release, e.g. 24.01: full tritonserver:<v>-py3, min <v>-py3-min' },
  backends: { kind: 'list', arg: 'LIST', help: 'Backends to keep (newline or comma separated), e.g. onnxruntime,python' },
  repoagents: { kind: 'list', arg: 'LIST', help: 'Repository agents to keep, e.g. checksum' },
  caches: { kind: 'list', arg: 'LIST', help: 'Response-cache implementations to keep: local, redis' },
  'python-packages': {
    kind: 'list',
    arg: 'LIST',
    help: 'Python distributions for the python backend, with what they require (Requires-Dist), from the full image or NAME@SOURCE',
  },
  prefer: {
    kind: 'list',
    arg: 'LIST',
    help: 'Images (full, or a source name) that win a path two images place with different content, in order',
  },
  sources: {
    kind: 'list',
    arg: 'LIST',
    help: 'More images to take parts from, NAME=IMAGE; a part written NAME@SOURCE comes from there (vllm, trtllm: NGC variants)',
  },
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
    help: 'Keep layer indexes and part-layer records as artifacts in this repository of your registry, shared by every machine that reads it',
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
  'compression-level': {
    kind: 'value',
    arg: 'N',
    help: 'level of the layers the compose writes: gzip 0-9 (default 6), zstd 1-22 (default 3)',
  },
  'layer-compression': { kind: 'value', arg: 'gzip|zstd', help: 'what the layers the compose writes are compressed with (default gzip)' },
  trim: {
    kind: 'value',
    arg: 'none|safe|needed',
    help: 'Drop from the min base what serving never opens (safe), and the libraries no kept file can load (needed)',
  },
  keep: { kind: 'list', arg: 'GLOB', help: 'Absolute path glob a trim keeps whatever its rules say (repeat for more)' },
  drop: { kind: 'list', arg: 'GLOB', help: 'Absolute path glob a trim drops besides its rules (repeat for more)' },
  'arbitrary-user': {
    kind: 'bool',
    arg: 'BOOL',
    help: "Runs as any UID in group 0 (OpenShift): the server's folder and add's destinations group 0's and group-writable like the owner",
  },
  add: {
    kind: 'list',
    arg: 'SRC:DEST',
    help: 'A folder or file of the workspace, or of an image (image:REF:PATH), added as a layer at DEST (repeat for more); src=SRC,dest=DEST,chown=UID:GID sets its owner',
  },
  'max-layer-size': {
    kind: 'value',
    arg: 'SIZE',
    help: 'Cut any layer the compose writes that could be larger, by path, e.g. 2GB; direct assembly',
  },
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

export const isInput = (name: string): name is InputName => Object.hasOwn(INPUT_FLAGS, name);

/** A compose.py flag: which input its value goes to, and as what. */
export interface AliasFlag {
  /** value: required; optional: argparse's nargs='?' (a bare flag, or a value not starting with "-"). */
  takes: 'value' | 'optional';
  arg: string;
  help: string;
  to: (value: string | undefined) => [InputName, string];
}

const IMAGE_INPUTS = { full: 'full-image', min: 'min-image', 'gpu-min': 'gpu-min-image' } as const;

function imageInput(text = ''): [InputName, string] {
  const parts = text.split(',');
  if (parts.length !== 2 || parts[1].trim() === '') {
    throw new InputError('--image', `"${text}" is not NAME,IMAGE: use full,IMAGE, min,IMAGE or gpu-min,IMAGE`);
  }
  const name = parts[0].trim();
  if (!Object.hasOwn(IMAGE_INPUTS, name)) throw new InputError('--image', `"${name}" is not an image name: use full, min or gpu-min`);
  return [IMAGE_INPUTS[name as keyof typeof IMAGE_INPUTS], parts[1].trim()];
}

/** compose.py's flags with another name than ours (--container-version and --dry-run are the same). */
export const ALIAS_FLAGS: Record<string, AliasFlag> = {
  '--backend': { takes: 'value', arg: 'NAME', help: 'Backend to keep (repeatable); adds to --backends', to: (v = '') => ['backends', v] },
  '--repoagent': {
    takes: 'value',
    arg: 'NAME',
    help: 'Repository agent to keep (repeatable); adds to --repoagents',
    to: (v = '') => ['repoagents', v],
  },
  '--cache': {
    takes: 'value',
    arg: 'NAME',
    help: 'Response cache to keep (repeatable): local, redis (not a build cache)',
    to: (v = '') => ['caches', v],
  },
  '--image': {
    takes: 'value',
    arg: 'NAME,IMAGE',
    help: 'Source image (repeatable): full,… and min,… go together; gpu-min,…',
    to: imageInput,
  },
  '--enable-gpu': {
    takes: 'optional',
    arg: 'BOOL',
    help: 'GPU image (bare, "true" or absent); any other value: CPU-only',
    // compose.py: a bare flag is true; with a value, only "true" (any case) is.
    to: (v) => ['gpu', v === undefined || v.toLowerCase() === 'true' ? 'true' : 'false'],
  },
  '--output-name': {
    takes: 'value',
    arg: 'NAME',
    help: `Image name (default: ${DEFAULT_TAG}); with --tags, both are tagged`,
    to: (v = '') => ['tags', v],
  },
  '--work-dir': {
    takes: 'value',
    arg: 'DIR',
    help: 'Write the Dockerfile to DIR/Dockerfile.compose',
    to: (dir = '') => ['dockerfile', `${dir}${dir.endsWith('/') ? '' : '/'}Dockerfile.compose`],
  },
};

export type SwitchName = 'json' | 'quiet' | 'verbose' | 'help' | 'version';

/** Flags that never take a value, and the option each turns on (--skip-pull: none). */
export const SWITCHES: Record<string, SwitchName | undefined> = {
  '--skip-pull': undefined, // compose.py pulls its images first; nothing here is pulled into the engine
  '--json': 'json',
  '-q': 'quiet',
  '--quiet': 'quiet',
  '-v': 'verbose',
  '--verbose': 'verbose',
  '-h': 'help',
  '--help': 'help',
  '--version': 'version',
};

export const ALL_FLAGS = [...Object.keys(INPUT_FLAGS).map((n) => `--${n}`), ...Object.keys(ALIAS_FLAGS), ...Object.keys(SWITCHES)];
