import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { assertValidCodeQuality, assertValidSarif, parseAnnotation } from './reportFormats';

const root = join(__dirname, '..', '..');
const cli = join(root, 'dist', 'cli.js');

function run(args: string[], options: { cwd?: string; input?: string; env?: NodeJS.ProcessEnv } = {}) {
  const result = spawnSync(process.execPath, [cli, ...args], { cwd: options.cwd ?? root, input: options.input, env: options.env ?? process.env, encoding: 'utf8' });
  return { stdout: result.stdout, stderr: result.stderr, status: result.status };
}

const FORMATS = ['text', 'json', 'sarif', 'codeclimate', 'github'];
const CLEAN = 'on start\r\n{\r\n  write("no message IDs here");\r\n}\r\n';
const UNKNOWN_ID = 'void SCC_MessageRxInd(byte s[], dword MessageID)\r\n{\r\n  if (MessageID == 99) write("x");\r\n  if (MessageID == 227) write("y");\r\n}\r\n';

describe('check: formats, output and exit codes (dist/cli.js as a process)', () => {
  let scratch: string;
  let clean: string;
  let unknown: string;

  before(() => {
    scratch = mkdtempSync(join(tmpdir(), 'capl-ids-formats-'));
    clean = join(scratch, 'Clean.can');
    unknown = join(scratch, 'Unknown_EV.can');
    writeFileSync(clean, CLEAN);
    writeFileSync(unknown, UNKNOWN_ID);
  });
  after(() => rmSync(scratch, { recursive: true, force: true }));

  for (const format of FORMATS) {
    describe(`--format ${format}`, () => {
      it('exits 0 on a clean file, 1 on an error, 2 on unreadable input with nothing on standard output', () => {
        assert.equal(run(['check', clean, '--format', format]).status, 0);
        const failing = run(['check', unknown, '--format', format]);
        assert.equal(failing.status, 1);
        assert.match(failing.stdout, /unknown-id/);
        const missing = run(['check', join(scratch, 'Missing.can'), '--format', format]);
        assert.equal(missing.status, 2);
        assert.equal(missing.stdout, '');
        assert.match(missing.stderr, /^capl-ids: cannot read .*Missing\.can: no such file or folder$/m);
      });

      it('writes the same report to --output, with the same exit codes', () => {
        const output = join(scratch, `report-${format}`);
        const printed = run(['check', unknown, '--format', format]);
        const written = run(['check', unknown, '--format', format, '--output', output]);
        assert.equal(written.status, 1);
        assert.equal(written.stdout, '');
        assert.equal(readFileSync(output, 'utf8'), printed.stdout);
        const missing = join(scratch, `missing-${format}`);
        assert.equal(run(['check', join(scratch, 'Missing.can'), '--format', format, '--output', missing]).status, 2);
        assert.ok(!existsSync(missing), 'no report for input that could not be read');
      });
    });
  }

  it('exits 2 when --output cannot be written', () => {
    const result = run(['check', clean, '--output', join(scratch, 'no', 'such', 'folder', 'report.txt')]);
    assert.equal(result.status, 2);
    assert.match(result.stderr, /cannot write .*report\.txt: no such file or folder/);
  });

  describe('validated as CI systems read them', () => {
    let odd: string;

    before(() => {
      // A name with every character GitHub's annotation properties must escape.
      odd = join(scratch, 'odd', 'a,b: 100%\r\nEV.can');
      mkdirSync(join(scratch, 'odd'));
      writeFileSync(odd, UNKNOWN_ID);
      cpSync(join(root, 'examples'), join(scratch, 'odd', 'examples'), { recursive: true });
    });

    it('SARIF matches the SARIF 2.1.0 schema, file names escaped as URIs', () => {
      const log = JSON.parse(run(['check', '.', '--format', 'sarif'], { cwd: join(scratch, 'odd') }).stdout);
      assertValidSarif(log);
      const uris = new Set(log.runs[0].results.map((result: { locations: { physicalLocation: { artifactLocation: { uri: string } } }[] }) => result.locations[0].physicalLocation.artifactLocation.uri));
      assert.ok(uris.has('a%2Cb%3A%20100%25%0D%0AEV.can'), [...uris].join('\n'));
      assert.ok(uris.has('examples/EV/SccEvNode.can'));
    });

    it('SARIF of an absolute path is a file URI', () => {
      const log = JSON.parse(run(['check', unknown, '--format', 'sarif'], { cwd: join(scratch, 'odd') }).stdout);
      assertValidSarif(log);
      assert.equal(log.runs[0].results[0].locations[0].physicalLocation.artifactLocation.uri, `file://${unknown}`);
    });

    it('Code Climate has the fields GitLab reads, one fingerprint per issue', () => {
      const issues = JSON.parse(run(['check', '.', '--format', 'codeclimate'], { cwd: join(scratch, 'odd') }).stdout);
      assertValidCodeQuality(issues);
      assert.ok(issues.length > 50);
      assert.equal(new Set(issues.map((issue: { fingerprint: string }) => issue.fingerprint)).size, issues.length);
      const error = issues.find((issue: { check_name: string }) => issue.check_name === 'unknown-id');
      assert.deepEqual({ severity: error.severity, location: error.location }, { severity: 'major', location: { path: 'a,b: 100%\r\nEV.can', lines: { begin: 3, end: 3 } } });
      assert.equal(issues.find((issue: { check_name: string }) => issue.check_name === 'wrong-table').severity, 'minor');
    });

    it('Code Climate fingerprints stay when lines above move', () => {
      const fingerprints = (cwd: string) => JSON.parse(run(['check', 'examples', '--format', 'codeclimate'], { cwd }).stdout).map((issue: { fingerprint: string }) => issue.fingerprint);
      const before = fingerprints(join(scratch, 'odd'));
      const moved = join(scratch, 'moved');
      cpSync(join(scratch, 'odd', 'examples'), join(moved, 'examples'), { recursive: true });
      const file = join(moved, 'examples', 'EV', 'SccEvNode.can');
      writeFileSync(file, Buffer.concat([Buffer.from('// a new first line\r\n\r\n'), readFileSync(file)]));
      assert.deepEqual(fingerprints(moved), before);
    });

    it('GitHub annotations follow the workflow command syntax, properties escaped', () => {
      const { stdout, status } = run(['check', '.', '--format', 'github'], { cwd: join(scratch, 'odd') });
      assert.equal(status, 1);
      const annotations = stdout.trimEnd().split('\n').map(parseAnnotation);
      const error = annotations.find((annotation) => annotation.level === 'error')!;
      assert.deepEqual(error, {
        level: 'error',
        properties: { file: 'a,b: 100%\r\nEV.can', line: '3', endLine: '3', col: '20', endColumn: '22', title: 'capl-ids unknown-id' },
        message: '99 is not a message ID of Modeling Libraries. Compared with MessageID, the message ID parameter of SCC_MessageRxInd (Modeling Libraries table).',
      });
      assert.deepEqual([...new Set(annotations.map((annotation) => annotation.level))].sort(), ['error', 'notice', 'warning']);
    });
  });

  describe('--quiet', () => {
    it('reports errors only, and warnings no longer count', () => {
      const { stdout, status } = run(['check', unknown, '--quiet', '--format', 'json']);
      assert.equal(status, 1);
      assert.deepEqual(JSON.parse(stdout)[0].diagnostics.map((diagnostic: { code: string }) => diagnostic.code), ['unknown-id']);
      const examples = run(['check', 'examples', '--quiet', '--max-warnings', '0']);
      assert.equal(examples.status, 0);
      assert.equal(examples.stdout, '0 errors, 0 warnings, 0 hints and infos in 5 files\n');
    });
  });

  describe('--stdin', () => {
    it('checks standard input as the file --stdin-filename names (its name decides the node role)', () => {
      const file = run(['check', 'examples/EV/SccEvNode.can', '--format', 'json']);
      const piped = run(['check', '--stdin', '--stdin-filename', 'examples/EV/SccEvNode.can', '--format', 'json'], { input: readFileSync(join(root, 'examples/EV/SccEvNode.can'), 'latin1') });
      assert.equal(piped.status, file.status);
      assert.deepEqual(JSON.parse(piped.stdout), JSON.parse(file.stdout));
    });

    it('calls standard input <stdin> without a file name', () => {
      const { stdout, status } = run(['check', '--stdin'], { input: UNKNOWN_ID });
      assert.equal(status, 1);
      assert.match(stdout, /^<stdin>:3:20: error unknown-id /m);
    });

    const misuses: [string[], RegExp][] = [
      [['check', '--stdin', 'examples'], /check --stdin takes no files or folders/],
      [['check', '--stdin', '--fix'], /--fix writes files; it cannot be used with --stdin/],
      [['check', 'examples', '--stdin-filename', 'x.can'], /--stdin-filename needs --stdin/],
    ];
    for (const [args, message] of misuses) {
      it(`rejects \`${args.join(' ')}\` with exit code 2`, () => {
        const result = run(args, { input: CLEAN });
        assert.equal(result.status, 2);
        assert.match(result.stderr, message);
      });
    }
  });

  describe('colour', () => {
    // `script` runs the CLI on a pseudo-terminal, as in an interactive shell.
    const onTerminal = (command: string, env: NodeJS.ProcessEnv) =>
      spawnSync('script', ['-qec', command, '/dev/null'], { cwd: root, env: { ...env, TERM: 'xterm' }, encoding: 'utf8' }).stdout;
    const withoutNoColor = Object.fromEntries(Object.entries(process.env).filter(([name]) => name !== 'NO_COLOR'));
    const ESCAPE = '\x1b[';

    it('colours the severities on a terminal', () => {
      const output = onTerminal(`node dist/cli.js check ${unknown}`, withoutNoColor);
      assert.ok(output.includes(`${ESCAPE}31merror${ESCAPE}39m unknown-id`), JSON.stringify(output));
      assert.ok(output.includes(`${ESCAPE}33mwarning${ESCAPE}39m wrong-table`), JSON.stringify(output));
    });

    it('never with NO_COLOR, in a pipe or in an --output file', () => {
      assert.ok(!onTerminal(`node dist/cli.js check ${unknown}`, { ...withoutNoColor, NO_COLOR: '1' }).includes(ESCAPE));
      assert.ok(!run(['check', unknown], { env: withoutNoColor }).stdout.includes(ESCAPE));
      const output = join(scratch, 'coloured.txt');
      onTerminal(`node dist/cli.js check ${unknown} --output ${output}`, withoutNoColor);
      assert.match(readFileSync(output, 'utf8'), /: error unknown-id /);
    });
  });
});
