// VS Code keeps at most 1000 diagnostics per file (its extension host's DiagnosticCollection,
// not configurable) and, above that, adds an information entry "Not showing N further errors
// and warnings" to the Problems panel. In a large file the surplus is mostly magic-number
// hints, which the Problems panel does not list at all: this drops the hints above the limit
// (the last ones in the file) before VS Code sees them, so that every error, warning and
// information still shows and the panel is not flooded. Fix-all on save still fixes them all:
// the server computes it from the whole file.
import * as vscode from 'vscode';
import type { Middleware } from 'vscode-languageclient/node';

/** VS Code's `_maxDiagnosticsPerFile`. */
export const VSCODE_DIAGNOSTICS_PER_FILE = 1000;

/** `diagnostics` with hints dropped from the end until they fit VS Code's limit (never an error, warning or information). */
export function withinProblemsLimit(diagnostics: vscode.Diagnostic[]): vscode.Diagnostic[] {
  if (diagnostics.length <= VSCODE_DIAGNOSTICS_PER_FILE) return diagnostics;
  const isHint = (diagnostic: vscode.Diagnostic) => diagnostic.severity === vscode.DiagnosticSeverity.Hint;
  let hintsLeft = Math.max(0, VSCODE_DIAGNOSTICS_PER_FILE - diagnostics.filter((diagnostic) => !isHint(diagnostic)).length);
  return diagnostics.filter((diagnostic) => !isHint(diagnostic) || hintsLeft-- > 0);
}

/**
 * The language client's middleware that applies `withinProblemsLimit` to pulled and pushed
 * diagnostics. A pull cancelled while the client converts a large report (it cancels one
 * when the server asks for a refresh) resolves with the diagnostics converted so far:
 * vscode-languageclient 10 would keep that part, and its result id, and the server then
 * answers "unchanged", so the rest never showed. Throwing a cancellation makes it pull again.
 */
export const problemsLimitMiddleware: Pick<Middleware, 'provideDiagnostics' | 'handleDiagnostics'> = {
  provideDiagnostics: async (document, previousResultId, token, next) => {
    const report = await next(document, previousResultId, token);
    if (token.isCancellationRequested) throw new vscode.CancellationError();
    return report?.kind === 'full' ? { ...report, items: withinProblemsLimit(report.items) } : report;
  },
  handleDiagnostics: (uri, diagnostics, next) => next(uri, withinProblemsLimit(diagnostics)),
};
