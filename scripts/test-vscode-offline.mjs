#!/usr/bin/env node
// Runs the real-editor suite (test/e2e) inside a real VS Code without downloading one:
// code-server 4.100.3 (VS Code 1.100.3's server + web workbench, installed by
// scripts/install-editor-deps.sh) shown in Debian's headless Chromium driven by
// playwright-core. The workbench is opened with an extensionDevelopmentPath +
// extensionTestsPath payload, so test/e2e/index.ts runs in the real extension host with the
// full `vscode` API; it writes its result to a JSON file, which becomes this exit code.
//
//   node scripts/test-vscode-offline.mjs [--screenshots] [--grep REGEX] [--timeout SECONDS] [--keep]
//
// --screenshots  also opens the workbench as a person would and saves images/hover.png
//                (hovering an ID in an example), images/lookup-panel.png (the panel) and
//                images/generate-constants.png (where the constants file may go) and
//                images/coverage.png (the coverage view)
//
// After the suite it opens the workbench as a person would once more and checks that the
// Problems panel of a file with more diagnostics than VS Code keeps is not flooded.
// --grep         runs only the tests whose full title matches
// --timeout      bound on the whole run (default 300 s); everything is stopped after it
// --keep         keeps .cache/e2e/run (workspace copy, logs) for inspection
//
// Only 127.0.0.1 is used; code-server runs in its own session/process group (setsid) and
// the whole group is killed at the end, so no process (file watcher, extension host,
// language server) is left behind.
/* global document, NodeFilter -- page.evaluate() callbacks run in the workbench page */
import { spawn, spawnSync } from 'node:child_process';
import { closeSync, existsSync, mkdirSync, openSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { LARGE_NODE, prepareExtension, prepareWorkspace, reportResult } from '../test/e2e/runnerSupport.mjs';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const CODE_SERVER = join(ROOT, '.cache/code-server/node_modules/.bin/code-server');
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const RUN_DIR = join(ROOT, '.cache/e2e/run');
const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-breakpad',
];

const { values: options } = parseArgs({
  options: {
    screenshots: { type: 'boolean', default: false },
    grep: { type: 'string' },
    timeout: { type: 'string', default: '300' },
    keep: { type: 'boolean', default: false },
  },
});
const totalTimeoutMs = Number(options.timeout) * 1000;
const started = Date.now();
const log = (message) => console.log(`[e2e ${((Date.now() - started) / 1000).toFixed(1).padStart(5)}s] ${message}`);

/** Everything that must be stopped, newest first. */
const cleanups = [];
let cleaningUp;
function cleanup() {
  cleaningUp ??= (async () => {
    for (const step of cleanups.reverse()) {
      try {
        await step();
      } catch (error) {
        console.error(`cleanup: ${error?.message ?? error}`);
      }
    }
  })();
  return cleaningUp;
}
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
  process.on(signal, () => {
    log(`${signal}: stopping`);
    void cleanup().then(() => process.exit(130));
  });
}
const watchdog = setTimeout(() => {
  log(`the run exceeded ${options.timeout} s: stopping everything`);
  void cleanup().then(() => process.exit(124));
}, totalTimeoutMs);

function remaining() {
  return Math.max(1000, totalTimeoutMs - (Date.now() - started) - 15000);
}

