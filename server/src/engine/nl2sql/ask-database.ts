// The NL → SQL pipeline: link the schema, ask the provider, extract the SQL, validate it (parse,
// schema check, EXPLAIN via callback), send the problems back for up to `maxRepairs` rounds, then
// classify the accepted statement. Nothing here executes SQL. Cancellation through `signal`;
// progress and streamed tokens through callbacks, so an editor can show them.
import type { SchemaIndex } from '../schema/schema-index';
import { classifyStatement } from './classify';
import { ProviderError } from './errors';
import { extractSql } from './extract-sql';
import { OFFLINE_CAPABILITIES } from './offline/capabilities';
import { linkSchema, type LinkingOptions } from './linking/link-schema';
import { questionMessage, repairMessage, systemPrompt } from './prompts';
import { tablesUsed } from './tables-used';
import type { AskProgress, AttemptRecord, ChatMessage, Nl2SqlFailure, Nl2SqlFailureKind, Nl2SqlProvider, Nl2SqlResult, ValueProbe } from './types';
import { validateCandidate, type ExplainCheck } from './validate';

export interface AskOptions {
  question: string;
  schema: SchemaIndex;
  provider: Nl2SqlProvider;
  linking?: Omit<LinkingOptions, 'signal'>;
  /** Repair rounds after the first answer (default 2, at most 5). */
  maxRepairs?: number;
  /** EXPLAIN check on the live connection (off when absent). */
  explain?: ExplainCheck;
  /** Local value lookups for the offline translator. */
  valueProbe?: ValueProbe;
  signal?: AbortSignal;
  onProgress?: (p: AskProgress) => void;
  onToken?: (text: string) => void;
  /** Trace logging of prompts and answers; the caller decides where (trace level only). */
  trace?: (message: string) => void;
}

export async function askDatabase(options: AskOptions): Promise<Nl2SqlResult> {
  const { schema, provider, signal } = options;
  const attempts: AttemptRecord[] = [];
  const fail = (kind: Nl2SqlFailureKind, message: string): Nl2SqlFailure => ({
    status: 'failed',
    kind,
    message,
    ...(kind === 'cannot-answer' && provider.id === 'offline' ? { help: OFFLINE_CAPABILITIES } : {}),
    rounds: attempts.length,
    attempts,
    provider: provider.id,
  });
  const question = options.question?.trim() ?? '';
  if (!question) return fail('bad-input', 'the question is empty');
  if (question.length > 4000) return fail('bad-input', 'the question is too long (more than 4000 characters)');
  const maxRepairs = provider.canRepair ? Math.min(5, Math.max(0, Math.floor(options.maxRepairs ?? 2))) : 0;
  const progress = (stage: AskProgress['stage'], round: number, message: string) => options.onProgress?.({ stage, round, message });

  try {
    progress('linking', 0, 'choosing the tables to show the model');
    const linked = await linkSchema(schema, question, { ...options.linking, signal });
    const system = systemPrompt(schema.dialect);
    const messages: ChatMessage[] = [{ role: 'user', content: questionMessage(linked.text, question) }];
    options.trace?.(`nl2sql prompt (${linked.tokens} schema tokens, ${linked.tables.length} tables):\n${system}\n---\n${messages[0]!.content}`);
    for (let round = 1; round <= maxRepairs + 1; round++) {
      progress(round === 1 ? 'generating' : 'repairing', round, round === 1 ? `asking ${provider.description}` : `asking ${provider.description} to repair its SQL (round ${round})`);
      const answer = await provider.generate({
        system,
        messages,
        signal,
        onToken: options.onToken,
        context: { question, schema, linked, valueProbe: options.valueProbe },
      });
      options.trace?.(`nl2sql answer (round ${round}):\n${answer}`);
      const extracted = extractSql(answer);
      if (extracted.kind === 'refusal') {
        attempts.push({ round, issues: [`cannot answer: ${extracted.reason}`] });
        return fail('cannot-answer', `cannot answer: ${extracted.reason}`);
      }
      let issues: string[];
      let warnings: string[] = [];
      if (extracted.kind === 'none') {
        issues = [`no SQL found in the answer (it began: ${JSON.stringify(extracted.preview.slice(0, 60))})`];
      } else {
        progress('validating', round, 'checking the SQL against the schema');
        ({ issues, warnings } = await validateCandidate(extracted.sql, schema, { explain: options.explain, signal }));
      }
      attempts.push({ round, ...(extracted.kind === 'sql' ? { sql: extracted.sql } : {}), issues });
      if (issues.length === 0 && extracted.kind === 'sql') {
        const classification = await classifyStatement(extracted.sql, schema.model.dialect);
        if (classification.kind === 'write') warnings.unshift(`THIS STATEMENT WRITES TO THE DATABASE (${classification.verb}): ${classification.reason ?? 'not read-only'}. Review it before running; Schemawise never runs it for you.`);
        progress('done', round, 'done');
        return {
          status: 'ok',
          sql: extracted.sql,
          ...(extracted.explanation ? { explanation: extracted.explanation } : {}),
          warnings,
          rounds: round,
          classification,
          tablesUsed: tablesUsed(extracted.sql, schema),
          tablesInContext: linked.tables.map((t) => `${t.table.schema}.${t.table.name}`),
          contextTokens: linked.tokens,
          attempts,
          provider: provider.id,
        };
      }
      messages.push({ role: 'assistant', content: answer }, { role: 'user', content: repairMessage(issues) });
    }
    const last = attempts[attempts.length - 1];
    const repairs = maxRepairs === 0 ? '' : ` after ${maxRepairs} repair round${maxRepairs === 1 ? '' : 's'}`;
    return fail('invalid-sql', `no valid SQL${repairs}: ${last?.issues.join('; ') ?? 'no answer'}`);
  } catch (e) {
    if (signal?.aborted || (e instanceof ProviderError && e.kind === 'cancelled')) return fail('cancelled', 'cancelled');
    if (e instanceof ProviderError) return fail('provider-error', `${provider.id} provider failed: ${e.message}`);
    return fail('provider-error', `${provider.id} provider failed: ${(e as Error)?.message ?? String(e)}`);
  }
}
