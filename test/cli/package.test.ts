import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { packedCli, root, type PackedCli } from './packedCli';

describe('the CLI package (npm pack, installed offline into a clean folder)', () => {
  let cli: PackedCli;

  before(function () {
    this.timeout(180000);
    cli = packedCli();
  });

  it('holds the bundled CLI, its README, the licence and package.json, and nothing else', () => {
    const files = execFileSync('tar', ['tzf', cli.tarball], { encoding: 'utf8' }).trim().split('\n').sort();
    assert.deepEqual(files, ['package/LICENSE', 'package/README.md', 'package/dist/cli.js', 'package/package.json']);
  });

  it('installs without any dependency, and its version is the extension\'s', () => {
    const manifest = JSON.parse(readFileSync(join(cli.project, 'node_modules', 'capl-ids', 'package.json'), 'utf8'));
    const extension = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
    assert.equal(manifest.dependencies, undefined);
    assert.equal(manifest.version, extension.version);
    assert.deepEqual(manifest.bin, { 'capl-ids': 'dist/cli.js' });
    assert.deepEqual(readdirSync(join(cli.project, 'node_modules')).filter((name) => !name.startsWith('.')), ['capl-ids']);
  });

  it('answers capl-ids --version', () => {
    const result = cli.shell('node_modules/.bin/capl-ids --version');
    assert.equal(result.status, 0, result.stderr);
    assert.equal(result.stdout, `${JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).version}\n`);
  });

  it('checks the examples with npx capl-ids check .', () => {
    const result = cli.shell('npx capl-ids check .');
    assert.equal(result.status, 0, result.stderr);
    assert.match(result.stdout, /^EV\/SccEvNode\.can:17:21: warning enum-mismatch /m);
    assert.match(result.stdout, /^0 errors, 2 warnings, \d+ hints and infos in 5 files$/m);
  });

  it('prints the catalogue with table --json', () => {
    const result = cli.shell('npx capl-ids table --json');
    assert.equal(result.status, 0, result.stderr);
    assert.equal(JSON.parse(result.stdout).length, 496);
  });
});
