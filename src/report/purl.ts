// Package URLs (purl) for what an SBOM lists: Debian packages, Python distributions and the
// OCI image itself. Every component comes from an image, so all of it is percent-encoded.
// https://github.com/package-url/purl-spec/blob/main/PURL-SPECIFICATION.rst

/** Lone UTF-16 surrogates, which no URI or UTF-8 text can hold. */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** Text made safe to print: lone surrogates become U+FFFD, control characters are dropped. */
export function cleanText(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(LONE_SURROGATE, '\uFFFD').replace(/[\u0000-\u001f\u007f-\u009f]/g, '');
}

/** Percent-encodes all but RFC 3986's unreserved characters (encodeURIComponent leaves !'()* too). */
export function percentEncode(text: string): string {
  return encodeURIComponent(text.replace(LONE_SURROGATE, '\uFFFD')).replace(
    /[!'()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
}

/** `pkg:type/namespace/name@version?qualifiers`, qualifiers sorted by key, empty ones left out. */
function purl(type: string, namespace: string[], name: string, version: string | undefined, qualifiers: Record<string, string>): string {
  const path = [...namespace, name].map(percentEncode).join('/');
  const q = Object.entries(qualifiers)
    .filter(([, v]) => v !== '')
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([k, v]) => `${k}=${percentEncode(v)}`)
    .join('&');
  return `pkg:${type}/${path}${version ? `@${percentEncode(version)}` : ''}${q ? `?${q}` : ''}`;
}

/** os-release's ID syntax: lowercase letters, digits, `.`, `_`, `-`. */
const OS_ID = /^[a-z0-9._-]{1,64}$/;

export interface DebPurlFacts {
  name: string;
  version?: string;
  arch?: string;
  source?: string;
  distro?: { id: string; versionId?: string };
}

/** `pkg:deb/ubuntu/libc6@2.35-0ubuntu3?arch=amd64&distro=ubuntu-22.04`; the vendor defaults to debian. */
export function renderDebPurl(p: DebPurlFacts): string {
  const id = p.distro && OS_ID.test(p.distro.id) ? p.distro.id : undefined;
  const distro = id ? (p.distro?.versionId ? `${id}-${p.distro.versionId}` : id) : '';
  return purl('deb', [id ?? 'debian'], p.name, p.version, {
    arch: p.arch ?? '',
    distro,
    upstream: p.source && p.source !== p.name ? p.source : '',
  });
}

/** A Python distribution name as PEP 503 compares them: lowercase, runs of `-_.` as one `-`. */
export function normalizePythonName(name: string): string {
  return name.toLowerCase().replace(/[-_.]+/g, '-');
}

/** `pkg:pypi/numpy@1.26.4`, the name normalized. */
export function renderPypiPurl(name: string, version?: string): string {
  return purl('pypi', [], normalizePythonName(name), version, {});
}

/**
 * `pkg:oci/<last path segment>@sha256%3A…?repository_url=<registry/repository>&tag=…`; the
 * purl of an OCI artifact is versioned by its digest only.
 */
export function renderOciPurl(repository: string, digest: string, tag?: string, arch?: string): string {
  const last = repository.split('/').pop() ?? repository;
  return purl('oci', [], last.toLowerCase(), digest, { repository_url: repository, tag: tag ?? '', arch: arch ?? '' });
}
