import { createHash } from 'node:crypto';
import { severityName, type CheckedFile } from './check';

/** GitLab reads these five severities; capl-ids' errors are bugs, its warnings likely ones. */
const CODE_CLIMATE_SEVERITIES: Record<string, string> = { error: 'major', warning: 'minor', info: 'info', hint: 'info' };
const CLARITY_CODES = new Set(['magic-number', 'ambiguous-id']);

/**
 * A Code Climate report as GitLab's code quality widget reads it: one issue per diagnostic
 * (here, of one file).
 * The fingerprint hashes the file, code, message and how many identical issues come before
 * it in the file, not the line, so that an issue keeps its fingerprint when lines above it
 * move and GitLab does not show it as fixed and new again.
 */
export function codeClimateIssues({ file, diagnostics }: CheckedFile) {
  const seen = new Map<string, number>();
  return diagnostics.map((diagnostic) => {
      const key = [file.displayPath, String(diagnostic.code), diagnostic.message].join('\0');
      const occurrence = seen.get(key) ?? 0;
      seen.set(key, occurrence + 1);
      return {
        type: 'issue',
        check_name: String(diagnostic.code),
        description: diagnostic.message,
        categories: [CLARITY_CODES.has(String(diagnostic.code)) ? 'Clarity' : 'Bug Risk'],
        severity: CODE_CLIMATE_SEVERITIES[severityName(diagnostic)],
        fingerprint: createHash('md5').update(`${key}\0${occurrence}`).digest('hex'),
        location: { path: file.displayPath, lines: { begin: diagnostic.range.start.line + 1, end: diagnostic.range.end.line + 1 } },
      };
  });
}
