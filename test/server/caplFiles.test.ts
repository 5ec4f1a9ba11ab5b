import * as assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { findCaplFiles, readCaplFile, type CaplFileLimits } from '../../server/src/files/caplFiles';

const LIMITS: CaplFileLimits = { maxFiles: 5000, maxFileBytes: 1024, maxDepth: 32 };

describe('finding and reading CAPL files (server/src/files/caplFiles.ts) in a hostile workspace', () => {
  let root: string;
  const problems: string[] = [];

  before(() => {
    root = mkdtempSync(join(tmpdir(), 'capl-ids-workspace-'));
    mkdirSync(join(root, 'nodes', 'deep'), { recursive: true });
    writeFileSync(join(root, 'nodes', 'A.can'), 'on start { }');
    writeFileSync(join(root, 'nodes', 'deep', 'B.CIN'), 'variables { }');
    writeFileSync(join(root, 'nodes', 'notes.txt'), 'not CAPL');
    writeFileSync(join(root, 'nodes', 'Huge.can'), 'x'.repeat(4096));
    // Symbolic link loops: a folder linking to its parent, and two folders linking to each other.
    symlinkSync(join(root, 'nodes'), join(root, 'nodes', 'deep', 'loop'));
    mkdirSync(join(root, 'a'));
    mkdirSync(join(root, 'b'));
    symlinkSync(join(root, 'b'), join(root, 'a', 'to-b'));
    symlinkSync(join(root, 'a'), join(root, 'b', 'to-a'));
    symlinkSync(join(root, 'missing'), join(root, 'dangling.can'));
    mkdirSync(join(root, 'many'));
    for (let i = 0; i < 3000; i++) writeFileSync(join(root, 'many', `N${i}.can`), '');
    mkdirSync(join(root, 'node_modules', 'x'), { recursive: true });
    writeFileSync(join(root, 'node_modules', 'x', 'Skipped.can'), '');
  });
  after(() => rmSync(root, { recursive: true, force: true }));
  beforeEach(() => problems.splice(0));

  const find = (limits = LIMITS, isCancelled = () => false) =>
    findCaplFiles(root, { limits, isCancelled, onProblem: (message) => problems.push(message) });

  it('finds every CAPL file once, through symbolic link loops, skipping node_modules', async () => {
    const found = await find();
    const names = found.map((path) => path.slice(root.length));
    assert.equal(found.length, new Set(found).size, 'no file twice');
    assert.ok(names.includes('/nodes/A.can'), 'A.can');
    assert.ok(names.includes('/nodes/deep/B.CIN'), 'upper-case extension');
    assert.ok(names.includes('/dangling.can'), 'a dangling link is listed; reading it fails later');
    assert.equal(names.filter((name) => name.startsWith('/many/')).length, 3000);
    assert.ok(!names.some((name) => name.includes('node_modules') || name.endsWith('.txt')));
  });

  it('stops at the file limit and says so', async () => {
    const found = await find({ ...LIMITS, maxFiles: 100 });
    assert.equal(found.length, 100);
    assert.ok(problems.some((message) => message.includes('stopped after 100 CAPL files')), problems.join('\n'));
  });

  it('stops as soon as it is cancelled', async () => {
    let calls = 0;
    const found = await find(LIMITS, () => ++calls > 3);
    assert.ok(found.length < 3000, `found ${found.length}`);
  });

  it('reads no file over the size limit, and none that cannot be read', async () => {
    const read = (...path: string[]) => readCaplFile(join(root, ...path), (message) => problems.push(message), LIMITS);
    assert.equal(await read('nodes', 'Huge.can'), undefined);
    assert.equal(await read('dangling.can'), undefined);
    assert.deepEqual(await read('nodes', 'A.can'), { text: 'on start { }', encoding: 'utf-8', bom: false });
    assert.equal(problems.length, 2, problems.join('\n'));
    assert.match(problems[0], /skipped .*Huge\.can: 4096 bytes is more than 1024/);
  });
});
