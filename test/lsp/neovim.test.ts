// A real third-party LSP client: Neovim's built-in client (Debian `neovim`, 0.7 API), run
// headless on the example files. test/lsp/neovim/collect.lua starts dist/server.js, asks for
// hover and collects the pushed diagnostics (vim.diagnostic.get), writes them as JSON and
// quits; this test checks them against docs/context-rules.md. Without `nvim` it is skipped
// with a message, except under `npm run test:editor`, which installs it and requires it.
import * as assert from 'node:assert/strict';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { REPO_ROOT, SERVER_JS } from './lspClient';

const SCRIPT = join(REPO_ROOT, 'test', 'lsp', 'neovim', 'collect.lua');
const EXAMPLES = join(REPO_ROOT, 'examples');
const EVSE = join(EXAMPLES, 'EVSE', 'CcsEvseNode.can');
const EV = join(EXAMPLES, 'EV', 'SccEvNode.can');
const MONITOR = join(EXAMPLES, 'Common', 'CcsSessionMonitor.cin');
const GOLDEN = join(REPO_ROOT, 'test', 'fixtures', 'examples.expected.json');
const NVIM_TIMEOUT_MS = 30000;

/** vim.diagnostic severities. */
const ERROR = 1;
const WARN = 2;
const HINT = 4;

interface NvimDiagnostic {
  code: string | null;
  severity: number;
  message: string;
  source: string | null;
  lnum: number;
  col: number;
  end_lnum: number;
  end_col: number;
}

interface NvimResult {
  files: {
    path: string;
    uri: string;
    hovers: { needle: string; line: number; character: number; markdown: string | null }[];
    references: { needle: string; locations: { uri: string; line: number; character: number }[] }[];
    diagnostics: NvimDiagnostic[];
  }[];
  logs: string[];
  errors: string[];
  server_exit: { code: number; signal: number } | null;
}

function nvimVersion(): string | undefined {
  const probe = spawnSync('nvim', ['--version'], { encoding: 'utf8', timeout: 10000 });
  return probe.error || probe.status !== 0 ? undefined : probe.stdout.split('\n')[0];
}

/** 0-based line and byte column (Neovim's buffer is UTF-8) of `needle` in a Windows-1252 example file. */
function locate(path: string, needle: string, delta = 0): { lnum: number; col: number } {
  const lines = readFileSync(path, 'latin1').split(/\r?\n/);
  const lnum = lines.findIndex((line) => line.includes(needle));
  assert.notEqual(lnum, -1, `"${needle}" is in ${path}`);
  const column = lines[lnum].indexOf(needle) + delta;
  return { lnum, col: Buffer.byteLength(lines[lnum].slice(0, column), 'utf8') };
}

