import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const root = join(__dirname, '..', '..');
const cli = join(root, 'dist', 'cli.js');

function run(args: string[], cwd = root) {
  const result = spawnSync(process.execPath, [cli, ...args], { cwd, encoding: 'utf8' });
  return { stdout: result.stdout, stderr: result.stderr, status: result.status };
}

interface ExpectedId {
  line: number;
  column: number;
  text: string;
  tables: string[];
  constants: string[];
}

describe('capl-ids CLI (dist/cli.js as a process)', () => {
  let scratch: string;

  before(function () {
    if (!existsSync(cli)) throw new Error('dist/cli.js is missing: run `npm run build` first');
    scratch = mkdtempSync(join(tmpdir(), 'capl-ids-cli-'));
  });
  after(() => rmSync(scratch, { recursive: true, force: true }));

  describe('help and arguments', () => {
    it('prints help naming every command', () => {
      const { stdout, status } = run(['--help']);
      assert.equal(status, 0);
      for (const command of ['table', 'lookup', 'explain', 'check', 'uses', 'coverage', 'constants']) assert.match(stdout, new RegExp(`capl-ids ${command}`));
    });

    const COMMANDS = ['table', 'lookup', 'explain', 'check', 'uses', 'coverage', 'constants'];
    for (const command of COMMANDS) {
      it(`prints the usage of ${command} alone for \`${command} --help\` and \`help ${command}\``, () => {
        const { stdout, status } = run([command, '--help']);
        assert.equal(status, 0);
        assert.match(stdout, new RegExp(`^  capl-ids ${command} `, 'm'));
        for (const other of COMMANDS.filter((name) => name !== command)) assert.doesNotMatch(stdout, new RegExp(`capl-ids ${other}`));
        assert.match(stdout, /^Exit codes: 0 /m);
        assert.equal(run(['help', command]).stdout, stdout);
      });
    }

    it('lists in a command\'s help exactly the options it accepts', () => {
      const help = run(['check', '--help']).stdout;
      for (const option of ['--format', '--output', '--fix', '--quiet', '--max-warnings', '--settings', '--stdin', '--stdin-filename']) assert.match(help, new RegExp(`^  ${option}\\b`, 'm'));
      for (const option of ['--json', '--table', '--out', '--force']) assert.doesNotMatch(help, new RegExp(`^  ${option}\\b`, 'm'));
      assert.match(run(['check', 'examples', '--json']).stderr, /check has no option --json \(see capl-ids check --help\)/);
    });

    it('prints the package version', () => {
      const { version } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
      assert.equal(run(['--version']).stdout.trim(), version);
    });

    const badCalls: [string[], RegExp][] = [
      [['frob'], /unknown command "frob"/],
      [['table', '--table', 'can'], /unknown table "can"/],
      [['table', 'extra'], /table takes no arguments/],
      [['lookup'], /lookup needs exactly one/],
      [['explain'], /no files or folders given/],
      [['explain', 'no/such/file.can'], /cannot read no\/such\/file\.can: no such file or folder/],
      [['check', 'examples', '--format', 'xml'], /unknown format "xml"/],
      [['check', 'examples', '--max-warnings', 'many'], /--max-warnings needs a whole number/],
      [['explain', 'examples', '--settings', 'no-such-settings.json'], /cannot read settings no-such-settings\.json/],
      [['table', '--colour'], /Unknown option '--colour'/],
      [['table', '--fix'], /table has no option --fix/],
      [['constants', '--output', 'x'], /constants has no option --output/],
      [['help', 'frob'], /unknown command "frob"/],
    ];
    for (const [args, message] of badCalls) {
      it(`rejects \`${args.join(' ')}\` with exit code 2`, () => {
        const { stderr, status, stdout } = run(args);
        assert.equal(status, 2);
        assert.match(stderr, message);
        assert.equal(stdout, '');
      });
    }

    it('rejects an invalid settings file with the fields it cannot use', () => {
      const settings = join(scratch, 'bad-settings.json');
      writeFileSync(settings, JSON.stringify({ defaultTable: 'nope', objects: { CP: 'ocpp' } }));
      const { stderr, status } = run(['explain', 'examples', '--settings', settings]);
      assert.equal(status, 2);
      assert.match(stderr, /settings\.defaultTable: invalid value "nope"/);
    });
  });

  describe('table and lookup', () => {
    it('prints all 496 rows as JSON with exactly the six documented fields', () => {
      const rows = JSON.parse(run(['table', '--json']).stdout) as Record<string, unknown>[];
      assert.equal(rows.length, 496);
      for (const row of rows) assert.deepEqual(Object.keys(row), ['table', 'group', 'name', 'kind', 'id', 'constant']);
      assert.deepEqual(rows[0], { table: 'ccs', group: 'SLAC', name: 'CM_SLAC_PARM', kind: 'Req', id: 1, constant: 'CCS_SLAC_CM_SLAC_PARM_REQ' });
    });

    const tableSizes: [string, number][] = [['ccs', 154], ['modeling', 95], ['vehicle-states', 17], ['charge-point-states', 22], ['ocpp', 208]];
    for (const [table, size] of tableSizes) {
      it(`prints the ${size} rows of ${table}`, () => {
        assert.equal(JSON.parse(run(['table', '--table', table, '--json']).stdout).length, size);
      });
    }

    it('writes the same output to --output', () => {
      const file = join(scratch, 'table.json');
      const { stdout, status } = run(['table', '--json', '--output', file]);
      assert.equal(status, 0);
      assert.equal(stdout, '');
      assert.equal(readFileSync(file, 'utf8'), run(['table', '--json']).stdout);
    });

    it('prints aligned text columns', () => {
      const lines = run(['table', '--table', 'charge-point-states']).stdout.trimEnd().split('\n');
      assert.equal(lines.length, 23);
      assert.match(lines[0], /^table\s+group\s+name\s+kind\s+id\s+constant$/);
      assert.match(lines.find((line) => line.includes('Waiting for new session'))!, /^Charge Point States\s+General States\s+Waiting for new session\s+—\s+201\s+SCC_CP_STATE_WAITING_FOR_NEW_SESSION$/);
    });

    const lookups: [string[], string[]][] = [
      [['0xE3'], ['CCS_ISO2_DC_CABLE_CHECK_RES', 'OCPP_DELETE_CERTIFICATE_RESPONSE_201']],
      [['100'], ['CCS_DIN_70121_SESSION_SETUP_REQ', 'OCPP_AUTHORIZE_REQUEST_16']],
      [['8', '--table', 'modeling'], ['SCC_SERVICE_DISCOVERY_RES']],
      [['SCC_CM_SLAC_MATCH_CNF'], ['SCC_CM_SLAC_MATCH_CNF']],
      [['CmStaIdentify'], ['SCC_CM_STA_INDENTIFY_IND', 'SCC_CM_STA_INDENTIFY_RSP']],
      [['session setup req', '--table', 'ccs'], ['CCS_DIN_70121_SESSION_SETUP_REQ', 'CCS_ISO2_CM_SESSION_SETUP_REQ', 'CCS_ISO20_CM_SESSION_SETUP_REQ']],
      [['Heartbeat', '--table', 'ocpp'], ['OCPP_HEARTBEAT_REQUEST_16', 'OCPP_HEARTBEAT_RESPONSE_16', 'OCPP_HEARTBEAT_REQUEST_201', 'OCPP_HEARTBEAT_RESPONSE_201']],
    ];
    for (const [args, constants] of lookups) {
      it(`looks up ${args.join(' ')}`, () => {
        const { stdout, status } = run(['lookup', ...args, '--json']);
        assert.equal(status, 0);
        assert.deepEqual((JSON.parse(stdout) as { constant: string }[]).map((row) => row.constant), constants);
      });
    }

    it('exits 1 when nothing matches', () => {
      const { stdout, status } = run(['lookup', '316', '--table', 'ccs']);
      assert.equal(status, 1);
      assert.match(stdout, /no entry matches "316" in CCS-Binding$/m);
    });
  });

  describe('explain', () => {
    it('finds exactly the golden IDs in examples/', () => {
      const expected = JSON.parse(readFileSync(join(root, 'test', 'fixtures', 'examples.expected.json'), 'utf8')) as Record<string, ExpectedId[]>;
      const found = JSON.parse(run(['explain', 'examples', '--json']).stdout) as (ExpectedId & { file: string; entries: { constant: string }[] })[];
      const actual: Record<string, ExpectedId[]> = {};
      for (const item of found) {
        (actual[item.file] ??= []).push({ line: item.line, column: item.column, text: item.text, tables: item.tables, constants: item.entries.map((entry) => entry.constant) });
      }
      assert.deepEqual(actual, expected);
    });

    it('gives every ID a reason and a rule', () => {
      const found = JSON.parse(run(['explain', 'examples', '--json']).stdout) as { reason: string; rule: string }[];
      for (const item of found) {
        assert.ok(item.reason.length > 10);
        assert.ok(['argument', 'comparison', 'case-label', 'assignment', 'enum-member'].includes(item.rule));
      }
    });

    it('prints one line per ID and a summary in text mode', () => {
      const { stdout, status } = run(['explain', 'examples/EVSE/CcsEvseNode.can']);
      assert.equal(status, 0);
      assert.match(stdout, /^examples\/EVSE\/CcsEvseNode\.can:39:26 {2}0xE3 {2}CCS-Binding: CableCheck Res = CCS_ISO2_DC_CABLE_CHECK_RES {2}\(/m);
      assert.match(stdout, /message IDs in 1 file \(0 ambiguous, 0 unknown\)$/m);
    });

    it('applies a settings file', () => {
      const settings = join(scratch, 'settings.json');
      writeFileSync(settings, JSON.stringify({ objects: { Gateway: 'ccs' } }));
      const found = JSON.parse(run(['explain', 'examples/OCPP', '--settings', settings, '--json']).stdout) as { text: string; tables: string[]; reason: string }[];
      const gateway = found.filter((item) => item.reason.includes('Gateway'));
      assert.ok(gateway.length >= 2);
      for (const item of gateway) assert.deepEqual(item.tables, ['ccs']);
    });

    it('survives files that are not CAPL at all', () => {
      const folder = join(scratch, 'junk');
      cpSync(join(root, 'examples'), folder, { recursive: true });
      writeFileSync(join(folder, 'binary.can'), Buffer.from([0, 255, 254, 0x80, 0x0d, 0x7b, 0x7b, 0x22, 0x2f, 0x2a]));
      writeFileSync(join(folder, 'empty.cin'), '');
      const { status, stdout } = run(['explain', folder]);
      assert.equal(status, 0);
      assert.match(stdout, /message IDs in 7 files/);
    });
  });

  describe('finding CAPL files in folders', () => {
    it('uses the language server\'s walker: skips node_modules and version control folders, survives link loops', () => {
      const folder = join(scratch, 'walk');
      for (const sub of ['nodes/deep', 'node_modules/x', '.hg', '.svn', '.git']) mkdirSync(join(folder, sub), { recursive: true });
      for (const file of ['nodes/A.can', 'nodes/deep/B.CIN', 'node_modules/x/C.can', '.hg/D.can', '.svn/E.can', '.git/F.can', 'nodes/notes.txt']) writeFileSync(join(folder, file), 'on start { }');
      symlinkSync(join(folder, 'nodes'), join(folder, 'nodes', 'deep', 'loop'));
      const { stdout, status } = run(['check', folder, '--format', 'json']);
      assert.equal(status, 0);
      assert.deepEqual((JSON.parse(stdout) as { file: string }[]).map(({ file }) => file.slice(folder.length)), ['/nodes/A.can', '/nodes/deep/B.CIN']);
    });
  });

  describe('finding CAPL files: limits', () => {
    it('refuses more CAPL files than the limit instead of checking only some', () => {
      const folder = join(scratch, 'many');
      mkdirSync(folder);
      for (let i = 0; i <= 5000; i++) writeFileSync(join(folder, `N${i}.can`), '');
      const { stderr, status, stdout } = run(['check', folder]);
      assert.equal(status, 2);
      assert.equal(stdout, '');
      assert.match(stderr, /^capl-ids: stopped after 5000 CAPL files$/m);
    });
  });

  describe('check', () => {
    it('reports the editor diagnostics compiler-style', () => {
      const { stdout, status } = run(['check', 'examples']);
      assert.equal(status, 0);
      assert.match(stdout, /^examples\/EV\/SccEvNode\.can:17:21: warning enum-mismatch SessionSetupRes = 7 disagrees with Modeling Libraries: SessionSetup Res is 6\.$/m);
      assert.match(stdout, /^examples\/EVSE\/CcsEvseNode\.can:39:26: hint magic-number 0xE3 is CableCheck Res \(CCS-Binding\): use CCS_ISO2_DC_CABLE_CHECK_RES\.$/m);
      assert.match(stdout, /^examples\/EV\/SccEvNode\.can:\d+:\d+: warning wrong-table 227 is not a message ID of Modeling Libraries; it exists in CableCheck Res \(CCS-Binding\)/m);
      assert.match(stdout, /^0 errors, 2 warnings, \d+ hints and infos in 5 files$/m);
    });

    it('exits 1 when warnings exceed --max-warnings', () => {
      assert.equal(run(['check', 'examples', '--max-warnings', '1']).status, 1);
      assert.equal(run(['check', 'examples', '--max-warnings', '2']).status, 0);
    });

    it('exits 1 on errors', () => {
      const file = join(scratch, 'Unknown_EV.can');
      writeFileSync(file, 'void SCC_MessageRxInd(byte s[], dword MessageID)\r\n{\r\n  if (MessageID == 99) write("x");\r\n}\r\n');
      const { stdout, status } = run(['check', file]);
      assert.equal(status, 1);
      assert.match(stdout, /:3:20: error unknown-id 99 is not a message ID of Modeling Libraries\./);
    });

    it('writes SARIF 2.1.0', () => {
      const log = JSON.parse(run(['check', 'examples', '--format', 'sarif']).stdout);
      assert.equal(log.version, '2.1.0');
      const results = log.runs[0].results as { ruleId: string; level: string; locations: { physicalLocation: { artifactLocation: { uri: string }; region: { startLine: number } } }[] }[];
      const mismatch = results.find((result) => result.ruleId === 'enum-mismatch')!;
      assert.equal(mismatch.level, 'warning');
      assert.equal(mismatch.locations[0].physicalLocation.artifactLocation.uri, 'examples/EV/SccEvNode.can');
      assert.equal(mismatch.locations[0].physicalLocation.region.startLine, 17);
      assert.deepEqual(log.runs[0].tool.driver.rules.map((rule: { id: string }) => rule.id).sort(), ['ambiguous-id', 'duplicate-constant', 'enum-mismatch', 'invalid-annotation', 'magic-number', 'unknown-id', 'wrong-table']);
    });

    it('--fix replaces magic numbers, keeps Windows-1252, CRLF and every other byte, and is idempotent', () => {
      const folder = join(scratch, 'fix');
      cpSync(join(root, 'examples'), folder, { recursive: true });
      const file = join(folder, 'EV', 'SccEvNode.can');
      const before = readFileSync(file);
      const { status } = run(['check', folder, '--fix']);
      assert.equal(status, 0);
      const after = readFileSync(file);
      const afterText = after.toString('latin1');
      assert.ok(after.includes(Buffer.from([0xb0])), 'the Windows-1252 degree sign is still one byte');
      assert.ok(!afterText.includes('\xc2\xb0'), 'nothing was re-encoded as UTF-8');
      assert.equal(afterText.split('\r\n').length - 1, afterText.split('\n').length - 1, 'every line end is still CRLF');
      assert.match(afterText, /if \(MessageID == SCC_SERVICE_DISCOVERY_RES\)/);
      assert.match(afterText, /const dword SCC_SERVICE_DISCOVERY_RES = 8;/);
      assert.ok(after.length > before.length);
      const twice = run(['check', folder, '--fix']);
      assert.equal(twice.status, 0);
      assert.deepEqual(readFileSync(file), after, 'a second --fix changes nothing');
    });
  });

  describe('constants', () => {
    it('writes a generated include and refuses to replace a user file without --force', () => {
      const file = join(scratch, 'Ids.cin');
      assert.equal(run(['constants', '--out', file]).status, 0);
      const generated = readFileSync(file, 'latin1');
      assert.match(generated, /^\/\*@!Encoding:1252\*\/\r\n/);
      assert.match(generated, / {2}const dword SCC_SERVICE_DISCOVERY_RES = 8; \/\/ ServiceDiscovery Res\r\n/);
      assert.equal((generated.match(/const dword /g) ?? []).length, 496);
      assert.equal(run(['constants', '--out', file]).status, 0, 'regenerating its own file is fine');

      const userFile = join(scratch, 'Mine.cin');
      writeFileSync(userFile, 'variables { int mine; }');
      const refused = run(['constants', '--out', userFile]);
      assert.equal(refused.status, 2);
      assert.match(refused.stderr, /exists and was not generated by capl-ids; use --force/);
      assert.equal(readFileSync(userFile, 'utf8'), 'variables { int mine; }');
      assert.equal(run(['constants', '--out', userFile, '--force']).status, 0);
    });
  });

  describe('uses and coverage', () => {
    it('uses: every place of the examples that means the entry, file:line:col, how it is handled', () => {
      const { stdout, status } = run(['uses', '0xE7', 'examples', '--table', 'ccs']);
      assert.equal(status, 0);
      assert.deepEqual(stdout.trim().split('\n'), [
        'examples/Common/CcsSessionMonitor.cin:29:12  231  compared  CCS-Binding: CurrentDemand Res = CCS_ISO2_DC_CURRENT_DEMAND_RES',
        'examples/EVSE/CcsEvseNode.can:32:36  231  timed-out  CCS-Binding: CurrentDemand Res = CCS_ISO2_DC_CURRENT_DEMAND_RES',
        'examples/EVSE/CcsEvseNode.can:65:10  231  switched  CCS-Binding: CurrentDemand Res = CCS_ISO2_DC_CURRENT_DEMAND_RES',
        '3 uses of CurrentDemand Res (CCS-Binding) in 2 files',
      ]);
    });

    it('uses --json: the same places by constant, with the entries each may mean', () => {
      const { stdout, status } = run(['uses', 'CCS_ISO2_DC_CURRENT_DEMAND_RES', 'examples', '--json']);
      assert.equal(status, 0);
      const uses = JSON.parse(stdout) as { file: string; line: number; column: number; how: string; ambiguous: boolean; entries: { constant: string }[] }[];
      assert.deepEqual(uses.map((use) => [use.file, use.line, use.column, use.how, use.ambiguous, use.entries.map((entry) => entry.constant)]), [
        ['examples/Common/CcsSessionMonitor.cin', 29, 12, 'compared', false, ['CCS_ISO2_DC_CURRENT_DEMAND_RES']],
        ['examples/EVSE/CcsEvseNode.can', 32, 36, 'timed-out', false, ['CCS_ISO2_DC_CURRENT_DEMAND_RES']],
        ['examples/EVSE/CcsEvseNode.can', 65, 10, 'switched', false, ['CCS_ISO2_DC_CURRENT_DEMAND_RES']],
      ]);
    });

    it('uses exits 1 when no entry matches or the entry is never used, 2 without a query', () => {
      assert.equal(run(['uses', 'no such message', 'examples']).status, 1);
      assert.equal(run(['uses', 'SCC_POWER_DELIVERY_RES', 'examples']).status, 1);
      assert.match(run(['uses']).stderr, /uses needs a number, name or constant/);
      assert.equal(run(['uses']).status, 2);
    });

    it('coverage: per group, the pairs handled with counts, and the pairs handled on one side only', () => {
      const { stdout, status } = run(['coverage', 'examples', '--table', 'ccs']);
      assert.equal(status, 0);
      const lines = stdout.trim().split('\n');
      assert.equal(lines[0], '12 of 154 messages handled (7.8%) in CCS-Binding');
      assert.ok(lines.includes('CCS-Binding › ISO2 DC: 4 of 8'));
      assert.ok(lines.includes('  CableCheck Req (226): never  |  CableCheck Res (227): compared 2, timed out 1'));
      assert.ok(lines.includes('  CurrentDemand Req (230): compared 1, other 1  |  CurrentDemand Res (231): compared 1, switched 1, timed out 1'));
      assert.ok(lines.includes('  CableCheck Res (227) but not CableCheck Req (226) — CCS-Binding › ISO2 DC'));
    });

    it('coverage --format markdown: a job summary with a table per group that handles anything', () => {
      const { stdout } = run(['coverage', 'examples', '--table', 'ccs', '--format', 'markdown']);
      assert.match(stdout, /^## Message ID coverage\n\n\*\*12 of 154 messages handled \(7\.8%\) in CCS-Binding\*\*\n/);
      assert.match(stdout, /^### CCS-Binding › ISO2 DC — 4 of 8\n\n\| message \| ID \| handled \| pair \| ID \| handled \|\n\|---\|---:\|---\|---\|---:\|---\|$/m);
      assert.match(stdout, /^\| CableCheck Req \| 226 \| — \| CableCheck Res \| 227 \| compared 2, timed out 1 \|$/m);
      assert.match(stdout, /^Never handled: .*CCS-Binding › SLAC/m);
    });

    it('coverage --format json, and --min-coverage fails a job below the share', () => {
      const report = JSON.parse(run(['coverage', 'examples', '--table', 'ccs', '--format', 'json']).stdout) as { handled: number; total: number; percent: number };
      assert.deepEqual([report.handled, report.total, report.percent], [12, 154, 7.8]);
      assert.equal(run(['coverage', 'examples', '--table', 'ccs', '--min-coverage', '7.5']).status, 0);
      assert.equal(run(['coverage', 'examples', '--table', 'ccs', '--min-coverage', '8']).status, 1);
      assert.match(run(['coverage', 'examples', '--min-coverage', 'lots']).stderr, /--min-coverage needs a number, got "lots"/);
      assert.match(run(['coverage', 'examples', '--format', 'sarif']).stderr, /unknown format "sarif"; expected one of: text, json, markdown/);
    });
  });
});
