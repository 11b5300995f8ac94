/**
 * An error a user can act on: printed as-is (no stack) with a non-zero exit code.
 * Exit codes: 1 = the input or the data was wrong, 2 = the command was used wrongly.
 * `quiet`: the command has already printed why it failed (e.g. a verdict per document), so runCli
 * only sets the exit code and adds no `error:` line.
 */
export class CliError extends Error {
  readonly quiet: boolean;

  constructor(
    message: string,
    readonly exitCode: 1 | 2 = 1,
    options?: { cause?: unknown; quiet?: boolean },
  ) {
    super(message, options && 'cause' in options ? { cause: options.cause } : undefined);
    this.name = 'CliError';
    this.quiet = options?.quiet ?? false;
  }
}
