/**
 * One describe per rule of docs/context-rules.md. Each case is
 * `[description, CAPL source, expectation, options?]`: the literals between ⟦ ⟧ are exactly
 * the message IDs (every other literal is asserted not to be one), and the expectation
 * lists, in order, how each reads (`table:CONSTANT`, candidates joined by ` | `,
 * `table:?` for a number that table lacks). See helpers.ts.
 */
import { strict as assert } from 'node:assert';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { checkFiles, checkIds, describeId, EV_URI, idCases, LATEST_RX, languageService, RX, synced, type ContextOptions, type IdCase } from './helpers';

const cases = idCases;

// Frequent expectations.
const M8 = 'modeling:SCC_SERVICE_DISCOVERY_RES';
const M5 = 'modeling:SCC_SESSION_SETUP_REQ';
const M31 = 'modeling:SCC_WELDING_DETECTION_REQ';
const C213 = 'ccs:CCS_ISO2_CM_CHARGE_PARAMETER_DISCOVERY_RES';
const C231 = 'ccs:CCS_ISO2_DC_CURRENT_DEMAND_RES';
const C227 = 'ccs:CCS_ISO2_DC_CABLE_CHECK_RES';
const O100 = 'ocpp:OCPP_AUTHORIZE_REQUEST_16';
const O262 = 'ocpp:OCPP_METER_VALUES_REQUEST_201';
const C100 = 'ccs:CCS_DIN_70121_SESSION_SETUP_REQ';
const AMBIGUOUS_100 = `${C100} | ${O100}`;
const EV13 = 'vehicle-states:SCC_EV_STATE_CURRENT_DEMAND';
const CP13 = 'charge-point-states:SCC_CP_STATE_CURRENT_DEMAND';
const BOTH_STATES_13 = `${EV13} | ${CP13}`;

const FCT_RX = 'on fct_called EVSE.OnLastReceivedMessageIdChanged';

