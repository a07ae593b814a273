// The SBOM of what the result holds (SPDX 2.3 JSON), written beside the Dockerfile for the
// `sbom` output and, when the image was pushed, attached to it as an OCI referrer. An SBOM is
// a by-product: a failure to write or attach it is a warning, never a failed compose. The
// image's descriptor is the direct assembly's when it wrote the image, else read from the registry.
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { type Rendered } from './render.js';
import { record } from '../context.js';
import { formatName, requireReference } from '../../oci/reference.js';
import type { Descriptor } from '../../oci/types.js';
import { planSbomInput } from '../../plan/sbom-input.js';
import { SPDX_JSON, attachReferrer, fetchManifestDescriptor } from '../../registry/referrers.js';
import { renderSbomJson } from '../../report/sbom.js';
import { message } from '../../util/errors.js';
import { VERSION } from '../../util/version.js';

/** `written`: the descriptor of the image the direct assembly put by the tags (none after a build or a skip). */
export async function sbomStage(ctx: Rendered, written?: Descriptor): Promise<void> {
  const { spec, report, log, first } = ctx;
  const tag = spec.tags[0] ? requireReference(spec.tags[0]) : undefined;
  const repository = tag ? formatName(tag) : ctx.sources.full.name;
  const { input, summary } = planSbomInput({
    image: { repository, ...(tag?.tag ? { tag: tag.tag } : {}), ...(report.digest ? { digest: report.digest } : {}) },
    created: ctx.epoch,
    plan: ctx.plan,
    platform: first,
    views: ctx.sources.views[first],
    ...(ctx.dropPaths ? { removed: new Set(ctx.dropPaths[first]) } : {}),
  });
  input.tool = { name: 'triton-compose', version: VERSION };
  const json = renderSbomJson(input);
  const path = join(ctx.opts.resultsDir, 'sbom.spdx.json');
  try {
    await writeFile(path, json);
  } catch (err) {
    log.warning(`sbom: could not write ${path}: ${message(err)}`);
    return;
  }
  record(ctx, { result: { sbomPath: path }, report: { sbom: summary } });
  if (!tag || !report.digest || !(report.pushed || report.skipped)) return;
  try {
    const subject = written?.digest === report.digest ? written : await fetchManifestDescriptor(ctx.registry, tag, report.digest);
    const attached = await attachReferrer(ctx.registry, tag, subject, {
      data: Buffer.from(json),
      mediaType: SPDX_JSON,
      artifactType: SPDX_JSON,
    });
    record(ctx, { report: { sbom: { ...summary, referrer: attached.digest } } });
    log.info(
      `SBOM attached to ${formatName(tag)}@${report.digest} as ${attached.digest}${attached.referrersApi ? '' : ` (referrers tag ${attached.fallbackTag})`}`,
    );
  } catch (err) {
    log.warning(`sbom: written to ${path}, but could not be attached to the image: ${message(err)}`);
  }
}
