import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import * as ts from 'typescript';

export const REPO = resolve(__dirname, '..', '..');

/** The repository's own TypeScript modules (client, server, shared, bench) and the relative imports between them, type-only ones included. */
export function importGraph(roots: readonly string[] = ['client/src', 'server/src', 'shared', 'bench']): Map<string, string[]> {
  const graph = new Map<string, string[]>();
  for (const root of roots) {
    for (const file of typeScriptFiles(join(REPO, root))) {
      const { importedFiles } = ts.preProcessFile(readFileSync(file, 'utf8'), true, true);
      const targets = importedFiles.map((imported) => imported.fileName).filter((name) => name.startsWith('.')).flatMap((name) => moduleFile(dirname(file), name) ?? []);
      graph.set(relative(REPO, file), targets.map((target) => relative(REPO, target)));
    }
  }
  return graph;
}

function typeScriptFiles(folder: string): string[] {
  return readdirSync(folder, { withFileTypes: true }).flatMap((entry) => {
    const path = join(folder, entry.name);
    if (entry.isDirectory()) return typeScriptFiles(path);
    return entry.name.endsWith('.ts') ? [path] : [];
  });
}

function moduleFile(from: string, specifier: string): string | undefined {
  const base = resolve(from, specifier);
  return [`${base}.ts`, join(base, 'index.ts')].find(existsSync);
}

/** Every cycle of the graph, each as the modules along it (the first repeated at the end); one per strongly connected set. */
export function importCycles(graph: ReadonlyMap<string, readonly string[]>): string[][] {
  const cycles: string[][] = [];
  const state = new Map<string, 'open' | 'done'>();
  const path: string[] = [];
  const visit = (module: string): void => {
    state.set(module, 'open');
    path.push(module);
    for (const target of graph.get(module) ?? []) {
      if (state.get(target) === 'open') cycles.push([...path.slice(path.indexOf(target)), target]);
      else if (!state.has(target)) visit(target);
    }
    path.pop();
    state.set(module, 'done');
  };
  for (const module of graph.keys()) if (!state.has(module)) visit(module);
  return cycles;
}
