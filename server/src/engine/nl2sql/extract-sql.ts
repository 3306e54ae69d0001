// Pulls the SQL out of a model's answer, whatever shape it comes in: a fenced code block (```sql
// preferred), bare SQL, SQL after some prose, or nothing usable. Also recognises the explicit
// refusal the prompt asks for ("cannot answer: …").

export type ExtractedAnswer =
  | { kind: 'sql'; sql: string; explanation?: string }
  | { kind: 'refusal'; reason: string }
  | { kind: 'none'; preview: string };

const SQL_START = /^\s*(WITH|SELECT|INSERT|UPDATE|DELETE|MERGE|VALUES|TABLE|CREATE|ALTER|DROP|TRUNCATE|GRANT|REVOKE|EXPLAIN|SHOW|CALL|REPLACE|UPSERT|COPY|SET)\b/i;
const REFUSAL = /^\s*(?:[-*>#]\s*)?cannot answer\s*[:\-\u2013]\s*([\s\S]*)$/i;

export function extractSql(answer: string): ExtractedAnswer {
  const text = answer.replace(/\r\n/g, '\n').trim();
  const fences = [...text.matchAll(/```[ \t]*([A-Za-z0-9_+-]*)[^\n]*\n([\s\S]*?)(?:```|$)/g)];
  if (fences.length > 0) {
    const sqlFence = fences.find((f) => /^(sql|pgsql|postgres(ql)?|mysql|tsql|mssql|plpgsql)$/i.test(f[1] ?? '')) ?? fences.find((f) => SQL_START.test(f[2] ?? ''));
    if (sqlFence && sqlFence[2]!.trim()) {
      const explanation = (text.slice(0, sqlFence.index) + text.slice(sqlFence.index! + sqlFence[0].length)).trim();
      return { kind: 'sql', sql: cleanSql(sqlFence[2]!), ...(explanation ? { explanation: oneParagraph(explanation) } : {}) };
    }
  }
  const refusal = REFUSAL.exec(text.split('\n').find((l) => l.trim()) ?? '');
  if (refusal) return { kind: 'refusal', reason: refusal[1]!.trim() || 'no reason given' };
  if (SQL_START.test(text)) {
    // Bare SQL, maybe followed by a blank line and prose.
    const [sqlPart, ...prose] = splitAtProse(text);
    return { kind: 'sql', sql: cleanSql(sqlPart), ...(prose.length ? { explanation: oneParagraph(prose.join('\n')) } : {}) };
  }
  // Prose first, then SQL starting on its own line.
  const lines = text.split('\n');
  const at = lines.findIndex((l) => SQL_START.test(l) && /^\s*[A-Z]/i.test(l) && looksLikeSqlLine(l));
  if (at > 0) {
    const [sqlPart, ...after] = splitAtProse(lines.slice(at).join('\n'));
    const explanation = [lines.slice(0, at).join('\n'), ...after].join('\n').trim();
    return { kind: 'sql', sql: cleanSql(sqlPart), ...(explanation ? { explanation: oneParagraph(explanation) } : {}) };
  }
  return { kind: 'none', preview: text.length > 120 ? text.slice(0, 117) + '…' : text };
}

function looksLikeSqlLine(line: string): boolean {
  return /\b(FROM|INTO|SET|TABLE|\*|,)\b|\bSELECT\b\s+\S/i.test(line);
}

/** SQL up to the first statement end or the first blank line followed by prose. */
function splitAtProse(text: string): string[] {
  const paragraphs = text.split(/\n\s*\n/);
  let sqlEnd = 1;
  while (sqlEnd < paragraphs.length && SQL_START.test(paragraphs[sqlEnd]!) === false && /^\s*(FROM|WHERE|JOIN|GROUP|ORDER|LIMIT|HAVING|AND|OR|UNION|\))/i.test(paragraphs[sqlEnd]!)) sqlEnd++;
  return [paragraphs.slice(0, sqlEnd).join('\n\n'), ...paragraphs.slice(sqlEnd)];
}

function cleanSql(sql: string): string {
  return sql.trim().replace(/;\s*$/, '').trim();
}

function oneParagraph(text: string): string {
  return text.replace(/```/g, '').replace(/\s+/g, ' ').trim();
}
