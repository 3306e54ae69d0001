// Pure pieces of running SQL: statement spans for lenses and the cursor, plan trees from each
// server's EXPLAIN output with the hot nodes, JSON-safe cell values, the grid's copy formats and sort
// order, and the run settings' coercion.
import { DEFAULT_AUDIT_LOG } from '../../server/src/engine/safety/audit';
import { strict as assert } from 'node:assert';
import { toCellValue } from '../../server/src/engine/execution/json-values';
import { planTree, type PlanNode } from '../../server/src/engine/execution/plan-tree';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { IncrementalStatementSpans, statementAtOffset, statementSpans } from '../../server/src/engine/execution/statements';
import type { DialectId } from '../../server/src/engine/schema/model';
import { DATASETS } from '../helpers/fixtures';
import { ExecutionSettings } from '../../server/src/lsp/execution-settings';
import { cellText, toCsv, toJson, toMarkdown } from '../../webview/src/results/formats';
import { sortedOrder } from '../../webview/src/results/sort';
import { cursor } from '../helpers/fixtures';
import { mulberry32 } from '../../scripts/fuzz-diagnostics';

const nodes = (n: PlanNode): PlanNode[] => [n, ...n.children.flatMap(nodes)];

describe('running SQL: pure pieces', () => {
  describe('statement spans', () => {
    for (const [dialect, file] of [
      ['postgres', 'sakila/sakila.postgres.schema.sql'],
      ['mysql', 'sakila/sakila.mysql.schema.sql'],
    ] as [DialectId, string][]) {
      it(`re-split around each edit, they equal a full split after 1,500 random edits (${dialect} Sakila schema)`, () => {
        const next = mulberry32(17);
        let text = readFileSync(join(DATASETS, file), 'utf8');
        const pieces = [';', "'", '$$', '$fn$', '/*', '*/', '/*!', '--', '\n', '"', '`', 'x', ' ', 'SELECT 1;', '\\'];
        const spans = new IncrementalStatementSpans();
        assert.deepEqual(spans.spansOf(text, dialect), statementSpans(text, dialect));
        for (let n = 0; n < 1500; n++) {
          const start = Math.floor(next() * text.length);
          const end = Math.min(text.length, start + Math.floor(next() * (next() < 0.05 ? 3000 : 4)));
          const insert = next() < 0.3 ? '' : pieces[Math.floor(next() * pieces.length)]!;
          text = text.slice(0, start) + insert + text.slice(end);
          const got = spans.spansOf(text, dialect);
          if (n % 25 === 0 || n > 1490) assert.deepEqual(got, statementSpans(text, dialect), `after edit ${n}`);
        }
      });
    }

    it('lists statements without comments or empty pieces, T-SQL GO batches included', () => {
      const text = '-- head\nselect 1;\n;\nselect \';\' as semi; /* c */\nselect 3';
      assert.deepEqual(statementSpans(text, 'postgres').map((s) => s.text), ['select 1', "select ';' as semi", 'select 3']);
      assert.deepEqual(statementSpans('select 1\nGO\nselect 2\nGO\n', 'mssql').map((s) => s.text), ['select 1', 'select 2']);
    });

    it('picks the statement at the cursor: on it, just after its ;, or on the lines above the next one', () => {
      const at = (marked: string) => {
        const { text, offset } = cursor(marked);
        return statementAtOffset(text, offset, 'postgres')?.text;
      };
      assert.equal(at('select 1;\nsel|ect 2;'), 'select 2');
      assert.equal(at('select 1;|\nselect 2;'), 'select 1');
      assert.equal(at('select 1;  |  \nselect 2;'), 'select 1');
      assert.equal(at('select 1;\n\n|\n-- the second\nselect 2;'), 'select 2');
      assert.equal(at('select 1;\nselect 2;\n\n|'), 'select 2');
      assert.equal(at('|\n\nselect 1;'), 'select 1');
      assert.equal(at('-- nothing |here'), undefined);
    });
  });

  describe('plan trees', () => {
    it('PostgreSQL FORMAT JSON (analysed): labels, costs, rows, loops, and the node with the largest own time is hot', () => {
      const plan = [
        {
          Plan: {
            'Node Type': 'Sort', 'Startup Cost': 100, 'Total Cost': 110, 'Plan Rows': 50, 'Actual Total Time': 30, 'Actual Rows': 48, 'Actual Loops': 1, 'Sort Key': ['t.name'],
            Plans: [
              {
                'Node Type': 'Hash Join', 'Join Type': 'Inner', 'Startup Cost': 10, 'Total Cost': 90, 'Plan Rows': 50, 'Actual Total Time': 28, 'Actual Rows': 48, 'Actual Loops': 1, 'Hash Cond': '(t.album_id = a.album_id)',
                Plans: [
                  { 'Node Type': 'Seq Scan', 'Relation Name': 'track', Schema: 'public', Alias: 't', 'Total Cost': 70, 'Plan Rows': 400, 'Actual Total Time': 25, 'Actual Rows': 410, 'Actual Loops': 1, Filter: '(milliseconds > 300000)' },
                  { 'Node Type': 'Hash', 'Total Cost': 8, 'Plan Rows': 347, 'Actual Total Time': 0.5, 'Actual Rows': 347, 'Actual Loops': 1, Plans: [{ 'Node Type': 'Index Scan', 'Index Name': 'album_pkey', 'Relation Name': 'album', Alias: 'a', 'Total Cost': 6, 'Plan Rows': 1, 'Actual Total Time': 0.01, 'Actual Rows': 1, 'Actual Loops': 40 }] },
                ],
              },
            ],
          },
          'Planning Time': 0.4,
          'Execution Time': 30.2,
        },
      ];
      const tree = planTree({ format: 'postgres-json', plan, analyzed: true });
      assert.deepEqual(nodes(tree.root).map((n) => n.label), ['Sort', 'Inner Hash Join', 'Seq Scan on public.track t', 'Hash', 'Index Scan using album_pkey on album a']);
      assert.deepEqual([tree.metric, tree.nodeCount, tree.planningMs, tree.executionMs], ['time', 5, 0.4, 30.2]);
      const scan = nodes(tree.root)[2]!;
      assert.deepEqual([scan.self, scan.hot, scan.details], [25, true, ['Filter: (milliseconds > 300000)']]);
      const index = nodes(tree.root)[4]!;
      assert.equal(index.self, 0.4, 'time per loop × loops');
      assert.deepEqual(nodes(tree.root).filter((n) => n.hot).map((n) => n.label), ['Seq Scan on public.track t']);
      assert.ok(Math.abs(nodes(tree.root).reduce((s, n) => s + n.heat, 0) - 1) < 1e-9);
    });

    it('falls back to own cost for estimated plans', () => {
      const tree = planTree({ format: 'postgres-json', plan: [{ Plan: { 'Node Type': 'Limit', 'Total Cost': 12, Plans: [{ 'Node Type': 'Seq Scan', 'Relation Name': 'x', 'Total Cost': 11 }] } }], analyzed: false });
      assert.equal(tree.metric, 'cost');
      assert.deepEqual(nodes(tree.root).map((n) => [n.self, n.hot]), [[1, false], [11, true]]);
    });

    it('MariaDB ANALYZE FORMAT=JSON: blocks, sorts, nested loops and tables with measured rows and time', () => {
      const plan = {
        query_optimization: { r_total_time_ms: 0.2 },
        query_block: {
          select_id: 1, r_loops: 1, r_total_time_ms: 9.5,
          filesort: {
            sort_key: 'count(0) desc', r_total_time_ms: 1.5,
            temporary_table: {
              nested_loop: [
                { table: { table_name: 'o', access_type: 'ALL', rows: 20000, r_rows: 20000, r_total_time_ms: 6.1, attached_condition: 'o.c_id is not null' } },
                { table: { table_name: 'c', access_type: 'eq_ref', key: 'PRIMARY', used_key_parts: ['id'], rows: 1, r_rows: 1, r_loops: 20000, r_total_time_ms: 1.2 } },
              ],
            },
          },
        },
      };
      const tree = planTree({ format: 'mysql-json', plan, analyzed: true });
      assert.deepEqual(nodes(tree.root).map((n) => n.label), ['Query block #1', 'Filesort', 'Temporary table', 'Nested loop', 'ALL on o', 'eq_ref on c']);
      assert.equal(tree.metric, 'time');
      const o = nodes(tree.root)[4]!;
      assert.deepEqual([o.planRows, o.actualRows, o.hot], [20000, 20000, true]);
      assert.deepEqual(nodes(tree.root)[5]!.details, ['key: PRIMARY (id)']);
    });

    it('MySQL EXPLAIN ANALYZE text: the tree from the indentation, costs and actual times', () => {
      const text = [
        '-> Sort: total DESC  (actual time=5.1..5.2 rows=20 loops=1)',
        '    -> Table scan on <temporary>  (actual time=5.0..5.0 rows=20 loops=1)',
        '        -> Aggregate using temporary table  (actual time=4.9..4.9 rows=20 loops=1)',
        '            -> Nested loop inner join  (cost=9000.25 rows=20000) (actual time=0.1..4.0 rows=20000 loops=1)',
        '                -> Table scan on o  (cost=2000.25 rows=20000) (actual time=0.05..1.5 rows=20000 loops=1)',
        '                -> Single-row index lookup on c using PRIMARY (id=o.c_id)  (cost=0.25 rows=1) (actual time=0.0001..0.0001 rows=1 loops=20000)',
      ].join('\n');
      const tree = planTree({ format: 'mysql-text', plan: text, analyzed: true });
      assert.deepEqual(nodes(tree.root).map((n) => n.label.split(' ')[0]), ['Sort:', 'Table', 'Aggregate', 'Nested', 'Table', 'Single-row']);
      const loop = nodes(tree.root)[3]!;
      assert.deepEqual([loop.totalCost, loop.planRows, loop.actualRows, loop.actualTotalMs], [9000.25, 20000, 20000, 4]);
      assert.equal(nodes(tree.root)[5]!.loops, 20000);
      assert.ok(nodes(tree.root).some((n) => n.hot));
    });

    it('says clearly when the input is not a plan', () => {
      assert.throws(() => planTree({ format: 'postgres-json', plan: { nope: 1 }, analyzed: false }), /not a PostgreSQL JSON plan/);
      assert.throws(() => planTree({ format: 'mysql-text', plan: 'hello', analyzed: true }), /not a MySQL EXPLAIN ANALYZE plan/);
    });
  });

  it('turns driver values into JSON-safe cells', () => {
    const bytes = new Uint8Array([0xde, 0xad]);
    assert.deepEqual(
      [null, undefined, 1.5, NaN, 12n, new Date('2024-02-03T04:05:06Z'), bytes, { a: [1, new Date(0)] }, true].map((v) => toCellValue(v)),
      [null, null, 1.5, 'NaN', '12', '2024-02-03T04:05:06.000Z', '\\xdead', { a: [1, '1970-01-01T00:00:00.000Z'] }, true],
    );
  });

  describe('grid formats and sort', () => {
    const columns = [{ name: 'id' }, { name: 'note' }, { name: 'id' }];
    const rows = [
      [1, 'a,b', null],
      [2, '', { k: 'v' }],
      [3, 'say "hi"\nbye', 'x|y'],
    ];

    it('CSV: NULL is an empty field, the empty string is "", quotes and line breaks are quoted', () => {
      assert.equal(toCsv(columns, rows), 'id,note,id\r\n1,"a,b",\r\n2,"","{""k"":""v""}"\r\n3,"say ""hi""\nbye",x|y\r\n');
    });

    it('JSON: objects keyed by column (repeated names suffixed), NULL as null', () => {
      assert.deepEqual(JSON.parse(toJson(columns, rows)), [
        { id: 1, note: 'a,b', id_2: null },
        { id: 2, note: '', id_2: { k: 'v' } },
        { id: 3, note: 'say "hi"\nbye', id_2: 'x|y' },
      ]);
    });

    it('Markdown: pipes and line breaks escaped, NULL in italics', () => {
      assert.equal(toMarkdown(columns, rows), '| id | note | id |\n| --- | --- | --- |\n| 1 | a,b | *NULL* |\n| 2 |  | {"k":"v"} |\n| 3 | say "hi"<br>bye | x\\|y |\n');
      assert.equal(cellText(null), 'NULL');
    });

    it('sorts numbers and numeric text numerically, text naturally, NULLs last both ways, stably', () => {
      const data = [['10'], [null], ['9'], ['b'], ['B2'], ['b10'], [null], ['-1.5']];
      assert.deepEqual([...sortedOrder(data, 0, 'asc')].map((i) => data[i]![0]), ['-1.5', '9', '10', 'b', 'B2', 'b10', null, null]);
      assert.deepEqual([...sortedOrder(data, 0, 'desc')].map((i) => data[i]![0]), ['b10', 'B2', 'b', '10', '9', '-1.5', null, null]);
      assert.deepEqual([...sortedOrder(data, 0, 'asc')].slice(-2), [1, 6]);
    });
  });

  it('coerces the query and audit settings to safe values', () => {
    assert.deepEqual(ExecutionSettings.from(undefined, undefined), { maxRows: 1000, timeoutMs: 30000, auditPath: DEFAULT_AUDIT_LOG, auditIncludeText: true, allowedFunctions: [] });
    assert.deepEqual(ExecutionSettings.from({ maxRows: '250', timeoutMs: -5 }, { path: ' logs/a.log ', includeText: false }), { maxRows: 250, timeoutMs: 30000, auditPath: 'logs/a.log', auditIncludeText: false, allowedFunctions: [] });
    assert.deepEqual(ExecutionSettings.from({ maxRows: 1e12, timeoutMs: 'soon' }, 'nonsense'), { maxRows: 1_000_000, timeoutMs: 30000, auditPath: DEFAULT_AUDIT_LOG, auditIncludeText: true, allowedFunctions: [] });
    // schemawise.safety.allowedFunctions: names only; anything else is dropped.
    assert.deepEqual(ExecutionSettings.from({}, {}, { allowedFunctions: ['public.f', ' g ', 7, 'x; drop', ''] }).allowedFunctions, ['public.f', 'g']);
  });
});
