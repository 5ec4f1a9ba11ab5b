/**
 * The scale rows of `npm run bench` (issue 13): `capl-ids check` as a process on generated
 * workspaces of 1k, 2k and 4k files, next to a bare numeric scan of the same files as a
 * process, its peak RSS, the language server on the 2k-file workspace, and optionally `check`
 * on a folder of real CAPL files (`--corpus DIR`). See bench/README.md.
 */
import { spawn } from 'node:child_process';
import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { HoverRequest, ReferencesRequest, type Location } from 'vscode-languageserver-protocol/node';
import { buildSync } from 'esbuild';
import { collectCaplFiles } from '../server/src/cli/files';
import { LineIndex } from '../server/src/service';
import { Editor, type ServerStart } from './editor';
import { generateWorkspace, writeWorkspace, type WorkspaceFile } from './generateWorkspace';
import { exited, memoryOf, sleep, track } from './processes';
import { median, ms, notes, p50p99, percentile, round, row } from './results';

export interface ScaleOptions {
  /** The build under test: its cli.js is run. */
  readonly dist: string;
  readonly server: ServerStart;
  readonly scratch: string;
  readonly quick: boolean;
  /** A folder of real CAPL files to time `check` on, if given. */
  readonly corpus: string | undefined;
  readonly phase: (name: string) => void;
}

/** Files of the workspaces measured, smallest first; each is the start of the next, in folders of the first one's size. */
const SIZES = [1000, 2000, 4000];
const QUICK_SIZES = [250, 500, 1000];
const SEED = 13;
const FILES_PER_BENCH = 10;
/** 2× the files may take at most this many times as long (issue 13). */
const LINEAR = 2.3;
/** The smallest workspace may take at most this many times the bare scan of its files. */
const OVER_BARE_SCAN = 5;
const PEAK_RSS_MB = 400;
/** `coverage` may take at most this many times `check` on the same files (issue 16). */
const COVERAGE_OVER_CHECK = 2;
const REFERENCES_P99_MS = 50;
/** ID literals of the node that references are asked at, in turn. */
const REFERENCE_POSITIONS = 20;
/** A check or server that grows past this is stopped: the row fails, and the machine stays usable. */
const RSS_LIMIT_KB = 4_000_000;
const FIRST_CHECK_LIMIT_MS = 180_000;
const INDEX_LIMIT_MS = 180_000;
const FRESH_LIMIT_MS = 30_000;

interface ProcessRun {
  readonly ms: number;
  readonly peakKb: number;
  /** Why the process was stopped before it finished, if it was. */
  readonly stopped: string | undefined;
}

/**
 * Spawn → exit of `node script ...args`, its output discarded, with its peak RSS (VmHWM, which
 * the preloaded `peakScript` prints as the process exits); stopped past `limitMs` or RSS_LIMIT_KB.
 */
async function measureProcess(peakScript: string, script: string, args: readonly string[], limitMs: number): Promise<ProcessRun> {
  const start = performance.now();
  const child = track(spawn(process.execPath, ['-r', peakScript, script, ...args], { stdio: ['ignore', 'ignore', 'pipe'] }));
  let stderr = '';
  child.stderr!.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  let polledKb = 0;
  let stopped: string | undefined;
  const watch = setInterval(() => {
    const { hwmKb, rssKb } = memoryOf(child.pid!);
    polledKb = Math.max(polledKb, hwmKb);
    const elapsed = performance.now() - start;
    if (rssKb > RSS_LIMIT_KB) stopped = `stopped at ${round(rssKb / 1e6, 1)} GB RSS after ${round(elapsed / 1000, 1)} s`;
    else if (elapsed > limitMs) stopped = `stopped after ${round(elapsed / 1000, 1)} s`;
    if (stopped) child.kill('SIGKILL');
  }, 100);
  await exited(child, limitMs + 60_000);
  clearInterval(watch);
  const elapsed = performance.now() - start;
  if (!stopped && child.exitCode !== 0 && child.exitCode !== 1) stopped = `failed (exit code ${child.exitCode}): ${stderr.trim().slice(0, 300)}`;
  const reported = /^VmHWM (\d+)$/m.exec(stderr);
  return { ms: elapsed, peakKb: reported ? Number(reported[1]) : polledKb, stopped };
}

/** Writes the workspace in folders of `block` files (whole test benches): the workspace of n files is the first n / block folders. */
function writeParts(folder: string, files: readonly WorkspaceFile[], block: number): { folders: string[]; bytes: number[] } {
  const folders: string[] = [];
  const bytes: number[] = [];
  for (let first = 0; first < files.length; first += block) {
    folders.push(join(folder, `part${folders.length + 1}`));
    bytes.push(writeWorkspace(folders[folders.length - 1], files.slice(first, first + block)));
  }
  return { folders, bytes };
}

