// Shared by the two runners of the real-editor suite (scripts/test-vscode-offline.mjs and
// scripts/test-vscode-electron.mjs): the extension folder to load and the test workspace.
import { cpSync, existsSync, mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

/** Workspace and user settings that keep the workbench quiet, offline and deterministic. */
export const QUIET_SETTINGS = {
  'capl-ids.inlayHints': 'on',
  'editor.inlayHints.enabled': 'on',
  'editor.hover.delay': 100,
  'files.autoSave': 'off',
  'files.exclude': { '.vscode': true },
  'git.enabled': false,
  'extensions.ignoreRecommendations': true,
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'workbench.startupEditor': 'none',
  'workbench.tips.enabled': false,
  'workbench.enableExperiments': false,
  'telemetry.telemetryLevel': 'off',
  'update.mode': 'none',
  'security.workspace.trust.enabled': false,
  'chat.disableAIFeatures': true,
  'workbench.colorTheme': 'Default Dark Modern',
};

/** What the packaged extension holds (see .vscodeignore): the folder the runners load. */
const PACKAGED = ['dist', 'syntaxes', 'snippets', 'language-configuration.json', 'images', 'README.md', 'LICENSE', 'CHANGELOG.md'];

/**
 * The extension folder to load: `<runDir>/extension`, holding links to what the packaged
 * extension holds and the repository's package.json. Not the repository itself: code-server
 * lives in its .cache/, and a development extension folder that contains the workbench's
 * own built-in extensions keeps those from loading (no colour themes, for one).
 */
export function prepareExtension(root, runDir) {
  const staged = join(runDir, 'extension');
  mkdirSync(staged, { recursive: true });
  for (const entry of [...PACKAGED, 'package.json']) {
    if (existsSync(join(root, entry)) && !existsSync(join(staged, entry))) symlinkSync(join(root, entry), join(staged, entry));
  }
  return staged;
}

/** A file of the test workspace with more diagnostics than VS Code keeps per file (1000). */
export const LARGE_NODE = 'problems/LargeNode.can';

/** 1200 magic numbers, then an unknown ID (an error) and an ID of the wrong table (a warning). */
function largeNode() {
  return [
    '/*@!Encoding:1252*/',
    'on start',
    '{',
    ...Array.from({ length: 1200 }, () => '  EVSE.SetMessageTimeout.Call(231, 5000);'),
    '}',
    '',
    'SCC_MessageRxInd(byte SessionID[], dword MessageID)',
    '{',
    '  if (MessageID == 99) write("unknown");',
    '  if (MessageID == 227) write("wrong table");',
    '}',
    '',
  ].join('\r\n');
}

/**
 * A fresh copy of examples/ at `<runDir>/<name>/examples` (the workbench keeps state per
 * folder, so the suite and the screenshots each get their own; the suite's edits never touch
 * the repository), plus LARGE_NODE, with QUIET_SETTINGS as workspace and, once, as user settings.
 */
export function prepareWorkspace(root, runDir, name) {
  const workspace = join(runDir, name, 'examples');
  cpSync(join(root, 'examples'), workspace, { recursive: true });
  mkdirSync(dirname(join(workspace, LARGE_NODE)), { recursive: true });
  writeFileSync(join(workspace, LARGE_NODE), largeNode());
  mkdirSync(join(workspace, '.vscode'), { recursive: true });
  writeFileSync(join(workspace, '.vscode/settings.json'), JSON.stringify(QUIET_SETTINGS, null, 2));
  const userSettings = join(runDir, 'user-data/User/settings.json');
  mkdirSync(dirname(userSettings), { recursive: true });
  if (!existsSync(userSettings)) {
    writeFileSync(userSettings, JSON.stringify({ ...QUIET_SETTINGS, 'window.menuBarVisibility': 'compact' }, null, 2));
  }
  return workspace;
}

/** Prints a suite result the same way in both runners; the last line is "N passed, N failed, N skipped". */
export function reportResult(result, runSeconds) {
  for (const test of result.tests ?? []) {
    const mark = test.state === 'passed' ? 'ok  ' : test.state === 'failed' ? 'FAIL' : 'skip';
    console.log(`  ${mark} ${test.title}${test.durationMs !== undefined ? ` (${test.durationMs} ms)` : ''}`);
  }
  for (const failure of result.failures ?? []) console.log(`\nFAILED: ${failure.title}\n${failure.error}\n`);
  console.log(`\nVS Code ${result.vscodeVersion} (${result.appHost}), suite ${(result.durationMs / 1000).toFixed(1)} s, run ${runSeconds.toFixed(1)} s`);
  console.log(`${result.passed} passed, ${result.failed} failed, ${result.pending} skipped`);
  return result.failed === 0 && result.passed > 0 ? 0 : 1;
}
