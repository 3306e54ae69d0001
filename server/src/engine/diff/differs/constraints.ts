// Keys, checks, foreign keys and indexes of a table present on both sides, matched by name. A
// constraint whose definition changed is dropped and added again (the planner orders the halves).
import type { ForeignKey, IndexInfo, KeyConstraint, TableInfo } from '../../schema/model';
import type { Change } from '../types';

export function diffConstraints(from: TableInfo, to: TableInfo): Change[] {
  const changes: Change[] = [];
  const pkA = from.primaryKey;
  const pkB = to.primaryKey;
  if (!sameKey(pkA, pkB)) {
    if (pkA) changes.push({ kind: 'drop_primary_key', table: from, key: pkA });
    if (pkB) changes.push({ kind: 'add_primary_key', table: to, key: pkB });
  }
  byName(from.uniques, to.uniques, sameKey, (a) => changes.push({ kind: 'drop_unique', table: from, key: a }), (b) => changes.push({ kind: 'add_unique', table: to, key: b }));
  byName(
    from.checks,
    to.checks,
    (a, b) => a.expression === b.expression,
    (a) => changes.push({ kind: 'drop_check', table: from, check: a }),
    (b) => changes.push({ kind: 'add_check', table: to, check: b }),
  );
  byName(from.foreignKeys, to.foreignKeys, sameForeignKey, (a) => changes.push({ kind: 'drop_foreign_key', table: from, fk: a }), (b) => changes.push({ kind: 'add_foreign_key', table: to, fk: b }));
  byName(from.indexes, to.indexes, sameIndex, (a) => changes.push({ kind: 'drop_index', table: from, index: a }), (b) => changes.push({ kind: 'create_index', table: to, index: b }));
  return changes;
}

/** Calls drop for every `a` without an equal `b` of the same name, add for every such `b`. */
function byName<T extends { name: string }>(a: T[], b: T[], same: (x: T, y: T) => boolean, drop: (x: T) => void, add: (y: T) => void): void {
  const bs = new Map(b.map((x) => [x.name, x]));
  const as = new Map(a.map((x) => [x.name, x]));
  for (const x of a) {
    const y = bs.get(x.name);
    if (!y || !same(x, y)) drop(x);
  }
  for (const y of b) {
    const x = as.get(y.name);
    if (!x || !same(x, y)) add(y);
  }
}

function sameKey(a: KeyConstraint | undefined, b: KeyConstraint | undefined): boolean {
  if (!a || !b) return a === b;
  return a.name === b.name && a.columns.join('\u0000') === b.columns.join('\u0000');
}

function sameForeignKey(a: ForeignKey, b: ForeignKey): boolean {
  return (
    a.columns.join('\u0000') === b.columns.join('\u0000') &&
    a.refSchema === b.refSchema &&
    a.refTable === b.refTable &&
    a.refColumns.join('\u0000') === b.refColumns.join('\u0000') &&
    a.onUpdate === b.onUpdate &&
    a.onDelete === b.onDelete &&
    !!a.deferrable === !!b.deferrable &&
    !!a.initiallyDeferred === !!b.initiallyDeferred
  );
}

function sameIndex(a: IndexInfo, b: IndexInfo): boolean {
  return indexShape(a) === indexShape(b);
}

/** What an index is, without its own name or the qualified name of its table. */
export function indexShape(i: IndexInfo): string {
  const def = i.definition ? indexBody(i.definition) : '';
  return [i.unique, i.method ?? '', i.columns.join('\u0000'), i.predicate ?? '', def].join('|');
}

/** The part of CREATE INDEX text after "ON <table>": USING, key parts, INCLUDE, WHERE. */
export function indexBody(definition: string): string {
  const m = /\sON\s+(?:ONLY\s+)?(?:"(?:[^"]|"")+"|`(?:[^`]|``)+`|[\w$]+)(?:\s*\.\s*(?:"(?:[^"]|"")+"|`(?:[^`]|``)+`|[\w$]+))?\s*(.*)$/is.exec(definition);
  return (m ? m[1]! : definition).replace(/\s+/g, ' ').trim();
}
