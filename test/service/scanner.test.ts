import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import { decodeCapl } from '../../server/src/files/caplEncoding';
import { integerValue, scan, tokenize } from '../../server/src/service/syntax/scanner';
import { TokenKind, type Token } from '../../server/src/service/syntax/tokens';

type Kind = keyof typeof TokenKind;

/** The tokens of `text` as [kind, text] pairs. */
function tokensOf(text: string): [Kind, string][] {
  return scan(text).map((token) => [TokenKind[token.kind] as Kind, text.slice(token.start, token.end)]);
}

/** The tokens of `text` as [kind, start, end] triples. */
function offsetsOf(text: string, start?: number, end?: number): [Kind, number, number][] {
  return scan(text, start, end).map((token) => [TokenKind[token.kind] as Kind, token.start, token.end]);
}

const CASES: [string, [Kind, string][]][] = [
  ['', []],
  [' \t\r\n\v\f', []],
  ['on message CAN1.0x401-0x440', [['Identifier', 'on'], ['Identifier', 'message'], ['Identifier', 'CAN1'], ['Punct', '.'], ['Number', '0x401'], ['Punct', '-'], ['Number', '0x440']]],
  ['on message can1.EngineData', [['Identifier', 'on'], ['Identifier', 'message'], ['Identifier', 'can1'], ['Punct', '.'], ['Identifier', 'EngineData']]],
  ['on message *', [['Identifier', 'on'], ['Identifier', 'message'], ['Punct', '*']]],
  ['on key \'a\'', [['Identifier', 'on'], ['Identifier', 'key'], ['Char', "'a'"]]],

  // numbers
  ['8 0x1A 0X1a 0xE3 007', [['Number', '8'], ['Number', '0x1A'], ['Number', '0X1a'], ['Number', '0xE3'], ['Number', '007']]],
  ['0x100x', [['Number', '0x100x']]],
  ['1.5 1. .5 1e-3 1.5E+10 2e5 1.5f', [['Number', '1.5'], ['Number', '1.'], ['Number', '.5'], ['Number', '1e-3'], ['Number', '1.5E+10'], ['Number', '2e5'], ['Number', '1.5f']]],
  ['x=.5;', [['Identifier', 'x'], ['Punct', '='], ['Number', '.5'], ['Punct', ';']]],
  ['return .5', [['Identifier', 'return'], ['Number', '.5']]],
  ['f(.5)', [['Identifier', 'f'], ['Punct', '('], ['Number', '.5'], ['Punct', ')']]],
  ['123abc 0x1Ag', [['Number', '123abc'], ['Number', '0x1Ag']]],
  ['0x1E+5', [['Number', '0x1E'], ['Punct', '+'], ['Number', '5']]],
  ['1e+', [['Number', '1e'], ['Punct', '+']]],
  ['0x', [['Number', '0x']]],

  // member access after identifiers, numbers, `)` and `]`
  ['this.byte(0)', [['Identifier', 'this'], ['Punct', '.'], ['Identifier', 'byte'], ['Punct', '('], ['Number', '0'], ['Punct', ')']]],
  ['a[0].5', [['Identifier', 'a'], ['Punct', '['], ['Number', '0'], ['Punct', ']'], ['Punct', '.'], ['Number', '5']]],
  ['f().5', [['Identifier', 'f'], ['Punct', '('], ['Punct', ')'], ['Punct', '.'], ['Number', '5']]],
  ['1.5.6', [['Number', '1.5'], ['Punct', '.'], ['Number', '6']]],
  ['a .5 a/**/.5 a->.5', [
    ['Identifier', 'a'], ['Number', '.5'], ['Identifier', 'a'], ['BlockComment', '/**/'], ['Number', '.5'], ['Identifier', 'a'], ['Punct', '->'], ['Number', '.5'],
  ]],
  ['EVSE.SetMessageTimeout.Call(231, 5000);', [
    ['Identifier', 'EVSE'], ['Punct', '.'], ['Identifier', 'SetMessageTimeout'], ['Punct', '.'], ['Identifier', 'Call'],
    ['Punct', '('], ['Number', '231'], ['Punct', ','], ['Number', '5000'], ['Punct', ')'], ['Punct', ';'],
  ]],

  // system variables and signals
  ['@sysvar::Common::LastReceivedMessageId = 1;', [['SysVar', '@sysvar::Common::LastReceivedMessageId'], ['Punct', '='], ['Number', '1'], ['Punct', ';']]],
  ['@A::B::C @this', [['SysVar', '@A::B::C'], ['SysVar', '@this']]],
  ['@this==213', [['SysVar', '@this'], ['Punct', '=='], ['Number', '213']]],
  ['@sysvar::A::B[2]', [['SysVar', '@sysvar::A::B'], ['Punct', '['], ['Number', '2'], ['Punct', ']']]],
  ['@sysvar:: x', [['SysVar', '@sysvar'], ['Punct', '::'], ['Identifier', 'x']]],
  ['@ 1 @1', [['Unknown', '@'], ['Number', '1'], ['Unknown', '@'], ['Number', '1']]],
  ['$EVSE.OnLastReceivedMessageIdChanged.LatestCall.lastRxMessageId == 213', [
    ['Signal', '$EVSE.OnLastReceivedMessageIdChanged.LatestCall.lastRxMessageId'], ['Punct', '=='], ['Number', '213'],
  ]],
  ['$Bus::Msg::Sig;', [['Signal', '$Bus::Msg::Sig'], ['Punct', ';']]],
  ['$Sig.', [['Signal', '$Sig'], ['Punct', '.']]],
  ['$', [['Unknown', '$']]],
  ['_CCS::DataTypes::MessageIdType::AuthorizationSetupRes', [
    ['Identifier', '_CCS'], ['Punct', '::'], ['Identifier', 'DataTypes'], ['Punct', '::'], ['Identifier', 'MessageIdType'], ['Punct', '::'], ['Identifier', 'AuthorizationSetupRes'],
  ]],

  // strings and chars
  ['"a\\"b" x', [['String', '"a\\"b"'], ['Identifier', 'x']]],
  ['"C:\\\\dir\\\\"', [['String', '"C:\\\\dir\\\\"']]],
  ["'\\0' '\\'' 'a' '\\\\'", [['Char', "'\\0'"], ['Char', "'\\''"], ['Char', "'a'"], ['Char', "'\\\\'"]]],
  ['"unterminated\nx', [['String', '"unterminated'], ['Identifier', 'x']]],
  ['"unterminated\r\nx', [['String', '"unterminated'], ['Identifier', 'x']]],
  ['"ends in backslash\\\nx', [['String', '"ends in backslash\\'], ['Identifier', 'x']]],
  ['"at the end\\', [['String', '"at the end\\']]],
  ["'a\nb", [['Char', "'a"], ['Identifier', 'b']]],
  ["'", [['Char', "'"]]],

  // comments
  ['a // c\r\nb', [['Identifier', 'a'], ['LineComment', '// c'], ['Identifier', 'b']]],
  ['// a\nb // c\nd // e', [['LineComment', '// a'], ['Identifier', 'b'], ['LineComment', '// c'], ['Identifier', 'd'], ['LineComment', '// e']]],
  ['// a\rb // c\rd', [['LineComment', '// a'], ['Identifier', 'b'], ['LineComment', '// c'], ['Identifier', 'd']]],
  ['// a\r\n// b\n// c\r// d', [['LineComment', '// a'], ['LineComment', '// b'], ['LineComment', '// c'], ['LineComment', '// d']]],
  ['a /* x\n y */ b', [['Identifier', 'a'], ['BlockComment', '/* x\n y */'], ['Identifier', 'b']]],
  ['/*/ x', [['BlockComment', '/*/ x']]],
  ['/* never closed\n on start {', [['BlockComment', '/* never closed\n on start {']]],
  ['/**/a', [['BlockComment', '/**/'], ['Identifier', 'a']]],
  ['//', [['LineComment', '//']]],
  ['a/b/=c', [['Identifier', 'a'], ['Punct', '/'], ['Identifier', 'b'], ['Punct', '/='], ['Identifier', 'c']]],
  ['CAN1 /* c */ .5', [['Identifier', 'CAN1'], ['BlockComment', '/* c */'], ['Number', '.5']]],

  // directives
  ['#include "..\\Common\\ids.cin"', [['Directive', '#include "..\\Common\\ids.cin"']]],
  ['#include "a.cin"  // why\r\nx', [['Directive', '#include "a.cin"'], ['LineComment', '// why'], ['Identifier', 'x']]],
  ['#include "a.cin" /* c */', [['Directive', '#include "a.cin"'], ['BlockComment', '/* c */']]],
  ['#include "//server/a.cin"', [['Directive', '#include "//server/a.cin"']]],
  ['#pragma library("x.dll")\n}', [['Directive', '#pragma library("x.dll")'], ['Punct', '}']]],
  ['#', [['Directive', '#']]],
  ['  #include "x" \t\r\n', [['Directive', '#include "x"']]],
  ['includes { #include "x.cin" }', [['Identifier', 'includes'], ['Punct', '{'], ['Directive', '#include "x.cin"'], ['Punct', '}']]],
  ['{ #include "a.cin" #include "b.cin" }', [['Punct', '{'], ['Directive', '#include "a.cin"'], ['Directive', '#include "b.cin"'], ['Punct', '}']]],
  ['#include "a.cin" // }\r\n}', [['Directive', '#include "a.cin"'], ['LineComment', '// }'], ['Punct', '}']]],
  ['#include "odd}#name.cin" }', [['Directive', '#include "odd}#name.cin"'], ['Punct', '}']]],
  ['{ #pragma library("x.dll") }', [['Punct', '{'], ['Directive', '#pragma library("x.dll")'], ['Punct', '}']]],

  // punctuators, longest match
  ['a==b!=c<=d>=e&&f||g', [
    ['Identifier', 'a'], ['Punct', '=='], ['Identifier', 'b'], ['Punct', '!='], ['Identifier', 'c'], ['Punct', '<='], ['Identifier', 'd'],
    ['Punct', '>='], ['Identifier', 'e'], ['Punct', '&&'], ['Identifier', 'f'], ['Punct', '||'], ['Identifier', 'g'],
  ]],
  ['<<= >>= << >> -> ++ -- += -= *= %= &= |= ^= ::', [
    ['Punct', '<<='], ['Punct', '>>='], ['Punct', '<<'], ['Punct', '>>'], ['Punct', '->'], ['Punct', '++'], ['Punct', '--'], ['Punct', '+='],
    ['Punct', '-='], ['Punct', '*='], ['Punct', '%='], ['Punct', '&='], ['Punct', '|='], ['Punct', '^='], ['Punct', '::'],
  ]],
  ['{}()[];,?:~!', [
    ['Punct', '{'], ['Punct', '}'], ['Punct', '('], ['Punct', ')'], ['Punct', '['], ['Punct', ']'], ['Punct', ';'], ['Punct', ','],
    ['Punct', '?'], ['Punct', ':'], ['Punct', '~'], ['Punct', '!'],
  ]],
  ['dword& len', [['Identifier', 'dword'], ['Punct', '&'], ['Identifier', 'len']]],

  // anything else is one Unknown token per character (a surrogate pair counts as one)
  ['a\0b', [['Identifier', 'a'], ['Unknown', '\0'], ['Identifier', 'b']]],
  ['\uD800x\uDC00', [['Unknown', '\uD800'], ['Identifier', 'x'], ['Unknown', '\uDC00']]],
  ['\uD83D\uDE00', [['Unknown', '\uD83D\uDE00']]],
  ['\uFFFD`\\ä\u00A0', [['Unknown', '\uFFFD'], ['Unknown', '`'], ['Unknown', '\\'], ['Unknown', 'ä'], ['Unknown', '\u00A0']]],
  ['x\uFEFF', [['Identifier', 'x'], ['Unknown', '\uFEFF']]],
];

