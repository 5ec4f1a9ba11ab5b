/**
 * Big inputs, one test each: the whole pipeline answers (no exception, well-formed results),
 * hover and completion still answer where an ID is, and every request is timed for the
 * statistics (support.ts prints the slowest).
 */
import { strict as assert } from 'node:assert';
import { decodeCapl, encodeCapl } from '../../server/src/files/caplEncoding';
import { bigNode, oneLine } from './inputs';
import { exercise, noteCase, timed } from './support';

const CALLBACK = 'void SCC_MessageRxInd(byte SessionID[], dword MessageID)';
const URI = 'file:///c%3A/proj/EVSE/BigNode.can';

/** Runs the pipeline on `text`; then hover on the ID nearest the middle and completion in its slot must answer. */
function bigCase(what: string, text: string, { expectIds = true } = {}): void {
  noteCase(what, text.length);
  const length = text.length;
  const { analysis, document, service } = exercise(text, { uri: URI, offsets: [length >> 1, 0, length, length >> 2], big: true, what });
  if (!expectIds) return;
  assert.ok(analysis.ids.length > 0, `no ID found in ${what}`);
  const middle = analysis.ids[Math.floor(analysis.ids.length / 2)];
  const hover = timed(`hover on an ID (${what})`, length, () => service.doHover(document, document.positionAt(middle.start)));
  assert.ok(hover && JSON.stringify(hover.contents).includes(String(middle.value)), `no hover on ${middle.text} at ${middle.start}`);
  const completion = timed(`completion in an ID slot (${what})`, length, () => service.doComplete(document, document.positionAt(middle.end)));
  assert.ok(completion.items.length > 0, `no completion after ${middle.text} at ${middle.start}`);
}

describe('fuzz: big inputs', function () {
  this.timeout(180000);

  it('a 10 MB file (a realistic node: the examples\' procedures repeated, Windows-1252, CRLF)', () => {
    const bytes = encodeCapl(bigNode(10 * 1024 * 1024), 'windows-1252', false);
    const decoded = timed('decodeCapl (10 MB)', bytes.length, () => decodeCapl(bytes));
    assert.equal(decoded.encoding, 'windows-1252');
    bigCase('10 MB file', decoded.text);
  });

  it('a 1 MB single line', () => {
    const text = oneLine(1024 * 1024);
    assert.ok(!/[\r\n]/.test(text));
    bigCase('1 MB single line', text);
  });

  it('10 000 nested braces', () => {
    bigCase('10 000 nested braces', `${CALLBACK}\r\n${'{'.repeat(10000)} if (MessageID == 8) ; ${'}'.repeat(10000)}`);
  });

  it('10 000 unclosed braces, then an event procedure (where reading recovers)', () => {
    const handler = 'on fct_called EVSE.OnLastReceivedMessageIdChanged\r\n{\r\n  if ($EVSE.OnLastReceivedMessageIdChanged.LatestCall.lastRxMessageId == 213) ;\r\n}';
    bigCase('10 000 unclosed braces', `on start\r\n${'{\r\n'.repeat(10000)}${handler}`);
  });

  it('10 000 nested parentheses', () => {
    bigCase('10 000 nested parentheses', `${CALLBACK}\r\n{\r\n  if (${'('.repeat(10000)}MessageID${')'.repeat(10000)} == 8) ;\r\n}`);
  });

  it('10 000 unclosed parentheses', () => {
    bigCase('10 000 unclosed parentheses', `${CALLBACK}\r\n{\r\n  x = ${'('.repeat(10000)}\r\n  if (MessageID == 8) ;\r\n}`);
  });

  it('100 000 case labels', () => {
    const labels = Array.from({ length: 100000 }, (_, i) => `    case ${i % 300}:`).join('\r\n');
    bigCase('100 000 case labels', `${CALLBACK}\r\n{\r\n  switch (MessageID)\r\n  {\r\n${labels}\r\n      break;\r\n  }\r\n}`);
  });

  it('1 MB of random bytes', () => {
    let state = 0x2545f491;
    const bytes = new Uint8Array(1024 * 1024).map(() => {
      state ^= state << 13;
      state ^= state >>> 17;
      state ^= state << 5;
      return state & 0xff;
    });
    const decoded = timed('decodeCapl (1 MB random)', bytes.length, () => decodeCapl(bytes));
    bigCase('1 MB of random bytes', decoded.text, { expectIds: false });
  });

  it('a 1 MB unterminated block comment and a 1 MB unterminated string line', () => {
    bigCase('1 MB unterminated comment', `${CALLBACK} { if (MessageID == 8) ; }\r\n/* ${'x'.repeat(1024 * 1024)}`);
    bigCase('1 MB unterminated string', `${CALLBACK} { if (MessageID == 8) ; }\r\n"${'\\"'.repeat(512 * 1024)}`);
  });
});
