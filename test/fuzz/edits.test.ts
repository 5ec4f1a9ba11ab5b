/**
 * Edits are safe by construction, checked as properties over generated CAPL (capl.ts):
 * every quick fix and fix-all change only the replaced literals and the inserted include or
 * declarations (an independent diff, editOracle.ts); each replacing constant has exactly the
 * replaced literal's value; fix-all applied twice changes nothing the second time; the
 * inserted lines follow the file's line ends.
 */
import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { CodeActionKind, type Diagnostic } from 'vscode-languageserver-types';
import { catalogue } from '../../server/src/service/catalogue/catalogue';
import { renderConstantsFile } from '../../server/src/service/constantsFile';
import type { CaplLanguageService } from '../../server/src/service/languageService';
import { DEFAULT_SETTINGS, readSettings, type Settings } from '../../server/src/service/settings';
import { parseCapl } from '../../server/src/service/syntax/parse';
import { decodeCapl } from '../../server/src/files/caplEncoding';
import { EXAMPLES } from './arbitraries';
import { caplArbitrary, CONSTANTS_URI, DOCUMENT_URI, OTHER_TEXT, OTHER_URI } from './capl';
import { assertDeclaredBeforeUse, assertReplacementValues, assertSafeEdit, declaresCatalogueConstants, definitionsIn, expectedFixAll, splitEdits, type InsertionExpectation, type Replacement } from './editOracle';
import { fcParams, fuzzTimeout, noteCase, serviceWith, timed } from './support';

const CONSTANTS_TEXT = renderConstantsFile();

type Workspace = 'alone' | 'with-constants-file';

/** Settings that decide more literals (default table, object bindings) or silence some codes. */
const settingsArbitrary: fc.Arbitrary<Settings> = fc
  .record(
    {
      defaultTable: fc.constantFrom(null, 'ccs', 'ocpp', 'vehicle-states'),
      objects: fc.constantFrom({}, { Station: 'ocpp' }, { Station: 'ccs', CP: 'ccs' }),
      diagnostics: fc.constantFrom({}, { magicNumber: 'off' }, { severity: { 'enum-mismatch': 'off' } }, { magicNumber: 'warning' }),
    },
    { requiredKeys: [] },
  )
  .map((raw) => readSettings(raw).settings);

function workspaceFiles(workspace: Workspace): { uri: string; text: string }[] {
  const files = [{ uri: OTHER_URI, text: OTHER_TEXT }];
  if (workspace === 'with-constants-file') files.push({ uri: CONSTANTS_URI, text: CONSTANTS_TEXT });
  return files;
}

/** Names the document sees before the edit, from the outlines (the document and Other.cin when it includes it). */
function declaredBefore(text: string): Set<string> {
  const outline = parseCapl(text).outline;
  const names = new Set(outline.globals.map((global) => global.name));
  if (outline.includes.some((include) => /Other\.cin$/i.test(include.path))) {
    for (const global of parseCapl(OTHER_TEXT).outline.globals) names.add(global.name);
  }
  return names;
}

/** What the files the document includes define (Other.cin; the constants file where the workspace has it). */
function includedDefinitions(text: string, workspace: Workspace): Map<string, number | undefined> {
  const included = parseCapl(text).outline.includes.some((include) => /Other\.cin$/i.test(include.path)) ? [OTHER_TEXT] : [];
  if (workspace === 'with-constants-file' && includesConstantsFile(text)) included.push(CONSTANTS_TEXT);
  return definitionsIn(included);
}

function includesConstantsFile(text: string): boolean {
  return parseCapl(text).outline.includes.some((include) => /SmartChargingMessageIds\.cin$/i.test(include.path));
}

/** What the inserted block must contain for `constants` to become visible (README "Named constants"). */
function insertionFor(text: string, workspace: Workspace, constants: readonly string[]): InsertionExpectation {
  const declared = declaredBefore(text);
  const missing = [...new Set(constants)].filter((constant) => !declared.has(constant));
  if (workspace === 'with-constants-file' && (includesConstantsFile(text) || missing.length === 0)) return { uri: DOCUMENT_URI, declare: [] };
  if (workspace === 'with-constants-file' && !declaresCatalogueConstants(text)) return { uri: DOCUMENT_URI, includeOf: CONSTANTS_URI, declare: [] };
  return { uri: DOCUMENT_URI, declare: missing };
}

function constantsOf(replacements: readonly Replacement[]): string[] {
  return replacements.flatMap((replacement) => (replacement.constant ? [replacement.constant] : []));
}

/** After the edit every used constant resolves: declared in the file or its includes, or the constants include is included. */
function assertVisible(service: CaplLanguageService, document: TextDocument, constants: readonly string[]): void {
  service.updateDocument(document);
  const seesConstantsFile = service.index.includeClosure(document.uri).slice(1).includes(CONSTANTS_URI);
  for (const constant of constants) {
    assert.ok(seesConstantsFile || service.index.findDeclaration(document.uri, constant), `${constant} is not visible after the fix`);
  }
}

