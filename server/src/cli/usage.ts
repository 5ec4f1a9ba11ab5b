import { parseArgs } from 'node:util';
import { TABLES } from '../service';
import { CHECK_FORMATS } from './checkReport';
import { COVERAGE_FORMATS } from './coverage';
import { CliError } from './errors';

// The CLI's commands and options: what the parser accepts and what `--help` prints.
const OPTIONS = {
  table: { type: 'string', shape: '--table T', help: `one of: ${TABLES.join(', ')}` },
  json: { type: 'boolean', shape: '--json', help: 'machine-readable output' },
  settings: { type: 'string', shape: '--settings F', help: 'a JSON settings file (README "Settings")' },
  format: { type: 'string', shape: '--format F', help: `check: ${CHECK_FORMATS.join(', ')}; coverage: ${COVERAGE_FORMATS.join(', ')} (default text)` },
  fix: { type: 'boolean', shape: '--fix', help: 'write the preferred fixes back (same encoding, BOM and line ends)' },
  'max-warnings': { type: 'string', shape: '--max-warnings N', help: 'exit 1 when there are more than N warnings' },
  'min-coverage': { type: 'string', shape: '--min-coverage N', help: 'exit 1 when fewer than N percent of the messages are handled' },
  quiet: { type: 'boolean', shape: '--quiet', help: 'errors only: no warnings, infos or hints, nor counted' },
  stdin: { type: 'boolean', shape: '--stdin', help: 'check the text on standard input instead of files' },
  'stdin-filename': { type: 'string', shape: '--stdin-filename F', help: 'report standard input as file F (its name and folder matter: node role, includes)' },
  output: { type: 'string', shape: '--output F', help: 'write the output to F instead of standard output' },
  out: { type: 'string', shape: '--out F', help: 'the file to write (default SmartChargingMessageIds.cin)' },
  force: { type: 'boolean', shape: '--force', help: 'replace a file that capl-ids did not generate' },
  help: { type: 'boolean', short: 'h', shape: '-h, --help', help: 'show this help' },
  version: { type: 'boolean', short: 'v', shape: '-v, --version', help: 'show the version' },
} as const;

type OptionName = keyof typeof OPTIONS;

export type CommandName = 'table' | 'lookup' | 'explain' | 'check' | 'uses' | 'coverage' | 'constants';

interface CommandUsage {
  readonly synopsis: string;
  readonly description: string;
  readonly options: readonly OptionName[];
  readonly exitCodes: string;
}

const COMMANDS: Record<CommandName, CommandUsage> = {
  table: {
    synopsis: 'capl-ids table [--table T] [--json] [--output F]',
    description: 'Print the catalogue (every ID of the five tables).',
    options: ['table', 'json', 'output'],
    exitCodes: '0 printed; 2 bad arguments',
  },
  lookup: {
    synopsis: 'capl-ids lookup <number|name|constant> [--table T] [--json] [--output F]',
    description: 'Find entries by number (decimal or 0x hex), name or named constant.',
    options: ['table', 'json', 'output'],
    exitCodes: '0 found; 1 nothing matches; 2 bad arguments',
  },
  explain: {
    synopsis: 'capl-ids explain <files or folders...> [--settings F] [--json] [--output F]',
    description: 'List every literal judged to be a message ID, with its table, entry and reason.\n' +
      'Folders are searched for .can and .cin files; all files are analysed together.',
    options: ['settings', 'json', 'output'],
    exitCodes: '0 explained; 2 bad arguments or unreadable input',
  },
  check: {
    synopsis: 'capl-ids check <files or folders...> [--format F] [--output F] [--fix] [--quiet]\n' +
      '               [--max-warnings N] [--settings F]\n' +
      'capl-ids check --stdin [--stdin-filename F] [--format F] [--output F] [--quiet] ...',
    description: "Report the editor's diagnostics: text (file:line:col: severity code message), json,\n" +
      'sarif (SARIF 2.1.0), codeclimate (GitLab Code Quality) or github (workflow annotations).',
    options: ['format', 'output', 'fix', 'quiet', 'max-warnings', 'settings', 'stdin', 'stdin-filename'],
    exitCodes: '0 no errors and at most N warnings; 1 errors or more than N warnings;\n  2 bad arguments or unreadable input (in every format)',
  },
  uses: {
    synopsis: 'capl-ids uses <number|name|constant> [files or folders...] [--table T] [--settings F] [--json] [--output F]',
    description: 'Every place the files (default: the working folder) use the entries the query names, as a\n' +
      'number, a catalogue constant or a constant or enum member of their own: file:line:col, how\n' +
      '(compared, switched, sent, timed-out, other, declared), and "ambiguous" where the table is open.',
    options: ['table', 'settings', 'json', 'output'],
    exitCodes: '0 used; 1 no entry matches or none is used; 2 bad arguments or unreadable input',
  },
  coverage: {
    synopsis: 'capl-ids coverage [files or folders...] [--table T] [--format F] [--min-coverage N] [--settings F] [--output F]',
    description: 'Which messages of each table and group the files (default: the working folder) handle —\n' +
      'compared, switched on, sent, timed out — with counts, Req/Res side by side, and the pairs\n' +
      'one side of which is handled but never the other. Tables: --table, else those the files use.\n' +
      'Formats: text, json, markdown (a GitHub job summary).',
    options: ['table', 'format', 'min-coverage', 'settings', 'output'],
    exitCodes: '0 reported (and at least N percent handled); 1 fewer than N percent handled;\n  2 bad arguments or unreadable input',
  },
  constants: {
    synopsis: 'capl-ids constants [--out F] [--force]',
    description: 'Write the generated constants include; a file not generated by capl-ids is only\nreplaced with --force.',
    options: ['out', 'force'],
    exitCodes: '0 written; 2 bad arguments or the file cannot be written',
  },
};

