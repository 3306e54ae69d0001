// SQL Server driver without a server. NOTE: these tests verify the row → SchemaModel ASSEMBLY on
// result sets recorded from the published Chinook SQL Server script (test/fixtures/mssql/chinook,
// derived by scripts/record-mssql-catalog.ts), NOT the catalog SQL text against a live SQL Server:
// no SQL Server runs on this machine. The connection tests use loopback sockets only.
import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { createServer, type Server, type Socket } from 'node:net';
import { join } from 'node:path';
import { assembleMssqlModel, nameParts, stripOuterParens } from '../../server/src/engine/drivers/mssql/mssql-assemble';
import { MssqlDriver } from '../../server/src/engine/drivers/mssql/mssql-driver';
import { MSSQL_RESULT_SET_KEYS, type MssqlResultSets } from '../../server/src/engine/drivers/mssql/mssql-rows';
import { mssqlTypeName } from '../../server/src/engine/drivers/mssql/mssql-type-name';
import { parseConnectionUrl } from '../../server/src/engine/drivers/connection-url';
import { DriverError } from '../../server/src/engine/drivers/errors';
import type { TableInfo } from '../../server/src/engine/schema/model';
import { recordCatalog } from '../../scripts/record-mssql-catalog';

const FIXTURES = join(__dirname, '..', 'fixtures', 'mssql', 'chinook');
const CHINOOK_SCRIPT = join(__dirname, '..', '..', '..', 'shared', 'datasets', 'chinook', 'chinook.mssql.sql');

function loadFixtures(): MssqlResultSets {
  return Object.fromEntries(MSSQL_RESULT_SET_KEYS.map((k) => [k, JSON.parse(readFileSync(join(FIXTURES, `${k}.json`), 'utf8'))])) as unknown as MssqlResultSets;
}

