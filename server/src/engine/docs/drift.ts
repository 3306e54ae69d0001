// The drift check: the schema recorded next to the docs (schema.json) against the live schema,
// compared structurally, object by object — never as text. Each change names the object and says
// what changed, so a CI log reads like a changelog.
import type { CheckConstraint, ColumnInfo, ForeignKey, IndexInfo, KeyConstraint, SchemaModel, TableInfo } from '../schema/model';
import { routineSignature } from '../schema/model';
import { canonicalModel } from './structure';
import { cmp, tableKey } from './paths';

export type DriftKind = 'added' | 'dropped' | 'changed';

export interface DriftChange {
  kind: DriftKind;
  /** 'table', 'view', 'column', 'primary key', 'unique', 'check', 'foreign key', 'index', 'trigger', 'enum', 'routine', 'schema', 'description' … */
  object: string;
  /** Qualified name, e.g. "public.customer.email". */
  name: string;
  /** What changed, e.g. "type integer → bigint". */
  detail?: string;
}

/** Changes that turn `recorded` into `live`. Empty when they agree. */
export function diffSchemas(recordedModel: SchemaModel, liveModel: SchemaModel): DriftChange[] {
  const live = canonicalModel(liveModel);
  const recorded = canonicalModel(sameDatabaseName(recordedModel, liveModel));
  const out: DriftChange[] = [];
  const tableWord = (t: TableInfo) => (t.kind === 'view' ? 'view' : t.kind === 'materialized_view' ? 'materialized view' : 'table');

  byKey(recorded.schemas, live.schemas, (s) => s.name, {
    added: (s) => out.push({ kind: 'added', object: 'schema', name: s.name }),
    dropped: (s) => out.push({ kind: 'dropped', object: 'schema', name: s.name }),
    both: (a, b) => comment(out, 'schema', a.name, a.comment, b.comment),
  });

  byKey(recorded.tables, live.tables, tableKey, {
    added: (t) => out.push({ kind: 'added', object: tableWord(t), name: tableKey(t) }),
    dropped: (t) => out.push({ kind: 'dropped', object: tableWord(t), name: tableKey(t) }),
    both: (a, b) => diffTable(out, a, b, tableWord(b)),
  });

  byKey(recorded.enums, live.enums, (e) => `${e.schema}.${e.name}`, {
    added: (e) => out.push({ kind: 'added', object: 'enum', name: `${e.schema}.${e.name}` }),
    dropped: (e) => out.push({ kind: 'dropped', object: 'enum', name: `${e.schema}.${e.name}` }),
    both: (a, b) => {
      const name = `${a.schema}.${a.name}`;
      if (a.values.join('\u0000') !== b.values.join('\u0000')) out.push({ kind: 'changed', object: 'enum', name, detail: `values (${a.values.join(', ')}) → (${b.values.join(', ')})` });
      comment(out, 'enum', name, a.comment, b.comment);
    },
  });

  const routineKey = (r: SchemaModel['routines'][number]) => `${r.schema}.${routineSignature({ ...r, returnType: undefined })}`;
  byKey(recorded.routines, live.routines, routineKey, {
    added: (r) => out.push({ kind: 'added', object: r.kind, name: routineKey(r) }),
    dropped: (r) => out.push({ kind: 'dropped', object: r.kind, name: routineKey(r) }),
    both: (a, b) => {
      const name = routineKey(a);
      field(out, a.kind, name, 'return type', a.returnType, b.returnType);
      field(out, a.kind, name, 'language', a.language, b.language);
      field(out, a.kind, name, 'volatility', a.volatility, b.volatility);
      field(out, a.kind, name, 'security definer', a.securityDefiner, b.securityDefiner);
      if (a.definition !== undefined && b.definition !== undefined && norm(a.definition) !== norm(b.definition))
        out.push({ kind: 'changed', object: a.kind, name, detail: 'definition (body) changed' });
      comment(out, a.kind, name, a.comment, b.comment);
    },
  });

  const domains = (m: SchemaModel) => m.domains ?? [];
  byKey(domains(recorded), domains(live), (d) => `${d.schema}.${d.name}`, {
    added: (d) => out.push({ kind: 'added', object: 'domain', name: `${d.schema}.${d.name}` }),
    dropped: (d) => out.push({ kind: 'dropped', object: 'domain', name: `${d.schema}.${d.name}` }),
    both: (a, b) => {
      const name = `${a.schema}.${a.name}`;
      field(out, 'domain', name, 'base type', a.baseType, b.baseType);
      field(out, 'domain', name, 'nullable', a.nullable, b.nullable);
      field(out, 'domain', name, 'default', a.default, b.default);
      diffChecks(out, name, a.checks, b.checks, 'domain check');
    },
  });
  return out;
}

