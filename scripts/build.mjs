// Bundles the client, the server and the CLI with esbuild (type-checking is `npm run typecheck`).
// `--production` minifies, as the packaged extension ships.
import { readFileSync } from 'node:fs';
import { build } from 'esbuild';

const production = process.argv.includes('--production');
const { version } = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));

await build({
  entryPoints: {
    client: 'client/src/extension.ts',
    server: 'server/src/server.ts',
    cachedStart: 'server/src/cachedStart.ts',
    cli: 'server/src/cli/main.ts',
  },
  outdir: 'dist',
  bundle: true,
  format: 'cjs',
  platform: 'node',
  target: 'node20',
  external: ['vscode'],
  define: { CAPL_IDS_VERSION: JSON.stringify(version) },
  minify: production,
  sourcemap: !production,
  logLevel: 'warning',
});
