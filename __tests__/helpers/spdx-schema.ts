// Checks an SPDX document against our JSON Schema of SPDX 2.3 (spdx-2.3.schema.json), and for
// what a schema cannot say: every SPDXID unique, every relationship and documentDescribes entry
// naming an element of the document. ajv's draft 2020-12 validator runs it.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv2020, type ErrorObject, type ValidateFunction } from 'ajv/dist/2020.js';

const schema = JSON.parse(readFileSync(join(import.meta.dirname, 'spdx-2.3.schema.json'), 'utf8')) as Record<string, unknown>;

function compile(): ValidateFunction {
  // Strict about unknown keywords; a `not: { required }` naming a property defined elsewhere, and a
  // pattern in a branch whose type the parent gives, are fine.
  return new Ajv2020({ allErrors: true, strict: true, strictRequired: false, strictTypes: false }).compile(schema);
}
const validate = compile();

/** `<where> <keyword> [<what>]`: where in the document, which rule, and the property a rule names. */
function describe(e: ErrorObject): string {
  const p = e.params as { missingProperty?: string; additionalProperty?: string };
  return [e.instancePath || '/', e.keyword, p.missingProperty ?? p.additionalProperty].filter(Boolean).join(' ');
}

/** What is wrong with a document, one line each; empty when it is valid. */
export function checkSpdx(doc: unknown): string[] {
  const errors = validate(doc) ? [] : (validate.errors ?? []).map(describe);
  const d = doc as { packages?: { SPDXID?: string }[]; relationships?: Record<string, string>[]; documentDescribes?: string[] };
  const ids = ['SPDXRef-DOCUMENT', ...(d.packages ?? []).map((p) => p.SPDXID ?? '')];
  const seen = new Set<string>();
  for (const id of ids) {
    if (seen.has(id)) errors.push(`SPDXID ${id} is not unique`);
    seen.add(id);
  }
  const known = (id: string | undefined) => id === 'NONE' || id === 'NOASSERTION' || (id !== undefined && seen.has(id));
  for (const r of d.relationships ?? [])
    for (const end of [r.spdxElementId, r.relatedSpdxElement]) if (!known(end)) errors.push(`relationship names unknown element ${end}`);
  for (const id of d.documentDescribes ?? []) if (!known(id)) errors.push(`documentDescribes names unknown element ${id}`);
  return errors;
}
