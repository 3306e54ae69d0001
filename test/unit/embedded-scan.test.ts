// Finding SQL templates in TS/JS and the SQL view's position map: which templates count, where
// exactly their SQL starts and ends, and that every offset, line and column of the host is the same
// in the SQL view (multi-line templates, many placeholders, escapes).
import { strict as assert } from 'node:assert';
import { DiagnosticsEngine } from '../../server/src/engine/diagnostics';
import {
  diagnoseEmbedded,
  embeddedSql,
  findSqlTemplates,
  hostDialectDirective,
  isWholeStatement,
  parameterTypes,
  placeholderMarker,
  regionAt,
  unescapeRaw,
  type HostKind,
} from '../../server/src/engine/embedded';
import { SchemaIndex } from '../../server/src/engine/schema/schema-index';
import { chinook } from '../helpers/fixtures';

const sqlOf = (text: string, kind: HostKind = 'ts', tags?: string[]) => findSqlTemplates(text, { kind, tags }).map((t) => text.slice(t.start, t.end));

describe('embedded SQL: finding templates', () => {
  it('takes sql/SQL tags alone, on member chains, with type arguments and optional chaining, and /* sql */ templates', () => {
    const text = [
      'a = sql`S1`;',
      'b = SQL`S2`;',
      'c = db.sql`S3`;',
      'd = this.pool.sql<{ id: number }>`S4`;',
      'e = db?.sql`S5`;',
      'f = /* sql */ `S6`;',
      'g = call(/*SQL*/`S7`, 1);',
      'h = `not sql`;',
      'i = html`not sql`;',
      'j = mysql`not sql`;',
      'k = sqlx`not sql`;',
    ].join('\n');
    assert.deepEqual(sqlOf(text), ['S1', 'S2', 'S3', 'S4', 'S5', 'S6', 'S7']);
  });

  it('takes configured tags by name or by member chain', () => {
    const text = 'a = query`Q1`; b = db.query`Q2`; c = knex.raw`Q3`; d = other.raw`no`;';
    assert.deepEqual(sqlOf(text, 'ts', ['query', 'knex.raw']), ['Q1', 'Q2', 'Q3']);
  });

  it('is not fooled by strings, comments, regex literals or JSX text holding backticks and quotes', () => {
    const text = [
      "const s = 'sql`no`'; const d = \"sql`no`\";",
      '// sql`no`',
      '/* sql`no` */',
      'const re = /sql`[^`]*`/g;',
      "const el = <p>Don't write sql`no` or ' here</p>;",
      'const q = sql`SELECT 1`;',
      'const r = x / 2 / sql`SELECT 2`.length;',
    ].join('\n');
    assert.deepEqual(sqlOf(text, 'tsx'), ['SELECT 1', 'SELECT 2']);
  });

  it('records placeholders from ${ to } exactly, multi-line ones included, and nested templates as nested', () => {
    const text = 'q = sql`SELECT ${a}, ${ f(\n  b) } FROM t WHERE ${c ? sql`x = 1` : sql`y = ${d}`}`;';
    const found = findSqlTemplates(text, { kind: 'ts' });
    assert.equal(found.length, 3);
    const [outer, inner1, inner2] = found;
    assert.deepEqual(outer!.placeholders.map((p) => text.slice(p.start, p.end)), ['${a}', '${ f(\n  b) }', '${c ? sql`x = 1` : sql`y = ${d}`}']);
    assert.equal(outer!.nested, false);
    assert.deepEqual([inner1!.nested, inner2!.nested], [true, true]);
    assert.equal(text.slice(inner2!.start, inner2!.end), 'y = ${d}');
  });

  it('runs an unterminated template (still being typed) to the end of the file', () => {
    const text = 'const q = sql`SELECT * FROM album WHERE ';
    const [t] = findSqlTemplates(text, { kind: 'ts' });
    assert.equal(t!.closed, false);
    assert.equal(t!.end, text.length);
    assert.equal(embeddedSql(text, [t!], 'postgres').text.length, text.length);
  });

  it('finds the dialect directive in the comments at the top of the file only', () => {
    assert.equal(hostDialectDirective('// schemawise: dialect=mysql\nimport x from "y";'), 'mysql');
    assert.equal(hostDialectDirective('#!/usr/bin/env node\n/* schemawise: dialect=mssql */\n'), 'mssql');
    assert.equal(hostDialectDirective('import x from "y";\n// schemawise: dialect=mysql\n'), undefined);
  });
});

