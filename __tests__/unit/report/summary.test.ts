// The job summary, rendered in full for recorded runs (sizes as the registry reported them
// for 24.01 images), and its escaping of user text.
import type { Report, TrimReport } from '../../../src/report/types.js';
import { renderSummary } from '../../../src/report/summary.js';
import { renderTerminal } from '../../../src/report/terminal.js';

import { digest, part, onePart, manyParts, cpu, platforms, failure, text } from '../../helpers/reports.js';

const NOTE =
  '<sub>Sizes in SI units: 1 kB = 1000 B, 1 MB = 10^6 B, 1 GB = 10^9 B. Compressed: what a pull downloads; uncompressed: the layers on disk.</sub>';

describe('renderSummary', () => {
  it('renders a one-part result, leaving out what is not known', () => {
    expect(renderSummary(onePart)).toBe(
      text([
        '## Triton compose: ✅ succeeded',
        '',
        '- **Image:** `triton:local` (not pushed)',
        '- **Image ID:** `sha256:7d7d7d7d7d7d7d7d7d7d7d7d7d7d7d7d7d7d7d7d7d7d7d7d7d7d7d7d7d7d7d7d`',
        '- **Release:** 24.01 · **Variant:** GPU · **Platform:** linux/amd64',
        '',
        '### Parts (linux/amd64)',
        '',
        '| Part | Kind | Compressed | Uncompressed | Share |  |',
        '| :-- | :-- | --: | --: | --: | :-- |',
        '| base | base | 58.2 MB | 155.8 MB | 100.0% | ████████████████████ |',
        '| **Total** |  | **58.2 MB**<br><sub>58,213,304 B</sub> | **155.8 MB**<br><sub>155,847,680 B</sub> |  |  |',
        '',
        '### Build',
        '',
        '- **Duration:** build 850 ms',
        '',
        '### Run it',
        '',
        '```sh',
        'docker run --rm --gpus=all -p 8000:8000 -p 8001:8001 -p 8002:8002 -v "$PWD/model_repository:/models" triton:local tritonserver --model-repository=/models',
        '```',
        '',
        'Ports: 8000 HTTP, 8001 gRPC, 8002 metrics. Put your models in `./model_repository` (one folder per model).',
        '',
        '<details><summary>Dockerfile</summary>',
        '',
        '```dockerfile',
        'FROM nvcr.io/nvidia/tritonserver:24.01-py3-min@sha256:5c5c5c5c5c5c5c5c5c5c5c5c5c5c5c5c5c5c5c5c5c5c5c5c5c5c5c5c5c5c5c5c',
        '```',
        '',
        '</details>',
        '',
        NOTE,
      ]),
    );
  });

  it('renders many parts with the comparison and build facts', () => {
    expect(renderSummary(manyParts)).toBe(
      text([
        '## Triton compose: ✅ succeeded',
        '',
        '- **Image:** `ghcr.io/acme/tritonserver:24.01-onnx-python`, `ghcr.io/acme/tritonserver:latest` (pushed)',
        '- **Digest:** `sha256:3f9a0c3f9a0c3f9a0c3f9a0c3f9a0c3f9a0c3f9a0c3f9a0c3f9a0c3f9a0c3f9a`',
        '- **Release:** 24.01 · **Variant:** GPU · **Platform:** linux/amd64',
        '',
        '### Parts (linux/amd64)',
        '',
        '| Part | Kind | Compressed | Uncompressed | Share |  |',
        '| :-- | :-- | --: | --: | --: | :-- |',
        '| base | base | 58.2 MB | 155.8 MB | 64.1% | ████████████████████ |',
        '| runtime-deps | runtime-deps | 9.1 MB | 31.3 MB | 10.0% | ███▏ |',
        '| core | core | 6.0 MB | 19.0 MB | 6.7% | ██▏ |',
        '| onnxruntime | backend | 14.4 MB | 52.3 MB | 15.8% | █████ |',
        '| python | backend | 3.1 MB | 11.0 MB | 3.4% | █ |',
        '| **Total** |  | **90.8 MB**<br><sub>90,815,474 B</sub> | **269.4 MB**<br><sub>269,390,848 B</sub> |  |  |',
        '',
        '### Result vs source images',
        '',
        '| Image | Compressed | Uncompressed |  |',
        '| :-- | --: | --: | :-- |',
        '| **Result** | 90.8 MB | 269.4 MB | ████████▍ |',
        '| min `nvcr.io/nvidia/tritonserver:24.01-py3-min@sha256:5c5c5c5c5c5c…` | 58.2 MB | 155.8 MB | █████▍ |',
        '| full `nvcr.io/nvidia/tritonserver:24.01-py3@sha256:9e9e9e9e9e9e…` | 216.4 MB | 612.1 MB | ████████████████████ |',
        '',
        "**Saving: 58.0%** of the full image's compressed size: 125.6 MB less to pull.",
        '',
        '### Build',
        '',
        '- **Duration:** resolve 1.2 s · build 2 min 5 s · push 14.3 s · total 2 min 21 s',
        '- **Cache:** 12 steps reused, 3 built',
        '- **Fetched:** 38.2 MB from registries',
        '',
        '### Run it',
        '',
        '```sh',
        'docker run --rm --gpus=all -p 8000:8000 -p 8001:8001 -p 8002:8002 -v "$PWD/model_repository:/models" ghcr.io/acme/tritonserver@sha256:3f9a0c3f9a0c3f9a0c3f9a0c3f9a0c3f9a0c3f9a0c3f9a0c3f9a0c3f9a0c3f9a tritonserver --model-repository=/models',
        '```',
        '',
        'Ports: 8000 HTTP, 8001 gRPC, 8002 metrics. Put your models in `./model_repository` (one folder per model).',
        '',
        '<details><summary>Dockerfile</summary>',
        '',
        'Written to `/home/runner/work/_temp/triton-compose/Dockerfile`.',
        '',
        '```dockerfile',
        'FROM nvcr.io/nvidia/tritonserver:24.01-py3@sha256:9e9e9e9e9e9e9e9e9e9e9e9e9e9e9e9e9e9e9e9e9e9e9e9e9e9e9e9e9e9e9e9e AS full',
        'FROM nvcr.io/nvidia/tritonserver:24.01-py3-min@sha256:5c5c5c5c5c5c5c5c5c5c5c5c5c5c5c5c5c5c5c5c5c5c5c5c5c5c5c5c5c5c5c5c',
        'COPY --link --from=full /opt/tritonserver/bin /opt/tritonserver/bin',
        'COPY --link --from=full /opt/tritonserver/lib /opt/tritonserver/lib',
        'COPY --link --from=full /opt/tritonserver/backends/onnxruntime /opt/tritonserver/backends/onnxruntime',
        'COPY --link --from=full /opt/tritonserver/backends/python /opt/tritonserver/backends/python',
        '```',
        '',
        '</details>',
        '',
        NOTE,
      ]),
    );
  });

  it('renders a CPU compose, with a source whose uncompressed size is unknown', () => {
    expect(renderSummary(cpu)).toBe(
      text([
        '## Triton compose: ✅ succeeded',
        '',
        '- **Image:** `registry.example.com/ml/triton-cpu:24.01` (pushed)',
        '- **Digest:** `sha256:c0ffeec0ffeec0ffeec0ffeec0ffeec0ffeec0ffeec0ffeec0ffeec0ffeec0ff`',
        '- **Release:** 24.01 · **Variant:** CPU · **Platform:** linux/amd64',
        '',
        '### Parts (linux/amd64)',
        '',
        '| Part | Kind | Compressed | Uncompressed | Share |  |',
        '| :-- | :-- | --: | --: | --: | :-- |',
        '| base | base | 29.5 MB | 77.9 MB | 46.9% | ████████████████████ |',
        '| runtime-deps | runtime-deps | 12.5 MB | 41.6 MB | 19.8% | ████████▌ |',
        '| core | core | 6.0 MB | 19.0 MB | 9.6% | ████▏ |',
        '| onnxruntime | backend | 11.9 MB | 41.0 MB | 18.9% | ████████ |',
        '| python | backend | 3.1 MB | 11.0 MB | 4.9% | ██▏ |',
        '| **Total** |  | **63.0 MB**<br><sub>63,037,187 B</sub> | **190.4 MB**<br><sub>190,371,840 B</sub> |  |  |',
        '',
        '### Result vs source images',
        '',
        '| Image | Compressed | Uncompressed |  |',
        '| :-- | --: | --: | :-- |',
        '| **Result** | 63.0 MB | 190.4 MB | █████▉ |',
        '| min `docker.io/library/ubuntu:22.04@sha256:e4e4e4e4e4e4…` | 29.5 MB | – | ██▊ |',
        '| full `nvcr.io/nvidia/tritonserver:24.01-py3@sha256:9e9e9e9e9e9e…` | 216.4 MB | 612.1 MB | ████████████████████ |',
        '',
        "**Saving: 70.9%** of the full image's compressed size: 153.4 MB less to pull.",
        '',
        '### Build',
        '',
        '- **Duration:** resolve 930 ms · build 3 min 32 s · push 9.1 s · total 3 min 42 s',
        '- **Cache:** 0 steps reused, 9 built',
        '- **Fetched:** 241.9 MB from registries',
        '',
        '### Run it',
        '',
        '```sh',
        'docker run --rm -p 8000:8000 -p 8001:8001 -p 8002:8002 -v "$PWD/model_repository:/models" registry.example.com/ml/triton-cpu@sha256:c0ffeec0ffeec0ffeec0ffeec0ffeec0ffeec0ffeec0ffeec0ffeec0ffeec0ff tritonserver --model-repository=/models',
        '```',
        '',
        'Ports: 8000 HTTP, 8001 gRPC, 8002 metrics. Put your models in `./model_repository` (one folder per model).',
        '',
        '<details><summary>Dockerfile</summary>',
        '',
        '```dockerfile',
        'FROM nvcr.io/nvidia/tritonserver:24.01-py3@sha256:9e9e9e9e9e9e9e9e9e9e9e9e9e9e9e9e9e9e9e9e9e9e9e9e9e9e9e9e9e9e9e9e AS full',
        'FROM docker.io/library/ubuntu:22.04@sha256:e4e4e4e4e4e4e4e4e4e4e4e4e4e4e4e4e4e4e4e4e4e4e4e4e4e4e4e4e4e4e4e4',
        'COPY --link --from=full /opt/tritonserver/bin /opt/tritonserver/bin',
        'COPY --link --from=full /opt/tritonserver/lib /opt/tritonserver/lib',
        '```',
        '',
        '</details>',
        '',
        NOTE,
      ]),
    );
  });

  it('renders one table per platform and compares the first', () => {
    expect(renderSummary(platforms)).toBe(
      text([
        '## Triton compose: ✅ succeeded',
        '',
        '- **Image:** `ghcr.io/acme/tritonserver:24.01-python` (pushed)',
        '- **Digest:** `sha256:ab12ab12ab12ab12ab12ab12ab12ab12ab12ab12ab12ab12ab12ab12ab12ab12`',
        '- **Release:** 24.01 · **Variant:** GPU · **Platforms:** linux/amd64, linux/arm64',
        '',
        '### Parts (linux/amd64)',
        '',
        '| Part | Kind | Compressed | Uncompressed | Share |  |',
        '| :-- | :-- | --: | --: | --: | :-- |',
        '| base | base | 58.2 MB | 155.8 MB | 76.2% | ████████████████████ |',
        '| runtime-deps | runtime-deps | 9.1 MB | 31.3 MB | 11.9% | ███▏ |',
        '| core | core | 6.0 MB | 19.0 MB | 7.9% | ██▏ |',
        '| python | backend | 3.1 MB | 11.0 MB | 4.0% | █ |',
        '| **Total** |  | **76.4 MB**<br><sub>76,438,209 B</sub> | **217.1 MB**<br><sub>217,054,208 B</sub> |  |  |',
        '',
        '### Parts (linux/arm64)',
        '',
        '| Part | Kind | Compressed | Uncompressed | Share |  |',
        '| :-- | :-- | --: | --: | --: | :-- |',
        '| base | base | 55.9 MB | 149.4 MB | 76.3% | ████████████████████ |',
        '| runtime-deps | runtime-deps | 8.7 MB | 30.1 MB | 11.9% | ███▏ |',
        '| core | core | 5.7 MB | 18.0 MB | 7.8% | ██ |',
        '| python | backend | 3.0 MB | 10.6 MB | 4.0% | █ |',
        '| **Total** |  | **73.3 MB**<br><sub>73,284,006 B</sub> | **208.2 MB**<br><sub>208,179,200 B</sub> |  |  |',
        '',
        '### Result vs source images',
        '',
        '| Image | Compressed | Uncompressed |  |',
        '| :-- | --: | --: | :-- |',
        '| **Result** (linux/amd64) | 76.4 MB | 217.1 MB | ███████▏ |',
        '| min `nvcr.io/nvidia/tritonserver:24.01-py3-min@sha256:5c5c5c5c5c5c…` | 58.2 MB | 155.8 MB | █████▍ |',
        '| full `nvcr.io/nvidia/tritonserver:24.01-py3@sha256:9e9e9e9e9e9e…` | 216.4 MB | 612.1 MB | ████████████████████ |',
        '',
        "**Saving: 64.7%** of the full image's compressed size: 140.0 MB less to pull.",
        '',
        '### Build',
        '',
        '- **Duration:** resolve 2.3 s · build 5 min 2 s · push 21.9 s · total 5 min 26 s',
        '- **Cache:** 18 steps reused, 4 built',
        '',
        '### Run it',
        '',
        '```sh',
        'docker run --rm --gpus=all -p 8000:8000 -p 8001:8001 -p 8002:8002 -v "$PWD/model_repository:/models" ghcr.io/acme/tritonserver@sha256:ab12ab12ab12ab12ab12ab12ab12ab12ab12ab12ab12ab12ab12ab12ab12ab12 tritonserver --model-repository=/models',
        '```',
        '',
        'Ports: 8000 HTTP, 8001 gRPC, 8002 metrics. Put your models in `./model_repository` (one folder per model).',
        '',
        '<details><summary>Dockerfile</summary>',
        '',
        '```dockerfile',
        'FROM nvcr.io/nvidia/tritonserver:24.01-py3@sha256:9e9e9e9e9e9e9e9e9e9e9e9e9e9e9e9e9e9e9e9e9e9e9e9e9e9e9e9e9e9e9e9e AS full',
        'FROM nvcr.io/nvidia/tritonserver:24.01-py3-min@sha256:5c5c5c5c5c5c5c5c5c5c5c5c5c5c5c5c5c5c5c5c5c5c5c5c5c5c5c5c5c5c5c5c',
        'COPY --link --from=full /opt/tritonserver/backends/python /opt/tritonserver/backends/python',
        '```',
        '',
        '</details>',
        '',
        NOTE,
      ]),
    );
  });

  it('renders a failure: what failed, the log tail, and only the sizes known', () => {
    expect(renderSummary(failure)).toBe(
      text([
        '## Triton compose: ❌ failed',
        '',
        '- **Image:** `ghcr.io/acme/tritonserver:24.01-trt`',
        '- **Release:** 24.01 · **Variant:** GPU',
        '',
        '**What failed:** docker buildx build exited with code 1: "/opt/tritonserver/backends/tensorrt": not found',
        '',
        '<details open><summary>Build log (last 4 lines)</summary>',
        '',
        '```text',
        '#12 [stage-1 3/3] COPY --link --from=full /opt/tritonserver/backends/tensorrt /opt/tritonserver/backends/tensorrt',
        '#12 ERROR: failed to calculate checksum of ref 6a0f: "/opt/tritonserver/backends/tensorrt": not found',
        '------',
        'ERROR: failed to solve: failed to compute cache key: "/opt/tritonserver/backends/tensorrt": not found',
        '```',
        '',
        '</details>',
        '',
        '### Source images',
        '',
        '| Image | Compressed | Uncompressed |  |',
        '| :-- | --: | --: | :-- |',
        '| min `nvcr.io/nvidia/tritonserver:24.01-py3-min@sha256:5c5c5c5c5c5c…` | 58.2 MB | 155.8 MB | █████▍ |',
        '| full `nvcr.io/nvidia/tritonserver:24.01-py3@sha256:9e9e9e9e9e9e…` | 216.4 MB | 612.1 MB | ████████████████████ |',
        '',
        '### Build',
        '',
        '- **Duration:** resolve 2.1 s · build 48.9 s · total 51.0 s',
        '',
        '<details><summary>Dockerfile</summary>',
        '',
        '```dockerfile',
        'FROM nvcr.io/nvidia/tritonserver:24.01-py3@sha256:9e9e9e9e9e9e9e9e9e9e9e9e9e9e9e9e9e9e9e9e9e9e9e9e9e9e9e9e9e9e9e9e AS full',
        'FROM nvcr.io/nvidia/tritonserver:24.01-py3-min@sha256:5c5c5c5c5c5c5c5c5c5c5c5c5c5c5c5c5c5c5c5c5c5c5c5c5c5c5c5c5c5c5c5c',
        'COPY --link --from=full /opt/tritonserver/backends/tensorrt /opt/tritonserver/backends/tensorrt',
        '```',
        '',
        '</details>',
        '',
        NOTE,
      ]),
    );
  });

  it('says dry run, and leaves out sections with nothing known', () => {
    const dry: Report = { ...onePart, tags: [], imageId: undefined, platforms: [], durations: {}, dockerfile: '', dryRun: true };
    expect(renderSummary(dry)).toBe(
      text(['## Triton compose: 📝 dry run', '', '- **Image:** _untagged_', '- **Release:** 24.01 · **Variant:** GPU']),
    );
  });
});

