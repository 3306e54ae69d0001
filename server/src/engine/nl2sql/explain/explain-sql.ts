// "Explain this SQL": the offline provider answers with the structural description (deterministic,
// from the parser); a language model is asked for a short plain-words explanation, given only the
// statement and the CREATE TABLE-like rendering of the tables it names. A failing model falls back
// to the structural text, with the reason, so the person always gets an answer.
import type { SchemaIndex } from '../../schema/schema-index';
import { classifyStatement } from '../classify';
import { ProviderError } from '../errors';
import { renderTable } from '../linking/render';
import { tablesUsed } from '../tables-used';
import type { Nl2SqlProvider } from '../types';
import { describeSql } from './describe-statement';

export interface SqlTaskOptions {
  sql: string;
  schema: SchemaIndex;
  provider: Nl2SqlProvider;
  /** Table and column comments in the prompt (default true). */
  includeComments?: boolean;
  signal?: AbortSignal;
  onToken?: (text: string) => void;
  /** Prompts and answers, for trace-level logging only. */
  trace?: (message: string) => void;
}

export interface SqlExplanation {
  markdown: string;
  provider: string;
}

const MAX_SQL = 20_000;

export async function explainSql(o: SqlTaskOptions): Promise<SqlExplanation> {
  const sql = o.sql.trim();
  if (!sql) return { markdown: 'There is no SQL to explain: select a statement or put the cursor in one.', provider: 'offline' };
  if (sql.length > MAX_SQL) return { markdown: `The statement is too long to explain (${sql.length} characters; at most ${MAX_SQL}).`, provider: 'offline' };
  const structural = await structuralMarkdown(sql, o.schema);
  if (o.provider.id === 'offline') return { markdown: structural, provider: 'offline' };
  const system = [
    `You explain ${o.schema.dialect.displayName} SQL to a colleague in plain words.`,
    'Say what the result holds, then how: tables and joins, filters, grouping, ordering, limits. Mention pitfalls (NULLs, duplicates from joins, missing WHERE on a write).',
    'Answer in short Markdown (a sentence, then bullet points). Do not rewrite the query.',
  ].join('\n');
  const content = `Schema of the tables it uses:\n${schemaContext(sql, o.schema, o.includeComments !== false)}\n\nSQL:\n\`\`\`sql\n${sql}\n\`\`\``;
  o.trace?.(`explainSql prompt:\n${system}\n---\n${content}`);
  try {
    const answer = await o.provider.generate({ system, messages: [{ role: 'user', content }], signal: o.signal, onToken: o.onToken });
    o.trace?.(`explainSql answer:\n${answer}`);
    return { markdown: answer.trim(), provider: o.provider.id };
  } catch (e) {
    if (o.signal?.aborted || (e instanceof ProviderError && e.kind === 'cancelled')) throw new ProviderError('cancelled', 'cancelled');
    const why = e instanceof Error ? e.message : String(e);
    return { markdown: `${structural}\n\n---\n_The ${o.provider.id} provider failed (${why}); this is the offline structural explanation._`, provider: 'offline' };
  }
}

async function structuralMarkdown(sql: string, schema: SchemaIndex): Promise<string> {
  const body = describeSql(sql, schema);
  const c = await classifyStatement(sql, schema.model.dialect).catch(() => undefined);
  const kind = c ? (c.kind === 'read' ? `Read-only (\`${c.verb}\`).` : `**Writes to the database** (\`${c.verb}\`)${c.reason ? `: ${c.reason}` : ''}.`) : '';
  return [body, kind].filter(Boolean).join('\n\n');
}

/** CREATE TABLE-like text of the tables `sql` names (what a model needs to reason about it). */
export function schemaContext(sql: string, schema: SchemaIndex, includeComments: boolean): string {
  const rendered = tablesUsed(sql, schema)
    .map((qualified) => {
      const dot = qualified.indexOf('.');
      const t = schema.model.tables.find((x) => x.schema === qualified.slice(0, dot) && x.name === qualified.slice(dot + 1));
      return t ? renderTable(schema, t, { includeComments }) : undefined;
    })
    .filter((s): s is string => !!s);
  return rendered.length ? rendered.join('\n\n') : '(no table of the schema is named)';
}