describe('embedded SQL: the SQL view and its position map', () => {
  /** A file with `count` templates of `perTemplate` placeholders each, some spread over lines. */
  function manyPlaceholders(count: number, perTemplate: number): string {
    const lines = ["import { sql } from './db';"];
    for (let i = 0; i < count; i++) {
      const conds = Array.from({ length: perTemplate }, (_, j) => (j % 3 === 0 ? `c${j} = \${\n      values[${j}]\n    }` : `c${j} = \${v${j}}`));
      lines.push(`export const q${i} = sql\`\n  SELECT c0, c1\n  FROM t${i}\n  WHERE ${conds.join('\n    AND ')}\`;`);
    }
    return lines.join('\r\n');
  }

  it('keeps length, every line break and every SQL character at its host offset, with the dialect marker at each ${', () => {
    const host = manyPlaceholders(20, 120);
    for (const dialect of ['postgres', 'mysql', 'mssql'] as const) {
      const view = embeddedSql(host, findSqlTemplates(host, { kind: 'ts' }), dialect);
      assert.equal(view.text.length, host.length);
      for (let i = 0; i < host.length; i++) {
        const h = host[i]!;
        if (h === '\n' || h === '\r') assert.equal(view.text[i], h, `line break at ${i}`);
      }
      assert.equal(view.regions.length, 20);
      for (const r of view.regions) {
        assert.equal(r.role, 'statement');
        assert.equal(view.text[r.end], ';', 'the closing backtick ends the statement');
        let outside = r.start;
        r.placeholders.forEach((p, i) => {
          assert.equal(view.text.slice(outside, p.start), host.slice(outside, p.start), 'SQL between placeholders is the host text');
          // The numbered marker of the dialect, on the first line of the substitution with room for it.
          const marker = dialect === 'mysql' ? '?' : dialect === 'mssql' ? `@p${i + 1}` : `$${i + 1}`;
          assert.equal(view.text.slice(p.start, p.end).trim(), marker);
          outside = p.end;
        });
        assert.equal(r.placeholders.length, 120);
      }
      assert.match(view.text.slice(0, view.regions[0]!.start), /^[ \r\n]*$/, 'the host code is blank');
    }
  });

  it('uses a shorter marker where the numbered one does not fit, never a longer one', () => {
    assert.equal(placeholderMarker('postgres', 7, 4), '$7');
    assert.equal(placeholderMarker('postgres', 1000, 4), '$1');
    assert.equal(placeholderMarker('postgres', 1000, 6), '$1000');
    assert.equal(placeholderMarker('mssql', 100, 4), '@p1');
    assert.equal(placeholderMarker('mysql', 5000, 4), '?');
  });

  it('turns escapes into what they stand for without moving a name: \\`name\\` keeps name at its offset', () => {
    const raw = 'SELECT \\`name\\` FROM t WHERE a = \'x\\\\y\'\\nAND b = 1';
    const sql = unescapeRaw(raw);
    assert.equal(sql.length, raw.length);
    assert.equal(sql.indexOf('name'), raw.indexOf('name'));
    assert.equal(sql.slice(raw.indexOf('name') - 1, raw.indexOf('name') + 5), '`name`');
    assert.ok(!sql.includes('\\n'));
  });

  it('tells whole statements from fragments, typos of statement words included', () => {
    for (const s of ['SELECT 1', '  -- c\n  with x as (select 1) select * from x', '(SELECT 1) UNION (SELECT 2)', 'insert into t values (1)', 'SELEC 1', 'UPDTE t SET a = 1', '/* x */ DELETE FROM t'])
      assert.ok(isWholeStatement(s), s);
    for (const s of ['AND a > $1', '$1 = 1', 'lower(name)', 'count(*)', 'id = 1', 'ORDER BY 1', 'selector = 1', 'users.id', ''])
      assert.ok(!isWholeStatement(s), s);
  });

  it('maps an offset to its template, bounds included, and to nothing inside ${…} or outside', () => {
    const host = 'f(); q = sql`SELECT ${a} FROM t`; g();';
    const view = embeddedSql(host, findSqlTemplates(host, { kind: 'ts' }), 'postgres');
    const start = host.indexOf('SELECT');
    assert.ok(regionAt(view, start));
    assert.ok(regionAt(view, host.indexOf('`;')), 'just before the closing backtick');
    assert.ok(regionAt(view, host.indexOf('${')), 'just before ${');
    assert.equal(regionAt(view, host.indexOf('${') + 2), undefined, 'inside ${…}');
    assert.ok(regionAt(view, host.indexOf('} FROM') + 1), 'just after }');
    assert.equal(regionAt(view, 1), undefined);
    assert.equal(regionAt(view, host.length - 2), undefined);
  });
});

