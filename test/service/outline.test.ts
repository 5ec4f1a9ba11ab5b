import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import { parseOutline, type Outline, type Span } from '../../server/src/service/syntax/outline';
import { tokenize } from '../../server/src/service/syntax/scanner';
import type { Token } from '../../server/src/service/syntax/tokens';

function outlineOf(text: string): Outline {
  return parseOutline(text, tokenize(text));
}

/** The tokens Procedure.bodyFirstToken and bodyLastToken index. */
function codeTokensOf(text: string): Token[] {
  return tokenize(text).code.toArray();
}

function textOf(text: string, span: Span | undefined): string | undefined {
  return span && text.slice(span.start, span.end);
}

describe('parseOutline: event procedures', () => {
  // header after `on` → [eventType, eventTarget]
  const EVENTS: [string, string, string | undefined][] = [
    ['start', 'start', undefined],
    ['preStart', 'prestart', undefined],
    ['stopMeasurement', 'stopmeasurement', undefined],
    ['preStop', 'prestop', undefined],
    ['errorFrame', 'errorframe', undefined],
    ['busOff', 'busoff', undefined],
    ['timer t', 'timer', 't'],
    ["key 'a'", 'key', "'a'"],
    ["key '\\''", 'key', "'\\''"],
    ['key F2', 'key', 'F2'],
    ['key *', 'key', '*'],
    ['message 0x123', 'message', '0x123'],
    ['message 0x100x', 'message', '0x100x'],
    ['message can1.EngineData', 'message', 'can1.EngineData'],
    ['message CAN1.0x401-0x440', 'message', 'CAN1.0x401-0x440'],
    ['message *', 'message', '*'],
    ['Message CAN2.*', 'message', 'CAN2.*'],
    ['sysvar A::B::C', 'sysvar', 'A::B::C'],
    ['sysvar sysvar::Common::LastReceivedMessageId', 'sysvar', 'sysvar::Common::LastReceivedMessageId'],
    ['sysvar_update Common::LastId', 'sysvar_update', 'Common::LastId'],
    ['envVar X', 'envvar', 'X'],
    ['signal Engine::Speed', 'signal', 'Engine::Speed'],
    ['value_change Engine::Speed', 'value_change', 'Engine::Speed'],
    ['diagRequest "Door::Lock"', 'diagrequest', '"Door::Lock"'],
    ['fct_called EVSE.OnLastReceivedMessageIdChanged', 'fct_called', 'EVSE.OnLastReceivedMessageIdChanged'],
    ['fct_returning EVSE.SetMessageTimeout', 'fct_returning', 'EVSE.SetMessageTimeout'],
  ];

  for (const [header, eventType, eventTarget] of EVENTS) {
    for (const on of ['on', 'On', 'ON']) {
      it(`reads "${on} ${header}"`, () => {
        const text = `${on} ${header}\r\n{\r\n  write("%d", 1); { }\r\n}\r\n`;
        const tokens = codeTokensOf(text);
        const [procedure, ...others] = parseOutline(text, tokenize(text)).procedures;
        assert.deepEqual(others, []);
        assert.equal(procedure.kind, 'event');
        assert.equal(procedure.eventType, eventType);
        assert.equal(procedure.eventTarget, eventTarget);
        assert.equal(procedure.name, header);
        assert.equal(textOf(text, procedure.nameSpan), header);
        assert.deepEqual(procedure.parameters, []);
        const close = text.lastIndexOf('}');
        assert.deepEqual(
          [procedure.start, procedure.end, procedure.bodyOpen, procedure.bodyClose],
          [0, close + 1, text.indexOf('{'), close],
        );
        assert.equal(tokens[procedure.bodyFirstToken].start, procedure.bodyOpen);
        assert.equal(tokens[procedure.bodyLastToken].start, procedure.bodyClose);
      });
    }
  }

  it('keeps comments inside the header as written', () => {
    const [procedure] = outlineOf('on message /* engine */ 0x123 // x\n{}').procedures;
    assert.deepEqual([procedure.name, procedure.eventTarget], ['message /* engine */ 0x123', '0x123']);
  });

  it('needs the event type on the line of `on`', () => {
    assert.deepEqual(
      outlineOf('on\nvoid f() {}').procedures.map((p) => [p.kind, p.name, p.returnType]),
      [['function', 'f', 'void']],
    );
  });

  it('skips headers without a body', () => {
    assert.deepEqual(outlineOf('on start').procedures, []);
    assert.deepEqual(outlineOf('on start; void f() {}').procedures.map((p) => p.name), ['f']);
    assert.deepEqual(outlineOf('on start } void f() {}').procedures.map((p) => p.name), ['f']);
  });
});