describe('scan', () => {
  for (const [input, expected] of CASES) {
    it(`scans ${JSON.stringify(input)}`, () => assert.deepEqual(tokensOf(input), expected));
  }

  it('keeps exact offsets on CRLF input behind a BOM', () => {
    const text = '\uFEFFon start\r\n{\r\n  // c\r\n  x = 0x10;\r\n}\r\n';
    assert.deepEqual(offsetsOf(text), [
      ['Identifier', 1, 3],
      ['Identifier', 4, 9],
      ['Punct', 11, 12],
      ['LineComment', 16, 20],
      ['Identifier', 24, 25],
      ['Punct', 26, 27],
      ['Number', 28, 32],
      ['Punct', 32, 33],
      ['Punct', 35, 36],
    ]);
  });

  it('skips a BOM only at offset 0', () => {
    assert.deepEqual(offsetsOf('\uFEFF'), []);
    assert.deepEqual(offsetsOf('\uFEFFa\uFEFF', 1), [['Identifier', 1, 2], ['Unknown', 2, 3]]);
  });

  it('keeps offsets in Windows-1252 text', () => {
    // `/*@!Encoding:1252*/` CRLF `// Grüße 0x80=€` CRLF `byte ä;`
    const bytes = Uint8Array.from([
      ...Buffer.from('/*@!Encoding:1252*/\r\n// Gr'), 0xfc, 0xdf, 0x65, ...Buffer.from(' 0x80='), 0x80, ...Buffer.from('\r\nbyte '), 0xe4, 0x3b,
    ]);
    const { text, encoding } = decodeCapl(bytes);
    assert.equal(encoding, 'windows-1252');
    assert.deepEqual(tokensOf(text), [
      ['BlockComment', '/*@!Encoding:1252*/'],
      ['LineComment', '// Grüße 0x80=€'],
      ['Identifier', 'byte'],
      ['Unknown', 'ä'],
      ['Punct', ';'],
    ]);
    assert.deepEqual(offsetsOf(text).slice(1), [['LineComment', 21, 36], ['Identifier', 38, 42], ['Unknown', 43, 44], ['Punct', 44, 45]]);
  });

  it('scans only the given range', () => {
    const text = 'a /* b */ c "d e" f';
    assert.deepEqual(offsetsOf(text, 2, 8), [['BlockComment', 2, 8]]);
    assert.deepEqual(offsetsOf(text, 10, 14), [['Identifier', 10, 11], ['String', 12, 14]]);
    assert.deepEqual(offsetsOf('0x1E+5', 0, 5), [['Number', 0, 4], ['Punct', 4, 5]]);
    assert.deepEqual(offsetsOf('1e+5', 0, 3), [['Number', 0, 2], ['Punct', 2, 3]]);
    assert.deepEqual(offsetsOf('a<<=', 0, 3), [['Identifier', 0, 1], ['Punct', 1, 3]]);
    assert.deepEqual(offsetsOf('@a::b', 0, 4), [['SysVar', 0, 2], ['Punct', 2, 4]]);
    assert.deepEqual(offsetsOf('// abc\nx', 0, 4), [['LineComment', 0, 4]]);
    assert.deepEqual(offsetsOf('x // a\n// b', 2, 8), [['LineComment', 2, 6], ['Punct', 7, 8]]);
    // member access needs its operand in the range
    assert.deepEqual(offsetsOf('a.5', 1), [['Number', 1, 3]]);
    assert.deepEqual(offsetsOf('f().5', 2), [['Punct', 2, 3], ['Punct', 3, 4], ['Number', 4, 5]]);
  });

  it('clamps a range outside the text', () => {
    assert.deepEqual(offsetsOf('ab', -5, 99), [['Identifier', 0, 2]]);
    assert.deepEqual(offsetsOf('ab', 2, 1), []);
    assert.deepEqual(offsetsOf('ab', Number.NaN, Number.NaN), []);
  });

  it('scans a 1 MB line and a 1 MB unterminated comment', () => {
    const line = 'x'.repeat(1 << 20);
    assert.deepEqual(offsetsOf(`${line}\n1`), [['Identifier', 0, 1 << 20], ['Number', (1 << 20) + 1, (1 << 20) + 2]]);
    assert.deepEqual(offsetsOf(`/*${line}`), [['BlockComment', 0, (1 << 20) + 2]]);
  });

  it('tokenize keeps the comments and directives apart from the code tokens, each in text order', () => {
    const text = '#include "a.cin"\nx = 1; // one\n/* two */ y';
    const { code, commentsAndDirectives } = tokenize(text);
    const texts = (tokens: Token[]) => tokens.map((token) => text.slice(token.start, token.end));
    assert.deepEqual(texts(code.toArray()), ['x', '=', '1', ';', 'y']);
    assert.deepEqual(texts(commentsAndDirectives.toArray()), ['#include "a.cin"', '// one', '/* two */']);
  });
});

