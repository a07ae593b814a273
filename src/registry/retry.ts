// When a registry request is worth another try, and how long to wait first. One policy for
// every request and every resumed body: exponential backoff with jitter (so clients that
// failed together do not come back together), or the server's Retry-After on 429 and 503.

/** The longest wait a Retry-After may ask for: a registry's word is honoured, within reason. */
export const MAX_RETRY_AFTER_MS = 30_000;

/** Answers that say "try again later": server errors and throttling. */
export function isRetryableStatus(status: number): boolean {
  return status >= 500 || status === 429;
}

/**
 * The wait before retry `attempt` (1 = the first retry): doubling from 200 ms up to 5 s, of
 * which a random half is taken off.
 */
export function backoffMs(attempt: number, random: () => number = Math.random): number {
  const base = Math.min(200 * 2 ** (attempt - 1), 5_000);
  return Math.round(base / 2 + (random() * base) / 2);
}

/** A Retry-After header (seconds, or an HTTP date) as a wait in ms, capped; undefined when absent or unreadable. */
export function parseRetryAfter(header: string | null, now: number = Date.now()): number | undefined {
  const text = header?.trim() ?? '';
  if (/^\d+$/.test(text)) return Math.min(Number(text) * 1000, MAX_RETRY_AFTER_MS);
  const when = /[a-z]/i.test(text) ? Date.parse(text) : NaN;
  return Number.isNaN(when) ? undefined : Math.min(Math.max(0, when - now), MAX_RETRY_AFTER_MS);
}

/** The wait before retry `attempt` after an answer of `status`: its Retry-After on 429 and 503, else the backoff. */
export function retryDelayMs(attempt: number, status: number, retryAfter: string | null, random?: () => number): number {
  const asked = status === 429 || status === 503 ? parseRetryAfter(retryAfter) : undefined;
  return asked ?? backoffMs(attempt, random);
}