describe('parseOutline: functions and tests', () => {
  type Parameter = [type: string, name: string, isArray: boolean, isReference: boolean];
  // source → [kind, name, returnType, start of the procedure text, parameters]
  const FUNCTIONS: [string, string, string, string | undefined, string, Parameter[]][] = [
    ['void f(int a) {}', 'function', 'f', 'void', 'void', [['int', 'a', false, false]]],
    ['long f() {}', 'function', 'f', 'long', 'long', []],
    ['int f(void) {}', 'function', 'f', 'int', 'int', []],
    [
      'SCC_MessageRxInd(byte SessionID[], dword MessageID) { }', 'function', 'SCC_MessageRxInd', undefined, 'SCC_MessageRxInd',
      [['byte', 'SessionID', true, false], ['dword', 'MessageID', false, false]],
    ],
    [
      'SCC_PayloadPreSendInd(byte SessionOrRunID[], dword MessageID, byte Payload[], dword& PayloadLength) {}',
      'function', 'SCC_PayloadPreSendInd', undefined, 'SCC_PayloadPreSendInd',
      [['byte', 'SessionOrRunID', true, false], ['dword', 'MessageID', false, false], ['byte', 'Payload', true, false], ['dword', 'PayloadLength', false, true]],
    ],
    [
      'void SCC_SignaturePreSendInd(byte SessionId[], dword MessageId, byte Signature[], dword &SigLength) {}',
      'function', 'SCC_SignaturePreSendInd', 'void', 'void',
      [['byte', 'SessionId', true, false], ['dword', 'MessageId', false, false], ['byte', 'Signature', true, false], ['dword', 'SigLength', false, true]],
    ],
    ['dword g(char buf[][10], LastRxMessageIdType id) {}', 'function', 'g', 'dword', 'dword', [['char', 'buf', true, false], ['LastRxMessageIdType', 'id', false, false]]],
    ['void h(_CCS::DataTypes::MessageIdType id) {}', 'function', 'h', 'void', 'void', [['_CCS::DataTypes::MessageIdType', 'id', false, false]]],
    ['enum Color pick(int i) {}', 'function', 'pick', 'enum Color', 'enum', [['int', 'i', false, false]]],
    ['void f(\n  byte a[], // first\n  dword b /* second */)\n{\n}', 'function', 'f', 'void', 'void', [['byte', 'a', true, false], ['dword', 'b', false, false]]],
    ['testcase TC_Session() {}', 'testcase', 'TC_Session', undefined, 'testcase', []],
    ['testfunction TF_Check(dword id) {}', 'testfunction', 'TF_Check', undefined, 'testfunction', [['dword', 'id', false, false]]],
    ['export testfunction TF_Lib() {}', 'testfunction', 'TF_Lib', undefined, 'export', []],
    ['export void libFn() {}', 'function', 'libFn', 'void', 'export', []],
    ['int x\nvoid f() {}', 'function', 'f', 'void', 'void', []],
    ['int x = 1\nvoid f() {}', 'function', 'f', 'void', 'void', []],
  ];

  for (const [source, kind, name, returnType, startsWith, parameters] of FUNCTIONS) {
    it(`reads ${JSON.stringify(source)}`, () => {
      const text = `variables { int z; }\n${source}\n`;
      const [procedure, ...others] = outlineOf(text).procedures;
      assert.deepEqual(others, []);
      assert.deepEqual([procedure.kind, procedure.name, procedure.returnType], [kind, name, returnType]);
      assert.equal(textOf(text, procedure.nameSpan), name);
      assert.ok(text.startsWith(startsWith, procedure.start), text.slice(procedure.start));
      assert.equal(procedure.end, text.lastIndexOf('}') + 1);
      assert.equal(procedure.eventType, undefined);
      assert.deepEqual(procedure.parameters.map((p) => [p.type, p.name, p.isArray, p.isReference]), parameters);
      for (const parameter of procedure.parameters) {
        assert.equal(textOf(text, parameter.nameSpan), parameter.name);
        assert.ok(textOf(text, parameter)!.startsWith(parameter.type));
      }
    });
  }

  it('gives parameter spans as written', () => {
    const text = 'void f(dword& len, byte p[]) {}';
    assert.deepEqual(outlineOf(text).procedures[0].parameters.map((p) => textOf(text, p)), ['dword& len', 'byte p[]']);
  });

  it('does not take prototypes, calls or bodies of other blocks for functions', () => {
    const outline = outlineOf('void f(int a);\nvariables { int x = g(1); }\non start { void inner() {} }');
    assert.deepEqual(outline.procedures.map((p) => p.name), ['start']);
    assert.deepEqual(outline.globals.map((g) => g.name), ['x']);
  });

  it('orders procedures as written and indexes their body tokens', () => {
    const text = 'on start {}\r\nvoid a() { if (1) { b(); } }\r\ntestcase T() {}\r\n';
    const tokens = codeTokensOf(text);
    const procedures = parseOutline(text, tokenize(text)).procedures;
    assert.deepEqual(procedures.map((p) => p.name), ['start', 'a', 'T']);
    for (const procedure of procedures) {
      assert.equal(text[tokens[procedure.bodyFirstToken].start], '{');
      assert.equal(text[tokens[procedure.bodyLastToken].start], '}');
      assert.equal(tokens[procedure.bodyLastToken].start, procedure.bodyClose);
    }
  });
});

