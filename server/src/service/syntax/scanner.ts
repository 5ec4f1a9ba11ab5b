import { type ScannedTokens, type Token, TokenBuffer, TokenKind } from './tokens';

const enum Code {
  Tab = 0x09,
  LineFeed = 0x0a,
  CarriageReturn = 0x0d,
  Space = 0x20,
  DoubleQuote = 0x22,
  Hash = 0x23,
  Ampersand = 0x26,
  CloseParen = 0x29,
  Star = 0x2a,
  Plus = 0x2b,
  Minus = 0x2d,
  Dot = 0x2e,
  Slash = 0x2f,
  Zero = 0x30,
  Nine = 0x39,
  Colon = 0x3a,
  Less = 0x3c,
  Equals = 0x3d,
  Greater = 0x3e,
  At = 0x40,
  Backslash = 0x5c,
  CloseBracket = 0x5d,
  LowerA = 0x61,
  LowerE = 0x65,
  LowerF = 0x66,
  LowerX = 0x78,
  Bar = 0x7c,
  CloseBrace = 0x7d,
  HighSurrogateFirst = 0xd800,
  HighSurrogateLast = 0xdbff,
  LowSurrogateFirst = 0xdc00,
  LowSurrogateLast = 0xdfff,
  ByteOrderMark = 0xfeff,
}

/**
 * Splits `text[start, end)` into CAPL tokens, skipping whitespace and keeping comments.
 * Linear in the length of the range, never throws: anything unexpected becomes an
 * Unknown token and unterminated constructs end at the line end (strings, chars) or at
 * `end` (block comments). Offsets index `text` as given, even past a skipped BOM.
 */
export function scan(text: string, start = 0, end = text.length): Token[] {
  const { code, commentsAndDirectives: others } = tokenize(text, start, end);
  const tokens: Token[] = [];
  let c = 0;
  let o = 0;
  while (c < code.length || o < others.length) {
    const otherFirst = o < others.length && (c === code.length || others.starts[o] < code.starts[c]);
    tokens.push(otherFirst ? others.token(o++) : code.token(c++));
  }
  return tokens;
}

