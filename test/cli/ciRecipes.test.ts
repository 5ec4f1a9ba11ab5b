import * as assert from 'node:assert/strict';
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';
import { packedCli, root, type PackedCli } from './packedCli';
import { assertValidCodeQuality, assertValidSarif } from './reportFormats';

// The recipes of docs/ci.md are the files in docs/ci/ and .pre-commit-hooks.yaml: these
// tests read them, check what the CI system would read, and run their capl-ids commands as
// written, in a copy of examples/ where the packed CLI is installed (npx then finds that
// version without the registry).

const RECIPES = ['docs/ci/github-code-scanning.yml', 'docs/ci/gitlab-ci.yml', 'docs/ci/Jenkinsfile', '.pre-commit-hooks.yaml', 'docs/ci/pre-commit-config.yaml', 'docs/ci/git-pre-commit-hook.sh'];
const recipe = (path: string) => readFileSync(join(root, path), 'utf8');
const { version, repository } = JSON.parse(recipe('package.json'));
const UNKNOWN_ID = 'void SCC_MessageRxInd(byte s[], dword MessageID)\r\n{\r\n  if (MessageID == 99) write("x");\r\n}\r\n';

describe('CI recipes (docs/ci.md) with the packed CLI', () => {
  let cli: PackedCli;
  let scratch: string;

  before(function () {
    this.timeout(180000);
    cli = packedCli();
    scratch = mkdtempSync(join(tmpdir(), 'capl-ids-recipes-'));
  });
  after(() => rmSync(scratch, { recursive: true, force: true }));

  /** A copy of the installed project, with a file whose ID is unknown when `failing`. */
  function project(name: string, failing = false): string {
    const folder = join(scratch, name);
    cpSync(cli.project, folder, { recursive: true, verbatimSymlinks: true });
    if (failing) writeFileSync(join(folder, 'Unknown_EV.can'), UNKNOWN_ID);
    return folder;
  }

  function runs(script: string, cwd: string, expectedStatus: number): void {
    const result = cli.shell(script, cwd);
    assert.equal(result.status, expectedStatus, `${script}\n${result.stdout}\n${result.stderr}`);
  }

  it('docs/ci.md shows each recipe file exactly as it is', () => {
    const blocks = [...recipe('docs/ci.md').matchAll(/^```\w*\n([\s\S]*?)^```$/gm)].map((match) => match[1]);
    assert.deepEqual(blocks, RECIPES.map(recipe));
    assert.deepEqual(readdirSync(join(root, 'docs', 'ci')).sort(), RECIPES.filter((path) => path.startsWith('docs/ci/')).map((path) => path.slice('docs/ci/'.length)).sort());
  });

  it('pins the current version of the package everywhere', () => {
    for (const path of RECIPES) {
      for (const [pinned] of recipe(path).matchAll(/capl-ids@\S+/g)) assert.equal(pinned, `capl-ids@${version}`, path);
    }
    assert.equal(parse(recipe('docs/ci/pre-commit-config.yaml')).repos[0].rev, `v${version}`);
  });

  it('GitHub Actions: the check writes SARIF that code scanning accepts, uploaded also after findings', () => {
    const workflow = parse(recipe('docs/ci/github-code-scanning.yml'));
    assert.equal(workflow.permissions['security-events'], 'write');
    const steps = workflow.jobs['capl-ids'].steps as { run?: string; uses?: string; if?: string; with?: Record<string, string | number> }[];
    assert.equal(steps.find((step) => step.uses?.startsWith('actions/setup-node@'))?.with?.['node-version'], 20);
    const upload = steps.find((step) => step.uses?.startsWith('github/codeql-action/upload-sarif@'))!;
    assert.equal(upload.if, 'success() || failure()');
    const check = steps.filter((step) => step.run !== undefined);
    assert.equal(check.length, 1);
    for (const [name, failing, status] of [['github-clean', false, 0], ['github-failing', true, 1]] as const) {
      const folder = project(name, failing);
      runs(check[0].run!, folder, status);
      const log = JSON.parse(readFileSync(join(folder, String(upload.with!.sarif_file)), 'utf8'));
      assertValidSarif(log);
      assert.equal(log.runs[0].results.some((result: { ruleId: string }) => result.ruleId === 'unknown-id'), failing);
    }
  });

  it('GitLab CI: the job writes the code quality report it declares, also after findings', () => {
    const job = parse(recipe('docs/ci/gitlab-ci.yml'))['capl-ids'];
    assert.equal(job.image, 'node:20');
    assert.equal(job.artifacts.when, 'always');
    for (const [name, failing, status] of [['gitlab-clean', false, 0], ['gitlab-failing', true, 1]] as const) {
      const folder = project(name, failing);
      runs((job.script as string[]).join('\n'), folder, status);
      const report = JSON.parse(readFileSync(join(folder, job.artifacts.reports.codequality), 'utf8'));
      assertValidCodeQuality(report);
      assert.equal(report.some((issue: { check_name: string }) => issue.check_name === 'unknown-id'), failing);
    }
  });

  it('Jenkins: the stage writes the SARIF that recordIssues reads, in post { always }', () => {
    const jenkinsfile = recipe('docs/ci/Jenkinsfile');
    const commands = [...jenkinsfile.matchAll(/^\s*sh '([^']*)'$/gm)].map((match) => match[1]);
    assert.equal(commands.length, 1);
    const pattern = /post \{\s*always \{\s*recordIssues tools: \[sarif\(pattern: '([^']+)'/.exec(jenkinsfile)?.[1];
    assert.ok(pattern, 'recordIssues with a sarif pattern in post { always }');
    const folder = project('jenkins', true);
    runs(commands[0], folder, 1);
    assertValidSarif(JSON.parse(readFileSync(join(folder, pattern), 'utf8')));
  });

  describe('pre-commit', () => {
    type Hook = { id: string; name: string; entry: string; language: string; files: string; require_serial: boolean };
    const hooks = parse(recipe('.pre-commit-hooks.yaml')) as Hook[];

    it('.pre-commit-hooks.yaml declares the two hooks the configuration recipe can use', () => {
      assert.deepEqual(hooks.map((hook) => hook.id), ['capl-ids', 'capl-ids-fix']);
      for (const hook of hooks) {
        assert.ok(hook.name && hook.entry, hook.id);
        assert.equal(hook.language, 'system');
        assert.equal(hook.require_serial, true);
        const files = new RegExp(hook.files);
        assert.ok(['a.can', 'b/C.CIN', 'Node.Can'].every((name) => files.test(name)) && !['x.txt', 'can', 'a.cant'].some((name) => files.test(name)), hook.files);
      }
      const config = parse(recipe('docs/ci/pre-commit-config.yaml'));
      assert.equal(config.repos[0].repo, repository.url);
      for (const { id } of config.repos[0].hooks) assert.ok(hooks.some((hook) => hook.id === id), id);
    });

    // pre-commit runs `entry` followed by the names of the matching files.
    it('capl-ids fails the commit on an error', () => {
      const folder = project('pre-commit-check', true);
      runs(`${hooks[0].entry} Unknown_EV.can EV/SccEvNode.can`, folder, 1);
      runs(`${hooks[0].entry} EV/SccEvNode.can`, folder, 0);
    });

    it('capl-ids-fix replaces bare IDs with constants', () => {
      const folder = project('pre-commit-fix');
      runs(`${hooks[1].entry} EV/SccEvNode.can`, folder, 0);
      assert.match(readFileSync(join(folder, 'EV', 'SccEvNode.can'), 'latin1'), /if \(MessageID == SCC_SERVICE_DISCOVERY_RES\)/);
    });
  });

  it('the git pre-commit hook fixes the staged files it commits, and stops a commit with errors', function () {
    this.timeout(60000);
    const folder = project('git-hook');
    const git = (command: string, status = 0) => runs(`git -c user.name=test -c user.email=test@example.com ${command}`, folder, status);
    git('init -q');
    cpSync(join(root, 'docs', 'ci', 'git-pre-commit-hook.sh'), join(folder, '.git', 'hooks', 'pre-commit'));
    writeFileSync(join(folder, '.gitignore'), 'node_modules/\n');
    git('add .gitignore EV/SccEvNode.can');
    git('commit -q -m first');
    const committed = cli.shell('git show HEAD:EV/SccEvNode.can', folder).stdout;
    assert.match(committed, /if \(MessageID == SCC_SERVICE_DISCOVERY_RES\)/);
    assert.equal(cli.shell('git status --porcelain EV', folder).stdout, '', 'the fixed file is committed, nothing left over');

    writeFileSync(join(folder, 'Unknown_EV.can'), UNKNOWN_ID);
    git('add Unknown_EV.can');
    git('commit -q -m second', 1);
    assert.equal(cli.shell('git rev-list --count HEAD', folder).stdout.trim(), '1');
  });
});