describe('parseOutline: enums', () => {
  // source → members as [name, value, written value]
  const ENUMS: [string, string, [string, number | undefined, string | undefined][]][] = [
    ['enum E { A = 1, B, C = 0x10 };', 'E', [['A', 1, '1'], ['B', 2, undefined], ['C', 16, '0x10']]],
    ['enum E { A, B, C };', 'E', [['A', 0, undefined], ['B', 1, undefined], ['C', 2, undefined]]],
    ['enum E { A = -1, B, C = 0x100x, D, E = +3 };', 'E', [['A', -1, '-1'], ['B', 0, undefined], ['C', 256, '0x100x'], ['D', 257, undefined], ['E', 3, '+3']]],
    ['enum E { A = B + 1, C, D = 5, F };', 'E', [['A', undefined, undefined], ['C', undefined, undefined], ['D', 5, '5'], ['F', 6, undefined]]],
    ['enum E { A = 1.5, B = (2), C = f(1, 2), D };', 'E', [['A', undefined, undefined], ['B', undefined, undefined], ['C', undefined, undefined], ['D', undefined, undefined]]],
    ['enum E { A, B, };', 'E', [['A', 0, undefined], ['B', 1, undefined]]],
    ['enum { X, Y };', '', [['X', 0, undefined], ['Y', 1, undefined]]],
    ['enum E { };', 'E', []],
    [
      'enum SmartChargingMessageIDs {\r\n  InvalidMessage = 0, // none\r\n  SECCDiscoveryReq = 1,\r\n  /* … */ SessionSetupReq = 5,\r\n  CmSLACMatchCnf = 116\r\n};',
      'SmartChargingMessageIDs',
      [['InvalidMessage', 0, '0'], ['SECCDiscoveryReq', 1, '1'], ['SessionSetupReq', 5, '5'], ['CmSLACMatchCnf', 116, '116']],
    ],
  ];

  for (const [source, name, members] of ENUMS) {
    for (const text of [source, `variables {\n  ${source}\n}`]) {
      it(`reads ${JSON.stringify(text)}`, () => {
        const [declaration, ...others] = outlineOf(text).enums;
        assert.deepEqual(others, []);
        assert.equal(declaration.name, name);
        assert.equal(textOf(text, declaration.nameSpan), name || 'enum');
        assert.equal(textOf(text, declaration), source.slice(0, -1));
        assert.deepEqual(declaration.members.map((m) => [m.name, m.value, textOf(text, m.valueSpan)]), members);
        for (const member of declaration.members) assert.equal(textOf(text, member.nameSpan), member.name);
      });
    }
  }

  it('declares the variables after the enum body', () => {
    const outline = outlineOf('enum E { A = 1 } e1, e2 = A;\nenum E e3;');
    assert.deepEqual(outline.enums.map((e) => e.name), ['E']);
    assert.deepEqual(outline.globals.map((g) => [g.type, g.name]), [['enum E', 'e1'], ['enum E', 'e2'], ['enum E', 'e3']]);
  });

  it('ignores enums inside procedures', () => {
    assert.deepEqual(outlineOf('void f() { enum L { A }; }').enums, []);
  });
});

