// node-sql-parser, required when first used: its grammars are megabytes of generated JavaScript that
// most sessions (PostgreSQL documents, no MySQL/SQL Server classification) never run, and the
// server bundle keeps them in files of their own (esbuild-vendor.mjs) so that starting costs nothing.
/* eslint-disable @typescript-eslint/no-require-imports -- lazy on purpose, see above */
import type * as Full from 'node-sql-parser';
import type * as MySql from 'node-sql-parser/build/mysql';
import type * as MariaDb from 'node-sql-parser/build/mariadb';
import type * as Tsql from 'node-sql-parser/build/transactsql';
import type * as Postgres from 'node-sql-parser/build/postgresql';

let full: typeof Full | undefined;
let mysql: typeof MySql | undefined;
let mariadb: typeof MariaDb | undefined;
let tsql: typeof Tsql | undefined;
let postgres: typeof Postgres | undefined;

/** Every grammar (the `database` option picks one per call). */
export const nspAllGrammars = (): typeof Full => (full ??= require('node-sql-parser') as typeof Full);
export const nspMysql = (): typeof MySql => (mysql ??= require('node-sql-parser/build/mysql') as typeof MySql);
export const nspMariaDb = (): typeof MariaDb => (mariadb ??= require('node-sql-parser/build/mariadb') as typeof MariaDb);
export const nspTransactSql = (): typeof Tsql => (tsql ??= require('node-sql-parser/build/transactsql') as typeof Tsql);
export const nspPostgres = (): typeof Postgres => (postgres ??= require('node-sql-parser/build/postgresql') as typeof Postgres);
