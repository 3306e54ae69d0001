// `schemawise docs lint`: documentation coverage and schema anomalies in the spirit of tbls lint and
// SchemaSpy, each rule a small function with an id that settings can disable.
import type { SchemaModel, TableInfo } from '../schema/model';
import { coverageOf, type Coverage } from './coverage';
import { cmp, compareTables, tableKey } from './paths';

export interface LintFinding {
  rule: string;
  /** "schema.table" or "schema.table.column". */
  object: string;
  message: string;
}

export interface LintOptions {
  /** Rule ids to skip. */
  disable?: readonly string[];
  /** Naming convention: snake_case (default), camelCase, PascalCase, or a regular expression /…/. */
  naming?: string;
  /** Minimum coverage in percent (tables + columns described); below it the lint fails. */
  minCoverage?: number;
}

export interface LintReport {
  findings: LintFinding[];
  coverage: Coverage;
  minCoverage?: number;
  coverageOk: boolean;
}

interface Rule {
  id: string;
  summary: string;
  check(t: TableInfo, ctx: { naming: RegExp; namingLabel: string }): LintFinding[];
}

const isTable = (t: TableInfo) => t.kind === 'table' || t.kind === 'partitioned_table';

export const LINT_RULES: readonly Rule[] = [
  {
    id: 'no-primary-key',
    summary: 'a table without a primary key',
    check: (t) => (isTable(t) && !t.primaryKey ? [{ rule: 'no-primary-key', object: tableKey(t), message: 'table has no primary key' }] : []),
  },
  {
    id: 'fk-without-index',
    summary: 'a foreign key whose columns do not lead any index (slow joins, locks on parent deletes)',
    check: (t) =>
      t.foreignKeys
        .filter((fk) => !t.indexes.some((ix) => fk.columns.every((c, i) => ix.columns[i] === c)) && !(t.primaryKey && fk.columns.every((c, i) => t.primaryKey!.columns[i] === c)))
        .map((fk) => ({ rule: 'fk-without-index', object: tableKey(t), message: `foreign key ${fk.name} (${fk.columns.join(', ')}) has no index starting with its columns` })),
  },
  {
    id: 'undocumented-table',
    summary: 'a table or view without a description',
    check: (t) => (t.comment?.trim() ? [] : [{ rule: 'undocumented-table', object: tableKey(t), message: `${t.kind.replace('_', ' ')} has no description` }]),
  },
  {
    id: 'nullable-unique-column',
    summary: 'a nullable column alone under a unique constraint (several NULLs pass, usually a mistake)',
    check: (t) => {
      const single = new Set([...t.uniques.map((u) => u.columns), ...t.indexes.filter((i) => i.unique && !i.primary && !i.predicate).map((i) => i.columns)].filter((c) => c.length === 1).map((c) => c[0]!));
      return t.columns
        .filter((c) => c.nullable && single.has(c.name))
        .map((c) => ({ rule: 'nullable-unique-column', object: `${tableKey(t)}.${c.name}`, message: 'column is unique but nullable' }));
    },
  },
  {
    id: 'naming-convention',
    summary: 'a table or column name that breaks the naming convention (snake_case by default)',
    check: (t, ctx) => {
      const bad: LintFinding[] = [];
      if (!ctx.naming.test(t.name)) bad.push({ rule: 'naming-convention', object: tableKey(t), message: `table name is not ${ctx.namingLabel}` });
      for (const c of t.columns) if (!ctx.naming.test(c.name)) bad.push({ rule: 'naming-convention', object: `${tableKey(t)}.${c.name}`, message: `column name is not ${ctx.namingLabel}` });
      return bad;
    },
  },
];

const NAMING: Record<string, RegExp> = {
  snake_case: /^[a-z][a-z0-9]*(_[a-z0-9]+)*$/,
  camelCase: /^[a-z][a-zA-Z0-9]*$/,
  PascalCase: /^[A-Z][a-zA-Z0-9]*$/,
};

export class LintOptionError extends Error {
  override readonly name = 'LintOptionError';
}

export function namingPattern(naming: string | undefined): { re: RegExp; label: string } {
  const n = naming ?? 'snake_case';
  if (NAMING[n]) return { re: NAMING[n], label: n };
  const m = /^\/(.+)\/([a-z]*)$/.exec(n);
  if (!m) throw new LintOptionError(`unknown naming convention "${n}" (snake_case, camelCase, PascalCase or /regex/)`);
  try {
    return { re: new RegExp(m[1]!, m[2]), label: `matching ${n}` };
  } catch (e) {
    throw new LintOptionError(`naming pattern ${n} is not a valid regular expression: ${(e as Error).message}`);
  }
}

export function lintSchema(model: SchemaModel, options: LintOptions = {}): LintReport {
  const known = new Set(LINT_RULES.map((r) => r.id));
  for (const d of options.disable ?? []) if (!known.has(d)) throw new LintOptionError(`unknown lint rule "${d}" (rules: ${[...known].join(', ')})`);
  const naming = namingPattern(options.naming);
  const rules = LINT_RULES.filter((r) => !options.disable?.includes(r.id));
  const findings: LintFinding[] = [];
  for (const t of [...model.tables].sort(compareTables)) for (const r of rules) findings.push(...r.check(t, { naming: naming.re, namingLabel: naming.label }));
  findings.sort((a, b) => cmp(a.object, b.object) || cmp(a.rule, b.rule) || cmp(a.message, b.message));
  const coverage = coverageOf(model);
  const coverageOk = options.minCoverage === undefined || coverage.percent + 1e-9 >= options.minCoverage;
  return { findings, coverage, ...(options.minCoverage !== undefined ? { minCoverage: options.minCoverage } : {}), coverageOk };
}
