import type {
  CodeAction, CodeActionContext, CompletionItem, CompletionList, Diagnostic, DocumentHighlight, DocumentSymbol, Hover, InlayHint, Location, Position, Range,
  SymbolInformation, TextEdit, WorkspaceEdit,
} from 'vscode-languageserver-types';
import { MarkupContent } from 'vscode-languageserver-types';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { EntryKey, EntryUseCounts, EntryUses, FileContext } from '../../../shared/protocol';
import type { FileAnalysis } from './analysis/types';
import { TABLES, type TableKey } from './catalogue/types';
import { fixAllEdits, getCodeActions } from './features/codeActions';
import { doComplete, resolveCompletionItem } from './features/completion';
import { findDefinition } from './features/definition';
import { findEntryUses } from './features/entryUses';
import { DiagnosticReports, type DiagnosticReport } from './features/diagnosticReports';
import { entryReferences, entryUseCounts } from './features/entryReferences';
import { protocolCoverage, type CoverageReport } from './features/coverage';
import { getDiagnostics } from './features/diagnostics';
import { findDuplicateConstants } from './features/duplicateConstants';
import { doHover } from './features/hover';
import { getInlayHints, resolveInlayHint, type InlayHintData } from './features/inlayHints';
import { findDocumentHighlights, findReferences, referenceTargetAt, targetAt, useCountMarkdown, type UseTarget } from './features/references';
import { FileViews } from './features/carrierReferences';
import { prepareRename, rename, type RenameRefusal } from './features/rename';
import { findDocumentSymbols } from './features/symbols';
import { findWorkspaceSymbols } from './features/workspaceSymbols';
import type { Settings } from './settings';
import type { TextChange } from './syntax/reparse';
import { UsesIndex } from './features/usesIndex';
import { WorkspaceIndex, type IndexOptions } from './workspace/workspaceIndex';

export interface LanguageServiceOptions {
  /** Called when facts files share (the tables of carriers other files see) changed: other files' answers may have. */
  readonly onFactsChanged?: () => void;
  readonly settings?: Settings;
  /** What the service keeps of the files read from disk: everything, unless each is asked about once (see IndexOptions). */
  readonly files?: IndexOptions;
}

/** A language service over an empty workspace. */
export function createLanguageService(options: LanguageServiceOptions = {}): CaplLanguageService {
  const service = new CaplLanguageService(new WorkspaceIndex(options.onFactsChanged, options.files));
  if (options.settings) service.setSettings(options.settings);
  return service;
}

/**
 * The language service: every feature as a plain function of a document (kept in the
 * workspace index) and LSP-typed inputs. No connection, no `vscode`.
 */
export class CaplLanguageService {
  private readonly reports = new DiagnosticReports();

  /** What the service holds. Only the sync methods below write it; the tests read it. */
  constructor(readonly index: WorkspaceIndex = new WorkspaceIndex()) {}

  // ---- sync: the only writers of the index ---------------------------------------------

  setSettings(settings: Settings): void {
    this.index.setSettings(settings);
  }

  /**
   * A document open in an editor, at its version: it keeps its tokens, so that an edit
   * re-parses one body. `changed`, when known, is where its text differs from the last one.
   */
  updateDocument(document: TextDocument, changed?: TextChange): void {
    this.index.setFile(document.uri, document.getText(), document.version, changed);
  }

  /** A file as read from disk (no version: only its outline is kept once it is summarised). */
  updateFile(uri: string, text: string): void {
    this.index.setFile(uri, text);
  }

  removeDocument(uri: string): void {
    this.index.removeFile(uri);
  }

  /** Summarises a file ahead of the first request that needs it (the workspace's files, as they are read). */
  prepareDocument(uri: string): void {
    this.index.summarize(uri);
  }

  // ---- requests: they read what was synced and never write it ------------------------------
  //
  // A request names its document by a TextDocument but is answered from the text last synced
  // for its URI: when the two differ (an edit not synced yet), positions and ranges in and out
  // refer to the synced text. A document never synced gets the empty answer.