describe('parseOutline: global declarations', () => {
  // declaration → [type, name, isConst, span text, initializer text][]
  const DECLARATIONS: [string, [string, string, boolean, string, string | undefined][]][] = [
    ['message 0x123 Tx;', [['message 0x123', 'Tx', false, 'message 0x123 Tx', undefined]]],
    ['message CAN1.EngineData msg;', [['message CAN1.EngineData', 'msg', false, 'message CAN1.EngineData msg', undefined]]],
    ['message * anyMsg;', [['message *', 'anyMsg', false, 'message * anyMsg', undefined]]],
    ['msTimer t;', [['msTimer', 't', false, 'msTimer t', undefined]]],
    ['timer t2;', [['timer', 't2', false, 'timer t2', undefined]]],
    ['const int X = 5;', [['int', 'X', true, 'const int X = 5', '5']]],
    ['dword ids[3];', [['dword', 'ids', false, 'dword ids[3]', undefined]]],
    ['dword ids[3] = {1, 2, 3};', [['dword', 'ids', false, 'dword ids[3] = {1, 2, 3}', '{1, 2, 3}']]],
    ['LastRxMessageIdType gLast;', [['LastRxMessageIdType', 'gLast', false, 'LastRxMessageIdType gLast', undefined]]],
    ['int a = 1, b = 2;', [['int', 'a', false, 'int a = 1', '1'], ['int', 'b', false, 'b = 2', '2']]],
    ['int m[2][2] = {{1, 2}, {3, 4}}, n;', [['int', 'm', false, 'int m[2][2] = {{1, 2}, {3, 4}}', '{{1, 2}, {3, 4}}'], ['int', 'n', false, 'n', undefined]]],
    ['char s[10] = "a, b";', [['char', 's', false, 'char s[10] = "a, b"', '"a, b"']]],
    ['_CCS::DataTypes::MessageIdType gId = 5;', [['_CCS::DataTypes::MessageIdType', 'gId', false, '_CCS::DataTypes::MessageIdType gId = 5', '5']]],
    ['long id = f(1, 2);', [['long', 'id', false, 'long id = f(1, 2)', 'f(1, 2)']]],
    ['struct S { int a; byte b[2]; } s1;', [['struct S', 's1', false, 's1', undefined]]],
    ['struct S s2;', [['struct S', 's2', false, 'struct S s2', undefined]]],
    ['void f(int a);', []],
    ['x = 5;', []],
    ['int;', []],
    ['int a, , b;', [['int', 'a', false, 'int a', undefined], ['int', 'b', false, 'b', undefined]]],
  ];

  for (const [source, expected] of DECLARATIONS) {
    for (const text of [source, `Variables\r\n{\r\n  ${source}\r\n}\r\n`]) {
      it(`reads ${JSON.stringify(text)}`, () => {
        const globals = outlineOf(text).globals;
        assert.deepEqual(
          globals.map((g) => [g.type, g.name, g.isConst, textOf(text, g), textOf(text, g.initializer)]),
          expected,
        );
        for (const global of globals) assert.equal(textOf(text, global.nameSpan), global.name);
      });
    }
  }

  it('ignores declarations inside procedures', () => {
    assert.deepEqual(outlineOf('on start { int local = 1; }\nvoid f() { long x; }').globals, []);
  });
});

