import { existsSync, readFileSync } from 'node:fs';
import { isGeneratedConstantsFile } from './service';
import { writeFileAtomically } from './atomicWrite';

/**
 * How the generated constants include reaches the disk, for the editor's command and the CLI
 * alike. The text is ASCII, so Windows-1252 (what CANoe reads) is its bytes one to one.
 */

/** Whether `path` may get the generated constants include: nothing is there, or a file capl-ids generated. */
export function mayReplaceWithConstants(path: string): boolean {
  return !existsSync(path) || isGeneratedConstantsFile(readFileSync(path, 'latin1'));
}

/** Writes the generated constants include `text` at `path`, atomically. */
export function writeGeneratedConstants(path: string, text: string): void {
  writeFileAtomically(path, Buffer.from(text, 'latin1'));
}