describe('integerValue', () => {
  const VALUES: [string, number | undefined][] = [
    ['8', 8], ['0', 0], ['007', 7], ['0xE3', 227], ['0X1a', 26], ['0x100x', 256], ['0x100X', 256], ['0x1fffffffx', 0x1fffffff],
    ['9007199254740991', Number.MAX_SAFE_INTEGER], ['9007199254740993', undefined], ['0xFFFFFFFFFFFFFFFF', undefined],
    ['1.5', undefined], ['.5', undefined], ['1e3', undefined], ['0x', undefined], ['0xx', undefined], ['0xg', undefined],
    ['12ab', undefined], ['0x1.5', undefined], ['', undefined], ['x', undefined],
  ];
  for (const [text, value] of VALUES) {
    it(`reads ${JSON.stringify(text)} as ${value}`, () => assert.equal(integerValue(text), value));
  }
});

/** Text made of CAPL fragments that start and end every kind of token, plus arbitrary UTF-16. */
const caplLike = fc
  .array(
    fc.oneof(
      fc.constantFrom(
        '/*', '*/', '//', '"', "'", '\\', '\r\n', '\n', '\r', ' ', '\t', '@', '@sysvar::', '$', '$A.', '::', '#include "', '#', '.', '..',
        '0x', '0x100x', '1', '.5', 'e+', 'a', 'on', '{', '}', '(', ')', '[', ']', ';', ',', '=', '<<=', '\uFEFF', '\uD800', '\uDC00', '\0', '\uFFFD', 'ä',
      ),
      fc.string({ unit: 'binary', maxLength: 4 }),
    ),
    { maxLength: 60 },
  )
  .map((parts) => parts.join(''));

