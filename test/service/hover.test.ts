/**
 * Hover through the CaplLanguageService facade. Each case: CAPL with a `|` cursor and
 * `⟦ ⟧` around the exact range the hover must have, and the hover's markdown split into
 * its paragraphs (null: no hover at all).
 */
import { strict as assert } from 'node:assert';
import { documentAt, languageService, rangeOf, synced } from './helpers';

type Case = [description: string, input: string, paragraphs: string[] | null, options?: { settings?: Record<string, unknown>; uri?: string }];

const RX = 'SCC_MessageRxInd(byte SessionID[], dword MessageID)';
const WHY_RX = '*Why:* compared with MessageID, the message ID parameter of SCC\\_MessageRxInd (Modeling Libraries table)';
const SD_RES = [
  '**ServiceDiscovery Res** · `8` (`0x8`)',
  'Modeling Libraries',
  'Constant: `SCC_SERVICE_DISCOVERY_RES`',
  'Pair: ServiceDiscovery Req · `7` (`SCC_SERVICE_DISCOVERY_REQ`)',
];
const SESSION_SETUP_REQ = [
  '**SessionSetup Req** · `5` (`0x5`)',
  'Modeling Libraries',
  'Constant: `SCC_SESSION_SETUP_REQ`',
  'Pair: SessionSetup Res · `6` (`SCC_SESSION_SETUP_RES`)',
];
const AUTHORIZATION_SETUP_RES = [
  '**AuthorizationSetup Res** · `303` (`0x12F`)',
  'CCS-Binding › ISO20 CM',
  'Constant: `CCS_ISO20_CM_AUTHORIZATION_SETUP_RES`',
  'Pair: AuthorizationSetup Req · `302` (`CCS_ISO20_CM_AUTHORIZATION_SETUP_REQ`)',
];
const USED_ONCE = 'Used in 1 place in 1 file';
const USED_NOWHERE = 'Used nowhere in the workspace';
const MIRROR = 'variables { enum Ids { SessionSetupReq = 5, SessionSetupRes = 5, SuportedAppProtocolReq = 3 }; }';

