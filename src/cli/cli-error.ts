/**
 * An error a user can act on: printed as-is (no stack) with a non-zero exit code.
 * Exit codes: 1 = the input or the data was wrong, 2 = the command was used wrongly.
 */
export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode: 1 | 2 = 1,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'CliError';
  }
}
