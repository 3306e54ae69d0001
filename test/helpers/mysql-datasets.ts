// Loads the published MySQL sample scripts of ../shared/datasets into sw_my_* databases on the test
// server, without editing the files: the scripts' own DROP/CREATE DATABASE and USE statements are
// skipped (the loader creates the target database and connects to it), `source`.x qualifiers are
// renamed to the target, and DELIMITER lines (Sakila's routines and triggers) are handled by the
// splitter, as the mysql command-line client would.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { createConnection } from 'mysql2/promise';
import { MYSQL_URL } from './services';

export const DATASETS = join(__dirname, '..', '..', '..', 'shared', 'datasets');

/** A mysql:// URL for another database on the test server. */
export function mysqlUrlFor(database: string): string {
  const u = new URL(MYSQL_URL);
  u.pathname = '/' + database;
  return u.toString();
}

/**
 * Splits a mysql-client script into statements. Honours quotes, comments and `DELIMITER x` lines;
 * comments are kept in the text (MariaDB runs versioned comments such as `/*!50705 …*\/`).
 */
export function splitMysqlScript(text: string): string[] {
  const out: string[] = [];
  let delimiter = ';';
  let start = 0;
  let i = 0;
  const push = (end: number) => {
    const stmt = text.slice(start, end);
    if (stripLeadingComments(stmt).trim()) out.push(stmt.trim());
  };
  while (i < text.length) {
    const c = text[i]!;
    const atLineStart = i === 0 || text[i - 1] === '\n';
    if (atLineStart && /^[ \t]*delimiter[ \t]/i.test(text.slice(i, i + 20)) && !stripLeadingComments(text.slice(start, i)).trim()) {
      const eol = text.indexOf('\n', i);
      const lineEnd = eol < 0 ? text.length : eol;
      delimiter = text.slice(i, lineEnd).trim().split(/\s+/)[1] ?? ';';
      i = start = lineEnd + 1;
      continue;
    }
    if (c === "'" || c === '"' || c === '`') {
      i = skipQuoted(text, i, c);
      continue;
    }
    if (c === '#' || (c === '-' && text[i + 1] === '-' && /\s/.test(text[i + 2] ?? ' '))) {
      const eol = text.indexOf('\n', i);
      i = eol < 0 ? text.length : eol + 1;
      continue;
    }
    if (c === '/' && text[i + 1] === '*') {
      const close = text.indexOf('*/', i + 2);
      i = close < 0 ? text.length : close + 2;
      continue;
    }
    if (text.startsWith(delimiter, i)) {
      push(i);
      i = start = i + delimiter.length;
      continue;
    }
    i++;
  }
  push(text.length);
  return out;
}

function skipQuoted(text: string, i: number, q: string): number {
  let j = i + 1;
  while (j < text.length) {
    const c = text[j]!;
    if (c === '\\' && q !== '`') j += 2;
    else if (c === q && text[j + 1] === q) j += 2;
    else if (c === q) return j + 1;
    else j++;
  }
  return j;
}

function stripLeadingComments(s: string): string {
  return s.replace(/^(\s+|--[^\n]*\n?|#[^\n]*\n?|\/\*(?!!)[\s\S]*?\*\/)+/, '');
}

/** The statements of `text` to run in `target`: the script's own database handling removed and renamed. */
export function retargetStatements(statements: string[], sourceDatabase: string, target: string): string[] {
  const own = /^(drop|create)\s+(database|schema)\b|^use\s/i;
  // `db`.x or db.x used as a qualifier (not inside a word such as an e-mail address).
  const qualifier = new RegExp('(^|[^\\w@.])(`' + sourceDatabase + '`|' + sourceDatabase + ')\\s*\\.(?=\\s*[`\\w])', 'gi');
  return statements.filter((s) => !own.test(stripLeadingComments(s))).map((s) => s.replace(qualifier, `$1\`${target}\`.`));
}

/** Drops and recreates `target`, then runs the scripts in it (batched, a few MB per round trip). */
export async function loadMysqlScripts(target: string, sourceDatabase: string, files: string[]): Promise<void> {
  // A guard against dropping a database that is not a test's own: every suite uses an sw_<suite>_ prefix.
  if (!/^sw_[a-z]+_\w+$/.test(target)) throw new Error(`test databases must be named sw_<suite>_*: ${target}`);
  const admin = await createConnection({ uri: MYSQL_URL });
  try {
    await admin.query(`DROP DATABASE IF EXISTS \`${target}\``);
    await admin.query(`CREATE DATABASE \`${target}\` CHARACTER SET utf8mb4`);
  } finally {
    await admin.end();
  }
  const conn = await createConnection({ uri: mysqlUrlFor(target), multipleStatements: true, charset: 'utf8mb4' });
  try {
    for (const file of files) {
      const text = await readFile(join(DATASETS, file), 'utf8');
      const statements = retargetStatements(splitMysqlScript(text), sourceDatabase, target);
      for (const batch of batches(statements, 2_000_000)) await conn.query(batch);
    }
    await conn.query('COMMIT');
  } finally {
    await conn.end();
  }
}

function* batches(statements: string[], maxChars: number): Generator<string> {
  let current: string[] = [];
  let size = 0;
  for (const s of statements) {
    if (size + s.length > maxChars && current.length) {
      yield current.join(';\n');
      current = [];
      size = 0;
    }
    current.push(s);
    size += s.length + 2;
  }
  if (current.length) yield current.join(';\n');
}

export const CHINOOK_DB = 'sw_my_chinook';
export const SAKILA_DB = 'sw_my_sakila';
export const NORTHWIND_DB = 'sw_my_northwind';

export const loadChinook = () => loadMysqlScripts(CHINOOK_DB, 'Chinook', ['chinook/chinook.mysql.sql']);
export const loadSakila = () => loadMysqlScripts(SAKILA_DB, 'sakila', ['sakila/sakila.mysql.schema.sql', 'sakila/sakila.mysql.data.sql']);
export const loadNorthwind = (withData = false) =>
  loadMysqlScripts(NORTHWIND_DB, 'northwind', ['northwind/northwind.mysql.schema.sql', ...(withData ? ['northwind/northwind.mysql.data.sql'] : [])]);

/** Drops sw_my_* databases made by a test. */
export async function dropMysqlDatabases(names: string[]): Promise<void> {
  const admin = await createConnection({ uri: MYSQL_URL });
  try {
    for (const n of names) if (n.startsWith('sw_my_')) await admin.query(`DROP DATABASE IF EXISTS \`${n}\``);
  } finally {
    await admin.end();
  }
}