/** Polls until `probe` returns a truthy value; throws after `timeoutMs`. */
async function waitFor(what, probe, timeoutMs, intervalMs = 250) {
  const deadline = Date.now() + timeoutMs;
  let lastError;
  for (;;) {
    try {
      const value = await probe();
      if (value) return value;
    } catch (error) {
      lastError = error;
    }
    if (Date.now() > deadline) throw new Error(`timed out after ${Math.round(timeoutMs / 1000)} s waiting for ${what}${lastError ? ` (${lastError.message})` : ''}`);
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}

// --- preparation ---------------------------------------------------------------------

function preflight() {
  if (!existsSync(CODE_SERVER)) throw new Error('code-server is not installed: run `bash scripts/install-editor-deps.sh` first');
  if (!existsSync(CHROMIUM)) throw new Error(`no Chromium at ${CHROMIUM}: run \`bash scripts/install-editor-deps.sh\` first`);
  if (!existsSync(join(ROOT, 'dist/client.js'))) throw new Error('dist/client.js is missing: run `npm run build` (or `node scripts/build-e2e.mjs --client`) first');
  const build = spawnSync(process.execPath, [join(ROOT, 'scripts/build-e2e.mjs')], { cwd: ROOT, stdio: 'inherit' });
  if (build.status !== 0) throw new Error('building the e2e suite failed');
  if (!existsSync(join(ROOT, 'dist/server.js'))) log('note: dist/server.js is missing, so the language-server tests will be pending');
}

async function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

// --- code-server ---------------------------------------------------------------------

async function startCodeServer(workspace, resultFile) {
  const port = await freePort();
  const config = join(RUN_DIR, 'config.yaml');
  writeFileSync(config, `bind-addr: 127.0.0.1:${port}\nauth: none\ncert: false\n`);
  const logFile = join(RUN_DIR, 'code-server.log');
  const logFd = openSync(logFile, 'a');
  const args = [
    '--config', config,
    '--auth', 'none',
    '--bind-addr', `127.0.0.1:${port}`,
    '--disable-telemetry',
    '--disable-update-check',
    '--disable-workspace-trust',
    '--disable-getting-started-override',
    '--user-data-dir', join(RUN_DIR, 'user-data'),
    '--extensions-dir', join(RUN_DIR, 'extensions'),
    workspace,
  ];
  // detached: the child calls setsid(2), leading a new session and process group that also
  // holds everything it starts (extension host, file watcher, our language server).
  const child = spawn(CODE_SERVER, args, {
    cwd: RUN_DIR,
    detached: true,
    stdio: ['ignore', logFd, logFd],
    env: {
      ...process.env,
      XDG_CONFIG_HOME: join(RUN_DIR, 'xdg-config'),
      XDG_DATA_HOME: join(RUN_DIR, 'xdg-data'),
      // No extension gallery: nothing in the workbench tries to reach the marketplace.
      EXTENSIONS_GALLERY: '{}',
      CAPL_IDS_E2E_RESULT: resultFile,
      ...(options.grep ? { CAPL_IDS_E2E_GREP: options.grep } : {}),
    },
  });
  closeSync(logFd);
  let exited = false;
  child.once('exit', () => {
    exited = true;
  });
  cleanups.push(() => killGroup(child.pid, () => exited));
  const url = `http://127.0.0.1:${port}`;
  await waitFor('code-server /healthz', async () => {
    if (exited) throw new Error(`code-server exited; see ${relative(ROOT, logFile)}`);
    const response = await fetch(`${url}/healthz`);
    return response.ok;
  }, 30000, 100);
  log(`code-server ${url} (pid ${child.pid}, log ${relative(ROOT, logFile)})`);
  return { url, port, pid: child.pid };
}

/** SIGTERM to the whole process group, then SIGKILL if anything of it is still there after 5 s. */
async function killGroup(pid, exited) {
  const alive = () => {
    try {
      process.kill(-pid, 0);
      return true;
    } catch {
      return false;
    }
  };
  if (!alive()) return;
  try {
    process.kill(-pid, 'SIGTERM');
  } catch {
    return;
  }
  const deadline = Date.now() + 5000;
  while (alive() && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 100));
  if (alive()) {
    log(`process group ${pid} still alive after SIGTERM: SIGKILL`);
    try {
      process.kill(-pid, 'SIGKILL');
    } catch {
      // gone meanwhile
    }
    await waitFor(`process group ${pid} to exit`, () => !alive(), 5000, 100);
  }
  if (!exited()) await waitFor('code-server to be reaped', exited, 2000, 50).catch(() => undefined);
}

// --- browser -------------------------------------------------------------------------

/**
 * Chromium usually starts in 2–4 s, but on one fresh CI machine it did not answer within
 * 30 s. So each attempt gets a minute and a timed-out one is retried once (Playwright's error
 * carries what Chromium printed).
 */
const LAUNCH_ATTEMPTS = 2;
const LAUNCH_TIMEOUT_MS = 60000;

async function launchBrowser(origin) {
  const browser = await launchChromium();
  cleanups.push(() => browser.close());
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, deviceScaleFactor: 1, colorScheme: 'dark' });
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin });
  return { browser, context };
}

