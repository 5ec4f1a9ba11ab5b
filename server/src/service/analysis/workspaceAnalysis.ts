import type { Settings } from '../settings';
import { analyzeFile, type SourceFile } from './analyzeFile';
import type { FileAnalysis, FileFacts, IdSource } from './types';
import { EMPTY_FACTS } from './types';
import { detached, detachedSource } from './detached';

const MAX_ROUNDS = 4;

/**
 * Analyses files that see each other (a node and its includes, a folder): what one file
 * says about system variables and function parameters reaches the others (rules 4 and 5).
 */
export function analyzeFiles(files: readonly SourceFile[], settings: Settings): FileAnalysis[] {
  let facts: FileFacts = EMPTY_FACTS;
  let analyses = files.map((file) => analyzeFile(file, settings, facts));
  for (let round = 1; round < MAX_ROUNDS; round++) {
    const merged = mergeFacts(analyses.map((analysis) => analysis.facts));
    if (factCount(merged) === factCount(facts)) break;
    facts = merged;
    analyses = files.map((file) => analyzeFile(file, settings, facts));
  }
  return analyses;
}

/**
 * The union of several files' facts; for a key known to several, the first file's word
 * counts. It keeps copies of the names and reasons: the originals are views into their
 * file's text (V8 slices and concatenates without copying), and the union outlives that text.
 */
export function mergeFacts(all: Iterable<FileFacts>): FileFacts {
  const idSysvars = new Map<string, IdSource>();
  const idParameters = new Map<string, Map<number, IdSource>>();
  const definedFunctions = new Set<string>();
  for (const facts of all) {
    for (const name of facts.definedFunctions) if (!definedFunctions.has(name)) definedFunctions.add(detached(name));
    for (const [key, source] of facts.idSysvars) if (!idSysvars.has(key)) idSysvars.set(detached(key), detachedSource(source));
    for (const [name, parameters] of facts.idParameters) {
      let merged = idParameters.get(name);
      if (!merged) idParameters.set(detached(name), (merged = new Map()));
      for (const [index, source] of parameters) if (!merged.has(index)) merged.set(index, detachedSource(source));
    }
  }
  return { idSysvars, idParameters, definedFunctions };
}


export function factCount(facts: FileFacts): number {
  let count = facts.idSysvars.size + facts.definedFunctions.size;
  for (const parameters of facts.idParameters.values()) count += parameters.size;
  return count;
}
