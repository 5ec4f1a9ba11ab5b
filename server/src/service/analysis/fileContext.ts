import { TABLE_TITLES, type TableKey } from '../catalogue/types';
import type { NodeRole, Settings } from '../settings';
import type { Procedure } from '../syntax/outline';
import { TokenKind, type Token } from '../syntax/tokens';
import { LineIndex } from '../text/lineIndex';
import { readAnnotation } from './annotations';
import { bindingByName, roleByCallbacks, roleByPath, type TableChoice } from './bindings';
import { OBJECT_TABLES, STATE_TABLES } from './idApis';
import type { AnnotationProblem } from './types';

/** What a file's annotations, its settings, its name and its callbacks decide for all its procedures. */
export class FileContext {
  readonly annotationProblems: AnnotationProblem[] = [];
  readonly silencedLines = new Map<number, readonly string[]>();
  readonly procedurePins = new Map<Procedure, TableKey>();
  readonly variableTables = new Map<string, TableKey>();
  filePin: TableKey | undefined;
  readonly role: { readonly role: NodeRole | undefined; readonly why: string };
  private readonly objectAnnotations = new Map<string, 'ccs' | 'ocpp'>();

  constructor(
    readonly text: string,
    readonly settings: Settings,
    path: string,
    tokens: readonly Token[],
    procedures: readonly Procedure[],
  ) {
    let annotatedRole: NodeRole | undefined;
    const lines = new LineIndex(text);
    for (const token of tokens) {
      if (token.kind !== TokenKind.LineComment && token.kind !== TokenKind.BlockComment) continue;
      const annotation = readAnnotation(text.slice(token.start, token.end));
      if (!annotation) continue;
      switch (annotation.kind) {
        case 'invalid':
          this.annotationProblems.push({ start: token.start, end: token.end, message: annotation.message });
          break;
        case 'disable': {
          const line = lines.lineOf(token.start) + (annotation.nextLine ? 1 : 0);
          this.silencedLines.set(line, annotation.codes);
          break;
        }
        case 'table': {
          const procedure = procedures.find((p) => p.bodyOpen < token.start && token.start < p.bodyClose);
          if (procedure) this.procedurePins.set(procedure, annotation.table);
          else this.filePin = annotation.table;
          break;
        }
        case 'node':
          annotatedRole = annotation.role;
          break;
        case 'object':
          this.objectAnnotations.set(annotation.object, annotation.table);
          break;
        case 'variable':
          this.variableTables.set(annotation.name, annotation.table);
          break;
      }
    }
    this.role = decideRole(annotatedRole, settings, procedures, path);
  }

  /** The binding of a Distributed Object (rule 10). */
  objectBinding(object: string): TableChoice {
    const annotated = this.objectAnnotations.get(object);
    if (annotated) return { tables: [annotated], why: `${object}: ${TABLE_TITLES[annotated]} object, by annotation` };
    const configured = Object.hasOwn(this.settings.objects, object) ? this.settings.objects[object] : undefined;
    if (configured) return { tables: [configured], why: `${object}: ${TABLE_TITLES[configured]} object, by the capl-ids.objects setting` };
    const named = bindingByName(object);
    if (named) return { tables: [named], why: `${object}: ${TABLE_TITLES[named]} object, by its name` };
    return { tables: OBJECT_TABLES, why: `${object}: binding unknown, CCS or OCPP` };
  }

  /** The state table of SCC_StateTransitionInd and SCC_GetStateName (rule 9). */
  stateTables(): TableChoice {
    const { role, why } = this.role;
    if (role === 'vehicle') return { tables: ['vehicle-states'], why };
    if (role === 'charge-point') return { tables: ['charge-point-states'], why };
    return { tables: STATE_TABLES, why };
  }
}

function decideRole(
  annotated: NodeRole | undefined,
  settings: Settings,
  procedures: readonly Procedure[],
  path: string,
): { role: NodeRole | undefined; why: string } {
  if (annotated) return { role: annotated, why: `${describe(annotated)}, by annotation` };
  if (settings.node !== 'auto') return { role: settings.node, why: `${describe(settings.node)}, by the capl-ids.node setting` };
  const byCallbacks = roleByCallbacks(procedures.filter((p) => p.kind === 'function').map((p) => p.name));
  if (byCallbacks) return { role: byCallbacks.role, why: `${describe(byCallbacks.role)}: it defines ${byCallbacks.callback}` };
  const byPath = roleByPath(path);
  if (byPath) return { role: byPath, why: `${describe(byPath)}, by the file name` };
  return { role: undefined, why: 'vehicle or charge point node: not decided' };
}

function describe(role: NodeRole): string {
  return role === 'vehicle' ? 'vehicle node' : 'charge point node';
}