describe('renderSummary escaping', () => {
  it('keeps tags in code spans longer than any backtick run, and HTML out of plain text', () => {
    const evil: Report = {
      ...failure,
      tags: ['ghcr.io/a/b:<script>alert(1)</script>', 'x`y``z|w'],
      release: '<b>24.01</b>',
      error: 'bad <img src=x onerror=alert(1)> | `rm -rf` *now* [link](http://x) & more',
      logTail: [],
      sources: [],
    };
    const out = renderSummary(evil);
    expect(out).toContain('- **Image:** `ghcr.io/a/b:<script>alert(1)</script>`, ``` x`y``z|w ```\n');
    expect(out).toContain('**Release:** &lt;b&gt;24.01&lt;/b&gt;');
    expect(out).toContain(
      '**What failed:** bad &lt;img src=x onerror=alert(1)&gt; \\| \\`rm -rf\\` \\*now\\* \\[link\\](http://x) &amp; more\n',
    );
  });

  it('escapes part names and refs in table cells', () => {
    const evil: Report = {
      ...manyParts,
      platforms: [{ platform: 'linux/amd64|x', size: 10, uncompressedSize: 20, parts: [part('<b>a|b</b>', 'other', 10, 20)] }],
      sources: [{ role: 'full', ref: 'reg/x|y:`t`', size: 40 }],
      saving: undefined,
    };
    const out = renderSummary(evil);
    expect(out).toContain('### Parts (linux/amd64\\|x)\n');
    expect(out).toContain('| &lt;b&gt;a\\|b&lt;/b&gt; | other | 10 B | 20 B | 100.0% | ████████████████████ |\n');
    expect(out).toContain('| full `` reg/x\\|y:`t` `` | 40 B | – | ████████████████████ |\n');
  });

  it('fences the Dockerfile and the log longer than any backtick run, without control codes', () => {
    const out = renderSummary({
      ...failure,
      dockerfile: 'RUN echo ```` done\n',
      logTail: ['\x1b[31mERROR\x1b[0m: ```', 'line\u202e two'],
    });
    expect(out).toContain('\n`````dockerfile\nRUN echo ```` done\n`````\n');
    expect(out).toContain('\n````text\nERROR: ```\nline two\n````\n');
    expect(out).not.toContain('\x1b');
  });
});