/** The diagnostics that have a fix (README "Diagnostics"): ID problems with candidates, and enum values that disagree. */
function quickFixDiagnostics(service: CaplLanguageService, document: TextDocument): Diagnostic[] {
  const writtenValues = new Set(service.analyze(document).enumMirrors.flatMap((mirror) => mirror.members.flatMap((member) => (member.valueSpan ? [member.valueSpan.start] : []))));
  return service.doValidation(document).filter((diagnostic) =>
    diagnostic.code === 'magic-number' || diagnostic.code === 'ambiguous-id'
    || (diagnostic.code === 'enum-mismatch' && writtenValues.has(document.offsetAt(diagnostic.range.start))));
}

describe('fuzz: edits are safe by construction', function () {
  this.timeout(fuzzTimeout(60000));

  it('fix-all changes only the expected literals plus one include or declaration block, with equal values, and is idempotent', () => {
    fc.assert(
      fc.property(caplArbitrary(), fc.constantFrom<Workspace>('alone', 'with-constants-file'), settingsArbitrary, (capl, workspace, settings) => {
        noteCase('generated CAPL (fix-all)', capl.text.length);
        const service = serviceWith(settings, workspaceFiles(workspace));
        const text = capl.text;
        const document = TextDocument.create(DOCUMENT_URI, 'capl', 1, text);
        service.updateDocument(document);
        const analysis = service.analyze(document);
        const expected = expectedFixAll(text, analysis, settings, includedDefinitions(text, workspace));
        assertReplacementValues(text, expected);

        const edits = timed('fix all (generated CAPL)', text.length, () => service.fixAllEdits(document));
        const { replacements, insertions } = splitEdits(document, edits);
        assert.deepEqual(replacements, expected, 'fix-all replaces other literals than the preferred fixes of the diagnostics');
        assertReplacementValues(text, replacements);
        assert.ok(insertions.length <= 1, `${insertions.length} insertions`);

        const edited = TextDocument.applyEdits(document, edits);
        assertSafeEdit(text, edited, expected, insertions[0]?.at, insertionFor(text, workspace, constantsOf(expected)));

        const fixed = TextDocument.create(DOCUMENT_URI, 'capl', 2, edited);
        assertVisible(service, fixed, constantsOf(expected));
        const again = service.fixAllEdits(fixed);
        assert.deepEqual(again, [], 'fix-all applied twice changes something the second time');
      }),
      fcParams(200),
    );
  });

  it('fix-all on the bundled examples (analysed together) changes only what the oracle allows, and is idempotent', () => {
    const files = EXAMPLES.map((example) => ({ uri: `file:///c%3A/proj/${example.name}`, text: decodeCapl(example.bytes).text }));
    for (const file of files) {
      const service = serviceWith(DEFAULT_SETTINGS, files);
      const document = TextDocument.create(file.uri, 'capl', 1, file.text);
      const expected = expectedFixAll(file.text, service.analyze(document), DEFAULT_SETTINGS);
      const edits = service.fixAllEdits(document);
      const { replacements, insertions } = splitEdits(document, edits);
      assert.deepEqual(replacements, expected, `${file.uri}: fix-all replaces other literals than the preferred fixes`);
      assertReplacementValues(file.text, replacements);
      // Visible before: the file's globals and those of the examples it includes.
      const outline = parseCapl(file.text).outline;
      const visible = new Set(outline.globals.map((global) => global.name));
      for (const include of outline.includes) {
        const target = files.find((other) => other.uri.toLowerCase().endsWith(include.path.replace(/\\/g, '/').split('/').pop()!.toLowerCase()));
        for (const global of target ? parseCapl(target.text).outline.globals : []) visible.add(global.name);
      }
      const missing = [...new Set(constantsOf(expected))].filter((constant) => !visible.has(constant));
      const edited = TextDocument.applyEdits(document, edits);
      assertSafeEdit(file.text, edited, expected, insertions[0]?.at, { uri: file.uri, declare: missing });
      const fixed = TextDocument.create(file.uri, 'capl', 2, edited);
      assertVisible(service, fixed, constantsOf(expected));
      assert.deepEqual(service.fixAllEdits(fixed), [], `${file.uri}: fix-all twice changes something`);
    }
  });

  it('every quick fix replaces exactly its literal by a constant of the same value (or an enum value by the table\'s) and adds only what makes it visible', () => {
    fc.assert(
      fc.property(caplArbitrary(), fc.constantFrom<Workspace>('alone', 'with-constants-file'), settingsArbitrary, (capl, workspace, settings) => {
        noteCase('generated CAPL (quick fixes)', capl.text.length);
        const service = serviceWith(settings, workspaceFiles(workspace));
        const text = capl.text;
        const document = TextDocument.create(DOCUMENT_URI, 'capl', 1, text);
        service.updateDocument(document);
        for (const diagnostic of quickFixDiagnostics(service, document)) {
          const actions = timed('quick fix (generated CAPL)', text.length, () =>
            service.getCodeActions(document, { diagnostics: [diagnostic], only: [CodeActionKind.QuickFix] }),
          );
          assert.ok(actions.length > 0, `no quick fix for ${diagnostic.code} at ${JSON.stringify(diagnostic.range)}`);
          for (const action of actions) {
            const edits = action.edit?.changes?.[DOCUMENT_URI] ?? [];
            const { replacements, insertions } = splitEdits(document, edits);
            assert.equal(replacements.length, 1, `"${action.title}" replaces ${replacements.length} ranges`);
            const [replacement] = replacements;
            assert.deepEqual([replacement.start, replacement.end], [document.offsetAt(diagnostic.range.start), document.offsetAt(diagnostic.range.end)], `"${action.title}" edits outside its diagnostic`);
            if (diagnostic.code === 'enum-mismatch') {
              assert.ok(/^\d+$/.test(replacement.newText), `"${action.title}" writes ${replacement.newText}`);
            } else {
              assert.ok(replacement.constant, `"${action.title}" writes ${JSON.stringify(replacement.newText)}, no catalogue constant`);
              assertReplacementValues(text, [replacement]);
            }
            const edited = TextDocument.applyEdits(document, edits);
            assertSafeEdit(text, edited, [replacement], insertions[0]?.at, insertionFor(text, workspace, constantsOf([replacement])));
            const fixed = TextDocument.create(DOCUMENT_URI, 'capl', 2, edited);
            assertVisible(service, fixed, constantsOf([replacement]));
            // The constant now written is understood: hovering it tells its value.
            if (replacement.constant) {
              const shift = insertions.filter((insertion) => insertion.at <= replacement.start).reduce((sum, insertion) => sum + insertion.text.length, 0);
              const hover = service.doHover(fixed, fixed.positionAt(replacement.start + shift + 1));
              assert.ok(hover && JSON.stringify(hover.contents).includes(String(catalogue.byConstant(replacement.constant)!.id)), `no hover on ${replacement.constant}`);
            }
            service.updateDocument(document);
          }
        }
      }),
      fcParams(120),
    );
  });

  it('a declared constant comes before its first use (an ID in a global initialiser)', () => {
    fc.assert(
      fc.property(caplArbitrary({ variables: 'some' }), settingsArbitrary, (capl, settings) => {
        noteCase('generated CAPL (declaration order)', capl.text.length);
        const service = serviceWith(settings, workspaceFiles('alone'));
        const document = TextDocument.create(DOCUMENT_URI, 'capl', 1, capl.text);
        service.updateDocument(document);
        const edits = service.fixAllEdits(document);
        assertDeclaredBeforeUse(TextDocument.applyEdits(document, edits), constantsOf(splitEdits(document, edits).replacements));
      }),
      fcParams(100),
    );
  });

  /** Fix-all on the text with a BOM character in front (what an LSP client may send): the BOM stays first and only. */
  function assertBomStays(capl: { text: string }): void {
    const text = `\ufeff${capl.text}`;
    noteCase('generated CAPL (BOM)', text.length);
    const service = serviceWith(DEFAULT_SETTINGS, workspaceFiles('alone'));
    const document = TextDocument.create(DOCUMENT_URI, 'capl', 1, text);
    service.updateDocument(document);
    const edited = TextDocument.applyEdits(document, service.fixAllEdits(document));
    assert.equal(edited.charCodeAt(0), 0xfeff, `the BOM is no longer first: ${JSON.stringify(edited.slice(0, 40))}`);
    assert.equal(edited.indexOf('\ufeff', 1), -1, 'a BOM inside the text');
  }

  it('a BOM before an encoding header stays first', () => {
    fc.assert(fc.property(caplArbitrary({ header: true }), assertBomStays), fcParams(40));
  });

  it('a BOM at the start of the text stays first', () => {
    fc.assert(fc.property(caplArbitrary({ header: false }), assertBomStays), fcParams(100));
  });

  it('a fix never uses a constant that the file declares with another value (the program must not change)', () => {
    fc.assert(
      fc.property(caplArbitrary({ variables: 'some' }), fc.nat(), fc.integer({ min: 1, max: 5 }), (capl, pick, delta) => {
        const before = serviceWith(DEFAULT_SETTINGS, workspaceFiles('alone'));
        const original = TextDocument.create(DOCUMENT_URI, 'capl', 1, capl.text);
        before.updateDocument(original);
        const used = constantsOf(splitEdits(original, before.fixAllEdits(original)).replacements);
        fc.pre(used.length > 0);
        const constant = used[pick % used.length];
        const value = catalogue.byConstant(constant)!.id + delta;
        // The user's own declaration of that name, with another value, in the variables section.
        const text = capl.text.replace(/(variables\r?\n\{[^}]*?)(\r?\n)\}/, `$1$2  const dword ${constant} = ${value};$2}`);
        noteCase('generated CAPL (user constants)', text.length);
        const service = serviceWith(DEFAULT_SETTINGS, workspaceFiles('alone'));
        const document = TextDocument.create(DOCUMENT_URI, 'capl', 1, text);
        service.updateDocument(document);
        const { replacements } = splitEdits(document, service.fixAllEdits(document));
        for (const replacement of replacements) {
          assert.notEqual(replacement.constant, constant, `${text.slice(replacement.start, replacement.end)} replaced by ${constant}, which this file declares as ${value}`);
        }
      }),
      fcParams(40),
    );
  });
});
