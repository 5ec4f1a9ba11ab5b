/**
 * `npm run fuzz`: the fuzz suite (test/fuzz) with many more cases than the bounded CI run.
 *
 *   FUZZ_RUNS=<n>   cases of a property that runs 100 in CI (default here 2000, i.e. 20×)
 *   FUZZ_SEED=<n>   replay a run (fast-check prints the seed and path of a failure)
 *   extra arguments go to mocha, e.g. `npm run fuzz -- --grep "token soup"`
 *
 * At the end it prints the number of cases run, the largest input and the slowest single
 * request (test/fuzz/support.ts), and with FUZZ_VERBOSE=1 the time per request kind.
 */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

const root = join(__dirname, '..');
const runs = process.env.FUZZ_RUNS ?? '2000';
const started = Date.now();
process.stdout.write(`capl-ids fuzz: FUZZ_RUNS=${runs}${process.env.FUZZ_SEED ? `, FUZZ_SEED=${process.env.FUZZ_SEED}` : ''}\n`);

const mocha = spawnSync(
  process.execPath,
  [
    require.resolve('mocha/bin/mocha.js'),
    '--no-config',
    '--require', 'tsx/cjs',
    '--reporter', './test/support/summaryReporter.js',
    '--timeout', '0',
    'test/fuzz/**/*.test.ts',
    ...process.argv.slice(2),
  ],
  { cwd: root, stdio: 'inherit', env: { ...process.env, FUZZ_RUNS: runs } },
);

process.stdout.write(`capl-ids fuzz: ${((Date.now() - started) / 1000).toFixed(0)} s\n`);
process.exitCode = mocha.status ?? 1;
