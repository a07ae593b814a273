// Extracting while indexing: on a cold run the layer is streamed once for its index, and
// the entries wanted are written from that same stream instead of being fetched again by
// ranges. The whole-blob stream is checked against the layer digest only at its end, so on
// an error the caller must throw the folder away.
import type { FolderWriter, OpenFile } from './folder-writer.js';
import type { EntryReceiver } from './layer-index.js';
import type { TarEntry } from './tar-parse.js';

export interface ColdSink {
  /** Pass as `onEntry` to buildLayerIndex. */
  onEntry: (entry: TarEntry) => EntryReceiver | undefined;
  /** Hardlinks whose target was not extracted: fetch them by range with the finished index. */
  pending: TarEntry[];
}

/** Writes the entries `select` wants into `writer` as the indexing pass meets them. */
export function planColdSink(writer: FolderWriter, select: (entry: TarEntry) => boolean): ColdSink {
  const written = new Set<string>();
  const pending: TarEntry[] = [];
  const onEntry = (e: TarEntry): EntryReceiver | undefined => {
    if (!select(e)) return undefined;
    if (e.type === 'file') {
      let file: Promise<OpenFile> | undefined;
      const opened = () => (file ??= writer.openFile(e, undefined));
      return {
        write: async (chunk) => (await opened()).write(chunk),
        end: async () => {
          await (await opened()).close();
          written.add(e.path);
        },
      };
    }
    const done = async (): Promise<void> => {
      if (e.type === 'dir') await writer.dir(e);
      else if (e.type === 'symlink') await writer.symlink(e, e.target ?? '');
      else if (e.type === 'link' && e.target && written.has(e.target)) await writer.hardlink(e, e.target);
      else if (e.type === 'link') pending.push(e);
    };
    return { write: () => undefined, end: done };
  };
  return { onEntry, pending };
}