const seconds = (value: number) => `${round(value / 1000, value < 10_000 ? 2 : 1)} s`;
const megabytes = (kb: number) => `${round((kb * 1024) / 1e6, 0)} MB`;
const thousands = (files: number) => (files % 1000 === 0 ? `${files / 1000}k` : String(files));

/** The floor script and the peak-RSS preload, next to each other in the scratch directory. */
function helperScripts(scratch: string): { bareScan: string; peak: string } {
  const bareScan = join(scratch, 'bare-scan-files.js');
  buildSync({ entryPoints: [join(__dirname, 'bareScanFiles.ts')], outfile: bareScan, bundle: true, format: 'cjs', platform: 'node', target: 'node20', minify: true, logLevel: 'warning' });
  const peak = join(scratch, 'peak-rss.js');
  writeFileSync(peak, `process.on('exit', () => process.stderr.write('\\nVmHWM ' + /VmHWM:\\s+(\\d+)/.exec(require('fs').readFileSync('/proc/self/status', 'utf8'))[1] + '\\n'));\n`);
  return { bareScan, peak };
}

interface CheckTimes {
  readonly check: ProcessRun[];
  readonly bare: ProcessRun[];
}

/** `check` and the bare scan on the same folders, alternated so the machine's load hits both alike; fewer runs when one check is slow. */
async function checkAndBareScan(scripts: { bareScan: string; peak: string }, cli: string, folders: readonly string[], runs: number, limitMs: number): Promise<CheckTimes> {
  const times: CheckTimes = { check: [], bare: [] };
  for (let i = 0; i < runs; i++) {
    times.bare.push(await measureProcess(scripts.peak, scripts.bareScan, folders, limitMs));
    const check = await measureProcess(scripts.peak, cli, ['check', ...folders], limitMs);
    times.check.push(check);
    if (check.stopped || check.ms > 20_000) break;
  }
  return times;
}

const medianMs = (runs: readonly ProcessRun[]) => median(runs.map((run) => run.ms));

function checkRow(what: string, times: CheckTimes): void {
  const last = times.check[times.check.length - 1];
  const value = last.stopped
    ? `${last.stopped} (peak RSS ≥ ${megabytes(last.peakKb)})`
    : `median ${seconds(medianMs(times.check))} (n=${times.check.length}), peak RSS ${megabytes(Math.max(...times.check.map((run) => run.peakKb)))}; the bare scan of the same files ${seconds(medianMs(times.bare))}`;
  row(`\`check\` as a process, ${what}`, value, '—', last.stopped ? false : null,
    { checkMs: times.check.map((run) => run.ms), checkPeakKb: times.check.map((run) => run.peakKb), bareScanMs: times.bare.map((run) => run.ms), stopped: last.stopped });
}

async function checkRows(options: ScaleOptions, folders: readonly string[], bytes: readonly number[], sizes: readonly number[], block: number): Promise<void> {
  const scripts = helperScripts(options.scratch);
  const cli = join(options.dist, 'cli.js');
  let previous: { files: number; ms: number } | undefined;
  for (const [i, files] of sizes.entries()) {
    const label = `${thousands(files)} files`;
    if (i > 0 && !previous) {
      row(`\`check\` as a process, ${label}`, `not run: the ${thousands(sizes[i - 1])}-file check did not finish`, '—', false);
      continue;
    }
    const parts = folders.slice(0, files / block);
    const size = bytes.slice(0, parts.length).reduce((sum, part) => sum + part, 0);
    options.phase(`check, ${label} (${round(size / 1e6, 1)} MB)`);
    // Past LINEAR times the previous check the row fails whatever the rest would take.
    const limitMs = previous ? previous.ms * (files / previous.files / 2) * LINEAR * 1.2 + 5000 : FIRST_CHECK_LIMIT_MS;
    const times = await checkAndBareScan(scripts, cli, parts, i === 0 ? (options.quick ? 2 : 3) : options.quick ? 1 : 2, limitMs);
    checkRow(`${label} (${round(size / 1e6, 1)} MB)`, times);
    const stopped = times.check.some((run) => run.stopped);
    const checkMs = medianMs(times.check);
    if (i === 0) {
      const ratio = checkMs / medianMs(times.bare);
      row(`\`check\` ÷ bare scan as a process, ${label}`, stopped ? 'check did not finish' : `${round(ratio, 1)}×`, `≤ ${OVER_BARE_SCAN}×`, !stopped && ratio <= OVER_BARE_SCAN, { ratio });
    } else {
      const ratio = checkMs / previous!.ms;
      row(`\`check\` time, ${label} ÷ ${thousands(previous!.files)} files`, stopped ? `> ${round(ratio, 1)}× (check did not finish)` : `${round(ratio, 2)}×`, `≤ ${LINEAR}×`, !stopped && ratio <= LINEAR, { ratio });
    }
    if (i === 1) {
      if (!stopped) await coverageRow(scripts, cli, parts, label, times, limitMs);
      const peakKb = Math.max(...times.check.map((run) => run.peakKb));
      const peakMb = (peakKb * 1024) / 1e6;
      row(`\`check\` peak RSS (VmHWM), ${label}`, `${stopped ? '≥ ' : ''}${megabytes(peakKb)}`, `≤ ${PEAK_RSS_MB} MB`, !stopped && peakMb <= PEAK_RSS_MB, { peakKb });
    }
    previous = stopped ? undefined : { files, ms: checkMs };
  }
}

