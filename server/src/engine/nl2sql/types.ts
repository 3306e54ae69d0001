// Contracts of natural language → SQL: the provider interface every backend implements (an
// OpenAI-compatible HTTP API or the offline translator), and the result the pipeline returns.
import type { SchemaIndex } from '../schema/schema-index';
import type { LinkedSchema } from './linking/link-schema';

export interface ChatMessage {
  role: 'user' | 'assistant';
  content: string;
}

/**
 * Tells whether `value` occurs in `table.column` (a local, read-only lookup). Only the offline
 * translator uses it, to pick the column a named value belongs to; nothing leaves the machine.
 */
export type ValueProbe = (schema: string, table: string, column: string, value: string, signal?: AbortSignal) => Promise<boolean>;

/** What the offline translator needs besides the prompt text; language-model providers ignore it. */
export interface GenerateContext {
  question: string;
  schema: SchemaIndex;
  linked: LinkedSchema;
  valueProbe?: ValueProbe;
}

export interface GenerateRequest {
  system: string;
  messages: ChatMessage[];
  signal?: AbortSignal;
  /** Called with each piece of text as it arrives when the provider streams. */
  onToken?: (text: string) => void;
  context?: GenerateContext;
}

export interface Nl2SqlProvider {
  /** "offline", "openai", … */
  readonly id: string;
  /** For messages, e.g. "gpt-4o-mini at https://api.openai.com/v1" (never a key). */
  readonly description: string;
  /** Whether feeding validation errors back can change the answer (false for deterministic ones). */
  readonly canRepair: boolean;
  /** The model's answer text. Throws ProviderError on failure. */
  generate(request: GenerateRequest): Promise<string>;
}

export interface StatementClassification {
  /** 'write' means "not provably read-only": data or schema changes, locks, side effects. */
  kind: 'read' | 'write';
  /** Leading keywords, e.g. "SELECT", "DELETE". */
  verb: string;
  /** Why it is not read-only (for a write). */
  reason?: string;
}

export interface AttemptRecord {
  round: number;
  /** SQL extracted from the answer, if any. */
  sql?: string;
  /** Problems found (empty when the attempt was accepted). */
  issues: string[];
}

export interface Nl2SqlSuccess {
  status: 'ok';
  sql: string;
  explanation?: string;
  warnings: string[];
  /** Provider calls made (1 = accepted first time). */
  rounds: number;
  classification: StatementClassification;
  /** Tables the statement reads or writes, as "schema.table". */
  tablesUsed: string[];
  /** Tables the prompt showed. */
  tablesInContext: string[];
  contextTokens: number;
  attempts: AttemptRecord[];
  provider: string;
}

export type Nl2SqlFailureKind = 'cannot-answer' | 'provider-error' | 'invalid-sql' | 'cancelled' | 'bad-input';

export interface Nl2SqlFailure {
  status: 'failed';
  kind: Nl2SqlFailureKind;
  /** One clear sentence for people. */
  message: string;
  /** What the provider can answer, when it declined a question (the offline translator says it). */
  help?: string;
  rounds: number;
  attempts: AttemptRecord[];
  provider: string;
}

export type Nl2SqlResult = Nl2SqlSuccess | Nl2SqlFailure;

export type AskStage = 'linking' | 'generating' | 'validating' | 'repairing' | 'done';

export interface AskProgress {
  stage: AskStage;
  round: number;
  message: string;
}
