// "Refactor/Optimize this SQL": a proposal the person reviews as a diff, never applied or run here.
// Offline: the quick fixes of the diagnostics on the statement (lint and did-you-mean), then
// formatting with sql-formatter. With a language model: its rewrite, validated like askDatabase
// (parse, schema check, EXPLAIN), repaired up to `maxRepairs` rounds, and required to stay as
// read-only as the original; a rewrite that never validates falls back to the offline proposal.
import type { SqlLanguage } from 'sql-formatter';
import { format } from '../../sql/sql-formatter';
import { DiagnosticsEngine, type Diagnostic, type TextEdit } from '../../diagnostics';
import type { DialectId } from '../../schema/model';
import { classifyStatement } from '../classify';
import { ProviderError } from '../errors';
import { extractSql } from '../extract-sql';
import { repairMessage } from '../prompts';
import type { ChatMessage } from '../types';
import { validateCandidate, type ExplainCheck } from '../validate';
import { schemaContext, type SqlTaskOptions } from './explain-sql';
import { verifiedRewrites, type ReadOnlyQuery } from '../../advisor/optimize';

export interface OptimizeOptions extends SqlTaskOptions {
  maxRepairs?: number;
  explain?: ExplainCheck;
  /** The live connection's read-only query: rule-based rewrites (engine/advisor) are offered only when it confirms the same rows. */
  rewriteQuery?: ReadOnlyQuery;
}

export interface SqlRewrite {
  sql: string;
  notes: string[];
  provider: string;
  validated: boolean;
}

const LANGUAGE: Record<DialectId, SqlLanguage> = { postgres: 'postgresql', mysql: 'mysql', mssql: 'transactsql' };

let engine: Promise<DiagnosticsEngine> | undefined;

export async function optimizeSql(o: OptimizeOptions): Promise<SqlRewrite> {
  const sql = o.sql.trim();
  if (!sql) return { sql: o.sql, notes: ['There is no SQL to rewrite: select a statement or put the cursor in one.'], provider: 'offline', validated: false };
  const offline = await offlineRewrite(sql, o.schema.model.dialect, o);
  if (o.provider.id === 'offline') return offline;
  try {
    const ai = await modelRewrite(sql, o);
    return ai ?? { ...offline, notes: [...offline.notes, `The ${o.provider.id} provider's rewrite did not validate; this is the offline proposal.`], validated: false };
  } catch (e) {
    if (o.signal?.aborted || (e instanceof ProviderError && e.kind === 'cancelled')) throw new ProviderError('cancelled', 'cancelled');
    return { ...offline, notes: [...offline.notes, `The ${o.provider.id} provider failed (${e instanceof Error ? e.message : String(e)}); this is the offline proposal.`], validated: false };
  }
}

async function offlineRewrite(sql: string, dialect: DialectId, o: OptimizeOptions): Promise<SqlRewrite> {
  engine ??= DiagnosticsEngine.create();
  // Rule-based rewrites first (PostgreSQL), each checked on the live database; then the quick fixes.
  const rewrite = dialect === 'postgres' ? await verifiedRewrites(sql, o.schema, o.rewriteQuery) : undefined;
  const base = rewrite?.sql ?? sql;
  const found = (await engine).diagnose({ text: base, dialect, schema: o.schema });
  const { text: fixed, applied } = applyFixes(base, found);
  const notes = [...(rewrite?.notes ?? []), ...applied.map((d) => `${d.fix!.title} (${d.code}: ${d.message})`)];
  for (const d of found) if (!applied.includes(d) && d.severity !== 'info') notes.push(`Not changed: ${d.message} (${d.code})`);
  let formatted = fixed;
  try {
    formatted = format(fixed, { language: LANGUAGE[dialect] ?? 'sql', keywordCase: 'upper', tabWidth: 2 });
    if (formatted.trim() !== fixed.trim()) notes.push('Formatted (one clause per line, upper-case keywords).');
  } catch (e) {
    notes.push(`Not formatted: the formatter does not understand this statement (${(e instanceof Error ? e.message : String(e)).split('\n')[0]}).`);
  }
  if (notes.length === 0) notes.push('No change proposed: the statement is already formatted and has no findings with a fix.');
  return { sql: formatted, notes, provider: 'offline', validated: true };
}

/** Applies each finding's fix once, skipping fixes that overlap one already taken. */
export function applyFixes(text: string, found: readonly Diagnostic[]): { text: string; applied: Diagnostic[] } {
  const taken: { d: Diagnostic; edits: TextEdit[] }[] = [];
  const overlaps = (a: TextEdit, b: TextEdit) => a.start < b.end && b.start < a.end || (a.start === b.start && a.end === b.end);
  for (const d of found) {
    const edits = d.fix?.edits ?? [];
    if (edits.length === 0) continue;
    if (taken.some((t) => t.edits.some((e) => edits.some((x) => overlaps(e, x))))) continue;
    taken.push({ d, edits });
  }
  const all = taken.flatMap((t) => t.edits).sort((a, b) => b.start - a.start);
  let out = text;
  for (const e of all) out = out.slice(0, e.start) + e.newText + out.slice(e.end);
  return { text: out, applied: taken.map((t) => t.d) };
}

async function modelRewrite(sql: string, o: OptimizeOptions): Promise<SqlRewrite | undefined> {
  const dialect = o.schema.model.dialect;
  const original = await classifyStatement(sql, dialect);
  const system = [
    `You improve ${o.schema.dialect.displayName} SQL. Rewrite the query so it returns exactly the same result, but is clearer and cheaper to run (sargable filters, no needless subqueries or DISTINCT, explicit joins).`,
    '- Use only the tables and columns in the schema given.',
    '- Never turn a read into a write.',
    '- Answer with the SQL in one ```sql fenced block, then one short bullet list of what you changed and why.',
  ].join('\n');
  const messages: ChatMessage[] = [{ role: 'user', content: `Schema:\n${schemaContext(sql, o.schema, o.includeComments !== false)}\n\nSQL:\n\`\`\`sql\n${sql}\n\`\`\`` }];
  o.trace?.(`optimizeSql prompt:\n${system}\n---\n${messages[0]!.content}`);
  const rounds = 1 + Math.min(5, Math.max(0, Math.floor(o.maxRepairs ?? 2)));
  for (let round = 1; round <= rounds; round++) {
    const answer = await o.provider.generate({ system, messages, signal: o.signal, onToken: o.onToken });
    o.trace?.(`optimizeSql answer (round ${round}):\n${answer}`);
    const extracted = extractSql(answer);
    let issues: string[];
    if (extracted.kind !== 'sql') issues = ['no SQL found in the answer'];
    else {
      ({ issues } = await validateCandidate(extracted.sql, o.schema, { explain: o.explain, signal: o.signal }));
      if (issues.length === 0 && original.kind === 'read' && (await classifyStatement(extracted.sql, dialect)).kind !== 'read') issues.push('the rewrite writes to the database, but the original only reads');
      if (issues.length === 0) {
        // extractSql folds the prose into one paragraph; its bullets become one note each.
        const notes = (extracted.explanation ?? '').split(/(?:^|\s)[-*\u2022]\s+/).map((l) => l.trim()).filter(Boolean);
        return { sql: extracted.sql, notes: notes.length ? notes : ['Rewritten by the model.'], provider: o.provider.id, validated: true };
      }
    }
    messages.push({ role: 'assistant', content: answer }, { role: 'user', content: repairMessage(issues) });
  }
  return undefined;
}
