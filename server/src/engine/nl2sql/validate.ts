// Validation of one candidate statement, in increasing cost: shape (exactly one statement), the
// diagnostics engine (syntax for the dialect, unknown or ambiguous names against the schema), then
// EXPLAIN on the connection through a caller's callback — never executed. The issues found are what
// the repair loop sends back to the provider. One function, so the checks can be swapped in one place.
import { DiagnosticsEngine } from '../diagnostics';
import { splitStatements } from '../diagnostics';
import type { SchemaIndex } from '../schema/schema-index';

/**
 * Asks the database for a plan of `sql` without running it (e.g. `driver.queryReadOnly('EXPLAIN '
 * + sql)` inside a rolled-back read-only transaction). Resolves an error message, or undefined.
 */
export type ExplainCheck = (sql: string, signal?: AbortSignal) => Promise<string | undefined>;

export interface ValidationReport {
  /** Problems that make the candidate unacceptable (sent back for repair). */
  issues: string[];
  /** Findings worth showing that do not block (lint warnings). */
  warnings: string[];
}

/** Diagnostic codes that make a candidate wrong, not just unidiomatic. */
const BLOCKING = new Set(['syntax', 'unknown-schema', 'unknown-table', 'unknown-column', 'ambiguous-column', 'undefined-alias', 'insert-value-count']);

let engine: Promise<DiagnosticsEngine> | undefined;
function diagnostics(): Promise<DiagnosticsEngine> {
  engine ??= DiagnosticsEngine.create();
  return engine;
}

export async function validateCandidate(sql: string, schema: SchemaIndex, options: { explain?: ExplainCheck; signal?: AbortSignal } = {}): Promise<ValidationReport> {
  const dialect = schema.model.dialect;
  const statements = splitStatements(sql, dialect).filter((s) => s.text.trim());
  if (statements.length === 0) return { issues: ['the answer holds no SQL statement'], warnings: [] };
  if (statements.length > 1) return { issues: [`the answer holds ${statements.length} statements; give exactly one`], warnings: [] };
  const found = (await diagnostics()).diagnose({ text: sql, dialect, schema });
  const issues: string[] = [];
  const warnings: string[] = [];
  for (const d of found) {
    const where = sql.slice(d.range.start, d.range.end).trim();
    const text = `${d.message}${where && !d.message.includes(where) ? ` (at "${where.slice(0, 40)}")` : ''}`;
    if (BLOCKING.has(d.code) && d.severity === 'error') issues.push(text);
    else if (d.severity !== 'info') warnings.push(text);
  }
  if (issues.length > 0 || !options.explain) return { issues, warnings };
  options.signal?.throwIfAborted();
  const explainError = await options.explain(sql, options.signal);
  if (explainError) issues.push(`the database rejected it: ${explainError}`);
  return { issues, warnings };
}