async function launchChromium() {
  const { chromium } = await import('playwright-core');
  for (let attempt = 1; ; attempt++) {
    const launchStarted = Date.now();
    try {
      const browser = await chromium.launch({
        executablePath: CHROMIUM,
        headless: true,
        chromiumSandbox: false,
        args: CHROMIUM_ARGS,
        timeout: LAUNCH_TIMEOUT_MS,
        // Chromium's crash reports and caches stay in the run folder, not in the user's home.
        env: { ...process.env, XDG_CONFIG_HOME: join(RUN_DIR, 'xdg-config'), XDG_CACHE_HOME: join(RUN_DIR, 'xdg-cache') },
      });
      log(`chromium launched in ${((Date.now() - launchStarted) / 1000).toFixed(1)} s`);
      return browser;
    } catch (error) {
      if (attempt === LAUNCH_ATTEMPTS || !/Timeout/i.test(error?.message ?? '')) throw error;
      log(`chromium did not start within ${LAUNCH_TIMEOUT_MS / 1000} s (attempt ${attempt} of ${LAUNCH_ATTEMPTS}): trying again`);
    }
  }
}

function remoteUri(server, path) {
  return `vscode-remote://127.0.0.1:${server.port}${path}`;
}

function workbenchUrl(server, workspace, payload) {
  return `${server.url}/?folder=${encodeURIComponent(workspace)}&payload=${encodeURIComponent(JSON.stringify(payload))}`;
}

/** Sends the page's console (where the extension host's output arrives) to a log file, and extension-host lines to stdout. */
function recordConsole(page, name) {
  const file = join(RUN_DIR, `${name}-console.log`);
  page.on('console', (message) => {
    const text = message.text();
    writeFileSync(file, `[${message.type()}] ${text}\n`, { flag: 'a' });
  });
  page.on('pageerror', (error) => writeFileSync(file, `[pageerror] ${error.message}\n`, { flag: 'a' }));
  return file;
}

async function runSuite(context, server, workspace, extensionPath, resultFile) {
  const page = await context.newPage();
  const consoleLog = recordConsole(page, 'tests');
  const payload = [
    ['extensionDevelopmentPath', remoteUri(server, extensionPath)],
    ['extensionTestsPath', remoteUri(server, join(ROOT, 'out/e2e/index.js'))],
  ];
  await page.goto(workbenchUrl(server, workspace, payload), { waitUntil: 'domcontentloaded', timeout: 30000 });
  log('workbench page loaded with the test payload; waiting for the suite');
  await waitFor(`the suite's result file (see ${relative(ROOT, consoleLog)})`, () => existsSync(resultFile), remaining(), 250);
  await page.close();
  return JSON.parse(readFileSync(resultFile, 'utf8'));
}

// --- screenshots ---------------------------------------------------------------------

async function takeScreenshots(context, server, workspace, extensionPath) {
  const page = await context.newPage();
  recordConsole(page, 'screenshots');
  try {
    await screenshotHoverAndPanel(page, server, workspace, extensionPath);
  } catch (error) {
    // What the workbench showed when it went wrong, for the log.
    await page.screenshot({ path: join(RUN_DIR, 'screenshot-failure.png') }).catch(() => undefined);
    const rows = await page.locator('.monaco-list-row').evaluateAll((elements) => elements.map((element) => `${element.getAttribute('aria-level')} ${element.getAttribute('aria-label')}`)).catch(() => []);
    log(`screenshots failed; ${relative(ROOT, join(RUN_DIR, 'screenshot-failure.png'))}; list rows:\n  ${rows.join('\n  ')}`);
    throw error;
  } finally {
    await page.close();
  }
}

/** Opens the workbench with the extension and `file` open, as a person would, once the file shows as CAPL. */
async function openAsPerson(page, server, workspace, extensionPath, file) {
  const payload = [
    ['extensionDevelopmentPath', remoteUri(server, extensionPath)],
    ['openFile', remoteUri(server, file)],
  ];
  await page.goto(workbenchUrl(server, workspace, payload), { waitUntil: 'domcontentloaded', timeout: 30000 });
  log(`workbench page loaded with ${relative(workspace, file)} open`);
  // The editor re-renders once the language is applied; hovering earlier misses.
  await waitFor('the status bar to show the CAPL language', async () => (await page.locator('#status\\.editor\\.mode').innerText({ timeout: 1000 })).includes('CAPL'), 60000);
}