/** Runs nvim headless with the collect script; kills its process group if it outlives the timeout. */
function runNeovim(spec: object, folder: string): Promise<{ code: number | null; output: string }> {
  const specPath = join(folder, 'spec.json');
  writeFileSync(specPath, JSON.stringify(spec));
  const env = {
    ...process.env,
    CAPL_IDS_NVIM_SPEC: specPath,
    // Nothing of this run lands in the user's home (Neovim's lsp.log goes to the cache folder).
    XDG_CONFIG_HOME: join(folder, 'config'),
    XDG_DATA_HOME: join(folder, 'data'),
    XDG_STATE_HOME: join(folder, 'state'),
    XDG_CACHE_HOME: join(folder, 'cache'),
  };
  const child: ChildProcess = spawn('nvim', ['--headless', '-u', 'NONE', '-i', 'NONE', '-n', '-c', `luafile ${SCRIPT}`], {
    cwd: REPO_ROOT,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  return new Promise((resolve) => {
    const killGroup = () => {
      try {
        process.kill(-child.pid!, 'SIGKILL');
      } catch {
        // already gone
      }
    };
    const timer = setTimeout(() => {
      output += `\n[nvim killed after ${NVIM_TIMEOUT_MS} ms]`;
      killGroup();
    }, NVIM_TIMEOUT_MS);
    child.on('exit', (code) => {
      clearTimeout(timer);
      killGroup(); // the server, should nvim have left it behind
      resolve({ code, output });
    });
  });
}

describe('Neovim built-in LSP client against dist/server.js (examples/)', function () {
  this.timeout(NVIM_TIMEOUT_MS + 10000);
  let folder: string;
  let result: NvimResult;
  let run: { code: number | null; output: string };

  before(async function () {
    const version = nvimVersion();
    // `npm run test:editor` installs Neovim and sets CAPL_IDS_REQUIRE_NVIM: there, a missing nvim fails.
    if (!version && process.env.CAPL_IDS_REQUIRE_NVIM) assert.fail('`nvim` is not installed: run scripts/install-editor-deps.sh');
    if (!version) {
      console.log('      (skipped: `nvim` is not installed; run scripts/install-editor-deps.sh)');
      this.skip();
    }
    assert.ok(existsSync(SERVER_JS), `${SERVER_JS} is missing: build it first (node scripts/build.mjs)`);
    folder = mkdtempSync(join(tmpdir(), 'capl-ids-nvim-'));
    const out = join(folder, 'result.json');
    run = await runNeovim({
      node: process.execPath,
      server: SERVER_JS,
      root: EXAMPLES,
      timeoutMs: 10000,
      out,
      files: [
        { path: EVSE, hovers: [{ needle: 'EVSE.SetMessageTimeout.Call(231', delta: 29 }], references: [{ needle: 'case 231', delta: 6 }, { needle: '@sysvar::Common::LastReceivedMessageId =', delta: 3 }] },
        { path: EV, hovers: [{ needle: 'MessageID == 8', delta: 13 }] },
      ],
    }, folder);
    assert.ok(existsSync(out), `nvim wrote no result (exit code ${run.code}):\n${run.output}`);
    result = JSON.parse(readFileSync(out, 'utf8')) as NvimResult;
  });

  after(() => {
    if (folder) rmSync(folder, { recursive: true, force: true });
  });

  it('runs without errors, and the server exits with code 0 when Neovim stops it', () => {
    assert.deepEqual(result.errors, [], run.output);
    assert.equal(run.code, 0, run.output);
    assert.deepEqual(result.server_exit, { code: 0, signal: 0 });
  });

  it('hovers the literal ID argument of EVSE.SetMessageTimeout.Call with its message', () => {
    const [evse] = result.files;
    const position = locate(EVSE, 'EVSE.SetMessageTimeout.Call(231', 29);
    assert.deepEqual(evse.hovers.map((h) => [h.line, h.character]), [[position.lnum, position.col]]);
    const markdown = evse.hovers[0].markdown ?? '';
    assert.match(markdown, /^\*\*CurrentDemand Res\*\* · `231` \(`0xE7`\)\n\nCCS-Binding › ISO2 DC\n\nConstant: `CCS_ISO2_DC_CURRENT_DEMAND_RES`/);
    assert.match(markdown, /\*Why:\* argument 1 of EVSE\.SetMessageTimeout, the message ID \(EVSE: CCS-Binding object, by its name\)/);
  });

  it('finds the references of an ID in every file of the workspace', () => {
    const [evse] = result.files;
    const places = (evse.references[0]?.locations ?? []).map((location) => [fileURLToPath(location.uri), location.line, location.character]);
    const expected = [[MONITOR, '231 == @this', 0], [EVSE, 'EVSE.SetMessageTimeout.Call(231', 28], [EVSE, 'case 231', 5]] as const;
    assert.deepEqual(
      places.sort(),
      expected.map(([path, needle, delta]) => [path, locate(path, needle, delta).lnum, locate(path, needle, delta).col]).sort(),
    );
  });

  it('finds the references of a system variable that carries IDs: where the node writes it, its handler, @this and @A::B in the include', () => {
    const [evse] = result.files;
    const places = (evse.references[1]?.locations ?? []).map((location) => [fileURLToPath(location.uri), location.line, location.character]);
    const expected = [
      [EVSE, '@sysvar::Common::LastReceivedMessageId =', 0],
      [MONITOR, 'on sysvar Common::LastReceivedMessageId', 'on sysvar '.length],
      [MONITOR, 'if (@this == 213)', 4],
      [MONITOR, 'else if (@this == 227', 9],
      [MONITOR, '@this == 0xE5', 0],
      [MONITOR, '231 == @this', 7],
      [MONITOR, 'IsSessionStop(@this)', 14],
      [MONITOR, '@Common::LastReceivedMessageId == 219', 0],
    ] as const;
    assert.deepEqual(
      places.sort(),
      expected.map(([path, needle, delta]) => [path, locate(path, needle, delta).lnum, locate(path, needle, delta).col]).sort(),
    );
  });

  it('shows the magic-number diagnostics of the CCS node where the IDs are, and none on timeouts', () => {
    const [evse] = result.files;
    const at = (needle: string, delta: number) => evse.diagnostics.filter((d) => d.lnum === locate(EVSE, needle).lnum && d.col === locate(EVSE, needle, delta).col);
    assert.deepEqual(at('EVSE.SetMessageTimeout.Call(231', 28).map((d) => [d.code, d.severity, d.source, d.message]), [
      ['magic-number', HINT, 'capl-ids', '231 is CurrentDemand Res (CCS-Binding): use CCS_ISO2_DC_CURRENT_DEMAND_RES.'],
    ]);
    assert.deepEqual(at('EVSE.SetMessageTimeout(0xE3', 23).map((d) => [d.code, d.message]), [
      ['magic-number', '0xE3 is CableCheck Res (CCS-Binding): use CCS_ISO2_DC_CABLE_CHECK_RES.'],
    ]);
    const timeoutLine = locate(EVSE, 'EVSE.SetMessageTimeout(0xE3, 40000)').lnum;
    assert.deepEqual(evse.diagnostics.filter((d) => d.lnum === timeoutLine).map((d) => d.message.split(' ')[0]), ['0xE3'], 'the 40000 ms timeout is no ID');
    assert.deepEqual([...new Set(evse.diagnostics.map((d) => d.code))], ['magic-number']);
    assert.ok(evse.diagnostics.every((d) => d.source === 'capl-ids'), 'every diagnostic comes from capl-ids');
  });

  it('reports exactly the IDs of the golden expectations (test/fixtures/examples.expected.json) in the CCS node', () => {
    const golden = (JSON.parse(readFileSync(GOLDEN, 'utf8')) as Record<string, { line: number; column: number; text: string; constants: string[] }[]>)['examples/EVSE/CcsEvseNode.can'];
    const lines = readFileSync(EVSE, 'latin1').split(/\r?\n/);
    const expected = golden.map((id) => {
      const col = Buffer.byteLength(lines[id.line - 1].slice(0, id.column - 1), 'utf8');
      return [id.line - 1, col, col + Buffer.byteLength(id.text), id.text, id.constants[0]];
    });
    const [evse] = result.files;
    const actual = evse.diagnostics
      .map((d) => [d.lnum, d.col, d.end_col, d.message.split(' ')[0], /use (\w+)\.$/.exec(d.message)?.[1]])
      .sort((x, y) => (x[0] as number) - (y[0] as number) || (x[1] as number) - (y[1] as number));
    assert.deepEqual(actual, expected);
  });

  it('hovers a modeling-library ID in the EV node and reports its enum mismatch and wrong-table ID', () => {
    const [, ev] = result.files;
    assert.match(ev.hovers[0].markdown ?? '', /^\*\*ServiceDiscovery Res\*\* · `8` \(`0x8`\)\n\nModeling Libraries\n\nConstant: `SCC_SERVICE_DISCOVERY_RES`/);

    const codes = new Set(ev.diagnostics.map((d) => d.code));
    for (const code of ['enum-mismatch', 'magic-number', 'wrong-table']) assert.ok(codes.has(code), `${code} is among ${[...codes].join(', ')}`);
    assert.ok(![...codes].includes('unknown-id'), 'no unknown IDs in the EV node');

    const mismatch = locate(EV, 'SessionSetupRes = 7', 18);
    assert.deepEqual(ev.diagnostics.filter((d) => d.code === 'enum-mismatch').map((d) => [d.lnum, d.col, d.severity, d.message]), [
      [mismatch.lnum, mismatch.col, WARN, 'SessionSetupRes = 7 disagrees with Modeling Libraries: SessionSetup Res is 6.'],
    ]);
    const magic = locate(EV, 'MessageID == 8', 13);
    assert.deepEqual(ev.diagnostics.filter((d) => d.lnum === magic.lnum).map((d) => [d.col, d.code, d.message]), [
      [magic.col, 'magic-number', '8 is ServiceDiscovery Res (Modeling Libraries): use SCC_SERVICE_DISCOVERY_RES.'],
    ]);
    const wrong = locate(EV, 'MessageID == 227', 13);
    const wrongTable = ev.diagnostics.filter((d) => d.code === 'wrong-table' && d.lnum === wrong.lnum);
    assert.deepEqual(wrongTable.map((d) => [d.col, d.severity]), [[wrong.col, WARN]]);
    assert.match(wrongTable[0].message, /^227 is not a message ID of Modeling Libraries; it exists in CableCheck Res \(CCS-Binding\)/);
    assert.ok(ev.diagnostics.every((d) => d.severity !== ERROR), 'nothing in the EV node is an error');
  });
});
