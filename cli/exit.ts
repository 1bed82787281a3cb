// Exit codes and the one-line fatal message: configuration and preflight problems end the run
// with exit 2 and a single line, never a stack trace.
export const EXIT = { pass: 0, fail: 1, usage: 2, sigint: 130, sigterm: 143 } as const;

export function fatal(message: string): never {
  process.stderr.write(`mvmnt-conformance: ${message}\n`);
  process.exit(EXIT.usage);
}

/** ConfigError, PreflightError, ExpectationsError and ReportFileError carry their own one-line message; anything else is a bug. */
export function isOneLineError(error: unknown): error is Error {
  const name = (error as Error | null)?.name;
  return name === 'ConfigError' || name === 'PreflightError' || name === 'ExpectationsError' || name === 'ReportFileError';
}