const WHITESPACE = new Set([' ', '\t', '\n', '\v', '\f', '\r']);

/** Tokens lie in [start, end), in order, without overlap, and cover every character but whitespace (and the BOM at 0). */
function assertWellFormed(text: string, tokens: readonly Token[], start: number, end: number): void {
  const assertSkippable = (from: number, to: number) => {
    for (let i = from; i < to; i++) {
      assert.ok(WHITESPACE.has(text[i]) || (i === 0 && text[i] === '\uFEFF'), `uncovered ${JSON.stringify(text[i])} at ${i}`);
    }
  };
  let covered = start;
  for (const token of tokens) {
    assert.ok(token.start >= covered && token.end > token.start && token.end <= end, `bad token ${JSON.stringify(token)}`);
    assertSkippable(covered, token.start);
    covered = token.end;
  }
  assertSkippable(covered, end);
}

describe('scan properties', () => {
  it('never throws and returns ordered, disjoint tokens covering all but whitespace', () => {
    fc.assert(
      fc.property(fc.oneof(caplLike, fc.string({ unit: 'binary' })), (text) => {
        assertWellFormed(text, scan(text), 0, text.length);
      }),
      { numRuns: 2000 },
    );
  });

  it('does the same on any range of the text', () => {
    fc.assert(
      fc.property(caplLike, fc.nat(), fc.nat(), (text, a, b) => {
        const start = Math.min(a, b) % (text.length + 1);
        const end = start + (Math.max(a, b) % (text.length - start + 1));
        assertWellFormed(text, scan(text, start, end), start, end);
      }),
      { numRuns: 1000 },
    );
  });
});

