// Bundles the client, the server and the CLI with esbuild (type-checking is `npm run typecheck`).
// `--production` minifies, as the packaged extension ships.
import { build } from 'esbuild';

const production = process.argv.includes('--production');

await build({
  entryPoints: {
    client: 'client/src/extension.ts',
    server: 'server/src/server.ts',
    cli: 'server/src/cli/main.ts',
  },
  outdir: 'dist',
  bundle: true,
  format: 'cjs',
  platform: 'node',
  target: 'node20',
  external: ['vscode'],
  minify: production,
  sourcemap: !production,
  logLevel: 'warning',
});
