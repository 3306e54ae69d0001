// A small reader of PostgreSQL DDL scripts into a SchemaModel, for tests that need a real, large,
// multi-schema schema (AdventureWorks) without a database. It understands what such install
// scripts use: CREATE SCHEMA … CREATE TABLE …, CREATE TABLE, ALTER TABLE ADD/DROP COLUMN,
// ALTER TABLE ADD CONSTRAINT PRIMARY KEY/UNIQUE/FOREIGN KEY, CREATE UNIQUE INDEX and COMMENT ON
// SCHEMA/TABLE/COLUMN. Anything else (views, functions, data) is ignored.
import { readFileSync } from 'node:fs';
import { emptyModel, type ColumnInfo, type SchemaModel, type TableInfo } from '../../server/src/engine/schema/model';
import { datasetPath, pgScriptStatements } from './datasets';

const ID = String.raw`(?:"(?:[^"]|"")+"|[A-Za-z_][\w$]*)`;
const QNAME = String.raw`(${ID}(?:\s*\.\s*${ID})*)`;

export function pgDdlModel(script: string, database: string): SchemaModel {
  const model = emptyModel('postgres', database, ['public']);
  const tables = new Map<string, TableInfo>();
  const table = (qname: string) => tables.get(key(qname, 'public'));
  for (const raw of pgScriptStatements(script, { ddlOnly: true })) {
    const stmt = stripComments(raw).trim();
    let m: RegExpExecArray | null;
    if ((m = new RegExp(String.raw`^CREATE\s+SCHEMA\s+(?:IF\s+NOT\s+EXISTS\s+)?(${ID})([\s\S]*)$`, 'i').exec(stmt))) {
      const schema = ident(m[1]);
      if (!model.schemas.some((s) => s.name === schema)) model.schemas.push({ name: schema });
      for (const body of splitTopLevel(m[2], /\bCREATE\s+TABLE\b/gi)) addTable(body, schema);
    } else if (/^CREATE\s+TABLE\b/i.test(stmt)) {
      addTable(stmt.replace(/^CREATE\s+TABLE\s+(IF\s+NOT\s+EXISTS\s+)?/i, ''), 'public');
    } else if ((m = new RegExp(String.raw`^ALTER\s+TABLE\s+(?:ONLY\s+)?${QNAME}\s+([\s\S]*)$`, 'i').exec(stmt))) {
      const t = table(m[1]);
      if (t) alterTable(t, m[2].trim());
    } else if ((m = new RegExp(String.raw`^CREATE\s+UNIQUE\s+INDEX\s+(${ID})\s+ON\s+${QNAME}\s*\(([^)]*)\)`, 'i').exec(stmt))) {
      const t = table(m[2]);
      if (t) t.indexes.push({ name: ident(m[1]), columns: idents(m[3]), unique: true, primary: false });
    } else if ((m = new RegExp(String.raw`^COMMENT\s+ON\s+(SCHEMA|TABLE|COLUMN)\s+${QNAME}\s+IS\s+'((?:[^']|'')*)'`, 'i').exec(stmt))) {
      comment(m[1].toUpperCase(), m[2], m[3].replace(/''/g, "'"));
    }
  }
  model.tables = [...tables.values()];
  return model;

  function addTable(text: string, defaultSchema: string): void {
    const m = new RegExp(String.raw`^\s*${QNAME}\s*\(([\s\S]*)\)\s*$`).exec(text.trim());
    if (!m) return;
    const [schema, name] = split(m[1], defaultSchema);
    if (!model.schemas.some((s) => s.name === schema)) model.schemas.push({ name: schema });
    const t: TableInfo = { schema, name, kind: 'table', columns: [], foreignKeys: [], uniques: [], checks: [], indexes: [] };
    tables.set(`${schema}.${name}`, t);
    for (const item of splitCommas(m[2])) {
      if (/^(CONSTRAINT|PRIMARY|FOREIGN|UNIQUE|CHECK|EXCLUDE)\b/i.test(item)) addConstraint(t, item);
      else addColumn(t, item);
    }
  }

  function addColumn(t: TableInfo, def: string): void {
    const m = new RegExp(String.raw`^(${ID})\s+([\s\S]*)$`).exec(def.trim());
    if (!m) return;
    const rest = m[2];
    const typeEnd = rest.search(/\s+(NOT\s+NULL|NULL|DEFAULT|CONSTRAINT|PRIMARY|UNIQUE|REFERENCES|CHECK|GENERATED|COLLATE)\b/i);
    const type = (typeEnd < 0 ? rest : rest.slice(0, typeEnd)).trim().replace(/^"(.*)"$/, '$1');
    const primary = /\bPRIMARY\s+KEY\b/i.test(rest);
    const serial = /^(small|big)?serial$/i.test(type);
    const col: ColumnInfo = {
      name: ident(m[1]),
      ordinal: t.columns.length + 1,
      dataType: serial ? (type.toLowerCase() === 'bigserial' ? 'bigint' : type.toLowerCase() === 'smallserial' ? 'smallint' : 'integer') : type,
      nullable: !(serial || primary || /\bNOT\s+NULL\b/i.test(rest)),
    };
    t.columns.push(col);
    if (primary) t.primaryKey = { name: `${t.name}_pkey`, columns: [col.name] };
    if (/\bUNIQUE\b/i.test(rest)) t.uniques.push({ name: `${t.name}_${col.name}_key`, columns: [col.name] });
  }

  function addConstraint(t: TableInfo, def: string): void {
    const named = new RegExp(String.raw`^CONSTRAINT\s+(${ID})\s+([\s\S]*)$`, 'i').exec(def.trim());
    const name = named ? ident(named[1]) : '';
    const body = named ? named[2] : def.trim();
    let m: RegExpExecArray | null;
    if ((m = /^PRIMARY\s+KEY\s*\(([^)]*)\)/i.exec(body))) t.primaryKey = { name: name || `${t.name}_pkey`, columns: idents(m[1]) };
    else if ((m = /^UNIQUE\s*\(([^)]*)\)/i.exec(body))) t.uniques.push({ name: name || `${t.name}_key`, columns: idents(m[1]) });
    else if ((m = new RegExp(String.raw`^FOREIGN\s+KEY\s*\(([^)]*)\)\s*REFERENCES\s+${QNAME}\s*\(([^)]*)\)`, 'i').exec(body))) {
      const [refSchema, refTable] = split(m[2], t.schema);
      t.foreignKeys.push({ name: name || `${t.name}_fkey`, columns: idents(m[1]), refSchema, refTable, refColumns: idents(m[3]), onUpdate: 'no_action', onDelete: 'no_action' });
    } else if ((m = /^CHECK\s*([\s\S]*)$/i.exec(body))) t.checks.push({ name, expression: m[1].trim() });
  }

  function alterTable(t: TableInfo, action: string): void {
    let m: RegExpExecArray | null;
    if (/^ADD\s+CONSTRAINT\b/i.test(action) || /^ADD\s+(PRIMARY|FOREIGN|UNIQUE|CHECK)\b/i.test(action)) addConstraint(t, action.replace(/^ADD\s+/i, ''));
    else if ((m = new RegExp(String.raw`^DROP\s+COLUMN\s+(?:IF\s+EXISTS\s+)?(${ID})`, 'i').exec(action))) {
      const name = ident(m[1]);
      t.columns = t.columns.filter((c) => c.name !== name).map((c, i) => ({ ...c, ordinal: i + 1 }));
    } else if ((m = /^ADD\s+(?:COLUMN\s+)?([\s\S]*)$/i.exec(action))) addColumn(t, m[1]);
  }

  function comment(kind: string, qname: string, text: string): void {
    const parts = splitName(qname);
    if (kind === 'SCHEMA') {
      const s = model.schemas.find((x) => x.name === parts[0]);
      if (s) s.comment = text;
    } else if (kind === 'TABLE') {
      const t = table(qname);
      if (t) t.comment = text;
    } else {
      const t = tables.get(parts.length === 3 ? `${parts[0]}.${parts[1]}` : `public.${parts[0]}`);
      const c = t?.columns.find((x) => x.name === parts[parts.length - 1]);
      if (c) c.comment = text;
    }
  }
}

