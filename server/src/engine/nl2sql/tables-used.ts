// The tables a statement names after FROM, JOIN, INTO, UPDATE, TABLE or USING, resolved against
// the schema ("schema.table"). CTE names and unknown names are left out.
import type { SchemaIndex } from '../schema/schema-index';
import { namePart, readDottedName, splitTableName } from '../sql/names';
import { tokenize } from '../sql/tokenizer';
import { keywordOf } from '../sql/tokens';

const BEFORE_TABLE = new Set(['FROM', 'JOIN', 'INTO', 'UPDATE', 'TABLE', 'USING']);

export function tablesUsed(sql: string, schema: SchemaIndex): string[] {
  const tokens = tokenize(sql, schema.dialect).filter((t) => t.kind !== 'comment');
  const out = new Set<string>();
  for (let i = 0; i < tokens.length - 1; i++) {
    if (!BEFORE_TABLE.has(keywordOf(tokens[i]))) continue;
    const name = readDottedName(tokens, i + 1);
    if (!name || name.trailingDot) continue;
    const { schema: s, name: n } = splitTableName(name.parts);
    const t = schema.findTable(namePart(n), s ? namePart(s) : undefined);
    if (t) out.add(`${t.schema}.${t.name}`);
  }
  return [...out];
}