describe('scan cost', () => {
  /** Calls of String.prototype.charCodeAt made by `run`. */
  function charReads(run: () => void): number {
    const original = String.prototype.charCodeAt;
    let reads = 0;
    String.prototype.charCodeAt = function (this: string, index: number) {
      reads++;
      return original.call(this, index);
    };
    try {
      run();
    } finally {
      String.prototype.charCodeAt = original;
    }
    return reads;
  }

  const SHAPES: [string, (n: number) => string][] = [
    ['one long identifier', (n) => 'a'.repeat(n)],
    ['back-to-back comments', (n) => '/*'.repeat(n)],
    ['an unclosed comment', (n) => `/*${'* '.repeat(n)}`],
    ['quote-backslash runs', (n) => '"\\'.repeat(n)],
    ['char quotes', (n) => "'".repeat(n)],
    ['system variable paths', (n) => '@a::'.repeat(n)],
    ['signal paths', (n) => '$a.'.repeat(n)],
    ['hashes', (n) => '#'.repeat(n)],
    ['directives cut by comments', (n) => '#"/*"//\n'.repeat(n)],
    ['hex prefixes', (n) => '0x'.repeat(n)],
    ['dotted numbers', (n) => '.5'.repeat(n)],
    ['line comments on CR lines', (n) => '//\r'.repeat(n)],
    ['blanks before a line end', (n) => `#${' '.repeat(n)}\n`],
    ['shift-assign chains', (n) => '<<='.repeat(n)],
  ];

  for (const [shape, make] of SHAPES) {
    it(`reads each character a bounded number of times: ${shape}`, () => {
      const small = make(2000);
      const large = make(8000);
      const smallReads = charReads(() => scan(small));
      const largeReads = charReads(() => scan(large));
      assert.ok(largeReads <= 4 * large.length, `${largeReads} reads for ${large.length} characters`);
      assert.ok(largeReads / smallReads <= (large.length / small.length) * 1.05, `${smallReads} → ${largeReads} reads`);
    });
  }
});
