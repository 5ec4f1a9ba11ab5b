/**
 * The memory floor of the bench's editor session: a language server on the same stack
 * (vscode-languageserver, its TextDocuments) that keeps the open documents and does nothing
 * else; its diagnostics are always none. Bundled and run like dist/server.js (see run.ts).
 */
import { createConnection, ProposedFeatures, TextDocuments, TextDocumentSyncKind } from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';

const connection = createConnection(ProposedFeatures.all);
const documents = new TextDocuments(TextDocument);

connection.onInitialize(() => ({
  capabilities: {
    textDocumentSync: TextDocumentSyncKind.Incremental,
    diagnosticProvider: { interFileDependencies: false, workspaceDiagnostics: false },
  },
}));
// what the bench waits for before it opens the files
connection.onInitialized(() => connection.console.log('indexed 0 CAPL files'));
connection.languages.diagnostics.on(() => ({ kind: 'full', items: [] }));

documents.listen(connection);
connection.listen();
