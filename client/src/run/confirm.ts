// Pure decisions of the run commands (no `vscode` import, so they are unit-tested directly): what
// the modal confirmation says for the statements the server wants confirmed, and the
// send → confirm → send-again flow with the server's confirmation token.
import type { Confirmation, ExplainOutcome, RunConnection, RunOutcome } from '../../../server/src/protocol';

export interface ConfirmationPrompt {
  /** The modal's message: names the connection. */
  message: string;
  /** One line per statement: "2. delete from orders — DELETE without WHERE". */
  detail: string;
  /** The confirming button (the other is the modal's Cancel). */
  confirmLabel: string;
}

export type Operation = 'run' | 'explain-analyze';

export function confirmationPrompt(operation: Operation, connection: RunConnection, items: readonly Confirmation[]): ConfirmationPrompt {
  const where = `"${connection.name}"${connection.production ? ' (production)' : ''}`;
  const n = items.length;
  const message =
    operation === 'explain-analyze'
      ? `EXPLAIN ANALYZE executes the statement on ${where}. Run it?`
      : connection.production
        ? `Run ${n === 1 ? 'this write' : `these ${n} writes`} on the production connection "${connection.name}"?`
        : `Run ${n === 1 ? 'a destructive statement' : `${n} destructive statements`} on ${where}?`;
  const detail = items.map((i) => `${i.index}. ${i.preview} — ${i.reason}`).join('\n');
  const confirmLabel = operation === 'explain-analyze' ? `Explain Analyze on ${connection.name}` : `Run on ${connection.name}`;
  return { message, detail, confirmLabel };
}

/** What a run or explain ended as, from the client's side: a declined confirmation is not sent again. */
export type Flow<T> = { kind: 'done'; outcome: T } | { kind: 'declined'; connection: RunConnection };

type Answer = RunOutcome | ExplainOutcome;

/**
 * Sends the request; when the server asks for a confirmation, asks the user (a modal) and sends it
 * again with the server's token. The token binds the answer to this SQL on this connection, so what
 * runs is exactly what the user confirmed.
 */
export async function withConfirmation<T extends Answer>(
  operation: Operation,
  send: (confirmToken?: string) => Promise<T>,
  ask: (prompt: ConfirmationPrompt) => Promise<boolean>,
): Promise<Flow<T>> {
  const first = await send();
  if (first.status !== 'needs-confirmation') return { kind: 'done', outcome: first };
  const yes = await ask(confirmationPrompt(operation, first.connection, first.items));
  if (!yes) return { kind: 'declined', connection: first.connection };
  const second = await send(first.token);
  // The SQL is the same and the token fresh, so a second request for confirmation means the server
  // changed its mind (e.g. the connection was replaced meanwhile): never loop, report it.
  return { kind: 'done', outcome: second };
}

/** A short title for the results panel: the file and what ran. */
export function runTitle(fileName: string, what: 'statement' | 'selection' | 'file' | 'explain' | 'explain-analyze', line?: number): string {
  const base = fileName.split(/[\\/]/).pop() || 'SQL';
  switch (what) {
    case 'statement':
      return `${base} · statement at line ${(line ?? 0) + 1}`;
    case 'selection':
      return `${base} · selection`;
    case 'file':
      return base;
    case 'explain':
      return `Explain · ${base}${line !== undefined ? ` line ${line + 1}` : ''}`;
    case 'explain-analyze':
      return `Explain Analyze · ${base}${line !== undefined ? ` line ${line + 1}` : ''}`;
  }
}