/**
 * MySQL/MariaDB: the schema *is* the database, and CI databases are often named differently from the
 * one the docs were generated from (app vs app_test). When each side holds one database, compare
 * them as the same one: the recorded model is renamed to the live database's name.
 */
function sameDatabaseName(recorded: SchemaModel, live: SchemaModel): SchemaModel {
  if (recorded.dialect !== 'mysql' || live.dialect !== 'mysql') return recorded;
  const from = onlySchema(recorded);
  const to = onlySchema(live);
  if (!from || !to || from === to) return recorded;
  const rename = (x: string) => (x === from ? to : x);
  const ref = (x: string | undefined) => (x?.startsWith(from + '.') ? to + x.slice(from.length) : x);
  const quoted = (text: string | undefined) => text?.split('`' + from.replace(/`/g, '``') + '`.').join('`' + to.replace(/`/g, '``') + '`.');
  return {
    ...recorded,
    schemas: recorded.schemas.map((sc) => ({ ...sc, name: rename(sc.name) })),
    tables: recorded.tables.map((t) => {
      const copy: TableInfo = {
        ...t,
        schema: rename(t.schema),
        columns: t.columns.map((c) => {
          const col = { ...c };
          if (c.enumRef) col.enumRef = ref(c.enumRef)!;
          return col;
        }),
        foreignKeys: t.foreignKeys.map((f) => ({ ...f, refSchema: rename(f.refSchema) })),
        indexes: t.indexes.map((i) => (i.definition ? { ...i, definition: quoted(i.definition)! } : i)),
      };
      if (t.viewDefinition) copy.viewDefinition = quoted(t.viewDefinition)!;
      if (t.viewDependencies) copy.viewDependencies = t.viewDependencies.map((d) => ref(d)!);
      return copy;
    }),
    enums: recorded.enums.map((e) => ({ ...e, schema: rename(e.schema) })),
    routines: recorded.routines.map((r) => ({ ...r, schema: rename(r.schema) })),
  };
}

function onlySchema(m: SchemaModel): string | undefined {
  const names = new Set([...m.schemas.map((x) => x.name), ...m.tables.map((t) => t.schema)]);
  return names.size === 1 ? [...names][0] : undefined;
}

