// "Optimize this SQL" without an AI provider: the rule-based rewrites of one statement, each checked
// on the live database (same rows, cheaper plan); the cheapest offered one is applied and every
// candidate, offered or not, is explained in a note.
import type { SchemaIndex } from '../schema/schema-index';
import { loadPgParser } from '../diagnostics/pg/parser';
import { proposeRewrites } from './rewrites';
import { checkRewrite, type CheckedRewrite, type ReadOnlyQuery, type VerifyOptions } from './verify-rewrite';

export type { ReadOnlyQuery, CheckedRewrite };

export interface VerifiedRewriteResult {
  /** The applied rewrite's SQL, or undefined when none is offered. */
  sql?: string;
  notes: string[];
  checked: CheckedRewrite[];
}

export async function verifiedRewrites(sql: string, schema: SchemaIndex, query: ReadOnlyQuery | undefined, verify: VerifyOptions = {}): Promise<VerifiedRewriteResult> {
  await loadPgParser();
  const proposals = proposeRewrites(sql, schema);
  if (proposals.length === 0) return { notes: [], checked: [] };
  if (!query) {
    return { notes: [`${proposals.map((p) => p.title).join('; ')}: possible, but not offered without a live PostgreSQL connection to check that the rewrite returns the same rows.`], checked: [] };
  }
  const checked: CheckedRewrite[] = [];
  for (const p of proposals) checked.push(await checkRewrite(p, query, verify));
  const offered = checked.filter((c) => c.offered).sort((a, b) => (a.costAfter ?? 0) / (a.costBefore ?? 1) - (b.costAfter ?? 0) / (b.costBefore ?? 1));
  const best = offered[0];
  const notes = checked.map((c) => `${c === best ? 'Rewritten' : c.offered ? 'Also possible' : 'Considered'}: ${c.title} (${c.note}).`);
  return { sql: best?.rewritten, notes, checked };
}
