import { CodeActionKind, type CodeAction, type CodeActionContext, type Diagnostic, type TextEdit } from 'vscode-languageserver-types';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { GENERATE_CONSTANTS_COMMAND } from '../../../../shared/protocol';
import type { FileAnalysis } from '../analysis/types';
import type { Span } from '../syntax/outline';
import type { WorkspaceIndex } from '../workspace/workspaceIndex';
import type { DiagnosticCode } from './diagnosticCodes';
import { isReported, SOURCE } from './diagnostics';
import { findDuplicateConstants, type DuplicateConstant } from './duplicateConstants';
import { spanRange } from './positions';
import { mergeByStart, preferredFixes, problemAt, type Fix, type PreferredFix, type ProblemFix, type Replacement } from './problems';
import { VisibilityPlanner } from './visibility';

export const FIX_ALL_KIND = `${CodeActionKind.SourceFixAll}.${SOURCE}`;
export const GENERATE_CONSTANTS_KIND = `${CodeActionKind.Source}.generateConstants`;

/**
 * Quick fixes for the diagnostics in `context`, `source.fixAll.capl-ids`, and the source
 * action that writes the constants include. A fix is read from the index's analysis of
 * `document`, which must hold its text.
 */
export function getCodeActions(document: TextDocument, context: CodeActionContext, index: WorkspaceIndex): CodeAction[] {
  const wants = (kind: string) => !context.only || context.only.some((only) => kind === only || kind.startsWith(`${only}.`));
  const actions: CodeAction[] = [];
  const visibility = new VisibilityPlanner(document, index);
  if (wants(CodeActionKind.QuickFix)) {
    const fixes = new CurrentFixes(document, index);
    for (const diagnostic of context.diagnostics) {
      const fix = fixes.of(diagnostic);
      if (!fix) continue;
      fix.replacements.forEach((replacement, position) => {
        if (replacement.constant && !visibility.canUse(replacement.constant)) return;
        const edits = [replacementEdit(document, diagnostic, replacement), ...visibility.editsFor(replacement.constant ? [replacement.constant] : [])];
        actions.push({
          title: replacement.title,
          kind: CodeActionKind.QuickFix,
          diagnostics: [diagnostic],
          isPreferred: fix.preferred && position === 0,
          edit: { changes: { [document.uri]: edits } },
        });
      });
      if (diagnostic.code === 'duplicate-constant' && fix.preferred) {
        const all = fixes.redundantDefinitions();
        if (all.length > 1) {
          actions.push({
            title: `Remove all ${all.length} redundant constant definitions`,
            kind: CodeActionKind.QuickFix,
            diagnostics: [diagnostic],
            edit: { changes: { [document.uri]: all.map((span) => ({ range: spanRange(document, span), newText: '' })) } },
          });
        }
      }
    }
  }
  // Fix-all looks at the whole file: only when asked for (on save, the source action menu), not per lightbulb.
  if (context.only && wants(FIX_ALL_KIND)) {
    const edits = fixAllEdits(document, index);
    if (edits.length > 0) actions.push({ title: 'Fix all CAPL ID problems', kind: FIX_ALL_KIND, edit: { changes: { [document.uri]: edits } } });
  }
  // Only when source actions are asked for explicitly: it is no fix for the lightbulb.
  if (wants(GENERATE_CONSTANTS_KIND) && context.only) {
    actions.push({
      title: 'Generate the CAPL ID constants include file',
      kind: GENERATE_CONSTANTS_KIND,
      command: { title: 'Generate the CAPL ID constants include file', command: GENERATE_CONSTANTS_COMMAND, arguments: [document.uri] },
    });
  }
  return actions;
}

/**
 * The preferred fix of every reported problem of `document` (read from its analysis, as its
 * diagnostics are), plus what makes their constants visible: fix-all and `check --fix`.
 */
