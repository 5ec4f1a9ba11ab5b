import { promises as fs } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { decodeCapl } from './service/syntax/decode';

export const CAPL_FILE = /\.(can|cin)$/i;
const SKIPPED_FOLDERS = new Set(['node_modules', '.git', '.svn', '.hg']);

export interface WorkspaceScanLimits {
  readonly maxFiles: number;
  readonly maxFileBytes: number;
  readonly maxDepth: number;
}

export const DEFAULT_LIMITS: WorkspaceScanLimits = { maxFiles: 5000, maxFileBytes: 16 * 1024 * 1024, maxDepth: 32 };

/**
 * Finds the CAPL files under a workspace folder, breadth-first, without following a folder
 * twice (symbolic link loops), within limits, and stops early when `isCancelled()` says so.
 * Unreadable folders are skipped and reported through `onProblem`.
 */
export async function findCaplFiles(
  folderUri: string,
  limits: WorkspaceScanLimits,
  isCancelled: () => boolean,
  onProblem: (message: string) => void,
): Promise<string[]> {
  const found: string[] = [];
  const visited = new Set<string>();
  let queue: { path: string; depth: number }[] = [{ path: fileURLToPath(folderUri), depth: 0 }];
  while (queue.length > 0 && !isCancelled()) {
    const next: typeof queue = [];
    for (const { path, depth } of queue) {
      if (isCancelled() || found.length >= limits.maxFiles) return found;
      let real: string;
      let entries: import('node:fs').Dirent[];
      try {
        real = await fs.realpath(path);
        if (visited.has(real)) continue;
        visited.add(real);
        entries = await fs.readdir(path, { withFileTypes: true });
      } catch (error) {
        onProblem(`cannot read folder ${path}: ${(error as Error).message}`);
        continue;
      }
      for (const entry of entries) {
        const child = join(path, entry.name);
        if (entry.isDirectory() || entry.isSymbolicLink()) {
          if (!SKIPPED_FOLDERS.has(entry.name) && depth < limits.maxDepth) {
            if (entry.isSymbolicLink() && !(await isFolder(child))) {
              if (CAPL_FILE.test(entry.name)) found.push(pathToFileURL(child).href);
              continue;
            }
            next.push({ path: child, depth: depth + 1 });
          }
        } else if (entry.isFile() && CAPL_FILE.test(entry.name)) {
          found.push(pathToFileURL(child).href);
          if (found.length >= limits.maxFiles) {
            onProblem(`stopped indexing after ${limits.maxFiles} CAPL files`);
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

/** A CAPL file's text from disk (UTF-8 or Windows-1252), or undefined when unreadable or too large. */
export async function readCaplFile(uri: string, limits: WorkspaceScanLimits, onProblem: (message: string) => void): Promise<string | undefined> {
  try {
    const path = fileURLToPath(uri);
    const stats = await fs.stat(path);
    if (stats.size > limits.maxFileBytes) {
      onProblem(`skipped ${path}: ${stats.size} bytes is more than ${limits.maxFileBytes}`);
      return undefined;
    }
    return decodeCapl(await fs.readFile(path)).text;
  } catch (error) {
    onProblem(`cannot read ${uri}: ${(error as Error).message}`);
    return undefined;
  }
}
