// Parts written while min's layers are still listed. A part the full image gives takes its
// entries from full's own layers alone (selective/entries.ts: min's layers give none) and its
// piece from the spec (plan/pieces.ts's planEarlyPieces), so once a cold read has indexed those
// layers, the part's layer can be packed, compressed and sent while min's listing, which the
// plan needs (the dpkg database, the entrypoint, the SBOM), still streams: the upload direction
// of the link and the cores that would wait for the plan do the work instead. The assembly takes
// a layer written here only under the key it plans itself (write-piece.ts), so a plan that turns
// out otherwise writes its own layer as ever; the early one is then left unreferenced.
import type { LayerToc } from '../layer/contents.js';
import type { MemoryStage } from '../layer/memory-stage.js';
import type { ImageRef } from '../oci/reference.js';
import type { Piece } from '../plan/pieces.js';
import { planPieceEntries } from '../selective/entries.js';
import { type FetchStats, emptyStats } from '../selective/report.js';
import type { LayerRead } from '../selective/views.js';
import { message } from '../util/errors.js';
import { createLimiter } from '../util/pool.js';
import type { LayerBytes } from './layer-writer.js';
import { readPieceRecord } from './piece-records.js';
import { type PieceWriting, type Stats, planPieceParts, writePieceParts } from './write-piece.js';

/** Parts written at once while min is listed: as the assembly's lanes (gzip takes a core each). */
const LANES = 2;

export class EarlyParts {
  private readonly writes = new Map<string, Promise<LayerBytes | undefined>>();
  private readonly taken = new Set<string>();
  private readonly stats: Stats = { fetch: emptyStats(), written: 0, reused: 0, uploaded: 0 };
  private readonly lane = createLimiter(LANES);

  /**
   * `input` as the assembly writes pieces (no piece store: the assembly tells it of each piece it
   * takes; its memory stage is the assembly's too); `full` the image the parts are read from;
   * `target` the repository the image goes to; `pieces` the parts' pieces (planEarlyPieces).
   */
  constructor(
    private readonly input: Omit<PieceWriting, 'pieces'>,
    private readonly full: ImageRef,
    private readonly target: ImageRef,
    private readonly pieces: readonly Piece[],
  ) {}

  /** Where the writes here hold files in memory: the assembly holds its own there too. */
  get memory(): MemoryStage | undefined {
    return this.input.memory;
  }

  /**
   * Starts writing the pieces on `platform` from full's `layers` (min's without an index), the
   * most file data first; a piece whose record names a layer the repository holds is left to the
   * assembly, which reuses it, and so is one without entries (the plan will say why).
   */
  start(platform: string, layers: readonly LayerRead[], tocs: ReadonlyMap<string, LayerToc>): void {
    const entries = planPieceEntries(layers, tocs, this.pieces);
    const jobs = this.pieces
      .map((piece) => ({ piece, entries: entries.get(piece) ?? [] }))
      .filter((j) => j.entries.length > 0)
      .map((job) => ({ job, bytes: job.entries.reduce((n, e) => n + (e.type === 'file' ? e.size : 0), 0) }))
      .sort((a, b) => b.bytes - a.bytes);
    if (!jobs.length) return;
    this.input.log.info(`${platform}: writing ${jobs.map((j) => j.job.piece.name).join(', ')} while min's layers are still listed`);
    for (const { job } of jobs) {
      for (const part of planPieceParts(this.input, layers, job, `${platform} ${job.piece.name}`)) {
        if (this.writes.has(part.key)) continue;
        const write = this.lane(async () => {
          const known = await readPieceRecord(this.input.cacheDir, part.key);
          if (known && (await this.input.client.hasBlob(this.target, known.digest))) return undefined;
          const [bytes] = await writePieceParts(this.input, this.full, layers, [part], this.target, this.stats);
          return bytes;
        }).catch((err: unknown) => {
          this.input.log.info(`${part.label}: writing it while min is listed failed (${message(err)}); it is written with the others`);
          return undefined;
        });
        this.writes.set(part.key, write);
      }
    }
  }

  /** The layer written here under `key`, once it is sent; undefined when none was (then the caller writes it). */
  async take(key: string): Promise<LayerBytes | undefined> {
    const write = this.writes.get(key);
    if (!write) return undefined;
    const bytes = await write;
    if (bytes) this.taken.add(key);
    return bytes;
  }

  /**
   * Waits for every write started here to end; what they fetched, and the bytes of the layers
   * sent that the assembly did not take (those it took it counts itself).
   */
  async settle(): Promise<{ fetch: FetchStats; untaken: number }> {
    let untaken = 0;
    for (const [key, write] of this.writes) {
      const bytes = await write;
      if (bytes && !this.taken.has(key)) untaken += bytes.size;
    }
    return { fetch: this.stats.fetch, untaken };
  }
}
