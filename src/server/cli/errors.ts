/**
 * A command-line failure the user can fix: printed as one message, no stack trace. Exit 1 unless the
 * command documents another code (`app scan` exits 2 when a scan cannot finish, 1 being its gate).
 */
export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode = 1,
  ) {
    super(message);
  }
}
