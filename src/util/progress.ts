// Progress of long transfers (a cold pass over a layer, ranges, part uploads, layers copied
// across registries), for people watching a log. On a terminal: one live line per transfer
// with bytes done of total, rate and time left, and a total line, redrawn in place. Elsewhere
// (a CI log, the action): a plain line per transfer every `everyMs` or `everyFraction` of its
// size, whichever comes later, so a 15 GB pass says something every ten seconds and a small
// one stays quiet. The clock is passed in, so the output is a pure function of the events.

export interface Transfer {
  /** Bytes moved since the last call. */
  add(bytes: number): void;
  /** The transfer ended (done or failed): its line goes. Later calls do nothing. */
  end(): void;
}

/** What the pipeline is handed: it names each transfer and counts its bytes. */
export interface Progress {
  start(name: string, total: number): Transfer;
}

/** What a front door holds: the progress, and a way to print a log line without tearing the live lines. */
export interface ProgressRenderer extends Progress {
  /** Writes whole lines above the live lines (which are drawn again below them). */
  print(text: string): void;
}

export interface ProgressOptions {
  /** Receives finished text: whole lines, or (live) a redraw with cursor movements. */
  write(text: string): void;
  now(): number;
  /** A terminal: redraw live lines. */
  live: boolean;
  /** Live: the terminal's width; longer lines are cut, as a wrapped line would break the redraw. */
  columns?: number;
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
  /** Paced: lines printed. */
  lines: number;
}

const UNITS = ['B', 'kB', 'MB', 'GB', 'TB'];

/** Bytes in SI units, as the report counts them: "512 B", "1.2 GB". Pure. */
export function renderBytes(n: number): string {
  if (Math.round(n) < 1000) return `${Math.round(n)} B`;
  let v = n / 1000;
  let u = 1;
  // Step up on the rounded value, so 999,960 B reads "1.0 MB", not "1000.0 kB".
  while (u < UNITS.length - 1 && Number(v.toFixed(1)) >= 1000) {
    v /= 1000;
    u++;
  }
  return `${v.toFixed(1)} ${UNITS[u]}`;
}

/** A transfer's name: what it does and to which blob, shortened, with its size: "index sha256:0123456789ab… 1.2 GB". Pure. */
export function planTransferName(what: string, digest: string, size: number): string {
  const short = /^[a-z0-9]+:[0-9a-f]{13,}$/.test(digest) ? `${digest.slice(0, digest.indexOf(':') + 13)}…` : digest;
  return `${what} ${short} ${renderBytes(size)}`;
}

function seconds(ms: number): string {
  const s = Math.round(ms / 1000);
  return s >= 60 ? `${Math.floor(s / 60)} min ${s % 60} s` : `${s} s`;
}

/** One transfer's line: `name  1.2 GB / 4.0 GB  30%  85.0 MB/s  33 s left`. Pure. */
export function renderTransfer(s: Pick<State, 'name' | 'total' | 'done' | 'started'>, now: number): string {
  const elapsed = Math.max(1, now - s.started);
  const rate = (s.done / elapsed) * 1000;
  const parts = [s.name, s.total > 0 ? `${renderBytes(s.done)} / ${renderBytes(s.total)}` : renderBytes(s.done)];
  if (s.total > 0) parts.push(`${Math.floor((Math.min(s.done, s.total) / s.total) * 100)}%`);
  parts.push(`${renderBytes(rate)}/s`);
  if (s.total > 0 && rate > 0 && s.done < s.total) parts.push(`${seconds(((s.total - s.done) / rate) * 1000)} left`);
  return parts.join('  ');
}

/** Progress that says nothing (quiet runs, library use, tests). */
export const NO_PROGRESS: Progress = { start: () => ({ add: () => undefined, end: () => undefined }) };

/** Passes `chunks` on, counting their bytes into a transfer that ends when the stream does (or fails). */
export async function* tracked<T extends Uint8Array>(chunks: AsyncIterable<T>, transfer: Transfer): AsyncGenerator<T> {
  try {
    for await (const chunk of chunks) {
      transfer.add(chunk.length);
      yield chunk;
    }
  } finally {
    transfer.end();
  }
}

/** Live lines: every open transfer and, when more than one ran since the screen was clear, their total. */
function liveLines(open: ReadonlySet<State>, batch: readonly State[], now: number, columns?: number): string[] {
  const lines = [...open].map((s) => renderTransfer(s, now));
  if (batch.length > 1) {
    const total = batch.reduce((t, s) => ({ done: t.done + s.done, total: t.total + s.total }), { done: 0, total: 0 });
    const started = Math.min(...batch.map((s) => s.started));
    lines.push(renderTransfer({ name: 'total', ...total, started }, now));
  }
  return columns && columns > 1 ? lines.map((l) => (l.length >= columns ? `${l.slice(0, columns - 2)}…` : l)) : lines;
}

export function createProgress(opts: ProgressOptions): ProgressRenderer {
  const everyMs = opts.everyMs ?? 10_000;
  const everyFraction = opts.everyFraction ?? 0.1;
  const open = new Set<State>();
  /** The transfers since nothing was open: the live total counts the finished ones too, so it never goes back. */
  let batch: State[] = [];
  let drawn = 0; // live lines on screen
  let lastDraw = -Infinity;

  /** A live redraw at most every 250 ms, unless a line comes or goes; `above` is printed first. */
  const redraw = (force: boolean, above = '') => {
    const now = opts.now();
    if (!force && now - lastDraw < 250) return;
    lastDraw = now;
    const lines = liveLines(open, batch, now, opts.columns);
    // Up to the first live line, clear to the end of the screen, then the lines again.
    opts.write(`${drawn > 0 ? `\x1b[${drawn}F` : ''}\x1b[0J${above}${lines.map((l) => `${l}\n`).join('')}`);
    drawn = lines.length;
  };

  const due = (s: State, now: number) =>
    now - s.lastLine >= everyMs && (s.total <= 0 || s.done - s.lastDone >= s.total * everyFraction || s.done >= s.total);

  const line = (s: State, at: number) => {
    s.lastLine = at;
    s.lastDone = s.done;
    s.lines++;
    opts.write(`${renderTransfer(s, at)}\n`);
  };

  return {
    start(name, total) {
      const now = opts.now();
      const s: State = { name, total: Math.max(0, total), done: 0, started: now, lastLine: now, lastDone: 0, lines: 0 };
      open.add(s);
      batch.push(s);
      if (opts.live) redraw(true);
      return {
        add(n) {
          if (!open.has(s)) return;
          s.done += n;
          const at = opts.now();
          if (opts.live) redraw(false);
          else if (due(s, at)) line(s, at);
        },
        end() {
          if (!open.delete(s)) return;
          if (open.size === 0) batch = [];
          if (opts.live) redraw(true);
          // A transfer a log has spoken of says where it ended, so the log does not stop at 90 %.
          else if (s.lines > 0 && s.done !== s.lastDone) line(s, opts.now());
        },
      };
    },
    print(text) {
      if (opts.live && drawn > 0) redraw(true, text);
      else opts.write(text);
    },
  };
}
