/**
 * Code actions through the CaplLanguageService facade: quick fixes for the diagnostics at a
 * `|` cursor, applied with TextDocument.applyEdits, and source.fixAll.capl-ids.
 */
import { strict as assert } from 'node:assert';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { CodeActionKind, type CodeAction, type Diagnostic, type TextEdit } from 'vscode-languageserver-types';
import { renderConstantsFile } from '../../server/src/service/constantsFile';
import { GENERATE_CONSTANTS_COMMAND } from '../../shared/protocol';
import { FIX_ALL_KIND } from '../../server/src/service/features/codeActions';
import type { CaplLanguageService } from '../../server/src/service/languageService';
import { applyEdits, CONSTANTS_URI, documentAt, EV_URI, languageService, synced } from './helpers';

const RX = 'SCC_MessageRxInd(byte SessionID[], dword MessageID)';
const CONSTANTS_FILE = { uri: CONSTANTS_URI, text: renderConstantsFile() };

interface Fix {
  readonly title: string;
  readonly preferred: boolean;
  /** The document after applying the action's edits. */
  readonly result: string;
}

/** The quick fixes offered for the diagnostics under the cursor, applied one by one. */
function quickFixes(input: string, files: { uri: string; text: string }[] = []): Fix[] {
  const { document, position } = documentAt(input);
  const service = synced(languageService({}, files), document);
  const at = (d: Diagnostic) => comparePositions(d.range.start, position) <= 0 && comparePositions(position, d.range.end) <= 0;
  const diagnostics = service.doValidation(document).filter(at);
  const actions = service.getCodeActions(document, { diagnostics, only: [CodeActionKind.QuickFix] });
  for (const action of actions) {
    assert.equal(action.kind, CodeActionKind.QuickFix);
    assert.equal(action.diagnostics?.length, 1, 'each fix carries its diagnostic');
    assert.ok(diagnostics.includes(action.diagnostics[0]));
  }
  return actions.map((action) => ({ title: action.title, preferred: action.isPreferred === true, result: apply(document, action) }));
}

function comparePositions(a: { line: number; character: number }, b: { line: number; character: number }): number {
  return a.line - b.line || a.character - b.character;
}

function apply(document: TextDocument, action: CodeAction): string {
  const changes = action.edit?.changes ?? {};
  assert.deepEqual(Object.keys(changes), [document.uri], 'edits only the document itself');
  return applyEdits(document, changes[document.uri] as TextEdit[]);
}

/** Runs source.fixAll.capl-ids on `text`: the new text, or undefined when no action is offered. */
function fixAll(service: CaplLanguageService, text: string, version: number): string | undefined {
  const document = TextDocument.create(EV_URI, 'capl', version, text);
  service.updateDocument(document);
  const actions = service.getCodeActions(document, { diagnostics: [], only: [FIX_ALL_KIND] });
  if (actions.length === 0) return undefined;
  assert.equal(actions.length, 1);
  assert.equal(actions[0].kind, 'source.fixAll.capl-ids');
  assert.equal(actions[0].title, 'Fix all CAPL ID problems');
  return apply(document, actions[0]);
}

