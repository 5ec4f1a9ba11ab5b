import type { Location, Position } from 'vscode-languageserver-types';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { LineIndex } from '../text/lineIndex';
import type { WorkspaceIndex } from '../workspace/workspaceIndex';
import { wordAt } from './positions';

/** Go to the declaration of a constant, global or enum member, in the file or what it includes. */
export function findDefinition(document: TextDocument, position: Position, index: WorkspaceIndex): Location[] {
  const text = document.getText();
  const word = wordAt(text, document.offsetAt(position));
  if (!word) return [];
  const declaration = index.findDeclaration(document.uri, text.slice(word.start, word.end));
  if (!declaration) return [];
  const target = index.text(declaration.uri);
  if (target === undefined) return [];
  const lines = new LineIndex(target);
  return [{ uri: declaration.uri, range: { start: lines.positionAt(declaration.span.start), end: lines.positionAt(declaration.span.end) } }];
}
