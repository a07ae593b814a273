// When a registry request is worth another try, and how long to wait first. One policy for
// every request and every resumed body, so they all back off alike.

/** Answers that say "try again later": server errors and throttling. */
export function isRetryableStatus(status: number): boolean {
  return status >= 500 || status === 429;
}

/** The wait before retry `attempt` (1 = the first retry): doubling from 200 ms, at most 5 s. */
export function backoffMs(attempt: number): number {
  return Math.min(200 * 2 ** (attempt - 1), 5_000);
}
