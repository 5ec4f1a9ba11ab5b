import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { decodeCapl } from '../service/syntax/decode';
import { CliError } from './errors';

export interface LoadedFile {
  /** The path as shown to the user: relative to the working directory, forward slashes. */
  readonly displayPath: string;
  readonly absolutePath: string;
  readonly text: string;
  readonly encoding: 'utf-8' | 'windows-1252';
  readonly bom: boolean;
}

const CAPL_FILE = /\.(can|cin)$/i;
const SKIPPED_FOLDERS = new Set(['node_modules', '.git']);
const MAX_FOLDER_DEPTH = 64;

/** The CAPL files named by the arguments: files as given, folders searched recursively, sorted. */
export function collectCaplFiles(paths: readonly string[]): string[] {
  if (paths.length === 0) throw new CliError('no files or folders given');
  const found = new Set<string>();
  for (const path of paths) {
    const absolute = resolve(path);
    const stats = statOrFail(absolute, path);
    if (stats.isDirectory()) walk(absolute, found, new Set(), 0);
    else found.add(absolute);
  }
  return [...found].sort();
}

function statOrFail(absolute: string, shown: string) {
  try {
    return statSync(absolute);
  } catch (error) {
    throw new CliError(`cannot read ${shown}: ${describe(error)}`);
  }
}

function walk(folder: string, found: Set<string>, visited: Set<string>, depth: number): void {
  // A symbolic link loop would revisit a folder: compare device and inode.
  const stats = statSync(folder);
  const identity = `${stats.dev}:${stats.ino}`;
  if (visited.has(identity) || depth > MAX_FOLDER_DEPTH) return;
  visited.add(identity);
  let names: string[];
  try {
    names = readdirSync(folder).sort();
  } catch (error) {
    throw new CliError(`cannot read folder ${folder}: ${describe(error)}`);
  }
  for (const name of names) {
    if (SKIPPED_FOLDERS.has(name)) continue;
    const path = join(folder, name);
    let entry;
    try {
      entry = statSync(path);
    } catch {
      continue; // a dangling link
    }
    if (entry.isDirectory()) walk(path, found, visited, depth + 1);
    else if (entry.isFile() && CAPL_FILE.test(name)) found.add(path);
  }
}

export function loadFile(absolutePath: string): LoadedFile {
  let bytes: Buffer;
  try {
    bytes = readFileSync(absolutePath);
  } catch (error) {
    throw new CliError(`cannot read ${displayPath(absolutePath)}: ${describe(error)}`);
  }
  const decoded = decodeCapl(bytes);
  return { displayPath: displayPath(absolutePath), absolutePath, ...decoded };
}

export function displayPath(absolutePath: string): string {
  const shown = relative(process.cwd(), absolutePath);
  return (shown.startsWith('..') ? absolutePath : shown).split('\\').join('/');
}

export function describe(error: unknown): string {
  if (error && typeof error === 'object' && 'code' in error && typeof error.code === 'string') {
    const messages: Record<string, string> = {
      ENOENT: 'no such file or folder',
      EACCES: 'permission denied',
      EISDIR: 'is a folder',
      EEXIST: 'a file of the name it needs already exists',
    };
    return messages[error.code] ?? error.code;
  }
  return error instanceof Error ? error.message : String(error);
}