describe('parseOutline: sections and includes', () => {
  it('reads includes, variables and #include directives anywhere', () => {
    const text = [
      '/*@!Encoding:1252*/',
      'includes',
      '{',
      '  #include "..\\Common\\ids.cin"',
      '  #include "b.cin" // why',
      '}',
      'Variables { int x; }',
      '#include "late.cin"',
      'on start { }',
    ].join('\r\n');
    const outline = outlineOf(text);
    assert.deepEqual(
      outline.sections.map((s) => [s.keyword, textOf(text, s), text[s.openBrace], text[s.closeBrace]]),
      [
        ['includes', 'includes\r\n{\r\n  #include "..\\Common\\ids.cin"\r\n  #include "b.cin" // why\r\n}', '{', '}'],
        ['Variables', 'Variables { int x; }', '{', '}'],
      ],
    );
    assert.deepEqual(
      outline.includes.map((i) => [i.path, textOf(text, i.pathSpan), textOf(text, i)]),
      [
        ['..\\Common\\ids.cin', '"..\\Common\\ids.cin"', '#include "..\\Common\\ids.cin"'],
        ['b.cin', '"b.cin"', '#include "b.cin"'],
        ['late.cin', '"late.cin"', '#include "late.cin"'],
      ],
    );
    assert.deepEqual(outline.globals.map((g) => g.name), ['x']);
    assert.deepEqual(outline.procedures.map((p) => p.name), ['start']);
  });

  const ONE_LINE_INCLUDES: [string, string][] = [
    ['a bare one', 'includes { #include "x.cin" }'],
    ['two of them', 'includes { #include "x.cin" #include "y.cin" }'],
    ['a comment after the directive', 'includes { #include "x.cin" /* shared helpers */ }'],
    ['a line comment after the directive, the brace on the next line', 'includes { #include "x.cin" // shared helpers\r\n}'],
  ];
  for (const [what, includes] of ONE_LINE_INCLUDES) {
    it(`ends an includes section written on one line (${what}) at its brace, and reads what follows`, () => {
      const text = [includes, 'variables { dword gTimeout = 5000; }', 'void StartGuard(dword m, dword t) { EVSE.SetMessageTimeout(m, t); }', 'on start { StartGuard(215, 3000); }'].join('\r\n');
      const outline = outlineOf(text);
      assert.deepEqual(outline.sections.map((s) => [s.keyword, textOf(text, s), text[s.closeBrace]]), [
        ['includes', includes, '}'],
        ['variables', 'variables { dword gTimeout = 5000; }', '}'],
      ]);
      assert.deepEqual(outline.includes.map((i) => i.path), includes.includes('y.cin') ? ['x.cin', 'y.cin'] : ['x.cin']);
      assert.deepEqual(outline.globals.map((g) => g.name), ['gTimeout']);
      assert.deepEqual(outline.procedures.map((p) => p.name), ['StartGuard', 'start']);
    });
  }

  const DIRECTIVES: [string, [string, string][]][] = [
    ['#include "a.cin"', [['a.cin', '"a.cin"']]],
    ['# include\t"a.cin"', [['a.cin', '"a.cin"']]],
    ['#include "unterminated', [['unterminated', '"unterminated']]],
    ['#include ""', [['', '""']]],
    ['#include <a.cin>', []],
    ['#includes "a.cin"', []],
    ['#pragma library("capldll.dll")', []],
    ['/* #include "a.cin" */', []],
  ];
  for (const [text, expected] of DIRECTIVES) {
    it(`reads the directive ${JSON.stringify(text)}`, () => {
      assert.deepEqual(outlineOf(text).includes.map((i) => [i.path, textOf(text, i.pathSpan)]), expected);
    });
  }

  it('keeps the keyword as written', () => {
    assert.deepEqual(outlineOf('INCLUDES { } VARIABLES { }').sections.map((s) => s.keyword), ['INCLUDES', 'VARIABLES']);
  });
});

