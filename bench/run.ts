/**
 * `npm run bench`: measures the built language server as a separate process over stdio,
 * the way an editor uses it, against the targets of issues 5 and 13, and prints a markdown table
 * (also written as JSON to bench-results.json). See bench/README.md.
 *
 *   tsx bench/run.ts [--dist DIR] [--quick] [--json FILE] [--no-scale | --only-scale] [--corpus DIR]
 *   tsx bench/run.ts --cpu-prof DIR [--dist DIR]    profile the server opening the 100k file
 *                                                   (unminified build, so the profile keeps names)
 *
 * Without --dist it first builds minified production bundles with scripts/build.mjs in a
 * scratch directory (dist/ is left alone, and a concurrent rebuild of dist/ cannot change
 * the server half-way through a run). Last, it packages the extension with vsce from a copy of
 * the working tree in the same scratch directory.
 */
import { spawn, spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, realpathSync, rmSync, statSync, symlinkSync, writeFileSync, existsSync, copyFileSync, readFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { basename, dirname, join, relative, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { CompletionRequest, DocumentDiagnosticRequest, HoverRequest, InlayHintRequest } from 'vscode-languageserver-protocol/node';
import { buildSync } from 'esbuild';
import { CACHED_START, codeCacheArguments, SERVER_NODE_OPTIONS, serverEnvironment } from '../server/src/serverStart';
import { LineIndex } from '../server/src/service';
import { generateCapl, Random } from './generateCapl';
import { Editor, plainStart, type ServerStart } from './editor';
import { exited, killAll, sleep, track } from './processes';
import { median, ms, notes, p50p99, percentile, round, row, rows } from './results';
import { SCALE_TIME_LIMIT_MS, scaleRows } from './scale';
import type { ServerSideRequests } from './serverSide';

const REPO = resolve(__dirname, '..');
const started = performance.now();
/** The whole run must stay well under 3 minutes; phases shrink their sample counts to fit. */
const DEADLINE_MS = 160_000;
const remaining = () => DEADLINE_MS - (performance.now() - started);

// ---- options --------------------------------------------------------------------------------

const args = process.argv.slice(2);
const option = (name: string) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
};
const QUICK = args.includes('--quick');
const PROFILE_DIR = option('--cpu-prof');
const JSON_OUT = option('--json') ?? join(REPO, 'bench-results.json');
const ONLY_SCALE = args.includes('--only-scale');
const SCALE = ONLY_SCALE || !args.includes('--no-scale');
const CORPUS = option('--corpus');

process.on('exit', killAll);
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
  process.on(signal, () => {
    killAll();
    process.exit(130);
  });
}

// ---- the build under test -------------------------------------------------------------------

const scratch = mkdtempSync(join(tmpdir(), 'capl-ids-bench-'));
process.on('exit', () => rmSync(scratch, { recursive: true, force: true }));

/** scripts/build.mjs run in a scratch directory whose client/ and server/ link to the repo's. */
function build(production: boolean): string {
  const dir = join(scratch, 'build');
  mkdirSync(dir);
  for (const part of ['client', 'server']) symlinkSync(join(REPO, part), join(dir, part), 'dir');
  const flags = production ? ['--production'] : [];
  const result = spawnSync(process.execPath, [join(REPO, 'scripts', 'build.mjs'), ...flags], { cwd: dir, encoding: 'utf8', timeout: 60_000 });
  if (result.status !== 0) throw new Error(`build failed:\n${result.stderr || result.stdout}`);
  return join(dir, 'dist');
}

/**
 * The service and the baseline scan bundled like the server (one minified file): through tsx
 * every import of another module is a getter call, which makes the analysis measure slower
 * than the code the server runs.
 */
type InProcess = typeof import('./inProcess');

const IN_PROCESS_BUNDLE = join(scratch, 'in-process.js');

function bundleInProcess(minify: boolean): InProcess {
  buildSync({ entryPoints: [join(__dirname, 'inProcess.ts')], outfile: IN_PROCESS_BUNDLE, bundle: true, format: 'cjs', platform: 'node', target: 'node20', minify, logLevel: 'warning' });
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return require(IN_PROCESS_BUNDLE);
}

/**
 * answerTimes (bench/serverSide.ts) in a process of its own that holds what the server holds:
 * in the bench's process, which also holds the editor session, its scavenges land inside the
 * timed answers.
 */
function answerTimesApart(requests: ServerSideRequests): { hover: number[]; completion: number[] } {
  const script = `const { answerTimes } = require(${JSON.stringify(IN_PROCESS_BUNDLE)});
let input = '';
process.stdin.setEncoding('utf8').on('data', (chunk) => (input += chunk)).on('end', () => process.stdout.write(JSON.stringify(answerTimes(JSON.parse(input)))));`;
  const result = spawnSync(process.execPath, ['-e', script], { input: JSON.stringify(requests), encoding: 'utf8', maxBuffer: 64 * 1024 * 1024, timeout: 60_000 });
  if (result.status !== 0) throw new Error(`the server-side timing failed: ${result.error?.message ?? result.stderr}`);
  return JSON.parse(result.stdout);
}

