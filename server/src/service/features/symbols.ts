import { SymbolKind, type DocumentSymbol } from 'vscode-languageserver-types';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { Outline, Procedure } from '../syntax/outline';
import { findAt, spanRange } from './positions';

/** The outline: sections with their declarations, enums with their members, procedures. */
export function findDocumentSymbols(document: TextDocument, outline: Outline): DocumentSymbol[] {
  const symbols: DocumentSymbol[] = [];
  const inSection = (start: number) => {
    const section = findAt(outline.sections, start);
    return section && section.openBrace < start && start < section.closeBrace ? section : undefined;
  };
  const sectionSymbols = new Map(outline.sections.map((section) => [section, {
    name: section.keyword,
    kind: SymbolKind.Namespace,
    range: spanRange(document, section),
    selectionRange: spanRange(document, { start: section.start, end: section.start + section.keyword.length }),
    children: [] as DocumentSymbol[],
  }]));

  const place = (symbol: DocumentSymbol, start: number) => {
    const section = inSection(start);
    (section ? sectionSymbols.get(section)!.children : symbols).push(symbol);
  };
  for (const declaration of outline.enums) {
    place({
      name: declaration.name,
      kind: SymbolKind.Enum,
      range: spanRange(document, declaration),
      selectionRange: spanRange(document, declaration.nameSpan),
      children: declaration.members.map((member) => ({
        name: member.name,
        detail: member.value === undefined ? undefined : String(member.value),
        kind: SymbolKind.EnumMember,
        range: spanRange(document, { start: member.nameSpan.start, end: member.valueSpan?.end ?? member.nameSpan.end }),
        selectionRange: spanRange(document, member.nameSpan),
      })),
    }, declaration.start);
  }
  for (const variable of outline.globals) {
    place({
      name: variable.name,
      detail: variable.type,
      kind: variable.isConst ? SymbolKind.Constant : SymbolKind.Variable,
      range: spanRange(document, variable),
      selectionRange: spanRange(document, variable.nameSpan),
    }, variable.start);
  }
  symbols.push(...sectionSymbols.values(), ...outline.procedures.map((procedure) => procedureSymbol(document, procedure)));
  return symbols.sort((a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character);
}

const PROCEDURE_KINDS: Record<Procedure['kind'], SymbolKind> = {
  event: SymbolKind.Event,
  function: SymbolKind.Function,
  testcase: SymbolKind.Method,
  testfunction: SymbolKind.Method,
};

function procedureSymbol(document: TextDocument, procedure: Procedure): DocumentSymbol {
  const parameters = procedure.parameters.map((parameter) => `${parameter.type}${parameter.isReference ? '&' : ''} ${parameter.name}${parameter.isArray ? '[]' : ''}`);
  return {
    name: procedure.kind === 'event' ? `on ${procedure.name}` : procedure.name,
    detail: procedure.kind === 'event' ? undefined : `${procedure.returnType ? `${procedure.returnType} ` : ''}(${parameters.join(', ')})`,
    kind: PROCEDURE_KINDS[procedure.kind],
    range: spanRange(document, procedure),
    selectionRange: spanRange(document, procedure.nameSpan),
  };
}