test('a selective compose says how the full image was read, and how long fetching took', () => {
  const report: Report = {
    ...onePart,
    durations: { resolve: 1_200, fetch: 2_500, build: 5_000 },
    selective: {
      coldLayers: [{ digest: 'sha256:' + 'a'.repeat(64), size: 132_461_082 }],
      warmLayers: 1,
      sharedLayers: 3,
      ranges: 5,
      rangeBytes: 24_303_382,
      files: 71,
    },
  };
  const md = renderSummary(report);
  expect(md).toContain('- **Duration:** resolve 1.2 s · fetch 2.5 s · build 5.0 s · total 8.7 s');
  expect(md).toContain(
    '- **Source:** the full image read selectively: 24.3 MB by 5 ranges (71 files), 1 layer streamed once to index (132.5 MB), 1 indexed layer reused, 3 shared with min skipped',
  );
});

test('a direct assembly says who wrote the image and what was sent; a Buildx one says why Buildx', () => {
  const direct: Report = {
    ...onePart,
    durations: { resolve: 300, assemble: 1_500 },
    assembly: { mode: 'direct', reason: 'a push-only selective compose needs no build step' },
    uploaded: 45_012_345,
    selective: { coldLayers: [], warmLayers: 2, sharedLayers: 3, ranges: 0, rangeBytes: 0, files: 0, reusedLayers: 7 },
  };
  const md = renderSummary(direct);
  expect(md).toContain('- **Duration:** resolve 300 ms · assemble 1.5 s · total 1.8 s');
  expect(md).toContain(
    "- **Built by:** written directly to the registry (no engine, no BuildKit; min's layers never pulled); 45.0 MB uploaded",
  );
  expect(md).toContain(
    '- **Source:** the full image read selectively: 0 B by 0 ranges (0 files), 2 indexed layers reused, 7 part layers already in the repository, not fetched, 3 shared with min skipped',
  );
  const buildx = renderSummary({
    ...onePart,
    assembly: { mode: 'buildx', reason: 'load: true puts the image into the engine, which Buildx does' },
  });
  expect(buildx).toContain('- **Built by:** Buildx (load: true puts the image into the engine, which Buildx does)');
  // a run that built nothing names no builder
  expect(renderSummary({ ...onePart, skipped: true, assembly: direct.assembly })).not.toContain('Built by');
});

