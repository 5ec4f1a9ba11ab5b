import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { detached } from '../../server/src/service/analysis/detached';
import { createLanguageService } from '../../server/src/service/languageService';
import { LineIndex } from '../../server/src/service/text/lineIndex';
import { fcParams } from '../fuzz/support';
import { CONSTANTS_URI } from './helpers';
import { renderConstantsFile } from '../../server/src/service/constantsFile';

const NODE = 'file:///c%3A/proj/EV/Node.can';
const HELPER = 'file:///c%3A/proj/Common/Helper.cin';

/** Files whose diagnostics come from every source: IDs, an enum mirror, duplicate constants (in the file and in an include), annotations. */
const FILES: Record<string, string> = {
  [HELPER]: [
    '/*@!Encoding:1252*/',
    'includes { #include "SmartChargingMessageIds.cin" }',
    'variables { dword gLastRxId; const dword kGuardTimeoutInMilliseconds = 5000; }',
    'void StartGuard(dword messageIdOfTheGuard, dword t)',
    '{',
    '  EVSE.SetMessageTimeout.Call(messageIdOfTheGuard, t);',
    '}',
    '',
  ].join('\r\n'),
  [NODE]: [
    'includes { #include "..\\Common\\Helper.cin" }',
    'variables',
    '{',
    '  const dword SCC_SESSION_SETUP_REQ = 7; // capl-ids: table ccs',
    '  const dword kLocalConstantWithALongName = 1;',
    '  const dword kLocalConstantWithALongName = 2;',
    '  enum ModelingIds { SupportedAppProtocolReq = 3, SupportedAppProtocolRes = 4, SessionSetupReq = 5, SessionSetupRes = 7 };',
    '}',
    'void SCC_MessageRxInd(byte s[], dword MessageID)',
    '{',
    '  if (MessageID == 231) write("x"); // capl-ids-disable-line magic-number',
    '  switch (MessageID) { case 8: break; case 99: break; }',
    '  gLastRxId = MessageID;',
    '  StartGuard(215, 3000);\r  StartGuard(12, 1);\n  // capl-ids: nonsense',
    '}',
    '',
  ].join('\r\n'),
  [CONSTANTS_URI]: renderConstantsFile(),
};

describe('an index that keeps no texts of the files read from disk (check): the same answers from summaries and line starts', () => {
  it('the diagnostics of every file, by URI, are those of the documents', () => {
    const keeping = createLanguageService();
    const reading = createLanguageService({ files: { keepsFileAnalyses: false, keepsFileTexts: false } });
    for (const [uri, text] of Object.entries(FILES)) {
      keeping.updateFile(uri, text);
      reading.updateFile(uri, text);
      reading.prepareDocument(uri);
      assert.equal(reading.index.text(uri), undefined, 'the text is let go once the file is summarised');
    }
    for (const [uri, text] of Object.entries(FILES)) {
      const expected = keeping.doValidation(TextDocument.create(uri, 'capl', 0, text));
      assert.deepStrictEqual(reading.fileDiagnostics(uri), expected, uri);
    }
    const codes = new Set(Object.keys(FILES).flatMap((uri) => reading.fileDiagnostics(uri).map((diagnostic) => diagnostic.code)));
    for (const code of ['unknown-id', 'magic-number', 'duplicate-constant', 'enum-mismatch', 'invalid-annotation']) assert.ok(codes.has(code), `the files report ${code}`);
  });

  it('what needs the text again says so, instead of answering from nothing', () => {
    const reading = createLanguageService({ files: { keepsFileTexts: false } });
    reading.updateFile(NODE, FILES[NODE]);
    reading.prepareDocument(NODE);
    assert.throws(() => reading.index.parsed(NODE), /its text was not kept/);
  });
});

describe('LineIndex: positions as TextDocument gives them, for offsets not between a CR and its LF', () => {
  it('any mix of LF, CRLF and lone CR', () => {
    const text = fc.array(fc.constantFrom('a', 'bc', '\n', '\r\n', '\r', ' '), { maxLength: 40 }).map((parts) => parts.join(''));
    fc.assert(fc.property(text, (text) => {
      const lines = new LineIndex(text);
      const document = TextDocument.create('file:///x.can', 'capl', 0, text);
      assert.equal(lines.lineCount, document.lineCount);
      for (let offset = 0; offset <= text.length; offset++) {
        if (text[offset - 1] === '\r' && text[offset] === '\n') continue;
        assert.deepStrictEqual(lines.positionAt(offset), document.positionAt(offset), `offset ${offset} of ${JSON.stringify(text)}`);
      }
    }), fcParams(300));
  });
});

describe('detached', () => {
  it('the same characters, from slices and concatenations of any length (any UTF-16, lone surrogates too)', () => {
    fc.assert(fc.property(fc.string({ unit: 'binary', maxLength: 60 }), fc.nat(), fc.nat(), (text, a, b) => {
      const start = a % (text.length + 1);
      const sliced = text.slice(start, start + (b % 40));
      assert.equal(detached(sliced), sliced);
      assert.equal(detached(`${sliced}::${text}`), `${sliced}::${text}`);
    }), fcParams(300));
  });

  it('keeps any text as it is: a leading U+FEFF, lone surrogates, NUL, long texts', () => {
    const long = 'Ä€x'.repeat(3000);
    for (const text of ['\uFEFFgTargetVoltage1', 'gTarget\uD800Voltage', 'gTargetVoltage\uDC00', 'g\u0000TargetVoltage', `x${long}`, `@sysvar::Stäti€n::${long}`.slice(0, 4096)]) {
      assert.equal(detached(`${text} `.slice(0, -1)), text);
    }
  });
});