async function screenshotHoverAndPanel(page, server, workspace, extensionPath) {
  const imagesDir = join(ROOT, 'images');
  mkdirSync(imagesDir, { recursive: true });
  await openAsPerson(page, server, workspace, extensionPath, join(workspace, 'EVSE/CcsEvseNode.can'));

  const needle = 'SetMessageTimeout.Call(231';
  const point = await waitFor('the line with the hover target', () => page.evaluate(({ needle, token }) => {
    for (const line of document.querySelectorAll('.monaco-editor .view-line')) {
      const text = line.textContent ?? '';
      const at = text.indexOf(needle);
      if (at < 0) continue;
      const offset = at + needle.indexOf(token) + 1;
      const walker = document.createTreeWalker(line, NodeFilter.SHOW_TEXT);
      let seen = 0;
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        const length = node.textContent.length;
        if (seen + length > offset) {
          const range = document.createRange();
          range.setStart(node, offset - seen);
          range.setEnd(node, offset - seen + 1);
          const rect = range.getBoundingClientRect();
          return { x: rect.left + rect.width / 2, y: rect.top + rect.height / 2 };
        }
        seen += length;
      }
    }
    return undefined;
  }, { needle, token: '231' }), 20000);

  // Retry the hover while the extension activates and the server analyses the file.
  // Wait for the server's hover (constant, table, why), not just the diagnostic's line.
  await waitFor('the hover over 231 to show the message', async () => {
    await page.mouse.move(point.x, point.y + 120);
    await page.mouse.move(point.x, point.y, { steps: 4 });
    const hover = page.locator('.monaco-hover:not(.hidden)').first();
    await hover.waitFor({ state: 'visible', timeout: 3000 });
    // Once shown, the hover fills in as the server answers: give it a moment before re-hovering.
    return waitFor('the hover to complete', async () => {
      const text = await hover.innerText({ timeout: 1000 });
      // The diagnostic's part ends in "Quick Fix..." once the server's fix is known.
      return text.includes('Constant:') && text.includes('Why') && text.includes('Quick Fix');
    }, 5000, 200).catch(() => false);
  }, 60000, 200);
  await page.screenshot({ path: join(imagesDir, 'hover.png') });
  log('saved images/hover.png');

  // The panel, as a keyboard user gets there: the command palette runs the search command,
  // which opens the panel filtered and selects the first match.
  await page.mouse.move(700, 150);
  await page.keyboard.press('Escape');
  await page.keyboard.press('F1');
  const quickInput = page.locator('.quick-input-widget input');
  await quickInput.waitFor({ state: 'visible', timeout: 10000 });
  await quickInput.fill('>CAPL IDs: Search Message IDs');
  await page.locator('.quick-input-list .monaco-list-row', { hasText: 'Search Message IDs' }).first().waitFor({ state: 'visible', timeout: 10000 });
  await page.keyboard.press('Enter');
  await waitFor('the search box', async () => (await quickInput.getAttribute('placeholder'))?.includes('A number'), 10000);
  await quickInput.fill('current demand');
  await page.keyboard.press('Enter');
  const messageRow = page.locator('.monaco-list-row', { hasText: 'CurrentDemand' }).first();
  await messageRow.waitFor({ state: 'visible', timeout: 20000 });
  // Widen the side bar so that the rows' Req/Res descriptions fit.
  const sidebar = await page.locator('.part.sidebar').boundingBox();
  if (sidebar) {
    const edge = sidebar.x + sidebar.width + 1;
    await page.mouse.move(edge, 500);
    await page.mouse.down();
    await page.mouse.move(edge + 160, 500, { steps: 8 });
    await page.mouse.up();
  }
  await page.getByText('Filter “current demand”').first().waitFor({ state: 'visible', timeout: 10000 });
  // The filtered tree expands as it renders: wait for its last group before the picture.
  for (const row of ['ISO2 DC', 'Modeling Libraries', 'Message related states']) {
    await page.locator('.monaco-list-row', { hasText: row }).first().waitFor({ state: 'visible', timeout: 10000 });
  }
  await messageRow.hover();
  await page.screenshot({ path: join(imagesDir, 'lookup-panel.png') });
  log('saved images/lookup-panel.png');

  // Generate Constants Include File asks where, with the example's open: back in its editor.
  await page.keyboard.press('Escape');
  await page.locator('.monaco-editor .view-lines').first().click();
  await page.keyboard.press('F1');
  await quickInput.fill('>CAPL IDs: Generate Constants Include File');
  await page.locator('.quick-input-list .monaco-list-row', { hasText: 'Generate Constants Include File' }).first().waitFor({ state: 'visible', timeout: 10000 });
  await page.keyboard.press('Enter');
  await page.locator('.quick-input-list .monaco-list-row', { hasText: 'Common/SmartChargingMessageIds.cin' }).first().waitFor({ state: 'visible', timeout: 20000 });
  await page.screenshot({ path: join(imagesDir, 'generate-constants.png') });
  log('saved images/generate-constants.png');
  await page.keyboard.press('Escape');

  // The coverage view: its page lives in the webview's inner frame.
  await page.keyboard.press('F1');
  await quickInput.fill('>CAPL IDs: Show Message Coverage');
  await page.locator('.quick-input-list .monaco-list-row', { hasText: 'Show Message Coverage' }).first().waitFor({ state: 'visible', timeout: 10000 });
  await page.keyboard.press('Enter');
  await page.frameLocator('iframe.webview.ready').frameLocator('iframe#active-frame').locator('table').first().waitFor({ state: 'visible', timeout: 20000 });
  await page.screenshot({ path: join(imagesDir, 'coverage.png') });
  log('saved images/coverage.png');
}