describe('code actions', () => {
  describe('quick fixes', () => {
    it('replaces a magic number with its constant and declares the constant (preferred)', () => {
      assert.deepEqual(quickFixes(`${RX}\r\n{\r\n  if (MessageID == 8|)\r\n    return;\r\n}\r\n`), [{
        title: 'Replace 8 with SCC_SERVICE_DISCOVERY_RES',
        preferred: true,
        result: `variables\r\n{\r\n  const dword SCC_SERVICE_DISCOVERY_RES = 8;\r\n}\r\n\r\n${RX}\r\n{\r\n  if (MessageID == SCC_SERVICE_DISCOVERY_RES)\r\n    return;\r\n}\r\n`,
      }]);
    });

    it('a hex magic number', () => {
      assert.deepEqual(quickFixes('variables\n{\n  int x;\n}\non start { EVSE.SetMessageTimeout(0x|E3, 1000); }\n'), [{
        title: 'Replace 0xE3 with CCS_ISO2_DC_CABLE_CHECK_RES',
        preferred: true,
        result: 'variables\n{\n  const dword CCS_ISO2_DC_CABLE_CHECK_RES = 227;\n  int x;\n}\non start { EVSE.SetMessageTimeout(CCS_ISO2_DC_CABLE_CHECK_RES, 1000); }\n',
      }]);
    });

    it('includes the generated constants file instead when the workspace has one', () => {
      assert.deepEqual(quickFixes(`/*@!Encoding:1252*/\r\n${RX}\r\n{\r\n  if (MessageID == |8) return;\r\n}\r\n`, [CONSTANTS_FILE]), [{
        title: 'Replace 8 with SCC_SERVICE_DISCOVERY_RES',
        preferred: true,
        result: `/*@!Encoding:1252*/\r\nincludes\r\n{\r\n  #include "..\\Common\\SmartChargingMessageIds.cin"\r\n}\r\n\r\n${RX}\r\n{\r\n  if (MessageID == SCC_SERVICE_DISCOVERY_RES) return;\r\n}\r\n`,
      }]);
    });

    it('only replaces when the constant is already visible', () => {
      assert.deepEqual(quickFixes(`includes\n{\n  #include "../Common/SmartChargingMessageIds.cin"\n}\n${RX} { if (MessageID == 8|) return; }`, [CONSTANTS_FILE]), [{
        title: 'Replace 8 with SCC_SERVICE_DISCOVERY_RES',
        preferred: true,
        result: `includes\n{\n  #include "../Common/SmartChargingMessageIds.cin"\n}\n${RX} { if (MessageID == SCC_SERVICE_DISCOVERY_RES) return; }`,
      }]);
    });

    it('one fix per candidate when ambiguous, none preferred', () => {
      assert.deepEqual(quickFixes('on start { Station.SetMessageTimeout(1|00, 1000); }'), [
        {
          title: 'Replace 100 with CCS_DIN_70121_SESSION_SETUP_REQ',
          preferred: false,
          result: 'variables\r\n{\r\n  const dword CCS_DIN_70121_SESSION_SETUP_REQ = 100;\r\n}\r\n\r\non start { Station.SetMessageTimeout(CCS_DIN_70121_SESSION_SETUP_REQ, 1000); }',
        },
        {
          title: 'Replace 100 with OCPP_AUTHORIZE_REQUEST_16',
          preferred: false,
          result: 'variables\r\n{\r\n  const dword OCPP_AUTHORIZE_REQUEST_16 = 100;\r\n}\r\n\r\non start { Station.SetMessageTimeout(OCPP_AUTHORIZE_REQUEST_16, 1000); }',
        },
      ]);
    });

    it('fixes an enum value that disagrees with the table it mirrors', () => {
      assert.deepEqual(quickFixes('enum Ids { SessionSetupReq = |6, SessionSetupRes = 6 };'), [{
        title: 'Change SessionSetupReq to 5 (SessionSetup Req)',
        preferred: true,
        result: 'enum Ids { SessionSetupReq = 5, SessionSetupRes = 6 };',
      }]);
    });

    it('a wrong-table ID: the same message (name and kind) in the expected table, not preferred (it changes the number)', () => {
      assert.deepEqual(quickFixes(`${RX} { if (MessageID == 22|7) return; }`), [{
        title: 'Replace 227 with SCC_CABLE_CHECK_RES = 26 (CableCheck Res in Modeling Libraries)',
        preferred: false,
        result: `variables\r\n{\r\n  const dword SCC_CABLE_CHECK_RES = 26;\r\n}\r\n\r\n${RX} { if (MessageID == SCC_CABLE_CHECK_RES) return; }`,
      }]);
    });

    it('a wrong-table ID whose message the expected table has in several groups: one fix per candidate', () => {
      assert.deepEqual(quickFixes('on start { EVSE.SetMessageTimeout(2|6, 1000); }').map(({ title, preferred }) => ({ title, preferred })), [
        { title: 'Replace 26 with CCS_DIN_70121_CABLE_CHECK_RES = 115 (CableCheck Res in CCS-Binding › DIN 70121)', preferred: false },
        { title: 'Replace 26 with CCS_ISO2_DC_CABLE_CHECK_RES = 227 (CableCheck Res in CCS-Binding › ISO2 DC)', preferred: false },
      ]);
    });

    it('a wrong-table ID of a SLAC message: modeling CmAmpMap Cnf (122) is the CCS CM_AMP_MAP Cnf', () => {
      assert.deepEqual(quickFixes('on start { EVSE.SetMessageTimeout(0x7|A, 1000); }').map((fix) => fix.title), [
        'Replace 0x7A with CCS_SLAC_CM_AMP_MAP_CNF = 15 (CM_AMP_MAP Cnf in CCS-Binding › SLAC)',
      ]);
    });

    it('no fix for a wrong-table ID whose message the expected table lacks, nor for an unknown ID', () => {
      assert.deepEqual(quickFixes(`${RX} { if (MessageID == 150|0) return; }`), []);
      assert.deepEqual(quickFixes(`${RX} { if (MessageID == 99|9) return; }`), []);
    });

    it('no fix for an invalid annotation', () => {
      assert.deepEqual(quickFixes('// capl-ids: table f|oo\non start { }'), []);
    });

    it('ignores diagnostics of other sources', () => {
      const { document } = documentAt(`${RX} { if (MessageID == 8|) return; }`);
      const service = synced(languageService(), document);
      const [ours] = service.doValidation(document);
      const foreign: Diagnostic = { ...ours, source: 'capl-compiler' };
      assert.deepEqual(service.getCodeActions(document, { diagnostics: [foreign], only: [CodeActionKind.QuickFix] }), []);
    });

    it('several diagnostics: one action each, in order', () => {
      const { document } = documentAt(`${RX} { if (MessageID == 8 || MessageID == 5) return; }|`);
      const service = synced(languageService(), document);
      const diagnostics = service.doValidation(document);
      const actions = service.getCodeActions(document, { diagnostics, only: [CodeActionKind.QuickFix] });
      assert.deepEqual(actions.map((a) => a.title), ['Replace 8 with SCC_SERVICE_DISCOVERY_RES', 'Replace 5 with SCC_SESSION_SETUP_REQ']);
    });
  });

  describe('a diagnostic of an older version of the document', () => {
    const SOURCE = `${RX} { if (MessageID == 8) return; }`;
    const fixesFor = (service: CaplLanguageService, diagnostic: Diagnostic, text: string) => {
      const document = TextDocument.create(EV_URI, 'capl', 2, text);
      return synced(service, document).getCodeActions(document, { diagnostics: [diagnostic], only: [CodeActionKind.QuickFix] }).map((a) => a.title);
    };
    const diagnosed = () => {
      const document = TextDocument.create(EV_URI, 'capl', 1, SOURCE);
      const service = synced(languageService(), document);
      const [diagnostic] = service.doValidation(document);
      assert.equal(diagnostic.code, 'magic-number');
      return { service, diagnostic };
    };

    it('still gets its fix while the analysis reports the same problem there', () => {
      const { service, diagnostic } = diagnosed();
      assert.deepEqual(fixesFor(service, diagnostic, `${SOURCE}\n// a comment added below`), ['Replace 8 with SCC_SERVICE_DISCOVERY_RES']);
    });

    it('gets none when its range now holds another literal', () => {
      const { service, diagnostic } = diagnosed();
      assert.deepEqual(fixesFor(service, diagnostic, SOURCE.replace('== 8', '== 5')), []);
    });

    it('gets none when the text before it moved', () => {
      const { service, diagnostic } = diagnosed();
      assert.deepEqual(fixesFor(service, diagnostic, SOURCE.replace('if (', 'if (0x08 + ')), []);
    });

    it('gets none when the problem is silenced now', () => {
      const { service, diagnostic } = diagnosed();
      assert.deepEqual(fixesFor(service, diagnostic, `${SOURCE} // capl-ids-disable-line`), []);
    });

    it('gets none for a code other than the one reported there', () => {
      const { service, diagnostic } = diagnosed();
      assert.deepEqual(fixesFor(service, { ...diagnostic, code: 'ambiguous-id' }, SOURCE), []);
    });
  });

  describe('which kinds are offered', () => {
    const SOURCE = `${RX} { if (MessageID == 8) return; }`;
    const kinds = (only?: string[]) => {
      const document = TextDocument.create(EV_URI, 'capl', 1, SOURCE);
      const service = synced(languageService(), document);
      return service.getCodeActions(document, { diagnostics: service.doValidation(document), only }).map((a) => a.kind);
    };
    it('without only: quick fixes (fix-all reads the whole file, so only when asked for)', () => assert.deepEqual(kinds(), ['quickfix']));
    it('only quickfix', () => assert.deepEqual(kinds(['quickfix']), ['quickfix']));
    it('only source.fixAll', () => assert.deepEqual(kinds(['source.fixAll']), ['source.fixAll.capl-ids']));
    it('only source: fix-all and the constants file generator', () => assert.deepEqual(kinds(['source']), ['source.fixAll.capl-ids', 'source.generateConstants']));
    it('only refactor: nothing', () => assert.deepEqual(kinds(['refactor']), []));

    it('the generator is a command with the document URI', () => {
      const document = TextDocument.create(EV_URI, 'capl', 1, SOURCE);
      const service = synced(languageService(), document);
      const [generate] = service.getCodeActions(document, { diagnostics: [], only: ['source.generateConstants'] });
      assert.deepEqual(generate.command, { title: 'Generate the CAPL ID constants include file', command: GENERATE_CONSTANTS_COMMAND, arguments: [EV_URI] });
    });
  });

  describe('source.fixAll.capl-ids', () => {
    const BEFORE = [
      '/*@!Encoding:1252*/',
      'variables',
      '{',
      '  enum Ids { SessionSetupReq = 6, SessionSetupRes = 6 };',
      '}',
      '',
      RX,
      '{',
      '  if (MessageID == 8 || MessageID == 0x1F) return;',
      '  if (MessageID == 227) return;',
      '  switch (MessageID) { case 8: break; }',
      '}',
      '',
      'on start { Station.SetMessageTimeout(100, 1000); }',
      '',
    ].join('\r\n');
    const AFTER = [
      '/*@!Encoding:1252*/',
      'variables',
      '{',
      '  const dword SCC_SERVICE_DISCOVERY_RES = 8;',
      '  const dword SCC_WELDING_DETECTION_REQ = 31;',
      '  enum Ids { SessionSetupReq = 5, SessionSetupRes = 6 };',
      '}',
      '',
      RX,
      '{',
      '  if (MessageID == SCC_SERVICE_DISCOVERY_RES || MessageID == SCC_WELDING_DETECTION_REQ) return;',
      '  if (MessageID == 227) return;',
      '  switch (MessageID) { case SCC_SERVICE_DISCOVERY_RES: break; }',
      '}',
      '',
      'on start { Station.SetMessageTimeout(100, 1000); }',
      '',
    ].join('\r\n');

    it('applies every preferred fix and declares each constant once', () => {
      assert.equal(fixAll(languageService(), BEFORE, 1), AFTER);
    });

    it('running it twice changes nothing the second time', () => {
      const service = languageService();
      const once = fixAll(service, BEFORE, 1)!;
      const twice = fixAll(service, once, 2);
      assert.equal(twice ?? once, once);
    });

    it('with the constants file: one include for all fixes, then nothing more', () => {
      const service = languageService({}, [CONSTANTS_FILE]);
      const once = fixAll(service, `${RX}\n{\n  if (MessageID == 8 || MessageID == 5) return;\n}\n`, 1)!;
      assert.equal(once, `includes\n{\n  #include "..\\Common\\SmartChargingMessageIds.cin"\n}\n\n${RX}\n{\n  if (MessageID == SCC_SERVICE_DISCOVERY_RES || MessageID == SCC_SESSION_SETUP_REQ) return;\n}\n`);
      assert.equal(fixAll(service, once, 2) ?? once, once);
    });

    it('offers nothing when nothing has a preferred fix', () => {
      assert.equal(fixAll(languageService(), `${RX} { if (MessageID == 227) return; } on start { Station.SetMessageTimeout(100, 1); }`, 1), undefined);
    });

    it('respects silenced lines', () => {
      const source = `${RX}\n{\n  if (MessageID == 8) return; // capl-ids-disable-line\n  if (MessageID == 5) return;\n}\n`;
      assert.equal(fixAll(languageService(), source, 1),
        `variables\n{\n  const dword SCC_SESSION_SETUP_REQ = 5;\n}\n\n${RX}\n{\n  if (MessageID == 8) return; // capl-ids-disable-line\n  if (MessageID == SCC_SESSION_SETUP_REQ) return;\n}\n`);
    });
  });
});
