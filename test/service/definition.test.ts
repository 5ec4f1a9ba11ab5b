/**
 * Go to definition through the CaplLanguageService facade: the cursor `|` on a name, the
 * expected target as [uri, the declared name's range marked with ⟦ ⟧ in the target file].
 */
import { strict as assert } from 'node:assert';
import { renderConstantsFile } from '../../server/src/service/constantsFile';
import { CONSTANTS_URI, documentAt, EV_URI, languageService, markedDocument, rangeOf, synced } from './helpers';

const UTIL_URI = 'file:///c%3A/proj/Common/Util.cin';
const RX = 'SCC_MessageRxInd(byte SessionID[], dword MessageID)';

/** The definition at the cursor of `input` (in EV_URI) with `files` indexed; `target` marks the expected range in its file. */
function check(input: string, files: { uri: string; text: string }[], target?: { uri: string; marked: string }): void {
  const { document, position } = documentAt(input);
  const service = synced(languageService({}, files), document);
  const locations = service.findDefinition(document, position);
  if (!target) {
    assert.deepEqual(locations, []);
    return;
  }
  const marked = markedDocument(target.marked, target.uri);
  assert.equal(marked.spans.length, 1);
  assert.deepEqual(locations, [{ uri: target.uri, range: rangeOf(marked.document, marked.spans[0]) }]);
}

describe('definition', () => {
  const constantsText = renderConstantsFile();
  const constantsMarked = constantsText.replace('const dword SCC_SERVICE_DISCOVERY_RES', 'const dword ⟦SCC_SERVICE_DISCOVERY_RES⟧');

  it('a catalogue constant declared in the included constants file', () => {
    check(
      `includes\r\n{\r\n  #include "..\\Common\\SmartChargingMessageIds.cin"\r\n}\r\n${RX} { if (MessageID == SCC_SERVICE_|DISCOVERY_RES) return; }`,
      [{ uri: CONSTANTS_URI, text: constantsText }],
      { uri: CONSTANTS_URI, marked: constantsMarked },
    );
  });

  it('a constant of an include, with forward slashes', () => {
    check(
      `includes\n{\n  #include "../Common/Util.cin"\n}\non start { x = MY_|LIMIT; }`,
      [{ uri: UTIL_URI, text: 'variables\n{\n  const int MY_LIMIT = 3;\n}\n' }],
      { uri: UTIL_URI, marked: 'variables\n{\n  const int ⟦MY_LIMIT⟧ = 3;\n}\n' },
    );
  });

  it('through an include of an include', () => {
    check(
      `includes\n{\n  #include "../Common/Util.cin"\n}\non start { x = SCC_SERVICE_DISCOVERY_RES|; }`,
      [{ uri: UTIL_URI, text: 'includes\n{\n  #include "SmartChargingMessageIds.cin"\n}\n' }, { uri: CONSTANTS_URI, text: constantsText }],
      { uri: CONSTANTS_URI, marked: constantsMarked },
    );
  });

  it('an enum member of an included file', () => {
    const util = 'variables\n{\n  enum Ids { ⟦SessionSetupReq⟧ = 5, SessionSetupRes = 6 };\n}\n';
    check(
      `includes\n{\n  #include "../Common/Util.cin"\n}\n${RX} { if (MessageID == |SessionSetupReq) return; }`,
      [{ uri: UTIL_URI, text: markedDocument(util).text }],
      { uri: UTIL_URI, marked: util },
    );
  });

  it('a global of the file itself', () => {
    const { document, position } = documentAt('variables\n{\n  dword gLastId;\n}\non start { if (gLast|Id == 8) return; }');
    const locations = synced(languageService(), document).findDefinition(document, position);
    const declared = document.getText().indexOf('gLastId');
    assert.deepEqual(locations, [{ uri: EV_URI, range: rangeOf(document, { start: declared, end: declared + 'gLastId'.length }) }]);
  });

  it('nothing for a constant of a file that is not included', () => {
    check(`${RX} { if (MessageID == SCC_SERVICE_|DISCOVERY_RES) return; }`, [{ uri: CONSTANTS_URI, text: constantsText }]);
  });

  it('nothing for an include that is not indexed', () => {
    check(`includes\n{\n  #include "Missing.cin"\n}\non start { x = MY_|LIMIT; }`, []);
  });

  it('nothing on a number, white space or an unknown name', () => {
    check('on start { x = 1|00; }', []);
    check('on start { x = | 100; }', []);
    check('on start { x = unkn|own; }', []);
  });

  it('include cycles are harmless', () => {
    check(
      `includes\n{\n  #include "../Common/Util.cin"\n}\non start { x = NOWHERE|; }`,
      [{ uri: UTIL_URI, text: 'includes\n{\n  #include "../EV/Node.can"\n}\n' }],
    );
  });
});