describe('SQL Server catalog assembly (recorded Chinook result sets)', () => {
  const sets = loadFixtures();
  const model = assembleMssqlModel(sets);
  const table = (name: string) => model.tables.find((t) => t.name === name) as TableInfo;
  const col = (t: string, c: string) => table(t).columns.find((x) => x.name === c)!;

  it('the committed fixtures are exactly what the recorder derives from the published script', () => {
    assert.deepEqual(JSON.parse(JSON.stringify(recordCatalog(readFileSync(CHINOOK_SCRIPT, 'utf8'), 'Chinook'))), sets);
  });

  it('builds the 11 Chinook tables in schema dbo, searched through the default schema', () => {
    assert.equal(model.dialect, 'mssql');
    assert.equal(model.database, 'Chinook');
    assert.deepEqual(model.searchPath, ['dbo']);
    assert.deepEqual(model.schemas, [{ name: 'dbo', owner: 'dbo' }]);
    assert.deepEqual(model.tables.map((t) => t.name), ['Album', 'Artist', 'Customer', 'Employee', 'Genre', 'Invoice', 'InvoiceLine', 'MediaType', 'Playlist', 'PlaylistTrack', 'Track']);
    assert.ok(model.tables.every((t) => t.schema === 'dbo' && t.kind === 'table'));
    assert.match(model.serverVersion ?? '', /^Microsoft SQL Server 16\./);
  });

  it('keeps column order, SQL Server type text and nullability', () => {
    assert.deepEqual(table('Track').columns.map((c) => [c.ordinal, c.name, c.dataType, c.nullable]), [
      [1, 'TrackId', 'int', false],
      [2, 'Name', 'nvarchar(200)', false],
      [3, 'AlbumId', 'int', true],
      [4, 'MediaTypeId', 'int', false],
      [5, 'GenreId', 'int', true],
      [6, 'Composer', 'nvarchar(220)', true],
      [7, 'Milliseconds', 'int', false],
      [8, 'Bytes', 'int', true],
      [9, 'UnitPrice', 'numeric(10,2)', false],
    ]);
    assert.equal(col('Employee', 'BirthDate').dataType, 'datetime');
    assert.equal(model.tables.reduce((n, t) => n + t.columns.length, 0), 64);
  });

  it('reads primary keys, including the composite key of PlaylistTrack, in key order', () => {
    assert.deepEqual(table('PlaylistTrack').primaryKey, { name: 'PK_PlaylistTrack', columns: ['PlaylistId', 'TrackId'] });
    assert.deepEqual(table('Invoice').primaryKey, { name: 'PK_Invoice', columns: ['InvoiceId'] });
    assert.ok(model.tables.every((t) => t.primaryKey));
  });

  it('reads the 11 foreign keys with their columns, targets and actions', () => {
    const fks = model.tables.flatMap((t) => t.foreignKeys.map((f) => `${t.name}(${f.columns}) -> ${f.refTable}(${f.refColumns}) ${f.onDelete}/${f.onUpdate}`));
    assert.deepEqual(fks.sort(), [
      'Album(ArtistId) -> Artist(ArtistId) no_action/no_action',
      'Customer(SupportRepId) -> Employee(EmployeeId) no_action/no_action',
      'Employee(ReportsTo) -> Employee(EmployeeId) no_action/no_action',
      'Invoice(CustomerId) -> Customer(CustomerId) no_action/no_action',
      'InvoiceLine(InvoiceId) -> Invoice(InvoiceId) no_action/no_action',
      'InvoiceLine(TrackId) -> Track(TrackId) no_action/no_action',
      'PlaylistTrack(PlaylistId) -> Playlist(PlaylistId) no_action/no_action',
      'PlaylistTrack(TrackId) -> Track(TrackId) no_action/no_action',
      'Track(AlbumId) -> Album(AlbumId) no_action/no_action',
      'Track(GenreId) -> Genre(GenreId) no_action/no_action',
      'Track(MediaTypeId) -> MediaType(MediaTypeId) no_action/no_action',
    ]);
    assert.equal(table('Track').foreignKeys.find((f) => f.name === 'FK_TrackAlbumId')!.refSchema, 'dbo');
  });

  it('reads the primary key and foreign key indexes with their kind and DDL', () => {
    assert.deepEqual(table('Track').indexes.map((i) => [i.name, i.columns.join(','), i.unique, i.primary, i.method]), [
      ['PK_Track', 'TrackId', true, true, 'clustered'],
      ['IFK_TrackAlbumId', 'AlbumId', false, false, 'nonclustered'],
      ['IFK_TrackGenreId', 'GenreId', false, false, 'nonclustered'],
      ['IFK_TrackMediaTypeId', 'MediaTypeId', false, false, 'nonclustered'],
    ]);
    const pt = table('PlaylistTrack').indexes.find((i) => i.primary)!;
    assert.equal(pt.definition, 'CREATE UNIQUE NONCLUSTERED INDEX [PK_PlaylistTrack] ON [dbo].[PlaylistTrack] ([PlaylistId], [TrackId])');
    assert.equal(model.tables.reduce((n, t) => n + t.indexes.length, 0), 22);
  });

  it('takes row counts from sys.partitions', () => {
    assert.deepEqual([table('Track').rowEstimate, table('InvoiceLine').rowEstimate, table('Genre').rowEstimate], [3503, 2240, 25]);
  });

  it('keeps only the requested schemas', () => {
    const only = assembleMssqlModel(sets, { schemas: ['sales'] });
    assert.deepEqual([only.schemas, only.tables], [[], []]);
  });
});

