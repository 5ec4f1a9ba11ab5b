// Entry point of the real-editor suite (extensionTestsPath): runs inside VS Code's extension
// host, in VS Code (scripts/test-vscode-electron.mjs) or code-server
// (scripts/test-vscode-offline.mjs). The host's exit code is not reliable in code-server,
// so the result is also written to a JSON file that the runner turns into its exit code.
import * as fs from 'fs';
import * as path from 'path';
import Mocha from 'mocha';
import * as vscode from 'vscode';

/** Environment variable naming the result file; else `<workspace>/.cache/e2e-result.json`. */
export const RESULT_ENV = 'CAPL_IDS_E2E_RESULT';
/** Optional mocha `grep` (a regular expression over full test titles). */
export const GREP_ENV = 'CAPL_IDS_E2E_GREP';

export interface E2eResult {
  readonly passed: number;
  readonly failed: number;
  readonly pending: number;
  readonly failures: readonly { readonly title: string; readonly error: string }[];
  readonly tests: readonly { readonly title: string; readonly state: 'passed' | 'failed' | 'pending'; readonly durationMs?: number }[];
  readonly durationMs: number;
  readonly vscodeVersion: string;
  readonly appHost: string;
}

/** Suites in this order first (cheap to expensive), then any other `*.test.js`. */
const ORDER = ['language', 'panel', 'lookup', 'lsp', 'commands'];

export function resultPath(): string {
  const fromEnv = process.env[RESULT_ENV];
  if (fromEnv) return fromEnv;
  const folder = vscode.workspace.workspaceFolders?.[0]?.uri.fsPath ?? process.cwd();
  return path.join(folder, '.cache', 'e2e-result.json');
}

export async function run(): Promise<void> {
  const started = Date.now();
  const mocha = new Mocha({ ui: 'bdd', timeout: 30000, color: false, reporter: 'spec' });
  if (process.env[GREP_ENV]) mocha.grep(new RegExp(process.env[GREP_ENV] as string));
  const rank = (file: string) => {
    const index = ORDER.indexOf(path.basename(file, '.test.js'));
    return index === -1 ? ORDER.length : index;
  };
  const files = fs
    .readdirSync(__dirname)
    .filter((file) => file.endsWith('.test.js'))
    .sort((a, b) => rank(a) - rank(b) || a.localeCompare(b));
  for (const file of files) mocha.addFile(path.join(__dirname, file));

  const tests: { title: string; state: 'passed' | 'failed' | 'pending'; durationMs?: number }[] = [];
  const failures: { title: string; error: string }[] = [];
  let failed = 0;
  try {
    failed = await new Promise<number>((resolve) => {
      const runner = mocha.run((failures) => resolve(failures));
      runner.on('pass', (test) => tests.push({ title: test.fullTitle(), state: 'passed', durationMs: test.duration }));
      runner.on('pending', (test) => tests.push({ title: test.fullTitle(), state: 'pending' }));
      runner.on('fail', (test, error: Error) => {
        tests.push({ title: test.fullTitle(), state: 'failed', durationMs: test.duration });
        failures.push({ title: test.fullTitle(), error: error?.stack ?? String(error) });
      });
    });
  } catch (error) {
    failures.push({ title: 'loading the suite', error: error instanceof Error ? (error.stack ?? error.message) : String(error) });
    failed = Math.max(failed, 1);
  }

  const result: E2eResult = {
    passed: tests.filter((test) => test.state === 'passed').length,
    failed: Math.max(failed, failures.length),
    pending: tests.filter((test) => test.state === 'pending').length,
    failures,
    tests,
    durationMs: Date.now() - started,
    vscodeVersion: vscode.version,
    appHost: vscode.env.appHost,
  };
  writeResult(result);
  if (result.failed > 0) throw new Error(`${result.failed} real-editor test(s) failed`);
}

function writeResult(result: E2eResult): void {
  const file = resultPath();
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const temporary = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(temporary, JSON.stringify(result, null, 2));
  fs.renameSync(temporary, file);
}
