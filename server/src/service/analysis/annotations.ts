import { isTableKey, type TableKey } from '../catalogue/types';
import type { NodeRole } from '../settings';

/**
 * In-file directives, one per comment (README "Annotations"):
 *   capl-ids: table <table>            pins the table of a procedure (inside its body) or file
 *   capl-ids: node vehicle|charge-point
 *   capl-ids: object <Name> ccs|ocpp
 *   capl-ids: variable <name> <table>
 *   capl-ids-disable-line [code ...]
 *   capl-ids-disable-next-line [code ...]
 */
export type Annotation =
  | { readonly kind: 'table'; readonly table: TableKey }
  | { readonly kind: 'node'; readonly role: NodeRole }
  | { readonly kind: 'object'; readonly object: string; readonly table: 'ccs' | 'ocpp' }
  | { readonly kind: 'variable'; readonly name: string; readonly table: TableKey }
  | { readonly kind: 'disable'; readonly nextLine: boolean; readonly codes: readonly string[] };

export type AnnotationResult = Annotation | { readonly kind: 'invalid'; readonly message: string } | undefined;

const DIRECTIVE = /capl-ids(-disable-line|-disable-next-line|:)([^\r\n]*)/;

/** Reads the directive in one comment's text (with its `//` or `/* *\/`), if any. */
export function readAnnotation(comment: string): AnnotationResult {
  const match = DIRECTIVE.exec(comment);
  if (!match) return undefined;
  const words = match[2].replace(/\*\/\s*$/, '').trim().split(/[\s,]+/).filter((word) => word.length > 0);
  if (match[1] !== ':') return { kind: 'disable', nextLine: match[1] === '-disable-next-line', codes: words };

  const [directive, first, second] = words;
  switch (directive) {
    case 'table':
      if (first && isTableKey(first)) return { kind: 'table', table: first };
      return invalid(`"table" needs one of: ccs, modeling, vehicle-states, charge-point-states, ocpp`);
    case 'node':
      if (first === 'vehicle' || first === 'charge-point') return { kind: 'node', role: first };
      return invalid(`"node" needs vehicle or charge-point`);
    case 'object':
      if (first && (second === 'ccs' || second === 'ocpp')) return { kind: 'object', object: first, table: second };
      return invalid(`"object" needs an object name and ccs or ocpp`);
    case 'variable':
      if (first && second && isTableKey(second)) return { kind: 'variable', name: first, table: second };
      return invalid(`"variable" needs a variable name and a table`);
    default:
      return invalid(`unknown directive "${directive ?? ''}" (table, node, object, variable)`);
  }
}

function invalid(message: string): AnnotationResult {
  return { kind: 'invalid', message: `capl-ids annotation: ${message}` };
}
