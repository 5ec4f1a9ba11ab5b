import type {
  CodeAction, CodeActionContext, CompletionItem, CompletionList, Diagnostic, DocumentSymbol, Hover, InlayHint, Location, Position, Range,
} from 'vscode-languageserver-types';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { EntryKey, EntryUses, FileContext } from '../../../shared/protocol';
import type { FileAnalysis } from './analysis/types';
import { TABLES, type TableKey } from './catalogue/types';
import { getCodeActions } from './features/codeActions';
import { doComplete, resolveCompletionItem } from './features/completion';
import { findDefinition } from './features/definition';
import { findEntryUses } from './features/entryUses';
import { getDiagnostics } from './features/diagnostics';
import { findDuplicateConstants } from './features/duplicateConstants';
import { doHover } from './features/hover';
import { getInlayHints, resolveInlayHint, type InlayHintData } from './features/inlayHints';
import { findDocumentSymbols } from './features/symbols';
import { WorkspaceIndex } from './workspace/workspaceIndex';

/**
 * The language service: every feature as a plain function of a document (kept in the
 * workspace index) and LSP-typed inputs. No connection, no `vscode`.
 */
export class CaplLanguageService {
  constructor(readonly index: WorkspaceIndex = new WorkspaceIndex()) {}

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
