/**
 * Deterministic large inputs: the big-input tests and the super-linearity checks (which run
 * them in a child process, see workMeter.ts) build their texts here, from a size parameter.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { parseCapl } from '../../server/src/service/syntax/parse';
import { decodeCapl } from '../../server/src/files/caplEncoding';

const EXAMPLES_FOLDER = join(__dirname, '..', '..', 'examples');

function exampleTexts(): string[] {
  const texts: string[] = [];
  const walk = (folder: string) => {
    for (const name of readdirSync(folder).sort()) {
      const path = join(folder, name);
      if (statSync(path).isDirectory()) walk(path);
      else if (/\.(can|cin)$/i.test(name)) texts.push(decodeCapl(readFileSync(path)).text);
    }
  };
  walk(EXAMPLES_FOLDER);
  return texts;
}

let cache: { sections: string; procedures: string } | undefined;

/** The examples split into their `includes`/`variables` sections and everything else (procedures, enums). */
function exampleParts(): { sections: string; procedures: string } {
  if (cache) return cache;
  let sections = '';
  let procedures = '';
  for (const text of exampleTexts()) {
    const { outline } = parseCapl(text);
    let at = 0;
    for (const section of outline.sections) {
      procedures += text.slice(at, section.start);
      sections += `${text.slice(section.start, section.end)}\r\n`;
      at = section.end;
    }
    procedures += `${text.slice(at)}\r\n`;
  }
  cache = { sections, procedures };
  return cache;
}

const repeat = (n: number, line: (i: number) => string, separator = '\r\n') => Array.from({ length: n }, (_, i) => line(i)).join(separator);

/**
 * A realistic big node: the examples' sections once, then their procedures repeated (renamed
 * so that names stay unique) up to `size` characters, CRLF, as CANoe writes.
 */
export function bigNode(size: number): string {
  const { sections, procedures } = exampleParts();
  const chunks = ['/*@!Encoding:1252*/\r\n', sections];
  let length = chunks[0].length + sections.length;
  for (let copy = 0; length < size; copy++) {
    const chunk = procedures.replace(/\b(IsSessionStop|Report\w*|Check\w*|Handle\w*)\b/g, `$1_${copy}`);
    chunks.push(chunk);
    length += chunk.length;
  }
  return chunks.join('').slice(0, size);
}

