// Errors that end a run before any test: each maps to exit code 2 and one line without a stack trace.

/** A configuration value is missing, malformed or contradictory. */
export class ConfigError extends Error {
  override readonly name = 'ConfigError';
  readonly code = 'MVMNT_ERR_CONFIG';
  constructor(
    readonly variable: string,
    readonly problem: string,
  ) {
    super(`${variable} ${problem}`);
  }
}

/** The target cannot be used: unreachable, refusing the credentials, or a refused production host. */
export class PreflightError extends Error {
  override readonly name = 'PreflightError';
  readonly code = 'MVMNT_ERR_PREFLIGHT';
}

export function isRunStopper(error: unknown): error is ConfigError | PreflightError {
  return error instanceof ConfigError || error instanceof PreflightError;
}