/** A private copy of an existing build, so a rebuild of it during the run changes nothing. */
function snapshot(dist: string): string {
  for (const name of ['server.js', basename(CACHED_START)]) {
    if (!existsSync(join(dist, name))) throw new Error(`${join(dist, name)} is missing: --dist needs a build of scripts/build.mjs`);
  }
  const dir = join(scratch, 'dist');
  mkdirSync(dir);
  for (const name of readdirSync(dist)) if (/\.js(\.map)?$/.test(name)) copyFileSync(join(dist, name), join(dir, name));
  return dir;
}

const phase = (name: string) => process.stderr.write(`[${((performance.now() - started) / 1000).toFixed(1)} s] ${name}\n`);

/** Runs `measure` at least `min` and at most `max` times, within `budgetMs` (and the deadline). */
async function sampled(
  what: string, min: number, max: number, budgetMs: number, measure: (i: number) => Promise<number> | number,
): Promise<{ samples: number[]; limited: boolean }> {
  const samples: number[] = [];
  const until = performance.now() + Math.min(budgetMs, remaining() - 5000);
  for (let i = 0; i < max; i++) {
    if (performance.now() > until && i >= 1) {
      if (i < min) notes.push(`${what}: only ${i} of ${min} samples fit in its time budget of ${Math.round(budgetMs / 1000)} s`);
      return { samples, limited: i < min };
    }
    samples.push(await measure(i));
  }
  return { samples, limited: false };
}

// ---- the phases -----------------------------------------------------------------------------

const SIZES = [1_000, 10_000, 100_000] as const;
/** How long the server is left alone with the files open before its resident memory is read again (not with --quick). */
const IDLE_MS = 20_000;
/** Untimed edits (an even number: each is undone by the next) before each edit-latency row. */
const EDIT_WARM_UP = 10;
/**
 * Timed edits of the row with the target: of 200 the p99 is the third worst, so one hiccup of
 * a shared machine does not decide the row (the worst is told beside it). The rows that send
 * a full report, far slower per edit, time fewer (editLatency's default).
 */
const TARGET_EDITS = 200;
const SEED = 5;

interface BenchFile {
  lines: number;
  text: string;
  path: string;
  uri: string;
}

const generated: { lines: number; bytes: number; uri: string }[] = [];

function generateFiles(workspace: string): BenchFile[] {
  return SIZES.map((lines) => {
    const name = `BenchStation${lines / 1000}k.can`;
    const { text } = generateCapl(lines, SEED + lines, name);
    const path = join(workspace, name);
    const bytes = Buffer.from(text, 'latin1'); // Windows-1252 on disk, as CANoe writes it (the text is Latin-1 only)
    writeFileSync(path, bytes);
    generated.push({ lines, bytes: bytes.length, uri: pathToFileURL(path).href });
    return { lines, text, path, uri: pathToFileURL(path).href };
  });
}

function inProcessAnalysis(file: BenchFile, { analyzeFile, bareScan, parseCapl, DEFAULT_SETTINGS }: InProcess): void {
  const analyse = () => analyzeFile({ text: file.text, path: file.uri }, DEFAULT_SETTINGS);
  // warm up both (JIT), then alternate so machine noise hits both alike
  for (let i = 0; i < 20; i++) bareScan(file.text);
  let ids = 0;
  const warm = QUICK ? 1 : 2;
  for (let i = 0; i < warm; i++) ids = analyse().ids.length;
  const scan: number[] = [];
  const analysis: number[] = [];
  const parse: number[] = [];
  const literals = bareScan(file.text).count;
  const until = performance.now() + (QUICK ? 6000 : 10_000);
  for (let round = 0; round < 15 && (round < 3 || performance.now() < until); round++) {
    let t = performance.now();
    for (let k = 0; k < 5; k++) bareScan(file.text);
    scan.push((performance.now() - t) / 5);
    t = performance.now();
    parseCapl(file.text);
    parse.push(performance.now() - t);
    t = performance.now();
    analyse();
    analysis.push(performance.now() - t);
  }
  const ratio = median(analysis) / median(scan);
  row('bare numeric-literal scan, 100k lines (baseline)', `${ms(median(scan))} (${literals} literals, n=${scan.length})`, '—', null,
    { medianMs: median(scan), samplesMs: scan, literals });
  row('analyzeFile, 100k lines, in-process', `${ms(median(analysis))} (of which parseCapl ${ms(median(parse))}; ${ids} IDs, n=${analysis.length})`, '—', null,
    { medianMs: median(analysis), samplesMs: analysis, parseMedianMs: median(parse), ids });
  row('analysis ÷ baseline', `${round(ratio, 1)}×`, '≤ 3×', ratio <= 3, { ratio });
}

