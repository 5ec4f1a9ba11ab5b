import iconv from 'iconv-lite';
import type { CaplEncoding } from '../service/syntax/decode';

/**
 * The bytes to write for a text read by decodeCapl, in the same encoding. Characters that
 * Windows-1252 cannot represent become `?`; a byte order mark is written for UTF-8 only.
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
  const bytes = new Uint8Array(iconv.encode(text, 'windows-1252'));
  // decodeCapl reads the five bytes Windows-1252 leaves undefined as the C1 controls of the
  // same number (as WHATWG does); iconv-lite writes those as `?`. Its single-byte encoder
  // writes one byte per UTF-16 unit, so the text's indexes are the bytes' indexes.
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (UNDEFINED_IN_WINDOWS_1252.has(c)) bytes[i] = c;
  }
  return bytes;
}

const UNDEFINED_IN_WINDOWS_1252 = new Set([0x81, 0x8d, 0x8f, 0x90, 0x9d]);
