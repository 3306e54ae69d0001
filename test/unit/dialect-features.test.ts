// Dialect-aware language features that need no database: the per-document dialect decision, the
// keyword catalogs (LIMIT vs TOP vs OFFSET … FETCH), the shared script splitter under the editor's
// statement cache (GO batches, MySQL DELIMITER blocks), MySQL's case-sensitive table names and
// backtick-safe hover markdown.
import { strict as assert } from 'node:assert';
import { complete } from '../../server/src/engine/features';
import { code } from '../../server/src/engine/features/hover/markdown-code';
import { emptyModel, type SchemaModel } from '../../server/src/engine/schema/model';
import { SchemaIndex } from '../../server/src/engine/schema/schema-index';
import { getDialect } from '../../server/src/engine/sql/dialect';
import { chooseDocumentDialect } from '../../server/src/engine/sql/dialect-directive';
import { splitScript } from '../../server/src/engine/sql/script-splitter';
import { SqlDocument } from '../../server/src/engine/sql/sql-document';
import { splitStatements, statementAt } from '../../server/src/engine/sql/statement-splitter';
import { splitStatements as diagnosticsSplit } from '../../server/src/engine/diagnostics/splitter';
import { DialectSetting } from '../../server/src/lsp/settings';
import { cursor } from '../helpers/fixtures';

const mysql = getDialect('mysql');
const mssql = getDialect('mssql');

describe('dialect: per-document decision', () => {
  it('takes the directive first, then the loaded schema, then the setting, then PostgreSQL', () => {
    const directive = '-- schemawise: dialect=mariadb\nSELECT 1';
    assert.deepEqual(chooseDocumentDialect({ text: directive, connection: 'postgres', setting: 'mssql' }), { id: 'mysql', origin: 'directive' });
    assert.deepEqual(chooseDocumentDialect({ text: 'SELECT 1', connection: 'postgres', setting: 'mssql' }), { id: 'postgres', origin: 'connection' });
    assert.deepEqual(chooseDocumentDialect({ text: 'SELECT 1', setting: 'tsql' }), { id: 'mssql', origin: 'setting' });
    assert.deepEqual(chooseDocumentDialect({ text: 'SELECT 1', setting: 'oracle' }), { id: 'postgres', origin: 'default' });
    assert.deepEqual(chooseDocumentDialect({ text: '# schemawise: dialect=mysql' }), { id: 'mysql', origin: 'directive' });
  });

  it('coerces the defaultDialect setting: known names and aliases, anything else ignored', () => {
    assert.equal(DialectSetting.from('MySQL'), 'mysql');
    assert.equal(DialectSetting.from(' sqlserver '), 'mssql');
    assert.equal(DialectSetting.from(42), undefined);
    assert.equal(DialectSetting.from('sqlite'), undefined);
  });
});

describe('dialect: keyword catalogs', () => {
  const keywords = (id: 'postgres' | 'mysql' | 'mssql', marked: string) => {
    const { text, offset } = cursor(marked);
    return complete(text, offset, new SchemaIndex(emptyModel(id, '', [])), { limit: 1000 }).items.filter((i) => i.kind === 'keyword' || i.kind === 'snippet');
  };
  const has = (items: { label: string }[], w: string) => items.some((i) => i.label === w);

  it('offers each dialect its own row-limiting clause after ORDER BY', () => {
    const pg = keywords('postgres', 'SELECT a FROM t ORDER BY a |');
    assert.ok(has(pg, 'LIMIT') && has(pg, 'FETCH') && !has(pg, 'TOP'));
    const my = keywords('mysql', 'SELECT a FROM t ORDER BY a DESC |');
    assert.ok(has(my, 'LIMIT') && !has(my, 'TOP') && !has(my, 'FETCH'));
    assert.equal(my.find((i) => i.kind === 'snippet')?.insertText, 'LIMIT ${1:0}, ${2:10}');
    const ms = keywords('mssql', 'SELECT a FROM t ORDER BY a |');
    assert.ok(has(ms, 'OFFSET') && has(ms, 'FETCH') && !has(ms, 'LIMIT'));
  });

  it('offers dialect-only words: ILIKE/RETURNING in PostgreSQL, REPLACE/STRAIGHT_JOIN in MySQL, APPLY/OUTPUT in T-SQL', () => {
    assert.ok(has(keywords('postgres', 'SELECT * FROM t WHERE a |'), 'ILIKE'));
    assert.ok(!has(keywords('mysql', 'SELECT * FROM t WHERE a |'), 'ILIKE'));
    assert.ok(has(keywords('mysql', '|'), 'REPLACE') && has(keywords('mysql', 'SELECT * FROM a x |'), 'STRAIGHT_JOIN'));
    assert.ok(!has(keywords('mysql', '|'), 'MERGE'));
    const after = keywords('mssql', 'SELECT * FROM a x |');
    assert.ok(has(after, 'APPLY') && has(after, 'OUTPUT') && !has(after, 'RETURNING'));
  });
});

