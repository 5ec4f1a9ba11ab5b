import { severityName, type CheckedFile } from './check';

const ANNOTATION_LEVELS: Record<string, string> = { error: 'error', warning: 'warning', info: 'notice', hint: 'notice' };

/** GitHub Actions workflow commands, `::warning file=…,line=…::message`, one per diagnostic of a file. */
export function githubAnnotations({ file, diagnostics }: CheckedFile): string[] {
  return diagnostics.map((diagnostic) => {
    const { start, end } = diagnostic.range;
    const properties = [
      ['file', file.displayPath],
      ['line', start.line + 1],
      ['endLine', end.line + 1],
      ['col', start.character + 1],
      ['endColumn', end.character + 1],
      ['title', `capl-ids ${String(diagnostic.code)}`],
    ].map(([name, value]) => `${name}=${escapeProperty(String(value))}`);
    const message = typeof diagnostic.message === 'string' ? diagnostic.message : diagnostic.message.value;
    return `::${ANNOTATION_LEVELS[severityName(diagnostic)]} ${properties.join(',')}::${escapeData(message)}`;
  });
}

// As @actions/core escapes them: a raw line end would end the command, and in properties
// `,` and `:` would end the value.
function escapeData(text: string): string {
  return text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

function escapeProperty(text: string): string {
  return escapeData(text).replace(/:/g, '%3A').replace(/,/g, '%2C');
}
