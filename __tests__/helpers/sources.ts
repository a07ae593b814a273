// In-memory Sources for unit tests, made from the same descriptions as the fixture images
// in the registry (scripts/fixtures/images.ts), so plans are computed on realistic views.
import { createHash } from 'node:crypto';
import { type LayerToc, type TocEntry, TOC_VERSION, isCaptured, mergeLayers } from '../../src/layer/contents.js';
import type { SourceImage, Sources } from '../../src/plan/plan.js';
import { type Release } from '../../src/spec/releases.js';
import { type ImagePlan, type LayerPlan, fixtureImages } from '../../scripts/fixtures/images.js';
import { FIXTURE_RELEASES } from '../../scripts/fixtures/releases.js';
import { type ResolvedImage } from '../../src/oci/types.js';

const REGISTRY = 'registry.test:5000';
const digestOf = (text: string) => `sha256:${createHash('sha256').update(text).digest('hex')}`;

function toc(layer: LayerPlan): LayerToc {
  const entries: TocEntry[] = [];
  const captured: Record<string, string> = {};
  const seen = new Set<string>();
  for (const e of layer.entries) {
    const parts = e.path.split('/').filter(Boolean);
    for (let i = 1; i < parts.length; i++) {
      const dir = '/' + parts.slice(0, i).join('/');
      if (!seen.has(dir)) entries.push({ path: dir, type: 'dir', size: 0, mode: 0o755, uid: 0, gid: 0 });
      seen.add(dir);
    }
    if (seen.has(e.path)) continue;
    seen.add(e.path);
    const type = e.type ?? 'file';
    const size = e.data?.length ?? (e.text !== undefined ? Buffer.byteLength(e.text) : (e.size ?? 0));
    entries.push({
      path: e.path,
      type,
      size: type === 'file' ? size : 0,
      mode: e.mode ?? 0o644,
      uid: e.uid ?? 0,
      gid: e.gid ?? 0,
      ...(e.target ? { target: e.target } : {}),
    });
    if (type === 'file' && e.text !== undefined && isCaptured(e.path)) captured[e.path] = e.text;
  }
  return {
    version: TOC_VERSION,
    digest: digestOf(layer.comment + JSON.stringify(layer.entries.map((x) => x.path))),
    tarSize: 0,
    entries,
    captured,
  };
}

function source(img: ImagePlan, tocs: LayerToc[]): SourceImage {
  const name = `${REGISTRY}/${img.name.split(':')[0]}`;
  const manifest = {
    schemaVersion: 2,
    config: { mediaType: 'application/vnd.oci.image.config.v1+json', digest: digestOf(img.name + ' config'), size: 1000 },
    layers: tocs.map((t, i) => ({ mediaType: 'application/vnd.oci.image.layer.v1.tar+gzip', digest: t.digest, size: 1_000_000 * (i + 1) })),
  };
  const config: ResolvedImage['config'] = {
    architecture: img.architecture,
    os: 'linux',
    config: {
      Env: img.env,
      Labels: img.labels,
      ...(img.entrypoint ? { Entrypoint: img.entrypoint } : {}),
      ...(img.cmd ? { Cmd: img.cmd } : {}),
    },
    rootfs: { type: 'layers', diff_ids: tocs.map((t) => t.digest) },
  };
  const digest = digestOf(img.name);
  const resolved: ResolvedImage = {
    ref: { registry: REGISTRY, repository: name.slice(REGISTRY.length + 1), tag: img.name.split(':')[1] },
    digest,
    manifestDigest: digest,
    manifest,
    config,
  };
  return { name, reference: `${REGISTRY}/${img.name}`, digest, platforms: { 'linux/amd64': resolved } };
}

/** Full, min (and gpu-min for CPU) of a fixture release, re-versioned as `release` when given. */
export function fixtureSources(era: '24.01' | '25.01', gpu: boolean, release?: Release): Sources {
  const base = FIXTURE_RELEASES.find((r) => r.version === era);
  if (!base) throw new Error(`no fixture release ${era}`);
  let r = release ? { ...base, version: release.version, triton: release.triton, backends: [...release.backends] } : base;
  if (release && release.version >= '25.08') {
    // DCGM 4 packages from 25.08 on
    const full = base.era.full.map((p) => (p.name === 'datacenter-gpu-manager' ? { ...p, name: 'datacenter-gpu-manager-4-core' } : p));
    r = { ...r, era: { ...base.era, full, cpuDrop: ['datacenter-gpu-manager-4-core'] } };
  }
  const images = fixtureImages(['sh', 'cp', 'mkdir'], [r]);
  const find = (suffix: string) => {
    const img = images.find((i) => i.name === suffix);
    if (!img) throw new Error(`no fixture image ${suffix}`);
    return img;
  };
  const fullImg = find(gpu ? `tritonserver:${r.version}-py3` : `tritonserver:${r.version}-cpu-only-py3`);
  const minImg = find(gpu ? `tritonserver:${r.version}-py3-min` : `ubuntu:${r.era.ubuntu}`);
  const fullTocs = fullImg.layers.map(toc);
  const minTocs = minImg.layers.map(toc);
  const sources: Sources = {
    full: source(fullImg, fullTocs),
    min: source(minImg, minTocs),
    extra: {},
    views: { 'linux/amd64': { full: mergeLayers(fullTocs), min: mergeLayers(minTocs), extra: {} } },
  };
  if (!gpu) sources.gpuMin = source(find(`tritonserver:${r.version}-py3-min`), minTocs);
  return sources;
}

/**
 * `sources` with an extra source `name` holding `files` (paths of files), in one layer: on top of
 * min's layers (as NGC builds its variants), or alone (an image FROM scratch).
 */
export function withExtraSource(sources: Sources, name: string, files: string[], opts: { onMin: boolean }): Sources {
  const platform = 'linux/amd64';
  const own = toc({ comment: `${name} layer`, entries: files.map((path) => ({ path, text: path })) });
  const min = sources.min.platforms[platform];
  const layers = [...(opts.onMin ? min.manifest.layers : []), { ...min.manifest.layers[0], digest: own.digest }];
  const digest = digestOf(`${name} image`);
  const resolved: ResolvedImage = {
    ...min,
    ref: { registry: REGISTRY, repository: name, tag: '1' },
    digest,
    manifestDigest: digest,
    manifest: { ...min.manifest, layers },
  };
  const extra: SourceImage = {
    name: `${REGISTRY}/${name}`,
    reference: `${REGISTRY}/${name}:1`,
    digest,
    platforms: { [platform]: resolved },
  };
  const ownView = mergeLayers([own]);
  const minView = sources.views[platform].min;
  const view = opts.onMin
    ? { entries: new Map([...minView.entries, ...ownView.entries]), captured: new Map([...minView.captured, ...ownView.captured]) }
    : ownView;
  return {
    ...sources,
    extra: { ...sources.extra, [name]: extra },
    views: { ...sources.views, [platform]: { ...sources.views[platform], extra: { ...sources.views[platform].extra, [name]: view } } },
  };
}