/** Spawn → `initialize` result, stopped again. */
async function startOnce(server: ServerStart): Promise<number> {
  const editor = Editor.spawn(server);
  const startMs = await editor.initialize();
  await editor.stop();
  return startMs;
}

/**
 * The server as the extension starts it (`cached`, whose first start writes the cache) and
 * without a code cache (`plain`), next to bare node and to the floor server started as
 * `cached` is: what the stack alone costs to start.
 */
async function coldStart(cached: ServerStart, plain: ServerStart, floor: ServerStart): Promise<void> {
  const server: number[] = [];
  const uncached: number[] = [];
  const floorServer: number[] = [];
  const bare: number[] = [];
  const runs = QUICK ? 5 : 12;
  for (let i = -2; i < runs; i++) {
    // bare node: spawn → exit
    const t = performance.now();
    const child = track(spawn(process.execPath, ['-e', '0'], { stdio: 'ignore' }));
    await exited(child, 10_000);
    const bareMs = performance.now() - t;
    const serverMs = await startOnce(cached);
    const uncachedMs = await startOnce(plain);
    const floorMs = await startOnce(floor);
    if (i >= 0) {
      bare.push(bareMs);
      server.push(serverMs);
      uncached.push(uncachedMs);
      floorServer.push(floorMs);
    }
    if (remaining() < 60_000 && i >= 9) break; // at least 10 measured runs each, unless the deadline is near
  }
  const ratio = median(server) / median(bare);
  row('cold start: spawn → initialize result (dist/cachedStart.js with its code cache, as the extension starts it)', `${ms(median(server))} (n=${server.length})`, '—', null, { medianMs: median(server), samplesMs: server });
  row('cold start without a code cache (`node dist/server.js`; the first start after an install or update)', `${ms(median(uncached))} (${round(median(uncached) / median(bare), 2)}× bare, n=${uncached.length})`, '—', null,
    { medianMs: median(uncached), samplesMs: uncached, ratio: median(uncached) / median(bare) });
  row('cold start of the floor server (the same stack keeping only the documents, started the same way: its cachedStart.js, code cache, options)', `${ms(median(floorServer))} (${round(median(floorServer) / median(bare), 2)}× bare, n=${floorServer.length})`, '—', null,
    { medianMs: median(floorServer), samplesMs: floorServer, ratio: median(floorServer) / median(bare) });
  row('cold start: bare `node -e 0` spawn → exit', `${ms(median(bare))} (n=${bare.length})`, '—', null, { medianMs: median(bare), samplesMs: bare });
  row('cold start ratio', `${round(ratio, 2)}×`, '≤ 1.3×', ratio <= 1.3, { ratio });
}

/** A one-character edit and the edit that takes it back, as typing and undo send them. */
interface EditSite {
  readonly offset: number;
  /** The character typed (inserted at `offset`), or the one that replaces the character there. */
  readonly typed: string;
  readonly replaces: boolean;
}

/** The first match of `pattern` after the middle of the text (procedure bodies of the generated file). */
function siteAfterMiddle(text: string, pattern: RegExp): RegExpExecArray {
  const search = new RegExp(pattern.source, 'g');
  search.lastIndex = text.length >> 1;
  const found = search.exec(text);
  if (!found) throw new Error(`no edit site ${pattern} in the middle of the generated file`);
  return found;
}

/**
 * Where to edit, after the middle of the 100k-line file, by what the edit does to the
 * diagnostics: `still` edits leave every diagnostic where it was (a digit of a timer value,
 * a letter of a comment, a letter typed into a name on a line without IDs); `moved` types
 * a blank before an ID, so that one diagnostic moves; `lineBreak` inserts a line, so that
 * every later diagnostic moves a line down.
 */
function editSites(text: string): Record<'still' | 'moved' | 'lineBreak', EditSite[]> {
  const timer = siteAfterMiddle(text, /\n {2,}setTimer\(tCableCheck\d+, \d+\);/);
  const comment = siteAfterMiddle(text, /\n {2,}\/\/ [a-z]/);
  const label = siteAfterMiddle(text, /\n {2,}case \d+:/);
  const digit = timer.index + timer[0].length - 3;
  return {
    still: [
      { offset: digit, typed: String((Number(text[digit]) + 1) % 10), replaces: true },
      { offset: comment.index + comment[0].length - 1, typed: text[comment.index + comment[0].length - 1].toUpperCase(), replaces: true },
      { offset: timer.index + timer[0].indexOf(','), typed: 'x', replaces: false },
    ],
    moved: [{ offset: label.index + label[0].indexOf('case ') + 'case '.length, typed: ' ', replaces: false }],
    lineBreak: [{ offset: timer.index + timer[0].length, typed: '\r\n', replaces: false }],
  };
}