/** scan() into two TokenBuffers: what the language service uses, with no object per token. */
export function tokenize(text: string, start = 0, end = text.length): ScannedTokens {
  const limit = clamp(end, 0, text.length);
  let i = clamp(start, 0, limit);
  if (i === 0 && limit > 0 && text.charCodeAt(0) === Code.ByteOrderMark) i = 1;

  // About one token per 8 characters in real CAPL: start there and grow as the tokens so far predict.
  const first = i;
  const code = new TokenBuffer(Math.max(256, (limit - first) >> 3));
  const commentsAndDirectives = new TokenBuffer(16);
  while (i < limit) {
    const c = text.charCodeAt(i);
    const charClass = c < 128 ? CHAR_CLASS[c] : CharClass.Other;
    if (charClass === CharClass.Whitespace) {
      i = whitespaceEnd(text, i + 1, limit);
      continue;
    }
    const tokenStart = i;
    let kind: TokenKind;
    // The commonest tokens by a branch each: measurably faster than through the switch's jump.
    if (charClass === CharClass.IdentifierStart) {
      kind = TokenKind.Identifier;
      i = identifierPartEnd(text, i + 1, limit);
    } else if (charClass === CharClass.Punctuator) {
      kind = TokenKind.Punct;
      i++;
    } else {
      switch (charClass) {
        case CharClass.Digit:
          kind = TokenKind.Number;
          i = numberEnd(text, i, limit);
          break;
        case CharClass.Operator:
          kind = TokenKind.Punct;
          i += operatorLength(text, i, limit);
          break;
        case CharClass.Dot:
          if (i + 1 < limit && isDigit(text.charCodeAt(i + 1)) && !endsMemberAccessOperand(text, code, i)) {
            kind = TokenKind.Number;
            i = numberEnd(text, i, limit);
          } else {
            kind = TokenKind.Punct;
            i++;
          }
          break;
        case CharClass.Slash: {
          const next = i + 1 < limit ? text.charCodeAt(i + 1) : -1;
          if (next === Code.Slash) {
            i = lineEnd(text, i + 2, limit);
            commentsAndDirectives.push(TokenKind.LineComment, tokenStart, i);
            continue;
          }
          if (next === Code.Star) {
            i = blockCommentEnd(text, i + 2, limit);
            commentsAndDirectives.push(TokenKind.BlockComment, tokenStart, i);
            continue;
          }
          kind = TokenKind.Punct;
          i += operatorLength(text, i, limit);
          break;
        }
        case CharClass.Quote:
          kind = c === Code.DoubleQuote ? TokenKind.String : TokenKind.Char;
          i = quotedEnd(text, i + 1, limit, c);
          break;
        case CharClass.PathSigil:
          if (i + 1 < limit && isIdentifierStart(text.charCodeAt(i + 1))) {
            kind = c === Code.At ? TokenKind.SysVar : TokenKind.Signal;
            i = pathEnd(text, i + 1, limit);
          } else {
            kind = TokenKind.Unknown;
            i++;
          }
          break;
        case CharClass.Hash:
          i = directiveEnd(text, i + 1, limit);
          commentsAndDirectives.push(TokenKind.Directive, tokenStart, i);
          continue;
        default:
          kind = TokenKind.Unknown;
          i += i + 1 < limit && isSurrogatePair(c, text.charCodeAt(i + 1)) ? 2 : 1;
      }
    }
    if (code.length === code.kinds.length) code.resize(expectedTokens(code.length, i - first, limit - first));
    code.push(kind, tokenStart, i);
  }
  // The code buffer is kept as long as the file is open: a sparse text (long comments) leaves much of the first guess unused.
  const trimmed = Math.max(256, code.length + (code.length >> 4));
  if (code.kinds.length - trimmed > code.length >> 3) code.resize(trimmed);
  return { code, commentsAndDirectives };
}

/** Tokens in `total` characters at the density of `count` in the first `scanned`, an eighth more for safety: doubling would leave up to half unused. */
function expectedTokens(count: number, scanned: number, total: number): number {
  return Math.ceil(((count / scanned) * total * 9) / 8) + 256;
}

/**
 * The value of an integer Number token: decimal (`8`, `007` → 7), hex (`0xE3`, `0X1a`) or
 * an extended CAN ID (`0x100x` → 256). Undefined for floats, malformed literals and
 * values beyond Number.MAX_SAFE_INTEGER.
 */
export function integerValue(text: string): number | undefined {
  return integerValueAt(text, 0, text.length);
}

/** integerValue() of `text[start, end)`, without slicing it. */
export function integerValueAt(text: string, start: number, end: number): number | undefined {
  let i = start;
  let radix = 10;
  if (end - start >= 2 && text.charCodeAt(start) === Code.Zero && (text.charCodeAt(start + 1) | 0x20) === Code.LowerX) {
    radix = 16;
    i = start + 2;
    if (end - start > 3 && (text.charCodeAt(end - 1) | 0x20) === Code.LowerX) end--;
  }
  if (i >= end) return undefined;
  let value = 0;
  for (; i < end; i++) {
    const digit = digitValue(text.charCodeAt(i));
    if (digit >= radix) return undefined;
    value = value * radix + digit;
  }
  return Number.isSafeInteger(value) ? value : undefined;
}

function clamp(value: number, min: number, max: number): number {
  if (!(value >= min)) return min;
  return value > max ? max : Math.floor(value);
}

/** What a token starting with an ASCII character can be; any other character is Other. */
const enum CharClass {
  // Identifier parts first: isIdentifierPart() compares with Digit.
  IdentifierStart,
  Digit,
  Whitespace,
  /** Always a one-character token: `{` `}` `(` `)` `[` `]` `;` `,` `?` `~`. */
  Punctuator,
  /** The first character of a one- to three-character operator (`/` has its own class). */
  Operator,
  Dot,
  Slash,
  Quote,
  /** `@` and `$`, which start system variables and signals. */
  PathSigil,
  Hash,
  Other,
}