test('a trim: what was dropped per reason, the base before and after, the largest dropped and kept files with why', () => {
  const trim: TrimReport = {
    platform: 'linux/amd64',
    level: 'safe',
    keep: [],
    drop: [],
    bytes: 193_000_000,
    keptBytes: 168_600_000,
    byReason: [
      { reason: 'static-archives', files: 7, bytes: 13_700_000 },
      { reason: 'docs', files: 2, bytes: 10_700_000 },
    ],
    layers: [
      { digest: digest('a1'), size: 60_000_000, dropped: 1460, trimmed: { digests: [digest('b1')], size: 45_000_000 } },
      { digest: digest('a2'), size: 38_000_000, dropped: 0 },
    ],
    dropped: [
      { path: '/usr/lib/x86_64-linux-gnu/libnvinfer_static.a', size: 5_600_000, reason: 'static-archives' },
      { path: '/usr/share/doc/gpgv/changelog.gz', size: 436_200, reason: 'docs' },
    ],
    kept: [{ path: '/usr/lib/x86_64-linux-gnu/libnvinfer.so.8.6.1', size: 3_600_000, reason: 'no rule of trim: safe matches' }],
  };
  const report: Report = { ...onePart, assembly: { mode: 'direct', reason: 'assembly: direct' }, trim: [trim] };
  const md = renderSummary(report);
  expect(md).toContain(
    [
      '### Trim (linux/amd64)',
      '',
      "trim: safe dropped 24.4 MB of min's 193.0 MB (2 files); base 98.0 MB → 83.0 MB compressed (15.3% less).",
      '',
      '| Dropped | Files | Bytes |',
      '| :-- | --: | --: |',
      '| static-archives | 7 | 13.7 MB |',
      '| docs | 2 | 10.7 MB |',
      '',
      '<details><summary>The 10 largest files dropped</summary>',
      '',
      '| File | Bytes | Why |',
      '| :-- | --: | :-- |',
      '| `/usr/lib/x86_64-linux-gnu/libnvinfer_static.a` | 5.6 MB | static-archives |',
      '| `/usr/share/doc/gpgv/changelog.gz` | 436.2 kB | docs |',
      '',
      '</details>',
      '',
      '<details><summary>The 10 largest files kept, and why</summary>',
      '',
      '| File | Bytes | Why |',
      '| :-- | --: | :-- |',
      '| `/usr/lib/x86_64-linux-gnu/libnvinfer.so.8.6.1` | 3.6 MB | no rule of trim: safe matches |',
      '',
      '</details>',
    ].join('\n'),
  );
  expect(md).toContain(
    "- **Built by:** written directly to the registry (no engine, no BuildKit; min's layers mounted, or trimmed from byte ranges of them)",
  );
  const term = renderTerminal(report, { color: false, width: 100 });
  expect(term).toContain(
    [
      'trim (linux/amd64)',
      "  trim: safe dropped 24.4 MB of min's 193.0 MB (2 files); base 98.0 MB → 83.0 MB compressed (15.3% less)",
      '  static-archives        7 files     13.7 MB',
      '  docs                   2 files     10.7 MB',
      '  largest dropped',
      '        5.6 MB  /usr/lib/x86_64-linux-gnu/libnvinfer_static.a  (static-archives)',
      '      436.2 kB  /usr/share/doc/gpgv/changelog.gz  (docs)',
      '  largest kept',
      '        3.6 MB  /usr/lib/x86_64-linux-gnu/libnvinfer.so.8.6.1  (no rule of trim: safe matches)',
    ].join('\n'),
  );
});

