// What the editor does with an askDatabase result, decided without `vscode` (unit-tested): insert
// quietly, insert only after a modal warning (a statement that writes), or show why there is none.
import type { Nl2SqlResult } from '../../../server/src/protocol';

export type AnswerAction =
  | { kind: 'insert'; sql: string; info?: string }
  /** A write: insert only if the person confirms the modal warning. Nothing is ever run. */
  | { kind: 'confirm-write'; sql: string; warning: string; detail: string }
  | { kind: 'cancelled' }
  /** `openSettings`: offer a button to the AI settings (the offline translator declined). */
  | { kind: 'show-failure'; message: string; openSettings?: boolean };

/** The setting that connects a language model (the offline translator's declines point to it). */
export const AI_SETTINGS_QUERY = 'schemawise.ai';

export function answerAction(result: Nl2SqlResult): AnswerAction {
  if (result.status === 'failed') {
    if (result.kind === 'cancelled') return { kind: 'cancelled' };
    if (result.help) {
      const connect = 'For any other question, connect a language model: set "schemawise.ai.baseUrl" to an OpenAI-compatible endpoint (and the key with "Schemawise: Set AI API Key").';
      return { kind: 'show-failure', message: `Schemawise: ${result.message}. ${result.help} ${connect}`, openSettings: true };
    }
    return { kind: 'show-failure', message: `Schemawise: ${result.message}` };
  }
  const notes = result.warnings.filter((w) => !w.startsWith('THIS STATEMENT WRITES'));
  const info = [result.explanation, ...notes].filter(Boolean).join(' · ') || undefined;
  if (result.classification.kind === 'write') {
    return {
      kind: 'confirm-write',
      sql: result.sql,
      warning: `This SQL WRITES TO THE DATABASE (${result.classification.verb}).`,
      detail: [`${result.classification.reason ?? 'It is not read-only.'}`, 'Schemawise only inserts it into the editor and never runs it; review it before you run it yourself.', '', result.sql].join('\n'),
    };
  }
  return { kind: 'insert', sql: result.sql, info };
}
