/**
 * No request takes super-linear time. For each growing input (inputs.ts) the work for n and
 * for 4n is compared: linear work grows 4×, quadratic 16×; the limit is 6×.
 *
 * The measure is a count, not a time: workMeter.ts runs the requests in a child process under
 * V8's precise block coverage and counts every call and executed block of the service, which
 * is deterministic (no flakes on a loaded CI machine). Regular expressions run inside V8 and
 * are invisible to that count, so the inputs aimed at the service's regexes over unbounded
 * text are also timed here (best of several runs, which noise cannot make faster).
 */
import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { decodeCapl } from '../../server/src/files/caplEncoding';
import { GROWING, SUPERLINEAR, SUPERLINEAR_REQUESTS } from './inputs';
import { bestOf, noteInput, serviceWith, timed } from './support';

const RATIO_LIMIT = 6;
const ROOT = join(__dirname, '..', '..');
const METER = join(__dirname, 'workMeter.ts');

interface Measured {
  readonly small: number;
  readonly large: number;
  readonly ratio: number;
  readonly chars: number;
}

type Request = 'all' | 'symbols' | 'codeActions';

/** Runs the meter in a child process (one for many inputs: its start-up is the costly part). */
function meter(names: readonly string[], n: number, request: Request): Record<string, Measured> {
  const child = spawnSync(process.execPath, ['--import', 'tsx', METER, JSON.stringify({ names, n, request })], {
    cwd: ROOT,
    encoding: 'utf8',
    maxBuffer: 16 * 1024 * 1024,
    timeout: 300000,
  });
  assert.equal(child.status, 0, `the work meter failed: ${child.error?.message ?? ''}\n${child.stderr}`);
  return JSON.parse(child.stdout) as Record<string, Measured>;
}

function assertLinear(name: string, measured: Measured | undefined): void {
  assert.ok(measured, `no measurement for "${name}"`);
  noteInput(`linearity: ${name}`, measured.chars);
  assert.ok(
    measured.ratio <= RATIO_LIMIT,
    `work grows ${measured.ratio.toFixed(1)}× for 4× the input (${measured.small} → ${measured.large} counted steps, ${measured.chars} characters): super-linear`,
  );
}

const N = 4;

describe('fuzz: no request takes super-linear time (counted work, n → 4n ≤ 6×)', function () {
  this.timeout(300000);
  let measured: Record<string, Measured> = {};

  before(() => {
    measured = meter(Object.keys(GROWING), N, 'all');
  });

  for (const name of Object.keys(GROWING)) {
    it(name, () => assertLinear(name, measured[name]));
  }

  // The inputs below once grew super-linearly (fixed product bugs); each is measured on its own.

  it('nested parentheses around an operand', () => {
    const name = 'nested parentheses around an operand';
    assertLinear(name, meter([name], N, 'all')[name]);
  });

  it('switch headers without bodies', () => {
    const name = 'switch headers without bodies';
    assertLinear(name, meter([name], N, 'all')[name]);
  });

  it('declarations opening blocks', () => {
    const name = 'declarations opening blocks';
    assertLinear(name, meter([name], N, 'all')[name]);
  });

  it('a table pin in every procedure', () => {
    const name = 'a table pin in every procedure';
    assertLinear(name, meter([name], N, 'all')[name]);
  });

  it('document symbols of many variables sections', () => {
    const name = 'document symbols of many variables sections';
    assertLinear(name, meter([name], N, 'symbols')[name]);
  });

  it('quick fixes for every diagnostic of a file', () => {
    const name = 'quick fixes for every diagnostic of a file';
    assertLinear(name, meter([name], N, 'codeActions')[name]);
  });

  it('the once super-linear inputs are all listed above', () => {
    assert.deepEqual(
      [...Object.keys(SUPERLINEAR), ...Object.keys(SUPERLINEAR_REQUESTS)].sort(),
      [
        'a table pin in every procedure', 'declarations opening blocks', 'document symbols of many variables sections',
        'nested parentheses around an operand', 'quick fixes for every diagnostic of a file', 'switch headers without bodies',
      ],
    );
  });
});

