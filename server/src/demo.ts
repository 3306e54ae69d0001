// `npm run demo`: Schemawise end to end on the embedded sample database, with no database server.
// It starts the real language server over stdio (as an editor does), lets it load the sample
// database into in-process PostgreSQL (PGlite), then shows the schema and asks for completions and
// hovers the way VS Code or Neovim would.
import * as path from 'node:path';
import { AskDatabaseRequest, GetSchemaRequest, RunQueryRequest, SchemaChangedNotification, type SchemaStatus } from './protocol';
import { summarizeModel } from './engine/schema/summary';
import type { SchemaModel, TableInfo } from './engine/schema/model';
import { positionAt, spawnLanguageServer, type SpawnedServer } from './tools/lsp-stdio-client';
import { DocumentFormattingRequest, InlayHintRequest, PublishDiagnosticsNotification, type CompletionItem, type Diagnostic, type Hover, type InlayHint, type MarkupContent, type TextEdit } from 'vscode-languageserver-protocol';
import type { ResultSet } from './engine/execution/types';

const SERVER = path.join(__dirname, 'server.js');
const DOC = 'untitled:demo.sql';

function heading(text: string): void {
  console.log(`\n\x1b[1m${text}\x1b[0m`);
}

function hoverText(h: Hover | null): string {
  if (!h) return '(no hover)';
  const c = h.contents as MarkupContent | string;
  return (typeof c === 'string' ? c : c.value).trim();
}

/** The text with the edits applied (single-line input: edits are on line 0). */
function applyEdits(text: string, edits: TextEdit[]): string {
  let out = text;
  for (const e of [...edits].sort((a, b) => b.range.start.character - a.range.start.character)) out = out.slice(0, e.range.start.character) + e.newText + out.slice(e.range.end.character);
  return out;
}

/** The text with each inlay hint drawn in place, dimmed (as an editor shows them). */
function withHints(text: string, hints: InlayHint[]): string {
  const lines = text.split('\n');
  for (const h of [...hints].sort((a, b) => b.position.line - a.position.line || b.position.character - a.position.character)) {
    const label = typeof h.label === 'string' ? h.label : h.label.map((p) => p.value).join('');
    const shown = `\x1b[2m${h.paddingLeft ? ' ' : ''}${label}${h.paddingRight ? ' ' : ''}\x1b[0m`;
    const line = lines[h.position.line]!;
    lines[h.position.line] = line.slice(0, h.position.character) + shown + line.slice(h.position.character);
  }
  return lines.join('\n');
}

function showCompletion(sqlWithCursor: string, items: CompletionItem[], limit = 10): void {
  console.log(`  ${sqlWithCursor.replace('|', '\x1b[7m|\x1b[0m')}`);
  for (const item of items.slice(0, limit)) console.log(`    ${item.label.padEnd(28)} ${item.detail ?? ''}`);
  if (items.length > limit) console.log(`    … ${items.length - limit} more`);
}

async function ask(server: SpawnedServer, sqlWithCursor: string): Promise<CompletionItem[]> {
  const offset = sqlWithCursor.indexOf('|');
  const text = sqlWithCursor.replace('|', '');
  const uri = `${DOC}#${Math.random().toString(36).slice(2)}`;
  server.open(uri, text);
  const items = await server.completion(uri, positionAt(text, offset));
  return [...items].sort((a, b) => (a.sortText ?? a.label).localeCompare(b.sortText ?? b.label));
}

/** A table with an outgoing foreign key, so the demo can show a join. */
function pickJoin(model: SchemaModel): { from: TableInfo; to: TableInfo; fkCols: string[]; refCols: string[] } | undefined {
  for (const t of model.tables) {
    for (const fk of t.foreignKeys) {
      const to = model.tables.find((x) => x.schema === fk.refSchema && x.name === fk.refTable);
      if (to && to !== t) return { from: t, to, fkCols: fk.columns, refCols: fk.refColumns };
    }
  }
  return undefined;
}

