// Loads the published dataset scripts from ../shared/datasets into a fresh PostgreSQL database,
// unchanged: the psql-only parts are handled here (meta-commands such as \c and \copy are dropped,
// CREATE/DROP DATABASE is skipped because we create the database ourselves), and "DDL only" skips
// the data statements of scripts whose data lives in files we do not have.
import path from 'node:path';
import { readFileSync } from 'node:fs';
import { Client } from 'pg';
import { PG_URL, pgUrlFor } from './services';

import { DATASETS_DIR } from './datasets-dir';

export { DATASETS_DIR };

export type PgDataset = 'chinook' | 'adventureworks' | 'sakila';

interface DatasetSpec {
  file: string;
  /** Keep only DDL (the data comes from CSV files that are not in the repository). */
  ddlOnly?: boolean;
}

const PG_DATASETS: Record<PgDataset | 'northwind', DatasetSpec> = {
  chinook: { file: 'chinook/chinook.postgres.sql' },
  adventureworks: { file: 'adventureworks/install.postgres.sql', ddlOnly: true },
  sakila: { file: 'sakila/sakila.postgres.schema.sql' },
  northwind: { file: 'northwind/northwind.postgres.sql' },
};

export function datasetPath(relative: string): string {
  return path.join(DATASETS_DIR, relative);
}

const loaded = new Map<string, Promise<string>>();

/**
 * Creates `database` (dropping an older copy) and loads the dataset into it, once per test run:
 * later calls with the same arguments return the same promise. Resolves to the database name.
 */
export function loadPgDataset(dataset: PgDataset | 'northwind', database: string): Promise<string> {
  const key = `${dataset}\u0000${database}`;
  let p = loaded.get(key);
  if (!p) {
    p = (async () => {
      await recreateDatabase(database);
      await runScript(database, pgScriptStatements(readFileSync(datasetPath(PG_DATASETS[dataset].file), 'utf8'), PG_DATASETS[dataset]));
      return database;
    })();
    p.catch(() => loaded.delete(key));
    loaded.set(key, p);
  }
  return p;
}

/** Drops (disconnecting anyone still attached) and creates an empty database on the test server. */
export async function recreateDatabase(database: string): Promise<void> {
  const admin = new Client({ connectionString: PG_URL });
  await admin.connect();
  try {
    const ident = '"' + database.replace(/"/g, '""') + '"';
    await admin.query(`DROP DATABASE IF EXISTS ${ident} WITH (FORCE)`);
    await admin.query(`CREATE DATABASE ${ident}`);
  } finally {
    await admin.end();
  }
}

export async function dropDatabase(database: string): Promise<void> {
  const admin = new Client({ connectionString: PG_URL });
  await admin.connect();
  try {
    await admin.query(`DROP DATABASE IF EXISTS "${database.replace(/"/g, '""')}" WITH (FORCE)`);
  } finally {
    await admin.end();
  }
}

/** Runs statements as one multi-statement simple query: one round trip, all or nothing. */
async function runScript(database: string, statements: string[]): Promise<void> {
  const c = new Client({ connectionString: pgUrlFor(database) });
  await c.connect();
  try {
    await c.query(statements.join('\n;\n') + '\n;');
  } finally {
    await c.end();
  }
}

const DATABASE_DDL = /^(create|drop)\s+database\b/i;
const DATA_STATEMENT = /^(insert|update|delete|copy|with|truncate)\b/i;

/** The statements of a psql script that a plain connection should run. */
export function pgScriptStatements(script: string, spec: { ddlOnly?: boolean } = {}): string[] {
  return splitPsqlScript(script).filter((s) => {
    const head = stripLeadingComments(s);
    if (!head || DATABASE_DDL.test(head)) return false;
    return !(spec.ddlOnly && DATA_STATEMENT.test(head));
  });
}

function stripLeadingComments(sql: string): string {
  return sql.replace(/^(\s+|--[^\n]*(\n|$)|\/\*[\s\S]*?\*\/)*/, '');
}

/**
 * Splits a psql script into statements on top-level semicolons. Understands '...' (and E'...' with
 * backslash escapes), "...", $tag$...$tag$, -- and nested /* comments, and drops psql meta-command
 * lines (a backslash at the start of a line outside any quote).
 */
export function splitPsqlScript(script: string): string[] {
  const out: string[] = [];
  let current = '';
  let i = 0;
  const n = script.length;
  const atLineStart = () => current.trim() === '' || script[i - 1] === '\n';
  while (i < n) {
    const ch = script[i];
    const next = script[i + 1];
    if (ch === '\\' && atLineStart()) {
      const end = script.indexOf('\n', i);
      i = end < 0 ? n : end + 1;
      continue;
    }
    if (ch === '-' && next === '-') {
      const end = script.indexOf('\n', i);
      const stop = end < 0 ? n : end + 1;
      current += script.slice(i, stop);
      i = stop;
      continue;
    }
    if (ch === '/' && next === '*') {
      let depth = 0;
      let j = i;
      while (j < n) {
        if (script[j] === '/' && script[j + 1] === '*') (depth++, (j += 2));
        else if (script[j] === '*' && script[j + 1] === '/') {
          depth--;
          j += 2;
          if (depth === 0) break;
        } else j++;
      }
      current += script.slice(i, j);
      i = j;
      continue;
    }
    if (ch === "'" || ch === '"') {
      const escapes = ch === "'" && /[eE]$/.test(current) && !/[\w$]$/.test(current.slice(0, -1));
      let j = i + 1;
      while (j < n) {
        if (escapes && script[j] === '\\') j += 2;
        else if (script[j] === ch && script[j + 1] === ch) j += 2;
        else if (script[j] === ch) break;
        else j++;
      }
      current += script.slice(i, j + 1);
      i = j + 1;
      continue;
    }
    if (ch === '$') {
      const tag = /^\$([A-Za-z_][A-Za-z0-9_]*)?\$/.exec(script.slice(i, i + 64));
      if (tag && !/[\w$]$/.test(current)) {
        const close = script.indexOf(tag[0], i + tag[0].length);
        const stop = close < 0 ? n : close + tag[0].length;
        current += script.slice(i, stop);
        i = stop;
        continue;
      }
    }
    if (ch === ';') {
      if (current.trim()) out.push(current.trim());
      current = '';
      i++;
      continue;
    }
    current += ch;
    i++;
  }
  if (stripLeadingComments(current).trim()) out.push(current.trim());
  return out;
}