describe('SQL Server catalog assembly (features Chinook lacks)', () => {
  const base = loadFixtures();
  const sets: MssqlResultSets = {
    ...base,
    tables: [...base.tables, { object_id: 7, schema_name: 'dbo', table_name: 'Sale', object_type: 'U', comment: 'one row per sale', row_count: '12', view_definition: null }],
    columns: [
      ...base.columns,
      { object_id: 7, column_id: 1, column_name: 'Id', type_name: 'int', is_user_defined: 0, base_type_name: null, max_length: 4, precision: 10, scale: 0, is_nullable: 0, is_identity: 1, is_computed: 0, computed_definition: null, is_persisted: null, default_definition: null, identity_seed: '1', identity_increment: '1', comment: null },
      { object_id: 7, column_id: 2, column_name: 'Amount', type_name: 'decimal', is_user_defined: 0, base_type_name: null, max_length: 9, precision: 12, scale: 2, is_nullable: 0, is_identity: 0, is_computed: 0, computed_definition: null, is_persisted: null, default_definition: '((0))', identity_seed: null, identity_increment: null, comment: 'gross, in EUR' },
      { object_id: 7, column_id: 3, column_name: 'Net', type_name: 'decimal', is_user_defined: 0, base_type_name: null, max_length: 9, precision: 13, scale: 2, is_nullable: 1, is_identity: 0, is_computed: 1, computed_definition: '([Amount]/(1.2))', is_persisted: 0, default_definition: null, identity_seed: null, identity_increment: null, comment: null },
      { object_id: 7, column_id: 4, column_name: 'Note', type_name: 'nvarchar', is_user_defined: 0, base_type_name: null, max_length: -1, precision: 0, scale: 0, is_nullable: 1, is_identity: 0, is_computed: 0, computed_definition: null, is_persisted: null, default_definition: "(N'none')", identity_seed: null, identity_increment: null, comment: null },
    ],
    checkConstraints: [{ object_id: 7, constraint_name: 'CK_Sale_Amount', definition: '([Amount]>=(0))' }],
    routines: [{ object_id: 9, schema_name: 'dbo', routine_name: 'fn_Net', object_type: 'FN', comment: 'net amount' }, { object_id: 10, schema_name: 'dbo', routine_name: 'usp_Top', object_type: 'P', comment: null }],
    parameters: [
      { object_id: 9, parameter_id: 0, parameter_name: '', type_name: 'decimal', max_length: 9, precision: 13, scale: 2, is_output: 1, has_default_value: 0, is_readonly: 0 },
      { object_id: 9, parameter_id: 1, parameter_name: '@amount', type_name: 'decimal', max_length: 9, precision: 12, scale: 2, is_output: 0, has_default_value: 0, is_readonly: 0 },
      { object_id: 10, parameter_id: 1, parameter_name: '@n', type_name: 'int', max_length: 4, precision: 10, scale: 0, is_output: 0, has_default_value: 0, is_readonly: 0 },
      { object_id: 10, parameter_id: 2, parameter_name: '@count', type_name: 'int', max_length: 4, precision: 10, scale: 0, is_output: 1, has_default_value: 0, is_readonly: 0 },
    ],
  };
  const model = assembleMssqlModel(sets);
  const sale = model.tables.find((t) => t.name === 'Sale')!;

  it('reads identity, defaults and computed columns without SQL Server\'s wrapping parentheses', () => {
    assert.deepEqual(sale.columns.map((c) => [c.name, c.dataType, c.identity, c.default, c.generated, c.comment]), [
      ['Id', 'int', 'always', undefined, undefined, undefined],
      ['Amount', 'decimal(12,2)', undefined, '0', undefined, 'gross, in EUR'],
      ['Net', 'decimal(13,2)', undefined, undefined, '[Amount]/(1.2)', undefined],
      ['Note', 'nvarchar(max)', undefined, "N'none'", undefined, undefined],
    ]);
    assert.equal(sale.comment, 'one row per sale');
    assert.equal(sale.rowEstimate, 12);
    assert.deepEqual(sale.checks, [{ name: 'CK_Sale_Amount', expression: '[Amount]>=(0)' }]);
  });

  it('reads functions with return types and procedures with OUTPUT parameters', () => {
    assert.deepEqual(model.routines, [
      { schema: 'dbo', name: 'fn_Net', kind: 'function', params: [{ name: '@amount', type: 'decimal(12,2)', mode: 'in', hasDefault: false }], language: 'tsql', returnType: 'decimal(13,2)', comment: 'net amount' },
      { schema: 'dbo', name: 'usp_Top', kind: 'procedure', params: [{ name: '@n', type: 'int', mode: 'in', hasDefault: false }, { name: '@count', type: 'int', mode: 'inout', hasDefault: false }], language: 'tsql' },
    ]);
  });

  it('turns a synonym of a snapshot table into a view with the base table\'s columns; others of other databases or servers stay out', () => {
    const withSynonyms = assembleMssqlModel({
      ...sets,
      synonyms: [
        { object_id: 20, schema_name: 'dbo', synonym_name: 'Disc', base_object_name: '[dbo].[Album]' },
        { object_id: 21, schema_name: 'dbo', synonym_name: 'Sales', base_object_name: '[chinook].[DBO].[sale]' },
        { object_id: 22, schema_name: 'dbo', synonym_name: 'Remote', base_object_name: '[Other].[dbo].[Album]' },
        { object_id: 23, schema_name: 'dbo', synonym_name: 'Linked', base_object_name: '[Srv].[Chinook].[dbo].[Album]' },
        { object_id: 24, schema_name: 'dbo', synonym_name: 'Gone', base_object_name: '[dbo].[Dropped]' },
      ],
    });
    const synonyms = withSynonyms.tables.filter((t) => t.comment?.startsWith('synonym for'));
    assert.deepEqual(synonyms.map((t) => [t.schema, t.name, t.kind, t.comment, t.columns.map((c) => c.name).join(',')]), [
      ['dbo', 'Disc', 'view', 'synonym for dbo.Album', 'AlbumId,Title,ArtistId'],
      ['dbo', 'Sales', 'view', 'synonym for dbo.Sale', 'Id,Amount,Net,Note'],
    ]);
    // No keys or indexes of its own, and columns copied rather than shared with the base table.
    const disc = synonyms[0]!;
    assert.deepEqual([disc.primaryKey, disc.foreignKeys, disc.indexes], [undefined, [], []]);
    assert.notEqual(disc.columns[0], withSynonyms.tables.find((t) => t.name === 'Album')!.columns[0]);
    assert.deepEqual(assembleMssqlModel({ ...sets, synonyms: [{ object_id: 20, schema_name: 'dbo', synonym_name: 'Disc', base_object_name: 'Album' }] }, { schemas: ['dbo'] }).tables.at(-1)!.name, 'Disc');
  });

  it('reads bracketed, quoted and bare multi-part names', () => {
    assert.deepEqual(nameParts('[Srv].[Db].[dbo].[a]]b]'), ['Srv', 'Db', 'dbo', 'a]b']);
    assert.deepEqual(nameParts(' dbo . "x""y" '), ['dbo', 'x"y']);
    assert.deepEqual([nameParts('[dbo].'), nameParts('[dbo'), nameParts('')], [undefined, undefined, undefined]);
  });

  it('strips only parentheses that wrap the whole expression', () => {
    assert.equal(stripOuterParens('((1)+(2))'), '(1)+(2)');
    assert.equal(stripOuterParens('(1)+(2)'), '(1)+(2)');
    assert.equal(stripOuterParens("(N')(')"), "N')('");
    assert.equal(mssqlTypeName({ type_name: 'datetime2', max_length: 8, precision: 27, scale: 7 }), 'datetime2');
    assert.equal(mssqlTypeName({ type_name: 'varbinary', max_length: -1, precision: 0, scale: 0 }), 'varbinary(max)');
  });
});