/**
 * Edit `i` of the sites, as typing and undo send them (even samples make an edit, odd ones
 * take it back: the text is the generated one again after each pair), then a pull of the
 * diagnostics: the round trip, and how many diagnostics came.
 */
async function editAndPull(editor: Editor, big: BenchFile, lines: LineIndex, sites: readonly EditSite[], i: number): Promise<{ elapsed: number; diagnostics: number }> {
  const site = sites[Math.floor(i / 2) % sites.length];
  const undo = i % 2 === 1;
  const start = lines.positionAt(site.offset);
  const typedEnd = site.typed === '\r\n' ? { line: start.line + 1, character: 0 } : { line: start.line, character: start.character + 1 };
  const t = performance.now();
  if (site.replaces) editor.edit(big.uri, 1, { start, end: typedEnd }, undo ? big.text[site.offset] : site.typed);
  else if (undo) editor.edit(big.uri, site.typed.length, { start, end: typedEnd }, '');
  else editor.edit(big.uri, 0, { start, end: start }, site.typed);
  const diagnostics = await editor.pull(big.uri);
  return { elapsed: performance.now() - t, diagnostics };
}

/**
 * Where hover (inside a token) and completion (at its end) are asked: on ID literals (3 in 5)
 * and on other tokens (identifiers, numbers that are no IDs, words in comments). Picked before
 * the session, so the half million token spans are garbage before anything is timed.
 */
function requestPositions(big: BenchFile, lines: LineIndex, random: Random, count: number, { analyzeFile, DEFAULT_SETTINGS }: InProcess) {
  const ids = analyzeFile({ text: big.text, path: big.uri }, DEFAULT_SETTINGS).ids;
  const idStarts = new Set(ids.map((id) => id.start));
  const others = [...big.text.matchAll(/[A-Za-z_][A-Za-z0-9_]*|\d[\w.]*/g)]
    .filter((match) => !idStarts.has(match.index))
    .map((match) => ({ start: match.index, end: match.index + match[0].length }));
  const positions = (at: 'inside' | 'end') =>
    Array.from({ length: count }, (_, i) => {
      const span = i % 5 < 3 ? random.pick(ids) : random.pick(others);
      return lines.positionAt(at === 'end' ? span.end : span.start + ((span.end - span.start) >> 1));
    });
  return { hoverAt: positions('inside'), completeAt: positions('end') };
}

interface OpenedFile {
  readonly samples: number[];
  /** The number of diagnostics the file ended up with, and the JSON size of its first report. */
  readonly diagnostics: number;
  readonly answerBytes: number;
}

/** Opens each file and pulls its diagnostics, several times per size (closing it between); the last run leaves it open. */
async function openFiles(editor: Editor, files: readonly BenchFile[]): Promise<Record<string, OpenedFile>> {
  const opened: Record<string, OpenedFile> = {};
  for (const file of files) {
    const runs = file.lines >= 100_000 ? (QUICK ? 2 : 5) : QUICK ? 3 : 7;
    let diagnostics = -1;
    let answerBytes = 0;
    const { samples } = await sampled(`open ${file.lines / 1000}k`, runs, runs, file.lines >= 100_000 ? 18_000 : 8000, async (i) => {
      const t = performance.now();
      editor.open(file.uri, file.text);
      const report = await editor.pullReport(file.uri);
      const elapsed = performance.now() - t;
      diagnostics = report.kind === 'full' ? report.items.length : -1;
      answerBytes = JSON.stringify(report).length;
      if (i < runs - 1) {
        editor.close(file.uri);
        await editor.settle(150);
      }
      return elapsed;
    });
    if (!editor.documents.has(file.uri)) {
      editor.open(file.uri, file.text);
      diagnostics = await editor.pull(file.uri);
    }
    opened[file.uri] = { samples, diagnostics, answerBytes };
  }
  return opened;
}

/**
 * bench/floorServer.ts bundled as dist/server.js is, beside a copy of dist/cachedStart.js
 * (which starts the server.js beside it): the floor server can start as the extension starts
 * the server.
 */
function floorBuild(dist: string): string {
  const dir = join(scratch, 'floor-dist');
  mkdirSync(dir);
  buildSync({ entryPoints: [join(__dirname, 'floorServer.ts')], outfile: join(dir, 'server.js'), bundle: true, format: 'cjs', platform: 'node', target: 'node20', minify: true, logLevel: 'warning' });
  copyFileSync(join(dist, basename(CACHED_START)), join(dir, basename(CACHED_START)));
  return dir;
}

/**
 * The peak RSS of the same session's opening phase against bench/floorServer.ts: what the
 * server's stack and the documents alone cost, below which no analysis can go; in MB. Then
 * the same edits as the target row's against it, a row of their own: what the stack alone
 * spends on an edit.
 */
