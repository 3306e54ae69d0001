// The benchmark's control: a language server that does no work. It answers every completion at once
// with the same 100 table items (the size of Schemawise's answer for a FROM on 5,000 tables) and
// ignores everything else. Measured with the same client and requests, its latency is what the
// transport and this machine cost before any server work: the floor under every row of the table.
const { createConnection, ProposedFeatures, TextDocumentSyncKind } = require('vscode-languageserver/node');

const connection = createConnection(ProposedFeatures.all);
const items = Array.from({ length: 100 }, (_, n) => {
  const table = `product_${String(n).padStart(4, '0')}`;
  return { label: table, kind: 7, detail: 'table in public', sortText: String(30000 + n), data: { kind: 'table', schema: 'public', table } };
});
connection.onInitialize(() => ({ capabilities: { textDocumentSync: TextDocumentSyncKind.Incremental, completionProvider: { triggerCharacters: ['.', ' '] } } }));
connection.onCompletion((p) => ({ isIncomplete: true, itemDefaults: { editRange: { start: p.position, end: p.position } }, items }));
connection.onDidOpenTextDocument(() => undefined);
connection.onDidChangeTextDocument(() => undefined);
connection.listen();