// --- the Problems panel, as a person sees it -----------------------------------------

/**
 * Opens LARGE_NODE (more diagnostics than VS Code keeps per file, nearly all hints) and reads
 * the Problems panel: it must list the file's error and warning, and no "Not showing N further
 * errors and warnings" entry. Resolves with whether it did.
 */
async function checkProblemsPanel(context, server, workspace, extensionPath) {
  const page = await context.newPage();
  recordConsole(page, 'problems');
  try {
    await openAsPerson(page, server, workspace, extensionPath, join(workspace, LARGE_NODE));
    await page.keyboard.press('Control+Shift+M');
    const panel = page.locator('.markers-panel');
    const listed = await waitFor('the Problems panel to list the error and the warning', async () => {
      const text = await panel.innerText({ timeout: 1000 });
      return text.includes('99 is not a message ID') && text.includes('227 is not a message ID') && text;
    }, 60000);
    const flooded = /Not showing \d+ further/.test(listed);
    log(flooded ? `Problems panel: FAIL, flooded:\n${listed}` : 'Problems panel: ok, the error and the warning, no "Not showing…" entry');
    // The file was opened before the extension started (as VS Code restores editors): it is
    // Windows-1252 as its header says, so no encoding warning may have been shown.
    const toasts = await page.locator('.notifications-toasts').innerText({ timeout: 1000 }).catch(() => '');
    const warned = toasts.includes('makes no edits');
    if (warned) log(`encoding warning: FAIL, shown for a file in its header's encoding:\n${toasts}`);
    return !flooded && !warned;
  } catch (error) {
    await page.screenshot({ path: join(RUN_DIR, 'problems-failure.png') }).catch(() => undefined);
    log(`Problems panel: FAIL, ${error.message}; see ${relative(ROOT, join(RUN_DIR, 'problems-failure.png'))}`);
    return false;
  } finally {
    await page.close();
  }
}

// --- main ----------------------------------------------------------------------------

async function main() {
  preflight();
  rmSync(RUN_DIR, { recursive: true, force: true });
  mkdirSync(RUN_DIR, { recursive: true });
  const extensionPath = prepareExtension(ROOT, RUN_DIR);
  const workspace = prepareWorkspace(ROOT, RUN_DIR, 'tests');
  const resultFile = join(RUN_DIR, 'result.json');
  const server = await startCodeServer(workspace, resultFile);
  const { context } = await launchBrowser(server.url);
  const result = await runSuite(context, server, workspace, extensionPath, resultFile);
  let exitCode = reportResult(result, (Date.now() - started) / 1000);
  if (!options.grep || /problems/i.test(options.grep)) {
    if (!(await checkProblemsPanel(context, server, prepareWorkspace(ROOT, RUN_DIR, 'problems'), extensionPath))) exitCode = 1;
  }
  if (options.screenshots) await takeScreenshots(context, server, prepareWorkspace(ROOT, RUN_DIR, 'screenshots'), extensionPath);
  return exitCode;
}

let exitCode = 1;
try {
  exitCode = await main();
} catch (error) {
  console.error(`e2e: ${error?.stack ?? error}`);
  exitCode = 1;
} finally {
  await cleanup();
  clearTimeout(watchdog);
  if (!options.keep && exitCode === 0) {
    for (const entry of existsSync(RUN_DIR) ? readdirSync(RUN_DIR) : []) {
      if (!entry.endsWith('.log') && entry !== 'result.json') rmSync(join(RUN_DIR, entry), { recursive: true, force: true });
    }
  }
}
process.exit(exitCode);
