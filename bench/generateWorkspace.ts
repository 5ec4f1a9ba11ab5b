/**
 * Deterministic generator of a CANoe Smart Charging workspace for the scale rows of the
 * bench (bench/run.ts): thousands of CAPL files that depend on each other as test benches
 * do. Same arguments → same files, byte for byte; the first N files of a larger workspace
 * are the workspace of N files.
 *
 * The workspace is a row of test benches, ten files each (folder `Bench<b>/`):
 * - `Common/Ids.cin`: named constants and lookup arrays of message IDs;
 * - `Common/Guards.cin` (includes Ids.cin): helpers that forward an ID to
 *   `EVSE_B<b>.SetMessageTimeout` (`Guard<b>_Start(dword msgId, dword timeoutMs)`) or pass
 *   each element of an array of IDs on to it;
 * - `Common/Hmi.cin`: a helper that compares the ID it is given with constants;
 * - `Common/ScLib.cin`: the same shared library in every bench, as projects copy one;
 * - six nodes `Nodes/*.can` including them: the first publishes the ID it receives in the
 *   system variable `Bench<b>::Evse::LastRxMessageId`, the others read it (`on sysvar`,
 *   `@sysvar::`); all arm timeouts through the helpers with literal IDs and arrays.
 * Then each file is filled up to its size with the stations of bench/generateCapl.ts (nodes)
 * or helper procedures without IDs (includes). The sizes follow Vector's public sample
 * configurations (median ~5 kB, average ~24 kB, a few files of several 100 kB), spread over
 * every block of BLOCK_FILES files alike. Windows-1252, CRLF, `/*@!Encoding:1252*\/`.
 *
 * Usage as a script: `tsx bench/generateWorkspace.ts <files> <folder> [seed]`.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { CCS_RES, commented, literal, Random, StationWriter, stationOf, TIMER_MS } from './generateCapl';

export interface WorkspaceFile {
  /** Relative to the workspace folder, with forward slashes. */
  readonly path: string;
  readonly text: string;
}

const NODE_ROLES = ['EvseControl', 'Monitor', 'TestSequence', 'Panel', 'Logger', 'FaultInjection'] as const;
/** Files whose sizes are spread over the whole distribution by default: every block has the same mix. */
export const BLOCK_FILES = 1000;
/** ISO 15118-2 SessionStop Res, the constant every bench names. */
const SESSION_STOP_RES = 219;

/**
 * Quantiles of the file sizes (bytes) of Vector's public sample configurations
 * (github.com/sebastianwilczek/CANoe-Configurations, 1,002 .can/.cin files, 24 kB on average),
 * interpolated in log space.
 */
const SIZE_QUANTILES: readonly (readonly [number, number])[] = [
  [0, 200], [0.1, 660], [0.5, 4_800], [0.7, 12_200], [0.8, 22_500], [0.9, 66_000], [0.95, 108_000], [0.98, 184_000], [0.995, 419_000], [1, 512_000],
];

function sizeAt(quantile: number): number {
  for (let i = 1; i < SIZE_QUANTILES.length; i++) {
    const [q1, s1] = SIZE_QUANTILES[i];
    if (quantile > q1) continue;
    const [q0, s0] = SIZE_QUANTILES[i - 1];
    return Math.round(s0 * (s1 / s0) ** ((quantile - q0) / (q1 - q0)));
  }
  return SIZE_QUANTILES[SIZE_QUANTILES.length - 1][1];
}

/** The target size of every file: each block of `block` files draws one size per quantile slot, in random order. */
function targetSizes(files: number, block: number, random: Random): number[] {
  const sizes: number[] = [];
  while (sizes.length < files) {
    const slots = Array.from({ length: block }, (_, i) => i);
    for (let i = block - 1; i > 0; i--) {
      const j = random.int(0, i);
      [slots[i], slots[j]] = [slots[j], slots[i]];
    }
    for (const slot of slots) sizes.push(sizeAt((slot + random.next()) / block));
  }
  return sizes;
}

/** A CAPL file under construction: its sections grow apart and are joined at the end. */
class CaplFile {
  private readonly includes: string[] = [];
  readonly globals: string[] = [];
  readonly body: string[] = [];
  private bytes = 0;

  constructor(private readonly head: readonly string[]) {
    this.bytes = this.measure(head);
  }

  get size(): number {
    return this.bytes;
  }

  include(path: string): void {
    this.includes.push(`  #include "${path}"`);
    this.bytes += this.measure([this.includes[this.includes.length - 1]]);
  }

  addGlobals(lines: readonly string[]): void {
    this.globals.push(...lines);
    this.bytes += this.measure(lines);
  }

  addProcedure(lines: readonly string[]): void {
    this.body.push(...lines, '');
    this.bytes += this.measure(lines) + 2;
  }

  text(): string {
    const includes = this.includes.length > 0 ? ['includes', '{', ...this.includes, '}', ''] : [];
    const variables = this.globals.length > 0 ? ['variables', '{', ...this.globals, '}', ''] : [];
    return [...this.head, '', ...includes, ...variables, ...this.body].join('\r\n');
  }

