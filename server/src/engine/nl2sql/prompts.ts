// The prompt: a system message with the rules, a user message with the linked schema and the
// question, and repair messages that quote the problems found. Only schema metadata goes in
// (and sample values when the caller turned them on).
import type { Dialect } from '../sql/dialect';

export function systemPrompt(dialect: Dialect): string {
  return [
    `You translate questions about a ${dialect.displayName} database into one SQL query.`,
    'Rules:',
    '- Use only the tables and columns in the schema given; never invent names.',
    `- Write ${dialect.displayName} syntax; quote identifiers only when needed.`,
    '- Prefer a read-only SELECT. Write data only when the question explicitly asks for a change.',
    '- Answer with the SQL in one ```sql fenced block, followed by one sentence explaining it.',
    '- If the schema cannot answer the question, reply exactly: cannot answer: <the reason>.',
  ].join('\n');
}

export function questionMessage(schemaText: string, question: string): string {
  return `Schema:\n${schemaText}\n\nQuestion: ${question.trim()}`;
}

export function repairMessage(issues: readonly string[]): string {
  return [
    'That SQL has problems:',
    ...issues.map((i) => `- ${i}`),
    'Return a corrected query in one ```sql fenced block, using only the schema given.',
  ].join('\n');
}
