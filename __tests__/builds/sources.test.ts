// Parts from more than one image, on the real-binary fixtures: a vendor's image built on the
// 25.01 min with a custom backend of its own (gcc-built here) gives that backend beside the
// full image's python and onnxruntime, by the CLI (direct assembly) and by the action (Buildx,
// from byte ranges and from a stage of the image); the composed server loads and runs all
// three, the images hold the same backend files, and an image built on another base is refused
// before anything is written.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { requireReference } from '../../src/oci/reference.js';
import type { Report } from '../../src/report/types.js';
import { docker, runAction, runCli } from '../helpers/action-run.js';
import { readImageFiles } from '../helpers/image-files.js';
import { R, buildCustomBackend, client, serveRepository } from '../helpers/real-compose.js';
import { writeModelRepository } from '../../scripts/real-fixtures/models.js';

const V = '25.01';
const B = '/opt/tritonserver/backends/custom';
const VENDOR = `${R}/real/vendor:${V}`;
const ELSEWHERE = `${R}/real/vendor:on-24.01`;
let ws: string;
let models: string;

/** Builds FROM `base` with the custom backend in its folder, and pushes it as `tag`. */
function pushVendor(base: string, tag: string): void {
  writeFileSync(join(ws, 'Dockerfile'), `FROM ${base}\nCOPY custom/ ${B}/\n`);
  const r = docker(['buildx', 'build', '--pull', '--provenance=false', '--push', '-t', tag, ws]);
  if (r.status !== 0) throw new Error(r.stderr);
}

beforeAll(() => {
  ws = mkdtempSync(join(tmpdir(), 'sources-ws-'));
  buildCustomBackend(join(ws, 'custom')); // a vendor's backend
  pushVendor(`${R}/real/tritonserver:${V}-py3-min`, VENDOR);
  pushVendor(`${R}/real/tritonserver:24.01-py3-min`, ELSEWHERE);
  models = join(ws, 'models');
  writeModelRepository(models, ['python', 'onnxruntime']);
  mkdirSync(join(models, 'm_custom/1'), { recursive: true });
  writeFileSync(join(models, 'm_custom/config.pbtxt'), 'name: "m_custom"\nbackend: "custom"\n');
});
afterAll(() => rmSync(ws, { recursive: true, force: true }));

const inputs = (tag: string, sources = `vendor=${VENDOR}`) => ({
  'container-version': V,
  'full-image': `${R}/real/tritonserver:${V}-py3`,
  'min-image': `${R}/real/tritonserver:${V}-py3-min`,
  sources,
  backends: 'python,onnxruntime,custom@vendor',
  tags: `${R}/sources:${tag}`,
  push: 'true',
  'compression-level': '1',
});

function expectAllServed(image: string): void {
  const s = serveRepository(image, models, { pull: true });
  expect(s.ready).toEqual(['m_custom', 'm_onnxruntime', 'm_python']);
  expect(s.stderr).toContain("infer 'm_custom': [1 2 3 4] -> [1 4 9 16]");
  expect(s.stderr).toContain("infer 'm_python': [1 2 3 4] -> [4 7 10 13]");
  expect(s.stderr).toMatch(/infer 'm_onnxruntime': \[1 2 3 4\] -> /);
  expect(s.status).toBe(0);
}

test("the CLI takes the custom backend from the vendor's image, the others from the full one; the server runs all three", () => {
  const args = Object.entries({ ...inputs('cli'), force: 'true' }).flatMap(([k, v]) => [`--${k}`, v]);
  const r = runCli([...args, '--json']);
  expect(r.stderr).not.toMatch(/error/i);
  expect(r.status).toBe(0);
  const report = JSON.parse(r.stdout) as Report;
  expect(report.assembly?.mode).toBe('direct');
  expect(report.platforms[0].parts.filter((p) => p.kind === 'backend').map((p) => [p.name, p.source])).toEqual([
    ['custom', 'vendor'],
    ['onnxruntime', undefined],
    ['python', undefined],
  ]);
  expect(report.sources.find((s) => s.role === 'source')).toMatchObject({
    name: 'vendor',
    ref: expect.stringMatching(/^127\.0\.0\.1:5000\/real\/vendor:25\.01@sha256:[0-9a-f]{64}$/),
  });
  expectAllServed(`${R}/sources:cli`);
});

test('the action with Buildx writes the same files, names the source in its summary, and its server runs all three', async () => {
  const a = runAction({ ...inputs('action'), assembly: 'buildx' });
  expect(a.status).toBe(0);
  expect(a.summary).toContain('custom@vendor');
  expect(a.summary).toMatch(/source vendor/);
  expectAllServed(`${R}/sources:action`);
  const [cli, action] = [
    await readImageFiles(client, requireReference(`${R}/sources:cli`)),
    await readImageFiles(client, requireReference(`${R}/sources:action`)),
  ];
  const backends = (files: typeof cli) => [...files].filter(([p]) => p.startsWith('/opt/tritonserver/backends/'));
  expect(backends(action)).toEqual(backends(cli));
  expect(cli.get(`${B}/libtriton_custom.so`)).toMatchObject({ type: 'file', mode: 0o755 });
});

test("the buildkit source copies the part from a pinned stage of the vendor's image; the same backend files, and the server runs", async () => {
  const a = runAction({ ...inputs('buildkit'), source: 'buildkit' });
  expect(a.status).toBe(0);
  const dockerfile = readFileSync(a.outputs.dockerfile ?? '', 'utf8');
  expect(dockerfile).toMatch(/^FROM 127\.0\.0\.1:5000\/real\/vendor@sha256:[0-9a-f]{64} AS source-vendor$/m);
  expect(dockerfile).toContain(`COPY --link --from=source-vendor ${B} ${B}`);
  expectAllServed(`${R}/sources:buildkit`);
  const backends = async (tag: string) =>
    [...(await readImageFiles(client, requireReference(`${R}/sources:${tag}`)))].filter(([p]) => p.startsWith(B));
  expect(await backends('buildkit')).toEqual(await backends('cli'));
});

test('an image built on another base is refused before anything is written, naming both images', async () => {
  const r = runAction(inputs('elsewhere', `vendor=${ELSEWHERE}`));
  expect(r.status).not.toBe(0);
  expect(r.log).toMatch(
    /sources: vendor \(127\.0\.0\.1:5000\/real\/vendor:on-24\.01\) is not built on the min image \(127\.0\.0\.1:5000\/real\/tritonserver:25\.01-py3-min\)/,
  );
  await expect(client.resolve(requireReference(`${R}/sources:elsewhere`), { os: 'linux', architecture: 'amd64' })).rejects.toThrow();
});
