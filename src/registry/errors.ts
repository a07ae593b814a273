// The one error a registry failure becomes, so callers can tell "the registry said no" (and
// retry or report it) from a bug. Its message is redacted before it is made; `status` is the
// HTTP status when the registry answered one.
export class RegistryError extends Error {
  constructor(
    message: string,
    readonly status?: number,
  ) {
    super(message);
    this.name = 'RegistryError';
  }
}
