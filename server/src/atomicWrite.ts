import { chmodSync, closeSync, fsyncSync, openSync, renameSync, rmSync, statSync, writeSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';

/**
 * Replaces a file's bytes so that a reader sees either the old file or the new one: the
 * bytes go to a temporary file beside it, are flushed, then renamed over it. On any failure
 * the temporary file is removed and the original is untouched.
 */
export function writeFileAtomically(path: string, bytes: Uint8Array): void {
  const temporary = join(dirname(path), `.${basename(path)}.capl-ids-${process.pid}.tmp`);
  let created = false;
  try {
    const descriptor = openSync(temporary, 'wx');
    created = true;
    try {
      writeSync(descriptor, bytes);
      fsyncSync(descriptor);
    } finally {
      closeSync(descriptor);
    }
    const mode = existingMode(path);
    if (mode !== undefined) chmodSync(temporary, mode);
    renameSync(temporary, path);
  } catch (error) {
    // Never remove a file of that name that this call did not create.
    if (created) rmSync(temporary, { force: true });
    throw error;
  }
}

function existingMode(path: string): number | undefined {
  try {
    return statSync(path).mode & 0o7777;
  } catch {
    return undefined;
  }
}
