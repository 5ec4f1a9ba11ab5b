/**
 * `check` keeps no file texts (IndexOptions.keepsFileTexts): what it reports must not depend
 * on that. Generated CAPL, token soup and mutated examples, with the other examples, the
 * constants file and an include beside them: every file's diagnostics from a service that
 * lets the texts go equal those of one that keeps them.
 */
import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { decodeCapl } from '../../server/src/files/caplEncoding';
import { renderConstantsFile } from '../../server/src/service/constantsFile';
import { createLanguageService } from '../../server/src/service/languageService';
import type { Settings } from '../../server/src/service/settings';
import { EXAMPLES, mutatedExample, settingsArbitrary, tokenSoup } from './arbitraries';
import { caplArbitrary, CONSTANTS_URI, DOCUMENT_URI, OTHER_TEXT, OTHER_URI } from './capl';
import { fcParams, fuzzTimeout, noteCase } from './support';

function assertSameDiagnostics(files: readonly { uri: string; text: string }[], settings?: Settings): void {
  const keeping = createLanguageService({ settings });
  const reading = createLanguageService({ settings, files: { keepsFileAnalyses: false, keepsFileTexts: false } });
  for (const { uri, text } of files) {
    keeping.updateFile(uri, text);
    reading.updateFile(uri, text);
    reading.prepareDocument(uri);
  }
  for (const { uri, text } of files) {
    assert.deepStrictEqual(reading.fileDiagnostics(uri), keeping.doValidation(TextDocument.create(uri, 'capl', 0, text)), uri);
  }
}

const BESIDE = [{ uri: CONSTANTS_URI, text: renderConstantsFile() }, { uri: OTHER_URI, text: OTHER_TEXT }];

describe('fuzz: check reports the same whether the texts are kept or not', function () {
  this.timeout(fuzzTimeout(60000));

  it('generated CAPL, with the constants file and an include beside it, under any settings', () => {
    fc.assert(fc.property(caplArbitrary(), settingsArbitrary, (capl, settings) => {
      noteCase('generated CAPL (texts let go)', capl.text.length);
      assertSameDiagnostics([{ uri: DOCUMENT_URI, text: capl.text }, ...BESIDE], settings);
    }), fcParams(150));
  });

  it('token soup', () => {
    fc.assert(fc.property(tokenSoup, (text) => {
      noteCase('token soup (texts let go)', text.length);
      assertSameDiagnostics([{ uri: DOCUMENT_URI, text }, ...BESIDE]);
    }), fcParams(150));
  });

  it('a mutated example with the other examples', () => {
    fc.assert(fc.property(mutatedExample, (example) => {
      noteCase(`mutated ${example.name} (texts let go)`, example.bytes.length);
      const files = EXAMPLES.map((other) => ({ uri: `file:///c%3A/proj/${other.name}`, text: decodeCapl(other.name === example.name ? example.bytes : other.bytes).text }));
      assertSameDiagnostics(files);
    }), fcParams(60));
  });
});
