import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { catalogue } from '../../server/src/service/catalogue/catalogue';
import { languageService } from './helpers';

/**
 * Checks snippets/capl.code-snippets: every body, once each tabstop, placeholder, choice and
 * variable is expanded to its default as VS Code would insert it, must look like CAPL
 * (balanced brackets, no snippet syntax left, starts with its event/section/function keyword).
 */

interface Snippet {
  prefix: string | string[];
  body: string | string[];
  description: string;
}

const SNIPPETS_FILE = path.join(__dirname, '..', '..', 'snippets', 'capl.code-snippets');

// ---------------------------------------------------------------------------------------------
// Snippet expansion (https://code.visualstudio.com/docs/editor/userdefinedsnippets#_grammar)

/** Values used for VS Code's snippet variables; empty ones fall back to the variable's default. */
const SAMPLE_VARIABLES: Readonly<Record<string, string>> = {
  TM_SELECTED_TEXT: '', TM_CURRENT_LINE: '', TM_CURRENT_WORD: '', TM_LINE_INDEX: '0', TM_LINE_NUMBER: '1',
  TM_FILENAME: 'Node.can', TM_FILENAME_BASE: 'Node', TM_DIRECTORY: '/work', TM_FILEPATH: '/work/Node.can',
  RELATIVE_FILEPATH: 'Node.can', CLIPBOARD: '', WORKSPACE_NAME: 'work', WORKSPACE_FOLDER: '/work',
  CURSOR_INDEX: '0', CURSOR_NUMBER: '1', CURRENT_YEAR: '2025', CURRENT_YEAR_SHORT: '25', CURRENT_MONTH: '01',
  CURRENT_MONTH_NAME: 'January', CURRENT_MONTH_NAME_SHORT: 'Jan', CURRENT_DATE: '01', CURRENT_DAY_NAME: 'Monday',
  CURRENT_DAY_NAME_SHORT: 'Mon', CURRENT_HOUR: '12', CURRENT_MINUTE: '00', CURRENT_SECOND: '00',
  CURRENT_SECONDS_UNIX: '1735732800', CURRENT_TIMEZONE_OFFSET: '+00:00', RANDOM: '123456', RANDOM_HEX: 'a1b2c3',
  UUID: '00000000-0000-4000-8000-000000000000', BLOCK_COMMENT_START: '/*', BLOCK_COMMENT_END: '*/', LINE_COMMENT: '//',
};

type SnippetNode =
  | { kind: 'text'; text: string }
  | { kind: 'tabstop'; index: number; children: SnippetNode[] | null }
  | { kind: 'choice'; index: number; options: string[] }
  | { kind: 'variable'; name: string; children: SnippetNode[] | null };

interface Expansion {
  text: string;
  /** Tabstop indexes in order of first appearance. */
  tabstops: number[];
  /** Anything VS Code would not insert the way the author meant (unknown variable, stray `$`...). */
  problems: string[];
}

class SnippetParser {
  private pos = 0;
  readonly problems: string[] = [];
  constructor(private readonly src: string) {}

  parse(): SnippetNode[] {
    const nodes = this.parseAny(false);
    if (this.pos < this.src.length) this.problems.push(`unexpected "${this.src[this.pos]}" at ${this.pos}`);
    return nodes;
  }

  /** `any*` up to the end, or up to an unescaped `}` when `nested`. */
  private parseAny(nested: boolean): SnippetNode[] {
    const nodes: SnippetNode[] = [];
    let text = '';
    const flush = (): void => {
      if (text) nodes.push({ kind: 'text', text });
      text = '';
    };
    while (this.pos < this.src.length) {
      const c = this.src[this.pos];
      if (c === '\\') {
        const next = this.src[this.pos + 1];
        if (next === '$' || next === '}' || next === '\\') {
          text += next;
          this.pos += 2;
        } else {
          text += c;
          this.pos++;
        }
      } else if (c === '}' && nested) {
        break;
      } else if (c === '$') {
        const node = this.parseDollar();
        if (node) {
          flush();
          nodes.push(node);
        } else {
          text += '$';
        }
      } else {
        text += c;
        this.pos++;
      }
    }
    flush();
    return nodes;
  }

