import { strict as assert } from 'node:assert';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import iconv from 'iconv-lite';
import { decodeCapl, encodeCapl } from '../../server/src/files/caplEncoding';

const BOM = [0xef, 0xbb, 0xbf];
const HEADER = '/*@!Encoding:1252*/';

function bytes(...parts: (string | number | number[])[]): Uint8Array {
  return Uint8Array.from(parts.flatMap((part) => (typeof part === 'string' ? [...Buffer.from(part, 'latin1')] : part)));
}

describe('decodeCapl', () => {
  // bytes → [text, encoding, bom]
  const CASES: [string, Uint8Array, string, 'utf-8' | 'windows-1252', boolean][] = [
    ['empty', bytes(), '', 'utf-8', false],
    ['ASCII', bytes('on start {}\r\n'), 'on start {}\r\n', 'utf-8', false],
    ['UTF-8', bytes('// Gr', [0xc3, 0xbc], [0xc3, 0x9f], 'e'), '// Grüße', 'utf-8', false],
    ['UTF-8 with a BOM', bytes(BOM, 'x', [0xe2, 0x82, 0xac]), 'x€', 'utf-8', true],
    ['a BOM alone', bytes(BOM), '', 'utf-8', true],
    ['a BOM before invalid UTF-8', bytes(BOM, 'a', [0xe4], 'b'), 'a\uFFFDb', 'utf-8', true],
    ['Windows-1252', bytes('// Gr', [0xfc, 0xdf], 'e ', [0x80]), '// Grüße €', 'windows-1252', false],
    ['a truncated UTF-8 sequence', bytes('x', [0xe2, 0x82]), 'xâ‚', 'windows-1252', false],
    ['an ASCII file with the 1252 header', bytes(`${HEADER}\r\nx`), `${HEADER}\r\nx`, 'windows-1252', false],
    ['the header in another case', bytes('/*@!encoding:1252*/'), '/*@!encoding:1252*/', 'windows-1252', false],
    ['the header later on the first line', bytes(`// x ${HEADER}`), `// x ${HEADER}`, 'windows-1252', false],
    ['the header on the second line', bytes(`x\n${HEADER}`), `x\n${HEADER}`, 'utf-8', false],
    ['the header over valid UTF-8', bytes(`${HEADER}\n// `, [0xc3, 0xa4]), `${HEADER}\n// ä`, 'utf-8', false],
    ['the header over Windows-1252', bytes(`${HEADER}\n// `, [0xe4]), `${HEADER}\n// ä`, 'windows-1252', false],
    ['a UTF-8 header', bytes('/*@!Encoding:65001*/'), '/*@!Encoding:65001*/', 'utf-8', false],
    ['NUL bytes', bytes('a', [0], 'b'), 'a\0b', 'utf-8', false],
  ];

  for (const [name, input, text, encoding, bom] of CASES) {
    it(`reads ${name}`, () => assert.deepEqual(decodeCapl(input), { text, encoding, bom }));
  }

  it('maps every Windows-1252 byte as the WHATWG index does', () => {
    for (let byte = 0x80; byte <= 0xff; byte++) {
      const { text } = decodeCapl(bytes('x', [byte, 0xff]));
      const expected = [0x81, 0x8d, 0x8f, 0x90, 0x9d].includes(byte)
        ? String.fromCharCode(byte) // undefined in Windows-1252: WHATWG keeps the C1 control
        : iconv.decode(Buffer.from([byte]), 'windows-1252');
      assert.equal(text, `x${expected}ÿ`, `byte 0x${byte.toString(16)}`);
    }
  });
});

describe('encodeCapl', () => {
  it('round-trips every byte of a Windows-1252 file', () => {
    const all = Uint8Array.from({ length: 256 }, (_, i) => i);
    const decoded = decodeCapl(all);
    assert.equal(decoded.encoding, 'windows-1252');
    assert.deepEqual(encodeCapl(decoded.text, decoded.encoding, decoded.bom), all);
  });

  it('round-trips UTF-8 with and without a BOM', () => {
    for (const input of [bytes('on start {}\r\n// ', [0xe2, 0x82, 0xac]), bytes(BOM, 'x\r\n', [0xc3, 0xa4])]) {
      const decoded = decodeCapl(input);
      assert.deepEqual(encodeCapl(decoded.text, decoded.encoding, decoded.bom), input);
    }
  });

  it('round-trips any bytes that decode as Windows-1252', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 200 }), (input) => {
        const decoded = decodeCapl(input);
        fc.pre(decoded.encoding === 'windows-1252');
        assert.deepEqual(encodeCapl(decoded.text, decoded.encoding, decoded.bom), input);
      }),
    );
  });

  it('writes characters Windows-1252 lacks as `?`', () => {
    assert.deepEqual(encodeCapl('a\u4e2d€\uD83D\uDE00', 'windows-1252', false), bytes('a?', [0x80], '??'));
    assert.deepEqual(encodeCapl('\ufffd', 'windows-1252', false), bytes('?'));
  });

  it('writes a lone surrogate and U+FFFD, which no byte of Windows-1252 decodes to, as `?`', () => {
    assert.deepEqual(encodeCapl('a\uD800b\uDC00\uFFFD', 'windows-1252', false), bytes('a?b??'));
  });

  it('writes Windows-1252 as iconv-lite does, but the five undefined bytes as themselves', () => {
    const undefinedBytes = new Set([0x81, 0x8d, 0x8f, 0x90, 0x9d]);
    fc.assert(
      // Lone surrogates and U+FFFD aside: iconv-lite holds a lone surrogate back waiting for its
      // pair, and writes U+FFFD as 0x9D, which reads back as U+009D (see the test before).
      fc.property(fc.string({ unit: fc.integer({ min: 0, max: 0xffff }).filter((unit) => (unit < 0xd800 || unit > 0xdfff) && unit !== 0xfffd).map((unit) => String.fromCharCode(unit)) }), (text) => {
        const expected = Uint8Array.from(iconv.encode(text, 'windows-1252'));
        for (let i = 0; i < text.length; i++) {
          const unit = text.charCodeAt(i);
          if (undefinedBytes.has(unit)) expected[i] = unit;
          // iconv-lite's table decodes the undefined bytes as U+FFFD, so it encodes U+FFFD as the last of them (0x9D).
          else if (unit === 0xfffd) expected[i] = 0x3f;
        }
        assert.deepEqual(encodeCapl(text, 'windows-1252', false), expected);
      }),
    );
  });

  it('writes a BOM for UTF-8 only', () => {
    assert.deepEqual(encodeCapl('ä', 'utf-8', true), bytes(BOM, [0xc3, 0xa4]));
    assert.deepEqual(encodeCapl('ä', 'windows-1252', true), bytes([0xe4]));
  });
});

describe('the server and CLI bundles', () => {
  it('never import iconv-lite', () => {
    const sources = (folder: string): string[] =>
      readdirSync(folder, { withFileTypes: true }).flatMap((entry) => {
        const path = join(folder, entry.name);
        return entry.isDirectory() ? sources(path) : entry.name.endsWith('.ts') ? [path] : [];
      });
    const offenders = sources(join(__dirname, '../../server/src')).filter((path) => readFileSync(path, 'utf8').includes('iconv-lite'));
    assert.deepEqual(offenders, []);
  });
});
