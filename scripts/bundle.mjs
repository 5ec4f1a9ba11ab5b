// Bundles entry points with esbuild (type-checking is `npm run typecheck`). `production`
// minifies, as the packaged extension and the CLI package ship.
import { readFileSync } from 'node:fs';
import { build } from 'esbuild';

const { version } = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));

export const ENTRY_POINTS = {
  client: 'client/src/extension.ts',
  server: 'server/src/server.ts',
  cachedStart: 'server/src/cachedStart.ts',
  cli: 'server/src/cli/main.ts',
};

export async function bundle({ entryPoints, outdir, production }) {
  await build({
    entryPoints,
    outdir,
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
}
