// SQL Server semantic diagnostics: names of node-sql-parser's TransactSQL AST (which has no
// locations) are placed by matching them to the T-SQL tokens, and reported only where that
// placement is certain; T-SQL specifics (GO batches, OUTPUT, #temp, @table variables, other
// databases, USE, trigger tables, alias = expr, date parts) never produce a false error.
import { strict as assert } from 'node:assert';
import { DiagnosticsEngine } from '../../server/src/engine/diagnostics';
import { parseNsp } from '../../server/src/engine/diagnostics/nsp/parser';
import { tsqlCoverage } from '../../server/src/engine/diagnostics/nsp/tsql/check-statement';
import { normalizeTsql } from '../../server/src/engine/diagnostics/nsp/tsql/normalize';
import { blankOutputClauses } from '../../server/src/engine/diagnostics/nsp/tsql/output';
import { SchemaIndex } from '../../server/src/engine/schema/schema-index';
import { chinookMssqlModel } from '../corpus/tsql-corpus';

describe('SQL Server diagnostics (T-SQL semantic checks)', () => {
  let engine: DiagnosticsEngine;
  const chinook = new SchemaIndex(chinookMssqlModel());
  before(async () => {
    engine = await DiagnosticsEngine.create();
  });
  const found = (text: string) => engine.diagnose({ text, dialect: 'mssql', schema: chinook }).map((d) => `${d.code}:${text.slice(d.range.start, d.range.end)}`);

  it('reports names of every GO batch at their offsets in the document', () => {
    const text = 'SELECT Nam FROM Artist\nGO\nSELECT Title FROM Albums\nGO 2\n';
    const ds = engine.diagnose({ text, dialect: 'mssql', schema: chinook });
    assert.deepEqual(
      ds.map((d) => [d.code, d.range.start, d.range.end, d.fix?.edits[0]]),
      [
        ['unknown-column', 7, 10, { start: 7, end: 10, newText: 'Name' }],
        ['unknown-table', 44, 50, { start: 44, end: 50, newText: 'Album' }],
      ],
    );
  });

  it('stays silent on a name that could sit on more than one token', () => {
    // After the date part is set aside, the column `day` could be either `day` token.
    assert.deepEqual(found('SELECT DATEDIFF(day, day, InvoiceDate) FROM Invoice'), []);
    assert.deepEqual(found('SELECT DATEDIFF(day, dy, InvoiceDate) FROM Invoice'), ['unknown-column:dy']);
    const c = tsqlCoverage('SELECT DATEDIFF(day, day, InvoiceDate) FROM Invoice');
    assert.deepEqual([c.listed, c.located], [3, 2]);
  });

  it('places names inside comments and strings nowhere, and bracketed or quoted names on their token', () => {
    const text = "/* Nam */ SELECT [Nam] FROM \"Artist\" WHERE Name <> 'Nam' -- Nam";
    const ds = engine.diagnose({ text, dialect: 'mssql', schema: chinook });
    assert.deepEqual(ds.map((d) => [d.code, d.range.start, text.slice(d.range.start, d.range.end)]), [['unknown-column', 17, '[Nam]']]);
  });

  it('never flags #temp tables, @table variables, trigger tables or catalog views, whatever their columns', () => {
    assert.deepEqual(found('SELECT t.nope FROM #t t JOIN @v v ON v.x = t.y'), []);
    assert.deepEqual(found('SELECT i.Nope FROM inserted i JOIN deleted d ON d.Id = i.Id'), []);
    assert.deepEqual(found('SELECT nope FROM sys.objects; SELECT nope FROM INFORMATION_SCHEMA.TABLES'), []);
    // …while the real tables joined to them are still checked.
    assert.deepEqual(found('SELECT t.Nope FROM #t x JOIN Track t ON t.TrackId = x.Id'), ['unknown-column:Nope']);
  });

  it('judges three-part names of the snapshot database only', () => {
    assert.deepEqual(found('SELECT a.Nope FROM Other.dbo.Nope a; SELECT * FROM Srv.Chinook.dbo.Nope'), []);
    assert.deepEqual(found('SELECT a.Titel FROM chinook.DBO.album a'), ['unknown-column:Titel']);
  });

  it('stays silent after USE (another database) except on database.schema.table of the snapshot', () => {
    assert.deepEqual(found('USE Other;\nSELECT x FROM Nope;\nSELECT y FROM dbo.Nope;\nSELECT z FROM Chinook.dbo.Nope'), ['unknown-table:Nope']);
  });

  it('keeps checking names after USE of the snapshot database, in any case or quoting', () => {
    assert.deepEqual(found('USE [Chinook]\nGO\nSELECT Title FROM Albums'), ['unknown-table:Albums']);
    assert.deepEqual(found('use chinook;\nSELECT Titel FROM dbo.Album'), ['unknown-column:Titel']);
    assert.deepEqual(found('USE other\nGO\nSELECT Title FROM Albums'), []);
    // The scan is not positional: one USE of another database anywhere silences the document.
    assert.deepEqual(found('USE [Chinook];\nSELECT Title FROM Albums;\nUSE other;'), []);
  });

  it('checks queries through a synonym of a snapshot table like queries on the table', () => {
    // What introspection assembles from a sys.synonyms row for `CREATE SYNONYM dbo.Disc FOR dbo.Album`.
    const withSynonym = new SchemaIndex(chinookMssqlModel({ synonyms: [{ object_id: 20, schema_name: 'dbo', synonym_name: 'Disc', base_object_name: '[dbo].[Album]' }] }));
    assert.deepEqual(found('SELECT Title FROM Disc'), ['unknown-table:Disc']);
    const codes = (text: string) => engine.diagnose({ text, dialect: 'mssql', schema: withSynonym }).map((d) => `${d.code}:${text.slice(d.range.start, d.range.end)}`);
    assert.deepEqual(codes('SELECT d.Title, d.ArtistId FROM dbo.Disc d'), []);
    assert.deepEqual(codes('SELECT Titel FROM Disc'), ['unknown-column:Titel']);
  });

  it('accepts tables the document itself creates', () => {
    assert.deepEqual(found('CREATE TABLE dbo.Staging (Id int);\nGO\nSELECT Id, Other FROM dbo.Staging'), []);
  });

  it('stays silent on statements the grammar misreads as something other than DML', () => {
    // node-sql-parser reads CREATE VIEW as a run of variable assignments.
    assert.deepEqual(parseNsp('CREATE VIEW v AS SELECT Nope FROM Album', 'mssql').ok, true);
    assert.deepEqual(found('CREATE VIEW v AS SELECT Nope FROM Album'), []);
  });

  it('reads `alias = expr` select items, date parts and `AS v(a, b)` the way SQL Server does', () => {
    const parsed = parseNsp("SELECT Total = SUM(Milliseconds), DATEPART(year, GETDATE()) FROM (VALUES (1, 'a')) AS v([Id], Label)", 'mssql');
    assert.ok(parsed.ok);
    assert.equal(normalizeTsql(parsed.asts), true);
    const sel = parsed.asts[0];
    assert.equal(sel.columns[0].as, 'Total');
    assert.equal(sel.columns[0].expr.type, 'aggr_func');
    assert.equal(sel.columns[1].expr.args.value.length, 1);
    assert.deepEqual([sel.from[0].as, sel.from[0]._aliasColumns], ['v', ['Id', 'Label']]);
    assert.deepEqual(found('SELECT v.Id, v.Nope FROM (VALUES (1, 2)) AS v(Id, Label)'), ['unknown-column:Nope']);
  });

  it('blanks OUTPUT clauses without moving any offset, keeping inserted./deleted. references', () => {
    const sql = 'UPDATE Track SET UnitPrice = 1 OUTPUT deleted.UnitPrice, inserted.[Nme] INTO @log WHERE TrackId = 1';
    const b = blankOutputClauses(sql)!;
    assert.equal(b.text.length, sql.length);
    assert.equal(b.text.replace(/\s+/g, ' '), 'UPDATE Track SET UnitPrice = 1 WHERE TrackId = 1');
    assert.deepEqual(b.refs.map((r) => [r.pseudo, r.column, sql.slice(r.span.start, r.span.end)]), [['deleted', 'UnitPrice', 'UnitPrice'], ['inserted', 'Nme', '[Nme]']]);
    assert.deepEqual(found(sql), ['unknown-column:[Nme]']);
    assert.equal(blankOutputClauses('SELECT 1'), undefined);
  });

  it('does not judge ORDER BY of a set operation against its last branch', () => {
    assert.deepEqual(found('SELECT Name FROM Artist UNION SELECT Title FROM Album ORDER BY Name'), []);
  });

  it('keeps the lint rules that need only table names, and knows joins limit UPDATE … FROM', () => {
    assert.deepEqual(found('DELETE FROM PlaylistTrack'), ['delete-without-where:PlaylistTrack']);
    assert.deepEqual(found('UPDATE Track SET UnitPrice = 1'), ['update-without-where:Track']);
    assert.deepEqual(found('UPDATE il SET il.UnitPrice = 1 FROM InvoiceLine il JOIN Track t ON t.TrackId = il.TrackId'), []);
  });

  it('checks only syntax, as before, when there is no schema', () => {
    assert.deepEqual(engine.diagnose({ text: 'SELECT Nope FROM Nope', dialect: 'mssql' }), []);
    assert.deepEqual(found('SELECT Name FROM Artist WHERE'), ['syntax:WHERE']);
  });
});
