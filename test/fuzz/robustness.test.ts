/**
 * Whatever is in the workspace, the service keeps answering: random bytes, token soup and
 * mutated examples go through decodeCapl → scan → parseOutline → analyzeFile → every facade
 * feature, at random positions. No exception escapes and every answer is well-formed
 * (support.ts: ranges inside the document, sorted, non-overlapping IDs and edits, …).
 */
import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import { analyzeFiles } from '../../server/src/service/analysis/analyzeFile';
import { decodeCapl, encodeCapl } from '../../server/src/files/caplEncoding';
import { scan } from '../../server/src/service/syntax/scanner';
import { EXAMPLES, fractions, mutatedExample, offsets, randomBytes, rawPositions, settingsArbitrary, spreadOffsets, tokenSoup } from './arbitraries';
import { assertAnalysis, assertTokens, exercise, fcParams, fuzzTimeout, noteCase, timed, URIS } from './support';

const uriArbitrary = fc.constantFrom(...URIS);

function isValidUtf8(bytes: Uint8Array): boolean {
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return true;
  } catch {
    return false;
  }
}

/** decodeCapl never throws, and what it reads is written back byte for byte (so `--fix` keeps every untouched byte). */
function decodeChecked(bytes: Uint8Array, what: string): string {
  const decoded = timed(`decodeCapl (${what})`, bytes.length, () => decodeCapl(bytes));
  assert.ok(decoded.encoding === 'utf-8' || decoded.encoding === 'windows-1252', `encoding ${decoded.encoding}`);
  assert.equal(decoded.bom, bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf, 'BOM detection');
  // Lossless except where a BOM promises UTF-8 and invalid sequences follow (they become U+FFFD).
  if (!decoded.bom || isValidUtf8(bytes.subarray(3))) {
    const written = encodeCapl(decoded.text, decoded.encoding, decoded.bom);
    assert.ok(Buffer.from(written).equals(Buffer.from(bytes)), `${what}: decode → encode is not the identity (${decoded.encoding}, BOM ${decoded.bom})`);
  }
  return decoded.text;
}

describe('fuzz: robustness of the whole service', function () {
  this.timeout(fuzzTimeout(60000));

  it('random bytes: decode, scan, analyse and every feature answer, well-formed', () => {
    fc.assert(
      fc.property(randomBytes, settingsArbitrary, uriArbitrary, offsets, rawPositions, (bytes, settings, uri, at, positions) => {
        noteCase('random bytes', bytes.length);
        const text = decodeChecked(bytes, 'random bytes');
        exercise(text, { uri, settings, offsets: at, positions, what: 'random bytes' });
      }),
      fcParams(200),
    );
  });

  it('token soup: every feature answers, well-formed, and fix-all is idempotent', () => {
    fc.assert(
      fc.property(tokenSoup, settingsArbitrary, uriArbitrary, fractions, rawPositions, (text, settings, uri, where, positions) => {
        noteCase('token soup', text.length);
        exercise(text, { uri, settings, offsets: spreadOffsets(text.length, where), positions, allCodeActions: true, fixAllTwice: true, what: 'token soup' });
      }),
      fcParams(300),
    );
  });

  it('mutated examples (cut, duplicated braces, unterminated comments/strings, NUL, invalid UTF-8, CRLF/LF mixes)', () => {
    fc.assert(
      fc.property(mutatedExample, fractions, (example, where) => {
        noteCase(`mutated ${example.name}`, example.bytes.length);
        const text = decodeChecked(example.bytes, 'mutated example');
        const uri = `file:///c%3A/proj/${example.name}`;
        // The other examples are in the workspace: includes resolve, facts are shared.
        const files = EXAMPLES.filter((other) => other.name !== example.name).map((other) => ({
          uri: `file:///c%3A/proj/${other.name}`,
          text: decodeCapl(other.bytes).text,
        }));
        exercise(text, { uri, files, offsets: spreadOffsets(text.length, where), allCodeActions: true, fixAllTwice: true, what: 'mutated example' });
      }),
      fcParams(250),
    );
  });

  it('the examples themselves are well-formed, and fix-all on them is idempotent', () => {
    for (const example of EXAMPLES) {
      const text = decodeChecked(example.bytes, example.name);
      noteCase(example.name, text.length);
      const offsets = Array.from({ length: 40 }, (_, i) => Math.floor((i / 39) * text.length));
      exercise(text, { uri: `file:///c%3A/proj/${example.name}`, offsets, allCodeActions: true, fixAllTwice: true, what: example.name });
    }
  });

  it('scanning any sub-range yields tokens inside it, covering every non-blank character', () => {
    fc.assert(
      fc.property(fc.oneof(tokenSoup, randomBytes.map((bytes) => decodeCapl(bytes).text)), fc.integer({ min: -3, max: 3000 }), fc.integer({ min: -3, max: 3000 }), (text, a, b) => {
        noteCase('sub-range scan', text.length);
        // scan clamps: the range is [start, end) with end = b and start = a, both inside the text, start ≤ end.
        const end = Math.max(0, Math.min(b, text.length));
        const start = Math.max(0, Math.min(a, end));
        const tokens = timed('scan sub-range', text.length, () => scan(text, a, b));
        assertTokens(text, tokens, start, end);
      }),
      fcParams(300),
    );
  });

  it('analysing several broken files together (shared system variables and parameters) never throws', () => {
    const file = fc.record({ text: fc.oneof(tokenSoup, mutatedExample.map((example) => decodeCapl(example.bytes).text)), path: uriArbitrary });
    fc.assert(
      fc.property(fc.array(file, { minLength: 1, maxLength: 4 }), settingsArbitrary, (files, settings) => {
        const size = files.reduce((sum, f) => sum + f.text.length, 0);
        noteCase('workspace analysis', size);
        const analyses = timed('analyzeFiles', size, () => analyzeFiles(files, settings));
        assert.equal(analyses.length, files.length);
        analyses.forEach((analysis, i) => assertAnalysis(files[i].text, analysis));
      }),
      fcParams(60),
    );
  });
});
