// The custom messages between the VS Code client and the language server, declared once for
// both sides (and any other editor that wants them): method and command names, their
// parameters and results. Types and names only, so that the service and the CLI, which
// never talk JSON-RPC, can import it without bundling the protocol library.
import type { Location, Range, TextDocumentIdentifier } from 'vscode-languageserver-types';
import type { TableKey } from '../server/src/service/catalogue/types';
import type { NodeRole } from '../server/src/service/settings';
import type { CoverageReport } from '../server/src/service/features/coverage';

export type { CoverageReport };

/** Request: the table context the server detected for a document (the status bar shows it). */
export const FILE_CONTEXT_REQUEST = 'capl-ids/fileContext';

export interface FileContextParams {
  readonly textDocument: TextDocumentIdentifier;
}

/** The answer to FILE_CONTEXT_REQUEST; null for a document the server does not have open. */
export interface FileContext {
  /** The tables of the IDs whose table is decided, in catalogue order. */
  readonly tables: readonly TableKey[];
  readonly node?: NodeRole;
  /** Why the node role was chosen, or why none was. */
  readonly nodeReason: string;
  /** How many ID literals stay ambiguous. */
  readonly ambiguous: number;
}

/** A catalogue entry on the wire: its table and its ID. */
export interface EntryKey {
  readonly table: TableKey;
  readonly id: number;
}

/**
 * Request: where a document uses a catalogue entry, in text order: the ID literals judged to
 * be that entry (also as one candidate of an ambiguous literal) and its constant's name in
 * code. Empty for a document the server does not have open.
 */
export const ENTRY_USES_REQUEST = 'capl-ids/entryUses';

export interface EntryUsesParams {
  readonly textDocument: TextDocumentIdentifier;
  readonly entry: EntryKey;
}

export type EntryUses = Range[];

/**
 * Command (workspace/executeCommand) that writes the constants include file, with the
 * arguments GenerateConstantsArguments: a CAPL document of the workspace the file is for, and
 * the file to write (default: the workspace's generated file, else SmartChargingMessageIds.cin
 * in the first workspace folder). The server never replaces a file it did not generate, and
 * shows its errors itself.
 */
export const GENERATE_CONSTANTS_COMMAND = 'capl-ids.generateConstantsFile';

export type GenerateConstantsArguments = [documentUri?: string, targetUri?: string];

export interface GenerateConstantsResult {
  readonly uri?: string;
  readonly error?: string;
}

/** A catalogue entry and how many places of the workspace use it (its definitions not counted). */
export interface EntryUseCount extends EntryKey {
  readonly uses: number;
}

/** Request (no parameters): the use count of every entry the workspace uses, from the server's uses index. */
export const ENTRY_USE_COUNTS_REQUEST = 'capl-ids/entryUseCounts';

export type EntryUseCounts = EntryUseCount[];

/** Request: every place of the workspace that means a catalogue entry, as Find All References lists them. */
export const ENTRY_REFERENCES_REQUEST = 'capl-ids/entryReferences';

export interface EntryReferencesParams {
  readonly entry: EntryKey;
}

export type EntryReferences = Location[];

/** Request: the protocol coverage of the workspace, as `capl-ids coverage` computes it (the tables it uses, or `table`). */
export const COVERAGE_REQUEST = 'capl-ids/coverage';

export interface CoverageParams {
  readonly table?: TableKey;
}
