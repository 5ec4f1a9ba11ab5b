#!/usr/bin/env node
import { readFileSync } from 'node:fs';
import { DiagnosticSeverity } from 'vscode-languageserver-types';
import { CONSTANTS_FILE_NAME, DEFAULT_SETTINGS, isTableKey, protocolCoverage, readSettings, TABLES, type Settings, type TableKey } from '../service';
import { writeFileAtomically } from '../atomicWrite';
import { findEntries, lookupCommand, tableCommand } from './catalogueCommands';
import { coveragePercent, readCoverageFormat, renderCoverage } from './coverage';
import { findUses, renderUses, workspaceUses } from './uses';
import { checkExitCode, checkFiles, type CheckedFile } from './check';
import { CHECK_FORMATS, checkReport, isCheckFormat, type CheckFormat } from './checkReport';
import { paintFor, plain, type Paint } from './colour';
import { writeConstantsFile } from './constants';
import { CliError } from './errors';
import { explainFiles, renderExplanations } from './explain';
import { collectCaplFiles, describe, fileSource, stdinSource, type CaplSource } from './files';
import { commandHelp, isCommandName, overviewHelp, parseArguments, type CommandName, type ParsedOptions } from './usage';

/** What the CLI gets from its process: kept apart so that main() says what it does with them. */
export interface Terminal {
  /** Colour for standard output, when it is a terminal that wants it. */
  readonly paint: Paint;
  readonly readStdin: () => Uint8Array;
}

interface Result {
  readonly output: string;
  readonly exitCode: number;
}

export async function main(argv: readonly string[], terminal: Terminal): Promise<Result> {
  const { values, positionals } = parseArguments(argv);
  if (values.version) return { output: VERSION, exitCode: 0 };
  const [command, ...rest] = positionals;
  if (command === undefined) return { output: overviewHelp(), exitCode: values.help ? 0 : 2 };
  if (command === 'help') return { output: rest.length === 0 ? overviewHelp() : commandHelp(knownCommand(rest[0])), exitCode: 0 };
  if (values.help) return { output: commandHelp(knownCommand(command)), exitCode: 0 };
  const toFile = values.output !== undefined;
  const result = await runCommand(knownCommand(command), rest, values, { ...terminal, paint: toFile ? plain : terminal.paint });
  if (values.output === undefined) return result;
  try {
    writeFileAtomically(values.output, Buffer.from(asLines(result.output)));
  } catch (error) {
    throw new CliError(`cannot write ${values.output}: ${describe(error)}`);
  }
  return { output: '', exitCode: result.exitCode };
}

async function runCommand(command: CommandName, rest: readonly string[], values: ParsedOptions, terminal: Terminal): Promise<Result> {
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
      const files = await collectCaplFiles(rest);
      return { output: renderExplanations(explainFiles(files, readSettingsFile(values.settings)), files.length, json), exitCode: 0 };
    }
    case 'check': {
      const format = readFormat(values.format);
      const maxWarnings = readCount(values['max-warnings']);
      const settings = readSettingsFile(values.settings);
      const report = checkReport(format, VERSION, terminal.paint);
      checkFiles(await checkInputs(rest, values, terminal), settings, values.fix === true, (checked) => report.add(values.quiet ? errorsOnly(checked) : checked));
      const { output, summary } = report.finish();
      return { output, exitCode: checkExitCode(summary, maxWarnings) };
    }
    case 'uses': {
      const [query, ...paths] = rest;
      if (query === undefined) throw new CliError('uses needs a number, name or constant');
      const entries = findEntries(query, table);
      if (entries.length === 0) return { output: json ? '[]' : `no entry matches "${query}"`, exitCode: 1 };
      const { uses } = workspaceUses(await collectCaplFiles(orWorkingFolder(paths)), readSettingsFile(values.settings));
      const found = findUses(uses, entries);
      return { output: renderUses(found, entries, json), exitCode: found.length > 0 ? 0 : 1 };
    }
    case 'coverage': {
      const format = readCoverageFormat(values.format);
      const minimum = readNumber('--min-coverage', values['min-coverage']);
      const { uses } = workspaceUses(await collectCaplFiles(orWorkingFolder(rest)), readSettingsFile(values.settings));
      const report = protocolCoverage(uses, table);
      return { output: renderCoverage(report, format), exitCode: minimum !== undefined && coveragePercent(report) < minimum ? 1 : 0 };
    }
    case 'constants':
      expectNoArguments(command, rest);
      return { output: writeConstantsFile(values.out ?? CONSTANTS_FILE_NAME, values.force === true), exitCode: 0 };
  }
}

declare const CAPL_IDS_VERSION: string | undefined;
const VERSION = typeof CAPL_IDS_VERSION === 'string' ? CAPL_IDS_VERSION : 'development';

function knownCommand(name: string): CommandName {
  if (!isCommandName(name)) throw new CliError(`unknown command "${name}" (try --help)`);
  return name;
}

async function checkInputs(rest: readonly string[], values: ParsedOptions, terminal: Terminal): Promise<CaplSource[]> {
  if (!values.stdin) {
    if (values['stdin-filename'] !== undefined) throw new CliError('--stdin-filename needs --stdin');
    return (await collectCaplFiles(rest)).map(fileSource);
  }
  if (rest.length > 0) throw new CliError(`check --stdin takes no files or folders, got "${rest.join(' ')}"`);
  if (values.fix) throw new CliError('--fix writes files; it cannot be used with --stdin');
  let bytes: Uint8Array;
  try {
    bytes = terminal.readStdin();
  } catch (error) {
    throw new CliError(`cannot read standard input: ${describe(error)}`);
  }
  return [stdinSource(bytes, values['stdin-filename'])];
}

function errorsOnly(checked: CheckedFile): CheckedFile {
  return { ...checked, diagnostics: checked.diagnostics.filter((diagnostic) => diagnostic.severity === DiagnosticSeverity.Error) };
}

function readTable(value: string | undefined): TableKey | undefined {
  if (value === undefined) return undefined;
  if (!isTableKey(value)) throw new CliError(`unknown table "${value}"; expected one of: ${TABLES.join(', ')}`);
  return value;
}

function readFormat(value: string | undefined): CheckFormat {
  if (value === undefined) return 'text';
  if (!isCheckFormat(value)) throw new CliError(`unknown format "${value}"; expected one of: ${CHECK_FORMATS.join(', ')}`);
  return value;
}

function readCount(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  if (!/^\d+$/.test(value)) throw new CliError(`--max-warnings needs a whole number, got "${value}"`);
  return Number(value);
}

function readNumber(option: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  if (!/^\d+(\.\d+)?$/.test(value)) throw new CliError(`${option} needs a number, got "${value}"`);
  return Number(value);
}

function orWorkingFolder(paths: readonly string[]): readonly string[] {
  return paths.length > 0 ? paths : ['.'];
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

function asLines(output: string): string {
  return output.length > 0 ? `${output}\n` : '';
}

if (require.main === module) {
  const terminal: Terminal = { paint: paintFor(process.stdout, process.env), readStdin: () => readFileSync(0) };
  main(process.argv.slice(2), terminal).then(
    ({ output, exitCode }) => {
      process.stdout.write(asLines(output));
      process.exitCode = exitCode;
    },
    (error: unknown) => {
      if (error instanceof CliError) {
        process.stderr.write(`capl-ids: ${error.message}\n`);
        process.exitCode = error.exitCode;
      } else {
        process.stderr.write(`capl-ids: internal error, please report it: ${error instanceof Error ? error.stack : String(error)}\n`);
        process.exitCode = 3;
      }
    },
  );
}