function qualified(model: SchemaModel, t: TableInfo): string {
  return model.searchPath.includes(t.schema) ? t.name : `${t.schema}.${t.name}`;
}

async function main(): Promise<void> {
  const started = performance.now();
  let resolveSchema!: (s: SchemaStatus) => void;
  const schemaReady = new Promise<SchemaStatus>((r) => (resolveSchema = r));
  const server = await spawnLanguageServer(SERVER, ['--connection', 'pglite:sample'], {
    // The live schema (a per-user schema cache from an earlier run may announce itself first).
    beforeInitialize: (c) => c.onNotification(SchemaChangedNotification.type, (s) => {
      if (s.tableCount > 0 && !s.cached && !s.partial) resolveSchema(s);
    }),
  });
  try {
    const timeout = setTimeout(() => resolveSchema({ source: 'none', tableCount: 0 }), 60_000);
    const status = await schemaReady;
    clearTimeout(timeout);
    if (status.tableCount === 0) throw new Error(`the language server did not load the sample database.\n${server.stderr()}`);
    const model = await server.connection.sendRequest(GetSchemaRequest.type);
    if (!model) throw new Error('the language server returned no schema');

    heading(`Schemawise demo: the sample database "${model.database}" in embedded PostgreSQL (no server needed)`);
    console.log(summarizeModel(model));
    console.log(`  language server ready with the schema after ${(performance.now() - started).toFixed(0)} ms`);

    const join = pickJoin(model);
    if (!join) throw new Error('the sample database has no foreign keys to demonstrate');
    const a = join.from.name[0]!;
    const b = join.to.name[0] === a ? `${a}2` : join.to.name[0]!;
    const on = join.fkCols.map((c, i) => `${a}.${c} = ${b}.${join.refCols[i]}`).join(' AND ');

    heading('Completion: tables after FROM');
    showCompletion(`SELECT * FROM |`, await ask(server, `SELECT * FROM |`));

    heading(`Completion: columns of the alias "${a}" (${join.from.name})`);
    const colSql = `SELECT ${a}.| FROM ${qualified(model, join.from)} ${a}`;
    showCompletion(colSql, await ask(server, colSql));

    heading('Completion: columns of every table in scope, typed before FROM');
    const scopeSql = `SELECT | FROM ${qualified(model, join.from)} ${a} JOIN ${qualified(model, join.to)} ${b} ON ${on}`;
    showCompletion(scopeSql, await ask(server, scopeSql), 12);

    heading(`Hover: the column ${join.from.name}.${join.fkCols[0]}`);
    const hoverSql = `SELECT ${a}.${join.fkCols[0]} FROM ${qualified(model, join.from)} ${a}`;
    server.open(`${DOC}#hover-column`, hoverSql);
    console.log(indent(hoverText(await server.hover(`${DOC}#hover-column`, positionAt(hoverSql, hoverSql.indexOf('.') + 2)))));

    heading(`Hover: the table ${join.to.name}`);
    const tableSql = `SELECT * FROM ${qualified(model, join.to)}`;
    server.open(`${DOC}#hover-table`, tableSql);
    console.log(indent(hoverText(await server.hover(`${DOC}#hover-table`, positionAt(tableSql, tableSql.length - 1)))));

    heading('Diagnostics: the real PostgreSQL parser, schema checks and lint rules');
    const diagSql = `SELECT nmae FROM ${qualified(model, join.to)};\nDELETE FROM ${qualified(model, join.from)};\nSELECT * FROM ${qualified(model, join.from)} WHERE`;
    const diagnostics = waitForDiagnostics(server, `${DOC}#diagnostics`);
    server.open(`${DOC}#diagnostics`, diagSql);
    diagSql.split('\n').forEach((l) => console.log(`  ${l}`));
    for (const d of await diagnostics) console.log(`    line ${d.range.start.line + 1}:${d.range.start.character + 1}  ${String(d.code).padEnd(22)} ${d.message}`);

    heading('Formatting (sql-formatter; a statement is replaced only when it parses to the same tree)');
    const messy = `select ${join.fkCols.map((c) => `l.${c}`).join(',')},count(*) from ${qualified(model, join.from)} l join ${qualified(model, join.to)} r on r.${join.refCols[0]}=l.${join.fkCols[0]} group by ${join.fkCols.map((_, i) => i + 1).join(',')};`;
    server.open(`${DOC}#format`, messy);
    console.log(`  ${messy}\n  →`);
    const edits = (await server.connection.sendRequest(DocumentFormattingRequest.type, { textDocument: { uri: `${DOC}#format` }, options: { tabSize: 2, insertSpaces: true } })) ?? [];
    console.log(indent(applyEdits(messy, edits)));

    heading('Inlay hints: the column before each INSERT value, the columns behind SELECT *');
    const columns = join.to.columns.slice(0, 3);
    const hinted = `INSERT INTO ${qualified(model, join.to)} (${columns.map((c) => c.name).join(', ')}) VALUES (${columns.map((_, i) => `$${i + 1}`).join(', ')});\nSELECT * FROM ${qualified(model, join.to)};`;
    server.open(`${DOC}#hints`, hinted);
    const hints = ((await server.connection.sendRequest(InlayHintRequest.type, { textDocument: { uri: `${DOC}#hints` }, range: { start: { line: 0, character: 0 }, end: { line: 2, character: 0 } } })) ?? []) as InlayHint[];
    console.log(indent(withHints(hinted, hints)));

    const question = 'top 5 products by number of order lines';
    heading(`Ask the database (offline provider, no API key): "${question}"`);
    const answer = await server.connection.sendRequest(AskDatabaseRequest.type, { question });
    if (answer.status !== 'ok') throw new Error(`ask failed: ${answer.message}`);
    console.log(indent(answer.sql));

    heading('Run it: read-only transaction, row limit, timeout, audit log');
    const run = await server.connection.sendRequest(RunQueryRequest.type, { uri: `${DOC}#run`, text: answer.sql });
    if (run.status === 'completed') printResult(run.results[0]!);
    else console.log(`  ${run.status}: ${'message' in run ? run.message : ''}`);

    heading('The query firewall refuses writes on a read-only connection');
    const write = `DELETE FROM ${qualified(model, join.from)} WHERE true`;
    const refused = await server.connection.sendRequest(RunQueryRequest.type, { uri: `${DOC}#run`, text: write });
    console.log(`  ${write}`);
    console.log(`    → ${refused.status}${refused.status === 'refused' ? `: ${refused.message}` : ''}`);

    heading('Next steps');
    console.log('  npm test                                   run the test suite');
    console.log('  node dist/server/cli.js introspect --sample --out schema.json');
    console.log('  code --install-extension schemawise.vsix   (npm run package builds it)');
  } finally {
    await server.stop();
  }
}

function waitForDiagnostics(server: SpawnedServer, uri: string): Promise<Diagnostic[]> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('no diagnostics were published')), 30_000);
    const sub = server.connection.onNotification(PublishDiagnosticsNotification.type, (p) => {
      if (p.uri !== uri) return;
      clearTimeout(timer);
      sub.dispose();
      resolve(p.diagnostics);
    });
  });
}

function printResult(r: ResultSet): void {
  const header = r.columns.map((c) => c.name);
  const rows = r.rows.map((row) => row.map((v) => (v === null ? 'NULL' : String(v))));
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i]!.length)));
  const line = (cells: string[]) => `  ${cells.map((c, i) => c.padEnd(widths[i]!)).join(' | ')}`;
  console.log(line(header));
  console.log(`  ${widths.map((w) => '-'.repeat(w)).join('-+-')}`);
  rows.forEach((row) => console.log(line(row)));
  console.log(`  (${r.rowCount} rows in ${r.durationMs.toFixed(0)} ms)`);
}

function indent(text: string): string {
  return text
    .split('\n')
    .map((l) => `  ${l}`)
    .join('\n');
}

main().catch((e: unknown) => {
  console.error(`demo failed: ${(e as Error).message ?? String(e)}`);
  process.exitCode = 1;
});
