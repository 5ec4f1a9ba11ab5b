/**
 * The workspace inference (docs/context-rules.md, "How IDs flow"): one case per kind of
 * link, in both directions, and the joins across files. Cases are written as in
 * context.test.ts: the literals between ⟦ ⟧ are exactly the IDs.
 */
import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { analyzeFiles } from '../../server/src/service/analysis/analyzeFile';
import { summarizeFile } from '../../server/src/service/analysis/summarize';
import { DEFAULT_SETTINGS } from '../../server/src/service/settings';
import { checkFiles, checkIds, idCases, LATEST_RX, RX } from './helpers';

const cases = idCases;

const M5 = 'modeling:SCC_SESSION_SETUP_REQ';
const M7 = 'modeling:SCC_SERVICE_DISCOVERY_REQ';
const M8 = 'modeling:SCC_SERVICE_DISCOVERY_RES';
const M26 = 'modeling:SCC_CABLE_CHECK_RES';
const C213 = 'ccs:CCS_ISO2_CM_CHARGE_PARAMETER_DISCOVERY_RES';
const C215 = 'ccs:CCS_ISO2_CM_POWER_DELIVERY_RES';

describe('inference: links join carriers in both directions', () => {
  describe('assignment and initialisation', () => {
    cases([
      ['an ID flows into a variable: literals assigned to it are IDs', `variables { dword gId; } ${RX} { gId = MessageID; } on start { gId = ⟦5⟧; }`, [M5]],
      ['a variable flows into an ID position: its initialiser is an ID', 'on start { dword x = ⟦215⟧; dword y; y = x; EVSE.SetMessageTimeout(y, 100); }', [C215]],
      ['a cast keeps the link', `${RX} { long id; id = (long) MessageID; if (id == ⟦5⟧) return; }`, [M5]],
      ['a cast literal is a literal', `${RX} { if (MessageID == (dword)⟦5⟧) return; } on start { EVSE.SetMessageTimeout((dword) ⟦215⟧, 100); }`, [M5, C215]],
      ['the branches of a conditional flow into the variable, its condition does not',
        `variables { dword gExpected; int gIsDin = 1; } ${RX} { if (MessageID == gExpected) return; } on start { gExpected = gIsDin ? ⟦5⟧ : ⟦7⟧; if (gIsDin == 1) return; }`, [M5, M7]],
      ['nested conditionals, a conditional argument and a conditional returned',
        'variables { int gDin; } dword Next() { return gDin == 1 ? (⟦215⟧) : ⟦217⟧; } on start { dword x = gDin ? ⟦213⟧ : gDin > 2 ? ⟦215⟧ : Next(); EVSE.SetMessageTimeout(x, 100); EVSE.SetMessageTimeout(gDin ? ⟦227⟧ : ⟦229⟧, 100); EVSE.SetMessageTimeout(Next(), gDin ? 100 : 200); }',
        [C215, 'ccs:CCS_ISO2_CM_METERING_RECEIPT_RES', C213, C215, 'ccs:CCS_ISO2_DC_CABLE_CHECK_RES', 'ccs:CCS_ISO2_DC_PRE_CHARGE_RES']],
    ]);
  });

  describe('comparison of two names', () => {
    cases([
      ['a const compared with a received ID is a carrier: its initialiser is an ID', `variables { const dword kCableCheck = ⟦26⟧; } ${RX} { if (MessageID == kCableCheck) return; }`, [M26]],
      ['the other way round', `variables { const dword kCableCheck = ⟦26⟧; } ${RX} { if (kCableCheck != MessageID) return; }`, [M26]],
      ['a local compared with a received ID', `on start { dword pending = ⟦213⟧; if (${LATEST_RX} == pending) return; }`, [C213]],
      ['relational comparisons join nothing', `on start { dword limit = 213; if (${LATEST_RX} < limit) return; }`, []],
    ]);
  });

  describe('switch and case', () => {
    cases([
      ['a case label naming a constant joins it to the switched ID', `variables { const dword kRes = ⟦8⟧; } ${RX} { switch (MessageID) { case kRes: break; } }`, [M8]],
      ['parenthesised case labels are case labels', `${RX} { switch (MessageID) { case (⟦5⟧): break; case((⟦8⟧)): break; } }`, [M5, M8]],
      ['a case label in a nested switch on something else is not', `${RX} { switch (MessageID) { case ⟦5⟧: switch (n) { case 8: break; } break; } }`, [M5]],
    ]);
  });

  describe('arguments and parameters', () => {
    cases([
      ['a helper forwarding its parameter to SetMessageTimeout makes its callers\' literals IDs',
        'void StartGuard(dword m, dword t) { EVSE.SetMessageTimeout(m, t); } on start { StartGuard(⟦215⟧, 3000); }', [C215]],
      ['a parameter compared with IDs makes the arguments IDs', 'void Expect(dword m) { if (m == $EVSE.OnLastReceivedMessageIdChanged.LatestCall.lastRxMessageId) return; } on start { Expect(⟦213⟧); }', [C213]],
      ['a built-in called with IDs and other numbers joins nothing', `${RX} { write("%d", MessageID); } on start { write("%d", 5); setTimer(t, 5); }`, []],
    ]);
  });

  describe('return values', () => {
    cases([
      ['a function returning an ID: its result compared with a literal', `dword LastId() { return ${LATEST_RX}; } on start { if (LastId() == ⟦213⟧) return; }`, [C213]],
      ['a literal returned where the result is an ID', 'dword DefaultId() { return ⟦215⟧; } on start { EVSE.SetMessageTimeout(DefaultId(), 100); }', [C215]],
    ]);
  });

  describe('arrays', () => {
    cases([
      ['a lookup array whose elements are compared with IDs holds IDs', `variables { dword gIds[3] = { ⟦5⟧, ⟦7⟧, ⟦8⟧ }; } ${RX} { int i; for (i = 0; i < 3; i++) if (MessageID == gIds[i]) return; }`, [M5, M7, M8]],
      ['a table indexed with a constant column: only that column', `variables { dword gTable[2][2] = { {⟦5⟧, 1000}, {⟦7⟧, 2000} }; } ${RX} { int i; if (MessageID == gTable[i][0]) setTimer(t, gTable[i][1]); }`, [M5, M7]],
      ['an element assigned from an ID', `variables { dword gSeen[10]; } ${RX} { gSeen[0] = MessageID; } on start { gSeen[1] = ⟦8⟧; }`, [M8]],
    ]);
  });

  describe('struct members', () => {
    const GUARD = 'struct Guard { dword id; dword timeout; };';
    cases([
      ['a member that flows into SetMessageTimeout: the struct\'s initialiser fills it by position',
        `variables { ${GUARD} struct Guard gGuard = { ⟦215⟧, 3000 }; } on start { EVSE.SetMessageTimeout(gGuard.id, gGuard.timeout); }`, [C215]],
      ['an array of structs: that member of every row',
        `variables { ${GUARD} struct Guard gGuards[2] = { { ⟦213⟧, 2000 }, { ⟦215⟧, 3000 } }; } on start { int i; for (i = 0; i < 2; i++) EVSE.SetMessageTimeout(gGuards[i].id, gGuards[i].timeout); }`, [C213, C215]],
      ['a member assigned from an ID: literals assigned to that member are IDs, not those of its others',
        `variables { ${GUARD} struct Guard gGuard; } ${RX} { gGuard.id = MessageID; } on start { gGuard.id = ⟦5⟧; gGuard.timeout = 5000; }`, [M5]],
      ['a member compared with a received ID, on either side',
        `variables { struct Expect { dword msg; int count; }; struct Expect gExpect = { ⟦8⟧, 3 }; } ${RX} { if (gExpect.msg != MessageID) return; if (MessageID == gExpect.msg) return; }`, [M8]],
      ['the same member of another variable is another carrier',
        `variables { ${GUARD} struct Guard gA, gB; } on start { EVSE.SetMessageTimeout(gA.id, 100); gA.id = ⟦215⟧; gB.id = 215; }`, [C215]],
      ['a member of a member, and a local struct',
        `variables { struct Inner { dword id; }; struct Outer { int n; struct Inner inner; }; } on start { struct Outer o = { 3, { 5 } }; EVSE.SetMessageTimeout(o.inner.id, 100); o.inner.id = ⟦215⟧; o.n = 2; }`, [C215]],
      ['an array member of a struct: its elements', `variables { struct Watch { dword ids[2]; int n; }; struct Watch gWatch; } ${RX} { if (MessageID == gWatch.ids[0]) return; } on start { gWatch.ids[1] = ⟦7⟧; gWatch.n = 2; }`, [M7]],
      ['the members of this, the message of an on message procedure, join nothing',
        `on message CAN1.Msg { if (this.dlc == ${LATEST_RX}) return; if (this.dlc == 8) return; }`, []],
      ['a method\'s result is no member', `${RX} { if (MessageID == gQueue.Peek(1)) return; }`, []],
    ]);

    it('a struct declared in another file: its members still flow, a positional initialiser is not read', () => {
      checkFiles([
        { path: 'file:///c%3A/proj/Types.cin', source: `variables { ${GUARD} }`, expected: [] },
        {
          path: 'file:///c%3A/proj/Node.can',
          source: `includes\n{\n  #include "Types.cin"\n}\nvariables { struct Guard gGuard = { 213, 3000 }; }\non start { EVSE.SetMessageTimeout(gGuard.id, gGuard.timeout); gGuard.id = ⟦217⟧; }`,
          expected: ['ccs:CCS_ISO2_CM_METERING_RECEIPT_RES'],
        },
      ]);
    });

    it('a call through members (`EVSE.SetMessageTimeout.Call(…)` as an operand) makes no carrier of the object or its members', () => {
      const summary = summarizeFile({ text: 'on start { long rc; rc = EVSE.SetMessageTimeout.Call(231, 5000); }', path: 'file:///c%3A/proj/A.can' }, DEFAULT_SETTINGS);
      assert.deepEqual(summary.carriers.labels.filter((label) => label.startsWith('EVSE')), []);
    });

    it('a struct\'s members are no global variables', () => {
      checkFiles([
        { path: 'file:///c%3A/proj/Types.cin', source: 'variables { struct Rec { dword id; int n; }; } on start { id = 5; }', expected: [] },
        { path: 'file:///c%3A/proj/Node.can', source: `includes\n{\n  #include "Types.cin"\n}\n${RX} { if (MessageID == id) return; }`, expected: [] },
      ]);
    });

    it('a global struct of one file, its member used in another', () => {
      checkFiles([
        { path: 'file:///c%3A/proj/Ids.cin', source: `variables { ${GUARD} struct Guard gGuards[2] = { { ⟦213⟧, 2000 }, { ⟦215⟧, 3000 } }; }`, expected: [C213, C215] },
        { path: 'file:///c%3A/proj/Node.can', source: 'includes\n{\n  #include "Ids.cin"\n}\non start { EVSE.SetMessageTimeout(gGuards[1].id, gGuards[1].timeout); }', expected: [] },
      ]);
    });
  });

  describe('enum types', () => {
    cases([
      ['an enum whose member is compared with IDs: its members are IDs', `enum Expected { First = ⟦5⟧, Second = ⟦7⟧ }; ${RX} { if (MessageID == First) return; }`, [M5, M7]],
      ['an enum that only looks like a table is no mirror', 'enum MenuPage { Back = 0, PowerDelivery = 19, CableCheck = 25, Help = 40 };', []],
    ]);
  });

  describe('system variables', () => {
    it('written in one file, compared in another', () => {
      checkFiles([
        { path: 'file:///c%3A/proj/A.can', source: `${RX} { @sysvar::Test::Pending = MessageID; }`, expected: [] },
        { path: 'file:///c%3A/proj/B.can', source: 'on sysvar Test::Pending { if (@this == ⟦5⟧) return; }', expected: [M5] },
      ]);
    });

    it('a literal written to a system variable that is compared with IDs elsewhere is an ID', () => {
      checkFiles([
        { path: 'file:///c%3A/proj/A.can', source: 'on start { @sysvar::Test::Pending = ⟦8⟧; }', expected: [M8] },
        { path: 'file:///c%3A/proj/B.can', source: `${RX} { if (MessageID == @sysvar::Test::Pending) return; }`, expected: [] },
      ]);
    });

    it('written with sysSetVariableInt, read with sysGetVariableInt, named or as strings, and by @this', () => {
      checkFiles([
        { path: 'file:///c%3A/proj/A.can', source: `${RX} { sysSetVariableDWord(sysvar::Test::Pending, MessageID); SysSetVariableLongLong("Test", "Queued", MessageID); }`, expected: [] },
        {
          path: 'file:///c%3A/proj/B.can',
          source: 'on start { if (sysGetVariableInt(sysvar::Test::Pending) == ⟦5⟧) return; if (SysGetVariableInt("Test", "Queued") == ⟦7⟧) return; if (sysGetVariableInt(sysvar::Test::Other) == 8) return; }\non sysvar_update sysvar::Test::Queued { if (@this == ⟦8⟧) return; }',
          expected: [M5, M7, M8],
        },
      ]);
    });

    it('a literal written with sysSetVariableInt where the variable is compared with IDs elsewhere', () => {
      checkFiles([
        { path: 'file:///c%3A/proj/A.can', source: 'on start { sysSetVariableInt(sysvar::Test::Pending, ⟦8⟧); sysSetVariableInt("Test", "Pending", ⟦5⟧); sysSetVariableFloat(sysvar::Test::Pending, 7); }', expected: [M8, M5] },
        { path: 'file:///c%3A/proj/B.can', source: `${RX} { if (MessageID == @sysvar::Test::Pending) return; }`, expected: [] },
      ]);
    });

    it('the SCC library\'s LastMessageType carries modeling IDs (data/library-system-variables.json), cast to an enum as Vector\'s Monitor does', () => {
      checkIds('on sysvar SCC::Monitor::Common::LastMessageType { enum Ids state; state = (enum Ids) @this; if (@this == ⟦5⟧) return; switch (state) { case ⟦8⟧: break; } }', [M5, M8]);
    });
  });

  describe('across files', () => {
    it('a helper in an included file: every call site in every file', () => {
      checkFiles([
        { path: 'file:///c%3A/proj/Helpers.cin', source: 'void StartGuard(dword m, dword t) { EVSE.SetMessageTimeout(m, t); }', expected: [] },
        { path: 'file:///c%3A/proj/Node.can', source: 'includes\n{\n  #include "Helpers.cin"\n}\non start { StartGuard(⟦215⟧, 3000); }', expected: [C215] },
      ]);
    });

    it('a global of the including node, used in the included file', () => {
      checkFiles([
        { path: 'file:///c%3A/proj/Node.can', source: `includes\n{\n  #include "Common\\Check.cin"\n}\nvariables { dword gLast; }\n${RX} { gLast = MessageID; }`, expected: [] },
        { path: 'file:///c%3A/proj/Common/Check.cin', source: 'on key \'c\' { if (gLast == ⟦5⟧) return; }', expected: [M5] },
      ]);
    });

    it('two tables reaching one carrier: ambiguous between exactly those', () => {
      checkFiles([
        { path: 'file:///c%3A/proj/A.can', source: `${RX} { @sysvar::Test::Last = MessageID; }`, expected: [] },
        { path: 'file:///c%3A/proj/B.can', source: `on start { @sysvar::Test::Last = ${LATEST_RX}; }`, expected: [] },
        { path: 'file:///c%3A/proj/C.can', source: 'on sysvar Test::Last { if (@this == ⟦8⟧) return; }', expected: ['ccs:CCS_SLAC_CM_VALIDATE_REQ | modeling:SCC_SERVICE_DISCOVERY_RES'] },
      ]);
    });

    it('an enum left open (a file cut inside it, then whole again): each member value is one ID', () => {
      const whole = readFileSync(join(__dirname, '../../examples/EV/SccEvNode.can'), 'latin1');
      const cut = whole.indexOf('InvalidMessage = 0') + 'InvalidMessage = 0'.length;
      const [analysis] = analyzeFiles([{ path: 'file:///c%3A/proj/Cut.can', text: whole.slice(0, cut) + whole }], DEFAULT_SETTINGS);
      const starts = analysis.ids.map((id) => id.start);
      assert.deepEqual(starts.filter((start, i) => starts.indexOf(start) !== i), []);
    });

    it('the result does not depend on the order of the files', () => {
      const files = [
        { path: 'file:///c%3A/proj/A.can', text: `${RX} { @sysvar::Test::Last = MessageID; Log(MessageID); }` },
        { path: 'file:///c%3A/proj/B.can', text: `on start { @sysvar::Test::Last = ${LATEST_RX}; }` },
        { path: 'file:///c%3A/proj/C.can', text: 'on sysvar Test::Last { if (@this == 8) Log(@this); }' },
        { path: 'file:///c%3A/proj/D.cin', text: 'void Log(dword m) { if (m == 5) write("x"); }' },
      ];
      const render = (analyses: ReturnType<typeof analyzeFiles>, order: readonly number[]) =>
        Object.fromEntries(order.map((file, i) => [files[file].path, analyses[i].ids.map((id) => `${id.text}:${id.tables.join('|')}:${id.reason}`)]));
      const forward = [0, 1, 2, 3];
      const backward = [3, 2, 1, 0];
      const inOrder = render(analyzeFiles(forward.map((i) => files[i]), DEFAULT_SETTINGS), forward);
      assert.deepEqual(render(analyzeFiles(backward.map((i) => files[i]), DEFAULT_SETTINGS), backward), inOrder);
      assert.equal(inOrder['file:///c%3A/proj/D.cin'].length, 1, 'the helper\'s literal is an ID');
    });
  });
});
