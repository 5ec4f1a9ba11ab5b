/**
 * `explain` and `check` ask one engine: on every file of the test corpus, each literal that
 * `check` reports an ID problem on is one `explain` lists, and each literal `explain` lists
 * that has a problem is reported by `check` (the codes are the editor's, features/problems.ts).
 */
import { strict as assert } from 'node:assert';
import { join } from 'node:path';
import { checkAll } from './checkAll';
import { explainFiles } from '../../server/src/cli/explain';
import { collectCaplFiles, fileSource, loadFile } from '../../server/src/cli/files';
import { idProblemCode } from '../../server/src/service/features/problems';
import { DEFAULT_SETTINGS } from '../../server/src/service/settings';

const ROOT = join(__dirname, '..', '..');
const CORPUS = ['examples', 'test/fixtures/lsp', 'test/grammar'].map((folder) => join(ROOT, folder));
const ID_CODES = new Set(['unknown-id', 'wrong-table', 'magic-number', 'ambiguous-id']);

describe('explain and check agree on every literal of the test corpus', () => {
  it('the same literals, file by file', async () => {
    const paths = await collectCaplFiles(CORPUS);
    const explained = explainFiles(paths, DEFAULT_SETTINGS);
    const checked = checkAll(paths.map(fileSource), DEFAULT_SETTINGS, false);
    const fromExplain = new Set(explained.filter(({ id }) => idProblemCode(id) !== undefined).map(({ file, line, column, id }) => `${file}:${line}:${column} ${idProblemCode(id)}`));
    const fromCheck = new Set(checked.flatMap(({ file, diagnostics }) => diagnostics
      .filter((diagnostic) => ID_CODES.has(String(diagnostic.code)))
      .map((diagnostic) => `${file.displayPath}:${diagnostic.range.start.line + 1}:${diagnostic.range.start.character + 1} ${diagnostic.code}`)));
    assert.deepEqual([...fromCheck].filter((literal) => !fromExplain.has(literal)), [], 'reported by check, not explained');
    // Only a `capl-ids-disable-line` / `-next-line` comment keeps check from reporting what explain lists.
    const texts = new Map(paths.map(loadFile).map((file) => [file.displayPath, file.text.split(/\r?\n/)]));
    const unsilenced = [...fromExplain].filter((literal) => {
      if (fromCheck.has(literal)) return false;
      const [, file, line] = /^(.*):(\d+):\d+ /.exec(literal)!;
      const lines = texts.get(file)!;
      const at = Number(line) - 1;
      return !/capl-ids-disable-line/.test(lines[at]) && !/capl-ids-disable-next-line/.test(lines[at - 1] ?? '');
    });
    assert.deepEqual(unsilenced, [], 'explained with a problem, not reported by check');
    assert.ok(fromCheck.size > 50, `the corpus has ID problems to compare (${fromCheck.size})`);
  });
});
