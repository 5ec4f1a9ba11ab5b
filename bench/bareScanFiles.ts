/**
 * The floor of `capl-ids check` as a process: the same files, found and read as the CLI finds
 * and reads them, only scanned for numeric literals (bench/bareScan.ts). Bundled and run like
 * dist/cli.js (see run.ts): `node bareScanFiles.js <files or folders...>`.
 */
import { collectCaplFiles, loadFile } from '../server/src/cli/files';
import { bareScan } from './bareScan';

void collectCaplFiles(process.argv.slice(2)).then((files) => {
  let literals = 0;
  for (const path of files) literals += bareScan(loadFile(path).text).count;
  process.stdout.write(`${literals} numeric literals in ${files.length} files\n`);
});