/** AdventureWorks (lorint/AdventureWorks-for-Postgres) from the shared datasets, read as DDL. */
export function adventureWorksModel(): SchemaModel {
  return pgDdlModel(readFileSync(datasetPath('adventureworks/install.postgres.sql'), 'utf8'), 'adventureworks');
}

function ident(s: string): string {
  return s.startsWith('"') ? s.slice(1, -1).replace(/""/g, '"') : s.toLowerCase();
}

function splitName(q: string): string[] {
  return [...q.matchAll(new RegExp(ID, 'g'))].map((m) => ident(m[0]));
}

function split(q: string, defaultSchema: string): [string, string] {
  const parts = splitName(q);
  return parts.length >= 2 ? [parts[parts.length - 2], parts[parts.length - 1]] : [defaultSchema, parts[0]];
}

function key(q: string, defaultSchema: string): string {
  return split(q, defaultSchema).join('.');
}

function idents(list: string): string[] {
  return list.split(',').map((s) => ident(s.trim())).filter(Boolean);
}

/** Removes -- and /* *\/ comments outside quotes. */
function stripComments(sql: string): string {
  let out = '';
  for (let i = 0; i < sql.length; i++) {
    const ch = sql[i];
    if (ch === "'" || ch === '"') {
      const end = sql.indexOf(ch, i + 1);
      const stop = end < 0 ? sql.length : end;
      out += sql.slice(i, stop + 1);
      i = stop;
    } else if (ch === '-' && sql[i + 1] === '-') {
      const end = sql.indexOf('\n', i);
      i = end < 0 ? sql.length : end - 1;
    } else if (ch === '/' && sql[i + 1] === '*') {
      const end = sql.indexOf('*/', i + 2);
      i = end < 0 ? sql.length : end + 1;
    } else out += ch;
  }
  return out;
}

/** Splits at commas outside parentheses and quotes. */
function splitCommas(body: string): string[] {
  const out: string[] = [];
  let depth = 0, start = 0, quote = '';
  for (let i = 0; i < body.length; i++) {
    const ch = body[i];
    if (quote) {
      if (ch === quote) quote = '';
    } else if (ch === "'" || ch === '"') quote = ch;
    else if (ch === '(') depth++;
    else if (ch === ')') depth--;
    else if (ch === ',' && depth === 0) {
      out.push(body.slice(start, i).trim());
      start = i + 1;
    }
  }
  out.push(body.slice(start).trim());
  return out.filter(Boolean);
}

/** The pieces after each top-level match of `re` (CREATE SCHEMA's embedded CREATE TABLEs). */
function splitTopLevel(text: string, re: RegExp): string[] {
  const starts: { at: number; len: number }[] = [];
  let depth = 0;
  for (const m of text.matchAll(re)) {
    depth = [...text.slice(starts.length ? starts[starts.length - 1].at : 0, m.index)].reduce((d, c) => d + (c === '(' ? 1 : c === ')' ? -1 : 0), starts.length ? depth : 0);
    if (depth === 0) starts.push({ at: m.index!, len: m[0].length });
  }
  return starts.map((s, i) => text.slice(s.at + s.len, i + 1 < starts.length ? starts[i + 1].at : text.length));
}
