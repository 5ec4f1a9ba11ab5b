import type { Range, TextEdit, WorkspaceEdit } from 'vscode-languageserver-types';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { catalogue } from '../catalogue/catalogue';
import type { UsesIndex } from './usesIndex';
import { spanRange } from './positions';
import type { UseTarget } from './references';

/** Why a rename cannot be done, for the editor to show. */
export interface RenameRefusal {
  readonly refused: string;
}

const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** Only a constant or enum member the user declared for a message ID is renamed; the answer says why anything else is not. */
export function prepareRename(document: TextDocument, target: UseTarget | undefined): { range: Range; placeholder: string } | RenameRefusal {
  if (!target) return { refused: 'capl-ids renames constants and enum members whose value is a message ID; this is none.' };
  if (target.literal) return { refused: `${target.literal.text} is a number: rename the constant or enum member that names it, or replace the number with one (quick fix).` };
  if (target.constant) return { refused: `${target.constant.constant} is a catalogue constant: its name comes from CANoe's reference page and is the same in every project.` };
  const range = spanRange(document, target.span);
  return { range, placeholder: document.getText(range) };
}

/** The declaration and every use of the target's name, across the workspace. */
export function rename(document: TextDocument, target: UseTarget | undefined, newName: string, uses: UsesIndex): WorkspaceEdit | RenameRefusal {
  const prepared = prepareRename(document, target);
  if ('refused' in prepared) return prepared;
  if (!IDENTIFIER.test(newName)) return { refused: `"${newName}" is not a CAPL identifier.` };
  if (catalogue.byConstant(newName)) return { refused: `${newName} is a catalogue constant of another entry; choose another name.` };
  const changes: Record<string, TextEdit[]> = {};
  for (const use of uses.usesOfNamed(target!.named!)) {
    (changes[use.uri] ??= []).push({ range: uses.location(use).range, newText: newName });
  }
  return { changes };
}
