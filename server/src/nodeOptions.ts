/**
 * The Node.js options the language server runs with: in VS Code (client/src/languageClient.ts),
 * in the benchmark, and as the README shows for other editors.
 *
 * Analysing a large file makes tens of megabytes of short-lived objects; with V8's default
 * semi-spaces (up to 16 MB each) the young generation grows to its maximum and stays
 * committed. Capped at 2 MB, the peak RSS with the bench's three files open falls from ~170 MB
 * to ~155 MB (from ~163 MB to ~123 MB when each is opened once), for ~3% more analysis time.
 */
export const SERVER_EXEC_ARGV: readonly string[] = ['--max-semi-space-size=2'];
