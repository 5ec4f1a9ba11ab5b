import { entryLabel, TABLE_TITLES, type IdLiteral, type Settings } from '../service';
import { entryJson } from './format';
import { loadFile } from './files';
import { loadWorkspace } from './workspace';

export interface ExplainedId {
  readonly file: string;
  /** 1-based. */
  readonly line: number;
  /** 1-based, in characters of the decoded text. */
  readonly column: number;
  readonly id: IdLiteral;
}

/** Every literal judged to be an ID in the given files, analysed together with the files they include (as `check` does). */
export function explainFiles(paths: readonly string[], settings: Settings): ExplainedId[] {
  const files = paths.map(loadFile);
  const { service, documents } = loadWorkspace(files, settings);
  return files.flatMap((file, index) => {
    const document = documents[index];
    return service.analyze(document).ids.map((id) => {
      const position = document.positionAt(id.start);
      return { file: file.displayPath, line: position.line + 1, column: position.character + 1, id };
    });
  });
}

export function renderExplanations(explained: readonly ExplainedId[], fileCount: number, json: boolean): string {
  if (json) {
    return JSON.stringify(
      explained.map(({ file, line, column, id }) => ({
        file,
        line,
        column,
        text: id.text,
        value: id.value,
        tables: id.tables,
        ambiguous: id.tables.length > 1,
        entries: id.entries.map(entryJson),
        rule: id.rule,
        reason: id.reason,
      })),
      null,
      2,
    );
  }
  const lines = explained.map(({ file, line, column, id }) => `${file}:${line}:${column}  ${id.text}  ${meaning(id)}  (${id.reason})`);
  const ambiguous = explained.filter(({ id }) => id.tables.length > 1).length;
  const unknown = explained.filter(({ id }) => id.tables.length === 1 && id.entries.length === 0).length;
  lines.push(`${explained.length} message IDs in ${fileCount} file${fileCount === 1 ? '' : 's'} (${ambiguous} ambiguous, ${unknown} unknown)`);
  return lines.join('\n');
}

function meaning(id: IdLiteral): string {
  if (id.tables.length > 1) {
    const candidates = id.tables.map((table) => {
      const entry = id.entries.find((e) => e.table === table);
      return entry ? `${TABLE_TITLES[table]}: ${entryLabel(entry)} = ${entry.constant}` : `${TABLE_TITLES[table]}: none`;
    });
    return `ambiguous: ${candidates.join(' | ')}`;
  }
  const entry = id.entries[0];
  return entry ? `${TABLE_TITLES[id.tables[0]]}: ${entryLabel(entry)} = ${entry.constant}` : `${TABLE_TITLES[id.tables[0]]}: unknown ID`;
}
