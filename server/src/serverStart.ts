// How the extension starts the language server, shared with the bench that measures it.

/** The script that starts dist/server.js from a V8 code cache (see cachedStart.ts), relative to the extension. */
export const CACHED_START = 'dist/cachedStart.js';

/** The option that tells cachedStart.js where to keep its code cache. */
export const CODE_CACHE_OPTION = '--code-cache';

export function codeCacheArguments(dir: string): string[] {
  return [CODE_CACHE_OPTION, dir];
}

/**
 * Node options the server starts with. Once a large file's analysis or a workspace's indexing
 * keeps much of what it allocates, V8 grows its young generation to 16 MB semi-spaces, 32 MB
 * that stay resident for the server's life, next to a heap of about as much live data; with
 * 4 MB ones a full analysis spends no longer in scavenges (bench/README.md, Memory). The price
 * is a few ms of cold start: Node's built-ins' code cache is checked against V8's flags.
 */
export const SERVER_NODE_OPTIONS: readonly string[] = ['--max-semi-space-size=4'];

/**
 * Environment variables the server starts with, on top of the editor's. glibc's malloc raises
 * its mmap threshold to the size of each large block freed, so once a few-MB block (a
 * `didOpen` message, a large diagnostics report, token arrays) has been freed, later ones come
 * from its heap and stay there (bench/README.md, Memory). A fixed threshold returns them
 * (other allocators ignore the variable; one the user set is kept).
 */
export function serverEnvironment(env: NodeJS.ProcessEnv): Record<string, string> {
  return { MALLOC_MMAP_THRESHOLD_: env.MALLOC_MMAP_THRESHOLD_ ?? String(128 * 1024) };
}
