import type {
  CodeAction, CodeActionContext, CompletionItem, CompletionList, Diagnostic, DocumentHighlight, DocumentSymbol, Hover, InlayHint, Location, Position, Range,
  SymbolInformation, WorkspaceEdit,
} from 'vscode-languageserver-types';
import { MarkupContent } from 'vscode-languageserver-types';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { EntryKey, EntryUseCounts, EntryUses, FileContext } from '../../../shared/protocol';
import type { FileAnalysis } from './analysis/types';
import { TABLES, type TableKey } from './catalogue/types';
import { getCodeActions } from './features/codeActions';
import { doComplete, resolveCompletionItem } from './features/completion';
import { findDefinition } from './features/definition';
import { findEntryUses } from './features/entryUses';
import { entryReferences, entryUseCounts } from './features/entryReferences';
import { protocolCoverage, type CoverageReport } from './features/coverage';
import { getDiagnostics } from './features/diagnostics';
import { findDuplicateConstants } from './features/duplicateConstants';
import { doHover } from './features/hover';
import { getInlayHints, resolveInlayHint, type InlayHintData } from './features/inlayHints';
import { findDocumentHighlights, findReferences, targetAt, useCountMarkdown, type UseTarget } from './features/references';
import { prepareRename, rename, type RenameRefusal } from './features/rename';
import { findDocumentSymbols } from './features/symbols';
import { findWorkspaceSymbols } from './features/workspaceSymbols';
import { UsesIndex } from './workspace/usesIndex';
import { WorkspaceIndex } from './workspace/workspaceIndex';

/**
 * The language service: every feature as a plain function of a document (kept in the
 * workspace index) and LSP-typed inputs. No connection, no `vscode`.
 */
export class CaplLanguageService {
  constructor(readonly index: WorkspaceIndex = new WorkspaceIndex()) {}

  /** The hover, and for a message ID how often the workspace uses its entry. */
  doHover(document: TextDocument, position: Position): Hover | null {
    const analysis = this.analyze(document);
    const hover = doHover(document, position, analysis);
    const target = hover && targetAt(document, position, analysis, () => this.uses());
    if (!hover || !target || !MarkupContent.is(hover.contents)) return hover;
    return { ...hover, contents: { kind: 'markdown', value: `${hover.contents.value}\n\n${useCountMarkdown(target, this.uses())}` } };
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

  getCodeActions(document: TextDocument, context: CodeActionContext): CodeAction[] {
    this.sync(document);
    return getCodeActions(document, context, () => this.doValidation(document), this.index);
  }

  findDocumentSymbols(document: TextDocument): DocumentSymbol[] {
    this.sync(document);
    const outline = this.index.fullOutline(document.uri);
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
    this.sync(document);
    return findEntryUses(document, this.uses(), entry);
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

  findReferences(document: TextDocument, position: Position, includeDeclaration = true): Location[] {
    const target = this.targetAt(document, position);
    return target ? findReferences(target, this.uses(), includeDeclaration) : [];
  }

  findDocumentHighlights(document: TextDocument, position: Position): DocumentHighlight[] {
    const target = this.targetAt(document, position);
    return target ? findDocumentHighlights(document, target, this.uses()) : [];
  }

  findWorkspaceSymbols(query: string): SymbolInformation[] {
    return findWorkspaceSymbols(query, this.uses());
  }

  prepareRename(document: TextDocument, position: Position): { range: Range; placeholder: string } | RenameRefusal {
    return prepareRename(document, this.targetAt(document, position));
  }

  rename(document: TextDocument, position: Position, newName: string): WorkspaceEdit | RenameRefusal {
    return rename(document, this.targetAt(document, position), newName, this.uses());
  }

  /** Every use of every entry in the workspace, built once per inference. */
  uses(): UsesIndex {
    return UsesIndex.of(this.index);
  }

  private targetAt(document: TextDocument, position: Position): UseTarget | undefined {
    return targetAt(document, position, this.analyze(document), () => this.uses());
  }

  analyze(document: TextDocument): FileAnalysis {
    this.sync(document);
    return this.index.analysis(document.uri)!;
  }

  private sync(document: TextDocument): void {
    this.index.setFile(document.uri, document.getText(), document.version);
  }
}
