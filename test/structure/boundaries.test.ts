import * as assert from 'node:assert/strict';
import { join } from 'node:path';
import { ESLint } from 'eslint';
import { importCycles, importGraph, REPO } from './importGraph';

/**
 * The service's edges (eslint.config.mjs): outside code imports only server/src/service
 * (its index.ts) and shared/; inside, a layer imports only lower ones. Each case lints one
 * import as if it were written in `file`.
 */
const CASES: readonly { file: string; source: string; leaks: boolean }[] = [
  { file: 'server/src/cli/leak.ts', source: "import { WorkspaceIndex } from '../service/workspace/workspaceIndex';", leaks: true },
  { file: 'server/src/cli/leak.ts', source: "import { createLanguageService } from '../service';", leaks: false },
  { file: 'server/src/leak.ts', source: "import { fixAllEdits } from './service/features/codeActions';", leaks: true },
  { file: 'bench/leak.ts', source: "import { CaplLanguageService } from '../server/src/service/languageService';", leaks: true },
  { file: 'client/src/leak.ts', source: "import { catalogue } from '../../server/src/service/catalogue/catalogue';", leaks: true },
  { file: 'client/src/leak.ts', source: "import { catalogue } from '../../server/src/service';", leaks: false },
  { file: 'client/src/leak.ts', source: "import { main } from '../../server/src/cli/main';", leaks: true },
  { file: 'shared/leak.ts', source: "import type { TableKey } from '../server/src/service/catalogue/types';", leaks: false },
  { file: 'shared/leak.ts', source: "import { TABLES } from '../server/src/service/catalogue/types';", leaks: true },
  { file: 'shared/leak.ts', source: "import type { CoverageReport } from '../server/src/service/features/coverage';", leaks: false },
  { file: 'shared/leak.ts', source: "import { protocolCoverage } from '../server/src/service/features/coverage';", leaks: true },
  { file: 'shared/leak.ts', source: "import type { CaplLanguageService } from '../server/src/service';", leaks: true },
  { file: 'server/src/service/workspace/leak.ts', source: "import { getCodeActions } from '../features/codeActions';", leaks: true },
  { file: 'server/src/service/analysis/leak.ts', source: "import type { WorkspaceIndex } from '../workspace/workspaceIndex';", leaks: true },
  { file: 'server/src/service/analysis/leak.ts', source: "import { parseCapl } from '../syntax/parse';", leaks: false },
  { file: 'server/src/service/syntax/leak.ts', source: "import type { FileAnalysis } from '../analysis/types';", leaks: true },
  { file: 'server/src/service/catalogue/leak.ts', source: "import { tokenize } from '../syntax/scanner';", leaks: true },
  { file: 'server/src/service/constantsFile.ts', source: "import { entryMarkdown } from './features/entryMarkdown';", leaks: true },
  { file: 'server/src/service/features/leak.ts', source: "import { CaplLanguageService } from '../languageService';", leaks: true },
  { file: 'server/src/service/features/leak.ts', source: "import { WorkspaceIndex } from '../workspace/workspaceIndex';", leaks: false },
  { file: 'server/src/service/features/leak.ts', source: "import * as vscode from 'vscode';", leaks: true },
  { file: 'server/src/service/features/leak.ts', source: "import { readFileSync } from 'node:fs';", leaks: true },
  { file: 'server/src/service/features/leak.ts', source: "import { findCaplFiles } from '../../files/caplFiles';", leaks: true },
];

describe('the service boundaries', () => {
  const eslint = new ESLint({ cwd: REPO });

  for (const { file, source, leaks } of CASES) {
    it(`${leaks ? 'rejects' : 'allows'} in ${file}: ${source}`, async () => {
      const [result] = await eslint.lintText(`${source}\n${usingImports(source)}\n`, { filePath: join(REPO, file) });
      const restricted = result.messages.filter((message) => message.ruleId === '@typescript-eslint/no-restricted-imports');
      assert.deepEqual(result.messages.filter((message) => message.ruleId !== '@typescript-eslint/no-restricted-imports'), [], 'the case has other problems');
      assert.equal(restricted.length, leaks ? 1 : 0, restricted.map((message) => message.message).join('\n'));
    });
  }

  it('no module imports itself through others (type-only imports included)', () => {
    assert.deepEqual(importCycles(importGraph()).map((cycle) => cycle.join(' → ')), []);
  });
});

/** A line that uses what `source` imports, so that no other rule complains. */
function usingImports(source: string): string {
  const names = /\{ ([^}]+) \}/.exec(source)?.[1] ?? /\* as (\w+)/.exec(source)![1];
  return source.startsWith('import type') ? `export type Used = [${names}];` : `export const used = [${names}];`;
}