const CASES: Case[] = [
  // ID literals
  ['an ID literal, cursor inside', `${RX} { if (MessageID == ⟦1|0⟧) return; }`, [
    '**ServiceDetail Res** · `10` (`0xA`)', 'Modeling Libraries', 'Constant: `SCC_SERVICE_DETAIL_RES`',
    'Pair: ServiceDetail Req · `9` (`SCC_SERVICE_DETAIL_REQ`)', WHY_RX,
    USED_ONCE,
  ]],
  ['an ID literal, cursor before it', `${RX} { if (MessageID == ⟦|8⟧) return; }`, [...SD_RES, WHY_RX, USED_ONCE]],
  ['an ID literal, cursor right after it', `${RX} { if (MessageID == ⟦8|⟧) return; }`, [...SD_RES, WHY_RX, USED_ONCE]],
  ['a hex ID shows its entry with both spellings of the number', 'on start { EVSE.SetMessageTimeout(⟦0x|E3⟧, 1000); }', [
    '**CableCheck Res** · `227` (`0xE3`)',
    'CCS-Binding › ISO2 DC',
    'Constant: `CCS_ISO2_DC_CABLE_CHECK_RES`',
    'Pair: CableCheck Req · `226` (`CCS_ISO2_DC_CABLE_CHECK_REQ`)',
    '*Why:* argument 1 of EVSE.SetMessageTimeout, the message ID (EVSE: CCS-Binding object, by its name)',
    USED_ONCE,
  ]],
  ['an ambiguous literal lists every candidate', 'on start { Station.SetMessageTimeout(⟦10|0⟧, 1000); }', [
    '**Ambiguous message ID `100` (`0x64`)** — the context allows several tables:',
    '- CCS-Binding: **SessionSetup Req** (`CCS_DIN_70121_SESSION_SETUP_REQ`)\n- OCPP-Binding: **AuthorizeRequest_16** (`OCPP_AUTHORIZE_REQUEST_16`)',
    '*Why:* argument 1 of Station.SetMessageTimeout, the message ID (Station: binding unknown, CCS or OCPP)',
    'SessionSetup Req (CCS-Binding): used in 1 place in 1 file  \nAuthorizeRequest_16 (OCPP-Binding): used in 1 place in 1 file',
  ]],
  ['an ambiguous literal one table lacks says so', 'on start { Station.SetMessageTimeout(⟦1504|⟧, 1000); }', [
    '**Ambiguous message ID `1504` (`0x5E0`)** — the context allows several tables:',
    '- CCS-Binding: **Lumissil_Host_Message Ind** (`CCS_LUMISSIL_MME_LUMISSIL_HOST_MESSAGE_IND`)\n- OCPP-Binding: no message 1504',
    '*Why:* argument 1 of Station.SetMessageTimeout, the message ID (Station: binding unknown, CCS or OCPP)',
    USED_ONCE,
  ]],
  ['an ambiguous state lists both state tables', 'void SCC_StateTransitionInd(byte s[], dword o, dword n) { if (n == ⟦1|3⟧) return; }', [
    '**Ambiguous message ID `13` (`0xD`)** — the context allows several tables:',
    '- Vehicle States: **Current Demand** (`SCC_EV_STATE_CURRENT_DEMAND`)\n- Charge Point States: **Current Demand** (`SCC_CP_STATE_CURRENT_DEMAND`)',
    '*Why:* compared with n, a state parameter of SCC\\_StateTransitionInd (vehicle or charge point node: not decided)',
    'Current Demand (Vehicle States): used in 1 place in 1 file  \nCurrent Demand (Charge Point States): used in 1 place in 1 file',
  ], { uri: 'file:///c%3A/proj/Sim/Node.can' }],
  ['a state in a vehicle node (EV folder)', 'void SCC_StateTransitionInd(byte s[], dword o, dword n) { if (n == ⟦1|3⟧) return; }', [
    '**Current Demand** · `13` (`0xD`)', 'Vehicle States › Message related states', 'Constant: `SCC_EV_STATE_CURRENT_DEMAND`',
    '*Why:* compared with n, a state parameter of SCC\\_StateTransitionInd (vehicle node, by the file name)',
    USED_ONCE,
  ]],
  ['a state in a charge point node by setting', 'void SCC_StateTransitionInd(byte s[], dword o, dword n) { if (n == ⟦20|1⟧) return; }', [
    '**Waiting for new session** · `201` (`0xC9`)', 'Charge Point States › General States', 'Constant: `SCC_CP_STATE_WAITING_FOR_NEW_SESSION`',
    '*Why:* compared with n, a state parameter of SCC\\_StateTransitionInd (charge point node, by the capl-ids.node setting)',
    USED_ONCE,
  ], { settings: { node: 'charge-point' } }],
  // The diagnostic of an unknown or wrong-table ID says where the number exists and why this
  // table; editors show it in the same hover, so the hover does not say it again.
  ['an unknown ID', `${RX} { if (MessageID == ⟦99|9⟧) return; }`, ['**`999` (`0x3E7`): no message of Modeling Libraries**']],
  ['an ID of another table offers the same message in this one', `${RX} { if (MessageID == ⟦227|⟧) return; }`, [
    '**`227` (`0xE3`): no message of Modeling Libraries**',
    'The same message there:',
    '- **CableCheck Res** · `26` (`0x1A`) (`SCC_CABLE_CHECK_RES`)',
  ]],
  ['an ID of another table that is there in several groups lists each', 'on start { EVSE.SetMessageTimeout(⟦2|6⟧, 1000); }', [
    '**`26` (`0x1A`): no message of CCS-Binding**',
    'The same message there:',
    '- **CableCheck Res** · `115` (`0x73`) (`CCS_DIN_70121_CABLE_CHECK_RES`)\n- **CableCheck Res** · `227` (`0xE3`) (`CCS_ISO2_DC_CABLE_CHECK_RES`)',
  ]],
  ['an enum member value is an ID', `variables { enum Ids { SessionSetupReq = ⟦|5⟧, SessionSetupRes = 6 }; }`, [
    ...SESSION_SETUP_REQ, '*Why:* value of SessionSetupReq in enum Ids, which mirrors the Modeling Libraries table',
    USED_NOWHERE,
  ]],

  // named constants
  ['a named constant', `${RX} { if (MessageID == ⟦SCC_SERVICE_|DISCOVERY_RES⟧) return; }`, [...SD_RES, USED_ONCE]],
  ['a named constant, cursor at its end', 'on start { x = ⟦OCPP_ERROR_RESPONSE|⟧; }', ['**ErrorResponse** · `50` (`0x32`)', 'OCPP-Binding › General', 'Constant: `OCPP_ERROR_RESPONSE`', USED_ONCE]],
  ['a named constant with an alias', 'on start { x = ⟦SCC_CM_STA_INDENTIFY_|IND⟧; }', [
    '**CmStaIndentify Ind** · `209` (`0xD1`)',
    'Modeling Libraries',
    'Constant: `SCC_CM_STA_INDENTIFY_IND`',
    'Pair: CmStaIndentify Rsp · `210` (`SCC_CM_STA_INDENTIFY_RSP`)',
    'Also spelt: CmStaIdentify (the reference page prints "CmStaIndentify")',
    USED_ONCE,
  ]],
  ['an OCPP constant shows its request/response pair', 'on start { x = ⟦OCPP_AUTHORIZE_|REQUEST_16⟧; }', [
    '**AuthorizeRequest_16** · `100` (`0x64`)', 'OCPP-Binding › OCPP 1.6', 'Constant: `OCPP_AUTHORIZE_REQUEST_16`',
    'Pair: AuthorizeResponse_16 · `101` (`OCPP_AUTHORIZE_RESPONSE_16`)',
    USED_ONCE,
  ]],
  ['a name that is no constant', 'on start { x = SCC_NO_SUCH_|CONSTANT; }', null],

  // enum members that mirror a table
  ['a mirrored enum member that agrees', `${MIRROR.replace('SessionSetupReq', '⟦Session|SetupReq⟧')}`, [
    'Member of enum `Ids`, which mirrors the Modeling Libraries table.', 'Its value `5` agrees with the table.', ...SESSION_SETUP_REQ,
    USED_NOWHERE,
  ]],
  ['a mirrored enum member that disagrees', `${MIRROR.replace('SessionSetupRes', '⟦SessionSetup|Res⟧')}`, [
    'Member of enum `Ids`, which mirrors the Modeling Libraries table.',
    '**Its value `5` disagrees with the table:** SessionSetup Res is `6`.',
    '**SessionSetup Res** · `6` (`0x6`)', 'Modeling Libraries', 'Constant: `SCC_SESSION_SETUP_RES`',
    'Pair: SessionSetup Req · `5` (`SCC_SESSION_SETUP_REQ`)',
    USED_NOWHERE,
  ]],
  ['a mirrored enum member the table does not know', `${MIRROR.replace('SuportedAppProtocolReq', '⟦Suported|AppProtocolReq⟧')}`, [
    'Member of enum `Ids`, which mirrors the Modeling Libraries table.', 'No entry of that table is named so.',
  ]],
  ['a mirrored enum member where it is used', `${MIRROR} ${RX} { if (MessageID == ⟦SessionSetup|Req⟧) return; }`, [
    'Member of enum `Ids`, which mirrors the Modeling Libraries table.', 'Its value `5` agrees with the table.', ...SESSION_SETUP_REQ,
    USED_ONCE,
  ]],
  ['a member of an enum that mirrors nothing', 'variables { enum Colours { Red|, Green }; }', null],

  // CANoe enum paths
  ['_CCS::DataTypes::MessageIdType::<Name>', 'on start { x = _CCS::DataTypes::MessageIdType::⟦AuthorizationSetup|Res⟧; }', AUTHORIZATION_SETUP_RES],
  ['an enum path of a name several CCS groups share lists them all', 'on start { x = _CCS::DataTypes::MessageIdType::⟦Session|SetupReq⟧; }', [
    '**SessionSetup Req** · `100` (`0x64`)', 'CCS-Binding › DIN 70121', 'Constant: `CCS_DIN_70121_SESSION_SETUP_REQ`', 'Pair: SessionSetup Res · `101` (`CCS_DIN_70121_SESSION_SETUP_RES`)',
    '---',
    '**SessionSetup Req** · `200` (`0xC8`)', 'CCS-Binding › ISO2 CM', 'Constant: `CCS_ISO2_CM_SESSION_SETUP_REQ`', 'Pair: SessionSetup Res · `201` (`CCS_ISO2_CM_SESSION_SETUP_RES`)',
    '---',
    '**SessionSetup Req** · `300` (`0x12C`)', 'CCS-Binding › ISO20 CM', 'Constant: `CCS_ISO20_CM_SESSION_SETUP_REQ`', 'Pair: SessionSetup Res · `301` (`CCS_ISO20_CM_SESSION_SETUP_RES`)',
  ]],
  ['an OCPP enum path', 'on start { x = _OCPP::DataTypes::MessageIdType::⟦ErrorResp|onse⟧; }', ['**ErrorResponse** · `50` (`0x32`)', 'OCPP-Binding › General', 'Constant: `OCPP_ERROR_RESPONSE`']],
  ['an enum path of an unknown name', 'on start { x = _CCS::DataTypes::MessageIdType::NoSuch|Res; }', null],
  ['another path that is no MessageIdType', 'on start { x = _CCS::DataTypes::OtherType::AuthorizationSetup|Res; }', null],

  // nothing
  ['a non-ID number', 'on start { setTimer(t, 10|0); }', null],
  ['an array size', `${RX} { byte buf[10|0]; }`, null],
  ['a number compared relationally', `${RX} { if (MessageID < 1|0) return; }`, null],
  ['the ID-carrying variable where it is compared', `${RX} { if (⟦Message|ID⟧ == 8) return; }`, [
    '`MessageID` carries message IDs of Modeling Libraries.',
    '*Why:* MessageID, the message ID parameter of SCC\\_MessageRxInd (Modeling Libraries table)',
  ]],
  ['the ID parameter where it is declared', `SCC_MessageRxInd(byte SessionID[], dword ⟦Message|ID⟧) { }`, [
    '`MessageID` carries message IDs of Modeling Libraries.',
    '*Why:* MessageID, the message ID parameter of SCC\\_MessageRxInd (Modeling Libraries table)',
  ]],
  ['a local ID variable where it is declared', `${RX} { dword ⟦la|st⟧ = MessageID; }`, [
    '`last` carries message IDs of Modeling Libraries.',
    '*Why:* last, which holds MessageID, the message ID parameter of SCC\\_MessageRxInd (Modeling Libraries table)',
  ]],
  ['a local variable without IDs where it is declared', `${RX} { dword la|st = 3; }`, null],
  ['a struct member where an element of an array of structs is compared', `variables { struct Guard { dword id; dword timeout; }; struct Guard gGuards[2]; } ${RX} { int i; if (MessageID == ⟦gGuards[i].|id⟧) return; }`, [
    '`gGuards[i].id` carries message IDs of Modeling Libraries.',
    '*Why:* gGuards.id, which holds MessageID, the message ID parameter of SCC\\_MessageRxInd (Modeling Libraries table)',
  ]],
  ['an operand with underscores: a code span shows it as written, with no escapes', `${RX} { dword g_last_id; g_last_id = MessageID; if (⟦g_last|_id⟧ == 8) return; }`, [
    '`g_last_id` carries message IDs of Modeling Libraries.',
    '*Why:* g\\_last\\_id, which holds MessageID, the message ID parameter of SCC\\_MessageRxInd (Modeling Libraries table)',
  ]],
  ['another member of the same struct', `variables { struct Guard { dword id; dword timeout; }; struct Guard gGuards[2]; } ${RX} { int i; if (MessageID == gGuards[i].id) setTimer(t, gGuards[i].time|out); }`, null],
  ['a LatestCall read of an object whose binding is unknown', 'on fct_called Station.OnLastReceivedMessageIdChanged { if (⟦$Station.OnLastReceivedMessageIdChanged.LatestCall.last|RxMessageId⟧ == 1) return; }', [
    '`$Station.OnLastReceivedMessageIdChanged.LatestCall.lastRxMessageId` carries message IDs of CCS-Binding or OCPP-Binding.',
    '*Why:* $Station.OnLastReceivedMessageIdChanged.LatestCall.lastRxMessageId, the message ID of Station.OnLastReceivedMessageIdChanged (Station: binding unknown, CCS or OCPP)',
  ]],
  ['white space', `${RX} { if (MessageID ==| 8) return; }`, null],
  ['a number in a comment', `${RX} { // MessageID == 8|\n }`, null],
  ['a number in a string', `${RX} { write("MessageID == 8|"); }`, null],
  ['an empty document', '|', null],

  // line ends and BOM
  ['CRLF: the range is on the right line and column', `variables\r\n{\r\n}\r\n${RX}\r\n{\r\n  if (MessageID == ⟦|8⟧)\r\n    return;\r\n}\r\n`, [...SD_RES, WHY_RX, USED_ONCE]],
  ['BOM: the range counts the BOM as a character', `\uFEFF${RX} { if (MessageID == ⟦8|⟧) return; }`, [...SD_RES, WHY_RX, USED_ONCE]],
];