async function memoryFloor(workspace: string, files: readonly BenchFile[], floorDist: string): Promise<number> {
  const editor = Editor.spawn(plainStart(join(floorDist, 'server.js')));
  await editor.initialize([workspace]);
  editor.initialized();
  await editor.indexed(5000);
  await editor.settle();
  await openFiles(editor, files);
  await editor.settle();
  const memory = editor.memory();
  row('peak RSS, the same opening against a server that only keeps the documents (floor)', `${round((memory.hwmKb * 1024) / 1e6, 1)} MB (VmRSS now ${round((memory.rssKb * 1024) / 1e6, 1)} MB)`, '—', null,
    { vmHwmKb: memory.hwmKb, vmRssKb: memory.rssKb });
  // The stack's own share of an edit's round trip: the document's update (TextDocuments) and the pipe.
  const big = files[files.length - 1];
  const lines = new LineIndex(big.text);
  const sites = editSites(big.text).still;
  for (let i = 0; i < EDIT_WARM_UP; i++) await editAndPull(editor, big, lines, sites, i);
  const edits = await sampled('edit latency against the floor server', 50, QUICK ? 20 : TARGET_EDITS, QUICK ? 10_000 : 25_000, async (i) => (await editAndPull(editor, big, lines, sites, i)).elapsed);
  row('edit → pull diagnostics against the same floor server (its document update and the pipe), 100k lines', p50p99(edits.samples), '—', null,
    { p50Ms: median(edits.samples), p99Ms: percentile(edits.samples, 99), samplesMs: edits.samples });
  await editor.stop();
  return (memory.hwmKb * 1024) / 1e6;
}

