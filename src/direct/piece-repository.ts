// Piece records kept in the index repository beside the layer indexes, one small OCI artifact
// per piece key (tag `piece-v1-<key>`, the record in an annotation), so a runner that starts
// with an empty tool cache still finds that a part layer was written before, and where the
// target repository holds it, writes nothing for it. The repository is trusted as the layer
// indexes in it are (it is the user's own); what it holds is still checked to be a record.
// Nothing here fails a compose: a refusal is a warning.
import type { LayerBytes } from './layer-writer.js';
import { formatPieceRecord, parsePieceRecord, readPieceRecord } from './piece-records.js';
import { PIECE_KEY, pieceRecordFile } from '../layer/cache-files.js';
import type { ImageRef } from '../oci/reference.js';
import { formatName } from '../oci/reference.js';
import { sha256 } from '../oci/digest.js';
import { MEDIA, type Manifest } from '../oci/types.js';
import { EMPTY, EMPTY_CONFIG } from '../registry/referrers.js';
import type { RegistryClient } from '../registry/client.js';
import { message } from '../util/errors.js';
import type { Logger } from '../util/log.js';
import { writeFileAtomic } from '../util/atomic-file.js';

export const PIECE_ARTIFACT_TYPE = 'application/vnd.triton-compose.piece-record.v1';
const RECORD_ANNOTATION = 'io.github.triton-compose.piece-record';
const KEY_ANNOTATION = 'io.github.triton-compose.piece';

/**
 * Where piece records are kept beyond the tool cache (the index repository, the Actions
 * cache): what a key gives a runner that has nothing. Stores move the record file
 * (pieceRecordFile) and never fail a compose; the assembly reads and checks what they bring.
 */
export interface PieceStore {
  /** Brings the key's record into `cacheDir` when the store has it; true when it did. */
  restore(key: string, cacheDir: string): Promise<boolean>;
  /** Keeps the key's record found in `cacheDir`, unless the store has it already. */
  save(key: string, cacheDir: string): Promise<void>;
}

/**
 * Several stores as one: a restore asks each in turn until one has the record (a key none had is
 * not asked again); a save tells each store that is not known to hold it already (it gave the
 * record, or was told before).
 */
export function chainPieceStores(stores: readonly PieceStore[]): PieceStore | undefined {
  if (!stores.length) return undefined;
  const held = stores.map(() => new Set<string>());
  const missed = new Set<string>(); // asked already, held by none: not asked again this run
  return {
    async restore(key, cacheDir) {
      if (missed.has(key)) return false;
      for (const [i, s] of stores.entries())
        if (await s.restore(key, cacheDir)) {
          held[i].add(key);
          return true;
        }
      missed.add(key);
      return false;
    },
    async save(key, cacheDir) {
      for (const [i, s] of stores.entries())
        if (!held[i].has(key)) {
          await s.save(key, cacheDir);
          held[i].add(key);
        }
    },
  };
}

/** The tag of a piece key's artifact, or undefined for what is not a key. Pure. */
export function planPieceTag(key: string): string | undefined {
  return PIECE_KEY.test(key) ? `piece-v1-${key}` : undefined;
}

/** The artifact manifest of a record: no content but the empty blob, the record annotated. Pure. */
export function planPieceManifest(key: string, layer: LayerBytes): Manifest & { artifactType: string } {
  return {
    schemaVersion: 2,
    mediaType: MEDIA.ociManifest,
    artifactType: PIECE_ARTIFACT_TYPE,
    config: EMPTY_CONFIG,
    layers: [EMPTY_CONFIG],
    annotations: { [KEY_ANNOTATION]: key, [RECORD_ANNOTATION]: formatPieceRecord(layer) },
  };
}

/** The record an artifact manifest holds for `key`, or undefined when it is not one. Pure. */
export function readPieceManifest(key: string, body: Buffer): LayerBytes | undefined {
  let doc: Partial<Manifest> & { artifactType?: unknown };
  try {
    doc = JSON.parse(body.toString('utf8')) as typeof doc;
  } catch {
    return undefined;
  }
  const notes = doc.annotations;
  if (doc.artifactType !== PIECE_ARTIFACT_TYPE || !notes || notes[KEY_ANNOTATION] !== key) return undefined;
  const record = notes[RECORD_ANNOTATION];
  return typeof record === 'string' ? parsePieceRecord(record) : undefined;
}

export class RegistryPieceStore implements PieceStore {
  constructor(
    private readonly client: RegistryClient,
    private readonly repo: ImageRef,
    private readonly log: Pick<Logger, 'warning'>,
  ) {}

  private ref(tag: string): ImageRef {
    return { registry: this.repo.registry, repository: this.repo.repository, tag };
  }

  private warn(what: string, key: string, err: unknown): void {
    this.log.warning(`index-repository: could not ${what} the piece record ${key} in ${formatName(this.repo)}: ${message(err)}`);
  }

  async restore(key: string, cacheDir: string): Promise<boolean> {
    const tag = planPieceTag(key);
    if (!tag) return false;
    try {
      const got = await this.client.getManifestIfAny(this.ref(tag));
      if (!got) return false;
      const layer = readPieceManifest(key, got.body);
      if (!layer) return false;
      await writeFileAtomic(pieceRecordFile(cacheDir, key), formatPieceRecord(layer));
      return true;
    } catch (err) {
      this.warn('read', key, err);
      return false;
    }
  }

  /** Writes the record unless the repository has it already. */
  async save(key: string, cacheDir: string): Promise<void> {
    const tag = planPieceTag(key);
    const layer = tag && (await readPieceRecord(cacheDir, key));
    if (!tag || !layer) return;
    try {
      const ref = this.ref(tag);
      const body = Buffer.from(JSON.stringify(planPieceManifest(key, layer)));
      if ((await this.client.headManifest(ref)) === sha256(body)) return;
      await this.client.pushBlob(ref, EMPTY_CONFIG.digest, EMPTY);
      await this.client.putManifest(ref, tag, body, MEDIA.ociManifest);
    } catch (err) {
      this.warn('save', key, err);
    }
  }
}