function diffTable(out: DriftChange[], a: TableInfo, b: TableInfo, word: string): void {
  const t = tableKey(a);
  if (a.kind !== b.kind) out.push({ kind: 'changed', object: word, name: t, detail: `kind ${a.kind} → ${b.kind}` });
  comment(out, word, t, a.comment, b.comment);
  byKey(a.columns, b.columns, (c) => c.name, {
    added: (c) => out.push({ kind: 'added', object: 'column', name: `${t}.${c.name}`, detail: describeColumn(c) }),
    dropped: (c) => out.push({ kind: 'dropped', object: 'column', name: `${t}.${c.name}` }),
    both: (x, y) => {
      const n = `${t}.${x.name}`;
      field(out, 'column', n, 'type', x.dataType, y.dataType);
      if (x.nullable !== y.nullable) out.push({ kind: 'changed', object: 'column', name: n, detail: y.nullable ? 'now nullable (was NOT NULL)' : 'now NOT NULL (was nullable)' });
      field(out, 'column', n, 'default', x.default, y.default);
      field(out, 'column', n, 'identity', x.identity, y.identity);
      field(out, 'column', n, 'generated expression', x.generated, y.generated);
      field(out, 'column', n, 'collation', x.collation, y.collation);
      comment(out, 'column', n, x.comment, y.comment);
    },
  });
  const pk = (k?: KeyConstraint) => (k ? `${k.name} (${k.columns.join(', ')})` : undefined);
  if (pk(a.primaryKey) !== pk(b.primaryKey)) {
    if (!a.primaryKey) out.push({ kind: 'added', object: 'primary key', name: t, detail: pk(b.primaryKey) });
    else if (!b.primaryKey) out.push({ kind: 'dropped', object: 'primary key', name: t, detail: pk(a.primaryKey) });
    else out.push({ kind: 'changed', object: 'primary key', name: t, detail: `${pk(a.primaryKey)} → ${pk(b.primaryKey)}` });
  }
  const keyText = (k: KeyConstraint) => k.columns.join(', ');
  byKey(a.uniques, b.uniques, (u) => u.name, {
    added: (u) => out.push({ kind: 'added', object: 'unique constraint', name: `${t}.${u.name}`, detail: `(${keyText(u)})` }),
    dropped: (u) => out.push({ kind: 'dropped', object: 'unique constraint', name: `${t}.${u.name}`, detail: `(${keyText(u)})` }),
    both: (x, y) => field(out, 'unique constraint', `${t}.${x.name}`, 'columns', keyText(x), keyText(y)),
  });
  diffChecks(out, t, a.checks, b.checks, 'check constraint');
  const fkText = (f: ForeignKey) => `(${f.columns.join(', ')}) → ${f.refSchema}.${f.refTable} (${f.refColumns.join(', ')})`;
  const fkRules = (f: ForeignKey) => `on update ${f.onUpdate.replace('_', ' ')}, on delete ${f.onDelete.replace('_', ' ')}${f.deferrable ? (f.initiallyDeferred ? ', deferrable initially deferred' : ', deferrable') : ''}`;
  byKey(a.foreignKeys, b.foreignKeys, (f) => f.name, {
    added: (f) => out.push({ kind: 'added', object: 'foreign key', name: `${t}.${f.name}`, detail: fkText(f) }),
    dropped: (f) => out.push({ kind: 'dropped', object: 'foreign key', name: `${t}.${f.name}`, detail: fkText(f) }),
    both: (x, y) => {
      field(out, 'foreign key', `${t}.${x.name}`, 'reference', fkText(x), fkText(y));
      field(out, 'foreign key', `${t}.${x.name}`, 'rules', fkRules(x), fkRules(y));
    },
  });
  const ixText = (i: IndexInfo) => `${i.unique ? 'unique ' : ''}${i.method ?? ''}(${i.columns.join(', ')})${i.predicate ? ` WHERE ${i.predicate}` : ''}`;
  byKey(a.indexes, b.indexes, (i) => i.name, {
    added: (i) => out.push({ kind: 'added', object: 'index', name: `${t}.${i.name}`, detail: ixText(i) }),
    dropped: (i) => out.push({ kind: 'dropped', object: 'index', name: `${t}.${i.name}`, detail: ixText(i) }),
    both: (x, y) => field(out, 'index', `${t}.${x.name}`, 'definition', ixText(x), ixText(y)),
  });
  if (a.triggers !== undefined && b.triggers !== undefined)
    byKey(a.triggers, b.triggers, (tr) => tr.name, {
      added: (tr) => out.push({ kind: 'added', object: 'trigger', name: `${t}.${tr.name}`, detail: `${tr.timing} ${tr.events.join(' or ')}` }),
      dropped: (tr) => out.push({ kind: 'dropped', object: 'trigger', name: `${t}.${tr.name}` }),
      both: (x, y) => {
        field(out, 'trigger', `${t}.${x.name}`, 'timing', x.timing, y.timing);
        field(out, 'trigger', `${t}.${x.name}`, 'events', x.events.join(', '), y.events.join(', '));
        if (x.definition !== undefined && y.definition !== undefined && norm(x.definition) !== norm(y.definition))
          out.push({ kind: 'changed', object: 'trigger', name: `${t}.${x.name}`, detail: 'definition changed' });
      },
    });
  if (a.viewDefinition !== undefined || b.viewDefinition !== undefined)
    if (norm(a.viewDefinition ?? '') !== norm(b.viewDefinition ?? '')) out.push({ kind: 'changed', object: word, name: t, detail: 'view definition changed' });
}

