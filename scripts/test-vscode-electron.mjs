#!/usr/bin/env node
// Runs the real-editor suite (test/e2e) in desktop VS Code through @vscode/test-electron 2.5
// (the newest that runs on Node 20). It downloads VS Code into .vscode-test/, so it needs a
// machine that can reach the VS Code update service; scripts/test-vscode-offline.mjs runs the
// same suite without a download. The exit code comes from the suite's result file.
//
//   node scripts/test-vscode-electron.mjs [--vscode-version 1.91.0|stable] [--grep REGEX]
//
// On a headless Linux machine run it under a display server, e.g. `xvfb-run -a node ...`.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { runTests } from '@vscode/test-electron';
import { prepareExtension, prepareWorkspace, reportResult } from '../test/e2e/runnerSupport.mjs';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const RUN_DIR = join(ROOT, '.cache/e2e/electron');
const started = Date.now();

const { values: options } = parseArgs({
  options: {
    // The oldest VS Code package.json's engines allow, or "stable".
    'vscode-version': { type: 'string', default: process.env.VSCODE_VERSION ?? 'stable' },
    grep: { type: 'string' },
  },
});

async function main() {
  if (!existsSync(join(ROOT, 'dist/client.js'))) throw new Error('dist/client.js is missing: run `npm run build` first');
  const build = spawnSync(process.execPath, [join(ROOT, 'scripts/build-e2e.mjs')], { cwd: ROOT, stdio: 'inherit' });
  if (build.status !== 0) throw new Error('building the e2e suite failed');

  rmSync(RUN_DIR, { recursive: true, force: true });
  mkdirSync(RUN_DIR, { recursive: true });
  const extensionDevelopmentPath = prepareExtension(ROOT, RUN_DIR);
  const workspace = prepareWorkspace(ROOT, RUN_DIR, 'tests');
  const resultFile = join(RUN_DIR, 'result.json');

  const launchArgs = [
    workspace,
    '--disable-extensions',
    '--disable-workspace-trust',
    '--skip-welcome',
    '--skip-release-notes',
    '--disable-gpu',
    '--user-data-dir', join(RUN_DIR, 'user-data'),
    '--extensions-dir', join(RUN_DIR, 'extensions'),
  ];
  // Chromium refuses to run as root without this.
  if (process.getuid?.() === 0) launchArgs.push('--no-sandbox');

  try {
    await runTests({
      version: options['vscode-version'],
      extensionDevelopmentPath,
      extensionTestsPath: join(ROOT, 'out/e2e/index.js'),
      launchArgs,
      extensionTestsEnv: {
        CAPL_IDS_E2E_RESULT: resultFile,
        ...(options.grep ? { CAPL_IDS_E2E_GREP: options.grep } : {}),
      },
    });
  } catch (error) {
    // runTests rejects when VS Code exits non-zero (failed tests) or cannot be downloaded or
    // started; the result file, when there is one, tells which.
    if (!existsSync(resultFile)) throw error;
  }
  if (!existsSync(resultFile)) throw new Error('the suite wrote no result file');
  return reportResult(JSON.parse(readFileSync(resultFile, 'utf8')), (Date.now() - started) / 1000);
}

let exitCode = 1;
try {
  exitCode = await main();
} catch (error) {
  console.error(`e2e-electron: ${error?.message ?? error}`);
}
process.exit(exitCode);
