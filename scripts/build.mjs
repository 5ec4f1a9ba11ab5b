// Bundles the client, the server and the CLI into dist/. `--production` minifies.
import { bundle, ENTRY_POINTS } from './bundle.mjs';

await bundle({ entryPoints: ENTRY_POINTS, outdir: 'dist', production: process.argv.includes('--production') });
