/** A command-line failure the user can fix: printed as one message, exit 1, no stack trace. */
export class CliError extends Error {}