test('trim: needed: the unneeded libraries per family, and every library that stays with why, folded', () => {
  const lib = (path: string, reason: string) => ({ path, size: 2_000_000, reason });
  const kept = [
    lib('/usr/local/cuda/lib64/libcudart.so.12.3.101', 'needed by /opt/tritonserver/lib/libtritonserver.so'),
    lib(
      '/usr/lib/x86_64-linux-gnu/libcudnn_ops.so.9.0.0',
      'dlopen rule: cuDNN 9 sub-libraries (opened by /usr/lib/x86_64-linux-gnu/libcudnn.so.9)',
    ),
  ];
  const trim: TrimReport = {
    platform: 'linux/amd64',
    level: 'needed',
    keep: [],
    drop: [],
    bytes: 10_000_000,
    keptBytes: 4_000_000,
    byReason: [{ reason: 'unneeded-library', files: 3, bytes: 6_000_000 }],
    byFamily: [
      { family: 'TensorRT', files: 2, bytes: 5_000_000 },
      { family: 'cuFFT', files: 1, bytes: 1_000_000 },
    ],
    layers: [{ digest: digest('a1'), size: 5_000_000, dropped: 3, trimmed: { digests: [digest('b1')], size: 2_000_000 } }],
    dropped: [],
    kept,
    libraries: [...kept].sort((a, b) => (a.path < b.path ? -1 : 1)),
  };
  const report: Report = { ...onePart, assembly: { mode: 'direct', reason: 'assembly: direct' }, trim: [trim] };
  const md = renderSummary(report);
  expect(md).toContain(
    ['| Libraries no kept file loads | Files | Bytes |', '| :-- | --: | --: |', '| TensorRT | 2 | 5.0 MB |', '| cuFFT | 1 | 1.0 MB |'].join(
      '\n',
    ),
  );
  expect(md).toContain(
    [
      '<details><summary>Every library of min the loader finds by name that stays, and why (2)</summary>',
      '',
      '| Library | Bytes | Why |',
      '| :-- | --: | :-- |',
      '| `/usr/lib/x86_64-linux-gnu/libcudnn_ops.so.9.0.0` | 2.0 MB | dlopen rule: cuDNN 9 sub-libraries (opened by /usr/lib/x86\\_64-linux-gnu/libcudnn.so.9) |',
      '| `/usr/local/cuda/lib64/libcudart.so.12.3.101` | 2.0 MB | needed by /opt/tritonserver/lib/libtritonserver.so |',
      '',
      '</details>',
    ].join('\n'),
  );
  const term = renderTerminal(report, { color: false, width: 100 });
  expect(term).toContain(
    [
      '  unneeded-library       3 files      6.0 MB',
      '  unneeded libraries by family',
      '    TensorRT                       2 files      5.0 MB',
      '    cuFFT                          1 files      1.0 MB',
    ].join('\n'),
  );
});