describe('context rules (docs/context-rules.md)', () => {
  describe('rule 1: SCC modeling-library callbacks', () => {
    cases([
      ['SCC_MessageTxInd: 2nd parameter', 'void SCC_MessageTxInd(byte SessionOrRunID[], dword MessageID, long Error) { if (MessageID == ⟦8⟧ && Error == 8) return; }', [M8]],
      ['SCC_MessageRxInd: 2nd parameter', 'void SCC_MessageRxInd(byte SessionID[], dword MessageID) { if (MessageID == ⟦8⟧) return; }', [M8]],
      ['SCC_PreSendInd: 2nd parameter', 'void SCC_PreSendInd(byte SessionID[], dword MessageID, char ResponseCode[]) { if (MessageID == ⟦8⟧) return; }', [M8]],
      ['SCC_PayloadPreSendInd: 2nd parameter, not the length', 'void SCC_PayloadPreSendInd(byte SessionOrRunID[], dword MessageID, byte Payload[], dword& PayloadLength) { if (MessageID == ⟦8⟧ && PayloadLength == 8) return; }', [M8]],
      ['SCC_SignaturePreSendInd: 2nd parameter', 'void SCC_SignaturePreSendInd(byte SessionId[], dword MessageId, byte Signature[], dword& SigLength) { if (MessageId == ⟦8⟧ || SigLength == 64) return; }', [M8]],
      ['SCC_SignatureVerificationInd: 1st parameter, not SignatureValid', 'void SCC_SignatureVerificationInd(dword MessageID, dword SignatureValid) { if (MessageID == ⟦8⟧ && SignatureValid == 1) return; }', [M8]],
      ['SCC_V2G_EVCC_Msg_TimeoutInd: 2nd parameter', 'void SCC_V2G_EVCC_Msg_TimeoutInd(byte SessionID[], dword MessageID) { if (MessageID == ⟦8⟧) return; }', [M8]],
      ['the parameter is found by position, whatever its name', 'void SCC_MessageRxInd(byte a[], dword m) { if (m == ⟦31⟧) return; }', [M31]],
      ['the return type may be omitted', 'SCC_MessageRxInd(byte SessionID[], dword MessageID) { if (MessageID == ⟦31⟧) return; }', [M31]],
      ['a callback with another name carries nothing', 'void SCC_MessageRxIndication(byte SessionID[], dword MessageID) { if (MessageID == 8) return; }', []],
      ['a user function with the same parameters carries nothing', 'void MyRxInd(byte SessionID[], dword MessageID) { if (MessageID == 8) return; }', []],
      ['the session ID parameter is not an ID', 'void SCC_MessageRxInd(byte SessionID[], dword MessageID) { if (SessionID[0] == 8) return; }', []],
      ['SCC_StateTransitionInd: 2nd and 3rd parameters are states, undecided node: both state tables',
        'void SCC_StateTransitionInd(byte SessionID[], dword OldState, dword NewState) { if (OldState == ⟦13⟧ && NewState == ⟦13⟧) return; }', [BOTH_STATES_13, BOTH_STATES_13]],
      ['SCC_StateTransitionInd: not the session ID', 'void SCC_StateTransitionInd(byte SessionID[], dword OldState, dword NewState) { if (SessionID[1] == 13) return; }', []],
      ['SCC_GetStateName: the 1st argument is a state, not the buffer length',
        'on start { char buf[64]; SCC_GetStateName(⟦13⟧, buf, 64); }', [BOTH_STATES_13]],
      ['SCC_GetStateName in a vehicle node', '// capl-ids: node vehicle\non start { char buf[64]; SCC_GetStateName(⟦13⟧, buf, elcount(buf)); }', [EV13]],
      ['SCC_GetStateName: a variable passed as the state holds states, so its initialiser is one', 'on start { char buf[64]; dword s = ⟦13⟧; SCC_GetStateName(s, buf, elcount(buf)); }', [BOTH_STATES_13]],
      ['calling a modeling callback with a literal ID argument', 'on start { byte sid[8]; SCC_MessageTxInd(sid, ⟦5⟧, 0); }', [M5]],
    ]);
  });

  describe('rule 2: Distributed Object members', () => {
    cases([
      ['SetMessageTimeout: the 1st argument, not the timeout', 'on start { EVSE.SetMessageTimeout(⟦231⟧, 5000); }', [C231]],
      ['SetMessageTimeout.Call(...)', 'on start { EVSE.SetMessageTimeout.Call(⟦231⟧, 5000); }', [C231]],
      ['OnLastReceivedMessageIdChanged called', 'on start { EVSE.OnLastReceivedMessageIdChanged(⟦213⟧); }', [C213]],
      ['OnLastTransmittedMessageIdChanged.Call', 'on start { EVSE.OnLastTransmittedMessageIdChanged.Call(⟦213⟧); }', [C213]],
      ['OnPreSendMessageIdChanged called', 'on start { EVSE.OnPreSendMessageIdChanged(⟦213⟧); }', [C213]],
      ['OnSocketReceivedInd: the 1st argument only', 'on start { byte p[10]; EVSE.OnSocketReceivedInd(⟦213⟧, 15118, 15118, p, 10); }', [C213]],
      ['PayloadPreSendInd: the 2nd argument only', 'on start { byte p[10]; EVSE.PayloadPreSendInd(p, ⟦213⟧, 10); }', [C213]],
      ['an unknown member carries nothing', 'on start { EVSE.SetTimeout(231, 5000); EVSE.SetMessageTimeoutMs(231, 5000); }', []],
      ['a plain function named like a member carries nothing', 'on start { SetMessageTimeout(231, 5000); }', []],
      ['$...LatestCall.lastRxMessageId compared', `on start { if (${LATEST_RX} == ⟦213⟧) return; }`, [C213]],
      ['$...LatestCall: the parameter name is case-insensitive', 'on start { if ($EVSE.OnLastReceivedMessageIdChanged.LatestCall.LASTRXMESSAGEID == ⟦213⟧) return; }', [C213]],
      ['$...LatestCall.LastTxMessageId', 'on start { if ($EVSE.OnLastTransmittedMessageIdChanged.LatestCall.LastTxMessageId != ⟦213⟧) return; }', [C213]],
      ['$...LatestCall.txMessageId', 'on start { if ($EVSE.OnPreSendMessageIdChanged.LatestCall.txMessageId == ⟦213⟧) return; }', [C213]],
      ['$...LatestCall.messageId of OnSocketReceivedInd, not its ports', 'on start { if ($EVSE.OnSocketReceivedInd.LatestCall.messageId == ⟦213⟧ && $EVSE.OnSocketReceivedInd.LatestCall.sourcePort == 15118) return; }', [C213]],
      ['$...LatestCall.messageID of PayloadPreSendInd, not payloadLength', 'on start { if ($EVSE.PayloadPreSendInd.LatestCall.messageID == ⟦213⟧ || $EVSE.PayloadPreSendInd.LatestCall.payloadLength == 100) return; }', [C213]],
      ['$...LatestCall.MessageType of SetMessageTimeout, not TimeoutMs', 'on start { if ($EVSE.SetMessageTimeout.LatestCall.MessageType == ⟦231⟧ && $EVSE.SetMessageTimeout.LatestCall.TimeoutMs == 5000) return; }', [C231]],
      ['inside on fct_called Obj.Member', `${FCT_RX} { if (${LATEST_RX} == ⟦213⟧) setTimer(t, 100); }`, [C213]],
      ['inside on fct_called of OCPP: the object decides', 'on fct_called CP.OnLastReceivedMessageIdChanged { if ($CP.OnLastReceivedMessageIdChanged.LatestCall.lastRxMessageId == ⟦262⟧) return; }', [O262]],
      ['the result code of SetMessageTimeout is not an ID', 'on start { if (EVSE.SetMessageTimeout(⟦231⟧, 5000) == 2) write("no such message"); }', [C231]],
      ['the result code, stored, is not an ID', 'on start { long rc; rc = EVSE.SetMessageTimeout.Call(⟦231⟧, 5000); if (rc == 2) return; }', [C231]],
      ['a $signal that is not a LatestCall read carries nothing', 'on start { if ($EVSE.OnLastReceivedMessageIdChanged == 213 || $Bus::Msg::Sig == 213) return; }', []],
      ['a hex argument', 'on start { EVSE.SetMessageTimeout(⟦0xE7⟧, 5000); }', [C231]],
    ]);

    // Every member, every way of reaching its ID parameter; the other arguments are numbers
    // that must stay plain.
    const MEMBERS: [member: string, parameter: string, other: string, index: number, arity: number][] = [
      ['OnLastReceivedMessageIdChanged', 'LastRxMessageId', '', 0, 1],
      ['OnLastTransmittedMessageIdChanged', 'LastTxMessageId', '', 0, 1],
      ['OnPreSendMessageIdChanged', 'txMessageId', '', 0, 1],
      ['OnSocketReceivedInd', 'messageId', 'payloadLength', 0, 5],
      ['PayloadPreSendInd', 'messageID', 'payloadLength', 1, 3],
      ['SetMessageTimeout', 'MessageType', 'TimeoutMs', 0, 2],
    ];
    for (const [member, parameter, other, index, arity] of MEMBERS) {
      const args = Array.from({ length: arity }, (_, i) => (i === index ? '⟦213⟧' : String(15118 + i))).join(', ');
      cases([
        [`${member}: argument ${index + 1} of a call`, `on start { EVSE.${member}(${args}); }`, [C213]],
        [`${member}: argument ${index + 1} of .Call`, `on start { CP.${member}.Call(${args.replace('213', '262')}); }`, [O262]],
        [`${member}: $...LatestCall.${parameter} in on fct_called`, `on fct_called EVSE.${member} { if ($EVSE.${member}.LatestCall.${parameter} == ⟦213⟧) return; }`, [C213]],
        [`${member}: $...LatestCall.${parameter} elsewhere`, `on key 'x' { if (⟦213⟧ != $EVSE.${member}.LatestCall.${parameter}) return; }`, [C213]],
        ...(other ? [[`${member}: not $...LatestCall.${other}`, `on fct_called EVSE.${member} { if ($EVSE.${member}.LatestCall.${other} == 213) return; }`, []] as IdCase] : []),
      ]);
    }
  });

  describe('rule 3: declared ID types', () => {
    cases([
      ['a MessageIdType parameter outside any handler: CCS or OCPP', 'void Check(MessageIdType id) { if (id == ⟦100⟧) return; }', [AMBIGUOUS_100]],
      ['a LastRxMessageIdType local in on fct_called takes the object binding', `${FCT_RX} { LastRxMessageIdType id; id = ${LATEST_RX}; if (id == ⟦213⟧) return; }`, [C213]],
      ['a LastTxMessageIdType global', 'variables { LastTxMessageIdType gLastTx; } on start { if (gLastTx == ⟦100⟧) return; }', [AMBIGUOUS_100]],
      ['a namespaced type ...::MessageIdType', 'on start { _CCS::DataTypes::MessageIdType id; if (id == ⟦100⟧) return; }', [AMBIGUOUS_100]],
      ['the default table decides a typed variable', 'void Check(MessageIdType id) { if (id == ⟦100⟧) return; }', [O100], { settings: { defaultTable: 'ocpp' } }],
      ['an initialiser of a typed variable', 'on start { MessageIdType id = ⟦100⟧; }', [AMBIGUOUS_100]],
      ['a dword variable carries nothing', 'on start { dword id; if (id == 100) return; }', []],
      ['a type that only contains the word carries nothing', 'on start { MyMessageIdTypeX id; if (id == 100) return; }', []],
    ]);
  });

  describe('rule 4: local data flow', () => {
    cases([
      ['long id = MessageId; if (id == 8)', `${RX} { long id = MessageID; if (id == ⟦8⟧) return; }`, [M8]],
      ['id = MessageId; later compared', `${RX} { long id; id = MessageID; if (id == ⟦8⟧) return; }`, [M8]],
      ['a chain of copies', `${RX} { long a; long b; a = MessageID; b = a; if (b != ⟦8⟧) return; }`, [M8]],
      ['a literal assigned to an ID-carrying variable', `${RX} { long id = MessageID; id = ⟦5⟧; }`, [M5]],
      ['a literal assigned to the ID parameter itself', `${RX} { MessageID = ⟦5⟧; }`, [M5]],
      ['a copy of a LatestCall read', `on start { dword last = ${LATEST_RX}; if (last == ⟦213⟧) return; }`, [C213]],
      ['the same name in another procedure is another variable', `${RX} { long id = MessageID; } on start { long id; if (id == 8) return; }`, []],
      ['a variable assigned something else carries nothing', `${RX} { long id = MessageID + 1; long n = 3; if (id == 8 || n == 8) return; }`, []],
      ['a global assigned in one procedure carries IDs in the whole file',
        `variables { dword gLastId; } ${RX} { gLastId = MessageID; } on key 'a' { if (gLastId == ⟦8⟧) return; }`, [M8]],
      ['a global used before the procedure that assigns it', `variables { dword gLastId; } on key 'a' { if (gLastId == ⟦8⟧) return; } ${RX} { gLastId = MessageID; }`, [M8]],
      ['a local shadowing a global does not carry the global\'s IDs',
        `variables { dword gLastId; } ${RX} { gLastId = MessageID; } on key 'a' { dword gLastId; if (gLastId == 8) return; }`, []],
      ['`return name;` declares nothing: the function returns the global',
        `variables { dword gLastId; } dword LastId() { return gLastId; } ${RX} { gLastId = MessageID; } on start { if (LastId() == ⟦8⟧) return; }`, [M8]],
      ['`else name = …;` declares nothing: it assigns the global',
        `variables { dword gLastId; } ${RX} { gLastId = MessageID; } on key 'a' { if (x) gLastId = ⟦1⟧; else gLastId = ⟦5⟧; }`, ['modeling:SCC_SECC_DISCOVERY_REQ', M5]],
      ['a user function called with an ID: its parameter carries IDs', `void Handle(dword m) { if (m == ⟦8⟧) return; } ${RX} { Handle(MessageID); }`, [M8]],
      ['a user function called with an ID: the right parameter only', `void Handle(dword a, dword m) { if (m == ⟦8⟧ && a == 8) return; } ${RX} { Handle(1, MessageID); }`, [M8]],
      ['a literal passed where the parameter carries IDs', `void Handle(dword m) { } ${RX} { Handle(MessageID); } on start { Handle(⟦5⟧); }`, [M5]],
      ['a literal passed to a parameter declared with an ID type', 'void F(LastRxMessageIdType id) { } on start { F(⟦100⟧); }', [AMBIGUOUS_100]],
      ['a function called with IDs of two tables is ambiguous between exactly those two',
        `void H(dword m) { if (m == ⟦8⟧) return; } ${RX} { H(MessageID); } on start { H(${LATEST_RX}); }`, ['ccs:CCS_SLAC_CM_VALIDATE_REQ | modeling:SCC_SERVICE_DISCOVERY_RES']],
      ['after an includes section on one line, a helper called with an ID still carries IDs',
        `includes { #include "util.cin" }\r\nvoid Handle(dword m) { if (m == ⟦8⟧) return; }\r\n${RX} { Handle(MessageID); }`, [M8]],
      ['a user function called with a non-ID carries nothing', 'void Handle(dword m) { if (m == 8) return; } on start { Handle(3); }', []],
      ['0 assigned to an ID variable is an ID where the table has an entry 0', `${RX} { long id = MessageID; id = ⟦0⟧; }`, ['modeling:SCC_INVALID_MESSAGE']],
      ['0 assigned to an ID variable of a table without 0 is a reset, not an ID', `variables { dword gLastRxId; } ${FCT_RX} { gLastRxId = ${LATEST_RX}; } on start { gLastRxId = 0; }`, []],
      ['0 initialising an ID variable of a table without 0 is a reset', 'on start { dword id = 0; }', [], { settings: { idVariables: { id: 'ccs' } } }],
      ['0 initialising a typed variable: OCPP has Undefined = 0', 'on start { MessageIdType id = ⟦0⟧; }', ['ccs:? | ocpp:OCPP_UNDEFINED']],
      ['0 compared with an ID of a table without 0 is still an ID', `${FCT_RX} { if (${LATEST_RX} == ⟦0⟧) return; }`, ['ccs:?']],
      ['0 pinned to a table with an entry 0 is an ID', `// capl-ids: table ocpp\n${FCT_RX} { dword last = ${LATEST_RX}; last = ⟦0⟧; }`, ['ocpp:OCPP_UNDEFINED']],
      ['system functions are not followed', `${RX} { write("%d", MessageID); setTimer(t, MessageID); }`, []],
    ]);

    it('format arguments of built-ins are not IDs, even when another call passes an ID', () => {
      checkIds(`${RX} { writeLineEx(0, 1, "rx %d", MessageID); } on start { writeLineEx(0, 1, "count %d", 8); }`, []);
      checkIds(`${RX} { testStep("rx", "id %d", MessageID); } testcase T() { testStep("rx", "id %d", 8); }`, []);
    });
  });

  describe('rule 5: system variables', () => {
    cases([
      ['@sysvar assigned an ID, then @this in on sysvar', `${FCT_RX} { @sysvar::Common::LastId = ${LATEST_RX}; } on sysvar Common::LastId { if (@this == ⟦213⟧) return; }`, [C213]],
      ['@sysvar read back directly', `${FCT_RX} { @sysvar::Common::LastId = ${LATEST_RX}; } on start { if (@sysvar::Common::LastId == ⟦213⟧) return; }`, [C213]],
      ['the short form @Common::LastId is the same variable', `${FCT_RX} { @Common::LastId = ${LATEST_RX}; } on start { if (@sysvar::Common::LastId == ⟦213⟧) return; }`, [C213]],
      ['on sysvar_update too', `${RX} { @sysvar::Common::LastId = MessageID; } on sysvar_update Common::LastId { if (@this == ⟦8⟧) return; }`, [M8]],
      ['@this of another system variable carries nothing', `${FCT_RX} { @sysvar::Common::LastId = ${LATEST_RX}; } on sysvar Common::Other { if (@this == 213) return; }`, []],
      ['a system variable assigned a plain number carries nothing', 'on start { @sysvar::Common::Counter = 5; } on sysvar Common::Counter { if (@this == 213) return; }', []],
      ['@this outside on sysvar carries nothing', `${FCT_RX} { @sysvar::Common::LastId = ${LATEST_RX}; if (@this == 213) return; }`, []],
    ]);

    it('across files: assigned in one file, compared in another (analyzeFiles)', () => {
      checkFiles([
        { path: 'file:///c%3A/proj/EVSE/Monitor.can', source: `${FCT_RX} { @sysvar::Common::LastReceivedMessageId = ${LATEST_RX}; }`, expected: [] },
        { path: 'file:///c%3A/proj/Panel/Panel.can', source: 'on sysvar Common::LastReceivedMessageId { if (@this == ⟦213⟧) write("ChargeParameterDiscovery done"); if (@this > 2) return; }', expected: [C213] },
      ]);
    });

    it('across files, in either order', () => {
      checkFiles([
        { path: 'file:///c%3A/proj/Panel/Panel.can', source: 'on start { if (@sysvar::Common::LastReceivedMessageId != ⟦213⟧) return; }', expected: [C213] },
        { path: 'file:///c%3A/proj/EVSE/Monitor.can', source: `${FCT_RX} { @sysvar::Common::LastReceivedMessageId = ${LATEST_RX}; }`, expected: [] },
      ]);
    });

    it('across files: a user function defined in an include', () => {
      checkFiles([
        { path: 'file:///c%3A/proj/Common/Util.cin', source: 'void Handle(dword m) { if (m == ⟦8⟧) return; }', expected: [M8] },
        { path: 'file:///c%3A/proj/EV/Node.can', source: `${RX} { Handle(MessageID); }`, expected: [] },
      ]);
    });

    it('a file analysed alone knows nothing of the other file', () => {
      checkIds('on sysvar Common::LastReceivedMessageId { if (@this == 213) return; }', []);
    });
  });

  describe('rule 6: idVariables setting and variable annotation', () => {
    cases([
      ['a variable named by the setting', 'variables { dword gLastId; } on start { if (gLastId == ⟦213⟧) return; }', [C213], { settings: { idVariables: { gLastId: 'ccs' } } }],
      ['a variable named by the setting, assigned a literal', 'on start { gLastId = ⟦262⟧; }', [O262], { settings: { idVariables: { gLastId: 'ocpp' } } }],
      ['a variable named by annotation', '// capl-ids: variable gAwaited ocpp\nvariables { dword gAwaited; } on start { if (gAwaited == ⟦262⟧) return; }', [O262]],
      ['a variable annotation inside a procedure applies to the whole file', 'on key \'a\' { // capl-ids: variable gAwaited ocpp\n } on start { if (gAwaited == ⟦262⟧) return; }', [O262]],
      ['other variables stay plain', 'variables { dword gOther; } on start { if (gOther == 213) return; }', [], { settings: { idVariables: { gLastId: 'ccs' } } }],
    ]);

    it('a local variable named by annotation carries IDs', () => {
      checkIds('testcase T() { // capl-ids: variable awaited ocpp\n dword awaited; if (awaited == ⟦262⟧) return; }', [O262]);
    });
    it('a local variable named by the idVariables setting carries IDs', () => {
      checkIds('on start { dword msgId; if (msgId == ⟦213⟧) return; }', [C213], { settings: { idVariables: { msgId: 'ccs' } } });
    });
  });

  describe('rule 7: comparisons, case labels, assignments', () => {
    cases([
      ['== with the literal on the right', `${RX} { if (MessageID == ⟦8⟧) return; }`, [M8]],
      ['== with the literal on the left', `${RX} { if (⟦8⟧ == MessageID) return; }`, [M8]],
      ['!=', `${RX} { if (MessageID != ⟦31⟧) return; }`, [M31]],
      ['in parentheses', `${RX} { if ((MessageID) == (⟦8⟧)) return; }`, [M8]],
      ['several comparisons joined by && and ||', `${RX} { if ((MessageID == ⟦5⟧) || (MessageID == ⟦8⟧ && MessageID != ⟦31⟧)) return; }`, [M5, M8, M31]],
      ['in a return expression', `int IsSd(dword MessageID) { return MessageID == 8; } ${RX} { if (MessageID == ⟦8⟧) return; }`, [M8]],
      ['hex = decimal: 0x8 is 8', `${RX} { if (MessageID == ⟦0x8⟧) return; }`, [M8]],
      ['hex = decimal: 0xE3 is 227', 'on start { EVSE.SetMessageTimeout(⟦0xE3⟧, 1000); }', [C227]],
      ['written with leading zeros, kept as written', `${RX} { if (MessageID == ⟦008⟧) return; }`, [M8]],
      ['relational comparisons are not IDs', `${RX} { if (MessageID >= 101 && MessageID <= 128) return; if (MessageID < 10 || MessageID > 5) return; }`, []],
      ['arithmetic around the ID: MessageId + 1 == 9', `${RX} { if (MessageID + 1 == 9) return; if (MessageID == 8 + 1) return; if (MessageID * 2 == 16) return; }`, []],
      ['an index into an array is not an ID', `${RX} { byte buf[100]; if (buf[MessageID] == 8) return; buf[8] = 1; }`, []],
      ['setTimer, array sizes, loop bounds, write arguments', `${RX} { int i; byte buf[100]; for (i = 0; i < 10; i++) buf[i] = 0; setTimer(t, 100); write("id %d of %d", MessageID, 8); }`, []],
      ['comparing two variables: no literal', `${RX} { dword other; if (MessageID == other) return; }`, []],
      ['a float is never an ID', `${RX} { if (MessageID == 8.0) return; }`, []],
      ['a comparison result compared again', `${RX} { if ((MessageID == ⟦8⟧) == 1) return; }`, [M8]],
    ]);
  });

  describe('rule 7: switch / case', () => {
    cases([
      ['case labels of a switch on an ID', `${RX} { switch (MessageID) { case ⟦5⟧: break; case ⟦0x8⟧: break; default: break; } }`, [M5, M8]],
      ['a switch on a parenthesised ID', `${RX} { switch ((MessageID)) { case ⟦31⟧: break; } }`, [M31]],
      ['a switch on a non-ID', `${RX} { int mode; switch (mode) { case 5: break; case 8: break; } }`, []],
      ['a nested switch on a non-ID: its labels are not IDs, the outer ones are',
        `${RX} { int mode; switch (MessageID) { case ⟦5⟧: switch (mode) { case 1: break; case 8: break; } break; case ⟦8⟧: break; } }`, [M5, M8]],
      ['a nested switch on an ID inside a switch on a non-ID',
        `${RX} { int mode; switch (mode) { case 1: switch (MessageID) { case ⟦31⟧: break; } break; case 2: break; } }`, [M31]],
      ['a state switch in a charge point node', '// capl-ids: node charge-point\nvoid SCC_StateTransitionInd(byte s[], dword OldState, dword NewState) { switch (NewState) { case ⟦201⟧: break; case ⟦13⟧: break; } }',
        ['charge-point-states:SCC_CP_STATE_WAITING_FOR_NEW_SESSION', CP13]],
      ['a switch on a copied ID', `${RX} { dword id = MessageID; switch (id) { case ⟦5⟧: break; } }`, [M5]],
      ['a label expression is not a literal', `${RX} { switch (MessageID) { case 4 + 1: break; } }`, []],
    ]);
  });

  describe('rule 8: enums that mirror a table', () => {
    const VECTOR_ENUM = 'variables { enum SmartChargingMessageIDs { InvalidMessage = ⟦0⟧, SECCDiscoveryReq = ⟦1⟧, SuportedAppProtocolReq = 3, SessionSetupReq = ⟦5⟧, SessionSetupRes = ⟦6⟧, CmStaIdentifyInd = ⟦209⟧, CmSLACMatchCnf = ⟦116⟧ }; }';
    const VECTOR_EXPECTED = [
      'modeling:SCC_INVALID_MESSAGE', 'modeling:SCC_SECC_DISCOVERY_REQ', M5,
      'modeling:SCC_SESSION_SETUP_RES', 'modeling:SCC_CM_STA_INDENTIFY_IND', 'modeling:SCC_CM_SLAC_MATCH_CNF',
    ];
    cases([
      ['a Vector-style enum (with a typo in a member name) mirrors the modeling table; the member that names no entry is no ID', VECTOR_ENUM, VECTOR_EXPECTED],
      ['an enum of OCPP names mirrors the OCPP table; a member that names no entry is no ID', 'enum OcppIds { AuthorizeRequest_16 = ⟦100⟧, AuthorizeResponse_16 = ⟦101⟧, Heartbeat = 7 };',
        [O100, 'ocpp:OCPP_AUTHORIZE_RESPONSE_16']],
      ['hex members', 'enum Ids { SessionSetupReq = ⟦0x5⟧, SessionSetupRes = ⟦0x6⟧ };', [M5, 'modeling:SCC_SESSION_SETUP_RES']],
      ['implied values are checked, only written ones are literals', 'enum Ids { SessionSetupReq = ⟦5⟧, SessionSetupRes, ServiceDiscoveryReq };', [M5]],
      ['a variable of the mirroring enum type carries IDs', 'variables { enum Ids { SessionSetupReq = ⟦5⟧, ServiceDiscoveryRes = ⟦8⟧ }; enum Ids gLast; } on start { if (gLast == ⟦31⟧) return; }',
        [M5, M8, M31]],
      ['an enum with the table\'s names but its own numbering does not mirror it', 'enum Steps { SessionSetupReq = 1000, ServiceDiscoveryReq = 1001, PowerDeliveryReq = 1002 };', []],
      ['an enum of other names does not mirror anything', 'enum Colours { Red = 1, Green = 2, Blue = 8 };', []],
      ['one matching name among many is not enough', 'enum Misc { SessionSetupReq = 5, A = 1, B = 2, C = 3 };', []],
      ['a tie between two tables is no mirror: never a guess', 'enum States { SessionSetup = 1, ServiceDiscovery = 2 };', []],
      ['a menu of pages with two members named after messages, without their kind, is no mirror', 'enum MenuPage { Back = 0, PowerDelivery = 19, CableCheck = 25, Help = 40 };', []],
      ['a variable of such an enum type carries nothing',
        'variables { enum MenuPage { Back = 0, PowerDelivery = 19, CableCheck = 25, Help = 40 }; enum MenuPage gPage; } on start { if (gPage == 19) return; }', []],
    ]);

    it('a value that disagrees with the table is reported through enumMirrors', () => {
      const analysis = checkIds('enum Ids { SessionSetupReq = ⟦6⟧, SessionSetupRes = ⟦6⟧, ServiceDiscoveryRes = ⟦8⟧ };',
        ['modeling:SCC_SESSION_SETUP_RES', 'modeling:SCC_SESSION_SETUP_RES', M8]);
      assert.equal(analysis.enumMirrors.length, 1);
      const mirror = analysis.enumMirrors[0];
      assert.deepEqual([mirror.name, mirror.table], ['Ids', 'modeling']);
      const disagreeing = mirror.members
        .filter((m) => m.expected.length > 0 && !m.expected.some((e) => e.id === m.value))
        .map((m) => [m.name, m.value, m.expected.map((e) => e.id)]);
      assert.deepEqual(disagreeing, [['SessionSetupReq', 6, [5]]]);
    });

    it('a misspelt member is part of the mirror with no expected entry', () => {
      const analysis = checkIds(VECTOR_ENUM, VECTOR_EXPECTED);
      const members = analysis.enumMirrors[0].members.map((m) => [m.name, m.expected.map((e) => e.constant)]);
      assert.deepEqual(members, [
        ['InvalidMessage', ['SCC_INVALID_MESSAGE']], ['SECCDiscoveryReq', ['SCC_SECC_DISCOVERY_REQ']], ['SuportedAppProtocolReq', []],
        ['SessionSetupReq', ['SCC_SESSION_SETUP_REQ']], ['SessionSetupRes', ['SCC_SESSION_SETUP_RES']],
        ['CmStaIdentifyInd', ['SCC_CM_STA_INDENTIFY_IND']], ['CmSLACMatchCnf', ['SCC_CM_SLAC_MATCH_CNF']],
      ]);
    });
  });

  describe('rule 9: vehicle or charge point state tables', () => {
    const TRANSITION = 'void SCC_StateTransitionInd(byte s[], dword OldState, dword NewState) { if (NewState == ⟦13⟧) return; }';
    const EV_CALLBACK = 'SCC_SessionSetupRes(byte SessionID[], char ResponseCode[]) { }';
    const CP_CALLBACK = 'SCC_SessionSetupReq(byte SessionID[]) { }';
    cases([
      ['undecided: both state tables', TRANSITION, [BOTH_STATES_13]],
      ['by callbacks: SCC_...Res means a vehicle node', `${EV_CALLBACK} ${TRANSITION}`, [EV13]],
      ['by callbacks: SCC_...Req means a charge point node', `${CP_CALLBACK} ${TRANSITION}`, [CP13]],
      ['by callbacks: both kinds decide nothing', `${EV_CALLBACK} ${CP_CALLBACK} ${TRANSITION}`, [BOTH_STATES_13]],
      ['by file name: EV', TRANSITION, [EV13], { path: 'file:///c%3A/proj/Sim/EvNode.can' }],
      ['by file name: EVSE', TRANSITION, [CP13], { path: 'file:///c%3A/proj/Sim/EvseNode.can' }],
      ['by file name: EVCC', TRANSITION, [EV13], { path: 'file:///c%3A/proj/Sim/EVCC_Sim.can' }],
      ['by file name: SECC', TRANSITION, [CP13], { path: 'file:///c%3A/proj/Sim/SECC_Sim.can' }],
      ['by file name: ChargePoint', TRANSITION, [CP13], { path: 'file:///c%3A/proj/Sim/ChargePointNode.can' }],
      ['by file name: Vehicle', TRANSITION, [EV13], { path: 'file:///c%3A/proj/Sim/VehicleNode.can' }],
      ['by folder name when the file name says nothing', TRANSITION, [CP13], { path: 'file:///c%3A/proj/EVSE/Node.can' }],
      ['a word merely containing EV says nothing', TRANSITION, [BOTH_STATES_13], { path: 'file:///c%3A/proj/Sim/Eventlog.can' }],
      ['by setting', TRANSITION, [EV13], { settings: { node: 'vehicle' } }],
      ['by setting over file name', TRANSITION, [CP13], { settings: { node: 'charge-point' }, path: 'file:///c%3A/proj/Sim/EvNode.can' }],
      ['by annotation', `// capl-ids: node charge-point\n${TRANSITION}`, [CP13]],
      ['by annotation over setting', `/* capl-ids: node vehicle */\n${TRANSITION}`, [EV13], { settings: { node: 'charge-point' } }],
      ['a node annotation inside a procedure applies to the whole file', `on start { // capl-ids: node vehicle\n } ${TRANSITION}`, [EV13]],
      ['callbacks over file name', `${CP_CALLBACK} ${TRANSITION}`, [CP13], { path: 'file:///c%3A/proj/Sim/EvNode.can' }],
      ['a state number only one table has', 'void SCC_StateTransitionInd(byte s[], dword OldState, dword NewState) { if (NewState == ⟦201⟧) return; }',
        ['vehicle-states:? | charge-point-states:SCC_CP_STATE_WAITING_FOR_NEW_SESSION']],
      ['unknown in the decided state table', 'void SCC_StateTransitionInd(byte s[], dword OldState, dword NewState) { if (NewState == ⟦201⟧) return; }', ['vehicle-states:?'], { settings: { node: 'vehicle' } }],
    ]);

    it('the analysis says which role and why', () => {
      const analysis = checkIds(`${EV_CALLBACK} ${TRANSITION}`, [EV13]);
      assert.deepEqual(analysis.role, { role: 'vehicle', why: 'vehicle node: it defines SCC_SessionSetupRes' });
      assert.deepEqual(checkIds(TRANSITION, [BOTH_STATES_13]).role.role, undefined);
    });
  });

  describe('rule 10: CCS or OCPP objects', () => {
    const call = (object: string) => `on start { ${object}.SetMessageTimeout(⟦100⟧, 1000); }`;
    cases([
      ['by name: EVSE', call('EVSE'), [C100]],
      ['by name: EV', call('EV'), [C100]],
      ['by name: EVCC', call('EVCC_1'), [C100]],
      ['by name: CP', call('CP'), [O100]],
      ['by name: CSMS', call('CSMS'), [O100]],
      ['by name: ChargePoint', call('ChargePoint'), [O100]],
      ['by name: ChargePoint in a longer name', call('MyChargePoint2'), [O100]],
      ['by name: OCPP', call('OcppClient'), [O100]],
      ['by name: CentralSystem', call('CentralSystem'), [O100]],
      ['undecided: ambiguous with both candidates', call('Station'), [AMBIGUOUS_100]],
      ['undecided and unknown in one table: both candidates still listed', 'on start { Station.SetMessageTimeout(⟦1504⟧, 1000); }', ['ccs:CCS_LUMISSIL_MME_LUMISSIL_HOST_MESSAGE_IND | ocpp:?']],
      ['by setting', call('Station'), [O100], { settings: { objects: { Station: 'ocpp' } } }],
      ['by setting over name', call('EVSE'), [O100], { settings: { objects: { EVSE: 'ocpp' } } }],
      ['by annotation', `// capl-ids: object Station ocpp\n${call('Station')}`, [O100]],
      ['by annotation over setting', `// capl-ids: object Station ccs\n${call('Station')}`, [C100], { settings: { objects: { Station: 'ocpp' } } }],
      ['an object annotation inside another procedure applies to the whole file', `on key 'a' { /* capl-ids: object Station ocpp */ } ${call('Station')}`, [O100]],
      ['an object annotation names one object only', `// capl-ids: object Station ocpp\n${call('Gateway')}`, [AMBIGUOUS_100]],
      ['each object is decided on its own', 'on start { EVSE.SetMessageTimeout(⟦100⟧, 1); CP.SetMessageTimeout(⟦100⟧, 1); Station.SetMessageTimeout(⟦100⟧, 1); }', [C100, O100, AMBIGUOUS_100]],
      ['the default table decides an undecided object', call('Station'), [O100], { settings: { defaultTable: 'ocpp' } }],
      ['the default table does not override a decided object', call('EVSE'), [C100], { settings: { defaultTable: 'ocpp' } }],
      ['the default table does not override modeling callbacks', `${RX} { if (MessageID == ⟦8⟧) return; }`, [M8], { settings: { defaultTable: 'ccs' } }],
    ]);
  });

  describe('rule 11: pins', () => {
    cases([
      ['a pin inside a procedure pins that procedure', 'on start { // capl-ids: table ocpp\n Station.SetMessageTimeout(⟦100⟧, 1); } on key \'a\' { Station.SetMessageTimeout(⟦100⟧, 1); }', [O100, AMBIGUOUS_100]],
      ['a procedure pin overrides the object name', 'on start { /* capl-ids: table ocpp */ EVSE.SetMessageTimeout(⟦100⟧, 1); }', [O100]],
      ['a file pin at top level pins every procedure', '// capl-ids: table ocpp\non start { Station.SetMessageTimeout(⟦100⟧, 1); } on key \'a\' { EVSE.SetMessageTimeout(⟦100⟧, 1); }', [O100, O100]],
      ['a procedure pin beats the file pin', '// capl-ids: table ocpp\non start { // capl-ids: table ccs\n Station.SetMessageTimeout(⟦100⟧, 1); }', [C100]],
      ['a pin overrides the node role', '// capl-ids: node vehicle\nvoid SCC_StateTransitionInd(byte s[], dword o, dword n) { // capl-ids: table charge-point-states\n if (n == ⟦13⟧) return; }', [CP13]],
      ['a pin does not make a non-ID an ID', '// capl-ids: table ccs\non start { setTimer(t, 100); if (x == 213) return; }', []],
      ['the default table yields to a pin', '// capl-ids: table ccs\non start { Station.SetMessageTimeout(⟦100⟧, 1); }', [C100], { settings: { defaultTable: 'ocpp' } }],
    ]);

    it('the analysis reports the file pin', () => {
      assert.equal(checkIds('// capl-ids: table ocpp\non start { }', []).filePin, 'ocpp');
      assert.equal(checkIds('on start { // capl-ids: table ocpp\n }', []).filePin, undefined);
    });
  });

  describe('rule 12: undecided tables stay ambiguous', () => {
    cases([
      ['both candidates kept for an undecided object', call100('Obj'), [AMBIGUOUS_100]],
      ['both state tables kept for an undecided node', 'on start { char b[9]; SCC_GetStateName(⟦13⟧, b, 9); }', [BOTH_STATES_13]],
    ]);
  });

  describe('annotations', () => {
    const problems: [string, string, string[]][] = [
      ['a valid annotation is no problem', '// capl-ids: table ccs\n// capl-ids: node vehicle\n// capl-ids: object CP ocpp\n// capl-ids: variable gId modeling\n', []],
      ['an unknown table', '// capl-ids: table foo\n', ['// capl-ids: table foo → capl-ids annotation: "table" needs one of: ccs, modeling, vehicle-states, charge-point-states, ocpp']],
      ['a table missing', '// capl-ids: table\n', ['// capl-ids: table → capl-ids annotation: "table" needs one of: ccs, modeling, vehicle-states, charge-point-states, ocpp']],
      ['an unknown role', '/* capl-ids: node plane */', ['/* capl-ids: node plane */ → capl-ids annotation: "node" needs vehicle or charge-point']],
      ['an object binding that is no binding', '// capl-ids: object CP modeling\n', ['// capl-ids: object CP modeling → capl-ids annotation: "object" needs an object name and ccs or ocpp']],
      ['a variable without a table', '// capl-ids: variable gId\n', ['// capl-ids: variable gId → capl-ids annotation: "variable" needs a variable name and a table']],
      ['an unknown directive', 'on start { // capl-ids: frobnicate\n }', ['// capl-ids: frobnicate → capl-ids annotation: unknown directive "frobnicate" (table, node, object, variable)']],
      ['an empty directive', '// capl-ids:\n', ['// capl-ids: → capl-ids annotation: unknown directive "" (table, node, object, variable)']],
      ['a string that looks like an annotation is not one', 'on start { write("capl-ids: table foo"); }', []],
    ];
    for (const [description, source, expected] of problems) {
      it(`invalid annotations reported: ${description}`, () => {
        const analysis = checkIds(source, []);
        assert.deepEqual(analysis.annotationProblems.map((p) => `${source.slice(p.start, p.end)} → ${p.message}`), expected);
      });
    }

    it('an invalid pin pins nothing', () => {
      checkIds('// capl-ids: table foo\non start { Station.SetMessageTimeout(⟦100⟧, 1); }', [AMBIGUOUS_100]);
    });

    const silenced: [string, string, [number, string[]][]][] = [
      ['disable-line silences its own line, all codes', 'on start {\n  x = 1; // capl-ids-disable-line\n}', [[1, []]]],
      ['disable-line with codes', 'on start {\n  x = 1; // capl-ids-disable-line magic-number, wrong-table\n}', [[1, ['magic-number', 'wrong-table']]]],
      ['disable-next-line silences the next line', 'on start {\n  // capl-ids-disable-next-line unknown-id\n  x = 1;\n}', [[2, ['unknown-id']]]],
      ['in a block comment', '/* capl-ids-disable-next-line */\non start { }', [[1, []]]],
      ['CRLF lines count like LF lines', 'on start {\r\n  // capl-ids-disable-next-line\r\n  x = 1;\r\n}', [[2, []]]],
      ['no directive, nothing silenced', 'on start { // capl-ids is great\n }', []],
    ];
    for (const [description, source, expected] of silenced) {
      it(`silenced lines: ${description}`, () => {
        assert.deepEqual([...checkIds(source, []).silencedLines], expected);
      });
    }
  });

  describe('text encodings and line ends', () => {
    cases([
      ['CRLF input keeps exact offsets', `variables {\r\n  int x;\r\n}\r\n${RX}\r\n{\r\n  if (MessageID == ⟦8⟧) return;\r\n  switch (MessageID)\r\n  {\r\n    case ⟦31⟧: break;\r\n  }\r\n}\r\n`, [M8, M31]],
      ['a BOM before the first character keeps exact offsets', `\uFEFF${RX} { if (MessageID == ⟦8⟧) return; }`, [M8]],
      ['BOM, encoding header and CRLF together', `\uFEFF/*@!Encoding:1252*/\r\n${RX}\r\n{\r\n  if (MessageID != ⟦5⟧) write("Größe %d", 8);\r\n}\r\n`, [M5]],
      ['non-ASCII text before the ID keeps exact offsets', `// Prüfstand Ladesäule – EV\r\n${RX} { write("µ"); if (MessageID == ⟦8⟧) return; }`, [M8]],
      ['IDs in comments and strings are not literals', `${RX} { // MessageID == 8\n write("MessageID == 8"); /* case 8: */ if (MessageID == ⟦8⟧) return; }`, [M8]],
    ]);
  });

  describe('why: every ID carries its rule and reason', () => {
    const reasons: [string, string, string[], string, string, ContextOptions?][] = [
      ['comparison', `${RX} { if (MessageID == ⟦8⟧) return; }`, [M8], 'comparison', 'compared with MessageID, the message ID parameter of SCC_MessageRxInd (Modeling Libraries table)'],
      ['case label', `${RX} { switch (MessageID) { case ⟦8⟧: break; } }`, [M8], 'case-label', 'case label of a switch on MessageID, the message ID parameter of SCC_MessageRxInd (Modeling Libraries table)'],
      ['argument', 'on start { EVSE.SetMessageTimeout(⟦231⟧, 1); }', [C231], 'argument', 'argument 1 of EVSE.SetMessageTimeout, the message ID (EVSE: CCS-Binding object, by its name)'],
      ['assignment', `${RX} { MessageID = ⟦8⟧; }`, [M8], 'assignment', 'assigned to MessageID, the message ID parameter of SCC_MessageRxInd (Modeling Libraries table)'],
      ['enum member', 'enum E { SessionSetupReq = ⟦5⟧, SessionSetupRes = ⟦6⟧ };', [M5, 'modeling:SCC_SESSION_SETUP_RES'], 'enum-member', 'value of SessionSetupReq in enum E, which mirrors the Modeling Libraries table'],
      ['pin', '// capl-ids: table ocpp\non start { Station.SetMessageTimeout(⟦100⟧, 1); }', [O100], 'argument',
        'argument 1 of Station.SetMessageTimeout, the message ID (Station: binding unknown, CCS or OCPP); table pinned to OCPP-Binding by annotation'],
      ['default table', 'on start { Station.SetMessageTimeout(⟦100⟧, 1); }', [O100], 'argument',
        'argument 1 of Station.SetMessageTimeout, the message ID (Station: binding unknown, CCS or OCPP); OCPP-Binding by the capl-ids.defaultTable setting', { settings: { defaultTable: 'ocpp' } }],
    ];
    for (const [description, source, expected, rule, reason, options] of reasons) {
      it(description, () => {
        const analysis = checkIds(source, expected, options);
        assert.deepEqual([analysis.ids[0].rule, analysis.ids[0].reason], [rule, reason]);
      });
    }
  });
});

