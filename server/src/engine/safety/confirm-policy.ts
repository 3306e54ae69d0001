// Which statements of a writable run need the user's confirmation before anything runs: the
// firewall's destructive ones (UPDATE/DELETE without WHERE, DROP, TRUNCATE, ALTER, denied functions,
// what could not be analysed) and, on a connection tagged `production`, every write. Pure, so the
// server enforces it and tests pin it without a database.
import { deniedFunction } from './deny-lists';
import { preview } from './firewall';
import type { ClassifiedStatement, Confirmation, FirewallVerdict } from './types';

export interface ConfirmPolicy {
  /** Every write needs a confirmation (a production connection). */
  confirmAllWrites?: boolean;
}

export function confirmationsFor(verdict: FirewallVerdict, policy: ConfirmPolicy = {}): Confirmation[] {
  if (verdict.mode !== 'writable') return [];
  const items = [...verdict.confirmations];
  if (policy.confirmAllWrites)
    for (const s of verdict.statements)
      if (isWrite(s) && !items.some((c) => c.index === s.index))
        items.push({ index: s.index, preview: preview(s.text), reason: `${s.verb || 'this statement'} writes to a production connection` });
  return items.sort((a, b) => a.index - b.index);
}

/** Anything but a plain, side-effect-free read: what execute() would run rather than the read-only path. */
export function isWrite(s: ClassifiedStatement): boolean {
  const plainRead = s.kind === 'select' || s.kind === 'show' || (s.kind === 'explain' && !s.explain?.analyze);
  const sideEffects = s.nestedWrites.length > 0 || !!s.selectInto || !!s.lockingClause || s.functions.some((f) => deniedFunction(s.dialect, f));
  return !(s.parsed && plainRead && !sideEffects);
}

/** True when the production tag is among the connection's tags (any case). */
export function isProductionConnection(tags: readonly string[] | undefined): boolean {
  return (tags ?? []).some((t) => t.toLowerCase() === 'production');
}
