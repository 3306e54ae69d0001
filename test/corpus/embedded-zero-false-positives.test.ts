// Zero false positives for SQL in templates: every BIRD gold query (PostgreSQL and MySQL) written as
// application code does — inside sql`…`, its string and number literals turned into `${…}`
// substitutions, MySQL backticks escaped — gives no syntax and no unknown-name error against its own
// schema. Also counts the statements whose check was given up because a substitution stood where no
// parameter can (INTERVAL ${x}): that is coverage lost, never a false error.
import { strict as assert } from 'node:assert';
import { join } from 'node:path';
import { DiagnosticsEngine } from '../../server/src/engine/diagnostics';
import { diagnoseEmbedded, embeddedSql, findSqlTemplates } from '../../server/src/engine/embedded';
import type { DialectId } from '../../server/src/engine/schema/model';
import { SchemaIndex } from '../../server/src/engine/schema/schema-index';
import { birdGold, DATASETS, modelsFromTablesJson, type GoldQuery } from '../helpers/spider-models';
import { BIRD_EXCLUDED } from './exclusions';

const ERROR_CODES = new Set(['syntax', 'unknown-schema', 'unknown-table', 'unknown-column', 'unknown-function', 'ambiguous-column', 'undefined-alias', 'insert-value-count']);

/** The query as a TS template: literals → ${p[n]}, template specials escaped. */
export function asTemplate(sql: string): { host: string; substitutions: number } {
  let n = 0;
  const body = sql
    .replace(/`[^`]*`|"[^"]*"|'(?:[^']|'')*'|(?<![\w.$])\d+(?:\.\d+)?(?![\w.])|[\\$]/g, (m) => {
      // Quoted names stay (their backticks escaped); string and number literals become substitutions.
      if (m.startsWith('`') || m.startsWith('"')) return m.replace(/[`\\$]/g, (c) => `\\${c}`);
      if (m === '\\' || m === '$') return `\\${m}`;
      return `\${p[${n++}]}`;
    });
  return { host: `export const q = (p: unknown[]) => sql\`${body}\`;\n`, substitutions: n };
}

describe('embedded SQL: zero false positives on BIRD gold SQL written as templates', function () {
  this.timeout(60_000);
  let engine: DiagnosticsEngine;
  before(async () => {
    engine = await DiagnosticsEngine.create();
  });
  const tables = join(DATASETS, 'bird-minidev', 'mini_dev_sqlite_tables.json');

  const run = (queries: GoldQuery[], dialect: DialectId) => {
    const indexes = new Map([...modelsFromTablesJson(tables, dialect)].map(([k, m]) => [k, new SchemaIndex(m)]));
    const excluded = new Set(BIRD_EXCLUDED.map((e) => e.id));
    const failures: string[] = [];
    let checked = 0;
    let substitutions = 0;
    let givenUp = 0;
    for (const q of queries) {
      if (excluded.has(q.id)) continue;
      const { host, substitutions: n } = asTemplate(q.sql);
      substitutions += n;
      const view = embeddedSql(host, findSqlTemplates(host, { kind: 'ts' }), dialect);
      assert.equal(view.regions.length, 1, `${q.id}: one template`);
      assert.equal(view.regions[0]!.role, 'statement', `${q.id}: a whole statement`);
      assert.equal(view.regions[0]!.placeholders.length, n, `${q.id}: every literal is a substitution`);
      const schema = indexes.get(q.db);
      checked++;
      for (const d of diagnoseEmbedded(engine, { view, schema })) {
        if (ERROR_CODES.has(d.code)) failures.push(`${q.id} ${d.code} "${host.slice(d.range.start, d.range.end)}": ${d.message}\n    ${host}`);
      }
      // Coverage given up: the plain query parses, the template's SQL does not (a substitution in a non-parameter place).
      const plain = engine.diagnose({ text: view.text.slice(view.regions[0]!.start, view.regions[0]!.end), dialect }).some((d) => d.code === 'syntax');
      if (plain) givenUp++;
    }
    return { failures, checked, substitutions, givenUp };
  };

  for (const [label, dialect] of [['postgresql', 'postgres'], ['mysql', 'mysql']] as const) {
    it(`reports no syntax or unknown-name error on the 500 BIRD ${label} gold queries as templates`, () => {
      const r = run(birdGold(label), dialect);
      console.log(`      BIRD ${label} as templates: ${r.checked} checked, ${r.substitutions} substitutions, ${r.givenUp} statements not checked (a substitution where no parameter can stand)`);
      assert.deepEqual(r.failures, []);
      assert.ok(r.givenUp < r.checked / 10, `coverage: ${r.givenUp} of ${r.checked} given up`);
    });
  }

  it('still finds a misspelt column in a gold query written as a template', () => {
    const q = birdGold('postgresql')[1]!;
    const { host } = asTemplate(q.sql.replace('T2.Consumption', 'T2.Consumptoin'));
    const view = embeddedSql(host, findSqlTemplates(host, { kind: 'ts' }), 'postgres');
    const schema = new SchemaIndex(modelsFromTablesJson(tables, 'postgres').get(q.db)!);
    assert.deepEqual(
      diagnoseEmbedded(engine, { view, schema }).map((d) => [d.code, host.slice(d.range.start, d.range.end)]),
      [['unknown-column', 'Consumptoin']],
    );
  });
});
