/**
 * The Node.js options the language server runs with: in VS Code (client/src/languageClient.ts),
 * in the benchmark, and as the README shows for other editors.
 *
 * Analysing a large file makes tens of megabytes of short-lived objects; with V8's default
 * semi-spaces (up to 16 MB each) the young generation grows to its maximum and stays
 * committed. Capped at 2 MB, the server's peak RSS with the bench's three files open falls
 * from ~165 MB to ~125 MB, for ~3% more analysis time (npm run bench).
 */
export const SERVER_EXEC_ARGV: readonly string[] = ['--max-semi-space-size=2'];