describe('parseOutline: broken input', () => {
  it('ends an unclosed body where the next procedure starts', () => {
    const text = 'void f()\n{\n  x = 1;\n  // typing\non start\n{\n}\n';
    const tokens = codeTokensOf(text);
    const [f, start] = parseOutline(text, tokenize(text)).procedures;
    assert.deepEqual([f.name, f.bodyClose, f.end], ['f', text.indexOf(';') + 1, text.indexOf(';') + 1]);
    assert.equal(tokens[f.bodyLastToken].start, text.indexOf(';'));
    assert.deepEqual([start.name, start.start], ['start', text.indexOf('on start')]);
  });

  it('ends an unclosed body before a header on its own line even after an unfinished statement', () => {
    const names = (text: string) => outlineOf(text).procedures.map((p) => p.name);
    assert.deepEqual(names('void f() {\n  x = \nvariables { int y; }\ntestcase T() {}'), ['f', 'T']);
    assert.deepEqual(names('void f() {\n  if (a) {\n    b\n  export testfunction T() {}'), ['f', 'T']);
    assert.deepEqual(names('void f() { x = 1; on message 0x1 { } }'), ['f', 'message 0x1']);
    assert.deepEqual(outlineOf('void f() {\n  x = \nvariables { int y; }').globals.map((g) => g.name), ['y']);
  });

  it('ends a body only at header words spelled as CAPL takes them: `on`, `includes`, `variables` in any case, the others as written', () => {
    const names = (text: string) => outlineOf(text).procedures.map((p) => p.name);
    for (const header of ['ON start {}', 'Includes { }', 'VARIABLES { }', 'testcase T() {}', 'testfunction T() {}', 'export testfunction T() {}']) {
      assert.equal(names(`void f() {\n  x = 1;\n${header}`)[0], 'f', header);
      assert.equal(outlineOf(`void f() {\n  x = 1;\n${header}`).procedures[0].end, 'void f() {\n  x = 1;'.length, header);
    }
    for (const words of ['TestCase T() {}', 'TESTFUNCTION T() {}', 'Export testfunction T() {}', 'export TestFunction T() {}']) {
      assert.deepEqual(names(`void f() {\n  x = 1;\n${words}`), ['f'], words);
      assert.equal(outlineOf(`void f() {\n  x = 1;\n${words}`).procedures[0].end, `void f() {\n  x = 1;\n${words}`.length, words);
    }
    assert.deepEqual(outlineOf('TestCase T() {}\nExport void g() {}').procedures.map((p) => [p.kind, p.name, p.returnType]), [['function', 'T', 'TestCase'], ['function', 'g', 'void']]);
  });

  it('does not end a body at `on` in the middle of a statement', () => {
    assert.deepEqual(outlineOf('void f() { a = b on c; }\nvoid g() {}').procedures.map((p) => [p.name, p.end]), [['f', 24], ['g', 36]]);
  });

  it('runs an unclosed body to the text end', () => {
    const text = 'void f() {\n  if (x) {\n  // c';
    const tokens = codeTokensOf(text);
    const [f] = parseOutline(text, tokenize(text)).procedures;
    assert.deepEqual([f.bodyClose, f.end, f.bodyLastToken], [text.length, text.length, tokens.length - 1]);
  });

  it('ends an unclosed variables section at the next procedure', () => {
    const text = 'variables {\n  int x;\n  byte y\non start {}';
    const outline = outlineOf(text);
    assert.deepEqual(outline.sections.map((s) => [s.keyword, s.closeBrace, s.end]), [['variables', text.indexOf('y\n') + 1, text.indexOf('y\n') + 1]]);
    assert.deepEqual(outline.globals.map((g) => g.name), ['x', 'y']);
    assert.deepEqual(outline.procedures.map((p) => p.name), ['start']);
    assert.deepEqual(outlineOf('variables { int x;').sections.map((s) => s.closeBrace), ['variables { int x;'.length]);
  });

  it('survives stray closing braces and unclosed initializers', () => {
    assert.deepEqual(outlineOf('}}} void f() {} }').procedures.map((p) => p.name), ['f']);
    assert.deepEqual(outlineOf('int a[2] = {1, 2\non start {}').procedures.map((p) => p.name), ['start']);
    assert.deepEqual(outlineOf('int x\non start {}').globals.map((g) => g.name), ['x']);
    assert.deepEqual(outlineOf('enum E { A, B\non start {}').enums.map((e) => e.members.map((m) => m.name)), [['A', 'B']]);
    assert.deepEqual(outlineOf('enum E { A, B; int x; }').enums.map((e) => e.members.map((m) => m.name)), [['A', 'B']]);
  });

  it('handles 10 000 nested braces without recursion', () => {
    const deep = 'on start ' + '{'.repeat(10_000) + '}'.repeat(10_000) + '\nvoid f() ' + '{'.repeat(10_000);
    const outline = outlineOf(deep);
    assert.deepEqual(outline.procedures.map((p) => [p.name, p.end]), [['start', 20_009], ['f', deep.length]]);
    assert.deepEqual(outlineOf('{'.repeat(10_000)).procedures, []);
    assert.deepEqual(outlineOf('variables ' + '{'.repeat(10_000)).sections.length, 1);
  });

  it('finds every complete procedure in a file cut anywhere', () => {
    const text = SAMPLE;
    const complete = outlineOf(text);
    for (let cut = 0; cut <= text.length; cut++) {
      const prefix = text.slice(0, cut);
      const outline = outlineOf(prefix);
      assertInBounds(prefix, codeTokensOf(prefix), outline);
      const expected = complete.procedures.filter((p) => p.end <= cut);
      assert.deepEqual(outline.procedures.slice(0, expected.length), expected, `cut at ${cut}`);
    }
  });

  it('never throws and keeps every span in bounds', () => {
    const fragment = fc.constantFrom(
      'on', 'On', ' ', '\n', '\r\n', 'start', 'message', 'key', "'a'", '*', '{', '}', '(', ')', '[', ']', ';', ',', '=', '&', '-', '1', '0x10',
      'void', 'f', 'int', 'x', 'enum', 'struct', 'E', 'const', 'includes', 'variables', 'testcase', 'testfunction', 'export',
      '#include "a.cin"\n', '// c\n', '/* c */', '"s"', '@sysvar::A::B', '$Obj.M', '::', '.',
    );
    fc.assert(
      fc.property(fc.array(fragment, { maxLength: 80 }).map((parts) => parts.join('')), (text) => {
        const tokens = codeTokensOf(text);
        assertInBounds(text, tokens, parseOutline(text, tokenize(text)));
      }),
      { numRuns: 3000 },
    );
  });
});