describe('SQL Server driver connection errors (loopback only)', () => {
  const sockets: Socket[] = [];
  let silent: Server | undefined;
  after(() => {
    for (const s of sockets) s.destroy();
    silent?.close();
  });

  async function kindOf(url: string): Promise<DriverError> {
    const d = new MssqlDriver(parseConnectionUrl(url));
    try {
      await d.connect();
    } catch (e) {
      assert.ok(e instanceof DriverError, String(e));
      return e;
    } finally {
      await d.close();
    }
    assert.fail('connect() should have failed');
  }

  it('reports a closed local port as unreachable', async () => {
    const port = await new Promise<number>((resolve) => {
      const s = createServer().listen(0, '127.0.0.1', () => {
        const p = (s.address() as { port: number }).port;
        s.close(() => resolve(p));
      });
    });
    const err = await kindOf(`mssql://sa:pw-secret@127.0.0.1:${port}/Chinook`);
    assert.equal(err.kind, 'unreachable', err.message);
    assert.match(err.message, new RegExp(`127\\.0\\.0\\.1:${port}`));
    assert.ok(!err.message.includes('pw-secret'));
  });

  it('reports a server that accepts but never answers as timeout', async () => {
    silent = createServer((s) => sockets.push(s));
    const port = await new Promise<number>((resolve) => silent!.listen(0, '127.0.0.1', () => resolve((silent!.address() as { port: number }).port)));
    const started = performance.now();
    const err = await kindOf(`mssql://sa:pw@127.0.0.1:${port}/Chinook?connect_timeout=1`);
    assert.equal(err.kind, 'timeout', err.message);
    assert.ok(performance.now() - started < 5000);
  });
});
