// compression-level and layer-compression: how the layers the compose writes are compressed,
// gzip (0-9, 6 by default) or zstd (1-22, 3 by default), and whether this Node can write zstd
// itself. Pure, but for asking this Node whether its zlib has zstd.
import { planBuildxNeed } from './assembly.js';
import { InputError, oneOf } from './lists.js';
import { LAYER_COMPRESSIONS, type LayerCompressionKind, type Spec } from './types.js';
import { zstdAvailable } from '../util/zstd.js';

/** compression-level: a gzip (0-9) or zstd (1-22) level, for the image the compose pushes or loads itself. */
function parseCompressionLevel(text: string, kind: LayerCompressionKind, outputs: string[]): number | undefined {
  const t = text.trim();
  if (t === '') return undefined;
  const ok = kind === 'gzip' ? /^[0-9]$/.test(t) : /^[0-9]{1,2}$/.test(t) && Number(t) >= 1 && Number(t) <= 22;
  if (!ok)
    throw new InputError(
      'compression-level',
      kind === 'gzip'
        ? `"${t}" is not a gzip level: use 0 (no compression) to 9 (smallest), 6 by default`
        : `"${t}" is not a zstd level: use 1 (fastest) to 22 (smallest), 3 by default`,
    );
  if (outputs.length)
    throw new InputError(
      'compression-level',
      'it sets the layers of the image the compose pushes or loads; with outputs, give compression-level=N in the output instead',
    );
  return Number(t);
}

/**
 * layer-compression: zstd is written by BuildKit, or by the direct assembly where this Node has
 * zlib's zstd (22.15 and later; the action runs on node24).
 */
function parseLayerCompression(text: string, outputs: string[]): LayerCompressionKind {
  const kind = oneOf('layer-compression', text, LAYER_COMPRESSIONS, 'gzip');
  if (kind === 'zstd' && outputs.length)
    throw new InputError(
      'layer-compression',
      'it sets the layers of the image the compose pushes or loads; with outputs, give compression=zstd in the output instead',
    );
  return kind;
}

/** zstd written directly needs zlib's zstd in this Node (`available`); Buildx's BuildKit compresses on its own. */
export function checkZstd(spec: Spec, available = zstdAvailable()): void {
  if (spec.layerCompression !== 'zstd' || available || spec.assembly === 'buildx' || planBuildxNeed(spec)) return;
  throw new InputError(
    'layer-compression',
    `zstd written by the direct assembly needs Node.js 22.15 or later (zlib's zstd), and this is Node.js ${process.versions.node}: run the CLI with a newer Node (the action runs on node24), or give assembly: buildx`,
  );
}

/** layer-compression and compression-level as the Spec keeps them (no level: the kind's default). */
export function parseCompression(kind: string, level: string, outputs: string[]): Pick<Spec, 'layerCompression' | 'compressionLevel'> {
  const layerCompression = parseLayerCompression(kind, outputs);
  const n = parseCompressionLevel(level, layerCompression, outputs);
  return { layerCompression, ...(n !== undefined ? { compressionLevel: n } : {}) };
}