test('a part from another image is named name@source, in the summary and the terminal; the source is listed and compared', () => {
  const vendorRef = `ghcr.io/acme/backends:2@${digest('ab')}`;
  const withSource: Report = {
    ...manyParts,
    sources: [...manyParts.sources, { role: 'source', name: 'vendor', ref: vendorRef, size: 61_000_000 }],
    platforms: [
      {
        ...manyParts.platforms[0],
        parts: [...manyParts.platforms[0].parts, { ...part('custom', 'backend', 2_000_000, 5_000_000), source: 'vendor' }],
      },
    ],
  };
  const md = renderSummary(withSource);
  expect(md).toContain('| custom@vendor | backend |');
  expect(md).toContain('| source vendor `ghcr.io/acme/backends:2@sha256:abababababab…` | 61.0 MB |');
  const out = renderTerminal(withSource, { color: false, width: 100 });
  expect(out).toMatch(/^ {2}source {5}vendor ghcr\.io\/acme\/backends:2@sha256:abababababab…$/m);
  expect(out).toMatch(/^ {2}custom@vendor +backend /m);
  // the comparison's labels share one width: the longest, "source vendor"
  expect(out).toMatch(/^ {2}result {9}/m);
  expect(out).toMatch(/^ {2}source vendor {2}/m);
});

