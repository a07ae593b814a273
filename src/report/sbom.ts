// The SBOM of a composed image as an SPDX 2.3 JSON document: the image, the Triton server and
// its parts, the Debian packages and the Python distributions it holds. Pure and stable: the
// same input gives the same bytes (sorted, dated by the compose's epoch, namespace a hash).
// Every string came from an image: IDs are sanitized, purls percent-encoded, text cleaned.
// https://spdx.github.io/spdx-spec/v2.3/
import { createHash } from 'node:crypto';
import { cleanText, normalizePythonName, renderDebPurl, renderOciPurl, renderPypiPurl } from './purl.js';

export interface SbomDebPackage {
  name: string;
  version?: string;
  arch?: string;
  /** The source package, when the dpkg database names one other than the package. */
  source?: string;
}

export interface SbomPythonDist {
  name: string;
  version?: string;
}

export interface SbomInput {
  /** The result: `registry/repository`, its first tag, its digest (none on a dry run), its platform (`linux/amd64`). */
  image: { repository: string; tag?: string; digest?: string; platform?: string };
  /** Epoch seconds of the compose (SOURCE_DATE_EPOCH): the document's creation time. */
  created: number;
  tool: { name: string; version: string };
  /** `/etc/os-release` ID and VERSION_ID of the result. */
  distro?: { id: string; versionId?: string };
  debs: SbomDebPackage[];
  python: SbomPythonDist[];
  /** Triton and the parts kept; `from`: the image (pinned) a part was taken from when not the full image. */
  triton?: { version?: string; parts: { name: string; kind: 'backend' | 'repoagent' | 'cache'; from?: string }[] };
}

export interface SpdxExternalRef {
  referenceCategory: 'PACKAGE-MANAGER';
  referenceType: 'purl';
  referenceLocator: string;
}

export interface SpdxPackage {
  SPDXID: string;
  name: string;
  versionInfo: string;
  supplier?: string;
  downloadLocation: 'NOASSERTION';
  filesAnalyzed: false;
  licenseConcluded: 'NOASSERTION';
  licenseDeclared: 'NOASSERTION';
  copyrightText: 'NOASSERTION';
  sourceInfo?: string;
  primaryPackagePurpose?: 'CONTAINER' | 'APPLICATION' | 'LIBRARY';
  externalRefs?: SpdxExternalRef[];
}

export interface SpdxRelationship {
  spdxElementId: string;
  relationshipType: 'DESCRIBES' | 'CONTAINS';
  relatedSpdxElement: string;
}

export interface SpdxDocument {
  spdxVersion: 'SPDX-2.3';
  dataLicense: 'CC0-1.0';
  SPDXID: 'SPDXRef-DOCUMENT';
  name: string;
  documentNamespace: string;
  creationInfo: { created: string; creators: string[] };
  documentDescribes: string[];
  packages: SpdxPackage[];
  relationships: SpdxRelationship[];
}

const NOASSERTION = 'NOASSERTION';
const IMAGE_ID = 'SPDXRef-Image';
/** The latest second an ISO date with a four-digit year can name. */
const LAST_SECOND = 253_402_300_799;

const compare = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
const byKeys =
  <T>(key: (t: T) => string[]) =>
  (a: T, b: T) => {
    const [x, y] = [key(a), key(b)];
    for (let i = 0; i < x.length; i++) if (x[i] !== y[i]) return compare(x[i], y[i]);
    return 0;
  };