  getSettings(): Settings {
    return this.index.getSettings();
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

  /** The hover, and for a message ID how often the workspace uses its entry. */
  doHover(document: TextDocument, position: Position): Hover | null {
    return this.read(document, null, (synced) => {
      const analysis = this.analysisOf(synced);
      const hover = doHover(synced, position, analysis);
      const target = hover && targetAt(synced, position, analysis, () => this.uses());
      if (!hover || !target || !MarkupContent.is(hover.contents)) return hover;
      return { ...hover, contents: { kind: 'markdown', value: `${hover.contents.value}\n\n${useCountMarkdown(target, this.uses())}` } };
    });
  }

  doComplete(document: TextDocument, position: Position): CompletionList {
    return this.read(document, { isIncomplete: false, items: [] }, (synced) => doComplete(synced, position, this.analysisOf(synced), this.index));
  }

  resolveCompletionItem(item: CompletionItem): CompletionItem {
    return resolveCompletionItem(item);
  }

  getInlayHints(document: TextDocument, range: Range): InlayHint[] {
    return this.read(document, [], (synced) => getInlayHints(synced, range, this.analysisOf(synced), this.index.getSettings().inlayHints));
  }

  resolveInlayHint(hint: InlayHint): InlayHint {
    const data = hint.data as InlayHintData | undefined;
    const analysis = data && typeof data.uri === 'string' && this.index.version(data.uri) === data.version ? this.index.analysis(data.uri) : undefined;
    return resolveInlayHint(hint, analysis);
  }

  doValidation(document: TextDocument): Diagnostic[] {
    return this.read(document, [], (synced) => getDiagnostics(synced, this.analysisOf(synced), this.index.getSettings(), findDuplicateConstants(synced.uri, this.index)));
  }

  /**
   * The diagnostics of a file by its URI alone, positions from its line starts: the way to ask
   * about a file whose text the service does not keep (see IndexOptions.keepsFileTexts).
   */
  fileDiagnostics(uri: string): Diagnostic[] {
    const analysis = this.index.analysis(uri);
    const lines = this.index.lineIndex(uri);
    if (!analysis || !lines) return [];
    return getDiagnostics(lines, analysis, this.index.getSettings(), findDuplicateConstants(uri, this.index));
  }

  /**
   * The diagnostics as a pull report: `unchanged` when the client holds `previousResultId` and
   * nothing they are computed from changed (the analysis, the settings, the included files' declarations).
   */
  diagnosticReport(document: TextDocument, previousResultId: string | undefined): DiagnosticReport {
    return this.read(document, { kind: 'full', resultId: '', items: [] }, (synced) => {
      const inputs = [this.analysisOf(synced), this.index.getSettings(), ...this.index.visibleDeclarations(synced.uri)];
      return this.reports.report(synced.uri, previousResultId, inputs, () => this.doValidation(synced));
    });
  }

  /** Drops the last report of a closed document. */
  forgetDiagnosticReport(uri: string): void {
    this.reports.forget(uri);
  }

  getCodeActions(document: TextDocument, context: CodeActionContext): CodeAction[] {
    return this.read(document, [], (synced) => getCodeActions(synced, context, this.index));
  }

  /** The edits of `source.fixAll.capl-ids`: every reported problem's preferred fix, and what makes their constants visible. */
  fixAllEdits(document: TextDocument): TextEdit[] {
    return this.read(document, [], (synced) => fixAllEdits(synced, this.index));
  }

  findDocumentSymbols(document: TextDocument): DocumentSymbol[] {
    return this.read(document, [], (synced) => findDocumentSymbols(synced, this.index.fullOutline(synced.uri)!));
  }

  findDefinition(document: TextDocument, position: Position): Location[] {
    return this.read(document, [], (synced) => findDefinition(synced, position, this.index));
  }

  fileContext(document: TextDocument): FileContext | null {
    return this.read(document, null, (synced) => {
      const analysis = this.analysisOf(synced);
      const tables = new Set<TableKey>();
      let ambiguous = 0;
      for (const id of analysis.ids) {
        if (id.tables.length === 1) tables.add(id.tables[0]);
        else ambiguous++;
      }
      return { tables: TABLES.filter((table) => tables.has(table)), node: analysis.role.role, nodeReason: analysis.role.why, ambiguous };
    });
  }

  findEntryUses(document: TextDocument, entry: EntryKey): EntryUses {
    return this.read(document, [], (synced) => findEntryUses(synced, this.uses(), entry));
  }

  /** How many places use each entry the workspace uses (the VS Code panel shows them). */
  entryUseCounts(): EntryUseCounts {
    return entryUseCounts(this.uses());
  }

  /** Every place of the workspace that means the entry. */
  entryReferences(entry: EntryKey): Location[] {
    return entryReferences(this.uses(), entry);
  }

  /** The protocol coverage of the workspace, as `capl-ids coverage` reports it. */
  coverage(table?: TableKey): CoverageReport {
    return protocolCoverage(this.uses(), table);
  }

  /** Every place of the workspace that means the entry at the position, or names the carrier (a named thing that holds IDs) there. */
  findReferences(document: TextDocument, position: Position, includeDeclaration = true): Location[] {
    return this.read(document, [], (synced) => {
      const views = new FileViews(this.index);
      const target = referenceTargetAt(synced, position, this.analysisOf(synced), () => this.uses(), this.index, views);
      return target ? findReferences(synced, target, this.uses(), includeDeclaration, this.index, views) : [];
    });
  }

  findDocumentHighlights(document: TextDocument, position: Position): DocumentHighlight[] {
    return this.read(document, [], (synced) => {
      const views = new FileViews(this.index);
      const target = referenceTargetAt(synced, position, this.analysisOf(synced), () => this.uses(), this.index, views);
      return target ? findDocumentHighlights(synced, target, this.uses(), views) : [];
    });
  }

  findWorkspaceSymbols(query: string): SymbolInformation[] {
    return findWorkspaceSymbols(query, this.uses());
  }

  prepareRename(document: TextDocument, position: Position): { range: Range; placeholder: string } | RenameRefusal {
    return this.read(document, prepareRename(document, undefined), (synced) => prepareRename(synced, this.targetAt(synced, position)));
  }

  rename(document: TextDocument, position: Position, newName: string): WorkspaceEdit | RenameRefusal {
    return this.read(document, rename(document, undefined, newName, this.uses()), (synced) => rename(synced, this.targetAt(synced, position), newName, this.uses()));
  }

  /** Every use of every entry in the workspace, built once per inference. */
  uses(): UsesIndex {
    return UsesIndex.of(this.index);
  }

  private targetAt(synced: TextDocument, position: Position): UseTarget | undefined {
    return targetAt(synced, position, this.analysisOf(synced), () => this.uses());
  }

  /** The analysis of the document's synced text (see the requests' contract); it must have been synced. */
  analyze(document: TextDocument): FileAnalysis {
    const analysis = this.index.analysis(document.uri);
    if (!analysis) throw new Error(`${document.uri} was never synced (updateDocument or updateFile)`);
    return analysis;
  }

  /** `answer` over the document as synced; `fallback` for a document never synced. */
  private read<R>(document: TextDocument, fallback: R, answer: (synced: TextDocument) => R): R {
    const text = this.index.text(document.uri);
    if (text === undefined) return fallback;
    return answer(text === document.getText() ? document : TextDocument.create(document.uri, document.languageId, this.index.version(document.uri) ?? 0, text));
  }

  private analysisOf(synced: TextDocument): FileAnalysis {
    return this.index.analysis(synced.uri)!;
  }
}