async function editorSession(server: ServerStart, workspace: string, files: BenchFile[], inProcess: InProcess, floorDist: string): Promise<void> {
  const editor = Editor.spawn(server);
  await editor.initialize([workspace]);
  editor.initialized();
  if (!(await editor.indexed(30_000))) notes.push('the server never logged "indexed N CAPL files"; measured without waiting for indexing');
  await editor.settle();

  phase('open → first diagnostics');
  const opened = await openFiles(editor, files);
  for (const file of files) {
    const { samples, diagnostics, answerBytes } = opened[file.uri];
    row(`open → first diagnostics, ${file.lines / 1000}k lines`,
      `median ${ms(median(samples))} (min ${ms(Math.min(...samples))}, n=${samples.length}; ${diagnostics} diagnostics, ${round(answerBytes / 1e6, 2)} MB of JSON)`,
      '—', null, { medianMs: median(samples), samplesMs: samples, diagnostics, answerBytes });
  }
  await editor.settle();
  const memory = editor.memory();
  const peakMb = (memory.hwmKb * 1024) / 1e6;
  row('server peak RSS (VmHWM), 3 files open', `${round(peakMb, 1)} MB (VmRSS now ${round((memory.rssKb * 1024) / 1e6, 1)} MB)`, '—', null,
    { vmHwmKb: memory.hwmKb, vmRssKb: memory.rssKb });
  const openedAt = performance.now();
  const floorMb = await memoryFloor(workspace, files, floorDist);
  const memoryRatio = peakMb / floorMb;
  row('server peak RSS ÷ the floor server\'s', `${round(memoryRatio, 2)}×`, '≤ 1.5×', memoryRatio <= 1.5, { ratio: memoryRatio });
  if (!QUICK) {
    // V8's memory reducer collects and shrinks the heap of an idle process some seconds after its last major GC.
    await sleep(Math.max(0, IDLE_MS - (performance.now() - openedAt)));
    const idle = editor.memory();
    row(`server RSS after ${IDLE_MS / 1000} s idle, 3 files open`, `${round((idle.rssKb * 1024) / 1e6, 1)} MB (VmRSS)`, '—', null, { vmRssKb: idle.rssKb, idleMs: IDLE_MS });
  }

  const big = files[files.length - 1];
  const lines = new LineIndex(big.text);
  const random = new Random(42);
  const n = QUICK ? 200 : 600;
  const { hoverAt, completeAt } = requestPositions(big, lines, random, n, inProcess);
  const uri = big.uri;

  phase('stdio round-trip floor');
  const floor = await sampled('floor', 200, 200, 5000, async () => {
    const t = performance.now();
    await editor.connection.sendRequest(HoverRequest.type, { textDocument: { uri: 'file:///not-open.can' }, position: { line: 0, character: 0 } });
    return performance.now() - t;
  });
  row('stdio round trip of an empty request (floor)', p50p99(floor.samples), '—', null, { samplesMs: floor.samples });

  phase('hover');
  let hovers = 0;
  const hover = await sampled('hover', 500, n, 15_000, async (i) => {
    const t = performance.now();
    const result = await editor.connection.sendRequest(HoverRequest.type, { textDocument: { uri }, position: hoverAt[i] });
    const elapsed = performance.now() - t;
    if (result) hovers++;
    return elapsed;
  });
  const hoverP99 = percentile(hover.samples, 99);
  row('hover round trip, 100k lines', `${p50p99(hover.samples)}; ${hovers} with content`, '— (target: server-side, below)', null,
    { p50Ms: median(hover.samples), p99Ms: hoverP99, samplesMs: hover.samples, withContent: hovers });

  phase('inlay hints');
  let hints = 0;
  const inlay = await sampled('inlay hints', 500, n, 15_000, async () => {
    const line = random.int(0, lines.lineCount - 81);
    const t = performance.now();
    const result = await editor.connection.sendRequest(InlayHintRequest.type, { textDocument: { uri }, range: { start: { line, character: 0 }, end: { line: line + 80, character: 0 } } });
    const elapsed = performance.now() - t;
    hints += result?.length ?? 0;
    return elapsed;
  });
  row('inlay hints round trip, 80-line range, 100k lines', `${p50p99(inlay.samples)}; ${round(hints / inlay.samples.length, 1)} hints per range`, '—', null,
    { p50Ms: median(inlay.samples), p99Ms: percentile(inlay.samples, 99), samplesMs: inlay.samples });

  phase('edit → fresh diagnostics');
  const sites = editSites(big.text);
  const expected = opened[uri].diagnostics;
  let mismatches = 0;
  const edit = async (kind: keyof typeof sites, i: number) => {
    const { elapsed, diagnostics } = await editAndPull(editor, big, lines, sites[kind], i);
    if (diagnostics !== expected) mismatches++;
    return elapsed;
  };
  /** The first edits of a kind run while V8 still compiles that path: they warm up, untimed, and their worst is told. */
  const editLatency = async (kind: keyof typeof sites, what: string, count = 60) => {
    let warmUpWorst = 0;
    for (let i = 0; i < EDIT_WARM_UP; i++) warmUpWorst = Math.max(warmUpWorst, await edit(kind, i));
    notes.push(`${what}: the slowest of the ${EDIT_WARM_UP} warm-up edits before the measured ones took ${ms(warmUpWorst)}`);
    return sampled(what, 50, QUICK ? 20 : count, QUICK ? 10_000 : 25_000, (i) => edit(kind, i));
  };
  const edits = await editLatency('still', 'edit latency', TARGET_EDITS);
  const editP99 = percentile(edits.samples, 99);
  const editWorst = Math.max(...edits.samples);
  row('edit → fresh pull diagnostics, 100k lines: a digit, a comment letter, a letter in a name (no diagnostic moves)', `${p50p99(edits.samples)}; the worst ${ms(editWorst)}`, 'p99 ≤ 15 ms', editP99 <= 15,
    { p50Ms: median(edits.samples), p99Ms: editP99, worstMs: editWorst, samplesMs: edits.samples, budgetLimited: edits.limited });
  for (const [kind, what] of [['moved', 'a blank typed before an ID (that diagnostic moves)'], ['lineBreak', 'a line break (every later diagnostic moves)']] as const) {
    const moved = await editLatency(kind, `edit latency, ${what}`);
    const movedP99 = percentile(moved.samples, 99);
    // Every diagnostic after a line break moves: a full report of all of them, whose target is looser.
    const target = kind === 'lineBreak' ? 50 : undefined;
    row(`edit → fresh pull diagnostics, 100k lines: ${what}`, `${p50p99(moved.samples)}; a full report of ${expected} diagnostics`, target ? `p99 ≤ ${target} ms` : '—', target ? movedP99 <= target : null,
      { p50Ms: median(moved.samples), p99Ms: movedP99, samplesMs: moved.samples, budgetLimited: moved.limited });
  }
  if (mismatches > 0) notes.push(`edit latency: ${mismatches} answers had a different number of diagnostics than before the edit`);
  // What sending the whole report costs when nothing changed: a pull without a previous result ID.
  const resent = await sampled('full report, nothing changed', 5, QUICK ? 10 : 30, QUICK ? 5000 : 12_000, async () => {
    const t = performance.now();
    await editor.connection.sendRequest(DocumentDiagnosticRequest.type, { textDocument: { uri } });
    return performance.now() - t;
  });
  row(`the same ${expected} diagnostics sent again, nothing changed (a pull without a previous result ID: the report's JSON both ways and the pipe)`, p50p99(resent.samples), '—', null,
    { p50Ms: median(resent.samples), p99Ms: percentile(resent.samples, 99), samplesMs: resent.samples });

  phase('completion');
  let items = 0;
  let bytes = 0;
  const completion = await sampled('completion', 500, n, Math.min(20_000, remaining() - 8000), async (i) => {
    const t = performance.now();
    const result = await editor.connection.sendRequest(CompletionRequest.type, { textDocument: { uri }, position: completeAt[i], context: { triggerKind: 1 } });
    const elapsed = performance.now() - t;
    const list = Array.isArray(result) ? result : result?.items ?? [];
    items += list.length;
    if (i < 20) bytes += JSON.stringify(result).length;
    return elapsed;
  });
  const completionP99 = percentile(completion.samples, 99);
  row('completion round trip, 100k lines', `${p50p99(completion.samples)}; ${Math.round(items / completion.samples.length)} items, ~${Math.round(bytes / Math.min(20, completion.samples.length) / 1000)} kB per answer`,
    '— (target: server-side, below)', null, { p50Ms: median(completion.samples), p99Ms: completionP99, samplesMs: completion.samples, meanItems: items / completion.samples.length });

  // Server-side: the same requests answered by the language service (what the server spends
  // between reading a request and writing its answer, without the stdio hop).
  phase('server-side hover and completion');
  const { hover: hoverServer, completion: completionServer } = answerTimesApart({ files: files.map(({ uri, text }) => ({ uri, text })), uri, hoverAt, completeAt });
  row('hover, server-side, 100k lines', p50p99(hoverServer), 'p99 ≤ 1 ms', percentile(hoverServer, 99) <= 1,
    { p50Ms: median(hoverServer), p99Ms: percentile(hoverServer, 99), samplesMs: hoverServer });
  row('completion, server-side, 100k lines', p50p99(completionServer), 'p99 ≤ 2 ms', percentile(completionServer, 99) <= 2,
    { p50Ms: median(completionServer), p99Ms: percentile(completionServer, 99), samplesMs: completionServer });

  const after = editor.memory();
  row('server peak RSS (VmHWM) at the end of the session', `${round((after.hwmKb * 1024) / 1e6, 1)} MB`, '—', null, { vmHwmKb: after.hwmKb, vmRssKb: after.rssKb });
  await editor.stop();
}

