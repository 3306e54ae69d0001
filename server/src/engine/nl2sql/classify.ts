// Read vs write for the final statement, through the safety layer's classifier and firewall (the
// same rules that guard execution). Kept behind this one function so the policy has one owner.
import type { DialectId } from '../schema/model';
import { checkSql } from '../safety/firewall';
import type { StatementClassification } from './types';

export async function classifyStatement(sql: string, dialect: DialectId): Promise<StatementClassification> {
  const verdict = await checkSql(sql, dialect, 'read-only');
  const verb = verdict.statements[0]?.verb || sql.trim().split(/\s+/)[0]?.toUpperCase() || '';
  if (verdict.refusals.length === 0) return { kind: 'read', verb };
  return { kind: 'write', verb, reason: verdict.refusals.map((r) => r.reason).join('; ') };
}