/** `coverage` as a process on the files `check` was just timed on, against that check's median. */
async function coverageRow(scripts: { peak: string }, cli: string, folders: readonly string[], label: string, times: CheckTimes, limitMs: number): Promise<void> {
  const coverage: ProcessRun[] = [];
  for (let i = 0; i < times.check.length; i++) coverage.push(await measureProcess(scripts.peak, cli, ['coverage', ...folders], limitMs));
  const stopped = coverage.find((run) => run.stopped)?.stopped;
  const ratio = medianMs(coverage) / medianMs(times.check);
  row(`\`coverage\` ÷ \`check\` as processes, ${label}`, stopped ?? `${round(ratio, 2)}× (coverage median ${seconds(medianMs(coverage))}, n=${coverage.length})`, `≤ ${COVERAGE_OVER_CHECK}×`,
    !stopped && ratio <= COVERAGE_OVER_CHECK, { ratio, coverageMs: coverage.map((run) => run.ms), stopped });
}

/**
 * Resolves with the promise's value, or with undefined after `limitMs` or when it is rejected
 * (a server stopped for its memory never answers, and its connection rejects what is pending).
 */
function within<T>(promise: Promise<T>, limitMs: number): Promise<T | undefined> {
  return Promise.race([promise.catch(() => undefined), sleep(limitMs).then(() => undefined)]);
}

/** Pulls `uri`'s diagnostics until their number differs from `before`; the time it took, or undefined past FRESH_LIMIT_MS. */
async function untilDiagnosticsChange(editor: Editor, uri: string, before: number, since: number): Promise<number | undefined> {
  while (performance.now() - since < FRESH_LIMIT_MS) {
    const count = await within(editor.pull(uri), FRESH_LIMIT_MS);
    if (count !== undefined && count !== before) return performance.now() - since;
    await sleep(20);
  }
  return undefined;
}

/**
 * The language server on the workspace of `folders`: a node of the last test bench opened
 * right after `initialized` (its first diagnostics and a hover on the ID it passes to the
 * bench's helper, while the index is being built), the index build, then the helper renamed
 * in its include and back, each time until the node's diagnostics change.
 */
