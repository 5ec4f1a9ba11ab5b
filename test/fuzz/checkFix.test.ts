/**
 * `check --fix` on real files (checkFiles with fix=true, on temporary folders): it writes
 * exactly what the editor's fix-all computes, only where the edit oracle allows changes, in
 * the file's own encoding (Windows-1252 stays Windows-1252), with its BOM, line ends and
 * file mode; a second run changes nothing; a failed write leaves the original intact and
 * says so.
 */
import { strict as assert } from 'node:assert';
import fs, { chmodSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import fc from 'fast-check';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { writeFileAtomically } from '../../server/src/atomicWrite';
import { checkAll } from '../cli/checkAll';
import { CliError } from '../../server/src/cli/errors';
import { fileSource } from '../../server/src/cli/files';
import { renderConstantsFile } from '../../server/src/service/constantsFile';
import { DEFAULT_SETTINGS } from '../../server/src/service/settings';
import { decodeCapl, encodeCapl, type CaplEncoding } from '../../server/src/files/caplEncoding';
import { caplArbitrary, OTHER_TEXT } from './capl';
import { assertSafeEdit, declaresCatalogueConstants, definitionsIn, expectedFixAll, splitEdits } from './editOracle';
import { fcParams, fuzzTimeout, noteCase, serviceWith, timed } from './support';

const CALLBACK = 'void SCC_MessageRxInd(byte SessionID[], dword MessageID)';

interface Project {
  readonly root: string;
  readonly node: string;
  readonly other: string;
  readonly constants: string;
}

/** A temporary project: EV/Node.can, Common/Other.cin and (maybe) Common/SmartChargingMessageIds.cin. */
function makeProject(): Project {
  const root = mkdtempSync(join(tmpdir(), 'capl-ids-fuzz-'));
  mkdirSync(join(root, 'EV'));
  mkdirSync(join(root, 'Common'));
  const project = { root, node: join(root, 'EV', 'Node.can'), other: join(root, 'Common', 'Other.cin'), constants: join(root, 'Common', 'SmartChargingMessageIds.cin') };
  writeFileSync(project.other, OTHER_TEXT, 'latin1');
  return project;
}

function temporaryFiles(folder: string): string[] {
  return readdirSync(folder).filter((name) => name.includes('.capl-ids-'));
}

type Scenario = { encoding: 'windows-1252'; header: boolean } | { encoding: 'utf-8'; bom: boolean; charset: 'ascii' | 'latin' | 'unicode' };

const scenario: fc.Arbitrary<Scenario> = fc.oneof(
  fc.record({ encoding: fc.constant('windows-1252' as const), header: fc.boolean() }),
  fc.record({ encoding: fc.constant('utf-8' as const), bom: fc.boolean(), charset: fc.constantFrom('ascii' as const, 'latin' as const, 'unicode' as const) }),
);

describe('fuzz: check --fix on files', function () {
  this.timeout(fuzzTimeout(60000));
  const projects: string[] = [];
  after(() => {
    for (const root of projects) rmSync(root, { recursive: true, force: true });
  });

  it('writes only the allowed changes, in the same encoding, BOM, line ends and mode, and a second run changes nothing', () => {
    const generated = scenario.chain((chosen) =>
      fc.tuple(
        fc.constant(chosen),
        caplArbitrary(chosen.encoding === 'windows-1252' ? { charset: 'latin', header: chosen.header } : { charset: chosen.charset }),
        fc.boolean(),
      ),
    );
    fc.assert(
      fc.property(generated, ([chosen, capl, withConstantsFile]) => {
        const project = makeProject();
        projects.push(project.root);
        const bom = chosen.encoding === 'utf-8' && chosen.bom;
        const bytes = encodeCapl(capl.text, chosen.encoding, bom);
        writeFileSync(project.node, bytes);
        chmodSync(project.node, 0o640);
        const paths = [project.node];
        if (withConstantsFile) {
          writeFileSync(project.constants, renderConstantsFile(), 'latin1');
          paths.push(project.constants);
        }
        const before = decodeCapl(bytes);
        // A pure-ASCII UTF-8 file with the encoding header reads as Windows-1252: what CANoe means.
        const encoding: CaplEncoding = before.encoding;
        if (chosen.encoding === 'windows-1252') assert.equal(encoding, 'windows-1252', 'the generated Windows-1252 file reads as Windows-1252');
        assert.equal(before.bom, bom);
        noteCase('check --fix on a file', bytes.length);

        // What the editor's fix-all computes for the same workspace.
        const files = [{ uri: pathToFileURL(project.other).href, text: OTHER_TEXT }];
        if (withConstantsFile) files.push({ uri: pathToFileURL(project.constants).href, text: renderConstantsFile() });
        const service = serviceWith(DEFAULT_SETTINGS, files);
        const uri = pathToFileURL(project.node).href;
        const document = TextDocument.create(uri, 'capl', 1, before.text);
        service.updateDocument(document);
        const included = [...(/Other\.cin/.test(before.text) ? [OTHER_TEXT] : []), ...(withConstantsFile && /SmartChargingMessageIds\.cin/.test(before.text) ? [renderConstantsFile()] : [])];
        const expected = expectedFixAll(before.text, service.analyze(document), DEFAULT_SETTINGS, definitionsIn(included));
        const edits = service.fixAllEdits(document);
        const { insertions } = splitEdits(document, edits);

        const checked = timed('check --fix (file)', bytes.length, () => checkAll(paths.map(fileSource), DEFAULT_SETTINGS, true));
        const afterBytes = new Uint8Array(readFileSync(project.node));
        const after = decodeCapl(afterBytes);
        assert.equal(checked[0].fixed, expected.length > 0, 'fixed exactly when there was something to fix');
        assert.equal(after.encoding, encoding, 'the encoding changed');
        assert.equal(after.bom, bom, 'the BOM changed');
        // The text: the editor's fix-all result, and that only changes what the oracle allows.
        assert.equal(after.text, TextDocument.applyEdits(document, edits), 'check --fix wrote something else than fix-all computes');
        const constantsVisible = withConstantsFile && /SmartChargingMessageIds\.cin/.test(before.text);
        const used = [...new Set(expected.flatMap((replacement) => (replacement.constant ? [replacement.constant] : [])))];
        const declared = new Set(['SCC_SERVICE_DISCOVERY_RES'].filter(() => /Other\.cin/.test(before.text)));
        for (const match of before.text.matchAll(/const dword (\w+)/g)) declared.add(match[1]);
        const missing = used.filter((constant) => !declared.has(constant));
        const includes = withConstantsFile && !declaresCatalogueConstants(before.text);
        assertSafeEdit(before.text, after.text, expected, insertions[0]?.at, {
          uri,
          ...(includes && !constantsVisible && missing.length > 0 ? { includeOf: pathToFileURL(project.constants).href } : {}),
          declare: includes || constantsVisible ? [] : missing,
        });
        // The bytes: every character the fix kept is written as it was read (decode → encode is lossless).
        assert.ok(Buffer.from(encodeCapl(before.text, encoding, bom)).equals(Buffer.from(bytes)), 'the original does not round-trip');
        assert.ok(Buffer.from(encodeCapl(after.text, encoding, bom)).equals(Buffer.from(afterBytes)), 'the fixed file is not written in its encoding');
        assert.equal(statSync(project.node).mode & 0o777, 0o640, 'the file mode changed');
        if (withConstantsFile) assert.equal(readFileSync(project.constants, 'latin1'), renderConstantsFile(), 'the constants file was changed');
        assert.equal(readFileSync(project.other, 'latin1'), OTHER_TEXT, 'an included file not named on the command line was changed');
        assert.deepEqual([...temporaryFiles(dirname(project.node)), ...temporaryFiles(dirname(project.other))], [], 'temporary files left behind');

        const again = checkAll(paths.map(fileSource), DEFAULT_SETTINGS, true);
        assert.ok(again.every((file) => !file.fixed), 'the second run fixed something');
        assert.ok(Buffer.from(readFileSync(project.node)).equals(Buffer.from(afterBytes)), 'the second run changed the file');
        rmSync(project.root, { recursive: true, force: true });
      }),
      fcParams(30),
    );
  });

  describe('a failed write leaves the original intact and reports a clear error', () => {
    const original = Buffer.from(`/*@!Encoding:1252*/\r\n// Prüfstand, 90 °C\r\n${CALLBACK}\r\n{\r\n  if (MessageID == 8) ;\r\n}\r\n`, 'latin1');
    let project: Project;
    let temporary: string;

    beforeEach(() => {
      project = makeProject();
      projects.push(project.root);
      writeFileSync(project.node, original);
      temporary = join(dirname(project.node), `.${basename(project.node)}.capl-ids-${process.pid}.tmp`);
    });

    function expectFailure(): CliError {
      let failure: unknown;
      try {
        checkAll([fileSource(project.node)], DEFAULT_SETTINGS, true);
      } catch (error) {
        failure = error;
      }
      assert.ok(failure instanceof CliError, `expected a CliError, got ${String(failure)}`);
      assert.match(failure.message, /cannot write .*EV\/Node\.can/, 'the error names the file');
      assert.match(failure.message, /unchanged/, 'the error says the file is unchanged');
      assert.ok(Buffer.from(readFileSync(project.node)).equals(original), 'the original file changed');
      return failure;
    }

    it('when its temporary file name is taken', () => {
      writeFileSync(temporary, 'someone else\'s file');
      expectFailure();
    });

    it('when its temporary file name is taken, the file that has it is not deleted', () => {
      writeFileSync(temporary, 'someone else\'s file');
      expectFailure();
      assert.ok(existsSync(temporary), 'a file capl-ids did not create was deleted');
      assert.equal(readFileSync(temporary, 'utf8'), 'someone else\'s file');
    });

    it('when the disk is full (the write fails half-way)', () => {
      const writable = fs as unknown as Record<string, unknown>;
      const writeSync = fs.writeSync;
      writable.writeSync = () => {
        throw Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' });
      };
      try {
        expectFailure();
      } finally {
        writable.writeSync = writeSync;
      }
      assert.deepEqual(temporaryFiles(dirname(project.node)), [], 'the temporary file is left behind');
    });

    it('when the rename fails', () => {
      const writable = fs as unknown as Record<string, unknown>;
      const renameSync = fs.renameSync;
      writable.renameSync = () => {
        throw Object.assign(new Error('EXDEV: cross-device link not permitted, rename'), { code: 'EXDEV' });
      };
      try {
        expectFailure();
      } finally {
        writable.renameSync = renameSync;
      }
      assert.deepEqual(temporaryFiles(dirname(project.node)), [], 'the temporary file is left behind');
    });

    it('when the folder vanishes: writeFileAtomically throws and creates nothing', () => {
      const folder = dirname(project.node);
      rmSync(folder, { recursive: true, force: true });
      assert.throws(() => writeFileAtomically(project.node, new Uint8Array([0x41])), (error: NodeJS.ErrnoException) => error.code === 'ENOENT');
      assert.ok(!existsSync(folder), 'the vanished folder was created again');
    });

    it('when the folder vanishes between reading and writing: check --fix reports it', () => {
      const writable = fs as unknown as Record<string, unknown>;
      const openSync = fs.openSync;
      const folder = dirname(project.node);
      writable.openSync = (...args: Parameters<typeof fs.openSync>) => {
        if (String(args[0]).includes('.capl-ids-')) rmSync(folder, { recursive: true, force: true });
        return openSync(...args);
      };
      let failure: unknown;
      try {
        checkAll([fileSource(project.node)], DEFAULT_SETTINGS, true);
      } catch (error) {
        failure = error;
      } finally {
        writable.openSync = openSync;
      }
      assert.ok(failure instanceof CliError, `expected a CliError, got ${String(failure)}`);
      assert.match(failure.message, /cannot write .*EV\/Node\.can: no such file or folder/);
      assert.ok(!existsSync(folder), 'the vanished folder was created again');
    });
  });
});
