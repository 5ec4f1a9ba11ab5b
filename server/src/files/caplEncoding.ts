// CAPL text to and from its bytes: UTF-8 (with or without a BOM) or Windows-1252.
import { isAscii, isUtf8 } from 'node:buffer';

export type CaplEncoding = 'utf-8' | 'windows-1252';

export interface DecodedCapl {
  /** The text without its byte order mark. */
  readonly text: string;
  readonly encoding: CaplEncoding;
  /** Whether the bytes started with a UTF-8 byte order mark. */
  readonly bom: boolean;
}

/**
 * Reads a CAPL file's bytes: UTF-8 when they are valid UTF-8, else Windows-1252 (what
 * CANoe writes). A `/*@!Encoding:1252*\/` header on the first line makes a pure-ASCII file
 * Windows-1252, so that text added later is written back as CANoe expects. It does not
 * override bytes that are valid UTF-8 beyond ASCII: such a file was almost surely saved as
 * UTF-8 by another editor, header kept, while Windows-1252 text whose accented letters
 * happen to form valid UTF-8 sequences (`Ã` followed by `¤`…) is very rare. A UTF-8 byte
 * order mark means UTF-8 even when invalid sequences follow (they become U+FFFD).
 */
export function decodeCapl(bytes: Uint8Array): DecodedCapl {
  const bom = bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
  if (bom) return { text: utf8.decode(bytes.subarray(3)), encoding: 'utf-8', bom };
  if (!isUtf8(bytes)) return { text: decodeWindows1252(bytes), encoding: 'windows-1252', bom };
  const text = utf8.decode(bytes);
  // Pure ASCII reads the same in both encodings: the header says which one to write back.
  return { text, encoding: declaresWindows1252(text) && isAscii(bytes) ? 'windows-1252' : 'utf-8', bom };
}

const utf8 = new TextDecoder('utf-8', { ignoreBOM: true });

function declaresWindows1252(text: string): boolean {
  const lineEnd = text.search(/[\r\n]|$/);
  return text.slice(0, lineEnd).toLowerCase().includes('/*@!encoding:1252*/');
}

/**
 * Windows-1252 is Latin-1 but for bytes 0x80-0x9F, mapped here as the WHATWG index does (its
 * five undefined bytes stay C1 controls, as there). Node's own 'windows-1252' decoder is
 * Latin-1 since 20.18.3 (nodejs/node#60888).
 */
function decodeWindows1252(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1').replace(/[\u0080-\u009f]/g, (c) => WINDOWS_1252_0X80_TO_0X9F[c.charCodeAt(0) - 0x80]);
}

const WINDOWS_1252_0X80_TO_0X9F =
  '\u20ac\u0081\u201a\u0192\u201e\u2026\u2020\u2021\u02c6\u2030\u0160\u2039\u0152\u008d\u017d\u008f' +
  '\u0090\u2018\u2019\u201c\u201d\u2022\u2013\u2014\u02dc\u2122\u0161\u203a\u0153\u009d\u017e\u0178';

/**
 * The bytes to write for a text read by decodeCapl, in the same encoding. Characters that
 * Windows-1252 cannot represent become `?` (one per UTF-16 unit); a byte order mark is
 * written for UTF-8 only.
 */
export function encodeCapl(text: string, encoding: CaplEncoding, bom: boolean): Uint8Array {
  if (encoding === 'utf-8') {
    const body = new TextEncoder().encode(text);
    if (!bom) return body;
    const bytes = new Uint8Array(body.length + 3);
    bytes.set([0xef, 0xbb, 0xbf]);
    bytes.set(body, 3);
    return bytes;
  }
  const bytes = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    bytes[i] = c < 0x80 || (c >= 0xa0 && c <= 0xff) ? c : (WINDOWS_1252_BYTE_OF.get(c) ?? QUESTION_MARK);
  }
  return bytes;
}

// The five bytes Windows-1252 leaves undefined map to themselves both ways, as in decodeCapl.
const WINDOWS_1252_BYTE_OF = new Map([...WINDOWS_1252_0X80_TO_0X9F].map((c, i) => [c.charCodeAt(0), 0x80 + i]));
const QUESTION_MARK = 0x3f;
