import type { Settings } from '../settings';
import type { ParsedCapl } from '../syntax/parse';
import type { CodeTokens } from '../syntax/codeTokens';
import { uriKey } from '../text/uris';
import { Inference } from './inference';
import { judgeFile } from './judge';
import { summarizeFile, type SourceFile } from './summarize';
import type { FileSummary } from './summary';
import type { FileAnalysis } from './types';

export type { SourceFile } from './summarize';

/** One file alone, as the workspace's inference sees it when it is the only file. */
export function analyzeFile(file: SourceFile, settings: Settings, parsed?: ParsedCapl, code?: CodeTokens): FileAnalysis {
  return analyzeTogether([file], [summarizeFile(file, settings, parsed, code)])[0];
}

/** Files analysed together: the same engine as the workspace index's, over these files only. */
export function analyzeFiles(files: readonly SourceFile[], settings: Settings): FileAnalysis[] {
  return analyzeTogether(files, files.map((file) => summarizeFile(file, settings)));
}

function analyzeTogether(files: readonly SourceFile[], summaries: readonly FileSummary[]): FileAnalysis[] {
  const keys: string[] = [];
  const seen = new Set<string>();
  files.forEach((file, position) => {
    let key = uriKey(file.path);
    if (seen.has(key)) key += `\u0000${position}`;
    seen.add(key);
    keys.push(key);
  });
  const entries = new Map(keys.map((key, position) => [key, { uri: files[position].path, summary: summaries[position] }]));
  const inference = new Inference(entries);
  return keys.map((key) => judgeFile(entries.get(key)!.summary, inference, inference.fileIndex(key)));
}
