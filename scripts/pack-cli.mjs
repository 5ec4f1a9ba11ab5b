// Packs the CLI's npm package (cli/package.json) into a tarball: the minified dist/cli.js
// (everything bundled: no dependencies), cli/README.md and LICENSE.
// Usage: node scripts/pack-cli.mjs [destination folder, default out/]; prints the tarball's path.
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { bundle, ENTRY_POINTS } from './bundle.mjs';

const root = resolve(import.meta.dirname, '..');
const destination = resolve(process.argv[2] ?? join(root, 'out'));
const readJson = (path) => JSON.parse(readFileSync(join(root, path), 'utf8'));

const extension = readJson('package.json');
const cli = readJson('cli/package.json');
if (cli.version !== extension.version) {
  console.error(`cli/package.json has version ${cli.version}, package.json ${extension.version}: make them equal`);
  process.exit(1);
}

const staging = join(destination, 'cli-package');
rmSync(staging, { recursive: true, force: true });
mkdirSync(staging, { recursive: true });
for (const [from, to] of [['cli/package.json', 'package.json'], ['cli/README.md', 'README.md'], ['LICENSE', 'LICENSE']]) {
  copyFileSync(join(root, from), join(staging, to));
}
await bundle({ entryPoints: { cli: ENTRY_POINTS.cli }, outdir: join(staging, 'dist'), production: true });
const packed = JSON.parse(execFileSync('npm', ['pack', '--json', '--pack-destination', destination], { cwd: staging, encoding: 'utf8' }));
console.log(join(destination, packed[0].filename));