  private measure(lines: readonly string[]): number {
    return lines.reduce((sum, line) => sum + line.length + 2, 0);
  }
}

function header(name: string, what: string): string[] {
  return ['/*@!Encoding:1252*/', `// ${name} - ${what}`, '// Generated benchmark workspace (bench/generateWorkspace.ts). Max. Kabeltemperatur 90 °C.'];
}

/** One test bench: its includes and nodes, before they are filled up to their sizes. */
class BenchWriter {
  private readonly object: string;
  private readonly sysvar: string;
  /** The responses of the charging loop, in the order the EVSE sends them (Ids.cin's lookup array). */
  private readonly loopIds: readonly (readonly [number, string])[];

  constructor(
    private readonly random: Random,
    private readonly b: number,
  ) {
    this.object = `EVSE_B${b}`;
    this.sysvar = `Bench${b}::Evse::LastRxMessageId`;
    this.loopIds = random.sample(CCS_RES, random.int(3, 6));
  }

  ids(): CaplFile {
    const r = this.random;
    const file = new CaplFile(header('Ids.cin', `message IDs of test bench ${this.b} (CCS binding, ISO 15118-2)`));
    const constants = r.sample(CCS_RES.filter(([id]) => id !== SESSION_STOP_RES), r.int(3, 8)).map(([id, name]) => commented(`  const dword k${name.replace(/\W/g, '')} = ${literal(r, id)};`, name));
    file.addGlobals([
      ...constants,
      `  const dword kSessionStopRes = ${SESSION_STOP_RES};`,
      '  // the responses of the charging loop, in the order the EVSE sends them',
      `  dword gChargeLoopIds[${this.loopIds.length}] = { ${this.loopIds.map(([id]) => literal(r, id)).join(', ')} };`,
      `  dword gChargeLoopTimeoutsMs[${this.loopIds.length}] = { ${this.loopIds.map(() => r.pick([2000, 5000, 40000])).join(', ')} };`,
    ]);
    return file;
  }

  guards(): CaplFile {
    const { b, object } = this;
    const file = new CaplFile(header('Guards.cin', `response timeouts of test bench ${b}`));
    file.include('Ids.cin');
    file.addGlobals([`  const dword kGuardDefaultMs = ${this.random.pick([2000, 5000, 10000])};`]);
    file.addProcedure([
      '// Arms the response timeout of one message; 2 = NoMatchingElementFound',
      `void Guard${b}_Start(dword msgId, dword timeoutMs)`,
      '{',
      `  if (${object}.SetMessageTimeout.Call(msgId, timeoutMs) == 2)`,
      '    write("guard: message %d is not part of this setup", msgId);',
      '}',
    ]);
    file.addProcedure([
      `void Guard${b}_StartAll(dword ids[], dword timeoutsMs[])`,
      '{',
      '  int i;',
      '  for (i = 0; i < elcount(ids); i++)',
      `    Guard${b}_Start(ids[i], timeoutsMs[i]);`,
      '}',
    ]);
    file.addProcedure([`int Guard${b}_IsSessionStop(dword msgId)`, '{', '  return msgId == kSessionStopRes;', '}']);
    return file;
  }

  hmi(): CaplFile {
    const { b, random: r } = this;
    const file = new CaplFile(header('Hmi.cin', `panel of test bench ${b}`));
    const body = [`void Hmi${b}_ShowRx(dword rxId)`, '{'];
    this.loopIds.forEach(([id, name], i) => body.push(commented(`  ${i === 0 ? 'if' : 'else if'} (rxId == ${literal(r, id)})`, name), `    @sysvar::Bench${b}::Hmi::Phase = ${i + 3};`));
    body.push(`  @sysvar::Bench${b}::Hmi::RxCount = @sysvar::Bench${b}::Hmi::RxCount + 1;`, '}');
    file.addProcedure(body);
    return file;
  }

  /** The shared library, the same text in every bench. */
  static library(): CaplFile {
    const file = new CaplFile(header('ScLib.cin', 'Smart Charging test library, shared by all test benches'));
    file.addProcedure([
      '// Logs the end of a session, whichever protocol generation ended it',
      'void ScLib_LogRx(dword msgId)',
      '{',
      '  switch (msgId)',
      '  {',
      '    case 113:                                  // DIN SessionStop Res',
      '    case 219:                                  // SessionStop Res',
      '    case 319:                                  // ISO20 SessionStop Res',
      '      write("session stopped (%d)", msgId);',
      '      break;',
      '  }',
      '}',
    ]);
    file.addProcedure(['// Non-zero for the IDs of the ISO 15118-2 range', 'int ScLib_IsIso2(dword msgId)', '{', '  return msgId >= 200 && msgId < 300;', '}']);
    return file;
  }

