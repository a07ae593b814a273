import { parseSpec } from '../../../src/spec/spec.js';
import { type RawInputs } from '../../../src/spec/types.js';

const base: RawInputs = { 'container-version': '24.01' };

describe('parseSpec accepts', () => {
  test.each<[string, RawInputs, (s: ReturnType<typeof parseSpec>) => unknown, unknown]>([
    [
      'NGC defaults from the release',
      base,
      (s) => [s.images.full, s.images.min],
      [
        { registry: 'nvcr.io', repository: 'nvidia/tritonserver', tag: '24.01-py3' },
        { registry: 'nvcr.io', repository: 'nvidia/tritonserver', tag: '24.01-py3-min' },
      ],
    ],
    [
      'backends as CSV and lines, ensemble dropped',
      { ...base, backends: 'onnxruntime, python\nensemble\npytorch' },
      (s) => s.backends,
      ['onnxruntime', 'python', 'pytorch'],
    ],
    [
      "a variant's short name with a full image of one's own: its tag in that repository",
      {
        ...base,
        'full-image': '127.0.0.1:5000/t:24.01-py3',
        'min-image': '127.0.0.1:5000/t:24.01-py3-min',
        backends: 'onnxruntime,python@vllm',
      },
      (s) => s.sources,
      [{ name: 'vllm', ref: { registry: '127.0.0.1:5000', repository: 't', tag: '24.01-vllm-python-py3' } }],
    ],
    [
      'parts from declared sources, in every part input; a declared source overrides a short name; one no part names is a note',
      {
        ...base,
        sources: 'vendor=ghcr.io/acme/backends:1, vllm=ghcr.io/acme/vllm:2\nspare=ghcr.io/acme/spare:3',
        backends: 'python@vllm,custom@vendor',
        repoagents: 'audit@vendor',
      },
      (s) => [s.partSources, s.sources.map((x) => [x.name, x.ref.repository, x.ref.tag]), s.notes],
      [
        [
          { input: 'backends', name: 'python', source: 'vllm' },
          { input: 'backends', name: 'custom', source: 'vendor' },
          { input: 'repoagents', name: 'audit', source: 'vendor' },
        ],
        [
          ['vllm', 'acme/vllm', '2'],
          ['vendor', 'acme/backends', '1'],
        ],
        ['sources: spare is named by no part (write a part as NAME@spare to take it from there); it is not read'],
      ],
    ],
    [
      'python-packages: names with extras, comma-separated outside brackets and by lines, some @source',
      { ...base, backends: 'python', sources: 'v=r/v:1', 'python-packages': 'vllm@v, tinyrope[speed,fast]\nfastjson' },
      (s) => [s.pythonPackages, s.sources.map((x) => x.name)],
      [[{ requirement: 'vllm', source: 'v' }, { requirement: 'tinyrope[speed,fast]' }, { requirement: 'fastjson' }], ['v']],
    ],
    [
      'vllm from its variant brings its distributions from there, with why; tensorrtllm too, from its own source',
      { ...base, backends: 'python,vllm,tensorrtllm@t', sources: 't=r/t:x' },
      (s) => [s.pythonPackages, s.notes.filter((n) => n.startsWith('backends:'))],
      [
        [
          { requirement: 'tensorrt_llm', source: 't', why: 'the tensorrtllm backend runs it (backends: tensorrtllm@t)' },
          { requirement: 'vllm', source: 'vllm', why: 'the vllm backend runs it (backends: vllm@vllm)' },
        ],
        [
          'backends: tensorrtllm@t runs on tensorrt_llm: its distributions come from t with it (python-packages: tensorrt_llm@t)',
          'backends: vllm@vllm runs on vllm: its distributions come from vllm with it (python-packages: vllm@vllm)',
        ],
      ],
    ],
    [
      'vllm from its variant with its Python distributions named: not twice',
      { ...base, backends: 'python,vllm', 'python-packages': 'vllm@vllm' },
      (s) => [s.partSources, s.pythonPackages, s.sources.map((x) => x.ref.tag)],
      [[{ input: 'backends', name: 'vllm', source: 'vllm' }], [{ requirement: 'vllm', source: 'vllm' }], ['24.01-vllm-python-py3']],
    ],
    [
      'prefer: full or the sources in use, in order',
      { ...base, backends: 'python', sources: 'v=r/v:1', 'python-packages': 'x@v', prefer: 'v, full' },
      (s) => s.prefer,
      ['v', 'full'],
    ],
    [
      'repoagents and caches',
      { ...base, repoagents: 'checksum', caches: 'local,redis' },
      (s) => [s.repoagents, s.caches],
      [['checksum'], ['local', 'redis']],
    ],
    [
      'tags as metadata-action emits them',
      { ...base, tags: 'ghcr.io/acme/triton:24.01\nghcr.io/acme/triton:latest' },
      (s) => s.tags,
      ['ghcr.io/acme/triton:24.01', 'ghcr.io/acme/triton:latest'],
    ],
    [
      'custom images skip the release check',
      { 'full-image': '127.0.0.1:5000/t:x', 'min-image': '127.0.0.1:5000/t:y', backends: 'mybackend' },
      (s) => [s.customFull, s.backends, s.release],
      [true, ['mybackend'], undefined],
    ],
    [
      'CPU with pytorch defaults gpu-min from the release',
      { ...base, gpu: 'false', 'full-image': 'r.io/t:cpu', 'min-image': 'ubuntu:22.04', backends: 'pytorch' },
      (s) => s.images.gpuMin,
      { registry: 'nvcr.io', repository: 'nvidia/tritonserver', tag: '24.01-py3-min' },
    ],
    ['booleans as YAML spells them', { ...base, push: 'True', tags: 'a/b:c', load: 'FALSE' }, (s) => [s.push, s.load], [true, false]],
    [
      'annotations with a type prefix',
      { ...base, annotations: 'index:org.opencontainers.image.title=x\nmanifest[linux/amd64]:a.b=c' },
      (s) => s.annotations.length,
      2,
    ],
    ['user triton-server and uid:gid', { ...base, user: '1000:1000' }, (s) => s.user, '1000:1000'],
    ['runtime-deps apt', { ...base, 'runtime-deps': 'apt' }, (s) => s.runtimeDeps, 'apt'],
    ['provenance mode', { ...base, provenance: 'mode=max' }, (s) => s.provenance, 'mode=max'],
    ["compression-level unset: the tools' default", base, (s) => s.compressionLevel, undefined],
    ['compression-level 1', { ...base, 'compression-level': ' 1 ' }, (s) => s.compressionLevel, 1],
    ['compression-level 0 (stored)', { ...base, 'compression-level': '0' }, (s) => s.compressionLevel, 0],
    ['assembly auto by default', base, (s) => s.assembly, 'auto'],
    ['trim none by default', base, (s) => s.trim, { level: 'none', keep: [], drop: [] }],
    [
      'trim safe with keep and drop globs, one per line (a comma is part of a glob)',
      {
        ...base,
        push: 'true',
        tags: 'r.io/a/b:c',
        trim: 'safe',
        keep: '/usr/local/cuda/include/{cuda_fp16,cuda_bf16}.h\n/opt/x/**',
        drop: ' /usr/share/locale ',
      },
      (s) => s.trim,
      { level: 'safe', keep: ['/usr/local/cuda/include/{cuda_fp16,cuda_bf16}.h', '/opt/x/**'], drop: ['/usr/share/locale'] },
    ],
    [
      'max-layer-size in SI and IEC units',
      { ...base, push: 'true', tags: 'r.io/a/b:c', 'max-layer-size': ' 2GB ' },
      (s) => s.maxLayerSize,
      2_000_000_000,
    ],
    ['max-layer-size 1.5GiB', { ...base, push: 'true', tags: 'r.io/a/b:c', 'max-layer-size': '1.5GiB' }, (s) => s.maxLayerSize, 1610612736],
    ['max-layer-size unset', base, (s) => s.maxLayerSize, undefined],
    ['trim safe in a dry run, which needs no push', { ...base, trim: 'safe', 'dry-run': 'true' }, (s) => s.trim.level, 'safe'],
    [
      'trim needed with Buildx (load: true), which builds the trimmed base itself',
      { ...base, trim: 'needed', load: 'true' },
      (s) => s.trim.level,
      'needed',
    ],
    [
      'trim safe with the buildkit source',
      { ...base, trim: 'safe', push: 'true', tags: 'r.io/a/b:c', source: 'buildkit' },
      (s) => s.trim.level,
      'safe',
    ],
    [
      'a release newer than the table: NGC images of that version, facts from the images',
      { 'container-version': '27.01', backends: 'onnxruntime,python' },
      (s) => [s.release, s.version, s.images.full.tag, s.images.min.tag, s.backends, s.notes],
      [
        undefined,
        '27.01',
        '27.01-py3',
        '27.01-py3-min',
        ['onnxruntime', 'python'],
        [
          'container-version 27.01 is newer than the release table (24.01 … 26.08): the compose takes every fact from the images themselves (Triton version, Ubuntu and Python, packages, parts); runtime-deps: apt and a CPU-only pytorch need the table',
        ],
      ],
    ],
    ['a release the table knows has no notes', base, (s) => [s.release?.triton, s.version, s.notes], ['2.42.0', '24.01', []]],
    [
      'assembly direct for a selective push',
      { ...base, assembly: 'direct', push: 'true', tags: 'r.io/a/b:c' },
      (s) => s.assembly,
      'direct',
    ],
    ['assembly buildx', { ...base, assembly: 'buildx' }, (s) => s.assembly, 'buildx'],
    [
      'index-repository on a registry with a port',
      { ...base, 'index-repository': '127.0.0.1:5000/acme/index' },
      (s) => s.indexRepository,
      { registry: '127.0.0.1:5000', repository: 'acme/index' },
    ],
  ])('%s', (_name, raw, pick, expected) => {
    expect(pick(parseSpec(raw))).toEqual(expected);
  });
});