describe('context through the language service', () => {
  it('the workspace shares what one file says about a system variable with the others', () => {
    const monitor = TextDocument.create('file:///c%3A/proj/EVSE/Monitor.can', 'capl', 1, `${FCT_RX} { @sysvar::Common::LastId = ${LATEST_RX}; }`);
    const panel = TextDocument.create('file:///c%3A/proj/Panel/Panel.can', 'capl', 1, 'on sysvar Common::LastId { if (@this == 213) return; }');
    const service = synced(languageService(), monitor, panel);
    assert.deepEqual(service.analyze(panel).ids.map(describeId), [C213]);
  });

  it('fileContext: ambiguous literals are counted, not listed as tables', () => {
    const document = TextDocument.create('file:///c%3A/proj/Sim/Node.can', 'capl', 1, 'on start { Station.SetMessageTimeout(100, 1); Station.SetMessageTimeout(101, 1); }');
    assert.deepEqual(synced(languageService(), document).fileContext(document), { tables: [], node: undefined, nodeReason: 'vehicle or charge point node: not decided', ambiguous: 2 });
  });

  it('fileContext: tables in catalogue order, role by file name', () => {
    const document = TextDocument.create(EV_URI, 'capl', 1, `on start { CP.SetMessageTimeout(100, 1); } ${RX} { if (MessageID == 8) return; }`);
    assert.deepEqual(synced(languageService(), document).fileContext(document), { tables: ['modeling', 'ocpp'], node: 'vehicle', nodeReason: 'vehicle node, by the file name', ambiguous: 0 });
  });
});

function call100(object: string): string {
  return `on start { ${object}.SetMessageTimeout(⟦100⟧, 1000); }`;
}
