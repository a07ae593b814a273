// The one error a registry failure becomes, so callers can tell "the registry said no" (and
// retry or report it) from a bug. Its message is redacted before it is made; `status` is the
// HTTP status when the registry answered one, and `codes` the error codes of its answer's body
// (the distribution spec's {"errors":[{"code":...}]}).
export class RegistryError extends Error {
  constructor(
    message: string,
    readonly status?: number,
    readonly codes: readonly string[] = [],
  ) {
    super(message);
    this.name = 'RegistryError';
  }
}

/** The error codes of a registry's error body; none when it is not the spec's JSON. */
export function errorCodes(body: string): string[] {
  try {
    const parsed = JSON.parse(body) as { errors?: unknown };
    if (!Array.isArray(parsed.errors)) return [];
    return parsed.errors
      .map((e: unknown) => (e && typeof e === 'object' ? (e as { code?: unknown }).code : undefined))
      .filter((c): c is string => typeof c === 'string' && /^[A-Z_]{1,64}$/.test(c))
      .slice(0, 16);
  } catch {
    return [];
  }
}