describe('parseSpec rejects, naming the input', () => {
  test.each<[string, RawInputs, string]>([
    [
      'apt mode for a release the table does not know',
      { 'container-version': '27.01', 'runtime-deps': 'apt' },
      'runtime-deps: apt installs the packages build.py lists per release, and 27.01 is not in the release table (24.01 … 26.08): use image (the default), which takes them from the full image',
    ],
    [
      'a CPU-only pytorch for a release the table does not know',
      {
        'container-version': '27.01',
        gpu: 'false',
        'full-image': 'r.io/t:cpu',
        'min-image': 'ubuntu:24.04',
        'gpu-min-image': 'r.io/t:min',
        backends: 'pytorch',
      },
      'backends: a CPU-only pytorch copies the CUDA libraries build.py lists per release, and 27.01 is not in the release table (24.01 … 26.08): compose it from a release the table knows',
    ],
    ['malformed release', { 'container-version': '24.1' }, 'container-version: "24.1" is not a release: use YY.MM, e.g. 24.01'],
    ['no release and no images', {}, 'container-version: give container-version, or both full-image and min-image'],
    ['full without min', { 'full-image': 'r.io/t:full' }, 'min-image: give container-version, or both full-image and min-image'],
    [
      'bad image reference',
      { ...base, 'full-image': 'R.io/Bad Name' },
      'full-image: "R.io/Bad Name" is not an image reference: must not contain white space',
    ],
    [
      'unknown backend lists the valid ones',
      { ...base, backends: 'onnx' },
      'backends: "onnx" is not in the 24.01 release; valid: dali, fil, identity, onnxruntime, openvino, python, pytorch, repeat, square, tensorflow, tensorrt, ensemble',
    ],
    [
      'onnxruntime is not in 24.02',
      { 'container-version': '24.02', backends: 'onnxruntime' },
      'backends: "onnxruntime" is not in the 24.02 release; valid: dali, fil, identity, openvino, python, pytorch, repeat, square, tensorflow, tensorrt, ensemble',
    ],
    [
      'tensorflow is gone from 25.03',
      { 'container-version': '25.03', backends: 'tensorflow' },
      'backends: "tensorflow" is not in the 25.03 release; valid: dali, fil, identity, onnxruntime, openvino, python, pytorch, repeat, square, tensorrt, ensemble',
    ],
    [
      'vllm named alone without the python backend that runs it',
      { ...base, backends: 'onnxruntime,vllm' },
      'backends: vllm@vllm is a Python-based backend, which the python backend runs: add python to backends',
    ],
    [
      'tensorrtllm from a declared source without python',
      { ...base, sources: 't=r/t:x', backends: 'tensorrtllm@t' },
      'backends: tensorrtllm@t is a Python-based backend, which the python backend runs: add python to backends',
    ],
    [
      'vllm from its variant with the buildkit source: its distributions are read by ranges',
      { ...base, backends: 'python,vllm', source: 'buildkit' },
      'backends: the distributions are copied file by file',
    ],
    [
      'python-packages without python',
      { ...base, backends: 'onnxruntime', 'python-packages': 'vllm' },
      "python-packages: the distributions are for the python backend's models: keep python in backends",
    ],
    [
      'python-packages with the buildkit source',
      { ...base, backends: 'python', source: 'buildkit', 'python-packages': 'vllm' },
      'python-packages: the distributions are copied file by file, as their RECORD lists them, from byte ranges: use source: selective (the default)',
    ],
    [
      'python-packages twice, as pip compares names',
      { ...base, backends: 'python', 'python-packages': 'Typing_Ext\ntyping-ext' },
      'python-packages: "typing-ext" is listed twice',
    ],
    [
      'python-packages not a name',
      { ...base, backends: 'python', 'python-packages': 'numpy>=1.0' },
      'python-packages: "numpy>=1.0" is not a distribution name',
    ],
    [
      'python-packages from an unknown source',
      { ...base, backends: 'python', 'python-packages': 'vllm@nowhere' },
      'python-packages: "vllm@nowhere": no source is named nowhere',
    ],
    [
      'prefer naming no image of the compose',
      { ...base, backends: 'python', sources: 'v=r/v:1', 'python-packages': 'x@v', prefer: 'w' },
      'prefer: "w" is not an image of this compose: name full or a source a part or distribution is taken from (full, v)',
    ],
    [
      'a part from a source nobody declared',
      { ...base, backends: 'python,custom@vendor' },
      'backends: "custom@vendor": no source is named vendor (known: vllm, trtllm); declare it in sources as vendor=IMAGE',
    ],
    [
      'a part from a variant without container-version',
      { 'full-image': 'r/t:full', 'min-image': 'r/t:min', backends: 'vllm@vllm' },
      'backends: "vllm@vllm": no source is named vllm (the sources input is empty); declare it in sources as vllm=IMAGE, or give container-version',
    ],
    [
      'a source name with a slash',
      { ...base, backends: 'vllm@a/b' },
      'backends: "vllm@a/b" is not NAME@SOURCE: SOURCE is a name of the sources input (or, with container-version, vllm or trtllm)',
    ],
    ['a part twice through sources', { ...base, backends: 'python@a,python@b' }, 'backends: "python" is listed twice'],
    [
      'sources not NAME=IMAGE',
      { ...base, sources: 'nvcr.io/nvidia/tritonserver:24.01-vllm-python-py3' },
      'sources: "nvcr.io/nvidia/tritonserver:24.01-vllm-python-py3" is not NAME=IMAGE, e.g. vllm=nvcr.io/nvidia/tritonserver:26.08-vllm-python-py3',
    ],
    [
      "a source named like the compose's own",
      { ...base, sources: 'full=r/t:x' },
      'sources: "full" names one of the compose\'s own images (full, min, gpu-min)',
    ],
    ['a source twice', { ...base, sources: 'a=r/t:x\na=r/t:y' }, 'sources: "a" is given twice'],
    [
      'a source name in capitals',
      { ...base, sources: 'Vendor=r/t:x' },
      'sources: "Vendor" is not a source name: lowercase letters and digits, words joined by single "-", at most 32 characters',
    ],
    ['a source image that is not a reference', { ...base, sources: 'a=r/T:x' }, 'sources: a: "r/T:x" is not an image reference'],
    ['duplicate', { ...base, backends: 'python,python' }, 'backends: "python" is listed twice'],
    ['empty name', { ...base, backends: 'python,,onnxruntime' }, 'backends: empty name in "python,,onnxruntime": remove the extra comma'],
    [
      'space in name',
      { ...base, backends: 'on nx' },
      'backends: "on nx" is not a valid name: use lowercase letters, digits, "_" and single "-" (no spaces, slashes, dots or "--")',
    ],
    [
      'slash in name',
      { ...base, backends: '../etc' },
      'backends: "../etc" is not a valid name: use lowercase letters, digits, "_" and single "-" (no spaces, slashes, dots or "--")',
    ],
    [
      'double dash',
      { ...base, repoagents: 'a--b' },
      'repoagents: "a--b" is not a valid name: use lowercase letters, digits, "_" and single "-" (no spaces, slashes, dots or "--")',
    ],
    [
      'leading dashes',
      { ...base, caches: '--local' },
      'caches: "--local" is not a valid name: use lowercase letters, digits, "_" and single "-" (no spaces, slashes, dots or "--")',
    ],
    [
      'unknown repoagent',
      { ...base, repoagents: 'relocation' },
      'repoagents: "relocation" is not in the repository agents Triton ships; valid: checksum',
    ],
    ['unknown cache', { ...base, caches: 'memcached' }, 'caches: "memcached" is not in the caches Triton ships; valid: local, redis'],
    ['bad boolean', { ...base, gpu: 'yes' }, 'gpu: "yes" is not a boolean: use true or false'],
    [
      'CPU without images',
      { ...base, gpu: 'false' },
      'full-image: a CPU-only compose (gpu: false) needs both full-image (a CPU build of Triton; NGC publishes none) and min-image (its base, e.g. ubuntu:22.04)',
    ],
    [
      'CPU + pytorch without gpu-min',
      { gpu: 'false', 'full-image': 'r.io/t:cpu', 'min-image': 'ubuntu:22.04', backends: 'pytorch' },
      'gpu-min-image: a CPU-only compose with pytorch copies CUDA libraries from a GPU min image: give gpu-min-image or container-version',
    ],
    [
      'bad tag',
      { ...base, tags: 'ghcr.io/acme/Triton:1' },
      'tags: "ghcr.io/acme/Triton:1" is not an image reference: repository "acme/Triton" must be lowercase letters, digits and separators',
    ],
    ['push without tags', { ...base, push: 'true' }, 'tags: push: true needs at least one tag'],
    ['bad platform', { ...base, platforms: 'amd64' }, 'platforms: "amd64" is not os/arch[/variant], e.g. linux/amd64'],
    ['bad output', { ...base, outputs: 'dest=/tmp/x' }, 'outputs: "dest=/tmp/x" needs type=registry|image|oci|docker|local|tar|cacheonly'],
    ['bad label', { ...base, labels: 'novalue' }, 'labels: "novalue" is not key=value (key: letters, digits, ".", "_", "/", "-")'],
    ['bad runtime-deps', { ...base, 'runtime-deps': 'pip' }, 'runtime-deps: "pip" is not one of: image, apt'],
    [
      'bad user',
      { ...base, user: 'root; rm -rf /' },
      'user: "root; rm -rf /" is not a user name or uid[:gid], e.g. triton-server or 1000:1000',
    ],
    ['bad builder', { ...base, builder: '-x' }, 'builder: "-x" is not a builder name'],
    [
      'bad provenance',
      { ...base, provenance: 'yes please' },
      'provenance: "yes please" is not true, false or key=value[,key=value] (e.g. mode=max)',
    ],
    ['multi-line dockerfile path', { ...base, dockerfile: 'a\nb' }, 'dockerfile: the path must be one line'],
    ['bad assembly', { ...base, assembly: 'kaniko' }, 'assembly: "kaniko" is not one of: auto, direct, buildx'],
    [
      'index-repository with a tag',
      { ...base, 'index-repository': 'ghcr.io/acme/index:v1' },
      'index-repository: "ghcr.io/acme/index:v1" names a tag or digest: give a repository alone, e.g. ghcr.io/acme/triton-compose-index (one tag per layer is written there)',
    ],
    [
      'index-repository not a name',
      { ...base, 'index-repository': 'ghcr.io/Acme' },
      'index-repository: "ghcr.io/Acme" is not a repository: repository "Acme" must be lowercase letters, digits and separators',
    ],
    [
      'direct with load',
      { ...base, assembly: 'direct', push: 'true', tags: 'r.io/a/b:c', load: 'true' },
      'assembly: direct cannot write this image: load: true puts the image into the engine, which Buildx does; use auto (the default) or buildx',
    ],
    [
      'direct with the buildkit source',
      { ...base, assembly: 'direct', push: 'true', tags: 'r.io/a/b:c', source: 'buildkit' },
      'assembly: direct cannot write this image: source: buildkit copies the parts with COPY --from=<full image>; use auto (the default) or buildx',
    ],
  ])('%s', (_name, raw, message) => {
    expect(() => parseSpec(raw)).toThrow(message);
  });
});