function bundleSizes(dist: string): void {
  for (const name of ['server.js', 'cachedStart.js', 'client.js', 'cli.js']) {
    const path = join(dist, name);
    if (!existsSync(path)) continue;
    const size = statSync(path).size;
    row(`dist/${name} (minified)`, `${round(size / 1000, 1)} kB`, '—', null, { bytes: size });
  }
}

/** Top-level entries of the working tree that are not copied for packaging: git-ignored output and caches, and the git directory. */
const NOT_COPIED = new Set(['.git', 'node_modules', 'dist', 'out', '.cache', '.vscode-test', 'bench-results.json']);

/**
 * `vsce package --no-dependencies`, as `npm run package` runs it, on a copy of the working
 * tree in the scratch directory: its prepublish build writes the copy's dist/, never the repo's.
 */
function packagedExtension(): void {
  const dir = join(scratch, 'package');
  cpSync(REPO, dir, { recursive: true, filter: (path) => !NOT_COPIED.has(relative(REPO, path)) && !path.endsWith('.vsix') });
  symlinkSync(realpathSync(join(REPO, 'node_modules')), join(dir, 'node_modules'), 'dir');
  const vsix = join(scratch, 'capl-ids.vsix');
  const vsce = require.resolve('@vscode/vsce/vsce');
  const result = spawnSync(process.execPath, [vsce, 'package', '--no-dependencies', '--out', vsix], { cwd: dir, encoding: 'utf8', timeout: 120_000 });
  if (result.status !== 0) {
    row('packaged extension (.vsix)', 'packaging failed', '—', null, { packaged: false });
    notes.push(`vsce package failed:\n${result.stderr || result.stdout}`);
    return;
  }
  const bytes = statSync(vsix).size;
  const files = zipEntries(readFileSync(vsix));
  const unpacked = files.reduce((sum, file) => sum + file.bytes, 0);
  row('packaged extension (.vsix)', `${round(bytes / 1000, 1)} kB (${files.length} files, ${round(unpacked / 1000, 1)} kB unpacked)`, '≤ 1 MB', bytes <= 1_000_000, { bytes, unpackedBytes: unpacked, files });
  notes.push(`the .vsix holds ${files.map((file) => file.name).join(', ')}`);
}

/** The names and uncompressed sizes of a zip file's entries, from its central directory. */
function zipEntries(zip: Buffer): { name: string; bytes: number }[] {
  const end = zip.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  const entries: { name: string; bytes: number }[] = [];
  let at = zip.readUInt32LE(end + 16);
  for (let count = zip.readUInt16LE(end + 10); count > 0; count--) {
    const nameLength = zip.readUInt16LE(at + 28);
    entries.push({ name: zip.toString('utf8', at + 46, at + 46 + nameLength), bytes: zip.readUInt32LE(at + 24) });
    at += 46 + nameLength + zip.readUInt16LE(at + 30) + zip.readUInt16LE(at + 32);
  }
  return entries;
}

// ---- output ---------------------------------------------------------------------------------

