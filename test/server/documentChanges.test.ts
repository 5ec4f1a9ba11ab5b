import * as assert from 'node:assert/strict';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { TextDocumentContentChangeEvent } from 'vscode-languageserver';
import { changedRange } from '../../server/src/documentChanges';

const TEXT = 'on start\r\n{\r\n  write("a");\r\n}\r\n';
const at = (line: number, character: number) => ({ line, character });

describe('changedRange (server/src/documentChanges.ts): what an editor\'s changes did, in offsets', () => {
  const cases: [string, TextDocumentContentChangeEvent[], [number, number, number] | undefined][] = [
    ['one character typed', [{ range: { start: at(2, 9), end: at(2, 9) }, text: 'b' }], [22, 22, 23]],
    ['a selection replaced', [{ range: { start: at(2, 2), end: at(2, 7) }, text: 'print' }], [15, 20, 20]],
    ['a range given end first', [{ range: { start: at(2, 7), end: at(2, 2) }, text: '' }], [15, 20, 15]],
    ['a line break typed', [{ range: { start: at(1, 1), end: at(1, 1) }, text: '\r\n' }], [11, 11, 13]],
    ['two changes, the second in the text the first left', [
      { range: { start: at(0, 0), end: at(0, 0) }, text: '// x\r\n' },
      { range: { start: at(3, 9), end: at(3, 10) }, text: 'bc' },
    ], [0, 23, 30]],
    ['a change after a whole-text one', [{ text: 'on key "a" { }' }, { range: { start: at(0, 0), end: at(0, 0) }, text: 'x' }], undefined],
  ];
  for (const [name, changes, expected] of cases) {
    it(`${name}: the document as TextDocument.update leaves it${expected ? ', and a range outside which nothing changed' : ', and no range'}`, () => {
      const document = TextDocument.create('file:///a.can', 'capl', 1, TEXT);
      const changed = changedRange(document, changes, 2);
      const expectedDocument = TextDocument.update(TextDocument.create('file:///a.can', 'capl', 1, TEXT), changes, 2);
      assert.equal(document.getText(), expectedDocument.getText());
      assert.equal(document.version, 2);
      assert.deepEqual(changed && [changed.start, changed.oldEnd, changed.newEnd], expected);
      if (changed) {
        assert.equal(document.getText().slice(0, changed.start), TEXT.slice(0, changed.start));
        assert.equal(document.getText().slice(changed.newEnd), TEXT.slice(changed.oldEnd));
      }
    });
  }
});
