import type {
  CodeAction, CodeActionContext, CompletionItem, CompletionList, Diagnostic, DocumentSymbol, Hover, InlayHint, Location, Position, Range, TextEdit,
} from 'vscode-languageserver-types';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { EntryKey, EntryUses, FileContext } from '../../../shared/protocol';
import type { FileAnalysis } from './analysis/types';
import { TABLES, type TableKey } from './catalogue/types';
import { fixAllEdits, getCodeActions } from './features/codeActions';
import { doComplete, resolveCompletionItem } from './features/completion';
import { findDefinition } from './features/definition';
import { findEntryUses } from './features/entryUses';
import { DiagnosticReports, type DiagnosticReport } from './features/diagnosticReports';
import { getDiagnostics } from './features/diagnostics';
import { findDuplicateConstants } from './features/duplicateConstants';
import { doHover } from './features/hover';
import { getInlayHints, resolveInlayHint, type InlayHintData } from './features/inlayHints';
import { findDocumentSymbols } from './features/symbols';
import type { Settings } from './settings';
import type { TextChange } from './syntax/reparse';
import { WorkspaceIndex } from './workspace/workspaceIndex';

export interface LanguageServiceOptions {
  /** Called when facts files share (the tables of carriers other files see) changed: other files' answers may have. */
  readonly onFactsChanged?: () => void;
  readonly settings?: Settings;
}

/** A language service over an empty workspace. */
export function createLanguageService(options: LanguageServiceOptions = {}): CaplLanguageService {
  const service = new CaplLanguageService(new WorkspaceIndex(options.onFactsChanged));
  if (options.settings) service.setSettings(options.settings);
  return service;
}

/**
 * The language service: every feature as a plain function of a document (kept in the
 * workspace index) and LSP-typed inputs. No connection, no `vscode`.
 */
export class CaplLanguageService {
  private readonly reports = new DiagnosticReports();

  constructor(readonly index: WorkspaceIndex = new WorkspaceIndex()) {}

  // ---- what the workspace holds: the only writers of the index ----------------------------

  getSettings(): Settings {
    return this.index.getSettings();
  }

  setSettings(settings: Settings): void {
    this.index.setSettings(settings);
  }

  /**
   * A document's text: `version` for a document open in an editor (it keeps its tokens, so an
   * edit re-parses one body), none for a file read from disk. `changed`, when known, is where
   * the text differs from the last one.
   */
  updateDocument(uri: string, text: string, version?: number, changed?: TextChange): void {
    this.index.setFile(uri, text, version, changed);
  }

  removeDocument(uri: string): void {
    this.index.removeFile(uri);
  }

  /** Summarises a file ahead of the first request that needs it (the workspace's files, as they are read). */
  prepareDocument(uri: string): void {
    this.index.summarize(uri);
  }

  hasDocument(uri: string): boolean {
    return this.index.has(uri);
  }

  /** The text the service holds for `uri`. */
  documentText(uri: string): string | undefined {
    return this.index.text(uri);
  }

  documentCount(): number {
    return this.index.uris().length;
  }

  /** The files `uri` includes that the service does not hold (yet), as far as they resolve to a URI. */
  missingIncludes(uri: string): string[] {
    return this.index.includes(uri).flatMap((include) => (!include.indexed && include.uri ? [include.uri] : []));
  }

  /** The workspace's generated constants include, if there is one. */
  constantsFile(): string | undefined {
    return this.index.constantsFile();
  }

  // ---- requests ----------------------------------------------------------------------------

  doHover(document: TextDocument, position: Position): Hover | null {
    return doHover(document, position, this.analyze(document));
  }

  doComplete(document: TextDocument, position: Position): CompletionList {
    return doComplete(document, position, this.analyze(document), this.index);
  }

  resolveCompletionItem(item: CompletionItem): CompletionItem {
    return resolveCompletionItem(item);
  }

  getInlayHints(document: TextDocument, range: Range): InlayHint[] {
    return getInlayHints(document, range, this.analyze(document), this.index.getSettings().inlayHints);
  }

  resolveInlayHint(hint: InlayHint): InlayHint {
    const data = hint.data as InlayHintData | undefined;
    const analysis = data && typeof data.uri === 'string' && this.index.version(data.uri) === data.version ? this.index.analysis(data.uri) : undefined;
    return resolveInlayHint(hint, analysis);
  }

  doValidation(document: TextDocument): Diagnostic[] {
    const analysis = this.analyze(document);
    const duplicates = findDuplicateConstants(document.uri, this.index);
    return getDiagnostics(document, analysis, this.index.getSettings(), duplicates);
  }

  /**
   * The diagnostics as a pull report: `unchanged` when the client holds `previousResultId` and
   * nothing they are computed from changed (the analysis, the settings, the included files' declarations).
   */
  diagnosticReport(document: TextDocument, previousResultId: string | undefined): DiagnosticReport {
    const inputs = [this.analyze(document), this.index.getSettings(), ...this.index.visibleDeclarations(document.uri)];
    return this.reports.report(document.uri, previousResultId, inputs, () => this.doValidation(document));
  }

  /** Drops the last report of a closed document. */
  forgetDiagnosticReport(uri: string): void {
    this.reports.forget(uri);
  }

  getCodeActions(document: TextDocument, context: CodeActionContext): CodeAction[] {
    this.sync(document);
    return getCodeActions(document, context, this.index);
  }

  /** The edits of `source.fixAll.capl-ids`: every reported problem's preferred fix, and what makes their constants visible. */
  fixAllEdits(document: TextDocument): TextEdit[] {
    this.sync(document);
    return fixAllEdits(document, this.index);
  }

  findDocumentSymbols(document: TextDocument): DocumentSymbol[] {
    this.sync(document);
    const outline = this.index.outline(document.uri);
    return outline ? findDocumentSymbols(document, outline) : [];
  }

  findDefinition(document: TextDocument, position: Position): Location[] {
    this.sync(document);
    return findDefinition(document, position, this.index);
  }

  fileContext(document: TextDocument): FileContext {
    const analysis = this.analyze(document);
    const tables = new Set<TableKey>();
    let ambiguous = 0;
    for (const id of analysis.ids) {
      if (id.tables.length === 1) tables.add(id.tables[0]);
      else ambiguous++;
    }
    return { tables: TABLES.filter((table) => tables.has(table)), node: analysis.role.role, nodeReason: analysis.role.why, ambiguous };
  }

  findEntryUses(document: TextDocument, entry: EntryKey): EntryUses {
    const analysis = this.analyze(document);
    return findEntryUses(document, analysis, this.index.parsed(document.uri)!.tokens.code, entry);
  }

  analyze(document: TextDocument): FileAnalysis {
    this.sync(document);
    return this.index.analysis(document.uri)!;
  }

  private sync(document: TextDocument): void {
    this.index.setFile(document.uri, document.getText(), document.version);
  }
}