export function fixAllEdits(document: TextDocument, index: WorkspaceIndex): TextEdit[] {
  const analysis = currentAnalysis(document, index);
  if (!analysis) return [];
  const settings = index.getSettings();
  const ofDuplicates = findDuplicateConstants(document.uri, index).flatMap((duplicate): PreferredFix[] => {
    const fix = duplicateFix(duplicate);
    return fix?.preferred ? [{ code: 'duplicate-constant', span: duplicate.nameSpan, replacement: fix.replacements[0] }] : [];
  });
  const edits: TextEdit[] = [];
  const constants: string[] = [];
  const visibility = new VisibilityPlanner(document, index);
  for (const { code, span, replacement } of mergeByStart(preferredFixes(analysis), ofDuplicates)) {
    if (!isReported(analysis, settings, code, document.positionAt(span.start).line)) continue;
    if (replacement.constant && !visibility.canUse(replacement.constant)) continue;
    edits.push({ range: spanRange(document, replacement.span ?? span), newText: replacement.text });
    if (replacement.constant) constants.push(replacement.constant);
  }
  if (edits.length === 0) return [];
  return [...edits, ...visibility.editsFor(constants)];
}

function replacementEdit(document: TextDocument, diagnostic: Diagnostic, replacement: Replacement): TextEdit {
  return { range: replacement.span ? spanRange(document, replacement.span) : diagnostic.range, newText: replacement.text };
}

/** The index's analysis of `document` when the index holds its text, else undefined (no fix is read from another text). */
function currentAnalysis(document: TextDocument, index: WorkspaceIndex): FileAnalysis | undefined {
  return index.text(document.uri) === document.getText() ? index.analysis(document.uri) : undefined;
}

/**
 * The fixes of diagnostics, read from the index's analysis of the document as it is now. A
 * client may send diagnostics of an older version: one gets its fix only when the analysis
 * reports the very same problem (range, code and message) and it is not silenced or off.
 */
class CurrentFixes {
  private readonly analysis: FileAnalysis | undefined;
  private duplicates: readonly DuplicateConstant[] | undefined;

  constructor(private readonly document: TextDocument, private readonly index: WorkspaceIndex) {
    this.analysis = currentAnalysis(document, index);
  }

  of(diagnostic: Diagnostic): Fix | undefined {
    const { analysis, document } = this;
    const code = diagnostic.code as DiagnosticCode;
    if (!analysis || diagnostic.source !== SOURCE || !isReported(analysis, this.index.getSettings(), code, diagnostic.range.start.line)) return undefined;
    const span = { start: document.offsetAt(diagnostic.range.start), end: document.offsetAt(diagnostic.range.end) };
    const problem = code === 'duplicate-constant' ? duplicateAt(this.currentDuplicates(), span) : problemAt(analysis, span, code);
    return problem?.message === diagnostic.message ? problem.fix : undefined;
  }

  /** What removing every redundant constant definition of the same value deletes. */
  redundantDefinitions(): Span[] {
    return this.currentDuplicates().filter((duplicate) => duplicate.sameValue && duplicate.removal).map((duplicate) => duplicate.removal!);
  }

  private currentDuplicates(): readonly DuplicateConstant[] {
    this.duplicates ??= this.analysis ? findDuplicateConstants(this.document.uri, this.index) : [];
    return this.duplicates;
  }
}

/** The redundant definition named at exactly `span`, and its fix: removing it (the obvious fix when both give the same number). */
function duplicateAt(duplicates: readonly DuplicateConstant[], span: Span): ProblemFix | undefined {
  const duplicate = duplicates.find((candidate) => candidate.nameSpan.start === span.start && candidate.nameSpan.end === span.end);
  return duplicate && { message: duplicate.message, fix: duplicateFix(duplicate) };
}

function duplicateFix(duplicate: DuplicateConstant): Fix | undefined {
  return duplicate.removal && {
    preferred: duplicate.sameValue,
    replacements: [{ text: '', span: duplicate.removal, title: `Remove this definition of ${duplicate.name}` }],
  };
}