  /** At a `$`: a tabstop, placeholder, choice or variable, or null when the `$` is text. */
  private parseDollar(): SnippetNode | null {
    const start = this.pos;
    const rest = this.src.slice(start);
    let m = /^\$(\d+)/.exec(rest);
    if (m) {
      this.pos += m[0].length;
      return { kind: 'tabstop', index: Number(m[1]), children: null };
    }
    m = /^\$([_a-zA-Z][_a-zA-Z0-9]*)/.exec(rest);
    if (m) {
      this.pos += m[0].length;
      return { kind: 'variable', name: m[1], children: null };
    }
    m = /^\$\{(?:(\d+)|([_a-zA-Z][_a-zA-Z0-9]*))([:|}/]?)/.exec(rest);
    if (!m) {
      // VS Code inserts a `$` that starts no tabstop or variable as text (`$${1:Obj}` gives `$Obj`).
      this.pos++;
      return null;
    }
    const index = m[1] === undefined ? undefined : Number(m[1]);
    const name = m[2];
    const sep = m[3];
    this.pos += m[0].length;
    if (sep === '}') return index !== undefined ? { kind: 'tabstop', index, children: null } : { kind: 'variable', name, children: null };
    if (sep === '/') throw new Error(`transforms are not supported by this test (at ${start}): expand them here first`);
    if (sep === '|' && index !== undefined) {
      const options = this.parseChoiceOptions();
      if (options) return { kind: 'choice', index, options };
    } else if (sep === ':') {
      const children = this.parseAny(true);
      if (this.src[this.pos] === '}') {
        this.pos++;
        return index !== undefined ? { kind: 'tabstop', index, children } : { kind: 'variable', name, children };
      }
    }
    this.problems.push(`unterminated "\${" at ${start}`);
    this.pos = start + 1;
    return null;
  }

  /** After `${n|`: `text (, text)* |}` where `\` escapes `$ } \ , |`. */
  private parseChoiceOptions(): string[] | null {
    const options: string[] = [];
    let option = '';
    while (this.pos < this.src.length) {
      const c = this.src[this.pos];
      if (c === '\\' && '$}\\,|'.includes(this.src[this.pos + 1] ?? '')) {
        option += this.src[this.pos + 1];
        this.pos += 2;
      } else if (c === ',') {
        options.push(option);
        option = '';
        this.pos++;
      } else if (c === '|' && this.src[this.pos + 1] === '}') {
        options.push(option);
        this.pos += 2;
        return options;
      } else {
        option += c;
        this.pos++;
      }
    }
    return null;
  }
}

/** Expands a snippet body the way VS Code inserts it when the user accepts every default. */
function expandSnippet(body: string, variables: Readonly<Record<string, string>> = SAMPLE_VARIABLES): Expansion {
  const parser = new SnippetParser(body);
  const nodes = parser.parse();
  const problems = [...parser.problems];
  const tabstops: number[] = [];
  // The first placeholder of an index that has a value gives every occurrence of that index its text.
  const defaults = new Map<number, SnippetNode[] | string>();
  const collect = (list: SnippetNode[]): void => {
    for (const node of list) {
      if (node.kind === 'tabstop' || node.kind === 'choice') {
        if (!tabstops.includes(node.index)) tabstops.push(node.index);
        if (!defaults.has(node.index)) {
          if (node.kind === 'choice') defaults.set(node.index, node.options[0] ?? '');
          else if (node.children) defaults.set(node.index, node.children);
        }
      }
      if ((node.kind === 'tabstop' || node.kind === 'variable') && node.children) collect(node.children);
    }
  };
  collect(nodes);
  const render = (list: SnippetNode[], depth: number): string =>
    list
      .map((node) => {
        switch (node.kind) {
          case 'text':
            return node.text;
          case 'choice':
          case 'tabstop': {
            const value = defaults.get(node.index);
            if (value === undefined) return '';
            if (typeof value === 'string') return value;
            return depth > 20 ? '' : render(value, depth + 1);
          }
          case 'variable': {
            if (!(node.name in variables)) {
              problems.push(`unknown variable $${node.name}: VS Code inserts "${node.name}" without the "$" (write \\$${node.name})`);
              return node.name;
            }
            const value = variables[node.name];
            return value !== '' || !node.children ? value : render(node.children, depth + 1);
          }
        }
      })
      .join('');
  return { text: render(nodes, 0), tabstops, problems };
}

// ---------------------------------------------------------------------------------------------
// A bracket check that skips strings, chars and comments

