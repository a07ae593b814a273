// Image references as Docker reads them: [registry/]repository[:tag][@digest].
// Mirrors distribution/reference's normalisation: no registry means docker.io, and a
// one-part docker.io repository lives under library/.
// https://github.com/distribution/reference/blob/main/normalize.go
import { DIGEST } from './digest.js';

export interface ImageRef {
  registry: string; // host[:port], e.g. nvcr.io or 127.0.0.1:5000
  repository: string; // e.g. nvidia/tritonserver
  tag?: string;
  digest?: string; // sha256:<64 hex>
}

const COMPONENT = /^[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*$/;
const TAG = /^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$/;
const HOST =
  /^(?:[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)*|\[[0-9a-fA-F:]+\])(?::[0-9]{1,5})?$/;

/** A reference known to be valid (validated input, a constant); throws when it is not. */
export function requireReference(text: string): ImageRef {
  const r = parseReference(text);
  if (typeof r === 'string') throw new Error(`"${text}" is not an image reference: ${r}`);
  return r;
}

/** Parses an image reference; returns an error string instead of throwing. */
export function parseReference(text: string): ImageRef | string {
  if (text.length === 0 || text.length > 512) return 'must be 1 to 512 characters';
  if (/\s/.test(text)) return 'must not contain white space';
  let rest = text;
  let digest: string | undefined;
  const at = rest.indexOf('@');
  if (at >= 0) {
    digest = rest.slice(at + 1);
    rest = rest.slice(0, at);
    if (!DIGEST.test(digest)) return `digest "${digest}" is not sha256:<64 hex digits>`;
  }
  let tag: string | undefined;
  const lastSlash = rest.lastIndexOf('/');
  const colon = rest.lastIndexOf(':');
  if (colon > lastSlash) {
    tag = rest.slice(colon + 1);
    rest = rest.slice(0, colon);
    if (!TAG.test(tag)) return `tag "${tag}" may hold only letters, digits, "_", "." and "-" (at most 128)`;
  }
  const parts = rest.split('/');
  let registry = 'docker.io';
  if (parts.length > 1 && (/[.:]/.test(parts[0]) || parts[0] === 'localhost')) {
    registry = parts.shift() as string;
    if (!HOST.test(registry)) return `registry "${registry}" is not a host name or address`;
  }
  for (const p of parts) {
    if (!COMPONENT.test(p)) return `repository "${parts.join('/')}" must be lowercase letters, digits and separators`;
  }
  if (registry === 'docker.io' && parts.length === 1) parts.unshift('library');
  const ref: ImageRef = { registry, repository: parts.join('/') };
  if (tag !== undefined) ref.tag = tag;
  if (digest !== undefined) ref.digest = digest;
  if (ref.tag === undefined && ref.digest === undefined) ref.tag = 'latest';
  return ref;
}

/** The canonical name without tag or digest, e.g. 127.0.0.1:5000/tritonserver. */
export function formatName(ref: ImageRef): string {
  return `${ref.registry}/${ref.repository}`;
}

export function formatReference(ref: ImageRef): string {
  let s = formatName(ref);
  if (ref.tag !== undefined) s += `:${ref.tag}`;
  if (ref.digest !== undefined) s += `@${ref.digest}`;
  return s;
}

/** Plain HTTP for loopback registries, as Docker treats 127.0.0.0/8 as insecure by default. */
export function registryBaseUrl(registry: string): string {
  const host = registry === 'docker.io' ? 'registry-1.docker.io' : registry;
  const insecure = /^(localhost|127\.\d+\.\d+\.\d+|\[::1\])(:\d+)?$/.test(host);
  return `${insecure ? 'http' : 'https'}://${host}`;
}
