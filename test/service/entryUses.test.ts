/**
 * The uses of a catalogue entry in a document, through the CaplLanguageService facade: `⟦ ⟧`
 * marks every range the answer must hold, in text order.
 */
import { strict as assert } from 'node:assert';
import type { EntryKey } from '../../shared/protocol';
import { languageService, markedDocument, rangeOf, synced } from './helpers';

const RX = 'SCC_MessageRxInd(byte SessionID[], dword MessageID)';
const EVSE_URI = 'file:///c%3A/proj/EVSE/Node.can';
const SERVICE_DISCOVERY_RES: EntryKey = { table: 'modeling', id: 8 };
const CABLE_CHECK_RES: EntryKey = { table: 'ccs', id: 227 };

function check(marked: string, entry: EntryKey, uri?: string): void {
  const { document, spans } = markedDocument(marked, uri);
  assert.deepEqual(synced(languageService(), document).findEntryUses(document, entry), spans.map((span) => rangeOf(document, span)));
}

describe('entry uses', () => {
  it('the ID literals judged to be the entry, in decimal and hex', () => {
    check(`${RX}\r\n{\r\n  if (MessageID == ⟦8⟧) return;\r\n  switch (MessageID) { case ⟦0x08⟧: break; case 9: break; }\r\n}`, SERVICE_DISCOVERY_RES);
  });

  it('not a number that is no ID, nor the ID of another table, nor one in a comment or string', () => {
    check(
      `${RX}\r\n{\r\n  byte buf[8];\r\n  setTimer(t, 8);\r\n  // MessageID == 8\r\n  write("8");\r\n  if (MessageID == ⟦8⟧) return;\r\n}\r\non start { EVSE.SetMessageTimeout.Call(8, 5000); }`,
      SERVICE_DISCOVERY_RES,
      EVSE_URI,
    );
  });

  it('the constant where it is an identifier of the code, among the literals in text order', () => {
    check(
      `${RX}\r\n{\r\n  // SCC_SERVICE_DISCOVERY_RES in a comment\r\n  if (MessageID == ⟦SCC_SERVICE_DISCOVERY_RES⟧) write("SCC_SERVICE_DISCOVERY_RES");\r\n  if (MessageID == ⟦8⟧) return;\r\n  x = MY_SCC_SERVICE_DISCOVERY_RES + SCC_SERVICE_DISCOVERY_RES_2;\r\n}`,
      SERVICE_DISCOVERY_RES,
    );
  });

  it('an ambiguous literal when the entry is one of its candidates', () => {
    check(`on fct_called Station.OnLastReceivedMessageIdChanged\r\n{\r\n  if ($Station.OnLastReceivedMessageIdChanged.LatestCall.lastRxMessageId == ⟦227⟧) return;\r\n}`, CABLE_CHECK_RES);
  });

  it('none for an entry the catalogue does not have', () => {
    check(`${RX} { if (MessageID == 40) return; }`, { table: 'modeling', id: 40 });
  });
});
