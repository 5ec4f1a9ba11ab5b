/**
 * The language service's one public entry: the server, the CLI, the client and the bench
 * import this module and `shared/`, nothing else under `service/` (ESLint enforces it).
 *
 * Where each feature lives (all pure: no connection, no `vscode`):
 *
 * | feature                                  | module                                   |
 * |------------------------------------------|------------------------------------------|
 * | the facade: sync and every request       | languageService.ts                       |
 * | hover                                    | features/hover.ts                        |
 * | completion (ranked)                      | features/completion.ts, completionRank.ts |
 * | inlay hints                              | features/inlayHints.ts                   |
 * | diagnostics and their messages           | features/diagnostics.ts, problems.ts     |
 * | pull-diagnostics reports (`unchanged`)   | features/diagnosticReports.ts            |
 * | duplicate constants                      | features/duplicateConstants.ts           |
 * | quick fixes, fix-all, source actions     | features/codeActions.ts, visibility.ts   |
 * | document symbols                         | features/symbols.ts                      |
 * | go to definition                         | features/definition.ts                   |
 * | uses of an entry (the panel)             | features/entryUses.ts                    |
 * | references, document highlight           | features/references.ts                   |
 * | the same on a name that holds IDs         | features/carrierReferences.ts, syntax/scopes.ts |
 * | rename                                   | features/rename.ts                       |
 * | workspace symbols                        | features/workspaceSymbols.ts             |
 * | protocol coverage (`capl-ids coverage`)  | features/coverage.ts                     |
 * | every use of every entry                 | features/usesIndex.ts                    |
 * | the workspace: files, includes, inference | workspace/workspaceIndex.ts             |
 * | which literals are IDs, which table, why | analysis/ (summarize → inference → judge; docs/context-rules.md) |
 * | CAPL scanner, outline, incremental parse | syntax/                                  |
 * | the catalogue: tables, entries, search   | catalogue/                               |
 * | settings                                 | settings.ts                              |
 * | the generated constants include          | constantsFile.ts                         |
 *
 * Layers, lowest first; a module imports only from its own layer and lower ones:
 * text → catalogue (with settings.ts, constantsFile.ts) → syntax → analysis → workspace → features → languageService.ts.
 */

// The facade.
export { CaplLanguageService, createLanguageService, type LanguageServiceOptions } from './languageService';
export type { DiagnosticReport } from './features/diagnosticReports';
export type { TextChange } from './syntax/reparse';
export { composeChanges } from './syntax/reparse';

// Settings.
export { DEFAULT_SETTINGS, readSettings, type NodeRole, type Settings } from './settings';

// The catalogue.
export { catalogue, hexId, looseName } from './catalogue/catalogue';
export { CatalogueSearch } from './catalogue/search';
export { splitWords } from './catalogue/constantName';
export { entryLabel, entryPlace, isTableKey, TABLES, TABLE_TITLES, type CatalogueEntry, type TableKey } from './catalogue/types';
export { integerValue } from './syntax/scanner';

// What a literal judged to be an ID is (`capl-ids explain`).
export type { FileAnalysis, IdLiteral } from './analysis/types';

// Uses of the entries (`capl-ids uses`, `capl-ids coverage`) and rename's refusals.
export type { EntryUse, UsesIndex } from './features/usesIndex';
export { HANDLING_KINDS, protocolCoverage, type CoverageReport, type EntryCoverage } from './features/coverage';
export type { RenameRefusal } from './features/rename';

// Diagnostics and code actions as the CLI's reports and the server's capabilities name them.
export { DIAGNOSTIC_CODES, type DiagnosticCode } from './features/diagnosticCodes';
export { DIAGNOSTICS_URL, README_URL, SOURCE } from './features/diagnostics';
export { FIX_ALL_KIND, GENERATE_CONSTANTS_KIND } from './features/codeActions';

// The generated constants include.
export { CONSTANTS_FILE_NAME, isGeneratedConstantsFile, renderConstantsFile } from './constantsFile';
export { resolveInclude } from './text/uris';

// Text positions (the bench).
export { LineIndex } from './text/lineIndex';

// One file alone, outside any workspace: what the bench measures.
export { analyzeFile } from './analysis/analyzeFile';
export { parseCapl } from './syntax/parse';