function assertInBounds(text: string, tokens: readonly Token[], outline: Outline): void {
  const spans: Span[] = [
    ...outline.sections,
    ...outline.includes.flatMap((i) => [i, i.pathSpan]),
    ...outline.procedures.flatMap((p) => [p, p.nameSpan, ...p.parameters.flatMap((q) => [q, q.nameSpan])]),
    ...outline.enums.flatMap((e) => [e, e.nameSpan, ...e.members.flatMap((m) => [m.nameSpan, ...(m.valueSpan ? [m.valueSpan] : [])])]),
    ...outline.globals.flatMap((g) => [g, g.nameSpan, ...(g.initializer ? [g.initializer] : [])]),
  ];
  for (const span of spans) assert.ok(span.start >= 0 && span.start <= span.end && span.end <= text.length, JSON.stringify(span));
  for (const procedure of outline.procedures) {
    assert.ok(procedure.start <= procedure.bodyOpen && procedure.bodyOpen < procedure.bodyClose && procedure.bodyClose <= procedure.end);
    assert.ok(procedure.bodyFirstToken <= procedure.bodyLastToken && procedure.bodyLastToken < tokens.length);
    assert.equal(tokens[procedure.bodyFirstToken].start, procedure.bodyOpen);
  }
  for (const section of outline.sections) assert.ok(section.start < section.openBrace && section.openBrace < section.closeBrace && section.closeBrace <= section.end);
  for (let i = 1; i < outline.procedures.length; i++) assert.ok(outline.procedures[i - 1].end <= outline.procedures[i].start);
}

