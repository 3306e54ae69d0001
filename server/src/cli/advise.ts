// `schemawise advise`: index suggestions for a workload (a SQL file or pg_stat_statements), verified
// by the planner with HypoPG where the database has it, plus existing indexes to consider dropping.
// Read-only: nothing is created on the database except hypothetical indexes in the advisor's session.
import { readFileSync } from 'node:fs';
import { AdvisorInputError, adviseIndexes, formatAdvice, workloadFromText, type AdviceFormat } from '../engine/advisor';
import { createDriver } from '../engine/drivers/registry';
import type { DatabaseDriver } from '../engine/drivers/types';
import { SchemaIndex } from '../engine/schema/schema-index';
import { stringFlag, UsageError, type ParsedArgs } from './args';
import { EXIT, type CliCommand } from './command';
import { CONNECTION_FLAGS, connectionFromArgs } from './connection-args';

export const adviseCommand: CliCommand = {
  name: 'advise',
  summary: 'suggest indexes for a workload, verified by the planner (HypoPG), and existing indexes to drop',
  usage: 'schemawise advise --connection <url> (--workload file.sql | --pg-stat-statements) [--format text|json|markdown] [--min-savings 50] [--rewrites]',
  flags: {
    ...CONNECTION_FLAGS,
    workload: { value: true, placeholder: 'file.sql', description: 'the queries to advise on (one statement per `;`); `-` reads standard input' },
    'pg-stat-statements': { value: false, description: 'take the workload from pg_stat_statements (PostgreSQL; top statements by total time, weighted by calls)' },
    format: { value: true, placeholder: 'text|json|markdown', description: 'output format (default text); json: {"indexes": [...], "drop": [...], …}' },
    'min-savings': { value: true, placeholder: 'percent', description: 'suggest an index only when it cuts a query\'s planner cost by at least this much (default 50)' },
    'min-rows': { value: true, placeholder: 'N', description: 'rule-based mode: ignore tables with fewer estimated rows (default 10000)' },
    'max-indexes': { value: true, placeholder: 'N', description: 'most indexes suggested for the whole workload (default 10)' },
    'max-columns': { value: true, placeholder: 'N', description: 'most key columns per suggested index (default 3)' },
    limit: { value: true, placeholder: 'N', description: 'with --pg-stat-statements: how many statements to read (default 50)' },
    'timeout-ms': { value: true, placeholder: 'N', description: 'statement timeout of the advisor\'s session (default 30000)' },
    rewrites: { value: false, description: 'also propose rewrites (NOT IN, OR, correlated subqueries, sargable predicates) checked to return the same rows: RUNS the queries read-only (PostgreSQL)' },
  },
  async run(args, io) {
    const file = stringFlag(args, 'workload');
    const fromStats = args.flags.has('pg-stat-statements');
    if (Boolean(file) === fromStats) throw new UsageError('give exactly one of --workload file.sql or --pg-stat-statements');
    const format = (stringFlag(args, 'format') ?? 'text') as AdviceFormat;
    if (!['text', 'json', 'markdown'].includes(format)) throw new UsageError('--format must be text, json or markdown');
    const options = {
      minSavingsPercent: intFlag(args, 'min-savings', 1, 99) ?? 50,
      ...(intFlag(args, 'min-rows', 0, 1e12) !== undefined ? { minTableRows: intFlag(args, 'min-rows', 0, 1e12) } : {}),
      ...(intFlag(args, 'max-indexes', 1, 100) !== undefined ? { maxIndexes: intFlag(args, 'max-indexes', 1, 100) } : {}),
      ...(intFlag(args, 'max-columns', 1, 8) !== undefined ? { maxColumns: intFlag(args, 'max-columns', 1, 8) } : {}),
      ...(intFlag(args, 'timeout-ms', 1, 3_600_000) !== undefined ? { statementTimeoutMs: intFlag(args, 'timeout-ms', 1, 3_600_000) } : {}),
    };
    let text: string | undefined;
    if (file) {
      try {
        text = readFileSync(file === '-' ? 0 : file, 'utf8');
      } catch (e) {
        io.stderr(`schemawise advise: cannot read the workload ${file}: ${(e as Error).message}`);
        return EXIT.failure;
      }
    }
    const config = { ...connectionFromArgs(args), readOnly: true };
    let driver: DatabaseDriver | undefined;
    try {
      driver = createDriver(config);
      await driver.connect();
      const schema = new SchemaIndex(await driver.introspect());
      const workload = text !== undefined ? workloadFromText(text, schema.model.dialect) : 'pg-stat-statements';
      if (Array.isArray(workload) && workload.length === 0) {
        io.stderr('schemawise advise: the workload has no SELECT, UPDATE, DELETE or INSERT … SELECT statement');
        return EXIT.failure;
      }
      const report = await adviseIndexes({ config, driver, schema, workload, options, statementsLimit: intFlag(args, 'limit', 1, 10_000), rewrites: args.flags.has('rewrites') });
      io.stdout(formatAdvice(report, format));
      return EXIT.ok;
    } catch (e) {
      if (e instanceof AdvisorInputError) {
        io.stderr(`schemawise advise: ${e.message}`);
        return EXIT.refused;
      }
      throw e;
    } finally {
      await driver?.close().catch(() => undefined);
    }
  },
};

function intFlag(args: ParsedArgs, name: string, min: number, max: number): number | undefined {
  const v = stringFlag(args, name);
  if (v === undefined) return undefined;
  if (!/^\d+$/.test(v) || Number(v) < min || Number(v) > max) throw new UsageError(`--${name} must be a whole number from ${min} to ${max}`);
  return Number(v);
}
