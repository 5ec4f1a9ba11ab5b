/** An error the CLI reports as one clear line, with its exit code (2: usage or input problem). */
export class CliError extends Error {
  constructor(message: string, readonly exitCode = 2) {
    super(message);
  }
}
