#!/usr/bin/env node
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { isTableKey, TABLES, type TableKey } from '../service/catalogue/types';
import { DEFAULT_SETTINGS, readSettings, type Settings } from '../service/settings';
import { lookupCommand, tableCommand } from './catalogueCommands';
import { CliError, } from './errors';
import { explainFiles, renderExplanations } from './explain';
import { collectCaplFiles, describe } from './files';

const HELP = `capl-ids — CANoe Smart Charging message IDs in CAPL code

Usage:
  capl-ids table [--table T] [--json]
      Print the catalogue (every ID of the five tables).
  capl-ids lookup <number|name|constant> [--table T] [--json]
      Find entries by number (decimal or 0x hex), name or named constant.
  capl-ids explain <files or folders...> [--settings F] [--json]
      List every literal judged to be a message ID, with its table, entry and reason.
      Folders are searched for .can and .cin files; all files are analysed together.

Options:
  --table T        one of: ${TABLES.join(', ')}
  --json           machine-readable output
  --settings F     a JSON settings file (README "Settings")
  -h, --help       show this help
  -v, --version    show the version

Exit codes: 0 success, 1 nothing found (lookup), 2 bad arguments or unreadable input.`;

export function main(argv: readonly string[]): { output: string; exitCode: number } {
  const { values, positionals } = parseArguments(argv);
  if (values.version) return { output: VERSION, exitCode: 0 };
  const [command, ...rest] = positionals;
  if (values.help || command === undefined || command === 'help') return { output: HELP, exitCode: command === undefined && !values.help ? 2 : 0 };
  const table = readTable(values.table);
  const json = values.json === true;
  switch (command) {
    case 'table':
      expectNoArguments(command, rest);
      return { output: tableCommand(table, json), exitCode: 0 };
    case 'lookup': {
      if (rest.length !== 1) throw new CliError('lookup needs exactly one number, name or constant');
      const { output, found } = lookupCommand(rest[0], table, json);
      return { output, exitCode: found ? 0 : 1 };
    }
    case 'explain': {
      const files = collectCaplFiles(rest);
      return { output: renderExplanations(explainFiles(files, readSettingsFile(values.settings)), files.length, json), exitCode: 0 };
    }
    default:
      throw new CliError(`unknown command "${command}" (try --help)`);
  }
}

declare const CAPL_IDS_VERSION: string | undefined;
const VERSION = typeof CAPL_IDS_VERSION === 'string' ? CAPL_IDS_VERSION : 'development';

function parseArguments(argv: readonly string[]) {
  try {
    return parseArgs({
      args: [...argv],
      allowPositionals: true,
      options: {
        table: { type: 'string' },
        json: { type: 'boolean' },
        settings: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
        version: { type: 'boolean', short: 'v' },
      },
    });
  } catch (error) {
    throw new CliError(error instanceof Error ? error.message : String(error));
  }
}

function readTable(value: string | undefined): TableKey | undefined {
  if (value === undefined) return undefined;
  if (!isTableKey(value)) throw new CliError(`unknown table "${value}"; expected one of: ${TABLES.join(', ')}`);
  return value;
}

function expectNoArguments(command: string, rest: readonly string[]): void {
  if (rest.length > 0) throw new CliError(`${command} takes no arguments, got "${rest.join(' ')}"`);
}

function readSettingsFile(path: string | undefined): Settings {
  if (path === undefined) return DEFAULT_SETTINGS;
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new CliError(`cannot read settings ${path}: ${error instanceof SyntaxError ? error.message : describe(error)}`);
  }
  const { settings, problems } = readSettings(raw);
  if (problems.length > 0) throw new CliError(`settings ${path}: ${problems.join('; ')}`);
  return settings;
}

if (require.main === module) {
  try {
    const { output, exitCode } = main(process.argv.slice(2));
    process.stdout.write(output + '\n');
    process.exitCode = exitCode;
  } catch (error) {
    if (!(error instanceof CliError)) throw error;
    process.stderr.write(`capl-ids: ${error.message}\n`);
    process.exitCode = error.exitCode;
  }
}