/**
 * The inputs that put unbounded text under the service's regular expressions: annotation
 * directives (annotations.ts), the encoding header and indentation of fix-all
 * (visibility.ts), the first-line search of decodeCapl, system variable paths
 * (normaliseSysvar), object names (splitWords). The CANoe enum path regex of hover.ts only
 * ever sees the 200 characters before the word, so it needs no timing.
 */
const REGEX_INPUTS: Readonly<Record<string, 'decode' | 'requests'>> = {
  'many comment closers after a directive word': 'requests',
  'a long capl-ids annotation line': 'requests',
  'an encoding header that does not match': 'requests',
  'an encoding header followed by blanks': 'requests',
  'a variables section of blank lines': 'requests',
  'the examples on one line': 'decode',
  'a long sysvar path': 'requests',
  'a long object name': 'requests',
};

/** Milliseconds for decode (and, for 'requests', every request that runs a regex) on a fresh service. */
function regexWork(text: string, what: string, kind: 'decode' | 'requests'): number {
  const start = performance.now();
  const bytes = Buffer.from(text, 'utf8');
  timed(`decodeCapl (${what})`, text.length, () => decodeCapl(bytes));
  if (kind === 'decode') return performance.now() - start;
  const service = serviceWith();
  const document = TextDocument.create('file:///c%3A/proj/EVSE/Node.can', 'capl', 1, text);
  service.updateDocument(document);
  timed(`diagnostics (${what})`, text.length, () => service.doValidation(document));
  timed(`fix all (${what})`, text.length, () => service.fixAllEdits(document));
  for (const offset of [0, text.length >> 1, Math.max(0, text.length - 5), text.length]) {
    timed(`hover (${what})`, text.length, () => service.doHover(document, document.positionAt(offset)));
    timed(`definition (${what})`, text.length, () => service.findDefinition(document, document.positionAt(offset)));
  }
  timed(`document symbols (${what})`, text.length, () => service.findDocumentSymbols(document));
  return performance.now() - start;
}

/**
 * Milliseconds per run of `work` (which returns its own time), run again until 25 ms have
 * passed: a decode of 250 KB takes a fraction of a millisecond, where one allocation or a
 * busy machine's scheduling would decide a single run's time.
 */
function perRun(work: () => number): number {
  let total = 0;
  let runs = 0;
  while (total < 25) {
    total += work();
    runs++;
  }
  return total / runs;
}

/** Time for 4× the input over time for the input, best of 3 each (after a GC), at ≈ 250 KB → 1 MB. */
function timeRatio(name: string, kind: 'decode' | 'requests'): { ratio: number; small: number; large: number } {
  const generate = GROWING[name];
  // Big enough that allocation thresholds and timer resolution do not dominate: below
  // ~100 KB V8's first large-object allocations alone can cost 10× more.
  const n = Math.max(1, Math.round((250000 / generate(8).length) * 8));
  const small = generate(n);
  const large = generate(4 * n);
  noteInput(`regex timing: ${name}`, large.length);
  const measure = () => {
    regexWork(small, name, kind); // warm-up
    return bestOf(3, () => perRun(() => regexWork(large, name, kind))) / Math.max(bestOf(3, () => perRun(() => regexWork(small, name, kind))), 0.01);
  };
  // Measured again only when over the limit: a loaded machine can slow one series down, a
  // catastrophic regex slows every one.
  let ratio = measure();
  if (ratio > RATIO_LIMIT) ratio = Math.min(ratio, measure());
  return { ratio, small: small.length, large: large.length };
}

describe('fuzz: no catastrophic regular expression (time, best of 3, n → 4n ≤ 6×)', function () {
  this.timeout(120000);
  for (const [name, kind] of Object.entries(REGEX_INPUTS)) {
    it(name, () => {
      const { ratio, small, large } = timeRatio(name, kind);
      assert.ok(ratio <= RATIO_LIMIT, `${name}: ${ratio.toFixed(1)}× the time for 4× the input (${small} → ${large} characters)`);
    });
  }

  it('a long include path', () => {
    const { ratio, small, large } = timeRatio('a long include path', 'requests');
    assert.ok(ratio <= RATIO_LIMIT, `a long include path: ${ratio.toFixed(1)}× the time for 4× the input (${small} → ${large} characters)`);
  });
});