function report(dist: string): void {
  const verdict = (pass: boolean | null) => (pass === null ? '' : pass ? 'pass' : '**FAIL**');
  const table = [
    '| metric | value | target | result |',
    '|---|---|---|---|',
    ...rows.map((r) => `| ${r.metric} | ${r.value} | ${r.target} | ${verdict(r.pass)} |`),
  ].join('\n');
  const load = loadavg();
  const machine = `${cpus().length} × ${cpus()[0]?.model ?? 'CPU'}, Node ${process.version}, load average ${load.map((l) => l.toFixed(1)).join(' / ')}`;
  console.log(`\n${table}\n\n${machine}; ${((performance.now() - started) / 1000).toFixed(0)} s in all.`);
  for (const note of notes) console.log(`- ${note}`);
  const json = {
    date: new Date().toISOString(),
    machine: { cpus: cpus().length, model: cpus()[0]?.model, node: process.version, loadavg: load },
    build: dist,
    files: generated.map(({ lines, bytes, uri }) => ({ lines, bytes, uri })),
    seconds: round((performance.now() - started) / 1000, 1),
    notes,
    results: rows.map(({ metric, value, target, pass, data }) => ({ metric, value, target, pass, ...data })),
  };
  writeFileSync(JSON_OUT, `${JSON.stringify(json, null, 2)}\n`);
  console.log(`\nwritten to ${JSON_OUT}`);
}

async function profile(serverJs: string, workspace: string, dir: string): Promise<void> {
  const big = generateFiles(workspace)[SIZES.length - 1];
  mkdirSync(dir, { recursive: true });
  const editor = Editor.spawn(plainStart(serverJs), ['--cpu-prof', `--cpu-prof-dir=${resolve(dir)}`]);
  await editor.initialize();
  editor.initialized();
  await editor.settle();
  const t = performance.now();
  editor.open(big.uri, big.text);
  const count = await editor.pull(big.uri);
  console.log(`server opened the 100k-line file: ${count} diagnostics in ${ms(performance.now() - t)}`);
  await editor.settle();
  await editor.stop();
  // the profiled bundle and its source map go beside the profile, to map it back to server/src
  for (const name of ['server.js', 'server.js.map']) if (existsSync(join(dirname(serverJs), name))) copyFileSync(join(dirname(serverJs), name), join(dir, name));
  console.log(`profile written to ${resolve(dir)}: ${readdirSync(dir).filter((name) => name.endsWith('.cpuprofile')).join(', ')} (with the server.js it profiled)`);
}

async function main(): Promise<void> {
  const given = option('--dist');
  phase(given ? `snapshot of ${given}` : `${PROFILE_DIR ? 'unminified' : 'production'} build (scripts/build.mjs, scratch dir)`);
  const dist = given ? snapshot(resolve(given)) : build(!PROFILE_DIR);
  const serverJs = join(dist, 'server.js');
  // as the extension starts it (client/src/languageClient.ts)
  const server: ServerStart = {
    nodeOptions: SERVER_NODE_OPTIONS, script: join(dist, basename(CACHED_START)), args: codeCacheArguments(join(scratch, 'code-cache')), env: serverEnvironment(process.env),
  };
  const workspace = join(scratch, 'workspace');
  mkdirSync(workspace);
  if (PROFILE_DIR) return profile(serverJs, workspace, PROFILE_DIR);

  if (!ONLY_SCALE) {
    phase('generate 1k, 10k, 100k lines');
    const files = generateFiles(workspace);
    phase('in-process analysis vs bare scan');
    const inProcess = bundleInProcess(!PROFILE_DIR);
    inProcessAnalysis(files[files.length - 1], inProcess);
    const floorDist = floorBuild(dist);
    phase('cold start');
    await coldStart(server, { ...plainStart(serverJs), nodeOptions: SERVER_NODE_OPTIONS }, { ...server, script: join(floorDist, basename(CACHED_START)), args: codeCacheArguments(join(scratch, 'floor-code-cache')) });
    phase('editor session');
    await editorSession(server, workspace, files, inProcess, floorDist);
    bundleSizes(given ? resolve(given) : dist);
    phase('vsce package (scratch copy of the working tree)');
    packagedExtension();
  }
  if (SCALE) await scaleRows({ dist, server, scratch, quick: QUICK, corpus: CORPUS && resolve(CORPUS), phase });
  report(given ? resolve(given) : 'production build of the working tree (scripts/build.mjs --production)');
}

const watchdog = setTimeout(() => {
  process.stderr.write('bench: over the time limit, giving up\n');
  killAll();
  process.exit(2);
}, DEADLINE_MS + 15_000 + (SCALE ? SCALE_TIME_LIMIT_MS : 0));
watchdog.unref();

main().then(
  () => process.exit(0),
  (error: unknown) => {
    process.stderr.write(`bench failed: ${error instanceof Error ? error.stack : String(error)}\n`);
    killAll();
    process.exit(1);
  },
);
