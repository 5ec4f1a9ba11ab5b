// dist/cachedStart.js, as the extension starts the server (with its Node options): the same
// server, from a V8 code cache that it writes on the first start, reads on the next and
// replaces when it is damaged or of another version. A cache it cannot write never stops the
// server.
import * as assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { pathToFileURL } from 'node:url';
import { DocumentDiagnosticReportKind, DocumentDiagnosticRequest, type Diagnostic, type FullDocumentDiagnosticReport } from 'vscode-languageserver-protocol/node';
import { SERVER_NODE_OPTIONS, serverEnvironment } from '../../server/src/serverStart';
import { LspTestClient, REPO_ROOT } from './lspClient';

const CACHED_START = resolve(REPO_ROOT, 'dist', 'cachedStart.js');
const EXAMPLE = resolve(REPO_ROOT, 'examples', 'EVSE', 'CcsEvseNode.can');
const EXAMPLE_URI = pathToFileURL(EXAMPLE).href;
const LARGE_URI = pathToFileURL(resolve(REPO_ROOT, 'examples', 'Large.can')).href;

/**
 * Starts a server without a workspace, opens the example and returns its diagnostics and the
 * exit code after shutdown. With `large`, it first opens a file of some MB and waits until the
 * server has been quiet long enough to collect the garbage its analysis left (see HeapCollection).
 */
async function diagnoseExample(entry: string, args: readonly string[] = [], large = false): Promise<{ diagnostics: Diagnostic[]; exitCode: number | null }> {
  const client = LspTestClient.start({ entry, args, nodeOptions: entry === CACHED_START ? SERVER_NODE_OPTIONS : [] });
  try {
    await client.initialize({ processId: process.pid, rootUri: null, workspaceFolders: null, capabilities: { textDocument: { diagnostic: { dynamicRegistration: false } } } });
    const text = readFileSync(EXAMPLE, 'latin1');
    if (large) {
      await client.open(LARGE_URI, text.repeat(Math.ceil(4_000_000 / text.length)));
      await client.connection.sendRequest(DocumentDiagnosticRequest.type, { textDocument: { uri: LARGE_URI } });
      await sleep(1000);
    }
    await client.open(EXAMPLE_URI, text);
    const report = await client.connection.sendRequest(DocumentDiagnosticRequest.type, { textDocument: { uri: EXAMPLE_URI } });
    assert.equal(report.kind, DocumentDiagnosticReportKind.Full);
    const diagnostics = (report as FullDocumentDiagnosticReport).items;
    return { diagnostics, exitCode: await client.shutdown() };
  } finally {
    await client.dispose();
  }
}

const cacheFiles = (dir: string) => readdirSync(dir).filter((name) => name.endsWith('.cache'));

describe('dist/cachedStart.js: the server from a V8 code cache', function () {
  this.timeout(20000);
  let dir: string;
  let expected: Diagnostic[];

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'capl-ids-code-cache-'));
    expected = (await diagnoseExample(resolve(REPO_ROOT, 'dist', 'server.js'))).diagnostics;
    assert.ok(expected.length > 0, 'the example has diagnostics to compare');
  });

  after(() => rmSync(dir, { recursive: true, force: true }));

  it('writes a cache on the first start and answers as dist/server.js does', async () => {
    const cache = join(dir, 'first');
    assert.deepEqual(await diagnoseExample(CACHED_START, ['--code-cache', cache]), { diagnostics: expected, exitCode: 0 });
    const files = readdirSync(cache);
    assert.equal(files.length, 1, `one file, no partial one left: ${files}`);
    assert.match(files[0], /^server-[0-9a-f]{20}\.cache$/);
    assert.ok(statSync(join(cache, files[0])).size > 10_000, 'the compiled code is in it');
  });

  it('starts from the cache it wrote and leaves it as it is', async () => {
    const cache = join(dir, 'first');
    const [file] = cacheFiles(cache);
    const before = { bytes: readFileSync(join(cache, file)), mtimeMs: statSync(join(cache, file)).mtimeMs };
    assert.deepEqual(await diagnoseExample(CACHED_START, ['--code-cache', cache]), { diagnostics: expected, exitCode: 0 });
    assert.deepEqual(cacheFiles(cache), [file]);
    assert.deepEqual({ bytes: readFileSync(join(cache, file)), mtimeMs: statSync(join(cache, file)).mtimeMs }, before);
  });

  it('reads the same cache after a start that collected the garbage of a large file', async () => {
    const cache = join(dir, 'large');
    assert.deepEqual(await diagnoseExample(CACHED_START, ['--code-cache', cache], true), { diagnostics: expected, exitCode: 0 });
    const [file] = cacheFiles(cache);
    const written = statSync(join(cache, file)).mtimeMs;
    assert.deepEqual(await diagnoseExample(CACHED_START, ['--code-cache', cache], true), { diagnostics: expected, exitCode: 0 });
    assert.deepEqual(cacheFiles(cache), [file]);
    assert.equal(statSync(join(cache, file)).mtimeMs, written, 'V8 took the cache: its flags were those it was written under');
  });

  it('replaces a damaged cache and removes those of other versions', async () => {
    const cache = join(dir, 'first');
    const [file] = cacheFiles(cache);
    const damaged = Buffer.alloc(4096, 0xa5);
    writeFileSync(join(cache, file), damaged);
    writeFileSync(join(cache, 'server-0123456789abcdef0123.cache'), 'an older version');
    writeFileSync(join(cache, 'notes.txt'), 'not ours');
    assert.deepEqual(await diagnoseExample(CACHED_START, ['--code-cache', cache]), { diagnostics: expected, exitCode: 0 });
    assert.deepEqual(readdirSync(cache).sort(), ['notes.txt', file]);
    const rewritten = readFileSync(join(cache, file));
    assert.ok(rewritten.length > 10_000 && !rewritten.equals(damaged), 'the damaged cache was replaced');
  });

  it('starts without a cache where none can be written, and without the option', async () => {
    const notADirectory = join(dir, 'a-file');
    writeFileSync(notADirectory, '');
    assert.deepEqual(await diagnoseExample(CACHED_START, ['--code-cache', join(notADirectory, 'cache')]), { diagnostics: expected, exitCode: 0 });
    assert.deepEqual(await diagnoseExample(CACHED_START), { diagnostics: expected, exitCode: 0 });
  });
});

describe('the environment the extension starts the server with', () => {
  it("fixes glibc's mmap threshold at 128 KiB, unless the user set one", () => {
    assert.deepEqual(serverEnvironment({ PATH: '/usr/bin' }), { MALLOC_MMAP_THRESHOLD_: '131072' });
    assert.deepEqual(serverEnvironment({ MALLOC_MMAP_THRESHOLD_: '65536' }), { MALLOC_MMAP_THRESHOLD_: '65536' });
  });
});