describe('dialect: scripts with GO and DELIMITER', () => {
  const proc = 'SELECT 1;\nDELIMITER //\nCREATE PROCEDURE p()\nBEGIN\n  SELECT a FROM t;\n  SELECT b FROM u;\nEND //\nDELIMITER ;\nSELECT c FROM v;';

  it('the editor statement splitter and diagnostics cut a DELIMITER script the same way', () => {
    const editor = splitStatements(proc, mysql).map((s) => proc.slice(s.start, s.end));
    assert.deepEqual(editor, ['SELECT 1', 'CREATE PROCEDURE p()\nBEGIN\n  SELECT a FROM t;\n  SELECT b FROM u;\nEND', 'SELECT c FROM v']);
    assert.deepEqual(diagnosticsSplit(proc, 'mysql').map((s) => s.text), editor);
    // The procedure body is one statement: the cursor in it sees the whole CREATE PROCEDURE.
    const st = statementAt(proc, proc.indexOf('b FROM'), mysql);
    assert.ok(proc.slice(st.start, st.end).startsWith('CREATE PROCEDURE'));
  });

  it('keeps DELIMITER boundaries right through edits of the SqlDocument', () => {
    const doc = new SqlDocument(proc, mysql);
    assert.equal(doc.semicolons.length, 5, 'the ;, both DELIMITER lines, // and the last ;');
    doc.applyEdit({ start: proc.indexOf('DELIMITER ;'), end: proc.indexOf('DELIMITER ;') + 'DELIMITER ;'.length, newText: '' });
    // Without the second DELIMITER line, `//` stays the delimiter: the last statement runs to the end.
    const last = doc.statementAt(doc.text.length);
    assert.ok(doc.text.slice(last.start, last.end).endsWith('SELECT c FROM v;'));
    doc.setText('SELECT 1; SELECT 2');
    assert.deepEqual(doc.semicolons, [8], 'back to the `;` boundaries once no DELIMITER line is left');
  });

  it('splits GO batches (with a repeat count) and not at GO inside a name or string', () => {
    const t = "SELECT 'GO' AS go\nGO\nSELECT 2\n  go 3\nSELECT [GO]";
    assert.deepEqual(splitScript(t, 'mssql').statements.map((s) => s.text), ["SELECT 'GO' AS go", 'SELECT 2', 'SELECT [GO]']);
    assert.deepEqual(splitStatements(t, mssql).map((s) => t.slice(s.start, s.end)), ["SELECT 'GO' AS go", 'SELECT 2', 'SELECT [GO]']);
    // PostgreSQL has no GO: the same text is one statement there.
    assert.equal(splitStatements(t, getDialect('postgres')).length, 1);
  });
});

describe('dialect: MySQL table-name case rules', () => {
  const model = (caseSensitiveTables?: boolean): SchemaModel => ({
    ...emptyModel('mysql', 'shop', ['shop']),
    caseSensitiveTables,
    schemas: [{ name: 'shop' }],
    tables: [{ schema: 'shop', name: 'Album', kind: 'table', columns: [{ name: 'Title', ordinal: 1, dataType: 'varchar(160)', nullable: false }], foreignKeys: [], uniques: [], checks: [], indexes: [] }],
  });

  it('lower_case_table_names = 0: table names match exactly, columns still ignore case', () => {
    const index = new SchemaIndex(model(true));
    assert.equal(index.findTable({ text: 'album', quoted: false }), undefined);
    assert.equal(index.findTable({ text: 'Album', quoted: false })?.name, 'Album');
    assert.equal(index.findTable({ text: 'Album', quoted: true }, { text: 'SHOP', quoted: false }), undefined);
    assert.equal(index.findColumn(index.findTable({ text: 'Album', quoted: true })!, { text: 'TITLE', quoted: false })?.name, 'Title');
    assert.deepEqual(index.tablesNamed('album').map((t) => t.name), ['Album'], 'still found for did-you-mean');
  });

  it('lower_case_table_names = 1 or 2: table names ignore case', () => {
    assert.equal(new SchemaIndex(model()).findTable({ text: 'ALBUM', quoted: true })?.name, 'Album');
  });

  it('hover markdown keeps backtick-quoted names inside one code span', () => {
    assert.equal(code('shop.Album'), '`shop.Album`');
    assert.equal(code('shop.`order`'), '`` shop.`order` ``');
  });
});
