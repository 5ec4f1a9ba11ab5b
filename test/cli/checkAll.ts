import { checkFiles, type CheckedFile } from '../../server/src/cli/check';
import type { CaplSource } from '../../server/src/cli/files';
import type { Settings } from '../../server/src/service';

/** checkFiles' results, all of them. */
export function checkAll(files: readonly CaplSource[], settings: Settings, fix: boolean): CheckedFile[] {
  const checked: CheckedFile[] = [];
  checkFiles(files, settings, fix, (file) => checked.push(file));
  return checked;
}