/** Null when `{}`, `()` and `[]` nest correctly outside strings, chars and comments; else the first problem. */
function bracketProblem(code: string): string | null {
  const stack: { char: string; at: number }[] = [];
  const pairs: Record<string, string> = { ')': '(', ']': '[', '}': '{' };
  const where = (at: number): string => {
    const before = code.slice(0, at).split('\n');
    return `${before.length}:${before[before.length - 1].length + 1}`;
  };
  for (let i = 0; i < code.length; i++) {
    const c = code[i];
    if (c === '/' && code[i + 1] === '/') {
      while (i < code.length && code[i] !== '\n') i++;
    } else if (c === '/' && code[i + 1] === '*') {
      const end = code.indexOf('*/', i + 2);
      if (end < 0) return `unterminated comment at ${where(i)}`;
      i = end + 1;
    } else if (c === '"' || c === "'") {
      const open = i;
      for (i++; i < code.length && code[i] !== c; i++) {
        if (code[i] === '\\') i++;
        if (code[i] === '\n') return `unterminated literal at ${where(open)}`;
      }
      if (i >= code.length) return `unterminated literal at ${where(open)}`;
    } else if (c === '(' || c === '[' || c === '{') {
      stack.push({ char: c, at: i });
    } else if (c === ')' || c === ']' || c === '}') {
      const top = stack.pop();
      if (!top) return `unmatched "${c}" at ${where(i)}`;
      if (top.char !== pairs[c]) return `"${top.char}" at ${where(top.at)} closed by "${c}" at ${where(i)}`;
    }
  }
  const open = stack.pop();
  return open ? `unclosed "${open.char}" at ${where(open.at)}` : null;
}

// ---------------------------------------------------------------------------------------------
// What a snippet may start with

const EVENTS = [
  'start', 'preStart', 'stopMeasurement', 'preStop', 'timer', 'key', 'message', 'sysvar', 'sysvar_update',
  'envVar', 'signal', 'signal_update', 'diagRequest', 'errorFrame', 'busOff', 'fct_called', 'fct_returning', 'value_change',
];

/** Signatures exactly as in smart-charging-api.md. */
const SCC_SIGNATURES: Readonly<Record<string, string>> = {
  SCC_MessageTxInd: 'SCC_MessageTxInd(byte SessionOrRunID[], dword MessageID, long Error)',
  SCC_MessageRxInd: 'SCC_MessageRxInd(byte SessionID[], dword MessageID)',
  SCC_PreSendInd: 'SCC_PreSendInd(byte SessionID[], dword MessageID, char ResponseCode[])',
  SCC_PayloadPreSendInd: 'SCC_PayloadPreSendInd(byte SessionOrRunID[], dword MessageID, byte Payload[], dword& PayloadLength)',
  SCC_SignaturePreSendInd: 'SCC_SignaturePreSendInd(byte SessionId[], dword MessageId, byte Signature[], dword& SigLength)',
  SCC_SignatureVerificationInd: 'SCC_SignatureVerificationInd(dword MessageID, dword SignatureValid)',
  SCC_V2G_EVCC_Msg_TimeoutInd: 'SCC_V2G_EVCC_Msg_TimeoutInd(byte SessionID[], dword MessageID)',
  SCC_StateTransitionInd: 'SCC_StateTransitionInd(byte SessionID[], dword OldState, dword NewState)',
};

