// What broke when a request got no answer, in words a user can act on. fetch (undici) says
// only "fetch failed" and puts the system error (ENOTFOUND, ECONNREFUSED, a TLS failure) in
// `cause`; that cause is what the message should name.

interface Cause {
  code?: unknown;
  message?: unknown;
  cause?: unknown;
}

const TLS = /^(CERT_|UNABLE_TO_|DEPTH_ZERO_|SELF_SIGNED_|ERR_TLS_|ERR_SSL_)/;

/** The innermost error code and message of an error and its causes. */
function innermost(err: unknown): { code?: string; message: string } {
  let found: { code?: string; message: string } = { message: err instanceof Error ? err.message : String(err) };
  let at: unknown = err;
  for (let depth = 0; at !== null && typeof at === 'object' && depth < 5; depth++) {
    const c = at as Cause;
    if (typeof c.code === 'string' || (depth > 0 && typeof c.message === 'string')) {
      found = {
        code: typeof c.code === 'string' ? c.code : found.code,
        message: typeof c.message === 'string' ? c.message : found.message,
      };
    }
    at = c.cause;
  }
  return found;
}

/** Describes a failed request to `host`: its cause named when it is a known one, else the messages. */
export function describeNetworkError(err: unknown, host: string): string {
  const { code, message } = innermost(err);
  switch (code) {
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return `could not resolve ${host} (${code})`;
    case 'ECONNREFUSED':
      return `connection refused by ${host}`;
    case 'ECONNRESET':
      return `connection reset by ${host}`;
    case 'EPIPE':
    case 'UND_ERR_SOCKET':
      return `connection to ${host} closed (${message})`;
    case 'ETIMEDOUT':
    case 'UND_ERR_CONNECT_TIMEOUT':
      return `could not connect to ${host} in time (${code})`;
    case 'ENETUNREACH':
    case 'EHOSTUNREACH':
      return `${host} is unreachable (${code})`;
  }
  if (code && TLS.test(code)) return `TLS with ${host} failed: ${message} (${code})`;
  const outer = err instanceof Error ? err.message : String(err);
  if (message !== outer) return `${outer}: ${message}${code ? ` (${code})` : ''}`;
  return code ? `${outer} (${code})` : outer;
}
