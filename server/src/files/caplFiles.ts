// Finding and reading CAPL files on disk: one policy for the language server and the CLI.
import { promises as fs, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { decodeCapl, type DecodedCapl } from './caplEncoding';

export const CAPL_FILE = /\.(can|cin)$/i;
const SKIPPED_FOLDERS = new Set(['node_modules', '.git', '.svn', '.hg']);

export interface CaplFileLimits {
  readonly maxFiles: number;
  readonly maxFileBytes: number;
  readonly maxDepth: number;
}

export const CAPL_FILE_LIMITS: CaplFileLimits = { maxFiles: 5000, maxFileBytes: 16 * 1024 * 1024, maxDepth: 32 };

export interface CaplFileSearch {
  readonly limits?: CaplFileLimits;
  readonly isCancelled?: () => boolean;
  /** Told about each folder that cannot be read and about reaching the file limit. */
  readonly onProblem: (message: string) => void;
}

/**
 * The CAPL files under a folder (absolute paths), breadth-first, each folder's entries in
 * name order, without following a folder twice (symbolic link loops), within the limits;
 * stops early when `isCancelled()` says so. A link named like a CAPL file is listed even
 * when it leads nowhere: reading it reports the problem.
 */
export async function findCaplFiles(folder: string, search: CaplFileSearch): Promise<string[]> {
  const { limits = CAPL_FILE_LIMITS, isCancelled = () => false, onProblem } = search;
  const found: string[] = [];
  const visited = new Set<string>();
  let queue: { path: string; depth: number }[] = [{ path: folder, depth: 0 }];
  while (queue.length > 0 && !isCancelled()) {
    const next: typeof queue = [];
    for (const { path, depth } of queue) {
      if (isCancelled() || found.length >= limits.maxFiles) return found;
      let entries: import('node:fs').Dirent[];
      try {
        const real = await fs.realpath(path);
        if (visited.has(real)) continue;
        visited.add(real);
        entries = (await fs.readdir(path, { withFileTypes: true })).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
      } catch (error) {
        onProblem(`cannot read folder ${path}: ${(error as Error).message}`);
        continue;
      }
      for (const entry of entries) {
        const child = join(path, entry.name);
        if (entry.isDirectory() || entry.isSymbolicLink()) {
          if (!SKIPPED_FOLDERS.has(entry.name) && depth < limits.maxDepth) {
            if (entry.isSymbolicLink() && !(await isFolder(child))) {
              if (CAPL_FILE.test(entry.name)) found.push(child);
              continue;
            }
            next.push({ path: child, depth: depth + 1 });
          }
        } else if (entry.isFile() && CAPL_FILE.test(entry.name)) {
          found.push(child);
          if (found.length >= limits.maxFiles) {
            onProblem(`stopped after ${limits.maxFiles} CAPL files`);
            return found;
          }
        }
      }
    }
    queue = next;
  }
  return found;
}

async function isFolder(path: string): Promise<boolean> {
  try {
    return (await fs.stat(path)).isDirectory();
  } catch {
    return false;
  }
}

/** A CAPL file's decoded text, or undefined (told to `onProblem`) when unreadable or too large. */
export async function readCaplFile(path: string, onProblem: (message: string) => void, limits = CAPL_FILE_LIMITS): Promise<DecodedCapl | undefined> {
  try {
    const { size } = await fs.stat(path);
    if (size > limits.maxFileBytes) {
      onProblem(`skipped ${path}: ${tooLarge(size, limits)}`);
      return undefined;
    }
    return decodeCapl(await fs.readFile(path));
  } catch (error) {
    onProblem(`cannot read ${path}: ${(error as Error).message}`);
    return undefined;
  }
}

/** readCaplFile for the CLI, which reads the files it was given before anything else. */
export function readCaplFileSync(path: string, limits = CAPL_FILE_LIMITS): DecodedCapl {
  const { size } = statSync(path);
  if (size > limits.maxFileBytes) throw new Error(tooLarge(size, limits));
  return decodeCapl(readFileSync(path));
}

function tooLarge(size: number, limits: CaplFileLimits): string {
  return `${size} bytes is more than ${limits.maxFileBytes}`;
}