/** `YYYY-MM-DDThh:mm:ssZ` of epoch seconds, clamped to what that form can say. */
export function renderSpdxDate(epochSeconds: number): string {
  const s = Number.isFinite(epochSeconds) ? Math.min(Math.max(Math.floor(epochSeconds), 0), LAST_SECOND) : 0;
  return new Date(s * 1000).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** Hands out `SPDXRef-<kind>-<name>` IDs: letters, digits, `.` and `-` only, unique within a document. */
function idMaker(): (kind: string, name: string) => string {
  const used = new Set<string>([IMAGE_ID]);
  return (kind, name) => {
    const base = `SPDXRef-${kind}-${
      cleanText(name)
        .replace(/[^A-Za-z0-9.-]+/g, '-')
        .slice(0, 200) || 'x'
    }`;
    let id = base;
    for (let n = 2; used.has(id); n++) id = `${base}-${n}`;
    used.add(id);
    return id;
  };
}

function spdxPackage(
  id: string,
  name: string,
  version: string | undefined,
  extra: Partial<Omit<SpdxPackage, 'SPDXID' | 'name' | 'versionInfo'>> = {},
  purl?: string,
): SpdxPackage {
  return {
    SPDXID: id,
    name,
    versionInfo: version || NOASSERTION,
    ...(extra.supplier ? { supplier: extra.supplier } : {}),
    downloadLocation: NOASSERTION,
    filesAnalyzed: false,
    licenseConcluded: NOASSERTION,
    licenseDeclared: NOASSERTION,
    copyrightText: NOASSERTION,
    ...(extra.sourceInfo ? { sourceInfo: extra.sourceInfo } : {}),
    ...(extra.primaryPackagePurpose ? { primaryPackagePurpose: extra.primaryPackagePurpose } : {}),
    ...(purl ? { externalRefs: [{ referenceCategory: 'PACKAGE-MANAGER', referenceType: 'purl', referenceLocator: purl }] } : {}),
  };
}

/** Cleaned, nameless entries dropped, exact duplicates merged, sorted. */
function tidy<T extends { name: string }>(items: T[], clean: (t: T) => T, key: (t: T) => string[]): T[] {
  const seen = new Map<string, T>();
  for (const item of items.map(clean)) {
    if (!item.name) continue;
    seen.set(JSON.stringify(key(item)), item);
  }
  return [...seen.values()].sort(byKeys(key));
}

const opt = (s: string | undefined) => (s === undefined ? undefined : cleanText(s) || undefined);

function imagePackage(input: SbomInput): SpdxPackage {
  const { repository, tag, digest, platform } = input.image;
  const repo = cleanText(repository);
  const arch = platform?.split('/')[1];
  const purl = digest ? renderOciPurl(repo, cleanText(digest), opt(tag), opt(arch)) : undefined;
  const name = (repo || 'image') + (opt(tag) ? `:${opt(tag)}` : '');
  return spdxPackage(IMAGE_ID, name, opt(digest), { primaryPackagePurpose: 'CONTAINER' }, purl);
}

function contentPackages(input: SbomInput): SpdxPackage[] {
  const id = idMaker();
  const out: SpdxPackage[] = [];
  const nvidia = { supplier: 'Organization: NVIDIA' };
  if (input.triton) {
    const version = opt(input.triton.version);
    out.push(spdxPackage(id('triton', 'tritonserver'), 'tritonserver', version, { ...nvidia, primaryPackagePurpose: 'APPLICATION' }));
    const parts = tidy(
      input.triton.parts,
      (p) => ({ name: cleanText(p.name), kind: p.kind, from: opt(p.from) }),
      (p) => [p.kind, p.name],
    );
    // A part from another image than the full one: who made it is that image's to say.
    for (const p of parts)
      out.push(
        spdxPackage(
          id(`triton-${p.kind}`, p.name),
          `triton-${p.kind}-${p.name}`,
          p.from ? undefined : version,
          p.from ? { sourceInfo: `taken from ${p.from}` } : nvidia,
        ),
      );
  }
  const distro = input.distro ? { id: cleanText(input.distro.id), versionId: opt(input.distro.versionId) } : undefined;
  const debs = tidy(
    input.debs,
    (d) => ({ name: cleanText(d.name), version: opt(d.version), arch: opt(d.arch), source: opt(d.source) }),
    (d) => [d.name, d.version ?? '', d.arch ?? '', d.source ?? ''],
  );
  for (const d of debs) {
    const sourceInfo = d.source && d.source !== d.name ? `built from source package ${d.source}` : undefined;
    out.push(spdxPackage(id('deb', d.name), d.name, d.version, { sourceInfo }, renderDebPurl({ ...d, distro })));
  }
  const python = tidy(
    input.python,
    (p) => ({ name: cleanText(p.name), version: opt(p.version) }),
    (p) => [normalizePythonName(p.name), p.version ?? '', p.name],
  );
  for (const p of python) out.push(spdxPackage(id('pypi', p.name), p.name, p.version, {}, renderPypiPurl(p.name, p.version)));
  return out;
}

/** The SPDX 2.3 document of a composed image. Pure: the same input gives the same document. */
export function renderSbom(input: SbomInput): SpdxDocument {
  const image = imagePackage(input);
  const contents = contentPackages(input);
  const packages = [image, ...contents];
  const relationships: SpdxRelationship[] = [
    { spdxElementId: 'SPDXRef-DOCUMENT', relationshipType: 'DESCRIBES', relatedSpdxElement: IMAGE_ID },
    ...contents.map((p): SpdxRelationship => ({ spdxElementId: IMAGE_ID, relationshipType: 'CONTAINS', relatedSpdxElement: p.SPDXID })),
  ];
  const creationInfo = {
    created: renderSpdxDate(input.created),
    creators: [`Tool: ${cleanText(`${input.tool.name}-${input.tool.version}`)}`],
  };
  // The namespace names this content: a hash of everything else the document says.
  const hash = createHash('sha256')
    .update(JSON.stringify([image.name, creationInfo, packages, relationships]))
    .digest('hex');
  const slug = image.name.replace(/[^A-Za-z0-9.-]+/g, '-').slice(0, 100);
  return {
    spdxVersion: 'SPDX-2.3',
    dataLicense: 'CC0-1.0',
    SPDXID: 'SPDXRef-DOCUMENT',
    name: image.name,
    documentNamespace: `https://spdx.org/spdxdocs/triton-compose-${slug}-${hash.slice(0, 32)}`,
    creationInfo,
    documentDescribes: [IMAGE_ID],
    packages,
    relationships,
  };
}

/** The document as the bytes to store or push: two-space JSON and a final newline. */
export function renderSbomJson(input: SbomInput): string {
  return JSON.stringify(renderSbom(input), null, 2) + '\n';
}
