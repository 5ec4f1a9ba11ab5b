import { statSync } from 'node:fs';
import { relative, resolve } from 'node:path';
import { decodeCapl, type DecodedCapl } from '../files/caplEncoding';
import { findCaplFiles, readCaplFileSync } from '../files/caplFiles';
import { CliError } from './errors';

export interface LoadedFile extends DecodedCapl {
  /** The path as shown to the user: relative to the working directory, forward slashes. */
  readonly displayPath: string;
  readonly absolutePath: string;
}

/**
 * The CAPL files named by the arguments: files as given, folders searched (see
 * findCaplFiles), sorted. A folder that cannot be read, or more CAPL files than the limit,
 * is an error: a check must not pass over files it did not see.
 */
export async function collectCaplFiles(paths: readonly string[]): Promise<string[]> {
  if (paths.length === 0) throw new CliError('no files or folders given');
  const found = new Set<string>();
  const problems: string[] = [];
  for (const path of paths) {
    const absolute = resolve(path);
    if (statOrFail(absolute, path).isDirectory()) {
      for (const file of await findCaplFiles(absolute, { onProblem: (message) => problems.push(message) })) found.add(file);
    } else found.add(absolute);
  }
  if (problems.length > 0) throw new CliError(problems.join('; '));
  return [...found].sort();
}

function statOrFail(absolute: string, shown: string) {
  try {
    return statSync(absolute);
  } catch (error) {
    throw new CliError(`cannot read ${shown}: ${describe(error)}`);
  }
}

/** A CAPL file a command was given: where it is, and its text, decoded when it is read. */
export interface CaplSource {
  /** The path as shown to the user (see LoadedFile). */
  readonly displayPath: string;
  readonly absolutePath: string;
  read(): DecodedCapl;
}

export function fileSource(absolutePath: string): CaplSource {
  const shown = displayPath(absolutePath);
  return {
    displayPath: shown,
    absolutePath,
    read: () => {
      try {
        return readCaplFileSync(absolutePath);
      } catch (error) {
        throw new CliError(`cannot read ${shown}: ${describe(error)}`);
      }
    },
  };
}

export function loadFile(absolutePath: string): LoadedFile {
  return loaded(fileSource(absolutePath));
}

export function loaded(source: CaplSource): LoadedFile {
  return { displayPath: source.displayPath, absolutePath: source.absolutePath, ...source.read() };
}

/** Text from standard input, reported as `filename` (its folder is where its includes are found). */
export function stdinSource(bytes: Uint8Array, filename: string | undefined): CaplSource {
  const absolutePath = resolve(filename ?? STDIN_NAME);
  return { displayPath: filename === undefined ? STDIN_NAME : displayPath(absolutePath), absolutePath, read: () => decodeCapl(bytes) };
}

const STDIN_NAME = '<stdin>';

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