async function languageServerRows(options: ScaleOptions, folders: readonly string[], files: number): Promise<void> {
  const label = `${thousands(files)} files`;
  options.phase(`language server, ${label}`);
  const bench = join(folders[folders.length - 1], `Bench${files / FILES_PER_BENCH - 1}`);
  const node = { path: join(bench, 'Nodes', 'Monitor.can') };
  const helper = { path: join(bench, 'Common', 'Guards.cin') };
  const [nodeUri, helperUri] = [node.path, helper.path].map((path) => pathToFileURL(path).href);
  const [nodeText, helperText] = [node.path, helper.path].map((path) => readFileSync(path).toString('latin1'));

  const editor = Editor.spawn(options.server);
  let stopped: string | undefined;
  const watch = setInterval(() => {
    const { rssKb } = memoryOf(editor.child.pid!);
    if (rssKb <= RSS_LIMIT_KB) return;
    stopped = `the server was stopped at ${round(rssKb / 1e6, 1)} GB RSS`;
    editor.child.kill('SIGKILL');
  }, 100);
  try {
    await editor.initialize(folders);
    editor.initialized();
    const initializedAt = performance.now();

    editor.open(nodeUri, nodeText);
    const diagnostics = await within(editor.pull(nodeUri), INDEX_LIMIT_MS);
    const openMs = performance.now() - initializedAt;
    const indexedBeforeAnswer = editor.log.some((line) => /indexed \d+ CAPL files/.test(line));
    const literal = /Guard\d+_Start\((\w+),/.exec(nodeText)!;
    const position = new LineIndex(nodeText).positionAt(literal.index + literal[0].indexOf('(') + 2);
    const hoverStart = performance.now();
    const hover = await within(editor.connection.sendRequest(HoverRequest.type, { textDocument: { uri: nodeUri }, position }), INDEX_LIMIT_MS);
    const hoverMs = performance.now() - hoverStart;
    const during = indexedBeforeAnswer ? 'after the index was built (it was faster)' : 'while the index was being built';
    row(`language server, ${label}: open a node → first diagnostics`, diagnostics === undefined ? `no answer (${stopped ?? 'timed out'})` : `${ms(openMs)} (${diagnostics} diagnostics, ${during})`, '—', diagnostics === undefined ? false : null,
      { ms: openMs, diagnostics, duringIndexing: !indexedBeforeAnswer });
    row(`language server, ${label}: hover on the ID the node passes to its bench's helper`, hover === undefined ? `no answer (${stopped ?? 'timed out'})` : `${ms(hoverMs)} (${hover ? 'an ID' : 'nothing'}, ${during})`, '—', hover === undefined ? false : null,
      { ms: hoverMs, answered: hover !== undefined, isId: Boolean(hover) });

    const indexed = await editor.indexed(INDEX_LIMIT_MS - (performance.now() - initializedAt));
    const indexMs = performance.now() - initializedAt;
    const count = /indexed (\d+) CAPL files/.exec(editor.log.find((line) => /indexed \d+ CAPL files/.test(line)) ?? '')?.[1];
    row(`language server, ${label}: index build (initialized → "indexed N CAPL files")`, indexed ? `${seconds(indexMs)} (${count} files), peak RSS ${megabytes(memoryOf(editor.child.pid!).hwmKb)}` : `not built after ${seconds(indexMs)}${stopped ? `: ${stopped}` : ''}`, '—', indexed ? null : false,
      { ms: indexMs, indexed, files: count === undefined ? undefined : Number(count) });
    if (!indexed) return;
    await referencesRow(editor, nodeUri, nodeText, label, options.quick ? 100 : 400);
    await carrierReferencesRow(editor, nodeUri, nodeText, label, options.quick ? 100 : 400);

    editor.open(helperUri, helperText);
    const definition = helperText.indexOf('_Start(dword');
    const range = { start: new LineIndex(helperText).positionAt(definition), end: new LineIndex(helperText).positionAt(definition + '_Start'.length) };
    const freshMs: number[] = [];
    for (let i = 0; i < (options.quick ? 2 : 6); i++) {
      const before = await editor.pull(nodeUri);
      const start = performance.now();
      const renamed = i % 2 === 0;
      const edited = renamed ? { range, text: '_Arm' } : { range: { start: range.start, end: { line: range.start.line, character: range.start.character + '_Arm'.length } }, text: '_Start' };
      editor.edit(helperUri, renamed ? '_Start'.length : '_Arm'.length, edited.range, edited.text);
      const fresh = await untilDiagnosticsChange(editor, nodeUri, before, start);
      if (fresh === undefined) {
        notes.push(`language server, ${label}: the diagnostics of ${node.path} did not change within ${seconds(FRESH_LIMIT_MS)} of ${renamed ? 'renaming' : 'renaming back'} the helper`);
        break;
      }
      freshMs.push(fresh);
    }
    row(`language server, ${label}: a shared helper renamed in its include (and back) → fresh diagnostics of a node that calls it`,
      freshMs.length > 0 ? `median ${ms(median(freshMs))}, the worst ${ms(Math.max(...freshMs))} (n=${freshMs.length})` : 'the diagnostics did not change', '—', freshMs.length > 0 ? null : false, { samplesMs: freshMs });
  } finally {
    clearInterval(watch);
    await editor.stop();
  }
}

/** Find All References at the node's ID literals (those the server finds references of), round trips after indexing; p50/p99. */
async function referencesRow(editor: Editor, uri: string, text: string, label: string, requests: number): Promise<void> {
  const references = referencesAt(editor, uri, text);
  const positions: number[] = [];
  for (const literal of text.matchAll(/\b(?:0x[0-9a-fA-F]+|\d+)\b/g)) {
    if (positions.length === REFERENCE_POSITIONS) break;
    if (((await references(literal.index!)) ?? []).length > 0) positions.push(literal.index!);
  }
  const { samples, found } = await referenceSamples(references, positions, requests);
  const p99 = samples.length > 0 ? percentile(samples, 99) : Infinity;
  row(`language server, ${label}: Find All References round trip at an ID literal, after indexing`,
    samples.length > 0 ? `${p50p99(samples)}; ${Math.round(found / samples.length)} locations per answer, ${positions.length} literals` : 'no ID literal with references in the node',
    `p99 ≤ ${REFERENCES_P99_MS} ms`, p99 <= REFERENCES_P99_MS, { p50Ms: median(samples), p99Ms: p99, samplesMs: samples, positions: positions.length });
}

/**
 * Find All References at names of the node that hold IDs (carriers), the first of each kind
 * that has references: `@this` and `@sysvar::Bench<b>::Evse::LastRxMessageId` (every file
 * of the bench that reads or writes it), the local `id` of a station's handler, a station's
 * global `gLastRxId<n>`.
 */
async function carrierReferencesRow(editor: Editor, uri: string, text: string, label: string, requests: number): Promise<void> {
  const references = referencesAt(editor, uri, text);
  const offsets: number[] = [];
  for (const name of [/@this\b/g, /@sysvar::Bench\d+::Evse::LastRxMessageId\b/g, /\bid\b(?= == )/g, /\bgLastRxId\d+\b(?= = )/g]) {
    for (const found of text.matchAll(name)) {
      if (((await references(found.index! + 1)) ?? []).length === 0) continue;
      offsets.push(found.index! + 1);
      break;
    }
  }
  const { samples, found } = await referenceSamples(references, offsets, requests);
  const p99 = samples.length > 0 ? percentile(samples, 99) : Infinity;
  row(`language server, ${label}: Find All References round trip at a name that holds IDs (@this, @sysvar::…, a local, a global), after indexing`,
    samples.length > 0 ? `${p50p99(samples)}; ${Math.round(found / samples.length)} locations per answer, ${offsets.length} names` : 'no name with references in the node',
    `p99 ≤ ${REFERENCES_P99_MS} ms`, p99 <= REFERENCES_P99_MS, { p50Ms: median(samples), p99Ms: p99, samplesMs: samples, positions: offsets.length });
}

/** Find All References at an offset of the document. */
function referencesAt(editor: Editor, uri: string, text: string): (offset: number) => Promise<Location[] | null> {
  const lines = new LineIndex(text);
  return (offset) => editor.connection.sendRequest(ReferencesRequest.type, { textDocument: { uri }, position: lines.positionAt(offset), context: { includeDeclaration: true } });
}

/** `requests` round trips at `positions`, in turn. */
async function referenceSamples(references: (offset: number) => Promise<Location[] | null>, positions: readonly number[], requests: number): Promise<{ samples: number[]; found: number }> {
  const samples: number[] = [];
  let found = 0;
  for (let i = 0; i < requests && positions.length > 0; i++) {
    const start = performance.now();
    found += ((await references(positions[i % positions.length])) ?? []).length;
    samples.push(performance.now() - start);
  }
  return { samples, found };
}

async function corpusRows(options: ScaleOptions, corpus: string): Promise<void> {
  options.phase(`check, ${corpus}`);
  const times = await checkAndBareScan(helperScripts(options.scratch), join(options.dist, 'cli.js'), [corpus], options.quick ? 1 : 2, FIRST_CHECK_LIMIT_MS);
  const files = await collectCaplFiles([corpus]);
  const size = files.reduce((sum, path) => sum + statSync(path).size, 0);
  checkRow(`${corpus} (${files.length} files, ${round(size / 1e6, 1)} MB)`, times);
  const last = times.check[times.check.length - 1];
  if (!last.stopped) row(`\`check\` ÷ bare scan as a process, ${corpus}`, `${round(medianMs(times.check) / medianMs(times.bare), 1)}×`, '—', null);
}

/** What the scale rows may take at most, each step within its own limit (the bench's watchdog allows it on top). */
export const SCALE_TIME_LIMIT_MS = 20 * 60_000;

export async function scaleRows(options: ScaleOptions): Promise<void> {
  const sizes = options.quick ? QUICK_SIZES : SIZES;
  const block = sizes[0];
  options.phase(`generate a workspace of ${sizes[sizes.length - 1]} files`);
  const { folders, bytes } = writeParts(join(options.scratch, 'scale'), generateWorkspace(sizes[sizes.length - 1], SEED, block), block);
  await checkRows(options, folders, bytes, sizes, block);
  await languageServerRows(options, folders.slice(0, sizes[1] / block), sizes[1]);
  if (options.corpus) await corpusRows(options, options.corpus);
}