  node(role: (typeof NODE_ROLES)[number], index: number): CaplFile {
    const { b, object, sysvar, random: r } = this;
    const file = new CaplFile(header(`${role}.can`, `node ${index + 1} of test bench ${b}`));
    for (const include of ['Guards.cin', 'Hmi.cin', 'ScLib.cin']) file.include(`..\\Common\\${include}`);
    const [awaited, awaitedName] = r.pick(CCS_RES);
    file.addGlobals([commented(`  const dword kAwaited = ${literal(r, awaited)};`, awaitedName), '  msTimer tPoll;']);
    const [guarded, guardedName] = r.pick(CCS_RES);
    file.addProcedure([
      'on start',
      '{',
      commented(`  Guard${b}_Start(${literal(r, guarded)}, ${r.pick([2000, 3000, 5000])});`, guardedName),
      `  Guard${b}_StartAll(gChargeLoopIds, gChargeLoopTimeoutsMs);`,
      `  setTimer(tPoll, ${r.pick(TIMER_MS)});`,
      '}',
    ]);
    if (index === 0) {
      file.addProcedure([
        `on fct_called ${object}.OnLastReceivedMessageIdChanged`,
        '{',
        `  dword id = $${object}.OnLastReceivedMessageIdChanged.LatestCall.lastRxMessageId;`,
        '',
        commented(`  @sysvar::${sysvar} = id;`, 'published for the monitor and the panels'),
        '  ScLib_LogRx(id);',
        `  if (!Guard${b}_IsSessionStop(id))`,
        `    Guard${b}_Start(id, kGuardDefaultMs);`,
        '}',
      ]);
    } else {
      const cases = r.sample(CCS_RES, r.int(2, 5)).flatMap(([id, name]) => [commented(`    case ${literal(r, id)}:`, name), `      setTimer(tPoll, ${r.pick(TIMER_MS)});`, '      break;']);
      file.addProcedure([`on sysvar ${sysvar}`, '{', `  Hmi${b}_ShowRx(@this);`, '  switch (@this)', '  {', ...cases, '  }', '  if (@this == kAwaited)', '    cancelTimer(tPoll);', '}']);
    }
    const [polled, polledName] = r.pick(CCS_RES);
    file.addProcedure([
      'on timer tPoll',
      '{',
      commented(`  if (@sysvar::${sysvar} != ${literal(r, polled)})`, polledName, 80),
      `    setTimer(tPoll, ${r.pick(TIMER_MS)});`,
      '}',
    ]);
    return file;
  }

  files(): [string, CaplFile][] {
    return [
      ['Common/Ids.cin', this.ids()],
      ['Common/Guards.cin', this.guards()],
      ['Common/Hmi.cin', this.hmi()],
      ['Common/ScLib.cin', BenchWriter.library()],
      ...NODE_ROLES.map((role, i): [string, CaplFile] => [`Nodes/${role}.can`, this.node(role, i)]),
    ];
  }
}

/** Fills a node with whole stations, procedure by procedure, and an include with helpers, until it has `size` bytes. */
function fill(file: CaplFile, size: number, isNode: boolean, random: Random, nextStation: () => number): void {
  while (file.size < size) {
    const writer = new StationWriter(random, stationOf(nextStation(), random));
    file.addGlobals(writer.globals());
    const procedures = isNode ? writer.procedures() : [writer.helper(), writer.helper(), writer.helper()];
    for (const procedure of procedures) {
      if (file.size >= size) break;
      file.addProcedure(procedure);
    }
  }
}

/**
 * The first `count` files of the workspace of `seed` whose sizes are mixed alike in every
 * `block` files: with the same seed and block, a smaller workspace is the start of a larger one.
 */
export function generateWorkspace(count: number, seed = 1, block = BLOCK_FILES): WorkspaceFile[] {
  const random = new Random(seed);
  const sizes = targetSizes(count, block, new Random(seed ^ 0x5eed));
  let stations = 0;
  const files: WorkspaceFile[] = [];
  for (let b = 0; files.length < count; b++) {
    for (const [path, file] of new BenchWriter(random, b).files()) {
      if (files.length === count) break;
      fill(file, sizes[files.length], path.endsWith('.can'), random, () => ++stations);
      files.push({ path: `Bench${b}/${path}`, text: file.text() });
    }
  }
  return files;
}

/** Writes the files under `folder` in Windows-1252, as CANoe does (the text is Latin-1 only); returns their total size in bytes. */
export function writeWorkspace(folder: string, files: readonly WorkspaceFile[]): number {
  let bytes = 0;
  for (const file of files) {
    const path = join(folder, file.path);
    mkdirSync(dirname(path), { recursive: true });
    const encoded = Buffer.from(file.text, 'latin1');
    writeFileSync(path, encoded);
    bytes += encoded.length;
  }
  return bytes;
}

if (process.argv[1] && /generateWorkspace\.[cm]?[jt]s$/.test(process.argv[1])) {
  const [count, folder, seed] = process.argv.slice(2);
  if (!count || !folder) throw new Error('usage: tsx bench/generateWorkspace.ts <files> <folder> [seed]');
  const bytes = writeWorkspace(folder, generateWorkspace(Number(count), Number(seed ?? 1)));
  process.stdout.write(`${count} files, ${(bytes / 1e6).toFixed(1)} MB in ${folder}\n`);
}