function diffChecks(out: DriftChange[], owner: string, a: CheckConstraint[], b: CheckConstraint[], word: string): void {
  byKey(a, b, (c) => c.name, {
    added: (c) => out.push({ kind: 'added', object: word, name: `${owner}.${c.name}`, detail: c.expression }),
    dropped: (c) => out.push({ kind: 'dropped', object: word, name: `${owner}.${c.name}`, detail: c.expression }),
    both: (x, y) => {
      if (norm(x.expression) !== norm(y.expression)) out.push({ kind: 'changed', object: word, name: `${owner}.${x.name}`, detail: `${x.expression} → ${y.expression}` });
    },
  });
}

function describeColumn(c: ColumnInfo): string {
  return `${c.dataType}${c.nullable ? '' : ' NOT NULL'}${c.default !== undefined ? ` DEFAULT ${c.default}` : ''}`;
}

function field(out: DriftChange[], object: string, name: string, what: string, a: unknown, b: unknown): void {
  if (a === b) return;
  const show = (v: unknown) => (v === undefined ? '(none)' : String(v));
  out.push({ kind: 'changed', object, name, detail: `${what} ${show(a)} → ${show(b)}` });
}

function comment(out: DriftChange[], object: string, name: string, a: string | undefined, b: string | undefined): void {
  if ((a ?? '') === (b ?? '')) return;
  const detail = !a ? 'comment added' : !b ? 'comment removed' : 'comment changed';
  out.push({ kind: 'changed', object, name, detail });
}

function norm(s: string): string {
  return s.replace(/\s+/g, ' ').trim();
}

function byKey<T>(a: readonly T[], b: readonly T[], key: (x: T) => string, on: { added(x: T): void; dropped(x: T): void; both(x: T, y: T): void }): void {
  const left = new Map(a.map((x) => [key(x), x]));
  const right = new Map(b.map((x) => [key(x), x]));
  for (const k of [...new Set([...left.keys(), ...right.keys()])].sort(cmp)) {
    const x = left.get(k);
    const y = right.get(k);
    if (x && y) on.both(x, y);
    else if (y) on.added(y);
    else if (x) on.dropped(x);
  }
}

/** Differences between the docs.yml descriptions recorded with the docs and the current docs.yml. */
export function diffDescriptions(recorded: Record<string, string>, current: Record<string, string>): DriftChange[] {
  const out: DriftChange[] = [];
  for (const k of [...new Set([...Object.keys(recorded), ...Object.keys(current)])].sort(cmp)) {
    if (recorded[k] === current[k]) continue;
    const detail = recorded[k] === undefined ? 'description added in docs.yml' : current[k] === undefined ? 'description removed from docs.yml' : 'description changed in docs.yml';
    out.push({ kind: 'changed', object: 'description', name: k, detail });
  }
  return out;
}

export function formatDrift(changes: readonly DriftChange[]): string {
  return changes.map((c) => `${c.kind.padEnd(7)} ${c.object} ${c.name}${c.detail ? `: ${c.detail}` : ''}`).join('\n');
}