const CHAR_CLASS = charClasses();

function charClasses(): Uint8Array {
  const classes = new Uint8Array(128).fill(CharClass.Other);
  const assign = (chars: string, charClass: CharClass) => {
    for (let k = 0; k < chars.length; k++) classes[chars.charCodeAt(k)] = charClass;
  };
  assign('ABCDEFGHIJKLMNOPQRSTUVWXYZ_abcdefghijklmnopqrstuvwxyz', CharClass.IdentifierStart);
  assign('0123456789', CharClass.Digit);
  assign(' \t\n\v\f\r', CharClass.Whitespace);
  assign('{}()[];,?~', CharClass.Punctuator);
  assign(':+-&|*%=!^<>', CharClass.Operator);
  assign('.', CharClass.Dot);
  assign('/', CharClass.Slash);
  assign('"\'', CharClass.Quote);
  assign('@$', CharClass.PathSigil);
  assign('#', CharClass.Hash);
  return classes;
}

function isWhitespace(c: number): boolean {
  return c === Code.Space || (c >= Code.Tab && c <= Code.CarriageReturn);
}

function isLineBreak(c: number): boolean {
  return c === Code.LineFeed || c === Code.CarriageReturn;
}

function isDigit(c: number): boolean {
  return c >= Code.Zero && c <= Code.Nine;
}

function isIdentifierStart(c: number): boolean {
  return c < 128 && CHAR_CLASS[c] === CharClass.IdentifierStart;
}

function isIdentifierPart(c: number): boolean {
  return c < 128 && CHAR_CLASS[c] <= CharClass.Digit;
}

function isSurrogatePair(c: number, next: number): boolean {
  return c >= Code.HighSurrogateFirst && c <= Code.HighSurrogateLast && next >= Code.LowSurrogateFirst && next <= Code.LowSurrogateLast;
}

/** 0-15 for a hex digit, 99 for anything else. */
function digitValue(c: number): number {
  if (isDigit(c)) return c - Code.Zero;
  const lower = c | 0x20;
  return lower >= Code.LowerA && lower <= Code.LowerF ? lower - Code.LowerA + 10 : 99;
}

function whitespaceEnd(text: string, i: number, limit: number): number {
  while (i < limit && isWhitespace(text.charCodeAt(i))) i++;
  return i;
}

function identifierPartEnd(text: string, i: number, limit: number): number {
  while (i < limit && isIdentifierPart(text.charCodeAt(i))) i++;
  return i;
}

function digitsEnd(text: string, i: number, limit: number): number {
  while (i < limit && isDigit(text.charCodeAt(i))) i++;
  return i;
}

/** Hex with glued letters (`0x100x`), or decimal with fraction and signed exponent; letters glued to the end stay in the token. */
function numberEnd(text: string, i: number, limit: number): number {
  if (text.charCodeAt(i) === Code.Zero && i + 1 < limit && (text.charCodeAt(i + 1) | 0x20) === Code.LowerX) {
    return identifierPartEnd(text, i + 2, limit);
  }
  i = digitsEnd(text, i, limit);
  if (i < limit && text.charCodeAt(i) === Code.Dot) i = digitsEnd(text, i + 1, limit);
  if (i + 2 < limit && (text.charCodeAt(i) | 0x20) === Code.LowerE) {
    const sign = text.charCodeAt(i + 1);
    if ((sign === Code.Plus || sign === Code.Minus) && isDigit(text.charCodeAt(i + 2))) i = digitsEnd(text, i + 2, limit);
  }
  return identifierPartEnd(text, i, limit);
}

/**
 * Whether a `.` at `i` right after the last code token is member access (`CAN1.0x401`, `f().x`,
 * `a[0].5`) rather than the start of a number (`.5`).
 */