describe('python-packages in the summary and the terminal', () => {
  const report: Report = {
    ...onePart,
    python: [
      { name: 'vllm', version: '0.0.1', why: 'asked for (python-packages)' },
      { name: 'speedups', version: '1.0', source: 'pip', why: 'tinyrope requires speedups; extra == "speed"' },
    ],
    pythonLibraries: [
      { package: 'libyaml-0-2', version: '0.2.5-2', why: 'libyaml-0.so.2, needed by /x/_native.so' },
      { path: '/usr/local/lib/libloose.so.1', source: 'pip', why: 'libloose.so.1, needed by /x/_native.so' },
    ],
  };

  it('lists each distribution and each library its native extensions brought, with image and why', () => {
    const s = renderSummary(report);
    const at = s.indexOf('### Python distributions');
    expect(s.slice(at, s.indexOf('\n\n###', at))).toBe(
      text([
        '### Python distributions',
        '',
        '| Distribution | Version | From | Why |',
        '| :-- | :-- | :-- | :-- |',
        '| vllm | 0.0.1 | full | asked for (python-packages) |',
        '| speedups | 1.0 | pip | tinyrope requires speedups; extra == "speed" |',
        '',
        'What their native extensions load, brought with them:',
        '',
        '| Package or file | Version | From | Why |',
        '| :-- | :-- | :-- | :-- |',
        '| libyaml-0-2 | 0.2.5-2 | full | libyaml-0.so.2, needed by /x/\\_native.so |',
        '| /usr/local/lib/libloose.so.1 |  | pip | libloose.so.1, needed by /x/\\_native.so |',
      ]).trimEnd(),
    );
  });

  it('the terminal lists them under python distributions', () => {
    const t = renderTerminal(report, { color: false, width: 120 });
    const at = t.indexOf('python distributions');
    expect(t.slice(at).split('\n').slice(0, 5)).toEqual([
      'python distributions',
      '  vllm 0.0.1: asked for (python-packages)',
      '  speedups 1.0 @pip: tinyrope requires speedups; extra == "speed"',
      '  library libyaml-0-2 0.2.5-2: libyaml-0.so.2, needed by /x/_native.so',
      '  library /usr/local/lib/libloose.so.1 @pip: libloose.so.1, needed by /x/_native.so',
    ]);
  });
});
