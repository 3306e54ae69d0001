// The migration script: each planned change as a commented block of statements in plan order.
// Destructive changes are commented out unless allowed; changes the dialect cannot express say why.
import type { SchemaDiff } from './types';
import { DiffError } from './types';
import { postgresStatements, postgresUnsupported } from './render-postgres';
import { mysqlStatements, mysqlUnsupported } from './render-mysql';

export interface MigrationOptions {
  allowDestructive?: boolean;
  /** MySQL: the database the migration runs in (its objects are named unqualified). */
  database?: string;
}

export interface MigrationStep {
  summary: string;
  statements: string[];
  /** True when the statements are commented out (destructive, not allowed) or none could be made. */
  skipped: boolean;
  reason?: string;
}

export function migrationSteps(diff: SchemaDiff, options: MigrationOptions = {}): MigrationStep[] {
  if (diff.dialect === 'mssql') throw new DiffError('SQL Server migrations are not generated: the diff is a report only (use --format text, markdown or json)');
  return diff.changes.map((p) => {
    const unsupported = diff.dialect === 'postgres' ? postgresUnsupported(p) : mysqlUnsupported(p);
    const hazard = p.hazards.find((h) => h.kind === 'unsupported');
    if (unsupported || hazard) return { summary: p.summary, statements: [], skipped: true, reason: unsupported ?? hazard!.message };
    const statements = diff.dialect === 'postgres' ? postgresStatements(p) : mysqlStatements(p, options.database ?? '');
    const destructive = p.hazards.find((h) => h.kind === 'destructive');
    if (destructive && !options.allowDestructive) return { summary: p.summary, statements, skipped: true, reason: `destructive (${destructive.message}): rerun with --allow-destructive to include it` };
    return { summary: p.summary, statements, skipped: false };
  });
}

/** Statements that would run, in order (what the round-trip tests apply). */
export function migrationStatements(diff: SchemaDiff, options: MigrationOptions = {}): string[] {
  return migrationSteps(diff, options).flatMap((s) => (s.skipped ? [] : s.statements));
}

export function renderMigration(diff: SchemaDiff, options: MigrationOptions = {}): string {
  const steps = migrationSteps(diff, options);
  const lines = [`-- Schemawise migration: ${diff.fromLabel} → ${diff.toLabel} (${diff.dialect === 'postgres' ? 'PostgreSQL' : 'MySQL/MariaDB'})`];
  if (!steps.length) return lines.concat('-- The schemas are equal: nothing to do.', '').join('\n');
  lines.push('-- Review before running. Run it statement by statement, not inside one transaction');
  if (diff.dialect === 'postgres') lines.push('-- (CREATE INDEX CONCURRENTLY and ALTER TYPE … ADD VALUE cannot run in a transaction block).');
  else lines.push('-- (MySQL commits every DDL statement on its own).');
  const skipped = steps.filter((s) => s.skipped).length;
  if (skipped) lines.push(`-- ${skipped} change(s) are commented out below; search for "SKIPPED".`);
  if (diff.dialect === 'postgres' && diff.changes.some((c) => c.change.kind === 'create_routine' || c.change.kind === 'replace_routine'))
    lines.push('', '-- Function bodies are checked when called, so functions may name tables created later on.', 'SET check_function_bodies = off;');
  diff.changes.forEach((p, i) => {
    const step = steps[i]!;
    lines.push('', `-- ${p.summary}`);
    for (const h of p.hazards) if (h.kind !== 'unsupported') lines.push(`--   hazard (${h.kind}): ${h.message}`);
    if (step.skipped) {
      lines.push(`-- SKIPPED: ${step.reason}`);
      for (const s of step.statements) lines.push(...`${s};`.split('\n').map((l) => `-- ${l}`));
    } else for (const s of step.statements) lines.push(`${s};`);
  });
  for (const r of diff.possibleRenames) lines.push('', `-- Possible rename ${r.from} → ${r.to}: the drop and create above lose data if it is one; confirm with ${r.confirm}`);
  return lines.join('\n') + '\n';
}