function endsMemberAccessOperand(text: string, tokens: TokenBuffer, i: number): boolean {
  const last = tokens.length - 1;
  if (last < 0 || tokens.ends[last] !== i) return false;
  const kind = tokens.kinds[last];
  const c = text.charCodeAt(i - 1);
  return kind === TokenKind.Identifier || kind === TokenKind.Number || (kind === TokenKind.Punct && (c === Code.CloseParen || c === Code.CloseBracket));
}

function lineEnd(text: string, i: number, limit: number): number {
  while (i < limit && !isLineBreak(text.charCodeAt(i))) i++;
  return i;
}

/**
 * After the opening `/*`: past the closing `*\/`, else `limit`. indexOf searches on past
 * `limit` when the comment is not closed in the range, yet over long comments it is ten
 * times faster than a loop of charCodeAt.
 */
function blockCommentEnd(text: string, i: number, limit: number): number {
  const close = text.indexOf('*/', i);
  return close < 0 || close + 2 > limit ? limit : close + 2;
}

/** After the opening quote: up to and including the closing quote, else up to the line end. A backslash never escapes a line break. */
function quotedEnd(text: string, i: number, limit: number, quote: number): number {
  while (i < limit) {
    const c = text.charCodeAt(i);
    if (c === quote) return i + 1;
    if (isLineBreak(c)) return i;
    i += c === Code.Backslash && i + 1 < limit && !isLineBreak(text.charCodeAt(i + 1)) ? 2 : 1;
  }
  return i;
}

/** `A::B::C.member` after the `@` or `$`, which is followed by an identifier start. */
function pathEnd(text: string, i: number, limit: number): number {
  for (;;) {
    i = identifierPartEnd(text, i, limit);
    const c = i < limit ? text.charCodeAt(i) : -1;
    if (c === Code.Colon && i + 2 < limit && text.charCodeAt(i + 1) === Code.Colon && isIdentifierStart(text.charCodeAt(i + 2))) {
      i += 2;
    } else if (c === Code.Dot && i + 1 < limit && isIdentifierStart(text.charCodeAt(i + 1))) {
      i += 1;
    } else {
      return i;
    }
  }
}

/**
 * After the `#`: up to the line end, or outside quotes up to a `//` or `/*`, a `}` or the
 * next `#`, trailing whitespace excluded: `includes { #include "x.cin" }` on one line keeps
 * its closing brace. Backslashes are not escapes here: include paths use them as separators.
 */
function directiveEnd(text: string, i: number, limit: number): number {
  const start = i;
  let inQuotes = false;
  while (i < limit) {
    const c = text.charCodeAt(i);
    if (isLineBreak(c)) break;
    if (c === Code.DoubleQuote) inQuotes = !inQuotes;
    else if (!inQuotes && (c === Code.CloseBrace || c === Code.Hash)) break;
    else if (!inQuotes && c === Code.Slash && i + 1 < limit) {
      const next = text.charCodeAt(i + 1);
      if (next === Code.Slash || next === Code.Star) break;
    }
    i++;
  }
  while (i > start && isWhitespace(text.charCodeAt(i - 1))) i--;
  return i;
}

/** Length of the longest operator at `i`, whose character is of class Operator or Slash. */
function operatorLength(text: string, i: number, limit: number): number {
  const c = text.charCodeAt(i);
  const next = i + 1 < limit ? text.charCodeAt(i + 1) : -1;
  switch (c) {
    case Code.Colon:
      return next === Code.Colon ? 2 : 1;
    case Code.Plus:
      return next === Code.Plus || next === Code.Equals ? 2 : 1;
    case Code.Minus:
      return next === Code.Minus || next === Code.Equals || next === Code.Greater ? 2 : 1;
    case Code.Ampersand:
      return next === Code.Ampersand || next === Code.Equals ? 2 : 1;
    case Code.Bar:
      return next === Code.Bar || next === Code.Equals ? 2 : 1;
    case Code.Less:
    case Code.Greater:
      if (next === c) return i + 2 < limit && text.charCodeAt(i + 2) === Code.Equals ? 3 : 2;
      return next === Code.Equals ? 2 : 1;
    default: // * / % = ! ^
      return next === Code.Equals ? 2 : 1;
  }
}