/** The keyword an expanded snippet starts with (`on timer`, `variables`, `export testfunction`, `SCC_MessageRxInd`), or null. */
function leadingKeyword(code: string): string | null {
  const text = code.trimStart();
  const event = /^on\s+(\w+)\b/i.exec(text);
  if (event) {
    const kind = EVENTS.find((e) => e.toLowerCase() === event[1].toLowerCase());
    return kind ? `on ${kind}` : null;
  }
  const keyword = /^(export\s+testfunction|testcase|testfunction|variables|includes)\b/i.exec(text);
  if (keyword) return keyword[1].toLowerCase().replace(/\s+/, ' ');
  const fn = /^(SCC_\w+)\s*\(/.exec(text);
  return fn && fn[1] in SCC_SIGNATURES ? fn[1] : null;
}

/** Offset of the `}` closing the first `{` outside strings and comments, or -1. */
function endOfFirstBlock(code: string): number {
  let depth = 0;
  for (let i = 0; i < code.length; i++) {
    const c = code[i];
    if (c === '/' && code[i + 1] === '/') {
      while (i < code.length && code[i] !== '\n') i++;
    } else if (c === '/' && code[i + 1] === '*') {
      i = code.indexOf('*/', i + 2) + 1;
      if (i === 0) return -1;
    } else if (c === '"' || c === "'") {
      for (i++; i < code.length && code[i] !== c; i++) if (code[i] === '\\') i++;
    } else if (c === '{') {
      depth++;
    } else if (c === '}' && --depth === 0) {
      return i;
    }
  }
  return -1;
}

// ---------------------------------------------------------------------------------------------

describe('snippet expansion helper', () => {
  const cases: [body: string, expected: string][] = [
    ['a $1 b', 'a  b'],
    ['${1:x} and $1', 'x and x'],
    ['$1 and ${1:x}', 'x and x'],
    ['${1|first,second|}', 'first'],
    ['${1|a\\,b,c|}', 'a,b'],
    ['\\$Sig', '$Sig'],
    ['\\$${1:EVSE}.Member', '$EVSE.Member'],
    ['$${1:EVSE}.Member', '$EVSE.Member'],
    ['cost: $ 5', 'cost: $ 5'],
    ['${1:a\\}b}', 'a}b'],
    ['${1:outer ${2:inner}}', 'outer inner'],
    ['$TM_FILENAME_BASE', 'Node'],
    ['${TM_FILENAME_BASE}', 'Node'],
    ['${TM_SELECTED_TEXT:fallback}', 'fallback'],
    ['${LINE_COMMENT} x', '// x'],
    ['a\\b', 'a\\b'],
    ['$0', ''],
  ];
  for (const [body, expected] of cases) {
    it(`${JSON.stringify(body)} -> ${JSON.stringify(expected)}`, () => {
      const expansion = expandSnippet(body);
      assert.deepEqual(expansion.problems, []);
      assert.equal(expansion.text, expected);
    });
  }

  const broken: string[] = ['$Sig', '${1:open', '${1|a,b'];
  for (const body of broken) {
    it(`reports ${JSON.stringify(body)}`, () => {
      assert.notDeepEqual(expandSnippet(body).problems, []);
    });
  }

  it('rejects transforms it cannot expand', () => {
    assert.throws(() => expandSnippet('${1/(.*)/$1/}'), /transforms/);
  });

  it('finds bracket problems outside strings and comments only', () => {
    assert.equal(bracketProblem('on start { write("}"); /* ( */ c = \'{\'; // [\n}'), null);
    assert.match(bracketProblem('f(] ') ?? '', /closed by/);
    assert.match(bracketProblem('{ (') ?? '', /unclosed/);
    assert.match(bracketProblem('}') ?? '', /unmatched/);
    assert.match(bracketProblem('write("x);') ?? '', /unterminated/);
  });
});

describe('snippets/capl.code-snippets', () => {
  const snippets = JSON.parse(fs.readFileSync(SNIPPETS_FILE, 'utf8')) as Record<string, Snippet>;
  const entries = Object.entries(snippets);
  const bodyText = (snippet: Snippet): string => (Array.isArray(snippet.body) ? snippet.body.join('\n') : snippet.body);
  const prefixes = (snippet: Snippet): string[] => (Array.isArray(snippet.prefix) ? snippet.prefix : [snippet.prefix]);

  it('has snippets', () => {
    assert.ok(entries.length >= 20, `only ${entries.length} snippets`);
  });

  it('gives every snippet a prefix, a body and a description', () => {
    for (const [name, snippet] of entries) {
      assert.ok(prefixes(snippet).length > 0 && prefixes(snippet).every((p) => typeof p === 'string' && p.trim() !== ''), `${name}: prefix`);
      const lines = Array.isArray(snippet.body) ? snippet.body : [snippet.body];
      assert.ok(lines.length > 0 && lines.every((l) => typeof l === 'string'), `${name}: body`);
      assert.ok(typeof snippet.description === 'string' && snippet.description.trim() !== '', `${name}: description`);
    }
  });

  it('uses unique prefixes (ignoring case)', () => {
    const seen = new Map<string, string>();
    for (const [name, snippet] of entries) {
      for (const prefix of prefixes(snippet)) {
        const key = prefix.toLowerCase();
        assert.ok(!seen.has(key), `prefix "${prefix}" of "${name}" is also used by "${seen.get(key)}"`);
        seen.set(key, name);
      }
    }
  });

  it('covers the required event procedures, sections, tests and callbacks', () => {
    const starts = new Set(entries.map(([, snippet]) => leadingKeyword(expandSnippet(bodyText(snippet)).text)));
    const required = [
      'on start', 'on preStart', 'on stopMeasurement', 'on preStop', 'on timer', 'on key', 'on message', 'on sysvar',
      'on sysvar_update', 'on envVar', 'on signal', 'on diagRequest', 'on errorFrame', 'on busOff', 'on fct_called',
      'on fct_returning', 'variables', 'includes', 'testcase', 'testfunction', 'export testfunction',
      'SCC_MessageRxInd', 'SCC_MessageTxInd', 'SCC_PreSendInd', 'SCC_V2G_EVCC_Msg_TimeoutInd', 'SCC_StateTransitionInd',
    ];
    assert.deepEqual(required.filter((k) => !starts.has(k)), []);
  });

  for (const [name, snippet] of entries) {
    describe(name, () => {
      const body = bodyText(snippet);
      const expansion = expandSnippet(body);
      const code = expansion.text;

      it('expands without snippet-syntax problems', () => {
        assert.deepEqual(expansion.problems, []);
      });

      it('leaves no placeholder behind', () => {
        assert.doesNotMatch(code, /\$\{|\$\d/);
        // A `$` left in CAPL must start a signal / Distributed Object reference: $Sig, $Obj.Member...
        assert.doesNotMatch(code, /\$(?![A-Za-z_])/);
      });

      it('numbers its tabstops 1..n (and $0)', () => {
        const numbered = expansion.tabstops.filter((i) => i !== 0).sort((a, b) => a - b);
        assert.deepEqual(numbered, numbered.map((_, i) => i + 1));
      });

      it('balances brackets outside strings and comments', () => {
        assert.equal(bracketProblem(code), null);
      });

      it('is one procedure or section: a header and a { } block that ends the snippet', () => {
        const end = endOfFirstBlock(code);
        assert.ok(end > 0, 'no { } block');
        assert.equal(code.slice(end + 1).trim(), '', 'text after the closing }');
      });

      it('indents with tabs (VS Code converts them to the editor setting)', () => {
        for (const line of body.split('\n')) assert.doesNotMatch(line, /^\t* +/, `space indentation: ${JSON.stringify(line)}`);
      });

      it("starts with its event, section or function keyword, which begins the snippet's name", () => {
        const keyword = leadingKeyword(code);
        assert.ok(keyword, `unknown start: ${JSON.stringify(code.split('\n')[0])}`);
        assert.ok(name.toLowerCase().startsWith(keyword.toLowerCase()), `"${name}" starts with "${keyword}"`);
        if (keyword in SCC_SIGNATURES) assert.equal(code.split('\n')[0], SCC_SIGNATURES[keyword]);
      });
    });
  }

  it('switches over the message ID in the SCC message callbacks and over NewState in SCC_StateTransitionInd, with a named constant of its table', () => {
    const caseConstant = (code: string, subject: string) => new RegExp(`switch \\(${subject}\\)\\s*\\{\\s*case ([A-Z_0-9]+):`).exec(code)?.[1];
    for (const callback of ['SCC_MessageRxInd', 'SCC_MessageTxInd', 'SCC_PreSendInd', 'SCC_V2G_EVCC_Msg_TimeoutInd']) {
      const constant = caseConstant(expandSnippet(bodyText(snippets[callback])).text, 'MessageID');
      assert.equal(catalogue.byConstant(constant ?? '')?.table, 'modeling', callback);
    }
    assert.equal(catalogue.byConstant(caseConstant(expandSnippet(bodyText(snippets.SCC_StateTransitionInd)).text, 'NewState') ?? '')?.table, 'vehicle-states');
    assert.match(bodyText(snippets.SCC_StateTransitionInd), /\$\{1\|SCC_EV_STATE_CURRENT_DEMAND,SCC_CP_STATE_CURRENT_DEMAND\|\}/, 'the charge point state offered too');
  });

  it("inserts no bare ID that the extension's own diagnostics then flag", () => {
    const service = languageService();
    for (const [name, snippet] of entries) {
      for (const uri of ['file:///c%3A/proj/EV/Node.can', 'file:///c%3A/proj/EVSE/Node.can']) {
        const document = TextDocument.create(uri, 'capl', 1, expandSnippet(bodyText(snippet)).text);
        service.updateDocument(document);
        const ids = service.analyze(document).ids.map((id) => id.text);
        assert.deepEqual(ids, [], `${name}: bare IDs`);
        assert.deepEqual(service.doValidation(document).map((d) => `${d.code}: ${d.message}`), [], name);
      }
    }
  });

  it('reads the received message ID in the Distributed Object handler', () => {
    const handler = entries.find(([, s]) => bodyText(s).includes('OnLastReceivedMessageIdChanged'));
    assert.ok(handler, 'no OnLastReceivedMessageIdChanged snippet');
    const code = expandSnippet(bodyText(handler[1])).text;
    assert.match(code, /^on fct_called EVSE\.OnLastReceivedMessageIdChanged\n/);
    assert.match(code, /switch \(\$EVSE\.OnLastReceivedMessageIdChanged\.LatestCall\.lastRxMessageId\)/);
  });
});