const COMMAND_NAMES = Object.keys(COMMANDS) as CommandName[];

export function isCommandName(name: string): name is CommandName {
  return (COMMAND_NAMES as string[]).includes(name);
}

export function overviewHelp(): string {
  return [
    'capl-ids — CANoe Smart Charging message IDs in CAPL code',
    '',
    'Usage:',
    ...COMMAND_NAMES.flatMap((name) => [indent(COMMANDS[name].synopsis, '  '), indent(COMMANDS[name].description, '      ')]),
    '',
    'Run `capl-ids <command> --help` for the options of one command.',
    '',
    'Options:',
    ...optionLines(['help', 'version']),
    '',
    'Exit codes: 0 success; 1 nothing found (lookup, uses), errors or too many warnings (check),',
    'too little coverage (coverage);',
    '2 bad arguments or unreadable input.',
  ].join('\n');
}

export function commandHelp(name: CommandName): string {
  const usage = COMMANDS[name];
  return [
    'Usage:',
    indent(usage.synopsis, '  '),
    '',
    usage.description,
    '',
    'Options:',
    ...optionLines([...usage.options, 'help']),
    '',
    `Exit codes: ${usage.exitCodes}.`,
  ].join('\n');
}

function optionLines(names: readonly OptionName[]): string[] {
  const width = Math.max(...names.map((name) => OPTIONS[name].shape.length));
  return names.map((name) => `  ${OPTIONS[name].shape.padEnd(width)}  ${OPTIONS[name].help}`);
}

function indent(text: string, prefix: string): string {
  return text.split('\n').map((line) => prefix + line).join('\n');
}

export type ParsedOptions = ReturnType<typeof parseOptions>['values'];

function parseOptions(argv: readonly string[]) {
  return parseArgs({ args: [...argv], allowPositionals: true, options: OPTIONS });
}

/** The arguments, refusing options that are unknown or that belong to another command. */
export function parseArguments(argv: readonly string[]): { values: ParsedOptions; positionals: string[] } {
  let parsed: ReturnType<typeof parseOptions>;
  try {
    parsed = parseOptions(argv);
  } catch (error) {
    throw new CliError(error instanceof Error ? error.message : String(error));
  }
  const command = parsed.positionals[0];
  if (command !== undefined && isCommandName(command)) {
    const allowed = new Set<string>([...COMMANDS[command].options, 'help', 'version']);
    const foreign = Object.keys(parsed.values).filter((option) => !allowed.has(option));
    if (foreign.length > 0) throw new CliError(`${command} has no option --${foreign[0]} (see capl-ids ${command} --help)`);
  }
  return parsed;
}
