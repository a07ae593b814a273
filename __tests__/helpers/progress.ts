// A Progress that records every transfer and event, so a test can check that a real transfer
// path names its transfers, counts exactly the bytes it moved and ends each one.
import type { Progress } from '../../src/util/progress.js';

export interface RecordedTransfer {
  name: string;
  total: number;
  done: number;
  ended: boolean;
  /** Each add, then the end (an add after the end would show after it). */
  events: Array<'add' | 'end'>;
}

export function recordProgress(): { progress: Progress; transfers: RecordedTransfer[] } {
  const transfers: RecordedTransfer[] = [];
  const progress: Progress = {
    start(name, total) {
      const t: RecordedTransfer = { name, total, done: 0, ended: false, events: [] };
      transfers.push(t);
      return {
        add(n) {
          t.done += n;
          t.events.push('add');
        },
        end() {
          // As the real reporter: a second end is allowed and does nothing.
          if (!t.ended) t.events.push('end');
          t.ended = true;
        },
      };
    },
  };
  return { progress, transfers };
}