describe('embedded SQL: diagnostics', () => {
  let engine: DiagnosticsEngine;
  before(async () => {
    engine = await DiagnosticsEngine.create();
  });

  const diagnose = (host: string, dialect: 'postgres' | 'mysql' | 'mssql', schema?: SchemaIndex) =>
    diagnoseEmbedded(engine, { view: embeddedSql(host, findSqlTemplates(host, { kind: 'ts' }), dialect), schema }).map((d) => `${d.code}:${host.slice(d.range.start, d.range.end)}`);

  it('parses each dialect with its own parameter marker: no syntax error for ${…} as a value', () => {
    const host = 'q = sql`SELECT a FROM t WHERE b = ${x} AND c IN (${y}, ${z}) LIMIT ${n}`;';
    assert.deepEqual(diagnose(host, 'postgres'), []);
    assert.deepEqual(diagnose(host.replace('LIMIT', 'ORDER BY a LIMIT'), 'mysql'), []);
    assert.deepEqual(diagnose('q = sql`SELECT TOP (${n}) a FROM t WHERE b = ${x}`;', 'mssql'), []);
  });

  it('reports schema errors at the host offsets of the name, after multi-line placeholders', () => {
    const schema = new SchemaIndex(chinook());
    const host = 'q = sql`SELECT title, ${\n  x\n} AS y, nope FROM album WHERE artist_id = ${id}`;';
    const found = diagnoseEmbedded(engine, { view: embeddedSql(host, findSqlTemplates(host, { kind: 'ts' }), 'postgres'), schema });
    assert.deepEqual(found.map((d) => [d.code, host.slice(d.range.start, d.range.end)]), [['unknown-column', 'nope']]);
  });

  it('stays silent on fragments, nested templates and substitutions that stand for identifiers or clauses', () => {
    const host = [
      'a = sql`AND age > ${min}`;',
      'b = sql`SELECT * FROM ${sql(table)} WHERE id = ${id}`;',
      'c = sql`SELECT * FROM t ${where}`;',
      'd = sql`SELECT a FROM t WHERE ${cond ? sql`x = = 1` : sql`y = 2`}`;',
      'e = sql`INSERT INTO t ${sql(row, "a", "b")}`;',
    ].join('\n');
    assert.deepEqual(diagnose(host, 'postgres'), []);
  });

  it('checks a whole statement nested in another template\'s ${…} (a subquery) on its own, at its host offsets', () => {
    const host = 'q = sql`SELECT title FROM album WHERE artist_id IN (${sql`SELECT artist_id FROM artist WHERE nme = ${n}`})`;';
    assert.deepEqual(diagnose(host, 'postgres', new SchemaIndex(chinook())), ['unknown-column:nme']);
  });

  it('keeps an unterminated quote in one template from spilling into the next', () => {
    const host = "a = sql`SELECT 'x`;\nb = sql`SELECT * FROM album WHERE nope = 1`;";
    const found = diagnose(host, 'postgres', new SchemaIndex(chinook()));
    assert.ok(found.includes('unknown-column:nope'), JSON.stringify(found));
  });
});

describe('embedded SQL: parameter types from context', () => {
  const typesOf = (host: string) =>
    parameterTypes(embeddedSql(host, findSqlTemplates(host, { kind: 'ts' }), 'postgres'), new SchemaIndex(chinook())).map((t) => `${host.slice(t.placeholder.start, t.placeholder.end)}:${t.dataType}${t.column ? `@${t.column}` : ''}`);

  it('types a substitution by the column it is compared with, assigned to or inserted into', () => {
    const host = [
      'a = sql`SELECT t.name FROM track t JOIN album a ON a.album_id = t.album_id',
      '  WHERE t.album_id = ${id} AND ${ms} < milliseconds AND a.title LIKE ${p} LIMIT ${n}`;',
      'b = sql`UPDATE track SET unit_price = ${price} WHERE track_id IN (${x}, ${y})`;',
      'c = sql`INSERT INTO artist (artist_id, name) VALUES (${id}, ${name})`;',
      'd = sql`SELECT * FROM track WHERE milliseconds BETWEEN ${lo} AND ${hi}`;',
    ].join('\n');
    assert.deepEqual(typesOf(host), [
      '${id}:integer@track.album_id',
      '${ms}:numeric@track.milliseconds',
      '${p}:text@album.title',
      '${n}:bigint',
      '${price}:numeric@track.unit_price',
      '${x}:integer@track.track_id',
      '${y}:integer@track.track_id',
      '${id}:integer@artist.artist_id',
      '${name}:text@artist.name',
      '${lo}:numeric@track.milliseconds',
      '${hi}:numeric@track.milliseconds',
    ]);
  });

  it('claims nothing where the context is not certain: expressions, ambiguous or unknown columns, fragments', () => {
    const host = [
      'a = sql`SELECT * FROM track WHERE ${x} + 1 = 2 AND nope = ${y}`;',
      'b = sql`SELECT * FROM track t JOIN album a ON true WHERE album_id = ${z}`;', // album_id is in both
      'c = sql`AND album_id = ${w}`;',
      'd = sql`SELECT upper(${v}) FROM track`;',
    ].join('\n');
    assert.deepEqual(typesOf(host), []);
  });
});
