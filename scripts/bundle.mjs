// Bundles entry points with esbuild (type-checking is `npm run typecheck`). `production`
// minifies, as the packaged extension and the CLI package ship.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { build } from 'esbuild';

const { version } = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));

export const ENTRY_POINTS = {
  client: 'client/src/extension.ts',
  server: 'server/src/server.ts',
  cachedStart: 'server/src/cachedStart.ts',
  cli: 'server/src/cli/main.ts',
};

/**
 * Node modules that the LSP library requires as it loads but uses only on paths the server
 * never takes (named pipes and sockets, resolving global npm modules): loading them was
 * part of every cold start (bench/README.md, Cold start). In these files their `require`
 * becomes one made on the first use of a member (each is used as `(0, x.member)(...)`).
 */
const LAZY_BUILTINS = [
  { file: /[\\/]node_modules[\\/]vscode-jsonrpc[\\/]lib[\\/]node[\\/]main\.js$/, modules: ['crypto'] },
  { file: /[\\/]node_modules[\\/]vscode-languageserver[\\/]lib[\\/]node[\\/]files\.js$/, modules: ['child_process'] },
];

const lazyBuiltins = {
  name: 'lazy-builtins',
  setup(build) {
    for (const { file, modules } of LAZY_BUILTINS) {
      build.onLoad({ filter: file }, async (args) => {
        let contents = await readFile(args.path, 'utf8');
        for (const name of modules) {
          const eager = `require("${name}")`;
          if (contents.split(eager).length !== 2) throw new Error(`${args.path}: expected one ${eager} (the library changed; see LAZY_BUILTINS)`);
          contents = contents.replace(eager, `new Proxy({}, { get: (_, member) => require("${name}")[member] })`);
        }
        return { contents, loader: 'js' };
      });
    }
  },
};

export async function bundle({ entryPoints, outdir, production }) {
  const options = (entries, define = {}) => ({
    entryPoints: entries,
    outdir,
    bundle: true,
    format: 'cjs',
    platform: 'node',
    target: 'node20',
    external: ['vscode'],
    define: { CAPL_IDS_VERSION: JSON.stringify(version), ...define },
    minify: production,
    sourcemap: !production,
    logLevel: 'warning',
    plugins: [lazyBuiltins],
  });
  const { cachedStart, ...others } = entryPoints;
  await build(options(others));
  if (cachedStart === undefined) return;
  // cachedStart.js names the server's code cache by the server bundle it starts, hashed here
  // (hashing it at every start cost a few milliseconds of the cold start)
  const serverHash = createHash('sha1').update(readFileSync(join(outdir, 'server.js'))).digest('hex');
  await build(options({ cachedStart }, { SERVER_BUNDLE_HASH: JSON.stringify(serverHash) }));
}