describe('parseOutline cost', () => {
  /** Token reads and character reads made by parseOutline. */
  function cost(text: string): number {
    const tokens = tokenize(text);
    let reads = 0;
    const counting = <T extends Uint8Array | Int32Array>(array: T): T =>
      new Proxy(array, {
        get(target, key) {
          if (typeof key === 'string' && /^\d+$/.test(key)) reads++;
          const value: unknown = Reflect.get(target, key, target);
          return typeof value === 'function' ? value.bind(target) : value;
        },
      });
    tokens.code.kinds = counting(tokens.code.kinds);
    tokens.code.starts = counting(tokens.code.starts);
    tokens.code.ends = counting(tokens.code.ends);
    const original = String.prototype.charCodeAt;
    String.prototype.charCodeAt = function (this: string, index: number) {
      reads++;
      return original.call(this, index);
    };
    try {
      parseOutline(text, tokens);
    } finally {
      String.prototype.charCodeAt = original;
    }
    return reads;
  }

  const SHAPES: [string, (n: number) => string][] = [
    ['opening braces', (n) => '{'.repeat(n)],
    ['closing braces', (n) => '}'.repeat(n)],
    ['unclosed functions', (n) => 'void f() {\n'.repeat(n)],
    ['unclosed event procedures', (n) => 'on start {\n'.repeat(n)],
    ['headers without bodies', (n) => 'on start\n'.repeat(n)],
    ['unclosed sections', (n) => 'variables {\n'.repeat(n)],
    ['one long declaration', (n) => `${'a '.repeat(n)};`],
    ['many declarators', (n) => `int ${'x, '.repeat(n)}y;`],
    ['nested unclosed initializers', (n) => 'int x = {'.repeat(n)],
    ['one long enum', (n) => `enum E { ${'A = 1, '.repeat(n)}};`],
    ['enums without semicolons', (n) => 'enum E {A} '.repeat(n)],
    ['nested parentheses before a body', (n) => `${'f('.repeat(n)}${')'.repeat(n)} {}`],
    ['a long return type', (n) => `${'a '.repeat(n)}f() {}`],
    ['many parameters', (n) => `void f(${'int a, '.repeat(n)}int b) {}`],
    ['blanks before a header', (n) => `void f() { x\n${' '.repeat(n)}on a {}`],
    ['unterminated includes', (n) => '#include "x\n'.repeat(n)],
    ['headers mid-statement', (n) => `void f() { ${'a on b '.repeat(n)}}`],
  ];

  for (const [shape, make] of SHAPES) {
    it(`reads each token a bounded number of times: ${shape}`, () => {
      const small = make(1000);
      const large = make(4000);
      const smallCost = cost(small);
      const largeCost = cost(large);
      assert.ok(largeCost <= 40 * large.length, `${largeCost} reads for ${large.length} characters`);
      assert.ok(largeCost / smallCost <= (large.length / small.length) * 1.1, `${smallCost} → ${largeCost} reads`);
    });
  }
});

const SAMPLE = `/*@!Encoding:1252*/\r
includes\r
{\r
  #include "..\\Common\\ids.cin"\r
}\r
\r
variables\r
{\r
  enum SmartChargingMessageIDs { InvalidMessage = 0, SessionSetupReq = 5, SessionSetupRes };\r
  const dword kTimeout = 5000;\r
  msTimer tPoll;\r
  LastRxMessageIdType gLast = 0, gPrev;\r
}\r
\r
on start\r
{\r
  setTimer(tPoll, 100);\r
}\r
\r
on fct_called EVSE.OnLastReceivedMessageIdChanged\r
{\r
  if ($EVSE.OnLastReceivedMessageIdChanged.LatestCall.lastRxMessageId == 213) { write("x"); }\r
}\r
\r
SCC_MessageRxInd(byte SessionID[], dword MessageID)\r
{\r
  switch (MessageID) { case 5: break; }\r
}\r
\r
on key 'a' { @sysvar::Common::LastReceivedMessageId = 0x100x; }\r
export testfunction TF(dword& id) { id = 8; }\r
`;
