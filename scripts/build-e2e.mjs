// Bundles the real-editor suite (test/e2e) into out/e2e/: index.js (the extensionTestsPath
// entry) and one *.test.js per suite. `vscode` comes from the extension host and `mocha`
// from node_modules at run time. `--client` also bundles just the client into
// dist/client.js (when the full `node scripts/build.mjs` cannot run yet).
import { build } from 'esbuild';
import { readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const suiteDir = join(root, 'test/e2e');
const outdir = join(root, 'out/e2e');

const common = {
  bundle: true,
  format: 'cjs',
  platform: 'node',
  target: 'node20',
  sourcemap: 'inline',
  logLevel: 'warning',
  absWorkingDir: root,
};

rmSync(outdir, { recursive: true, force: true });
const entryPoints = readdirSync(suiteDir)
  .filter((file) => file === 'index.ts' || file.endsWith('.test.ts'))
  .map((file) => join('test/e2e', file));
await build({ ...common, entryPoints, outdir, external: ['vscode', 'mocha'] });

if (process.argv.includes('--client')) {
  await build({ ...common, sourcemap: true, entryPoints: { client: 'client/src/extension.ts' }, outdir: join(root, 'dist'), external: ['vscode'] });
}
console.log(`built ${entryPoints.length} e2e bundles into out/e2e${process.argv.includes('--client') ? ' and dist/client.js' : ''}`);
