// Progress of long transfers (a cold pass over a layer, ranges, part uploads, layers copied
// across registries), for people watching a log. On a terminal: one live line per transfer
// with bytes done of total, rate and time left, and a total line, redrawn in place. Elsewhere
// (a CI log, the action): a plain line per transfer every `everyMs` or `everyFraction` of its
// size, whichever comes later, so a 15 GB pass says something every ten seconds and a small
// one stays quiet. The clock is passed in, so the output is a pure function of the events.

export interface Transfer {
  /** Bytes moved since the last call. */
  add(bytes: number): void;
  /** The transfer ended (done or failed): its line goes. */
  end(): void;
}

export interface Progress {
  start(name: string, total: number): Transfer;
}

export interface ProgressOptions {
  /** Receives finished text: whole lines, or (live) a redraw with cursor movements. */
  write(text: string): void;
  now(): number;
  /** A terminal: redraw live lines. */
  live: boolean;
  everyMs?: number;
  everyFraction?: number;
}

interface State {
  name: string;
  total: number;
  done: number;
  started: number;
  lastLine: number;
  lastDone: number;
}

const UNITS = ['B', 'kB', 'MB', 'GB', 'TB'];

function bytes(n: number): string {
  let v = n;
  let u = 0;
  while (v >= 1000 && u < UNITS.length - 1) {
    v /= 1000;
    u++;
  }
  return `${u === 0 ? v : v.toFixed(1)} ${UNITS[u]}`;
}

function seconds(ms: number): string {
  const s = Math.round(ms / 1000);
  return s >= 60 ? `${Math.floor(s / 60)} min ${s % 60} s` : `${s} s`;
}

/** One transfer's line: `name  1.2 GB / 4.0 GB  30%  85.0 MB/s  33 s left`. Pure. */
export function renderTransfer(s: Pick<State, 'name' | 'total' | 'done' | 'started'>, now: number): string {
  const elapsed = Math.max(1, now - s.started);
  const rate = (s.done / elapsed) * 1000;
  const parts = [s.name, s.total > 0 ? `${bytes(s.done)} / ${bytes(s.total)}` : bytes(s.done)];
  if (s.total > 0) parts.push(`${Math.floor((Math.min(s.done, s.total) / s.total) * 100)}%`);
  parts.push(`${bytes(rate)}/s`);
  if (s.total > 0 && rate > 0 && s.done < s.total) parts.push(`${seconds(((s.total - s.done) / rate) * 1000)} left`);
  return parts.join('  ');
}

/** Progress that says nothing (quiet runs, tests). */
export const NO_PROGRESS: Progress = { start: () => ({ add: () => undefined, end: () => undefined }) };

export function createProgress(opts: ProgressOptions): Progress {
  const everyMs = opts.everyMs ?? 10_000;
  const everyFraction = opts.everyFraction ?? 0.1;
  const open = new Set<State>();
  let drawn = 0; // live lines on screen
  let lastDraw = -Infinity;

  /** A live redraw at most every 250 ms, unless a line comes or goes. */
  const redraw = (force: boolean) => {
    const now = opts.now();
    if (!force && now - lastDraw < 250) return;
    lastDraw = now;
    const lines = [...open].map((s) => renderTransfer(s, now));
    if (open.size > 1) {
      const total = [...open].reduce((t, s) => ({ done: t.done + s.done, total: t.total + s.total }), { done: 0, total: 0 });
      const started = Math.min(...[...open].map((s) => s.started));
      lines.push(renderTransfer({ name: 'total', ...total, started }, now));
    }
    // Up to the first live line, clear to the end of the screen, then the lines again.
    opts.write(`${drawn > 0 ? `\x1b[${drawn}F` : ''}\x1b[0J${lines.map((l) => `${l}\n`).join('')}`);
    drawn = lines.length;
  };

  const due = (s: State, now: number) =>
    now - s.lastLine >= everyMs && (s.total <= 0 || s.done - s.lastDone >= s.total * everyFraction || s.done >= s.total);

  return {
    start(name, total) {
      const now = opts.now();
      const s: State = { name, total: Math.max(0, total), done: 0, started: now, lastLine: now, lastDone: 0 };
      open.add(s);
      if (opts.live) redraw(true);
      return {
        add(n) {
          s.done += n;
          const at = opts.now();
          if (opts.live) redraw(false);
          else if (due(s, at)) {
            s.lastLine = at;
            s.lastDone = s.done;
            opts.write(`${renderTransfer(s, at)}\n`);
          }
        },
        end() {
          if (!open.delete(s)) return;
          if (opts.live) redraw(true);
        },
      };
    },
  };
}