/** The examples' code on one line: line comments become block comments, line ends blanks. */
export function oneLine(size: number): string {
  const line = exampleTexts()
    .join('\n')
    .replace(/\/\/([^\r\n]*)/g, (_, comment: string) => `/*${comment.replace(/\*\//g, '* /')}*/`)
    .replace(/#include[^\r\n]*/g, '')
    .replace(/[\r\n]+/g, ' ');
  return line.repeat(Math.ceil(size / line.length)).slice(0, size);
}

const CALLBACK = 'void SCC_MessageRxInd(byte SessionID[], dword MessageID)';

/**
 * Inputs whose cost must grow linearly with n. Each is a function of n; the linearity check
 * compares the work for n and 4n. Keyed by name, shared with the child process meter.
 */
export const GROWING: Readonly<Record<string, (n: number) => string>> = {
  // realistic growth
  'the examples, repeated whole (sections included)': (n) => exampleTexts().join('\r\n').repeat(n),
  'a big node (one variables section, many procedures)': (n) => bigNode(n * 4000),
  'the examples on one line': (n) => oneLine(n * 4000),
  'many ID comparisons in one callback': (n) => `${CALLBACK}\r\n{\r\n${repeat(n * 40, (i) => `  if (MessageID == ${i % 120}) write("%d", ${i});`)}\r\n}`,
  'many case labels in one switch': (n) => `${CALLBACK}\r\n{\r\n  switch (MessageID)\r\n  {\r\n${repeat(n * 60, (i) => `    case ${i % 300}:`)}\r\n  }\r\n}`,
  'many procedures': (n) => repeat(n * 20, (i) => `void f${i}(dword MessageID)\r\n{\r\n  g${i}(MessageID);\r\n  if (MessageID == 8) return;\r\n}`),
  'many globals in one variables section': (n) => `variables\r\n{\r\n${repeat(n * 60, (i) => `  dword g${i} = ${i};`)}\r\n}\r\n${CALLBACK} { if (MessageID == 8) ; }`,
  'a long chain of ID variables': (n) => `${CALLBACK}\r\n{\r\n  long a0 = MessageID;\r\n${repeat(n * 40, (i) => `  long a${i + 1} = a${i};`)}\r\n  if (a${n * 40} == 8) ;\r\n}`,
  'many system variables': (n) => `on start\r\n{\r\n${repeat(n * 30, (i) => `  @sysvar::A::V${i} = $EVSE.OnLastReceivedMessageIdChanged.LatestCall.lastRxMessageId;`)}\r\n}`,
  'many annotations': (n) => repeat(n * 40, (i) => `// capl-ids: object O${i} ocpp\r\n// capl-ids-disable-next-line magic-number`),
  'a big enum mirroring a table': (n) => `enum SmartChargingMessageIDs { ${repeat(n * 40, (i) => `SessionSetupReq${i % 3 === 0 ? '' : i} = ${i}`, ', ')} };`,
  // hostile growth
  'nested braces': (n) => `on start\r\n${'{'.repeat(n * 200)}${'}'.repeat(n * 200)}`,
  'unclosed braces': (n) => `on start\r\n${'{'.repeat(n * 200)}`,
  'stray closing braces and parentheses': (n) => `on start { ${'})'.repeat(n * 200)} }`,
  'unclosed parentheses': (n) => `on start { x = ${'('.repeat(n * 200)} }`,
  'unterminated strings, one per line': (n) => repeat(n * 200, () => '"abc\\'),
  'unterminated block comment': (n) => `/* ${'x * / '.repeat(n * 400)}`,
  'many block comment openers': (n) => '/*'.repeat(n * 400),
  'many comment closers after a directive word': (n) => `// capl-ids: table ccs ${'*/  '.repeat(n * 400)}x`,
  'a long capl-ids annotation line': (n) => `/* capl-ids: variable ${' x,'.repeat(n * 400)} */`,
  // fix-all inserts a variables section after the encoding header: its regex meets the whole text
  'an encoding header that does not match': (n) => `\ufeff${' \r\n'.repeat(n * 300)}/*@!Encoding:${'1252 '.repeat(n * 300)}* x */\r\n${CALLBACK} { if (MessageID == 8) ; }`,
  'an encoding header followed by blanks': (n) => `/*@!Encoding:1252*/${' \t'.repeat(n * 300)}x\r\n${CALLBACK} { if (MessageID == 8) ; }`,
  // fix-all detects the indentation of the variables section with a regex over its body
  'a variables section of blank lines': (n) => `variables\r\n{${'\n    '.repeat(n * 300)}\n}\r\n${CALLBACK} { if (MessageID == 8) ; }`,
  'a long sysvar path': (n) => `on start { @sysvar::${'A::'.repeat(n * 300)}B = $EVSE.OnLastReceivedMessageIdChanged.LatestCall.lastRxMessageId; }`,
  'a long signal path': (n) => `on start { if ($${'A.'.repeat(n * 300)}OnLastReceivedMessageIdChanged.LatestCall.lastRxMessageId == 8) ; }`,
  'a long enum path': (n) => `on start { x = ${'A::'.repeat(n * 300)}MessageIdType::SessionSetupReq; }`,
  'a long object name': (n) => `on fct_called ${'EvseCharge'.repeat(n * 100)}.OnLastReceivedMessageIdChanged { if ($${'EvseCharge'.repeat(n * 100)}.OnLastReceivedMessageIdChanged.LatestCall.lastRxMessageId == 8) ; }`,
  'a long include path': (n) => `includes { #include "${'a\\'.repeat(n * 300)}x.cin" }`,
  'a long identifier': (n) => 'a'.repeat(n * 2000),
  'a long number': (n) => `on start { if (MessageID == 0x${'f'.repeat(n * 2000)}) ; }`,
  'many on keywords': (n) => repeat(n * 300, () => 'on'),
  'many headers without bodies': (n) => repeat(n * 100, (i) => `on start x${i}\r\ntestcase t${i}(`),
  'many top-level headers inside one body': (n) => `on start {\r\n${repeat(n * 100, () => 'variables')}`,
  'a long parameter list': (n) => `void f(${repeat(n * 100, (i) => `int a${i}`, ', ')}) {}`,
  'many equals signs': (n) => `on start { ${'= '.repeat(n * 300)} }`,
  'many comparisons without operands': (n) => `on start { ${'x == '.repeat(n * 200)} }`,
  'nested calls': (n) => `on start { ${'f('.repeat(n * 50)}1${')'.repeat(n * 50)}; }`,
  'many switches with bodies': (n) => `${CALLBACK} {${'switch (MessageID) { case 5: '.repeat(n * 40)}${'}'.repeat(n * 40)} }`,
};

/**
 * Inputs that once grew super-linearly (product bugs, since fixed): each is measured on its
 * own in linearity.test.ts, so a regression names its input.
 */
export const SUPERLINEAR: Readonly<Record<string, (n: number) => string>> = {
  'nested parentheses around an operand': (n) => `on start { x = ${'('.repeat(n * 50)}x${')'.repeat(n * 50)}; }`,
  'switch headers without bodies': (n) => `${CALLBACK} { ${'switch ('.repeat(n * 50)} }`,
  'declarations opening blocks': (n) => `on start { ${'a b={'.repeat(n * 50)} }`,
  'a table pin in every procedure': (n) => repeat(n * 500, (i) => `void f${i}()\r\n{\r\n  // capl-ids: table ccs\r\n}`),
};

/** Inputs for the document-symbol and code-action requests (the meter runs those requests on them). */
export const SUPERLINEAR_REQUESTS: Readonly<Record<string, (n: number) => string>> = {
  'document symbols of many variables sections': (n) => repeat(n * 500, (i) => `variables { int a${i}; }`),
  'quick fixes for every diagnostic of a file': (n) => `${CALLBACK}\r\n{\r\n${repeat(n * 400, (i) => `  if (MessageID == ${[5, 6, 8, 9][i % 4]}) ;`)}\r\n}\r\nvariables { ${repeat(n * 200, (i) => `int v${i};`, ' ')} }`,
};