describe('hover', () => {
  it('says nothing the diagnostic at the same literal says (editors show both in one hover)', () => {
    const { document, position } = documentAt(`${RX} { if (MessageID == 22|7) return; }`);
    const service = synced(languageService(), document);
    const [diagnostic] = service.doValidation(document);
    assert.equal(diagnostic.code, 'wrong-table');
    const message = String(diagnostic.message);
    const hover = (service.doHover(document, position)!.contents as { value: string }).value;
    for (const said of ['DeleteCertificateResponse_201', 'CCS-Binding', 'compared with MessageID']) {
      assert.ok(message.toLowerCase().includes(said.toLowerCase()), said);
      assert.ok(!hover.toLowerCase().includes(said.toLowerCase()), `the hover repeats "${said}"`);
    }
  });

  for (const [description, input, paragraphs, options] of CASES) {
    it(description, () => {
      const { document, position, spans } = documentAt(input, options?.uri);
      const hover = synced(languageService(options?.settings), document).doHover(document, position);
      if (paragraphs === null) {
        assert.equal(hover, null);
        return;
      }
      assert.ok(hover, 'expected a hover');
      assert.equal(spans.length, 1, 'the case must mark the hover range');
      const contents = hover.contents as { kind: string; value: string };
      assert.equal(contents.kind, 'markdown');
      assert.deepEqual(contents.value.split('\n\n'), paragraphs);
      assert.deepEqual(hover.range, rangeOf(document, spans[0]));
    });
  }
});
